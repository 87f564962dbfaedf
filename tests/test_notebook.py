"""The notebook API: reportdiff.compare and reportdiff.track on paths, text and bytes."""

from __future__ import annotations

import subprocess
import sys

import pytest

import reportdiff
from reportdiff.errors import InputError
from reportdiff.pipeline import Comparison
from reportdiff.tracking import Track
from tests.conftest import FIXTURES, SEEDS

NATIONAL = FIXTURES / "track-national"


def test_import_stays_light() -> None:
    code = (
        "import sys, reportdiff\n"
        "heavy = ('reportdiff.pipeline', 'reportdiff.tracking', 'jieba', 'scipy', 'distributed')\n"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_compare_paths_text_and_bytes_agree() -> None:
    old, new = SEEDS / "yangpu-2024-plan.txt", SEEDS / "yangpu-2025-summary.txt"
    by_path = reportdiff.compare(old, str(new))
    by_content = reportdiff.compare(old.read_text("utf-8"), new.read_bytes())
    assert isinstance(by_path, Comparison)
    records = by_path.records()
    assert records["schema"] == "reportdiff.diff/1"
    assert records["new"]["path"] == str(new)
    assert by_content.records()["new"]["path"] == "<new>"
    assert by_content.records()["number_shifts"] == records["number_shifts"]
    html = by_path._repr_html_()
    assert "<script" not in html
    assert "营商环境方案版本" in html and "7.0 → 8.0" in html
    assert "营商环境" in str(by_path.render("text"))


def test_compare_missing_path_says_so() -> None:
    with pytest.raises(InputError, match="nowhere.txt: no such file"):
        reportdiff.compare("nowhere.txt", SEEDS / "yangpu-2024-plan.txt")


def test_track_from_mixed_sources() -> None:
    text = (NATIONAL / "2014.txt").read_text("utf-8")
    result = reportdiff.track(NATIONAL / "2012.txt", str(NATIONAL / "2013.txt"), text)
    assert isinstance(result, Track)
    records = result.records()
    assert [e["label"] for e in records["editions"]] == ["2012", "2013", "edition-3"]
    growth = next(s for s in records["series"] if s["indicator"] == "gdp_growth")
    assert [p["raw"] for p in growth["points"]] == ["7.5％", "7.5%左右", "7.5%左右"]
    html = result._repr_html_()
    assert '<svg class="track-chart"' in html and "gdp_growth" in html
