"""Every fixtures/<case>/ is run through the CLI and compared byte for byte with its golden file."""

from __future__ import annotations

import pytest

from tests.golden import Case, all_cases, run_case


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.name)
def test_golden(case: Case) -> None:
    code, stdout, stderr = run_case(case)
    assert code == case.exit_code, stderr
    assert case.expected.exists(), f"run `make golden` to create {case.expected}"
    expected = case.expected.read_bytes()
    assert stdout.decode("utf-8") == expected.decode("utf-8"), (
        f"{case.name}: output differs from {case.expected.name}; if the change is intended, "
        "run `make golden` and review the diff"
    )
