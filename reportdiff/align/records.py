"""The section map's records: how each section of one edition relates to the other."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reportdiff.model import Section


class MatchStatus(StrEnum):
    """How a section of one edition relates to the other edition."""

    MATCHED = "matched"
    """Same heading (up to numbering style, spacing and the year), same place."""
    RENAMED = "renamed"
    """Heading reworded or renumbered; content corresponds."""
    MOVED = "moved"
    """Found under another parent, or out of order among its siblings."""
    SPLIT = "split"
    """One old section became several new ones (one pair per new part, same old section)."""
    MERGED = "merged"
    """Several old sections became one new one (one pair per old part, same new section)."""
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class SectionPair:
    """One line of the section map: an old section, a new section (either may be None), and how."""

    old: Section | None
    new: Section | None
    status: MatchStatus
    score: float
    """Overall similarity 0..1 (0 for added/removed)."""
    title_score: float
    """Similarity of the headings alone (numbering and years ignored)."""
    content_score: float
    """Similarity of the content words of the two sections (children included)."""

    def as_record(self) -> dict[str, Any]:
        """The ``sections`` entry of the diff record."""
        return {
            "old": section_ref(self.old),
            "new": section_ref(self.new),
            "status": self.status.value,
            "score": round(self.score, 3),
            "title_score": round(self.title_score, 3),
            "content_score": round(self.content_score, 3),
        }


def section_ref(section: Section | None) -> dict[str, Any] | None:
    """How the diff record names a section: id, numbering label, title, line."""
    if section is None:
        return None
    return {
        "id": section.id,
        "number": section.number,
        "title": section.title,
        "line": section.line,
    }


@dataclass(frozen=True, slots=True)
class SectionAlignment:
    """The section map of two outlines.

    Every section of both outlines appears in ``pairs``; a section appears more than once only as
    the shared side of ``split`` (the old section, once per new part) or ``merged`` (the new
    section, once per old part) pairs. Order: new-document order, removed sections inserted right
    after the pair of the nearest paired section that precedes them in the old document.
    """

    pairs: tuple[SectionPair, ...]

    def partner_of_old(self, section_id: str) -> Section | None:
        """The new section paired with old ``section_id`` (the best one for a split), or None."""
        best: SectionPair | None = None
        for pair in self.pairs:
            if pair.old is not None and pair.old.id == section_id and pair.new is not None:
                if best is None or pair.score > best.score:
                    best = pair
        return best.new if best else None

    def partner_of_new(self, section_id: str) -> Section | None:
        """The old section paired with new ``section_id`` (the best one for a merge), or None."""
        best: SectionPair | None = None
        for pair in self.pairs:
            if pair.new is not None and pair.new.id == section_id and pair.old is not None:
                if best is None or pair.score > best.score:
                    best = pair
        return best.old if best else None

    def pair_of_old(self, section_id: str) -> SectionPair | None:
        """The best pair whose old side is ``section_id`` (a ``removed`` pair when unpaired)."""
        found = [p for p in self.pairs if p.old is not None and p.old.id == section_id]
        return max(found, key=lambda p: p.score) if found else None

    def pair_of_new(self, section_id: str) -> SectionPair | None:
        """The best pair whose new side is ``section_id`` (an ``added`` pair when unpaired)."""
        found = [p for p in self.pairs if p.new is not None and p.new.id == section_id]
        return max(found, key=lambda p: p.score) if found else None

    def stats(self) -> dict[str, int]:
        """Pairs per status, every status present (the diff record's ``stats.sections``)."""
        counts = Counter(pair.status for pair in self.pairs)
        return {status.value: counts.get(status, 0) for status in MatchStatus}

    def as_records(self) -> list[dict[str, Any]]:
        """The diff record's ``sections`` list."""
        return [pair.as_record() for pair in self.pairs]
