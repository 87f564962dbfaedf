"""Roles: whether a figure is a target or an outcome, and over which horizon.

A section's heading sets the role of the text under it (``grammar.heading_role``: review →
outcome; plan, targets and an end-of-term government's suggestions → target); in a numbered run
whose later item is the plan, the earlier items without a cue of their own are the review; a
heading's year against the report's newest year decides the rest. Inside, a sentence's own time
reference decides over its section's role (「过去一年，…」, 「2010年，…」, 「“十四五”时期，…」 in
the chapter that then sets the new targets: results; the time carries to the sentences after it in
its paragraph until another names its own), a sentence that reports a figure as reached (已, 累计,
预计…) makes it an outcome, one that states the year's targets (主要预期目标是…) a target.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reportdiff.grammar import (
    FIVE_YEAR_PERIOD,
    FIVE_YEAR_PLAN,
    NAMED_YEAR,
    PLAN_WORDS,
    REVIEW_PERIOD,
    TARGET_STATEMENT,
    OpeningTime,
    heading_role,
    is_first_label,
    opening_time,
)
from reportdiff.model import Outline, Section, SectionKind
from reportdiff.numbers.quantities import extract_years

_ROLE_KINDS = frozenset(
    {SectionKind.PART, SectionKind.HEADING, SectionKind.TITLE, SectionKind.BULLET}
)
_YEAR_KINDS = frozenset({SectionKind.PART, SectionKind.HEADING, SectionKind.TITLE})


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence (or a heading) with its section and the role its section sets."""

    text: str
    line: int
    section: Section
    role: str | None
    five_year: bool = False
    """The sentence speaks of a five-year period, or stands under the targets of a five-year plan
    (「“十五五”时期经济社会发展的主要目标」)."""
    paragraph: int = 0
    """Which paragraph of the report the sentence belongs to (a running number)."""
    reviews: bool = False
    """Its paragraph opens on a past period (「过去五年，…」): the figures are results."""
    past: bool = False
    """The sentence's own time reference (or, without one, that of the sentence before it in
    its paragraph) is a past year or period (「过去一年，…。国内生产总值增长10.3%…」 in the
    chapter that then sets the new year's targets): its figures are results whatever its section
    says."""


def _heading_role(section: Section, target_year: int | None) -> str | None:
    """The role a heading sets for the text after it: review → outcome, plan → target."""
    title = section.title
    if len(title) > 60 or section.kind not in _ROLE_KINDS:
        return None
    role = heading_role(title)
    if role is not None:
        return "target" if role.is_plan else "outcome"
    years = extract_years(title)
    if years and target_year is not None and section.kind is not SectionKind.BULLET:
        return "target" if max(years) >= target_year else "outcome"
    return None


_RESET_STYLES = frozenset({"han-dun", "part"})
_BACKGROUND_KINDS = frozenset({SectionKind.GLOSSARY, SectionKind.TOC})


def _section_roles(sections: list[Section], target_year: int | None) -> dict[str, str | None]:
    """Each numbered section's role; in a run 一、二、三、 whose later item is the plan, the earlier
    items without a cue of their own are the review (一、发挥平台机制作用 … 三、开启2025年新篇). A
    chapter whose heading says neither takes the time its first sentence names."""
    roles = {s.id: _heading_role(s, target_year) if s.title else None for s in sections}
    for section in sections:
        if roles[section.id] is None and "." not in section.id and section.kind in _YEAR_KINDS:
            roles[section.id] = _opening_role(section, target_year)
    runs: dict[str, list[list[Section]]] = {}
    for section in sections:
        if section.style is None or section.kind not in _YEAR_KINDS:
            continue
        style_runs = runs.setdefault(section.style, [])
        if not style_runs or is_first_label(section.number):
            style_runs.append([])
        style_runs[-1].append(section)
    for style_runs in runs.values():
        for run in style_runs:
            first_target = next((k for k, s in enumerate(run) if roles[s.id] == "target"), None)
            for section in run[: first_target or 0]:
                parent = section.id.rpartition(".")[0]
                if roles[section.id] is None and roles.get(parent) != "target":
                    roles[section.id] = "outcome"  # (under a plan heading, all items plan)
    return roles


