"""What a copy of a report carries that is not the report: web-page chrome, captions, footers.

A report copied from a web page brings the page's navigation and tools before its title, the
news site's source and time lines and the photo caption in its title block, and related links
after its end; a Wikisource copy ends with the site's licence footer. All of it stands at the
edges — before the body starts (the salutation, the first heading or the first paragraph) and
after it ends — in a few short lines, so only the edges are searched (:data:`CHROME_EDGE` lines at
most) and a line is dropped only by a named rule of :mod:`reportdiff.grammar`. Dropped lines leave
no trace in the line map: every kept line keeps its source line number.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportdiff.grammar import (
    ADDRESSED,
    CLAUSE_BREAKS,
    DATELINE,
    FONT_CONTROL,
    NAV_SYMBOLS,
    NEWS_LABEL,
    PUBLIC_DOMAIN,
    RELATED_LINKS,
    SALUTATION,
    SENTENCE_END,
    WIKI_TRAILING_QUOTES,
    heading_label,
    is_chrome,
    is_delivery_caption,
    is_licence_footer_start,
    is_web_timestamp,
    is_wiki_residue,
)
from reportdiff.repair.lines import Line
from reportdiff.text import counted

#: Chrome stands at the edges of a page, in a few lines: never more than this many at either end.
CHROME_EDGE = 40
#: A licence footer is at most this many lines long (Wikisource's: 19 non-blank lines).
FOOTER_LINES = 60


def strip_boilerplate(lines: list[Line], notes: list[str]) -> list[Line]:
    """Drop wiki markup residue, the chrome around the title, the licence footer and the chrome
    after the end."""
    lines = strip_wiki_residue(lines, notes)
    lines = strip_head_chrome(lines, notes)
    lines = strip_licence_footer(lines, notes)
    return strip_tail_chrome(lines, notes)


def strip_wiki_residue(lines: list[Line], notes: list[str]) -> list[Line]:
    """Lines that are only a wiki's edit markup go (anywhere: they are not text); quote marks
    stuck to a sentence's end are taken off it."""
    kept = [line for line in lines if not is_wiki_residue(line.text)]
    for line in kept:
        line.text = WIKI_TRAILING_QUOTES.sub("", line.text)
    if len(kept) < len(lines):
        notes.append(
            f"dropped {counted(len(lines) - len(kept), 'line')} of wiki markup left in the copy"
        )
    return kept


def strip_licence_footer(lines: list[Line], notes: list[str]) -> list[Line]:
    """Wikisource's licence footer (本作品是中华人民共和国的…属于公有领域 … Public domain) ends the
    file: from its first line to the end, when what follows says the work is in the public
    domain."""
    for start in range(max(1, len(lines) - FOOTER_LINES), len(lines)):
        if is_licence_footer_start(lines[start].text) and any(
            PUBLIC_DOMAIN.search(line.text) for line in lines[start:]
        ):
            notes.append(
                f"dropped the licence footer of the copy's website "
                f"(lines {lines[start].index + 1}-{lines[-1].index + 1})"
            )
            return lines[:start]
    return lines


def _tail_chrome(text: str) -> bool:
    return is_chrome(text) or is_web_timestamp(text) or bool(NAV_SYMBOLS.match(text))


def strip_tail_chrome(lines: list[Line], notes: list[str]) -> list[Line]:
    """Page tools and related links after the end of the text: everything from a 「相关报道：」
    line among the last lines, then short tool lines (打印本页, 关闭窗口, 扫一扫…) at the very end
    when at least one of them is chrome."""
    window = max(1, len(lines) - CHROME_EDGE)
    tail = next(
        (i for i in range(window, len(lines)) if RELATED_LINKS.match(lines[i].text)), len(lines)
    )

    def short_or_chrome(line: Line) -> bool:
        text = line.text
        return _tail_chrome(text) or (
            len(text) <= 6 and not any(ch in text for ch in CLAUSE_BREAKS)
        )

    end = tail
    while end > 1 and tail - end <= CHROME_EDGE and short_or_chrome(lines[end - 1]):
        end -= 1
    if tail - end > CHROME_EDGE or not any(_tail_chrome(line.text) for line in lines[end:tail]):
        end = tail  # a run of short lines longer than any page's tools is a list: text
    if end < len(lines):
        notes.append(
            f"dropped {counted(len(lines) - end, 'line')} of web-page tools after the end "
            f"({_line_ranges(line.index + 1 for line in lines[end:])})"
        )
    return lines[:end]


