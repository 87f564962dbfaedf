"""Start-up: the assignment solver without scipy.optimize, the same answers as scipy's."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from reportdiff.solvers import linear_sum_assignment
from tests.conftest import SEED_FILES


def test_solver_is_scipys() -> None:
    from scipy.optimize import linear_sum_assignment as public

    rng = np.random.default_rng(7)
    for shape in [(1, 1), (3, 5), (6, 4), (30, 30)]:
        cost = rng.random(shape)
        for maximize in (False, True):
            ours = linear_sum_assignment(cost, maximize=maximize)
            theirs = public(cost, maximize=maximize)
            assert [a.tolist() for a in ours] == [a.tolist() for a in theirs]


def test_a_diff_does_not_import_scipy_optimize() -> None:
    code = (
        "import sys\n"
        "from reportdiff.cli import cli\n"
        "try:\n"
        f"    cli(['diff', {str(SEED_FILES['tasks2023'])!r}, {str(SEED_FILES['summary2025'])!r},"
        " '--format', 'json', '-o', '/dev/null'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('scipy.optimize', 'pkg_resources')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "['scipy.optimize._lsap']"