def _opening_role(chapter: Section, target_year: int | None) -> str | None:
    """The role of a chapter whose heading has no cue (「牢记殷殷嘱托，在接续奋斗中新福建建设取得
    新成效」), by the time its first sentence names: 「2024年是…」 in the 2025 report opens the
    review, 「“十五五”时期是…」 and 「2026年是…」 in the 2026 report open plans; failing that, a
    chapter that states the year's targets is the plan."""
    sentences = chapter.all_sentences()
    if not sentences:
        return None
    time = opening_time(sentences[0].text, target_year)
    if time is not None:
        return "outcome" if time.when == "past" else "target"
    if any(TARGET_STATEMENT.search(sentence.text) for sentence in sentences):
        return "target"  # it states the year's targets (「主要预期目标是：…」): the plan
    return None


def report_year(outline: Outline) -> int | None:
    r"""The year a report plans for: the latest year its title names (「2026年江西省政府工作报告」),
    else the latest its headings name (「2024年工作回顾」 and 「2025年工作安排」: 2025), else the
    year after the one its text names most (a report that says only 今年 reviews last year in
    detail: 「2002年」 17 times in the 2003 report); None when it names no year.

    >>> from reportdiff.load import load_bytes
    >>> from reportdiff.outline import build_outline
    >>> from reportdiff.options import Options
    >>> text = "政府工作报告\n\n一、过去一年的工作\n\n2002年，经济增长8%。2002年财政收入增长15%。\n"
    >>> outline = build_outline(load_bytes(text.encode(), source="r.txt"), options=Options())
    >>> report_year(outline)
    2003
    """
    if outline.title and extract_years(outline.title):
        return max(extract_years(outline.title))
    years = [
        y
        for s in outline.iter_sections()
        if len(s.title) <= 60 and s.kind in _YEAR_KINDS
        for y in extract_years(s.title)
    ]
    if years:
        return max(years)
    named = Counter(int(found) for found in NAMED_YEAR.findall(outline.document.text))
    if not named:
        return None
    most = max(named.values())
    return max(year for year, count in named.items() if count == most) + 1


def units(outline: Outline) -> list[Unit]:
    """Sentences (and headings) in document order, each with its section and its section's role.

    Hard-wrapped lines are joined by repair before the outline is built, so an outline sentence
    is a whole sentence here."""
    sections: list[Section] = [outline.root, *outline.iter_sections()]
    target_year = report_year(outline)
    roles = _section_roles(sections[1:], target_year)
    units: list[Unit] = []
    state: str | None = None
    five_year = False
    paragraph = 0
    for section in sections:
        sentences = section.sentences
        if not section.title and not sentences:
            continue
        role = roles.get(section.id)
        if section.kind in _BACKGROUND_KINDS:
            role = "outcome"  # a glossary or contents: definitions and facts, never targets
        if role is not None or (section.style in _RESET_STYLES and is_first_label(section.number)):
            state = role
        five_year = _five_year_state(section, state, five_year, target_year, role)
        paragraph += 1
        if section.title and not (sentences and sentences[0].text == section.title):
            units.append(Unit(section.title, section.line, section, state, five_year, paragraph))
        for block in section.paragraphs:
            paragraph += 1
            reviews = bool(block.sentences and REVIEW_PERIOD.search(block.sentences[0].text))
            carried: OpeningTime | None = None  # the time an earlier sentence set
            for sentence in block.sentences:
                time = opening_time(sentence.text, target_year)
                if time is None and carried is not None:
                    if carried.when != "past" or not PLAN_WORDS.search(sentence.text):
                        time = carried
                if time is not None and time.carries:
                    carried = time
                sentence_five_year = (five_year and "今年" not in sentence.text) or bool(
                    FIVE_YEAR_PERIOD.search(sentence.text)
                )
                if time is not None and time.five_year is not None:
                    sentence_five_year = time.five_year
                units.append(
                    Unit(
                        sentence.text.strip(),
                        sentence.line,
                        section,
                        state,
                        sentence_five_year,
                        paragraph,
                        reviews,
                        past=time is not None and time.when == "past",
                    )
                )
    return units


def _five_year_state(
    section: Section, state: str | None, five_year: bool, target_year: int | None, role: str | None
) -> bool:
    """Whether the text from this heading on sets out a five-year plan's targets: a heading that
    names one (「“十五五”时期主要目标」) starts it, a heading of the year's own work ends it."""
    if section.kind not in _ROLE_KINDS or not section.title:
        return five_year
    title = section.title
    this_year = "今年" in title or (target_year is not None and target_year in extract_years(title))
    if FIVE_YEAR_PLAN.search(title) and not this_year:
        return state == "target"
    if role is not None or this_year:
        return False
    return five_year
