"""Paragraph assembly: lines joined into the blocks a reader sees, tables into rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportdiff.grammar import (
    CLOSERS,
    CONNECTIVE,
    FULL_STOP,
    ITEM_BULLETS,
    ITEM_START,
    MID_SENTENCE,
    PARAGRAPH_END,
    SENTENCE_END,
    TABLE_CAPTION,
    display_width,
    ends_paragraph,
    is_latin,
    is_structural,
    starts_with_topic_sentence,
)
from reportdiff.model import Block, BlockKind
from reportdiff.readers import Mark
from reportdiff.repair.lines import Line


def glue(before: str, after: str) -> str:
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
    def start(cls, line: Line, kind: BlockKind = BlockKind.PARAGRAPH) -> _Builder:
        number = line.index + 1
        return cls(line.text, number, number, [(0, number)], kind=kind)

    def add(self, piece: str, line: int) -> None:
        space = glue(self.text, piece)
        self.starts.append((len(self.text) + len(space), line))
        self.text += space + piece
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


class Assembly:
    """Joins cleaned lines into blocks: marked lines alone, table rows in hard-wrapped tables,
    paragraphs by the layout's breaks when the format gives them, else by the text rules."""

    def __init__(self, lines: list[Line], breaks: frozenset[int]) -> None:
        self.lines = lines
        self.breaks = breaks
        self.width = wrap_width(lines)
        self.spaced = blank_separated(lines)
        self.blank_ends = self.width is not None and blanks_end_paragraphs(lines, self.width)
        self.blocks: list[Block] = []
        self.current: _Builder | None = None
        self.previous: Line | None = None
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

    def _marked(self, line: Line, mark: Mark) -> None:
        """A heading or table row the format marks: a block of its own, as the format has it."""
        self.in_table = False
        self._close()
        number = line.index + 1
        self.blocks.append(Block(line.text, number, number, kind=mark.kind, level=mark.level))

    def _is_caption(self, line: Line) -> bool:
        """A table caption (「表1 产业发展进展情况」): short, on a line of its own."""
        return bool(TABLE_CAPTION.match(line.text)) and display_width(line.text) < (
            self.width or CAPTION_WIDTH
        )

    def _open_table(self, line: Line, position: int) -> None:
        """A table caption (「表1 …」): the lines that follow are read as the table's rows, one
        block per row, until a heading or paragraph after the table (:func:`_table_ends`)."""
        self._close()
        self.in_table = True
        self.table_width = _table_width(self.lines, position + 1)
        self.row_number = 0
        self.current = _Builder.start(line, BlockKind.TABLE_ROW)
        self.previous = line

    def _table_line(self, line: Line) -> None:
        assert self.current is not None and self.previous is not None
        if self._starts_row(line, self.previous):
            self.blocks.append(self.current.block())
            self.current = _Builder.start(line, BlockKind.TABLE_ROW)
        else:
            self.current.add(line.text, line.index + 1)
        self.previous = line

    def _starts_row(self, line: Line, previous: Line) -> bool:
        """Does ``line`` start a new row of the table, or continue a wrapped cell?"""
        text = line.text
        numbered = re.match(r"^(\d{1,3})(?:\s|$)", text)
        if line.force_join:
            return False
        if self.width is None:
            return True  # lines are whole: each is a row
        if self.blank_ends:  # rows, like paragraphs, end at a blank line (or a new bullet)
            return line.after_blank or text[:1] in ITEM_BULLETS
        if numbered and int(numbered.group(1)) == self.row_number + 1:
            self.row_number += 1  # 序号 1, 2, 3… of a numbered table
            return True
        if text[:1] in ITEM_BULLETS or line.opens or text.isdigit() or _SPACED_CELL.match(text):
            return True
        if previous.text[-1:] in MID_SENTENCE + "：:；;" or previous.text[-1:].isdigit():
            return False
        return display_width(previous.text) < self.table_width - 4

    def _body_line(self, line: Line) -> None:
        current, previous = self.current, self.previous
        if current is not None and previous is not None and self._joins(current, previous, line):
            current.add(line.text, line.index + 1)
        else:
            self._close()
            self.current = _Builder.start(line)
        self.previous = line

    def _joins(self, current: _Builder, previous: Line, line: Line) -> bool:
        """Does ``line`` continue the open paragraph?"""
        if self.breaks:
            return line.index not in self.breaks or line.force_join
        if self.blank_ends and line.after_blank and not line.force_join:
            # A blank line ends the paragraph, unless a sentence was cut across it (the line
            # before has a sentence end inside and none at its end: 「…集聚区。滚」 / 「动推进…」).
            return _join_whole(previous, line)
        if self.width is not None:
            return _join_wrapped(
                previous, line, self.width, is_structural(current.text), len(current.starts) == 1
            )
        if self.spaced and _continues_after_link_break(current.text, line):
            return True
        return _join_whole(previous, line)