def body_start(lines: list[Line]) -> int:
    """Where the report's body starts (the title block ends): the salutation, the first numbered
    heading, or the first paragraph of running text, among the first :data:`CHROME_EDGE` lines;
    0 when none is found there."""
    for i, line in enumerate(lines[: CHROME_EDGE + 1]):
        text = line.text
        if SALUTATION.match(text) or ADDRESSED.match(text):
            return i
        if heading_label(text) is not None and not _head_chrome(text):
            return i
        if (
            len(text) >= 80
            and any(ch in text for ch in SENTENCE_END)
            and not is_delivery_caption(text)
            and not DATELINE.match(text)
        ):
            return i
    return 0


def _head_chrome(text: str) -> bool:
    return (
        is_chrome(text)
        or is_web_timestamp(text)
        or is_delivery_caption(text)
        or bool(DATELINE.fullmatch(text))
    )


def strip_head_chrome(lines: list[Line], notes: list[str]) -> list[Line]:
    """Chrome before the body: navigation and breadcrumbs, a font-size control, the site's source
    and publishing-time lines (and their values on the next line), a photo caption or news lede,
    a dateline, and a title repeated by the page layout. The title, meeting, date and speaker
    lines stay: they are the report's title block."""
    body = body_start(lines)
    if body == 0:  # no body found near the top: only a run of chrome before the first text
        while body < min(len(lines), CHROME_EDGE) and _head_chrome(lines[body].text):
            body += 1
        if body == len(lines):
            return lines
    dropped: list[Line] = []
    kept: list[Line] = []
    seen: set[str] = set()
    previous: Line | None = None  # the line before, kept or not
    in_control = 0
    for line in lines[:body]:
        text = line.text
        if in_control and len(text) <= 2:
            drop = True
            in_control = 0 if text in ("】", "]") else in_control - 1
        elif FONT_CONTROL.match(text):
            drop, in_control = True, 6
        else:
            in_control = 0
            drop = (
                _head_chrome(text)
                or (
                    previous is not None
                    and bool(NEWS_LABEL.match(previous.text))
                    and len(text) <= 20
                )
                or (
                    previous is not None
                    and bool(NAV_SYMBOLS.match(previous.text))
                    and len(text) <= 10
                    and not any(ch in text for ch in CLAUSE_BREAKS)
                )
                or text in seen  # the page repeats its title, or a breadcrumb its last step
            )
        (dropped if drop else kept).append(line)
        seen.add(text)
        previous = line
    if not dropped:
        return lines
    prefix = all(line.index < kept[0].index for line in dropped) if kept else True
    where = "before the title" if prefix else "around the title"
    notes.append(
        f"dropped {counted(len(dropped), 'line')} of web-page navigation {where} "
        f"({_line_ranges(line.index + 1 for line in dropped)})"
    )
    return kept + lines[body:]


def _line_ranges(numbers: Iterable[int]) -> str:
    """1, 2, 3, 5 → 'lines 1-3, 5'; 28 → 'line 28'."""
    values = sorted(set(numbers))
    parts: list[str] = []
    start = previous = values[0]
    for value in values[1:]:
        if value != previous + 1:
            parts.append(f"{start}-{previous}" if start != previous else f"{start}")
            start = value
        previous = value
    parts.append(f"{start}-{previous}" if start != previous else f"{start}")
    return ("line " if len(values) == 1 else "lines ") + ", ".join(parts)


def drop_stray_tail(lines: list[Line], notes: list[str]) -> list[Line]:
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
