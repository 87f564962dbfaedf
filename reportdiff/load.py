"""Load stage: a path (or ``-``) → :class:`~reportdiff.model.Document`.

Reading is split in two: a *reader* per format turns bytes into plain text lines (``READERS``), then
:func:`repair` rebuilds the paragraphs a person sees (hard wraps joined, page numbers dropped...),
keeping each paragraph's original line numbers.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportdiff.errors import EmptyInput, InputError, UnsupportedFormat
from reportdiff.grammar import (
    BRACKET_NOTE,
    CLOSERS,
    CONNECTIVE,
    FOOTNOTE_BODY,
    FULL_STOP,
    INVISIBLE,
    ITEM_BULLETS,
    ITEM_START,
    MID_SENTENCE,
    PARAGRAPH_END,
    SENTENCE_END,
    TABLE_CAPTION,
    WIDE_SPACE,
    display_width,
    ends_paragraph,
    is_chrome,
    is_latin,
    is_page_number,
    is_structural,
    starts_with_topic_sentence,
)
from reportdiff.model import Block, BlockKind, Document, Footnote
from reportdiff.options import Options


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a format reader hands to :func:`repair`."""

    lines: tuple[str, ...]
    """Text lines; line ``i`` (0-based) is source line ``i + 1``."""
    encoding: str | None
    hints: tuple[tuple[int, BlockKind, int | None], ...] = ()
    """(0-based line, kind, level) for lines the format itself marks (docx headings, tables)."""
    warnings: tuple[str, ...] = ()
    breaks: tuple[int, ...] = ()
    """0-based lines where the page layout shows a new paragraph starts (PDF: the line is indented,
    or the line before ends short of the right margin); empty when the format cannot tell. A
    layout hint repair() may use."""


Reader = Callable[[bytes, str, Options], Extracted]

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


def _readers() -> dict[str, Reader]:
    from reportdiff import formats

    return {
        "txt": formats.read_txt,
        "docx": formats.read_docx,
        "pdf": formats.read_pdf,
        "html": formats.read_html,
    }


