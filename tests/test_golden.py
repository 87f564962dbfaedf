"""Golden cases: CLI snapshots of whole reports (smoke tests) and small snippet cases.

Each is compared byte for byte with its generated expected file (after the header line).
"""

from __future__ import annotations

import pytest

from tests.golden import Case, Snippet, all_cases, all_snippets, run_case, without_header

REGENERATE = "if the change is intended, run `make golden` and review the diff"


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.name)
def test_golden(case: Case) -> None:
    code, stdout, stderr = run_case(case)
    assert code == case.exit_code, stderr
    assert case.expected.exists(), f"run `make golden` to create {case.expected}"
    expected = without_header(case.expected.read_bytes())
    assert stdout.decode("utf-8") == expected.decode("utf-8"), (
        f"{case.name}: output differs from {case.expected.name}; {REGENERATE}"
    )


@pytest.mark.parametrize("snippet", all_snippets(), ids=lambda s: s.name)
def test_snippet(snippet: Snippet) -> None:
    assert snippet.expected.exists(), f"run `make golden` to create {snippet.expected}"
    expected = without_header(snippet.expected.read_bytes()).decode("utf-8")
    assert snippet.render() == expected, f"{snippet.name}: {REGENERATE}"


def test_there_are_snippets_of_every_kind() -> None:
    kinds = {snippet.kind for snippet in all_snippets()}
    assert kinds == {"quantities", "outline", "boilerplate"}
