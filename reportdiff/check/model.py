"""What ``check`` reports: rules with their codes and severities, findings and their places,
and the shape of the near-copy index (the objects the check stage makes and the report holds)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reportdiff.check.index import SHINGLE

SCHEMA = "reportdiff.check/1"


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