#: The widest a table caption on a line of its own is, in text whose lines are whole paragraphs.
CAPTION_WIDTH = 30


def blanks_end_paragraphs(lines: list[Line], width: float) -> bool:
    """In a hard-wrapped text, do blank lines stand only between paragraphs? Then a paragraph
    (or a table row) ends wherever a blank line is. Text layers often put a blank line after
    every wrapped line instead; it tells by the full lines (which a paragraph continues after): in
    a text that keeps blank lines for paragraph ends, hardly any full line is followed by one."""
    after_full = [
        line.after_blank
        for prev, line in zip(lines, lines[1:], strict=False)
        if display_width(prev.text) >= width - 2.5
    ]
    gaps = sum(1 for line in lines[1:] if line.after_blank)
    return len(after_full) >= 10 and gaps >= 5 and sum(after_full) <= 0.1 * len(after_full)


def blank_separated(lines: list[Line]) -> bool:
    """Are the text's paragraphs set apart by blank lines? Told by where paragraphs end: after a
    line that ends one (。！？；：), the next line follows a blank line nearly always. Then a line
    that follows its predecessor directly was broken off it, not a paragraph of its own."""
    after_end = [
        line.after_blank
        for prev, line in zip(lines, lines[1:], strict=False)
        if ends_paragraph(prev.text)
    ]
    return len(after_end) >= 5 and sum(after_end) >= 0.8 * len(after_end)


#: Marks a continuation line may open with: closing quotes and brackets, and clause punctuation.
_CONTINUATION_START = CLOSERS + "，,、。；;：:！？!?…—"


def _continues_after_link_break(paragraph: str, line: Line) -> bool:
    """In text whose paragraphs are blank-separated, does ``line`` continue ``paragraph``, broken
    off mid-sentence? Wikisource copies start a new line at every wiki link
    (「…正式明确」 / 「习近平」 / 「总书记…」, 「…（PM」 / 「2.5」 / 「）浓度…」): such a line
    follows
    directly (no blank line, no indent), the paragraph so far has not ended, is running text (it
    has clause punctuation; a title has none) or ends on an opening mark (「三、关于《」), or the
    line opens with a closing mark; and the line is no heading (a heading may be continued: its
    links break it too)."""
    if line.after_blank or line.indented or line.mark is not None:
        return False
    if ends_paragraph(paragraph) or is_structural(line.text):
        return False
    running = any(ch in paragraph for ch in "，,、；;：:。")
    return running or paragraph[-1:] in MID_SENTENCE or line.text[:1] in _CONTINUATION_START


#: The narrowest column a hard-wrapped report is set in (text layers wrap at 25–40 cells): lines
#: all shorter than this are a list of short items, not a wrapped text.
MIN_WRAP = 12


def wrap_width(lines: list[Line]) -> float | None:
    """The column width of a hard-wrapped text, or None when lines are whole paragraphs."""
    widths = sorted(display_width(line.text) for line in lines if len(line.text) > 1)
    if len(widths) < 20:
        return None
    width = widths[int(len(widths) * 0.9)]
    if not MIN_WRAP <= width <= 45:
        return None
    full = sum(1 for w in widths if w >= width - 3)
    return width if full >= 0.4 * len(widths) else None


def _join_wrapped(prev: Line, line: Line, width: float, in_heading: bool, alone: bool) -> bool:
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


def _join_whole(prev: Line, line: Line) -> bool:
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


def _table_ends(line: Line) -> bool:
    text = line.text
    return (is_structural(text) and not text.startswith(tuple(ITEM_BULLETS))) or bool(
        starts_with_topic_sentence(text) or CONNECTIVE.match(text)
    )


def _table_width(lines: list[Line], start: int) -> float:
    """The widest line of the table that starts at ``start`` (its cells wrap at that width)."""
    widest = 0.0
    for line in lines[start:]:
        if _table_ends(line) or TABLE_CAPTION.match(line.text):
            break
        widest = max(widest, display_width(line.text))
    return widest
