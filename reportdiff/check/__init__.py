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
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from reportdiff.check.index import (
    Candidate,
    DiskIndex,
    FileIndex,
    Match,
    PassageIndex,
    Place,
    lsh_shape,
    miss_probability,
)
from reportdiff.check.model import (
    RULES,
    SCHEMA,
    Finding,
    IndexShape,
    Location,
    Rule,
    Severity,
)
from reportdiff.check.store import FindingStore
from reportdiff.errors import EXIT_FINDINGS, EXIT_OK, ScratchSpaceError
from reportdiff.model import Outline, Section, SectionKind
from reportdiff.options import Options
from reportdiff.text import fold
from reportdiff.tokens import cut

__all__ = [
    "RULES",
    "SCHEMA",
    "CheckReport",
    "CheckRun",
    "Finding",
    "IndexShape",
    "Location",
    "Rule",
    "Severity",
    "check_files",
    "check_outlines",
    "exit_code",
    "find",
    "stream_check",
]

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


def check_outlines(outlines: Iterable[Outline], *, options: Options) -> tuple[Finding, ...]:
    """All findings in ``outlines`` (see :func:`find`), in report order, held in memory: for a
    library caller or a test that wants the objects. ``check`` itself streams them
    (:func:`stream_check`), so that memory does not grow with the number of findings."""
    return tuple(sorted(find(outlines, options=options), key=_report_order))


def _report_order(finding: Finding) -> tuple[str, int, str, str, int]:
    """How findings are listed: by place, then rule, then the other copy's place (the on-disk
    store, :mod:`reportdiff.check.store`, orders by the same columns)."""
    loc, other = finding.location, finding.other
    return (loc.path, loc.line, finding.code, other.path, other.line)


def find(outlines: Iterable[Outline], *, options: Options) -> Iterator[Finding]:
    """The findings in ``outlines`` as they are found (not in report order; ignored rules left
    out), each outline checked on its own and, with ``options.across``, against the files
    before it. One outline is held at a time: with ``--across`` the earlier files are in an
    on-disk index, so memory does not grow with the number of files.

    A passage that stands in several places is reported once per later copy, each pointing at
    the first copy (within a file: the first earlier copy), never once per pair of copies.
    """
    seen: list[str] = []
    folder: str | None = None
    across: DiskIndex | None = None

    def kept(findings: Iterable[Finding]) -> Iterator[Finding]:
        return (f for f in findings if f.code not in options.ignore_rules)

    try:
        if options.across:
            folder = _scratch("reportdiff-check-")
            across = DiskIndex(options.check_threshold, os.path.join(folder, "index.sqlite"))
        for doc, outline in enumerate(outlines):
            seen.append(outline.document.source)
            units = _units(outline)
            candidates = _candidates(units, options)
            alone = FileIndex(options.check_threshold)
            blocks = _match_blocks(units, candidates, alone, doc=doc, within=True)
            yield from kept(_duplicates(blocks, units))
            yield from kept(_duplicate_headings(outline))
            if across is not None:
                shared = _match_blocks(units, candidates, across, doc=doc, within=False)
                yield from kept(_across(shared, across, seen))
                for unit in units:
                    candidate = candidates.get(unit.key)
                    if candidate is not None:
                        section = unit.section
                        place = Place(unit.line, unit.end_line, section.id, section.heading)
                        across.add(doc, unit.index, candidate, place)
                across.commit()
    except sqlite3.Error as exc:
        raise ScratchSpaceError(folder or tempfile.gettempdir(), exc) from None
    finally:
        if across is not None:
            across.close()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


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


