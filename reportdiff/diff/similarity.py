"""How alike two sentences are, in a way that survives the rewrites real reports make.

Editions of a report reorder clauses, merge two sentences into one and keep 40–60% of the
characters, so neither a character ratio nor an edit distance pairs them. Here a sentence is two
bags: its jieba tokens and its character bigrams (which catch words jieba cuts differently,
「发/力」, 「互/促/共/进」), each weighted by its rarity across the sentences of both editions
(IDF), with the policy vocabulary weighted up. The similarity of two sentences is the mean of the
weighted Dice coefficients of the two bags; stock words every sentence shares (推进, 发展, 的) weigh
little, the specifics (营商环境, 千项万亿, 2500亿元) weigh much. Order plays no part, so a clause
moved to the front costs nothing; a merge is scored on the union of the merged sentences' bags.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from reportdiff.grammar import ITEM_TOKEN, policy_terms, strip_labels
from reportdiff.text import fold

__all__ = ["Bags", "Similarity", "bags_of", "content_key"]

_PUNCT = re.compile(r"[\W_]+")
#: Policy terms (营商环境, 两旧一村) shared by two sentences say more than ordinary words.
POLICY_BOOST = 1.5

Bags = tuple[frozenset[str], frozenset[str]]
"""(content tokens, character bigrams) of one sentence."""


def bags_of(text: str, tokens: Sequence[str]) -> Bags:
    """The two bags of a sentence from its jieba ``tokens``: folded tokens without punctuation
    or item labels (一是), and the bigrams of its plain key (labels, punctuation, space removed).

    >>> sorted(bags_of("（一）优化营商环境。", ("（", "一", "）", "优化", "营商环境", "。"))[0])
    ['一', '优化', '营商环境']
    """
    words = {key for key in map(content_key, tokens) if key}
    plain = _PUNCT.sub("", fold(strip_labels(text)))
    grams = {plain[i : i + 2] for i in range(len(plain) - 1)} or ({plain} if plain else set())
    return frozenset(words), frozenset(grams)


@functools.lru_cache(maxsize=1 << 16)
def content_key(token: str) -> str:
    """A token's folded form, or "" for punctuation and item labels (cached: the same few
    thousand tokens recur in every sentence of a report)."""
    key = fold(token)
    if not key or _PUNCT.fullmatch(key) or ITEM_TOKEN.fullmatch(key):
        return ""
    return key


class Similarity:
    """IDF-weighted bag similarity over the sentences of two editions.

    ``old`` and ``new`` are the bags of every sentence of each edition; weights are computed
    over both together, so a word common in one edition only is still fairly rare.
    """

    def __init__(self, old: Sequence[Bags], new: Sequence[Bags]) -> None:
        words: Counter[str] = Counter()
        grams: Counter[str] = Counter()
        for word_bag, gram_bag in (*old, *new):
            words.update(word_bag)
            grams.update(gram_bag)
        n = len(old) + len(new)
        terms = policy_terms()
        self.word_weight = {
            w: (POLICY_BOOST if w in terms else 1.0) * _idf(n, df) for w, df in words.items()
        }
        self.gram_weight = {g: _idf(n, df) for g, df in grams.items()}
        # The same weights in fixed point, for the sums: integer sums are exact whatever order a
        # set iterates in (which differs between ``a & b`` and ``b & a``), so old against new
        # scores exactly as new against old.
        self._word_units = _Units((w, round(v * _UNIT)) for w, v in self.word_weight.items())
        self._gram_units = _Units((g, round(v * _UNIT)) for g, v in self.gram_weight.items())
        self.word_df = words
        self.gram_df = grams
        self.old = list(old)
        self.new = list(new)
        self._old_mass = [self.mass(b) for b in self.old]
        self._new_mass = [self.mass(b) for b in self.new]

    def mass(self, bags: Bags) -> tuple[float, float]:
        """Total weight of a sentence's word bag and gram bag."""
        return (
            sum(map(self._word_units.__getitem__, bags[0])) / _UNIT,
            sum(map(self._gram_units.__getitem__, bags[1])) / _UNIT,
        )

    def shared(self, a: Bags, b: Bags) -> tuple[float, float]:
        """Weight of the words and of the grams two bags share."""
        return (
            sum(map(self._word_units.__getitem__, a[0] & b[0])) / _UNIT,
            sum(map(self._gram_units.__getitem__, a[1] & b[1])) / _UNIT,
        )

    def of_bags(self, a: Bags, b: Bags) -> float:
        """Similarity of any two bags (0..1): mean weighted Dice of words and of grams."""
        (wa, ga), (wb, gb) = self.mass(a), self.mass(b)
        sw, sg = self.shared(a, b)
        return _dice(sw, wa, wb, sg, ga, gb)

    def pair(self, i: int, j: int) -> float:
        """Similarity of old sentence ``i`` and new sentence ``j``."""
        (wa, ga), (wb, gb) = self._old_mass[i], self._new_mass[j]
        sw, sg = self.shared(self.old[i], self.new[j])
        return _dice(sw, wa, wb, sg, ga, gb)

    def group(self, olds: Iterable[int], news: Iterable[int]) -> float:
        """Similarity of several old sentences taken together and several new ones (a merge)."""
        return self.of_bags(union(self.old[i] for i in olds), union(self.new[j] for j in news))

    def contained(self, part: Bags, whole: Bags) -> float:
        """Share of ``part``'s weight (words and grams alike) that ``whole`` holds (0..1)."""
        wp, gp = self.mass(part)
        sw, sg = self.shared(part, whole)
        return 0.5 * (sw / wp if wp else 0.0) + 0.5 * (sg / gp if gp else 0.0)


def union(bags: Iterable[Bags]) -> Bags:
    """The bags of several sentences read as one."""
    words: set[str] = set()
    grams: set[str] = set()
    for word_bag, gram_bag in bags:
        words |= word_bag
        grams |= gram_bag
    return frozenset(words), frozenset(grams)


class _Units(dict[str, int]):
    """Fixed-point weights; 0 for a feature neither edition has."""

    def __missing__(self, key: str) -> int:
        return 0


#: Fixed-point unit of the weights summed (2**-32: far below any difference a threshold sees).
_UNIT = 1 << 32


def _idf(n: int, df: int) -> float:
    return math.log((n + 1) / (df + 1)) + 1.0


def _dice(sw: float, wa: float, wb: float, sg: float, ga: float, gb: float) -> float:
    words = 2.0 * sw / (wa + wb) if wa + wb else 0.0
    grams = 2.0 * sg / (ga + gb) if ga + gb else 0.0
    return 0.5 * words + 0.5 * grams
