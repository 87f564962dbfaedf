"""Comparison keys of sentences, their similarity, and each edition's diffable sentences.

Keys ignore what a reader does not care about: white space, punctuation width, line wrapping
(already undone by load), the 一是/二是 and numbering labels, and the end mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportdiff.align import review_or_plan
from reportdiff.diff.records import SectionRole, SentenceRef
from reportdiff.diff.similarity import Bags, bags_of, content_key
from reportdiff.grammar import TRAILING_MARKS, strip_labels
from reportdiff.model import Outline, Section, SectionKind, Sentence
from reportdiff.text import fold
from reportdiff.tokens import cut

__all__ = ["Side", "diff_units", "sentence_key", "sentence_similarity", "token_set"]

_PUNCT = re.compile(r"[\W_]+")


def sentence_key(text: str) -> str:
    """Comparison key of a sentence: fold(), enumeration label and end mark removed.

    >>> sentence_key("一是推进“两旧一村”改造；") == sentence_key("（一）推进 \\"两旧一村\\" 改造。")
    True
    """
    return TRAILING_MARKS.sub("", strip_labels(fold(text)))


def token_set(text: str) -> frozenset[str]:
    """Folded content tokens of a sentence (punctuation and 一是 labels dropped)."""
    return _content_tokens(cut(text))


def _content_tokens(tokens: tuple[str, ...]) -> frozenset[str]:
    return frozenset(key for key in map(content_key, tokens) if key)


def sentence_similarity(a: str, b: str) -> float:
    """Max of the character ratio and the token Jaccard of two sentences' keys (0..1)."""
    from rapidfuzz import fuzz

    ka, kb = sentence_key(a), sentence_key(b)
    if ka == kb:
        return 1.0
    ta, tb = token_set(a), token_set(b)
    jaccard = len(ta & tb) / len(ta | tb) if ta | tb else 0.0
    return max(fuzz.ratio(ka, kb) / 100.0, jaccard)


#: Sections whose sentences are not report content (a table of contents repeats the headings).
_SKIPPED = (SectionKind.TOC,)


def diff_units(outline: Outline) -> list[tuple[Section, Sentence, SectionRole]]:
    """The diffable sentences of an outline in document (source line) order, with the role of
    their section.

    Lead sentences (run-in headings) count as sentences; a table of contents does not.
    """
    units: list[tuple[Section, Sentence, SectionRole]] = []

    def walk(section: Section, role: SectionRole) -> None:
        if section.kind in _SKIPPED:
            return
        own = review_or_plan(section.title) if section.title else None
        role = own or role
        if section.kind is SectionKind.LEAD and section.title:
            # A run-in lead sentence is body text that the outline lifted into a title: it is
            # compared as a sentence, so one reading making it a lead and another not is no change.
            units.append((section, Sentence(text=section.title, line=section.line), role))
        for sentence in section.sentences:
            units.append((section, sentence, role))
        for child in section.children:
            walk(child, role)

    # A report whose own title announces a plan (重点工作任务) is a plan throughout, unless it
    # also announces a review (执行情况与...计划草案): then its sections say which is which.
    walk(outline.root, "plan" if review_or_plan(outline.title or "") == "plan" else None)
    # Document order: a section's own paragraphs may follow its children (the paragraph after a
    # list of ——bullets belongs to the section the list is in).
    units.sort(key=lambda unit: unit[1].line)
    return units


@dataclass(slots=True)
class Side:
    """One edition's diffable sentences, each segmented once: its reference, comparison key,
    content tokens, similarity bags and section role, plus which are paired so far."""

    outline: Outline
    refs: list[SentenceRef]
    keys: list[str]
    tokens: list[frozenset[str]]
    bags: list[Bags]
    roles: list[SectionRole]
    by_section: dict[int, list[int]]
    taken: list[bool]
    parents: dict[int, Section]
    """Parent of every section but the root (by ``id``)."""
    titles: list[bool]
    """Whether each sentence is a run-in paragraph title (a lead section's own title)."""

    @classmethod
    def of(cls, outline: Outline) -> Side:
        refs: list[SentenceRef] = []
        keys: list[str] = []
        roles: list[SectionRole] = []
        tokens: list[frozenset[str]] = []
        bags: list[Bags] = []
        by_section: dict[int, list[int]] = {}
        for k, (section, sentence, role) in enumerate(diff_units(outline)):
            refs.append(SentenceRef(section, sentence, k))
            keys.append(sentence_key(sentence.text))
            roles.append(role)
            by_section.setdefault(id(section), []).append(k)
            bag = bags_of(sentence.text, cut(sentence.text))
            tokens.append(bag[0])  # the word bag is the content-token set
            bags.append(bag)
        parents = {
            id(child): section
            for section in outline.root.iter_sections()
            for child in section.children
        }
        titles = [
            ref.section.kind is SectionKind.LEAD and ref.sentence.text == ref.section.title
            for ref in refs
        ]
        return cls(
            outline,
            refs,
            keys,
            tokens,
            bags,
            roles,
            by_section,
            [False] * len(refs),
            parents,
            titles,
        )

    def free(self, section: Section) -> list[int]:
        return [k for k in self.by_section.get(id(section), ()) if not self.taken[k]]

    def section_of(self, k: int) -> Section:
        return self.refs[k].section

    def ancestors(self, section: Section) -> list[Section]:
        """``section`` and its ancestors up to (not including) the root, innermost first."""
        chain = []
        node: Section | None = section
        while node is not None and node.id:
            chain.append(node)
            node = self.parents.get(id(node))
        return chain
