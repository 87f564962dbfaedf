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
from collections.abc import Callable
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
