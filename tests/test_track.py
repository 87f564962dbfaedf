"""reportdiff track: indicator series over N editions, lifetimes, every output format."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reportdiff.options import Options
from reportdiff.render import RenderContext, render
from reportdiff.text import fold
from reportdiff.tracking import Track, edition_labels, track_files
from tests.conftest import FIXTURES, SEEDS, invoke

NATIONAL = FIXTURES / "track-national"
YEARS = ("2003 2004 2005 2006 2007 2008 2009 2010 2011 2012 2013 2014 2015 2019").split()
#: The growth target of each national report, read in the full reports (fixtures/track-national).
GROWTH_TARGETS = {
    "2003": "7%左右",
    "2004": "7%左右",
    "2005": "8%左右",
    "2006": "8%左右",
    "2007": "8%左右",
    "2008": "8%左右",
    "2009": "8%左右",
    "2010": "8％左右",
    "2011": "8%左右",
    "2012": "7.5％",
    "2013": "7.5%左右",
    "2014": "7.5%左右",
    "2015": "7%左右",
    "2019": "6%－6.5%",
}
#: Yangpu's four editions, oldest first (seeds 001 → 004 → 003 → 000).
DISTRICT = [
    SEEDS / "yangpu-2023-tasks.txt",
    SEEDS / "yangpu-2024-plan.txt",
    SEEDS / "yangpu-2025-compilation.txt",
    SEEDS / "yangpu-2025-summary.txt",
]


@pytest.fixture(scope="module")
def district() -> Track:
    return track_files([str(p) for p in DISTRICT], options=Options())


@pytest.fixture(scope="module")
def national() -> Track:
    return track_files([str(NATIONAL / f"{y}.txt") for y in YEARS], options=Options())


def _series(records: dict[str, Any], indicator: str, kind: str) -> dict[str, Any]:
    found = [
        s
        for s in records["series"]
        if s["indicator"] == indicator and s["kind"] == kind and s["horizon"] == "annual"
    ]
    assert len(found) == 1, f"{indicator}/{kind}: {len(found)} series"
    series: dict[str, Any] = found[0]
    return series


def _line_of(path: Path, line: int) -> str:
    return path.read_text("utf-8").splitlines()[line - 1]


def test_business_environment_versions_with_the_line_of_each_point(district: Track) -> None:
    records = district.as_records()
    series = _series(records, "business_environment_version", "version")
    points = [(p["edition"], "".join(p["raw"].split()), p["line"]) for p in series["points"]]
    assert points == [
        ("yangpu-2023-tasks", "6.0版", 13),
        ("yangpu-2024-plan", "7.0版", 1314),
        ("yangpu-2025-compilation", "8.0版", 27),
        ("yangpu-2025-summary", "8.0版", 53),
    ]
    for path, point in zip(DISTRICT, series["points"], strict=True):
        assert point["raw"] in _line_of(path, point["line"]), point
    assert [p["change"] for p in series["points"]] == [None, "6.0 → 7.0", "7.0 → 8.0", None]
    # The plan names the version it replaces (6.0, done) beside the one it plans (7.0).
    assert series["points"][1]["also"] == [{"raw": "6.0 版", "line": 286}]
    assert series["gaps"] == []


def test_district_growth_and_revenue_targets_with_gaps(district: Track) -> None:
    records = district.as_records()
    growth = _series(records, "gdp_growth", "target")
    assert [(p["edition"], p["raw"]) for p in growth["points"]] == [
        ("yangpu-2024-plan", "5%以上"),
        ("yangpu-2025-summary", "5%"),
    ]
    assert growth["gaps"] == ["yangpu-2023-tasks", "yangpu-2025-compilation"]
    assert growth["points"][1]["change_kind"] == "qualifier_changed"
    revenue = _series(records, "budget_revenue", "target")
    assert [p["raw"] for p in revenue["points"]] == ["6%以上", "3%"]
    assert revenue["points"][1]["change"] == "-3个百分点; 以上 → (none)"


def test_national_growth_target_in_every_edition(national: Track) -> None:
    records = national.as_records()
    growth = _series(records, "gdp_growth", "target")
    stated = {p["edition"]: p["raw"] for p in growth["points"]}
    assert stated == GROWTH_TARGETS
    for point in growth["points"]:
        assert point["raw"] in _line_of(NATIONAL / f"{point['edition']}.txt", point["line"])
    # 2011's plan chapter recaps 2010 (「2010年，…增长10.3%」) before it sets 8%左右: a result,
    # in the outcome series, not a second statement of the target.
    point_2011 = next(p for p in growth["points"] if p["edition"] == "2011")
    assert point_2011["also"] == []
    results = _series(records, "gdp_growth", "outcome")
    result_2011 = next(p for p in results["points"] if p["edition"] == "2011")
    assert "10.3%" in [result_2011["raw"], *(a["raw"] for a in result_2011["also"])]
    changes = {p["edition"]: p["change"] for p in growth["points"] if p["change"]}
    assert changes["2005"] == "+1个百分点"
    assert changes["2015"] == "-0.5个百分点"


def test_records_follow_the_schema_and_are_deterministic(district: Track) -> None:
    text = resources.files("reportdiff").joinpath("schemas/track.schema.json").read_text("utf-8")
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    records = district.as_records()
    jsonschema.validate(records, schema)
    few = [str(NATIONAL / f"{y}.txt") for y in ("2012", "2013", "2014")]
    first = track_files(few, options=Options()).as_records()
    again = track_files(few, options=Options()).as_records()
    jsonschema.validate(first, schema)
    assert render(again, "json") == render(first, "json")


def test_lifetimes_of_commitments_formulations_and_headings(district: Track) -> None:
    records = district.as_records()
    homes = [c for c in records["commitments"] if "美丽家园" in c["first_mention"]["text"]]
    assert homes, "the 美丽家园 commitment runs from the 2023 tasks into the 2024 plan"
    assert homes[0]["first"] == "yangpu-2023-tasks"
    assert homes[0]["editions"][:2] == ["yangpu-2023-tasks", "yangpu-2024-plan"]
    assert homes[0]["reworded"]
    for item in records["formulations"]:
        assert fold(item["phrase"]) in fold(item["first_mention"]["text"]), item
        assert item["first"] == item["editions"][0]
    stats = records["stats"]
    assert stats["commitments"]["carried"] == len(records["commitments"])
    assert sum(stats["headings"].values()) == len(records["headings"])


def test_text_csv_and_html(district: Track) -> None:
    records = district.as_records()
    text = render(records, "text")
    assert "营商环境方案版本 [business_environment_version]" in text  # the vocabulary's name
    assert "7.0版           6.0 → 7.0" in text and "L1314" in text
    rows = list(csv.DictReader(io.StringIO(str(render(records, "csv")))))
    assert len(rows) == len(records["series"]) * 4
    version = [r for r in rows if r["indicator"] == "business_environment_version"]
    assert [(r["edition"], r["raw"], r["line"]) for r in version][1] == (
        "yangpu-2024-plan",
        "7.0版",
        "1314",
    )
    html = str(render(records, "html", RenderContext(lang="en")))
    assert html.count('<svg class="track-chart"') >= 2
    assert "<script" not in html
    assert "6.0版" in html and "8.0版" in html


def test_cli_formats_labels_and_output_file(tmp_path: Path) -> None:
    files = [NATIONAL / f"{y}.txt" for y in ("2011", "2012", "2013")]
    result = invoke(["track", *files, "--label", "十二五元年", "--label", "b", "--label", "c"])
    assert "十二五元年" in result.stdout and "7.5％" in result.stdout
    out = tmp_path / "track.json"
    invoke(["track", *files, "-o", out])
    records = json.loads(out.read_text("utf-8"))
    assert [e["label"] for e in records["editions"]] == ["2011", "2012", "2013"]
    csv_text = invoke(["track", *files, "--format", "csv"]).stdout
    assert csv_text.startswith("indicator,name,canonical,kind,horizon,edition,raw")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["one.txt"], "at least two editions"),
        (["missing.txt", "2012.txt"], "missing.txt: no such file"),
        (["2011.txt", "2012.txt", "--label", "a"], "1 --label for 2 files"),
        (["2011.txt", "2012.txt", "--format", "xml"], "no 'xml' output for track"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(
    args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(NATIONAL)
    result = invoke(["track", *args], expect=2)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_edition_labels() -> None:
    assert edition_labels(["a/2019.txt", "b/2020.docx"]) == ("2019", "2020")
    assert edition_labels(["a/x.txt", "b/x.txt"]) == ("x#1", "x#2")
