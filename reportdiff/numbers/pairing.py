"""Pairing: how alike two indicators are, and the best one-to-one pairs of two lists.

:func:`similarity` scores two indicators (shared content words and characters, the same dimension,
the same kind of measure). :func:`assign` pairs two lists greedily best-first, one to one, above a
threshold; candidates come from an index of shared characters (:func:`candidates`), so the work
grows with the pairs that could match, not with every old × new pair.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from reportdiff.grammar import CJK
from reportdiff.numbers.indicators import Indicator
from reportdiff.numbers.words import GENERIC

if TYPE_CHECKING:
    from reportdiff.align import SectionAlignment

#: Quantity kinds measured on one scale: only figures of one dimension are compared.
DIMENSION = {
    "amount": "money",
    "money": "money",
    "percent": "percent",
    "points": "points",
    "permille": "permille",
    "count": "count",
    "version": "version",
    "area": "area",
    "length": "length",
    "ratio": "ratio",
    "mass": "mass",
    "power": "power",
    "energy": "energy",
}


@functools.lru_cache(maxsize=65536)
def _bigrams(words: tuple[str, ...]) -> frozenset[str]:
    """Character bigrams of the key's telling words (all words when every one is generic)."""
    telling = [w for w in words if w not in GENERIC]
    text = "".join(telling or words)
    return (
        frozenset(text[i : i + 2] for i in range(len(text) - 1))
        if len(text) > 1
        else frozenset({text})
    )


@functools.lru_cache(maxsize=65536)
def _expanded(terms: tuple[str, ...]) -> frozenset[str]:
    """Key words plus the halves of four-character words (工程建设 → 工程, 建设), so that
    segmentation
    differences between editions (工程建设 / 工程项目) still share words."""
    words = set(terms)
    for term in terms:
        if len(term) == 4 and CJK.match(term):
            words.update((term[:2], term[2:]))
    return frozenset(words)


#: A count of awards or list places is another indicator than a count of things built.
_MEASURE_TERMS = frozenset(
    {"比重", "占比", "人均", "均值", "密度", "上榜", "入选", "获评", "荣获", "获得"}
)


def _is_measure(term: str) -> bool:
    """Words that change what is measured: a share, a rate, a per-head value."""
    return term in _MEASURE_TERMS or (term.endswith("率") and len(term) >= 2)


def _weight(term: str) -> float:
    return 0.3 if term in GENERIC else 1.0


class _Profile(NamedTuple):
    """What :func:`similarity` needs of an indicator's words, computed once per key."""

    terms: frozenset[str]
    telling: frozenset[str]
    weight: float
    measures: frozenset[str]
    grams: frozenset[str]


@functools.lru_cache(maxsize=65536)
def _profile(words: tuple[str, ...]) -> _Profile:
    terms = _expanded(words)
    return _Profile(
        terms,
        frozenset(t for t in terms if t not in GENERIC),
        sum(_weight(t) for t in terms),
        frozenset(t for t in terms if _is_measure(t)),
        _bigrams(words),
    )


def similarity(a: Indicator, b: Indicator) -> float:
    """How likely two indicators measure the same thing (0..1): shared key words and characters."""
    if DIMENSION.get(a.quantity.kind) != DIMENSION.get(b.quantity.kind):
        return 0.0
    pa, pb = _profile(a.terms), _profile(b.terms)
    if not pa.telling or not pb.telling:
        return 0.0  # 增长 alone says nothing about what grew (nor does nothing)
    if pa.measures != pb.measures:
        return 0.0  # 地区生产总值 增长 is not 占地区生产总值 比重
    if DIMENSION.get(a.quantity.kind) == "count" and not _same_thing(a.terms, b.terms):
        return 0.0  # 1600个城市更新(项目) is not 30个城市更新重点片区
    shared = pa.terms & pb.terms
    word_score = sum(_weight(t) for t in shared) / ((pa.weight + pb.weight) / 2)
    gram_score = len(pa.grams & pb.grams) / min(len(pa.grams), len(pb.grams))
    if not shared & pa.telling and gram_score < _GRAM_ALONE:
        return 0.0
    score = 0.5 * word_score + 0.5 * gram_score
    if a.quantity.unit == b.quantity.unit:
        score += 0.05
    if a.quantity.value == b.quantity.value and a.quantity.high == b.quantity.high:
        # The same figure is evidence too, the more so when it is not a small everyday count.
        score += 0.1 if a.quantity.value >= 10 else 0.05
    return min(score, 1.0)


def _head(terms: tuple[str, ...]) -> str:
    """What a count counts: the last telling word of its key (城市更新 重点 片区 建设: 片区)."""
    telling = [t for t in terms if t not in GENERIC]
    return (telling or list(terms) or [""])[-1]


