"""Repair stage: a reader's lines (:class:`~reportdiff.readers.Extracted`) → paragraphs.

Real reports arrive hard-wrapped (PDF text layers wrap every ~30 characters, often with blank lines
in between), with page numbers, footnote markers on their own lines, footnote bodies dropped in the
middle of a paragraph, and web-page chrome around the text. :func:`repair` runs the same named steps
for every format — clean, strip boilerplate, take out footnotes and page numbers, assemble
paragraphs — and keeps, for every piece of every paragraph, the source line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
from reportdiff.model import Block, BlockKind, Footnote
from reportdiff.readers import Extracted, Mark


@dataclass(frozen=True, slots=True)
class Repaired:
    """Paragraphs rebuilt from a reader's lines, the footnotes taken out, and what was done."""

    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = ()
    warnings: tuple[str, ...] = ()


def repair(extracted: Extracted) -> Repaired:
    """Rebuild paragraphs from raw lines.

    Handles hard wraps (joined back, each piece's source line kept in ``Block.line_starts``),
    words split across blank lines, page-number lines (``- 8 -``, ``第 8 页``), footnote markers
    and bodies (moved to footnotes), web-page chrome, zero-width and ideographic spaces, and
    tables in hard-wrapped text (one block per row, kind ``TABLE_ROW``). Lines the format marks
    (headings, table rows) stay blocks of their own. Layout breaks (a PDF's paragraph starts),
    when given, decide where paragraphs start instead of the text rules.
    """
    notes: list[str] = []
    lines = clean_lines(extracted)
    lines = strip_chrome(lines, notes)
    lines = drop_stray_tail(lines, notes)
    # Footnote bodies end at a page number, so page numbers go only after footnotes are out.
    lines, footnotes = take_footnotes(lines, notes)
    lines = drop_page_numbers(lines, notes)
    blocks = _Assembly(lines, frozenset(extracted.breaks)).run()
    joined = sum(1 for block in blocks if block.line_starts)
    if joined:
        notes.append(f"joined {joined} paragraphs that were broken across lines")
    return Repaired(tuple(blocks), tuple(footnotes), tuple(notes))


# --- limits -------------------------------------------------------------------------------------

#: The longest run of text without a sentence end a report may hold. Real reports stay under 500
#: characters (the longest sentence of the 70-report corpus); a run 10× longer is not a sentence
#: (text stripped of its punctuation, a binary decoded as text) and would cost every later stage
#: time that grows with its square.
LONGEST_SENTENCE = 5000


def longest_run(blocks: tuple[Block, ...]) -> tuple[int, int]:
    """(length, source line) of the longest run of text without a sentence end.

    >>> longest_run((Block("推进城市更新。实施两旧一村改造", 3, 3),))
    (8, 3)
    """
    best = (0, 0)
    for block in blocks:
        for run in _SENTENCE_RUN.finditer(block.text):
            if run.end() - run.start() > best[0]:
                best = (run.end() - run.start(), block.line_at(run.start()))
    return best


_SENTENCE_RUN = re.compile(f"[^{re.escape(SENTENCE_END)}]+")


# --- lines --------------------------------------------------------------------------------------


@dataclass
class _Line:
    """One cleaned source line on its way into a block."""

    text: str
    index: int
    """0-based source line."""
    page_start: bool = False
    """The layout starts a page with this line (PDF)."""
    indented: bool = False
    """The source indents this line (text files)."""
    mark: Mark | None = None
    """What the format says the line is (a heading, a table row), if it says."""
    force_join: bool = False
    """A footnote marker or page break was removed just before this line: it continues the text."""

    @property
    def opens(self) -> bool:
        """A page's first line or an indented one: either may open a new block (text taken
        from a PDF indents exactly its pages' first lines)."""
        return self.page_start or self.indented


def clean_lines(extracted: Extracted) -> list[_Line]:
    """Lines without invisible characters and odd spaces, blank lines dropped, each carrying what
    the reader knows of it (page start, indent, mark)."""
    page_starts = frozenset(extracted.page_starts)
    indents = frozenset(extracted.indents)
    marks = {mark.line: mark for mark in extracted.marks}
    lines: list[_Line] = []
    for index, raw in enumerate(extracted.lines):
        text = WIDE_SPACE.sub(" ", INVISIBLE.sub("", raw.replace("\r", ""))).strip()
        if text:
            lines.append(
                _Line(
                    text=text,
                    index=index,
                    page_start=index in page_starts,
                    indented=index in indents,
                    mark=marks.get(index),
                )
            )
    return lines


# --- boilerplate --------------------------------------------------------------------------------


#: Chrome stands at the edges of a page, in a few lines: never more than this many at either end.
CHROME_EDGE = 40