def detect_format(source: str, data: bytes, options: Options) -> str:
    """The format to read ``source`` as: ``--from-format``, else its extension, else sniffed."""
    if options.input_format:
        if options.input_format not in set(EXTENSIONS.values()):
            raise UnsupportedFormat(
                source,
                f"unknown input format {options.input_format!r}",
                "use one of: " + ", ".join(sorted(set(EXTENSIONS.values()))),
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
    numbers, an HTML start; everything else is read as text (which refuses binaries)."""
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
    extracted = _readers()[fmt](data, name, options)
    blocks, footnotes, notes = repair(extracted.lines, extracted.hints, breaks=extracted.breaks)
    if not blocks:
        raise EmptyInput(name, "no text found in the file", "give a report with text in it")
    return Document(
        source=source,
        fmt=fmt,
        encoding=extracted.encoding,
        blocks=tuple(blocks),
        footnotes=tuple(footnotes),
        warnings=tuple(extracted.warnings) + tuple(notes),
    )


# --- repair -------------------------------------------------------------------------------------
#
# Real reports arrive hard-wrapped (PDF text layers wrap every ~30 characters, often with blank
# lines in between), with page numbers, footnote markers on their own lines, footnote bodies dropped
# in the middle of a paragraph, and web-page chrome around the text. repair() turns such lines back
# into the paragraphs a reader sees, recording which source line each piece came from.

#: A table cell written with spaces between its characters (「合 计」, 「序 号」).
_SPACED_CELL = re.compile(r"^[\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,3}$")


@dataclass
class _Line:
    """One cleaned source line on its way into a block."""

    text: str
    index: int
    new_page: bool = False
    """The line started with white space: in PDF text layers, the first line of a page."""
    force_join: bool = False
    """A footnote marker or page break was removed just before this line: it continues the text."""


@dataclass
class _Builder:
    """An open paragraph being assembled from source lines."""

    text: str
    line: int
    end_line: int
    starts: list[tuple[int, int]]
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int | None = None

    def add(self, piece: str, line: int) -> None:
        glue = " " if is_latin(self.text[-1:]) and is_latin(piece[:1]) else ""
        self.starts.append((len(self.text) + len(glue), line))
        self.text += glue + piece
        self.end_line = line

    def block(self) -> Block:
        starts = tuple(self.starts) if len(self.starts) > 1 else ()
        return Block(
            text=self.text,
            line=self.line,
            end_line=self.end_line,
            kind=self.kind,
            level=self.level,
            line_starts=starts,
        )


def _clean(raw: str) -> tuple[str, bool]:
    """Drop invisible characters and odd spaces; report whether the line was indented."""
    text = INVISIBLE.sub("", raw.replace("\r", ""))
    text = WIDE_SPACE.sub(" ", text)
    indented = text[:1] == " "
    return text.strip(), indented


def _strip_chrome(lines: list[_Line], notes: list[str]) -> list[_Line]:
    """Web-page navigation before the title and page tools after the end are not the report."""
    head = 0
    while head < len(lines) and is_chrome(lines[head].text):
        head += 1
    if head:
        notes.append(
            f"dropped {head} lines of web-page navigation before the title "
            f"(lines {lines[0].index + 1}-{lines[head - 1].index + 1})"
        )
    tail = len(lines)
    while (
        tail > head
        and len(lines[tail - 1].text) <= 6
        and not any(ch in lines[tail - 1].text for ch in PARAGRAPH_END + "，,、")
    ):
        tail -= 1
    if len(lines) - tail >= 2 and any(is_chrome(line.text) for line in lines[tail:]):
        notes.append(
            f"dropped {len(lines) - tail} lines of web-page tools after the end "
            f"(lines {lines[tail].index + 1}-{lines[-1].index + 1})"
        )
    else:
        tail = len(lines)
    return lines[head:tail]


def _footnotes(lines: list[_Line], notes: list[str]) -> tuple[list[_Line], list[Footnote]]:
    """Take numbered footnotes out of the text.

    PDF layers put a footnote's marker on its own line (``1``) inside the sentence it annotates and
    the footnote's body (``1 “1+X+12”稳增长工作机制：…``) at the page foot, which lands in the
    middle of the next paragraph. Markers are recognised only in sequence (1, 2, 3…), and a body
    only when its marker has been seen, so table cells and wrapped lines that start with a number
    stay.
    """
    kept: list[_Line] = []
    footnotes: list[Footnote] = []
    next_marker = next_body = 1
    pending_join = False
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        if text == str(next_marker) and kept:
            next_marker += 1
            pending_join = True
            i += 1
            continue
        body = FOOTNOTE_BODY.match(text)
        if body and int(body.group(1)) == next_body and next_body < next_marker:
            parts = [body.group(2)]
            j = i + 1
            while j < len(lines):
                follower = lines[j]
                if follower.new_page or is_page_number(follower.text):
                    break
                again = FOOTNOTE_BODY.match(follower.text)
                if again and int(again.group(1)) == next_body + 1 and next_body + 1 < next_marker:
                    break
                parts.append(follower.text)
                j += 1
            joined = parts[0]
            for part in parts[1:]:
                joined += (" " if is_latin(joined[-1:]) and is_latin(part[:1]) else "") + part
            footnotes.append(Footnote(marker=body.group(1), text=joined, line=line.index + 1))
            next_body += 1
            i = j
            continue
        bracket = BRACKET_NOTE.match(text)
        if bracket:
            footnotes.append(
                Footnote(marker=f"[{bracket.group(1)}]", text=bracket.group(2), line=line.index + 1)
            )
            i += 1
            continue
        if pending_join:
            line.force_join = True
            pending_join = False
        kept.append(line)
        i += 1
    if footnotes:
        notes.append(f"kept {len(footnotes)} footnotes apart from the body text")
    # Inline [n] markers whose footnote we hold are dropped from the body (the footnote keeps them).
    brackets = {f.marker for f in footnotes if f.marker.startswith("[")}
    if brackets:
        for line in kept:
            for marker in brackets:
                line.text = line.text.replace(marker, "")
    return kept, footnotes


def _wrap_width(lines: list[_Line]) -> float | None:
    """The column width of a hard-wrapped text, or None when lines are whole paragraphs."""
    widths = sorted(display_width(line.text) for line in lines if len(line.text) > 1)
    if len(widths) < 20:
        return None
    width = widths[int(len(widths) * 0.9)]
    if width > 45:
        return None
    full = sum(1 for w in widths if w >= width - 3)
    return width if full >= 0.4 * len(widths) else None


def _join_wrapped(prev: _Line, line: _Line, width: float, in_heading: bool, alone: bool) -> bool:
    """Does ``line`` continue the paragraph that ``prev`` ends, in a hard-wrapped text?

    A heading continues only when its line is full (a wrapped heading); body text continues after a
    full line, after a line broken mid-sentence, or between two longer lines.
    """
    if line.force_join:
        return True
    if is_structural(line.text):
        return False
    full = display_width(prev.text) >= width - 2.5
    if in_heading:
        # A wrapped heading: its line is full, or its last word lands alone on the next line.
        return full or (
            display_width(line.text) <= 6
            and not any(ch in line.text for ch in PARAGRAPH_END + "，,")
            and not ends_paragraph(prev.text)
        )
    if (
        full
        and prev.text[-1:] in FULL_STOP
        and starts_with_topic_sentence(line.text)
        and display_width(line.text) <= width - 1.5
        and not (line.new_page or ITEM_START.match(line.text))
    ):
        # A full line that ends a sentence, then a narrower line (the first-line indent was lost)
        # opening with a short topic sentence: a new paragraph (「…首批“科创街区”。」 /
        # 「抓牢改革关键一招。…」).
        return False
    if (
        full
        and ends_paragraph(prev.text)
        and display_width(line.text) < 0.5 * width
        and not any(ch in line.text for ch in PARAGRAPH_END + "，,、")
    ):
        # A short line without punctuation after a finished sentence is a title, not a tail.
        return False
    if full or prev.text[-1:] in MID_SENTENCE:
        return True
    if ends_paragraph(prev.text):
        return False
    if display_width(prev.text) < 0.75 * width and (
        alone or display_width(line.text) < 0.75 * width
    ):
        # A short line on its own (a title, a date line) is not the start of a wrapped paragraph;
        # a short piece inside one (「。建」 after a footnote marker) is.
        return False
    return True


def _join_whole(prev: _Line, line: _Line) -> bool:
    """Does ``line`` continue ``prev`` in a text whose lines are normally whole paragraphs?

    Only a line broken mid-sentence is joined: it has a sentence end inside (or is long) and does
    not end with one, e.g. 「…直播经济集聚区。滚」 + 「动推进100项…」. Short headline lines
    stay apart.
    """
    if line.force_join:
        return True
    if is_structural(line.text) or ends_paragraph(prev.text) or prev.text[-1:] in CLOSERS:
        return False
    inner_end = any(ch in prev.text[:-1] for ch in SENTENCE_END)
    return inner_end or len(prev.text) > 60


def _table_ends(line: _Line) -> bool:
    text = line.text
    return (is_structural(text) and not text.startswith(tuple(ITEM_BULLETS))) or bool(
        starts_with_topic_sentence(text) or CONNECTIVE.match(text)
    )


def repair(
    lines: tuple[str, ...],
    hints: tuple[tuple[int, BlockKind, int | None], ...] = (),
    *,
    breaks: tuple[int, ...] = (),
) -> tuple[list[Block], list[Footnote], list[str]]:
    """Rebuild paragraphs from raw lines; returns blocks, footnotes and notes on what was repaired.

    Handles hard wraps (joined back, each piece's source line kept in ``Block.line_starts``),
    words split across blank lines, page-number lines (``- 8 -``, ``第 8 页``), footnote markers
    and bodies (moved to footnotes), web-page chrome, zero-width and ideographic spaces, and
    tables in hard-wrapped text (one block per row, kind ``TABLE_ROW``).

    ``breaks`` (0-based line indexes, from a PDF's layout: an indented line, or one after a line
    ending short of the margin) are where paragraphs start; when given, they decide what a text
    rule would otherwise have to guess.
    """
    layout_breaks = frozenset(breaks)
    hinted = {index: (kind, level) for index, kind, level in hints}
    notes: list[str] = []
    cleaned: list[_Line] = []
    for index, raw in enumerate(lines):
        text, indented = _clean(raw)
        if not text:
            continue
        cleaned.append(_Line(text=text, index=index, new_page=indented))
    if hinted:
        # The format marked its own structure (docx, html): trust its paragraphs as they are.
        format_blocks: list[Block] = []
        for line in cleaned:
            if is_page_number(line.text) and line.index not in hinted:
                continue
            kind, level = hinted.get(line.index, (BlockKind.PARAGRAPH, None))
            format_blocks.append(
                Block(
                    text=line.text,
                    line=line.index + 1,
                    end_line=line.index + 1,
                    kind=kind,
                    level=level,
                )
            )
        return format_blocks, [], notes
    cleaned = _strip_chrome(cleaned, notes)
    cleaned = _drop_stray_tail(cleaned, notes)
    # Footnote bodies end at a page number, so page numbers go only after footnotes are out.
    cleaned, footnotes = _footnotes(cleaned, notes)
    page_numbers = [line for line in cleaned if is_page_number(line.text)]
    if page_numbers:
        notes.append(f"dropped {len(page_numbers)} page-number lines")
        cleaned = [line for line in cleaned if not is_page_number(line.text)]
    width = _wrap_width(cleaned)
    blocks: list[Block] = []
    current: _Builder | None = None
    previous: _Line | None = None
    in_table = False
    table_width = 0.0
    row_number = 0
    for position, line in enumerate(cleaned):
        text = line.text
        if width is not None and TABLE_CAPTION.match(text) and display_width(text) < width:
            in_table = True
            table_width = _table_width(cleaned, position + 1)
            row_number = 0
            if current:
                blocks.append(current.block())
            current = _Builder(
                text,
                line.index + 1,
                line.index + 1,
                [(0, line.index + 1)],
                kind=BlockKind.TABLE_ROW,
            )
            previous = line
            continue
        if in_table and not line.force_join and _table_ends(line):
            in_table = False
            if current:
                blocks.append(current.block())
            current, previous = None, None
        if in_table:
            assert current is not None and previous is not None
            numbered = re.match(r"^(\d{1,3})(?:\s|$)", text)
            if line.force_join:
                row_start = False
            elif numbered and int(numbered.group(1)) == row_number + 1:
                row_start = True  # 序号 1, 2, 3… of a numbered table
                row_number += 1
            elif (
                text[:1] in ITEM_BULLETS
                or line.new_page
                or text.isdigit()
                or _SPACED_CELL.match(text)
            ):
                row_start = True
            elif previous.text[-1:] in MID_SENTENCE + "：:；;" or previous.text[-1:].isdigit():
                row_start = False
            else:
                row_start = display_width(previous.text) < table_width - 4
            if row_start:
                blocks.append(current.block())
                current = _Builder(
                    text,
                    line.index + 1,
                    line.index + 1,
                    [(0, line.index + 1)],
                    kind=BlockKind.TABLE_ROW,
                )
            else:
                current.add(text, line.index + 1)
            previous = line
            continue
        if layout_breaks and current is not None and previous is not None:
            join = line.index not in layout_breaks or line.force_join
        elif current is not None and previous is not None:
            join = (
                _join_wrapped(
                    previous, line, width, is_structural(current.text), len(current.starts) == 1
                )
                if width is not None
                else _join_whole(previous, line)
            )
        else:
            join = False
        if join:
            assert current is not None
            current.add(text, line.index + 1)
        else:
            if current:
                blocks.append(current.block())
            current = _Builder(text, line.index + 1, line.index + 1, [(0, line.index + 1)])
        previous = line
    if current:
        blocks.append(current.block())
    joined = sum(1 for block in blocks if block.line_starts)
    if joined:
        notes.append(f"joined {joined} paragraphs that were broken across lines")
    return blocks, footnotes, notes


def _table_width(lines: list[_Line], start: int) -> float:
    """The widest line of the table that starts at ``start`` (its cells wrap at that width)."""
    widest = 0.0
    for line in lines[start:]:
        if _table_ends(line) or TABLE_CAPTION.match(line.text):
            break
        widest = max(widest, display_width(line.text))
    return widest


def _drop_stray_tail(lines: list[_Line], notes: list[str]) -> list[_Line]:
    """A last line that only repeats the start of an earlier paragraph (a copy-paste leftover with a
    broken character, seen in real extractions) is not part of the report."""
    if len(lines) < 3:
        return lines
    last = lines[-1].text
    probe = last[:20]
    if (
        ("\ufffd" in last or lines[-1].new_page)
        and len(probe) >= 10
        and any(probe in line.text for line in lines[:-1])
    ):
        notes.append(f"dropped line {lines[-1].index + 1}: a stray fragment repeating earlier text")
        return lines[:-1]
    return lines
