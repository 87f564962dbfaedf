"""Lifetimes over N editions: commitments, new formulations (新提法) and task headings.

Built from the comparisons of each edition with the next (:func:`reportdiff.pipeline.compare`):

- a **commitment** is a thread of sentences the sentence diff pairs from one edition to the next
  (unchanged, reworded, moved or re-joined), at least one of them a commitment
  (:func:`reportdiff.diff.is_commitment`); its first and last edition and its wording in each;
- a **formulation** is a key phrase the diff finds new in an edition against the one before; its
  editions are every edition whose text uses it;
- a **heading** is a thread of sections the section map pairs from one edition to the next.

Threads follow consecutive editions only: a sentence dropped in one edition and restored in the
next starts a new thread (the diff of the two neighbours cannot see it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportdiff.diff import diff_units, is_commitment
from reportdiff.model import Outline, SectionKind
from reportdiff.text import fold

if TYPE_CHECKING:
    from reportdiff.pipeline import Comparison

__all__ = [
    "Lifetime",
    "Mention",
    "commitment_lifetimes",
    "formulation_lifetimes",
    "heading_lifetimes",
]

#: Sections that head tasks or chapters (not run-in leads, tables, contents, title blocks).
_HEADING_KINDS = frozenset(
    {SectionKind.PART, SectionKind.HEADING, SectionKind.TITLE, SectionKind.BULLET}
)


@dataclass(frozen=True, slots=True)
class Mention:
    """Where an edition says it: text, line and section."""

    edition: int
    text: str
    line: int
    section_id: str
    section_title: str

    def as_record(self, labels: Sequence[str]) -> dict[str, Any]:
        return {
            "edition": labels[self.edition],
            "text": self.text,
            "line": self.line,
            "section_id": self.section_id,
            "section_title": self.section_title,
        }


@dataclass(frozen=True, slots=True)
class Lifetime:
    """A commitment, formulation or heading: the editions it appears in, first and last wording."""

    editions: tuple[int, ...]
    first: Mention
    last: Mention
    phrase: str | None = None
    """The formulation itself (formulations only)."""
    reworded: bool = False
    """The wording in the last edition differs from the first."""

    def status(self, total: int) -> str:
        """``throughout``, ``appeared`` (not in the first edition), ``vanished`` (not in the
        last) or ``passing`` (neither)."""
        appeared = self.editions[0] > 0
        vanished = self.editions[-1] < total - 1
        if appeared and vanished:
            return "passing"
        return "appeared" if appeared else "vanished" if vanished else "throughout"

    def as_record(self, labels: Sequence[str]) -> dict[str, Any]:
        record: dict[str, Any] = {}
        if self.phrase is not None:
            record["phrase"] = self.phrase
        record.update(
            {
                "status": self.status(len(labels)),
                "first": labels[self.editions[0]],
                "last": labels[self.editions[-1]],
                "editions": [labels[k] for k in self.editions],
                "reworded": self.reworded,
                "first_mention": self.first.as_record(labels),
                "last_mention": self.last.as_record(labels),
            }
        )
        return record


class _Threads:
    """Union-find over (edition, position) nodes."""

    def __init__(self) -> None:
        self.parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(self, node: tuple[int, int]) -> tuple[int, int]:
        root = self.parent.setdefault(node, node)
        while root != self.parent[root]:
            root = self.parent[root]
        while node != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def join(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self, nodes: Iterable[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        by_root: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for node in nodes:
            by_root.setdefault(self.find(node), []).append(node)
        return [sorted(members) for _, members in sorted(by_root.items())]


def commitment_lifetimes(
    outlines: Sequence[Outline], comparisons: Sequence[Comparison]
) -> tuple[Lifetime, ...]:
    """Every thread of sentences holding a commitment, in order of first appearance."""
    units = [diff_units(outline) for outline in outlines]
    threads = _Threads()
    for k, comparison in enumerate(comparisons):
        diff = comparison.diff
        for old_ref, new_ref in diff.unchanged:
            threads.join((k, old_ref.index), (k + 1, new_ref.index))
        for change in diff.changes:
            if change.old is not None and change.new is not None:
                threads.join((k, change.old.index), (k + 1, change.new.index))
        for olds, news in diff.rejoined:
            anchor = (k, olds[0].index)
            for ref in olds[1:]:
                threads.join(anchor, (k, ref.index))
            for ref in news:
                threads.join(anchor, (k + 1, ref.index))
    nodes = [(k, i) for k, edition in enumerate(units) for i in range(len(edition))]
    found: list[Lifetime] = []
    for members in threads.groups(nodes):
        if not any(is_commitment(units[k][i][1].text, units[k][i][2]) for k, i in members):
            continue
        first_k, first_i = members[0]
        last_k = members[-1][0]
        last_i = min(i for k, i in members if k == last_k)
        first = _mention(first_k, units[first_k][first_i])
        last = _mention(last_k, units[last_k][last_i])
        editions = tuple(sorted({k for k, _ in members}))
        found.append(Lifetime(editions, first, last, reworded=fold(first.text) != fold(last.text)))
    return tuple(found)


def _mention(edition: int, unit: Any) -> Mention:
    section, sentence, _ = unit
    return Mention(edition, sentence.text, sentence.line, section.id, section.title)


def formulation_lifetimes(
    outlines: Sequence[Outline], comparisons: Sequence[Comparison]
) -> tuple[Lifetime, ...]:
    """Phrases new in an edition against the one before, with every edition that uses them."""
    texts = [[(fold(s.text), section, s) for section, s, _ in diff_units(o)] for o in outlines]
    joined = ["\n".join(t for t, _, _ in edition) for edition in texts]
    found: list[Lifetime] = []
    seen: set[str] = set()
    for k, comparison in enumerate(comparisons):
        for formulation in comparison.diff.new_formulations:
            key = fold(formulation.phrase)
            if key in seen:
                continue
            seen.add(key)
            editions = tuple(e for e, text in enumerate(joined) if key in text)
            if not editions:
                editions = (k + 1,)
            mentions = []
            for e in (editions[0], editions[-1]):
                hit = next(((sec, s) for t, sec, s in texts[e] if key in t), None)
                if hit is None:  # the phrase stands in a heading only
                    ref = formulation.new
                    mentions.append(
                        Mention(
                            k + 1,
                            ref.sentence.text,
                            ref.sentence.line,
                            ref.section.id,
                            ref.section.title,
                        )
                    )
                else:
                    section, sentence = hit
                    mentions.append(
                        Mention(e, sentence.text, sentence.line, section.id, section.title)
                    )
            found.append(Lifetime(editions, mentions[0], mentions[1], phrase=formulation.phrase))
    found.sort(key=lambda f: (f.editions[0], f.first.line, f.phrase or ""))
    return tuple(found)


def heading_lifetimes(
    outlines: Sequence[Outline], comparisons: Sequence[Comparison]
) -> tuple[Lifetime, ...]:
    """Task and chapter headings over the editions: which persist, appear and vanish."""
    positions = [
        {section.id: n for n, section in enumerate(outline.iter_sections())} for outline in outlines
    ]
    sections = [list(outline.iter_sections()) for outline in outlines]
    threads = _Threads()
    for k, comparison in enumerate(comparisons):
        for pair in comparison.alignment.pairs:
            if pair.old is not None and pair.new is not None:
                threads.join((k, positions[k][pair.old.id]), (k + 1, positions[k + 1][pair.new.id]))
    nodes = [
        (k, n)
        for k, edition in enumerate(sections)
        for n, section in enumerate(edition)
        if section.kind in _HEADING_KINDS and section.title
    ]
    found: list[Lifetime] = []
    for members in threads.groups(nodes):
        first_k, first_n = members[0]
        last_k = members[-1][0]
        last_n = min(n for k, n in members if k == last_k)
        first, last = sections[first_k][first_n], sections[last_k][last_n]
        found.append(
            Lifetime(
                tuple(sorted({k for k, _ in members})),
                Mention(first_k, first.heading, first.line, first.id, first.title),
                Mention(last_k, last.heading, last.line, last.id, last.title),
                reworded=fold(first.title) != fold(last.title),
            )
        )
    found.sort(key=lambda h: (h.editions[0], positions[h.first.edition][h.first.section_id]))
    return tuple(found)
