"""Check stage: duplicated sections, paragraphs and headings inside a report (and across reports).

Drafting offices run ``reportdiff check`` in CI so that a draft that repeats itself fails the build.
Paragraphs are compared on character 3-gram shingles of their folded text; candidates come from an
inverted index over shingles (shingles shared by many paragraphs — set phrases every report repeats
— are left out of the index), so the work grows with the text, not with the square of it. Runs of
consecutive duplicated paragraphs are reported once, as a block, and the copy whose surroundings
share least vocabulary with it is named as the one that looks misplaced.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reportdiff.errors import EXIT_FINDINGS, EXIT_OK
from reportdiff.model import Outline, Section, SectionKind
from reportdiff.options import Options
from reportdiff.text import fold
from reportdiff.tokens import cut

SCHEMA = "reportdiff.check/1"
SHINGLE = 3
#: A shingle found in more paragraphs than this is a set phrase: not used to find candidates.
MAX_POSTINGS = 40
#: Sections whose text legitimately repeats the body: never checked.
SKIPPED_KINDS = frozenset(
    {
        SectionKind.TOC,
        SectionKind.GLOSSARY,
        SectionKind.TITLE_BLOCK,
        SectionKind.SALUTATION,
        SectionKind.ROOT,
    }
)


class Severity(StrEnum):
    """How bad a finding is; ``--fail-on`` picks the lowest that fails the run."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "note": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Rule:
    """A kind of finding, with a stable code for CI tools and ``--ignore``."""

    code: str
    name: str
    severity: Severity
    description: str
    explanation: str = ""
    """What the rule finds, why it matters and how to fix or silence it
    (``reportdiff check --explain CODE``, SARIF ``help``)."""


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "RD101",
            "duplicated-passage",
            Severity.ERROR,
            "Paragraphs (or whole sections) that stand twice in the report, word for word.",
            "A body paragraph of at least --min-chars characters (40) whose text, with spacing and "
            "full/half-width punctuation folded, stands a second time in the same report. Runs of "
            "consecutive duplicated paragraphs are one finding. The copy under a heading whose "
            "topic it does not share is the one reported and called misplaced: it is usually a "
            "passage "
            "pasted into the wrong chapter while drafting.\n\n"
            "Fix: delete one copy, or rewrite one of them for its own chapter. Tables of contents, "
            "glossaries, the title block and the salutation are never checked.\n"
            'Silence: --ignore RD101, or ignore = ["RD101"] in reportdiff.toml.',
        ),
        Rule(
            "RD102",
            "near-duplicate-passage",
            Severity.WARNING,
            "Paragraphs that stand twice with small rewording "
            "(similarity at or above --threshold).",
            "Two body paragraphs of the same report whose character 3-gram shingles overlap at "
            "or above --threshold (0.9): the same passage with a few words changed, as happens "
            "when a paragraph is copied and then edited in only one place.\n\n"
            "Fix: merge the two, or make each say what its own chapter needs.\n"
            "Tune: --threshold 0.95 reports only closer copies.\n"
            "Silence: --ignore RD102.",
        ),
        Rule(
            "RD103",
            "duplicated-heading",
            Severity.WARNING,
            "Two sibling sections with the same heading.",
            "Two sections at the same level under the same parent whose headings read the same "
            "(numbering labels aside), e.g. two （三）优化营商环境 in one chapter: a section "
            "pasted twice, or one whose heading was not updated.\n\n"
            "Fix: rename one heading or merge the sections.\n"
            "Silence: --ignore RD103.",
        ),
        Rule(
            "RD104",
            "passage-repeated-across-reports",
            Severity.NOTE,
            "The same passage in two of the reports checked together (--across).",
            "With --across, a passage of one file that also stands in another file given in the "
            "same run. Often intended (a department's text reused in the district report), so it "
            "is a note, which --fail-on warning (the default) does not fail on.\n\n"
            "Fix: nothing, if the reuse is intended; else cite or rewrite the passage.\n"
            "Silence: run without --across, or --ignore RD104.",
        ),
    )
}