@functools.lru_cache(maxsize=65536)
def _same_thing(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two counts count the same thing when each one's head word shares a character pair with the
    other's words (专精特新企业 / 专精特新中小企业), not merely a modifier (城市更新 项目 /
    城市更新 重点 片区)."""
    for head, other in ((_head(a), "".join(b)), (_head(b), "".join(a))):
        pairs = {head[i : i + 2] for i in range(len(head) - 1)} or {head}
        if not any(pair in other for pair in pairs):
            return False
    return True


#: Without a telling word in common, two indicators must share this share of the smaller one's
#: character bigrams (工程建设 / 工程项目 segmented apart).
_GRAM_ALONE = 0.6


#: Similarity at which two equal figures of one report are the same statement said twice.
_SAME = 0.85
#: ... and in the same chapter, where a summary's headline list restates its body.
_NEAR = 0.7


def _chapter(indicator: Indicator) -> str:
    return indicator.section_id.split(".", 1)[0]


def dedupe(indicators: Iterable[Indicator], threshold: float) -> list[Indicator]:
    """Drop repeats (same figure, role and horizon): a summary restates its headlines in the body;
    a plan names the version it replaces (6.0 done, 7.0 planned: only the newest version of a
    plan counts for pairing)."""
    kept: list[Indicator] = []
    by_value: dict[tuple[Decimal, Decimal | None, str, str, str, str], list[Indicator]] = {}
    for indicator in indicators:
        q = indicator.quantity
        key = (q.value, q.high, q.unit, q.compared_qualifier, indicator.role, indicator.horizon)
        group = by_value.setdefault(key, [])
        if any(
            other.key == indicator.key
            or similarity(other, indicator) >= _SAME
            or (_chapter(other) == _chapter(indicator) and similarity(other, indicator) >= _NEAR)
            for other in group
        ):
            continue
        group.append(indicator)
        kept.append(indicator)
    versions = [i for i in kept if i.quantity.kind == "version"]
    superseded = {
        id(a)
        for a in versions
        for b in versions
        if b.quantity.value > a.quantity.value and similarity(a, b) >= threshold
    }
    return [i for i in kept if id(i) not in superseded]


def partners(alignment: SectionAlignment | None) -> set[tuple[str, str]]:
    """(old section id, new section id) pairs the section alignment matched."""
    pairs: set[tuple[str, str]] = set()
    if alignment is None:
        return pairs
    for pair in alignment.pairs:
        if pair.old is not None and pair.new is not None:
            pairs.add((pair.old.id, pair.new.id))
    return pairs


def _bucket(indicator: Indicator) -> tuple[str | None, frozenset[str]]:
    """Indicators :func:`similarity` can score above 0 share a dimension and measure words."""
    return DIMENSION.get(indicator.quantity.kind), _profile(indicator.terms).measures


def candidates(olds: list[Indicator], news: list[Indicator]) -> Iterator[tuple[int, int]]:
    """Every (old, new) index pair :func:`similarity` can score above 0, each once, in order,
    found through inverted indexes rather than by trying every old × new pair.

    A pair scores above 0 only when it shares a telling word (an index of telling words finds
    those) or, failing that, at least 60% of the smaller side's character bigrams: then the
    smaller side's rarest ``n - ⌈0.6·n⌉ + 1`` bigrams meet the other side (prefix filtering,
    bigrams ordered by how many indicators hold them), so only those are looked up. The work
    follows the pairs that can match, not the product of the two lists.
    """
    found: set[tuple[int, int]] = set()
    words: dict[tuple[object, str], list[int]] = defaultdict(list)
    for j, b in enumerate(news):
        for term in _profile(b.terms).telling:
            words[(_bucket(b), term)].append(j)
    for i, a in enumerate(olds):
        for term in _profile(a.terms).telling:
            found.update((i, j) for j in words.get((_bucket(a), term), ()))
    frequency: Counter[str] = Counter()
    for indicator in (*olds, *news):
        frequency.update(_profile(indicator.terms).grams)

    def prefix(indicator: Indicator) -> list[str]:
        grams = sorted(_profile(indicator.terms).grams, key=lambda g: (frequency[g], g))
        return grams[: len(grams) - math.ceil(_GRAM_ALONE * len(grams)) + 1]

    for probes, indexed, flip in ((olds, news, False), (news, olds, True)):
        postings: dict[tuple[object, str], list[int]] = defaultdict(list)
        for k, indicator in enumerate(indexed):
            for gram in _profile(indicator.terms).grams:
                postings[(_bucket(indicator), gram)].append(k)
        for k, indicator in enumerate(probes):
            for gram in prefix(indicator):
                for other in postings.get((_bucket(indicator), gram), ()):
                    found.add((other, k) if flip else (k, other))
    yield from sorted(found)


def assign(
    olds: list[Indicator], news: list[Indicator], threshold: float, partners: set[tuple[str, str]]
) -> list[tuple[int, int, float]]:
    """Greedy best-first one-to-one pairing above ``threshold``; ties broken by position."""
    scored: list[tuple[float, int, int]] = []
    for i, j in candidates(olds, news):
        a, b = olds[i], news[j]
        score = similarity(a, b)
        if score <= 0:
            continue
        if (a.section_id, b.section_id) in partners:
            score = min(1.0, score + 0.05)
        if score >= threshold:
            scored.append((score, i, j))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    result: list[tuple[int, int, float]] = []
    for score, i, j in scored:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        result.append((i, j, score))
    return result
