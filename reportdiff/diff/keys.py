"""Comparison keys of sentences, their similarity, and each edition's diffable sentences.

Keys ignore what a reader does not care about: white space, punctuation width, line wrapping
(already undone by load), the 一是/二是 and numbering labels, and the end mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportdiff.align import review_or_plan
from reportdiff.diff.records import SectionRole, SentenceRef
from reportdiff.grammar import ITEM_TOKEN, TRAILING_MARKS, strip_labels
from reportdiff.model import Outline, Section, SectionKind, Sentence
from reportdiff.text import fold
from reportdiff.tokens import cut

__all__ = ["Side", "diff_units", "sentence_key", "sentence_similarity", "similarity_matrix"]

_PUNCT = re.compile(r"[\W_]+")


def sentence_key(text: str) -> str:
    """Comparison key of a sentence: fold(), enumeration label and end mark removed.

    >>> sentence_key("一是推进“两旧一村”改造；") == sentence_key("（一）推进 \\"两旧一村\\" 改造。")
    True
    """
    return TRAILING_MARKS.sub("", strip_labels(fold(text)))


def token_set(text: str) -> frozenset[str]:
    """Folded content tokens of a sentence (punctuation and 一是 labels dropped), for the Jaccard
    half of the similarity. Cuts the display text, so jieba's cache is shared with the rest."""
    out = set()
    for token in cut(text):
        key = fold(token)
        if key and not _PUNCT.fullmatch(key) and not ITEM_TOKEN.fullmatch(key):
            out.add(key)
    return frozenset(out)


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
    """The diffable sentences of an outline in document order, with the role of their section.

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
    return units


@dataclass(slots=True)
class Side:
    refs: list[SentenceRef]
    keys: list[str]
    tokens: list[frozenset[str]]
    roles: list[SectionRole]
    by_section: dict[int, list[int]]
    taken: list[bool]

    @classmethod
    def of(cls, outline: Outline) -> Side:
        refs: list[SentenceRef] = []
        keys: list[str] = []
        roles: list[SectionRole] = []
        by_section: dict[int, list[int]] = {}
        for k, (section, sentence, role) in enumerate(diff_units(outline)):
            refs.append(SentenceRef(section, sentence, k))
            keys.append(sentence_key(sentence.text))
            roles.append(role)
            by_section.setdefault(id(section), []).append(k)
        tokens = [token_set(ref.sentence.text) for ref in refs]
        return cls(refs, keys, tokens, roles, by_section, [False] * len(refs))

    def free(self, section: Section) -> list[int]:
        return [k for k in self.by_section.get(id(section), ()) if not self.taken[k]]


def similarity_matrix(
    old_keys: list[str],
    new_keys: list[str],
    old_tokens: list[frozenset[str]],
    new_tokens: list[frozenset[str]],
) -> Any:
    """max(character ratio, token Jaccard) for every pair of keys, as a numpy array.

    The Jaccard half is one sparse product of token incidence matrices (no Python loop over
    pairs), so the cross-report moved pass stays fast on real reports.
    """
    import numpy as np
    from rapidfuzz import fuzz, process
    from scipy.sparse import csr_matrix

    ratio = process.cdist(old_keys, new_keys, scorer=fuzz.ratio, dtype=np.float64) / 100.0
    vocab: dict[str, int] = {}

    def incidence(token_sets: list[frozenset[str]]) -> tuple[Any, Any]:
        rows: list[int] = []
        cols: list[int] = []
        for r, token_set in enumerate(token_sets):
            for token in sorted(token_set):
                rows.append(r)
                cols.append(vocab.setdefault(token, len(vocab)))
        sizes = np.bincount(np.asarray(rows, dtype=np.int64), minlength=len(token_sets))
        return (rows, cols), sizes

    (old_rows, old_cols), old_sizes = incidence(old_tokens)
    (new_rows, new_cols), new_sizes = incidence(new_tokens)
    width = max(len(vocab), 1)
    a = csr_matrix((np.ones(len(old_rows)), (old_rows, old_cols)), shape=(len(old_keys), width))
    b = csr_matrix((np.ones(len(new_rows)), (new_rows, new_cols)), shape=(len(new_keys), width))
    common = (a @ b.T).toarray()
    union = old_sizes[:, None] + new_sizes[None, :] - common
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, common / np.maximum(union, 1), 0.0)
    return np.maximum(ratio, jaccard)