def _records(
    paths: Sequence[str],
    threshold: float,
    findings: Iterable[dict[str, Any]],
    counts: dict[str, int],
    skipped: Sequence[tuple[str, str]],
) -> dict[str, Any]:
    """The ``reportdiff.check/1`` records, ``findings`` as given (a list, or an iterator that
    a streaming renderer reads one at a time)."""
    bands, rows = lsh_shape(threshold)
    return {
        "schema": SCHEMA,
        "files": list(paths),
        "threshold": threshold,
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
        "index": IndexShape(bands, rows, miss_probability(threshold)).as_record(),
        "findings": findings,
        "counts": {s.value: counts.get(s.value, 0) for s in Severity},
        "skipped": [{"path": path, "reason": why} for path, why in skipped],
    }


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What ``reportdiff check`` found in the files given, held in memory."""

    paths: tuple[str, ...]
    findings: tuple[Finding, ...]
    threshold: float
    skipped: tuple[tuple[str, str], ...] = ()
    """(path, why) of files that hold no report text (empty): skipped, not fatal."""

    @property
    def index(self) -> IndexShape:
        bands, rows = lsh_shape(self.threshold)
        return IndexShape(bands, rows, miss_probability(self.threshold))

    @property
    def counts(self) -> dict[str, int]:
        """Findings per severity."""
        found = Counter(f.rule.severity.value for f in self.findings)
        return {s.value: found.get(s.value, 0) for s in Severity}

    def as_records(self) -> dict[str, Any]:
        return _records(
            self.paths,
            self.threshold,
            [f.as_record() for f in self.findings],
            self.counts,
            self.skipped,
        )


class CheckRun:
    """What ``reportdiff check`` found, with the findings on disk (:class:`FindingStore`) and
    their counts as running totals: its memory does not grow with the number of findings.
    Made by :func:`stream_check`; valid inside its ``with`` block."""

    def __init__(
        self,
        paths: tuple[str, ...],
        threshold: float,
        skipped: tuple[tuple[str, str], ...],
        store: FindingStore,
    ) -> None:
        self.paths = paths
        self.threshold = threshold
        self.skipped = skipped
        self._store = store

    @property
    def counts(self) -> dict[str, int]:
        """Findings per severity."""
        return {s.value: self._store.counts.get(s.value, 0) for s in Severity}

    def __len__(self) -> int:
        return len(self._store)

    def as_records(self) -> dict[str, Any]:
        """The records, their ``findings`` an iterator over the store in report order (read it
        once, inside the ``with`` block); the same records as :meth:`CheckReport.as_records`
        once it is listed."""
        return _records(
            self.paths, self.threshold, self._store.records(), self.counts, self.skipped
        )


def _loaded(
    paths: Sequence[str], options: Options, skipped: list[tuple[str, str]]
) -> Iterator[Outline]:
    """The outline of each file in turn; a file with no text in it is skipped with its reason (a
    hook run over a commit that adds an empty file should not stop at it)."""
    from reportdiff.errors import EmptyInput
    from reportdiff.load import load
    from reportdiff.outline import build_outline

    for path in paths:
        try:
            document = load(path, options=options)
        except EmptyInput as exc:
            skipped.append((path, exc.problem))
            continue
        yield build_outline(document, options=options)


def check_files(paths: Iterable[str], *, options: Options) -> CheckReport:
    """Load, outline and check each file, one at a time (memory does not grow with the files);
    the findings are held in memory (``check`` itself uses :func:`stream_check`)."""
    paths = tuple(paths)
    skipped: list[tuple[str, str]] = []
    findings = check_outlines(_loaded(paths, options, skipped), options=options)
    return CheckReport(paths, findings, options.check_threshold, tuple(skipped))


@contextmanager
def stream_check(paths: Iterable[str], *, options: Options) -> Iterator[CheckRun]:
    """Check each file, one at a time, writing the findings to a store on disk as they are
    found; yield the run, whose records stream from that store in report order. Memory grows
    neither with the files nor with the findings. The store is removed on leaving."""
    paths = tuple(paths)
    skipped: list[tuple[str, str]] = []
    folder: str | None = None
    store: FindingStore | None = None
    try:
        folder = _scratch("reportdiff-findings-")
        store = FindingStore(os.path.join(folder, "findings.sqlite"), [s.value for s in Severity])
        found: list[Finding] = []
        for finding in find(_loaded(paths, options, skipped), options=options):
            found.append(finding)
            if len(found) >= _BATCH:
                store.add(found)
                found.clear()
        store.add(found)
        yield CheckRun(paths, options.check_threshold, tuple(skipped), store)
    except sqlite3.Error as exc:
        raise ScratchSpaceError(folder or tempfile.gettempdir(), exc) from None
    finally:
        if store is not None:
            store.close()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


def _scratch(prefix: str) -> str:
    """A new temporary folder for an on-disk index or store, or a one-line error saying why not."""
    try:
        return tempfile.mkdtemp(prefix=prefix)
    except OSError as exc:
        raise ScratchSpaceError(tempfile.gettempdir(), exc.strerror or exc) from None


#: Findings written to the store in one transaction.
_BATCH = 500


def exit_code(report: CheckReport | CheckRun, fail_on: Severity) -> int:
    """The check's exit policy: ``EXIT_FINDINGS`` when a finding is at or above ``fail_on``, else
    ``EXIT_OK`` (from the counts per severity).

    (Errors — unreadable input, bad options — exit 2 before a report exists.)
    """
    counts = report.counts
    worst = max((s.rank for s in Severity if counts.get(s.value, 0)), default=0)
    return EXIT_FINDINGS if worst >= fail_on.rank else EXIT_OK