def strip_chrome(lines: list[_Line], notes: list[str]) -> list[_Line]:
    """Web-page navigation before the title and page tools after the end are not the report.

    Chrome is short and only at the edges: at most :data:`CHROME_EDGE` lines at either end, and
    never the whole text (a list of short lines is a list, not a page's tools)."""
    head = 0
    while head < min(len(lines), CHROME_EDGE + 1) and is_chrome(lines[head].text):
        head += 1
    if head > CHROME_EDGE or head == len(lines):
        head = 0
    if head:
        notes.append(
            f"dropped {head} lines of web-page navigation before the title "
            f"(lines {lines[0].index + 1}-{lines[head - 1].index + 1})"
        )
    tail = len(lines)
    while (
        tail > head
        and len(lines) - tail <= CHROME_EDGE
        and len(lines[tail - 1].text) <= 6
        and not any(ch in lines[tail - 1].text for ch in PARAGRAPH_END + "，,、")
    ):
        tail -= 1
    if (
        2 <= len(lines) - tail <= CHROME_EDGE
        and tail > head
        and any(is_chrome(line.text) for line in lines[tail:])
    ):
        notes.append(
            f"dropped {len(lines) - tail} lines of web-page tools after the end "
            f"(lines {lines[tail].index + 1}-{lines[-1].index + 1})"
        )
    else:
        tail = len(lines)
    return lines[head:tail]


def drop_stray_tail(lines: list[_Line], notes: list[str]) -> list[_Line]:
    """A last line that only repeats the start of an earlier paragraph (a copy-paste leftover with a
    broken character, seen in real extractions) is not part of the report."""
    if len(lines) < 3:
        return lines
    last = lines[-1].text
    probe = last[:20]
    if (
        ("\ufffd" in last or lines[-1].opens)
        and len(probe) >= 10
        and any(probe in line.text for line in lines[:-1])
    ):
        notes.append(f"dropped line {lines[-1].index + 1}: a stray fragment repeating earlier text")
        return lines[:-1]
    return lines


# --- footnotes and page numbers -----------------------------------------------------------------


def take_footnotes(lines: list[_Line], notes: list[str]) -> tuple[list[_Line], list[Footnote]]:
    """Take numbered footnotes out of the text.

    PDF layers put a footnote's marker on its own line (``1``) inside the sentence it annotates and
    the footnote's body (``1 “1+X+12”稳增长工作机制：…``) at the page foot, which lands in the
    middle of the next paragraph. Markers are recognised only in sequence (1, 2, 3…), and a body
    only when its marker has been seen, so table cells and wrapped lines that start with a number
    stay. Lines the format marks (headings, table rows) are never footnotes.
    """
    kept: list[_Line] = []
    footnotes: list[Footnote] = []
    next_marker = next_body = 1
    pending_join = False
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        if line.mark is not None:
            kept.append(line)
            i += 1
            continue
        if text == str(next_marker) and kept:
            next_marker += 1
            pending_join = True
            i += 1
            continue
        body = FOOTNOTE_BODY.match(text)
        if body and int(body.group(1)) == next_body and next_body < next_marker:
            footnote, i = _footnote_body(lines, i, body.group(1), body.group(2), next_marker)
            footnotes.append(footnote)
            next_body += 1
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


def _footnote_body(
    lines: list[_Line], start: int, marker: str, first: str, next_marker: int
) -> tuple[Footnote, int]:
    """The footnote whose body starts at ``lines[start]``, and the index after it: it runs to the
    next footnote's body, a page start or a page number."""
    parts = [first]
    j = start + 1
    while j < len(lines):
        follower = lines[j]
        if follower.opens or is_page_number(follower.text) or follower.mark is not None:
            break
        again = FOOTNOTE_BODY.match(follower.text)
        if again and int(again.group(1)) == int(marker) + 1 and int(marker) + 1 < next_marker:
            break
        parts.append(follower.text)
        j += 1
    joined = parts[0]
    for part in parts[1:]:
        joined += _glue(joined, part) + part
    return Footnote(marker=marker, text=joined, line=lines[start].index + 1), j


def drop_page_numbers(lines: list[_Line], notes: list[str]) -> list[_Line]:
    """Page-number lines (``- 8 -``, ``第 8 页``) are not text; a marked line always stays."""
    kept = [line for line in lines if line.mark is not None or not is_page_number(line.text)]
    if len(kept) < len(lines):
        notes.append(f"dropped {len(lines) - len(kept)} page-number lines")
    return kept


# --- paragraphs ---------------------------------------------------------------------------------


def _glue(before: str, after: str) -> str:
    """What goes between two joined pieces: a space between Latin words, else nothing."""
    return " " if is_latin(before[-1:]) and is_latin(after[:1]) else ""


@dataclass
class _Builder:
    """An open paragraph being assembled from source lines."""

    text: str
    line: int
    end_line: int
    starts: list[tuple[int, int]] = field(default_factory=list)
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int | None = None

    @classmethod
    def start(cls, line: _Line, kind: BlockKind = BlockKind.PARAGRAPH) -> _Builder:
        number = line.index + 1
        return cls(line.text, number, number, [(0, number)], kind=kind)

    def add(self, piece: str, line: int) -> None:
        glue = _glue(self.text, piece)
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


