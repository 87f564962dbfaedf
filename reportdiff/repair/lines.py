"""Cleaned source lines, each carrying what its reader knows of it."""

from __future__ import annotations

from dataclasses import dataclass

from reportdiff.grammar import INVISIBLE, WIDE_SPACE
from reportdiff.readers import Extracted, Mark


@dataclass
class Line:
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
    after_blank: bool = False
    """A blank line stands between this line and the one before it in the source."""

    @property
    def opens(self) -> bool:
        """A page's first line or an indented one: either may open a new block (text taken
        from a PDF indents exactly its pages' first lines)."""
        return self.page_start or self.indented


def clean_lines(extracted: Extracted) -> list[Line]:
    """Lines without invisible characters and odd spaces, blank lines dropped, each carrying what
    the reader knows of it (page start, indent, mark)."""
    page_starts = frozenset(extracted.page_starts)
    indents = frozenset(extracted.indents)
    marks = {mark.line: mark for mark in extracted.marks}
    lines: list[Line] = []
    blank = False
    for index, raw in enumerate(extracted.lines):
        text = WIDE_SPACE.sub(" ", INVISIBLE.sub("", raw.replace("\r", ""))).strip()
        if not text:
            blank = True
            continue
        lines.append(
            Line(
                text=text,
                index=index,
                page_start=index in page_starts,
                indented=index in indents,
                mark=marks.get(index),
                after_blank=blank and bool(lines),
            )
        )
        blank = False
    return lines
