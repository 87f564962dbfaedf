"""Check stage: duplicated sections, paragraphs and headings inside a report (and across reports).

Drafting offices run ``reportdiff check`` in CI so that a draft that repeats itself fails the build.
Paragraphs are compared on character 3-gram shingles of their folded text; each paragraph is looked
up in an index of the paragraphs before it (:mod:`reportdiff.check.index`: digests for word-for-word
copies, MinHash LSH for near ones, nothing left out for being common), so the work grows with the
text, not with the square of it, and ``--across`` keeps its index on disk. Runs of consecutive
duplicated paragraphs are reported once, as a block, and the copy whose surroundings share least
vocabulary with it is named as the one that looks misplaced. A passage with many copies is
reported once per copy (pointing at the first), not once per pair of copies.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reportdiff.check.index import (
    SHINGLE,
    Candidate,
    DiskIndex,
    FileIndex,
    Match,
    PassageIndex,
    Place,
    lsh_shape,
    miss_probability,
)
from reportdiff.errors import EXIT_FINDINGS, EXIT_OK
from reportdiff.model import Outline, Section, SectionKind
from reportdiff.options import Options
from reportdiff.text import fold
from reportdiff.tokens import cut

SCHEMA = "reportdiff.check/1"
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


def _units(outline: Outline) -> list[_Unit]:
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
                        len(units),
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
    """The lines a block spans (a lead paragraph cites its heading's line, so the first unit
    need not hold the first line)."""
    section = block[0].section
    start, end = min(u.line for u in block), max(u.end_line for u in block)
    return Location(block[0].path, start, end, section.id, section.heading)


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class _Block:
    """Consecutive paragraphs of one file (``copy``) and the earlier paragraphs they repeat."""

    copy: list[_Unit]
    anchors: list[Match]

    @property
    def score(self) -> float:
        return min(m.score for m in self.anchors)


def _match_blocks(
    units: Sequence[_Unit],
    candidates: dict[str, Candidate],
    index: PassageIndex,
    *,
    doc: int,
    within: bool,
) -> list[_Block]:
    """Each paragraph against the index: the earliest paragraph it repeats, preferring the one
    right after the previous paragraph's match, so that a copied run of paragraphs is one block.

    ``within``: the index holds this file's earlier paragraphs (each one is added after its
    lookup) and a block never reaches into the paragraphs it repeats; otherwise the index holds
    the earlier files only.
    """
    blocks: list[_Block] = []
    current: _Block | None = None
    for unit in units:
        candidate = candidates.get(unit.key)
        if candidate is None:  # too short to check: a run of copies ends here
            current = None
            continue
        extended = False
        if current is not None and current.copy[-1].index == unit.index - 1:
            last = current.anchors[-1]
            follower = last.unit + 1
            text = None
            if not (within and follower >= current.copy[0].index):
                text = index.text_at(last.doc, follower)
            if text is not None:
                score = index.similarity(candidate, text)
                if score >= index.threshold:
                    current.copy.append(unit)
                    current.anchors.append(Match(last.doc, follower, score))
                    extended = True
        if not extended:
            found = index.exact(unit.key) or index.near(candidate)
            current = _Block([unit], [found]) if found else None
            if current is not None:
                blocks.append(current)
        if within:
            index.add(doc, unit.index, candidate)
    return blocks


@dataclass(frozen=True, slots=True)
class IndexShape:
    """How near copies are found (MinHash LSH), and the one limit of it, stated in the output."""

    bands: int
    rows: int
    miss_probability: float

    def as_record(self) -> dict[str, Any]:
        return {
            "method": "minhash-lsh",
            "shingle": SHINGLE,
            "bands": self.bands,
            "rows": self.rows,
            "miss_probability": float(f"{self.miss_probability:.3g}"),
        }


def check_outlines(outlines: Iterable[Outline], *, options: Options) -> tuple[Finding, ...]:
    """All findings in ``outlines``, each checked on its own and, with ``options.across``,
    against the files before it. One outline is held at a time: with ``--across`` the earlier
    files are in an on-disk index, so memory does not grow with the number of files.

    A passage that stands in several places is reported once per later copy, each pointing at
    the first copy (within a file: the first earlier copy), never once per pair of copies.
    """
    findings: list[Finding] = []
    seen: list[str] = []
    folder = tempfile.mkdtemp(prefix="reportdiff-check-") if options.across else None
    across = (
        DiskIndex(options.check_threshold, os.path.join(folder, "index.sqlite")) if folder else None
    )
    try:
        for doc, outline in enumerate(outlines):
            seen.append(outline.document.source)
            units = _units(outline)
            candidates = _candidates(units, options)
            alone = FileIndex(options.check_threshold)
            blocks = _match_blocks(units, candidates, alone, doc=doc, within=True)
            findings.extend(_duplicates(blocks, units))
            findings.extend(_duplicate_headings(outline))
            if across is not None:
                shared = _match_blocks(units, candidates, across, doc=doc, within=False)
                findings.extend(_across(shared, across, seen))
                for unit in units:
                    candidate = candidates.get(unit.key)
                    if candidate is not None:
                        section = unit.section
                        place = Place(unit.line, unit.end_line, section.id, section.heading)
                        across.add(doc, unit.index, candidate, place)
                across.commit()
    finally:
        if across is not None:
            across.close()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    kept = [f for f in findings if f.code not in options.ignore_rules]
    return tuple(
        sorted(
            kept,
            key=lambda f: (f.location.path, f.location.line, f.code, f.other.path, f.other.line),
        )
    )


def _candidates(units: Sequence[_Unit], options: Options) -> dict[str, Candidate]:
    """Lookup keys of the paragraphs long enough to check (one per distinct text)."""
    keys = sorted({u.key for u in units if len(u.key) >= options.check_min_chars})
    return {c.key: c for c in PassageIndex.hasher(options.check_threshold).candidates(keys)}


def _across(blocks: Sequence[_Block], index: DiskIndex, paths: Sequence[str]) -> list[Finding]:
    findings = []
    for block in blocks:
        first = block.anchors[0]
        places = [index.place(m.doc, m.unit) for m in block.anchors]
        start, end = min(p.line for p in places), max(p.end_line for p in places)
        head = places[0]
        other = Location(paths[first.doc], start, end, head.section_id, head.heading)
        keys = [index.text_at(m.doc, m.unit) or "" for m in block.anchors]
        count = len(block.copy)
        findings.append(
            Finding(
                "RD104",
                f"{count} paragraph{'s' if count > 1 else ''} also stand in {other.path} "
                f"(line {other.line})",
                _location(block.copy),
                other,
                block.score,
                count,
                fingerprint=_fingerprint("RD104", *keys),
            )
        )
    return findings


def _duplicates(blocks: Sequence[_Block], units: Sequence[_Unit]) -> list[Finding]:
    findings = []
    for block in blocks:
        a = [units[m.unit] for m in block.anchors]
        b, score = block.copy, block.score
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

    @property
    def index(self) -> IndexShape:
        bands, rows = lsh_shape(self.threshold)
        return IndexShape(bands, rows, miss_probability(self.threshold))

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
            "index": self.index.as_record(),
            "findings": [f.as_record() for f in self.findings],
            "counts": {s.value: counts.get(s.value, 0) for s in Severity},
            "skipped": [{"path": path, "reason": why} for path, why in self.skipped],
        }


def check_files(paths: Iterable[str], *, options: Options) -> CheckReport:
    """Load, outline and check each file, one at a time (memory does not grow with the files);
    a file with no text in it is skipped with its reason (a hook run over a commit that adds an
    empty file should not stop at it)."""
    from reportdiff.errors import EmptyInput
    from reportdiff.load import load
    from reportdiff.outline import build_outline

    paths = tuple(paths)
    skipped: list[tuple[str, str]] = []

    def outlines() -> Iterator[Outline]:
        for path in paths:
            try:
                document = load(path, options=options)
            except EmptyInput as exc:
                skipped.append((path, exc.problem))
                continue
            yield build_outline(document, options=options)

    findings = check_outlines(outlines(), options=options)
    return CheckReport(paths, findings, options.check_threshold, tuple(skipped))


def exit_code(report: CheckReport, fail_on: Severity) -> int:
    """The check's exit policy: ``EXIT_FINDINGS`` when a finding is at or above ``fail_on``, else
    ``EXIT_OK``.

    (Errors — unreadable input, bad options — exit 2 before a report exists.)
    """
    worst = max((f.rule.severity.rank for f in report.findings), default=0)
    return EXIT_FINDINGS if worst >= fail_on.rank else EXIT_OK
