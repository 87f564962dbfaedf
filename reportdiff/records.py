"""The canonical records' shapes, as TypedDicts: what ``as_records()`` returns and renderers read.

``Comparison.as_records()`` (``reportdiff.diff/1``), ``CheckReport.as_records()``
(``reportdiff.check/1``) and ``Outline.as_records()`` (``reportdiff.outline/1``) build plain,
JSON-safe dicts — the golden files and the JSON output are those dicts. These types say what is in
them, so renderers are type-checked against the records instead of reading ``dict[str, Any]``;
the JSON Schemas in ``reportdiff/schemas/`` say the same for other programs. Base layer: imports
nothing of the package.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

ChangeKind = Literal["added", "removed", "changed", "moved"]
SectionStatus = Literal["matched", "renamed", "moved", "split", "merged", "added", "removed"]
Side = Literal["old", "new"]
#: What a number shift's ``change`` says of a qualifier that went away (「以上 → (none)」);
#: renderers word it in the page's language.
NO_QUALIFIER = "(none)"


def condensed_kind(summary_side: Side | None) -> ChangeKind | None:
    """In summary mode, the change kind that only says "this full-report sentence is not in the
    summary" (added when the summary is the old edition, removed when it is the new one): the
    condensing, not a change a reader is shown one by one. None outside summary mode.

    >>> condensed_kind("old"), condensed_kind("new"), condensed_kind(None)
    ('added', 'removed', None)
    """
    if summary_side is None:
        return None
    return "added" if summary_side == "old" else "removed"


class SentenceRef(TypedDict):
    """A sentence of one edition, with the section that holds it."""

    section_id: str
    section_title: str
    text: str
    line: int
    index: NotRequired[int]
    """Position among the edition's diffable sentences (changes, unchanged, re-joined)."""


class SectionRef(TypedDict):
    id: str
    number: str | None
    title: str
    line: int


class SectionPair(TypedDict):
    old: SectionRef | None
    new: SectionRef | None
    status: SectionStatus
    score: float
    title_score: float
    content_score: float


class Change(TypedDict):
    """A sentence that is not unchanged."""

    id: str
    kind: ChangeKind
    old: SentenceRef | None
    new: SentenceRef | None
    commitment: bool
    similarity: float
    ops: list[list[str]]
    """Word ops ``[op, text]`` with op ``=``, ``-`` or ``+`` (jieba tokens)."""
    old_also: NotRequired[list[SentenceRef]]
    """Further old sentences merged into the new one."""
    new_also: NotRequired[list[SentenceRef]]
    """Further new sentences the old one was split into."""
    nearest: NotRequired[list[NearSentence]]
    """An added or removed commitment's closest sentences in the other edition, best first."""


class NearSentence(SentenceRef):
    """A sentence of the other edition near an added or removed commitment."""

    similarity: float


class UnchangedPair(TypedDict):
    old: SentenceRef
    new: SentenceRef


class RejoinedPassage(TypedDict):
    old: list[SentenceRef]
    new: list[SentenceRef]


class NewFormulation(TypedDict):
    phrase: str
    new: SentenceRef


class Quantity(TypedDict):
    raw: str
    value: str
    """A ``Decimal`` as text, normalised to the base unit."""
    high: str | None
    unit: str | None
    qualifier: str | None
    kind: str
    role: str


class NumberShift(TypedDict):
    indicator: str
    kind: str
    """value_changed, qualifier_changed, unit_changed, added, dropped, unchanged,
    outcome_vs_target, disagrees, agrees."""
    old: Quantity | None
    new: Quantity | None
    change: str | None
    old_sentence: SentenceRef | None
    new_sentence: SentenceRef | None
    score: float


class TargetSide(Quantity):
    """A target or an outcome of ``target_outcomes``: the quantity and its sentence."""

    horizon: str | None
    sentence: SentenceRef


class TargetOutcome(TypedDict):
    """One of last year's targets and what this year's report says became of it."""

    indicator: str
    indicator_id: str | None
    target: TargetSide
    outcome: TargetSide | None
    verdict: str
    """missed, met, exceeded, n/a, not_reported."""
    difference: str | None
    score: float


class Edition(TypedDict):
    path: str
    title: str | None
    details: NotRequired[str | None]
    format: str
    sections: int
    sentences: int
    warnings: NotRequired[list[str]]
    """What loading repaired or doubts (tracked changes accepted, web text dropped...)."""


class SectionChanges(TypedDict):
    """Change counts of one section (``stats.by_section``)."""

    section_id: str
    title: str
    side: Side
    added: int
    removed: int
    changed: int
    moved: int


class DiffStats(TypedDict):
    sections: dict[str, int]
    changes: dict[str, int]
    commitments: dict[str, int]
    number_shifts: int
    by_section: list[SectionChanges]


class Summary(TypedDict):
    summary_side: Side
    coverage: float
    statements: list[object]
    unsupported: list[SentenceRef]
    uncovered_sections: list[SectionRef]


class Relation(TypedDict, total=False):
    """Whether the two documents look like editions of one kind of report."""

    related: bool
    message: str
    reason: str


class Reason(TypedDict):
    """A note or warning as a code with its figures (``mode_reason``, ``warning_reasons``)."""

    code: str
    params: dict[str, object]


class DiffRecord(TypedDict):
    """``reportdiff.diff/1``: everything known about how ``new`` differs from ``old``."""

    schema: str
    mode: Literal["editions", "summary"]
    mode_note: str | None
    mode_reason: NotRequired[Reason | None]
    old: Edition
    new: Edition
    sections: list[SectionPair]
    changes: list[Change]
    unchanged: NotRequired[list[UnchangedPair]]
    rejoined: NotRequired[list[RejoinedPassage]]
    new_formulations: list[NewFormulation]
    number_shifts: list[NumberShift]
    target_outcomes: NotRequired[list[TargetOutcome]]
    summary: Summary | None
    stats: DiffStats
    warnings: NotRequired[list[object]]
    warning_reasons: NotRequired[list[Reason]]
    relation: NotRequired[Relation | None]


class Location(TypedDict):
    path: str
    line: int
    end_line: int
    section_id: str
    heading: str


class Finding(TypedDict):
    code: str
    rule: str
    severity: Literal["error", "warning", "note"]
    message: str
    location: Location
    other: Location
    similarity: float
    paragraphs: int
    misplaced: Literal["location", "other"] | None
    fingerprint: str


class RuleRecord(TypedDict):
    code: str
    name: str
    severity: Literal["error", "warning", "note"]
    description: str
    explanation: NotRequired[str]


class Skipped(TypedDict):
    path: str
    reason: str


class CheckRecord(TypedDict):
    """``reportdiff.check/1``: what ``reportdiff check`` found."""

    schema: str
    files: list[str]
    threshold: float
    rules: list[RuleRecord]
    findings: list[Finding]
    counts: dict[str, int]
    skipped: NotRequired[list[Skipped]]


class OutlineSentence(TypedDict):
    text: str
    line: int
    item: NotRequired[str]


class OutlineSection(TypedDict):
    id: str
    kind: str
    number: str | None
    title: str
    level: int
    line: int
    byline: NotRequired[str]
    sentences: list[OutlineSentence]
    children: list[OutlineSection]


class OutlineRecord(TypedDict):
    """``reportdiff.outline/1``: one report's section tree."""

    schema: str
    source: str
    format: str
    encoding: str | None
    title: str | None
    footnotes: list[dict[str, object]]
    warnings: list[str]
    sections: list[OutlineSection]
