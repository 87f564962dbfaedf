"""Shared test helpers: seed paths and a CLI runner that keeps stdout and stderr apart."""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"

#: The demo pair (fixtures/demo/README.md): a provincial report, 2025 against 2026.
DEMO_OLD = FIXTURES / "demo" / "zhejiang-2025.docx"
DEMO_NEW = FIXTURES / "demo" / "zhejiang-2026.txt"

SEED_FILES = {
    "tasks2023": SEEDS / "yangpu-2023-tasks.txt",
    "plan2024": SEEDS / "yangpu-2024-plan.txt",
    "compilation2025": SEEDS / "yangpu-2025-compilation.txt",
    "summary2025": SEEDS / "yangpu-2025-summary.txt",
    "huangpu2025": SEEDS / "huangpu-2025-report.txt",
}


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes


def invoke(
    args: Sequence[str | os.PathLike[str]],
    *,
    expect: int | None = 0,
    input: bytes | str | None = None,
) -> CliResult:
    """Run the CLI in-process; assert the exit code (showing both streams when it differs)."""
    from reportdiff.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
    stderr = result.stderr
    outcome = CliResult(result.exit_code, result.stdout, stderr, result.stdout_bytes)
    if expect is not None:
        assert result.exit_code == expect, (
            f"exit {result.exit_code} != {expect}\n--- stdout\n{result.stdout[:3000]}\n"
            f"--- stderr\n{stderr[:3000]}"
        )
    return outcome


@pytest.fixture(scope="session")
def demo_records() -> dict[str, Any]:
    """The diff record of the demo pair, computed once for the memo and browser tests."""
    from reportdiff.options import Options
    from reportdiff.pipeline import compare_files

    return compare_files(str(DEMO_OLD), str(DEMO_NEW), options=Options()).as_records()


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    return dict(SEED_FILES)


_PDF_FIXTURES = {"huangpu_pdf", "seed_pdf"}


@functools.cache
def pdf_toolchain_problem() -> str | None:
    """Why PDFs cannot be typeset here (no Pango for WeasyPrint, no CJK font), else None."""
    try:
        import weasyprint  # noqa: F401
    except (OSError, ImportError) as exc:
        return f"WeasyPrint cannot start: {str(exc).splitlines()[0]}"
    from reportdiff.render.memo import installed_cjk_fonts

    if not installed_cjk_fonts():
        return "no CJK font installed (apt-get install fonts-noto-cjk)"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Without root, `make test` cannot install Pango or a CJK font: tests that typeset PDFs are
    skipped with the reason instead of failing, and everything else still runs."""
    problem = pdf_toolchain_problem()
    if problem is None:
        return
    for item in items:
        function = getattr(item, "function", None)
        source = inspect.getsource(function) if function else ""
        needs_pdf = (
            "weasyprint" in source
            or item.get_closest_marker("typesets_pdf")
            or _PDF_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        if needs_pdf:
            item.add_marker(pytest.mark.skip(reason=problem))


def one(node: BeautifulSoup | Tag, selector: str) -> Tag:
    """The element ``selector`` finds under ``node``; fails the test when there is none."""
    found = node.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def by_id(node: BeautifulSoup | Tag, element_id: str) -> Tag:
    """The element with this id; fails the test when there is none."""
    from bs4 import Tag

    found = node.find(id=element_id)
    assert isinstance(found, Tag), f"no element with id {element_id!r}"
    return found


@pytest.fixture(autouse=True)
def no_progress_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process CLI runs show no progress (a slow machine would add lines to stderr that the
    tests count); ``test_cli.py`` turns it back on to test it."""
    import reportdiff.console

    monkeypatch.setattr(reportdiff.console, "PROGRESS_AFTER", 3600.0)
