"""Numerical helpers shared by the stages, loaded lightly.

The stages need one function of ``scipy.optimize`` — the assignment solver — and importing that
package costs ~0.3 s of start-up (it pulls in scipy.linalg, scipy.special, scipy.fft and parses
docstrings for its other solvers). The solver is a C extension module of its own
(``scipy/optimize/_lsap*.so``), so it is loaded from its file without running
``scipy/optimize/__init__.py``; anything unexpected (another scipy layout) falls back to the
public import, which gives the very same function.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def linear_sum_assignment(cost: Any, maximize: bool = False) -> tuple[Any, Any]:
    """``scipy.optimize.linear_sum_assignment``: (row indices, column indices) of the optimum.

    >>> rows, cols = linear_sum_assignment([[4, 1], [2, 0]])
    >>> rows.tolist(), cols.tolist()
    ([0, 1], [1, 0])
    """
    result: tuple[Any, Any] = _solver()(cost, maximize=maximize)
    return result


@functools.cache
def _solver() -> Callable[..., tuple[Any, Any]]:
    import importlib.machinery
    import importlib.util

    try:
        import scipy

        folder = Path(scipy.__file__).parent / "optimize"
        name = "scipy.optimize._lsap"
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = folder / f"_lsap{suffix}"
            if path.is_file():
                loader = importlib.machinery.ExtensionFileLoader(name, str(path))
                spec = importlib.util.spec_from_file_location(name, path, loader=loader)
                if spec is None:
                    break
                module = importlib.util.module_from_spec(spec)
                loader.exec_module(module)
                solver: Callable[..., tuple[Any, Any]] = module.linear_sum_assignment
                return solver
    except (ImportError, OSError, AttributeError):
        pass
    from scipy.optimize import linear_sum_assignment as public

    return public  # type: ignore[no-any-return]


def heaviest_chain(pairs: Sequence[tuple[int, int, float]]) -> list[int]:
    """Indexes (into ``pairs``, in chain order) of the longest chain of (old, new, weight)
    pairs increasing strictly on both sides, the heaviest among the longest.

    The weight decides between chains of equal length, so that which pairs count as "in order"
    does not depend on which side is read first: swapping old and new gives the same chain.
    O(n log n) with a Fenwick tree of prefix maxima.

    >>> heaviest_chain([(0, 1, 0.9), (1, 0, 0.5), (2, 2, 0.7)])
    [0, 2]
    >>> heaviest_chain([(1, 0, 0.9), (0, 1, 0.5), (2, 2, 0.7)])
    [0, 2]
    """
    if not pairs:
        return []
    ranks = {j: r for r, j in enumerate(sorted({j for _, j, _ in pairs}), start=1)}
    size = len(ranks)
    tree: list[tuple[int, float, int]] = [(0, 0.0, -1)] * (size + 1)
    back = [-1] * len(pairs)
    best_at: list[tuple[int, float]] = [(0, 0.0)] * len(pairs)
    # Old ascending; for one old, new descending, so that one old sentence never chains twice.
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][0], -pairs[k][1], k))
    for k in order:
        _, j, weight = pairs[k]
        r = ranks[j] - 1  # strictly smaller new indexes only
        found: tuple[int, float, int] = (0, 0.0, -1)
        while r > 0:
            if tree[r][:2] > found[:2]:
                found = tree[r]
            r -= r & -r
        length, total = found[0] + 1, found[1] + weight
        back[k] = found[2]
        best_at[k] = (length, total)
        r = ranks[j]
        while r <= size:
            if (length, total) > tree[r][:2]:
                tree[r] = (length, total, k)
            r += r & -r
    end = max(range(len(pairs)), key=lambda k: (best_at[k], -k))
    chain: list[int] = []
    while end >= 0:
        chain.append(end)
        end = back[end]
    chain.reverse()
    return chain
