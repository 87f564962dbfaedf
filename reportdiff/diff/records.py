"""The sentence diff's records: every sentence of both editions, classified once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from reportdiff.diff.words import Op
from reportdiff.model import Section, Sentence

__all__ = ["Change", "ChangeKind", "NewFormulation", "SectionRole", "SentenceDiff", "SentenceRef"]

ChangeKind = Literal["added", "removed", "changed", "moved"]
#: What the section holding a sentence does, as far as commitments go.
SectionRole = Literal["plan", "review"] | None


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """A sentence and the section that holds it."""

    section: Section
    sentence: Sentence
    index: int
    """Position among the diffable sentences of its edition (document order)."""

    def as_record(self) -> dict[str, Any]:
        return {
            "section_id": self.section.id,
            "section_title": self.section.title,
            "text": self.sentence.text,
            "line": self.sentence.line,
            "index": self.index,
        }


@dataclass(frozen=True, slots=True)
class Change:
    """One sentence that is not unchanged: added, removed, changed (reworded) or moved."""

    id: str
    kind: ChangeKind
    old: SentenceRef | None
    new: SentenceRef | None
    commitment: bool
    similarity: float
    ops: tuple[Op, ...]
    old_also: tuple[SentenceRef, ...] = ()
    """Further old sentences of this change: two (or more) old sentences merged into ``new``."""
    new_also: tuple[SentenceRef, ...] = ()
    """Further new sentences of this change: ``old`` split into two (or more) new sentences."""
    nearest: tuple[tuple[SentenceRef, float], ...] = ()
    """For an added or removed commitment: the other edition's sentences most like it, with
    their similarity, best first (none was alike enough to be its rewrite; a reader checks
    these before taking the commitment as new or dropped)."""

    def as_record(self) -> dict[str, Any]:
        """The ``changes`` entry of the diff record (``old_also``/``new_also`` only when a merge
        or split has them, ``ops`` then comparing the joined sentences; ``nearest`` only for an
        added or removed commitment with a sentence alike in the other edition)."""
        record: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "old": self.old.as_record() if self.old else None,
            "new": self.new.as_record() if self.new else None,
            "commitment": self.commitment,
            "similarity": round(self.similarity, 3),
            "ops": [[op, text] for op, text in self.ops],
        }
        if self.old_also:
            record["old_also"] = [ref.as_record() for ref in self.old_also]
        if self.new_also:
            record["new_also"] = [ref.as_record() for ref in self.new_also]
        if self.nearest:
            record["nearest"] = [
                {**ref.as_record(), "similarity": round(score, 3)} for ref, score in self.nearest
            ]
        return record


@dataclass(frozen=True, slots=True)
class NewFormulation:
    """A key phrase of the new edition that the old edition never uses (新提法)."""

    phrase: str
    new: SentenceRef

    def as_record(self) -> dict[str, Any]:
        return {"phrase": self.phrase, "new": self.new.as_record()}


@dataclass(frozen=True, slots=True)
class SentenceDiff:
    """Every sentence of both editions, classified once."""

    changes: tuple[Change, ...]
    """Document order: new side first, removed sentences at their old position."""
    unchanged: tuple[tuple[SentenceRef, SentenceRef], ...]
    old_count: int
    new_count: int
    new_formulations: tuple[NewFormulation, ...]
    rejoined: tuple[tuple[tuple[SentenceRef, ...], tuple[SentenceRef, ...]], ...] = ()
    """Passages split into sentences differently (a paragraph broken at a page or hard wrap in
    one edition) whose joined text is equal: unchanged for a reader."""

    def accounting(self) -> tuple[list[int], list[int]]:
        """How many times each old and each new sentence is accounted for (all 1 when sound)."""
        old_seen = [0] * self.old_count
        new_seen = [0] * self.new_count
        for old, new in self.unchanged:
            old_seen[old.index] += 1
            new_seen[new.index] += 1
        for olds, news in self.rejoined:
            for ref in olds:
                old_seen[ref.index] += 1
            for ref in news:
                new_seen[ref.index] += 1
        for change in self.changes:
            olds = (change.old, *change.old_also) if change.old is not None else ()
            news = (change.new, *change.new_also) if change.new is not None else ()
            for ref in olds:
                old_seen[ref.index] += 1
            for ref in news:
                new_seen[ref.index] += 1
        return old_seen, new_seen

    def counts(self) -> dict[str, int]:
        """Changes per kind plus unchanged (the record's ``stats.changes``).

        ``unchanged`` counts unchanged new-edition sentences (re-joined fragments included);
        ``rejoined`` counts the passages that only differ in where they are split; ``also_old``
        and ``also_new`` (only when there are any) the further sentences of merges and splits.
        """
        out = {"added": 0, "removed": 0, "changed": 0, "moved": 0}
        also_old = also_new = 0
        for change in self.changes:
            out[change.kind] += 1
            also_old += len(change.old_also)
            also_new += len(change.new_also)
        out["unchanged"] = len(self.unchanged) + sum(len(news) for _, news in self.rejoined)
        out["rejoined"] = len(self.rejoined)
        if also_old or also_new:
            out["also_old"], out["also_new"] = also_old, also_new
        return out
