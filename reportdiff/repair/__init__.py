"""Repair stage: a reader's lines (:class:`~reportdiff.readers.Extracted`) → paragraphs.

Real reports arrive hard-wrapped (PDF text layers wrap every ~30 characters, often with blank lines
in between), with page numbers, footnote markers on their own lines, footnote bodies dropped in the
middle of a paragraph, and web-page chrome around the text. :func:`repair` runs the same named steps
for every format — clean, strip boilerplate, take out footnotes and page numbers, assemble
paragraphs — and keeps, for every piece of every paragraph, the source line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportdiff.grammar import SENTENCE_END
from reportdiff.model import Block, Footnote
from reportdiff.readers import Extracted
from reportdiff.repair.boilerplate import drop_stray_tail, strip_boilerplate
from reportdiff.repair.footnotes import drop_page_numbers, take_footnotes
from reportdiff.repair.lines import clean_lines
from reportdiff.repair.paragraphs import Assembly
from reportdiff.text import counted


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
    lines = strip_boilerplate(lines, notes)
    lines = drop_stray_tail(lines, notes)
    # Footnote bodies end at a page number, so page numbers go only after footnotes are out.
    lines, footnotes = take_footnotes(lines, notes)
    lines = drop_page_numbers(lines, notes)
    blocks = Assembly(lines, frozenset(extracted.breaks)).run()
    joined = sum(1 for block in blocks if block.line_starts)
    if joined:
        notes.append(
            f"joined {counted(joined, 'paragraph')} that {'was' if joined == 1 else 'were'} "
            "broken across lines"
        )
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
