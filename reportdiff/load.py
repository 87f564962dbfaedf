"""Load stage: a path (or ``-``) → :class:`~reportdiff.model.Document`.

Loading reads the bytes (with a size limit), picks the reader for the format
(:mod:`reportdiff.readers`) and hands its lines to :func:`~reportdiff.repair.repair`, which rebuilds
the paragraphs a person sees while keeping each paragraph's original line numbers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO

from reportdiff.errors import EmptyInput, InputError
from reportdiff.model import Document
from reportdiff.options import Options
from reportdiff.readers import detect_format, reader_for
from reportdiff.repair import repair

STDIN_NAME = "<stdin>"
"""How messages name standard input (``-``)."""


def display_name(source: str) -> str:
    """The name of ``source`` in messages: ``-`` is shown as ``<stdin>``."""
    return STDIN_NAME if source == "-" else source


def read_bytes(source: str, options: Options, stdin: BinaryIO | None = None) -> bytes:
    """Read the raw bytes of ``source``, turning every OS problem into an :class:`InputError`."""
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            data = stream.read(options.max_bytes + 1)
        except OSError as exc:
            raise InputError(
                STDIN_NAME,
                f"cannot be read ({exc.strerror or exc})",
                "pipe a report into it, or name a file",
            ) from None
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
                    source,
                    f"file is {size:,} bytes, over the {options.max_bytes:,}-byte limit",
                    "split the report, or raise the limit with --max-bytes",
                )
            data = path.read_bytes()
        except PermissionError:
            raise InputError(source, "permission denied", "make the file readable") from None
        except OSError as exc:
            raise InputError(source, f"cannot be read ({exc.strerror})", "check the file") from None
    if len(data) > options.max_bytes:
        raise InputError(
            display_name(source),
            f"input is over the {options.max_bytes:,}-byte limit",
            "split the report, or raise the limit with --max-bytes",
        )
    return data


def load(
    source: str | os.PathLike[str], *, options: Options | None = None, stdin: BinaryIO | None = None
) -> Document:
    """Read a report from a path (or ``-``) into a repaired :class:`Document`."""
    options = options or Options()
    name = os.fspath(source)
    data = read_bytes(name, options, stdin)
    return load_bytes(data, source=name, options=options)


def load_bytes(data: bytes, *, source: str, options: Options | None = None) -> Document:
    """Like :func:`load` for bytes already in memory; ``source`` names them in messages."""
    options = options or Options()
    name = display_name(source)
    if not data:
        raise EmptyInput(name, "file is empty", "give a report with text in it")
    fmt = detect_format(source, data, options)
    extracted = reader_for(fmt)(data, name, options)
    repaired = repair(extracted)
    if not repaired.blocks:
        raise EmptyInput(name, "no text found in the file", "give a report with text in it")
    return Document(
        source=source,
        fmt=fmt,
        encoding=extracted.encoding,
        blocks=repaired.blocks,
        footnotes=repaired.footnotes,
        warnings=extracted.warnings + repaired.warnings,
    )
