"""Fuzzing in the suite: damaged real reports through readers, repair, outline, diff and numbers.

``make test`` runs a fixed, derandomized budget without shrinking (``REPORTDIFF_FUZZ_EXAMPLES``
examples per test, default 8); ``make fuzz`` a long random run that shrinks what it finds. Every
crash found is kept in ``fixtures/fuzz/`` as a regression case (``NAME.old.*`` and ``NAME.new.*``,
or ``NAME.self.*`` for a self-diff) and replayed here; a case that is still open in the stage that
owns it is a strict xfail naming the issue, so that the fix shows.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.conftest import FIXTURES
from tests.fuzz import Sample, check_pair, check_self_numbers, edition

EXAMPLES = int(os.environ.get("REPORTDIFF_FUZZ_EXAMPLES", "8"))
LONG_RUN = "REPORTDIFF_FUZZ_EXAMPLES" in os.environ
CASES = FIXTURES / "fuzz"
#: Regression cases still open in their stage: case name → the issue and owner, and what fails.
#: (None open now: the 27-digit crash and the self-diff number shift of issue 15 are fixed, and
#: so is swap-asymmetric-pairing — the rewrite search took candidates and merges from the old
#: edition's view only.)
OPEN: dict[str, tuple[str, type[BaseException]]] = {}

budget = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG_RUN,
    database=DirectoryBasedExampleDatabase(".hypothesis/fuzz") if LONG_RUN else None,
    phases=list(Phase) if LONG_RUN else [Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@budget
@given(old=edition(), new=edition())
def test_any_two_damaged_reports(old: Sample, new: Sample) -> None:
    check_pair(old, new)


@budget
@given(st.data())
def test_a_damaged_edition_of_the_same_window(data: st.DataObject) -> None:
    """Old and new from the same place of one report: mostly equal text, small damage."""
    seed = data.draw(st.integers(0, 4))
    start = data.draw(st.integers(0, 400))
    check_pair(data.draw(edition((seed, start))), data.draw(edition((seed, start))))


@budget
@given(edition())
def test_a_damaged_report_against_itself_shows_no_number_shift(sample: Sample) -> None:
    check_self_numbers(sample)


def _cases() -> list[object]:
    found: list[object] = []
    for path in sorted(CASES.glob("*.*.*")):
        name, role = path.name.split(".")[:2]
        marks = []
        if name in OPEN:
            reason, error = OPEN[name]
            marks = [pytest.mark.xfail(reason=reason, raises=error, strict=True)]
        if role == "self":
            found.append(pytest.param(name, path, None, marks=marks, id=name))
        elif role == "old":
            new = next(CASES.glob(f"{name}.new.*"))
            found.append(pytest.param(name, path, new, marks=marks, id=name))
    return found


@pytest.mark.parametrize(("name", "old", "new"), _cases())
def test_regression_case(name: str, old: Path, new: Path | None) -> None:
    if new is None:
        check_self_numbers(Sample(old.read_bytes(), old.name))
        check_pair(Sample(old.read_bytes(), old.name), Sample(old.read_bytes(), old.name))
    else:
        check_pair(Sample(old.read_bytes(), old.name), Sample(new.read_bytes(), new.name))