class _Assembly:
    """Joins cleaned lines into blocks: marked lines alone, table rows in hard-wrapped tables,
    paragraphs by the layout's breaks when the format gives them, else by the text rules."""

    def __init__(self, lines: list[_Line], breaks: frozenset[int]) -> None:
        self.lines = lines
        self.breaks = breaks
        self.width = wrap_width(lines)
        self.blocks: list[Block] = []
        self.current: _Builder | None = None
        self.previous: _Line | None = None
        self.in_table = False
        self.table_width = 0.0
        self.row_number = 0

    def run(self) -> list[Block]:
        for position, line in enumerate(self.lines):
            if line.mark is not None:
                self._marked(line, line.mark)
            elif self._is_caption(line):
                self._open_table(line, position)
            else:
                if self.in_table and not line.force_join and _table_ends(line):
                    self.in_table = False
                    self._close()
                if self.in_table:
                    self._table_line(line)
                else:
                    self._body_line(line)
        self._close()
        return self.blocks

    def _close(self) -> None:
        if self.current is not None:
            self.blocks.append(self.current.block())
        self.current, self.previous = None, None

    def _marked(self, line: _Line, mark: Mark) -> None:
        """A heading or table row the format marks: a block of its own, as the format has it."""
        self.in_table = False
        self._close()
        number = line.index + 1
        self.blocks.append(Block(line.text, number, number, kind=mark.kind, level=mark.level))

    def _is_caption(self, line: _Line) -> bool:
        return (
            self.width is not None
            and bool(TABLE_CAPTION.match(line.text))
            and display_width(line.text) < self.width
        )

    def _open_table(self, line: _Line, position: int) -> None:
        """A table caption (「表1 …」) in hard-wrapped text: the rows that follow are read as a
        table, one block per row."""
        self._close()
        self.in_table = True
        self.table_width = _table_width(self.lines, position + 1)
        self.row_number = 0
        self.current = _Builder.start(line, BlockKind.TABLE_ROW)
        self.previous = line

    def _table_line(self, line: _Line) -> None:
        assert self.current is not None and self.previous is not None
        if self._starts_row(line, self.previous):
            self.blocks.append(self.current.block())
            self.current = _Builder.start(line, BlockKind.TABLE_ROW)
        else:
            self.current.add(line.text, line.index + 1)
        self.previous = line

    def _starts_row(self, line: _Line, previous: _Line) -> bool:
        """Does ``line`` start a new row of the table, or continue a wrapped cell?"""
        text = line.text
        numbered = re.match(r"^(\d{1,3})(?:\s|$)", text)
        if line.force_join:
            return False
        if numbered and int(numbered.group(1)) == self.row_number + 1:
            self.row_number += 1  # 序号 1, 2, 3… of a numbered table
            return True
        if text[:1] in ITEM_BULLETS or line.opens or text.isdigit() or _SPACED_CELL.match(text):
            return True
        if previous.text[-1:] in MID_SENTENCE + "：:；;" or previous.text[-1:].isdigit():
            return False
        return display_width(previous.text) < self.table_width - 4

    def _body_line(self, line: _Line) -> None:
        current, previous = self.current, self.previous
        if current is not None and previous is not None and self._joins(current, previous, line):
            current.add(line.text, line.index + 1)
        else:
            self._close()
            self.current = _Builder.start(line)
        self.previous = line

    def _joins(self, current: _Builder, previous: _Line, line: _Line) -> bool:
        """Does ``line`` continue the open paragraph?"""
        if self.breaks:
            return line.index not in self.breaks or line.force_join
        if self.width is not None:
            return _join_wrapped(
                previous, line, self.width, is_structural(current.text), len(current.starts) == 1
            )
        return _join_whole(previous, line)


#: The narrowest column a hard-wrapped report is set in (text layers wrap at 25–40 cells): lines
#: all shorter than this are a list of short items, not a wrapped text.
MIN_WRAP = 12


def wrap_width(lines: list[_Line]) -> float | None:
    """The column width of a hard-wrapped text, or None when lines are whole paragraphs."""
    widths = sorted(display_width(line.text) for line in lines if len(line.text) > 1)
    if len(widths) < 20:
        return None
    width = widths[int(len(widths) * 0.9)]
    if not MIN_WRAP <= width <= 45:
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
        and not (line.opens or ITEM_START.match(line.text))
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


# --- tables in hard-wrapped text ----------------------------------------------------------------

#: A table cell written with spaces between its characters (「合 计」, 「序 号」).
_SPACED_CELL = re.compile(r"^[\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,3}$")


def _table_ends(line: _Line) -> bool:
    text = line.text
    return (is_structural(text) and not text.startswith(tuple(ITEM_BULLETS))) or bool(
        starts_with_topic_sentence(text) or CONNECTIVE.match(text)
    )


def _table_width(lines: list[_Line], start: int) -> float:
    """The widest line of the table that starts at ``start`` (its cells wrap at that width)."""
    widest = 0.0
    for line in lines[start:]:
        if _table_ends(line) or TABLE_CAPTION.match(line.text):
            break
        widest = max(widest, display_width(line.text))
    return widest