@dataclass(frozen=True, slots=True)
class Location:
    """One place in one report."""

    path: str
    line: int
    end_line: int
    section_id: str
    heading: str

    def as_record(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "end_line": self.end_line,
            "section_id": self.section_id,
            "heading": self.heading,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """A duplicated passage or heading: the place reported, the other copy, and how alike."""

    code: str
    message: str
    location: Location
    other: Location
    similarity: float
    paragraphs: int
    """How many consecutive paragraphs the duplicated block spans (0 for headings)."""
    misplaced: str | None = None
    """``"location"`` or ``"other"``: the copy whose surroundings do not share its topic."""
    fingerprint: str = ""

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    def as_record(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule.name,
            "severity": self.rule.severity.value,
            "message": self.message,
            "location": self.location.as_record(),
            "other": self.other.as_record(),
            "similarity": round(self.similarity, 3),
            "paragraphs": self.paragraphs,
            "misplaced": self.misplaced,
            "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True, slots=True)
class _Unit:
    """A body paragraph with where it stands."""

    index: int
    path: str
    section: Section
    parent: Section | None
    text: str
    key: str
    line: int
    end_line: int


def _units(outline: Outline, start: int) -> list[_Unit]:
    units: list[_Unit] = []
    path = outline.document.source

    def walk(section: Section, parent: Section | None) -> None:
        if section.kind not in SKIPPED_KINDS:
            for k, paragraph in enumerate(section.paragraphs):
                text = paragraph.text
                if k == 0 and section.kind == SectionKind.LEAD:
                    text = section.title + "。" + text
                last = paragraph.sentences[-1].line if paragraph.sentences else paragraph.line
                units.append(
                    _Unit(
                        start + len(units),
                        path,
                        section,
                        parent,
                        text,
                        fold(text),
                        section.line
                        if k == 0 and section.kind == SectionKind.LEAD
                        else paragraph.line,
                        max(last, paragraph.line),
                    )
                )
        for child in section.children:
            walk(child, section if section.kind != SectionKind.ROOT else None)

    walk(outline.root, None)
    return units


def _shingles(key: str) -> frozenset[str]:
    return frozenset(key[i : i + SHINGLE] for i in range(max(1, len(key) - SHINGLE + 1)))


def _similar_pairs(
    units: Sequence[_Unit], *, options: Options, across_only: bool
) -> dict[tuple[int, int], float]:
    """Pairs of paragraphs at or above the threshold, found through a shingle index."""
    eligible = [u for u in units if len(u.key) >= options.check_min_chars]
    shingles = {u.index: _shingles(u.key) for u in eligible}
    postings: dict[str, list[int]] = defaultdict(list)
    for unit in eligible:
        for shingle in shingles[unit.index]:
            postings[shingle].append(unit.index)
    by_index = {u.index: u for u in eligible}
    found: dict[tuple[int, int], float] = {}
    for unit in eligible:
        shared: Counter[int] = Counter()
        for shingle in shingles[unit.index]:
            posting = postings[shingle]
            if len(posting) <= MAX_POSTINGS:
                shared.update(i for i in posting if i > unit.index)
        mine = len(shingles[unit.index])
        for other, count in shared.items():
            theirs = len(shingles[other])
            if count < options.check_threshold * min(mine, theirs) * 0.5:
                continue
            if across_only and by_index[other].path == unit.path:
                continue
            if not across_only and by_index[other].path != unit.path:
                continue
            union = len(shingles[unit.index] | shingles[other])
            score = len(shingles[unit.index] & shingles[other]) / union if union else 0.0
            if unit.key == by_index[other].key:
                score = 1.0
            if score >= options.check_threshold:
                found[(unit.index, other)] = score
    return found


def _words(text: str) -> Counter[str]:
    return Counter(t for t in cut(fold(text)) if len(t) >= 2)


def _topic_fit(block: Sequence[_Unit]) -> float:
    """Share of the parent heading's words that the block uses: the heading names the topic of
    what stands under it, so a block placed under the wrong heading uses few of its words.
    (The parent's other text is left out: a long headline list shares common verbs with
    anything.)"""
    parent = block[0].parent
    if parent is None:
        return 0.0
    heading = _words(parent.title)
    if not heading:
        return 0.0
    used = Counter[str]()
    for unit in block:
        used.update(_words(unit.text))
    text = "".join(unit.key for unit in block)
    return sum(1 for w in heading if w in used or w in text) / len(heading)


def _location(block: Sequence[_Unit]) -> Location:
    first, last = block[0], block[-1]
    section = first.section
    return Location(first.path, first.line, last.end_line, section.id, section.heading)


def _blocks(
    pairs: dict[tuple[int, int], float], units: Sequence[_Unit]
) -> list[tuple[list[_Unit], list[_Unit], float]]:
    """Merge pairs (i, j), (i+1, j+1), ... into blocks of consecutive duplicated paragraphs."""
    by_index = {u.index: u for u in units}
    taken: set[tuple[int, int]] = set()
    blocks = []
    for i, j in sorted(pairs):
        if (i, j) in taken:
            continue
        a, b, scores = [by_index[i]], [by_index[j]], [pairs[(i, j)]]
        taken.add((i, j))
        k = 1
        while (i + k, j + k) in pairs and i + k < j:
            taken.add((i + k, j + k))
            a.append(by_index[i + k])
            b.append(by_index[j + k])
            scores.append(pairs[(i + k, j + k)])
            k += 1
        blocks.append((a, b, min(scores)))
    return blocks


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def check_outlines(outlines: Sequence[Outline], *, options: Options) -> tuple[Finding, ...]:
    """All findings in ``outlines`` (each on its own; across them too with ``options.across``)."""
    findings: list[Finding] = []
    all_units: list[_Unit] = []
    for outline in outlines:
        units = _units(outline, len(all_units))
        all_units.extend(units)
        findings.extend(_duplicates(units, options=options))
        findings.extend(_duplicate_headings(outline))
    if options.across and len(outlines) > 1:
        for a, b, score in _blocks(
            _similar_pairs(all_units, options=options, across_only=True), all_units
        ):
            findings.append(
                Finding(
                    "RD104",
                    f"{len(a)} paragraph(s) also stand in {b[0].path} (line {b[0].line})",
                    _location(b),
                    _location(a),
                    score,
                    len(a),
                    fingerprint=_fingerprint("RD104", *(u.key for u in a)),
                )
            )
    kept = [f for f in findings if f.code not in options.ignore_rules]
    return tuple(
        sorted(
            kept,
            key=lambda f: (f.location.path, f.location.line, f.code, f.other.path, f.other.line),
        )
    )


def _duplicates(units: Sequence[_Unit], *, options: Options) -> list[Finding]:
    findings = []
    for a, b, score in _blocks(_similar_pairs(units, options=options, across_only=False), units):
        fit_a, fit_b = _topic_fit(a), _topic_fit(b)
        misplaced_first = fit_a < fit_b - 0.05
        misplaced_second = fit_b < fit_a - 0.05
        code = "RD101" if score >= 1.0 else "RD102"
        # Report on the copy that looks misplaced (else the later one), pointing at the other.
        here, there = (a, b) if misplaced_first else (b, a)
        where = f"under {here[0].parent.heading!r}" if here[0].parent else ""
        topic = (
            " it does not share the topic of its heading; it looks misplaced"
            if (misplaced_first or misplaced_second)
            else ""
        )
        count = f"{len(a)} paragraph{'s' if len(a) > 1 else ''}"
        message = (
            f"{count} (lines {here[0].line}–{here[-1].end_line}) {where} repeat lines "
            f"{there[0].line}–{there[-1].end_line} (similarity {score:.2f});{topic}"
        )
        findings.append(
            Finding(
                code,
                message.replace(" ;", ";").rstrip(";"),
                _location(here),
                _location(there),
                score,
                len(a),
                "location" if (misplaced_first or misplaced_second) else None,
                _fingerprint(code, *(u.key for u in here)),
            )
        )
    return findings


def _duplicate_headings(outline: Outline) -> list[Finding]:
    findings = []
    path = outline.document.source
    for parent in outline.root.iter_sections():
        seen: dict[str, Section] = {}
        for child in parent.children:
            if child.kind in SKIPPED_KINDS or child.kind == SectionKind.TABLE:
                continue
            key = fold(child.title)
            if not key:
                continue
            if key in seen:
                first = seen[key]
                if _same_body(first, child):
                    continue  # already reported as a duplicated passage
                findings.append(
                    Finding(
                        "RD103",
                        f"heading {child.heading!r} (line {child.line}) repeats the heading "
                        f"at line {first.line} under the same parent",
                        Location(path, child.line, child.line, child.id, child.heading),
                        Location(path, first.line, first.line, first.id, first.heading),
                        1.0,
                        0,
                        fingerprint=_fingerprint("RD103", key),
                    )
                )
            else:
                seen[key] = child
    return findings


def _same_body(a: Section, b: Section) -> bool:
    return [fold(p.text) for p in a.paragraphs] == [fold(p.text) for p in b.paragraphs]


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What ``reportdiff check`` found in the files given."""

    paths: tuple[str, ...]
    findings: tuple[Finding, ...]
    threshold: float
    skipped: tuple[tuple[str, str], ...] = ()
    """(path, why) of files that hold no report text (empty): skipped, not fatal."""

    def as_records(self) -> dict[str, Any]:
        counts = Counter(f.rule.severity.value for f in self.findings)
        return {
            "schema": SCHEMA,
            "files": list(self.paths),
            "threshold": self.threshold,
            "rules": [
                {
                    "code": r.code,
                    "name": r.name,
                    "severity": r.severity.value,
                    "description": r.description,
                    "explanation": r.explanation,
                }
                for r in RULES.values()
            ],
            "findings": [f.as_record() for f in self.findings],
            "counts": {s.value: counts.get(s.value, 0) for s in Severity},
            "skipped": [{"path": path, "reason": why} for path, why in self.skipped],
        }


def check_files(paths: Iterable[str], *, options: Options) -> CheckReport:
    """Load, outline and check each file; a file with no text in it is skipped with its reason
    (a hook run over a commit that adds an empty file should not stop at it)."""
    from reportdiff.errors import EmptyInput
    from reportdiff.load import load
    from reportdiff.outline import build_outline

    paths = tuple(paths)
    outlines = []
    skipped = []
    for path in paths:
        try:
            document = load(path, options=options)
        except EmptyInput as exc:
            skipped.append((path, exc.problem))
            continue
        outlines.append(build_outline(document, options=options))
    findings = check_outlines(outlines, options=options)
    return CheckReport(paths, findings, options.check_threshold, tuple(skipped))


def exit_code(report: CheckReport, fail_on: Severity) -> int:
    """The check's exit policy: ``EXIT_FINDINGS`` when a finding is at or above ``fail_on``, else
    ``EXIT_OK``.

    (Errors — unreadable input, bad options — exit 2 before a report exists.)
    """
    worst = max((f.rule.severity.rank for f in report.findings), default=0)
    return EXIT_FINDINGS if worst >= fail_on.rank else EXIT_OK
