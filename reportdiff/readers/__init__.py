"""Format readers: the bytes of one input format → an :class:`Extracted` record of text lines.

One module per format (:mod:`~reportdiff.readers.text`, :mod:`~reportdiff.readers.docx`,
:mod:`~reportdiff.readers.pdf`, :mod:`~reportdiff.readers.html`), each exposing
``read(data, source, options) -> Extracted``; decoding and character clean-up they share live in
:mod:`~reportdiff.readers.decode` and :mod:`~reportdiff.readers.chars`. A reader only extracts:
what the layout or the format itself says (page starts, paragraph breaks, headings, table rows)
travels as fields of the record, and :mod:`reportdiff.repair` turns the lines into paragraphs for
every format alike. Readers import their heavy libraries inside ``read`` and turn every problem into
an :class:`~reportdiff.errors.InputError` naming the file and the fix.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportdiff.errors import UnsupportedFormat
from reportdiff.model import BlockKind
from reportdiff.options import Options


@dataclass(frozen=True, slots=True)
class Mark:
    """A line the format itself marks as structure (a docx heading style, an HTML ``<tr>``)."""

    line: int
    """0-based index into :attr:`Extracted.lines`."""
    kind: BlockKind
    level: int | None = None
    """Heading level the format gives (``Heading 2``, ``<h2>`` → 2), else None."""


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a reader hands to :func:`reportdiff.repair.repair`: lines and what the format knows.

    Line ``i`` (0-based) of :attr:`lines` is line ``i + 1`` of the source as the user cites it
    (a text file's line, a .docx paragraph or table row, a line of a PDF's text layer).
    """

    lines: tuple[str, ...]
    encoding: str | None = None
    """Text encoding used (None for binary formats)."""
    marks: tuple[Mark, ...] = ()
    """Lines the format marks as headings or table rows; repair keeps them as they are."""
    page_starts: tuple[int, ...] = ()
    """Lines that open a page of the layout (PDF): a footnote at a page foot ends before them."""
    indents: tuple[int, ...] = ()
    """Lines the source indents (a text file's leading white space: a first-line indent, or in
    text taken from a PDF, a page's first line)."""
    breaks: tuple[int, ...] = ()
    """Lines where the page layout shows a new paragraph starts (PDF: the line is indented, or
    the line before ends short of the right margin); empty when the format cannot tell. When
    given, repair follows them instead of guessing from the text."""
    warnings: tuple[str, ...] = ()
    """What the reader repaired or doubts (tracked changes accepted, bytes replaced...)."""


Reader = Callable[[bytes, str, Options], Extracted]

#: Input format → the module whose ``read`` reads it (imported only when a file needs it).
READERS: dict[str, str] = {
    "txt": "reportdiff.readers.text",
    "docx": "reportdiff.readers.docx",
    "pdf": "reportdiff.readers.pdf",
    "html": "reportdiff.readers.html",
}

EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

#: Extensions people try that we do not read, with the way to get a readable file.
KNOWN_UNSUPPORTED: dict[str, str] = {
    ".doc": "an old Word .doc file; open it in Word or WPS and save it as .docx",
    ".wps": "a WPS document; open it in WPS and save it as .docx",
    ".rtf": "an RTF document; open it in Word or WPS and save it as .docx",
    ".odt": "an OpenDocument text; save it as .docx",
    ".pages": "a Pages document; export it as .docx or PDF",
    ".ofd": "an OFD document; export it as PDF or save the text as .txt",
    ".png": "an image; run OCR first (e.g. ocrmypdf) and give the text or PDF",
    ".jpg": "an image; run OCR first (e.g. ocrmypdf) and give the text or PDF",
    ".jpeg": "an image; run OCR first (e.g. ocrmypdf) and give the text or PDF",
    ".xlsx": "a spreadsheet, not a report; give the report as .txt, .docx, .pdf or .html",
    ".xls": "a spreadsheet, not a report; give the report as .txt, .docx, .pdf or .html",
    ".zip": "an archive; unpack it and name the report inside",
    ".mht": "a web archive; save the page as HTML only (网页，仅HTML) or as .txt",
    ".mhtml": "a web archive; save the page as HTML only (网页，仅HTML) or as .txt",
}


def reader_for(fmt: str) -> Reader:
    """The ``read`` function of format ``fmt`` (a key of :data:`READERS`)."""
    module = importlib.import_module(READERS[fmt])
    read: Reader = module.read
    return read


def detect_format(source: str, data: bytes, options: Options) -> str:
    """The format to read ``source`` as: ``--from-format``, else its extension, else sniffed."""
    if options.input_format:
        if options.input_format not in READERS:
            raise UnsupportedFormat(
                source,
                f"unknown input format {options.input_format!r}",
                "use one of: " + ", ".join(sorted(READERS)),
            )
        return options.input_format
    suffix = Path(source).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if source == "-" or not suffix or not suffix[1:].isalpha():
        # Standard input, no extension, or a dotted name such as 报告.2024: look at the content.
        return sniff_format(data)
    if suffix in KNOWN_UNSUPPORTED:
        what, fix = KNOWN_UNSUPPORTED[suffix].split("; ", 1)
        raise UnsupportedFormat(source, f"unsupported file type {suffix!r} ({what})", fix)
    raise UnsupportedFormat(
        source,
        f"unsupported file type {suffix!r}",
        "give a .txt, .md, .docx, .pdf or .html file, or name the format with --from-format",
    )


def sniff_format(data: bytes) -> str:
    """Guess a format from content (for ``-`` and extension-less files): PDF and ZIP magic
    numbers, an HTML start; everything else is read as text (which refuses binaries).

    >>> sniff_format(b"%PDF-1.7 ..."), sniff_format(b"<!DOCTYPE html><html><p>"), sniff_format(b"")
    ('pdf', 'html', 'txt')
    """
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    html_start = (b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta")
    if head.startswith(html_start) and any(
        tag in data[:8192].lower() for tag in (b"<p", b"<div", b"<body", b"<html")
    ):
        return "html"
    return "txt"


def brief(exc: BaseException) -> str:
    """A library exception as a short one-line reason for a message."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:100]
