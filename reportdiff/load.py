"""Load stage: a path (or ``-``) → :class:`~reportdiff.model.Document`.

Loading reads the bytes (with a size limit), picks the reader for the format
(:mod:`reportdiff.readers`) and hands its lines to :func:`~reportdiff.repair.repair`, which rebuilds
the paragraphs a person sees while keeping each paragraph's original line numbers.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from reportdiff.errors import EmptyInput, InputError
from reportdiff.model import Document
from reportdiff.options import Options
from reportdiff.readers import detect_format, reader_for
from reportdiff.repair import LONGEST_SENTENCE, Repaired, longest_run, repair

#: Text beyond ``max_bytes / TEXT_CHARS_RATIO`` characters is refused (about 1 M characters with
#: the default limit, ten times the longest real report): later stages take about a minute on
#: such an input, and longer inputs are not single reports.
TEXT_CHARS_RATIO = 20

STDIN_NAME = "<stdin>"
"""How messages name standard input (``-``)."""


def display_name(source: str) -> str:
    """The name of ``source`` in messages: ``-`` is shown as ``<stdin>``."""
    return STDIN_NAME if source == "-" else source


def read_bytes(source: str, options: Options, stdin: BinaryIO | None = None) -> bytes:
    """Read the raw bytes of ``source``, at most ``options.max_bytes`` of them, turning every OS
    problem into an :class:`InputError`.

    The limit is kept by reading at most one byte more than it allows, never by trusting the size
    the file system reports: a pipe, ``/dev/zero`` or a file still being written has no true size.
    """
    if source == "-":
        data = _read_stdin(options, stdin)
    else:
        data = _read_file(source, options)
    if len(data) > options.max_bytes:
        raise InputError(
            display_name(source),
            f"input is over the {options.max_bytes:,}-byte limit",
            "split the report, or raise the limit with --max-bytes",
        )
    return data


def _read_stdin(options: Options, stdin: BinaryIO | None) -> bytes:
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(STDIN_NAME, "is closed", "pipe a report into it, or name a file")
    try:
        return stream.read(options.max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: a closed stream
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(
            STDIN_NAME, f"cannot be read ({reason})", "pipe a report into it, or name a file"
        ) from None


def _read_file(source: str, options: Options) -> bytes:
    path = Path(source)
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, "is a directory")
            if stat.S_ISREG(info.st_mode) and info.st_size > options.max_bytes:
                raise InputError(
                    source,
                    f"file is {info.st_size:,} bytes, over the {options.max_bytes:,}-byte limit",
                    "split the report, or raise the limit with --max-bytes",
                )
            return handle.read(options.max_bytes + 1)
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(
                source, "is a broken symbolic link", "point the link at the report"
            ) from None
        raise InputError(source, "no such file", "check the path") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory, not a report", "name a file inside it") from None
    except PermissionError:
        raise InputError(source, "permission denied", "make the file readable") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(
                source, "is a loop of symbolic links", "point the link at the report"
            ) from None
        reason = exc.strerror or type(exc).__name__
        raise InputError(source, f"cannot be read ({reason})", "check the file") from None


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
    check_size(repaired, name, options)
    return Document(
        source=source,
        fmt=fmt,
        encoding=extracted.encoding,
        blocks=repaired.blocks,
        footnotes=repaired.footnotes,
        warnings=extracted.warnings + repaired.warnings,
    )


def check_size(repaired: Repaired, name: str, options: Options) -> None:
    """Refuse text that no later stage could compare in reasonable time: more characters than
    ``max_bytes / TEXT_CHARS_RATIO``, or a run longer than any sentence of a report."""
    limit = options.max_bytes // TEXT_CHARS_RATIO
    chars = sum(len(block.text) for block in repaired.blocks)
    if chars > limit:
        raise InputError(
            name,
            f"holds {chars:,} characters of text, over the {limit:,} a report comparison takes "
            f"(1 per {TEXT_CHARS_RATIO} bytes of --max-bytes)",
            "split the report, or raise the limit with --max-bytes",
        )
    length, line = longest_run(repaired.blocks)
    if length > LONGEST_SENTENCE:
        raise InputError(
            name,
            f"line {line} runs {length:,} characters without a sentence end (。！？；), "
            f"over the {LONGEST_SENTENCE:,} of the longest sentence a report may have",
            "give the report's text with its punctuation",
        )
