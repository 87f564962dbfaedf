"""Choosing pairs among candidate sentence pairs: an optimal one-to-one assignment, the longest
chain of pairs in order, and an order-keeping alignment allowing skips (used by
:mod:`~reportdiff.diff.rewrites`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from reportdiff.solvers import heaviest_chain

__all__ = ["Groups", "increasing_chain", "max_weight_matching", "ordered_pairs"]


class Groups:
    """Disjoint sets of hashable keys (union–find with path halving): which sections, or which
    candidate pairs, hang together.

    >>> groups = Groups()
    >>> groups.join(("o", 1), ("n", 2)); groups.join(("n", 2), ("o", 3))
    >>> groups.find(("o", 1)) == groups.find(("o", 3)) != groups.find(("o", 4))
    True
    """

    def __init__(self) -> None:
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(self, x: tuple[str, int]) -> tuple[str, int]:
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(self, a: tuple[str, int], b: tuple[str, int]) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[root_a] = root_b


def increasing_chain(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The longest chain of (old, new, score) pairs increasing on both sides, the most alike
    among the longest (:func:`~reportdiff.solvers.heaviest_chain`): the anchors that agree in
    order; a pair moved out of order anchors nothing."""
    return [(pairs[k][0], pairs[k][1]) for k in heaviest_chain(pairs)]


def ordered_pairs(
    score: Callable[[int, int], float], olds: list[int], news: list[int]
) -> list[tuple[int, int, float]]:
    """The order-keeping choice of 1–1 pairs with the largest total score (pairs scoring 0 are
    never chosen): a plain sequence alignment allowing skips."""
    n, m = len(olds), len(news)
    pair = [[score(i, j) for j in news] for i in olds]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(1, n + 1):
        row, prev = best[a], best[a - 1]
        for b in range(1, m + 1):
            value = max(prev[b], row[b - 1])
            s = pair[a - 1][b - 1]
            if s > 0 and prev[b - 1] + s > value:
                value = prev[b - 1] + s
            row[b] = value
    out: list[tuple[int, int, float]] = []
    a, b = n, m
    while a and b:
        s = pair[a - 1][b - 1]
        if s > 0 and best[a][b] == best[a - 1][b - 1] + s:
            out.append((olds[a - 1], news[b - 1], s))
            a, b = a - 1, b - 1
        elif best[a][b] == best[a - 1][b]:
            a -= 1
        else:
            b -= 1
    out.reverse()
    return out


def max_weight_matching(edges: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The one-to-one choice of edges (old, new, score) with the largest total score: an optimal
    assignment per connected component of the candidate graph (components are small: a sentence
    has at most a few candidates)."""
    if not edges:
        return []
    from reportdiff.solvers import linear_sum_assignment

    groups = Groups()
    for i, j, _ in edges:
        groups.join(("o", i), ("n", j))
    components: dict[tuple[str, int], list[tuple[int, int, float]]] = defaultdict(list)
    for edge in edges:
        components[groups.find(("o", edge[0]))].append(edge)
    chosen: list[tuple[int, int, float]] = []
    for key in sorted(components):
        group = components[key]
        rows = sorted({i for i, _, _ in group})
        cols = sorted({j for _, j, _ in group})
        if len(rows) * len(cols) > 250_000:  # a huge component: best pairs first
            used_old: set[int] = set()
            used_new: set[int] = set()
            for i, j, score in sorted(group, key=lambda e: (-e[2], e[0], e[1])):
                if i not in used_old and j not in used_new:
                    used_old.add(i)
                    used_new.add(j)
                    chosen.append((i, j, score))
            continue
        import numpy as np

        r_index = {i: k for k, i in enumerate(rows)}
        c_index = {j: k for k, j in enumerate(cols)}
        matrix = np.zeros((len(rows), len(cols)))
        for i, j, score in group:
            matrix[r_index[i], c_index[j]] = score
        picked_rows, picked_cols = linear_sum_assignment(matrix, maximize=True)
        for r, c in zip(picked_rows.tolist(), picked_cols.tolist(), strict=True):
            if matrix[r, c] > 0:
                chosen.append((rows[r], cols[c], float(matrix[r, c])))
    chosen.sort()
    return chosen
