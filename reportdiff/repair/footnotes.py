"""Footnotes and page numbers: taken out of the body text before paragraphs are rebuilt."""

from __future__ import annotations

from reportdiff.grammar import BRACKET_NOTE, FOOTNOTE_BODY, is_page_number
from reportdiff.model import Footnote
from reportdiff.repair.lines import Line
from reportdiff.repair.paragraphs import glue
from reportdiff.text import counted


def take_footnotes(lines: list[Line], notes: list[str]) -> tuple[list[Line], list[Footnote]]:
    """Take numbered footnotes out of the text.

    PDF layers put a footnote's marker on its own line (``1``) inside the sentence it annotates and
    the footnote's body (``1 “1+X+12”稳增长工作机制：…``) at the page foot, which lands in the
    middle of the next paragraph. Markers are recognised only in sequence (1, 2, 3…), and a body
    only when its marker has been seen, so table cells and wrapped lines that start with a number
    stay. Lines the format marks (headings, table rows) are never footnotes.
    """
    kept: list[Line] = []
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
        notes.append(f"kept {counted(len(footnotes), 'footnote')} apart from the body text")
    # Inline [n] markers whose footnote we hold are dropped from the body (the footnote keeps them).
    brackets = {f.marker for f in footnotes if f.marker.startswith("[")}
    if brackets:
        for line in kept:
            for marker in brackets:
                line.text = line.text.replace(marker, "")
    return kept, footnotes


def _footnote_body(
    lines: list[Line], start: int, marker: str, first: str, next_marker: int
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
        joined += glue(joined, part) + part
    return Footnote(marker=marker, text=joined, line=lines[start].index + 1), j


def drop_page_numbers(lines: list[Line], notes: list[str]) -> list[Line]:
    """Page-number lines (``- 8 -``, ``第 8 页``) are not text; a marked line always stays. The
    blank lines around a page number are the page break's, not a paragraph end: the line after
    it is not taken as following a blank line."""
    kept: list[Line] = []
    dropped = 0
    after_page_number = False
    for line in lines:
        if line.mark is None and is_page_number(line.text):
            dropped += 1
            after_page_number = True
            continue
        if after_page_number:
            line.after_blank = False
            after_page_number = False
        kept.append(line)
    if dropped:
        notes.append(f"dropped {counted(dropped, 'page-number line')}")
    return kept
