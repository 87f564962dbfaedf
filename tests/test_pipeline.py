"""The pipeline and the ``reportdiff diff`` command: record shape (JSON Schema), exit codes, stdin,
colour, output files, determinism."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from reportdiff.options import Options
from reportdiff.pipeline import SCHEMA, compare_files
from reportdiff.render import formats_for
from tests.conftest import SEED_FILES, invoke

PLAN = str(SEED_FILES["plan2024"])
COMPILATION = str(SEED_FILES["compilation2025"])
TASKS = str(SEED_FILES["tasks2023"])
SUMMARY = str(SEED_FILES["summary2025"])
HUANGPU = str(SEED_FILES["huangpu2025"])
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    text = resources.files("reportdiff").joinpath("schemas/diff.schema.json").read_text("utf-8")
    data: dict[str, object] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


@pytest.fixture(scope="module")
def tasks_to_summary_json() -> dict[str, object]:
    result = invoke(["diff", TASKS, SUMMARY, "--mode", "editions", "--format", "json"])
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_json_output_matches_the_schema(
    schema: dict[str, object], tasks_to_summary_json: dict[str, object]
) -> None:
    jsonschema.validate(tasks_to_summary_json, schema, cls=jsonschema.Draft202012Validator)
    assert tasks_to_summary_json["schema"] == SCHEMA
    assert tasks_to_summary_json["mode"] == "editions"
    assert tasks_to_summary_json["summary"] is None


def test_summary_mode_record_matches_the_schema(schema: dict[str, object]) -> None:
    result = invoke(["diff", SUMMARY, HUANGPU, "--mode", "summary", "--format", "json"])
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["mode"] == "summary"
    assert data["summary"]["summary_side"] == "old"
    assert 0 <= data["summary"]["coverage"] <= 1


def test_record_counts_agree_with_lists(tasks_to_summary_json: dict[str, object]) -> None:
    data = tasks_to_summary_json
    changes = data["changes"]
    assert isinstance(changes, list)
    stats = data["stats"]
    assert isinstance(stats, dict)
    for kind in ("added", "removed", "changed", "moved"):
        assert stats["changes"][kind] == sum(1 for c in changes if c["kind"] == kind)
    assert stats["number_shifts"] == len(data["number_shifts"])  # type: ignore[arg-type]
    by_section = stats["by_section"]
    assert sum(
        row["added"] + row["removed"] + row["changed"] + row["moved"] for row in by_section
    ) == len(changes)
    new = data["new"]
    assert isinstance(new, dict)
    assert (
        stats["changes"]["unchanged"]
        + stats["changes"]["added"]
        + stats["changes"]["changed"]
        + stats["changes"]["moved"]
        + stats["changes"].get("also_new", 0)
        == new["sentences"]
    )
    assert stats["changes"].get("also_new", 0) == sum(len(c.get("new_also", [])) for c in changes)
    assert stats["changes"].get("also_old", 0) == sum(len(c.get("old_also", [])) for c in changes)


def test_diff_is_byte_identical_across_runs() -> None:
    first = invoke(["diff", PLAN, SUMMARY, "--format", "json"]).stdout_bytes
    second = invoke(["diff", PLAN, SUMMARY, "--format", "json"]).stdout_bytes
    assert first == second


def test_exit_codes() -> None:
    assert invoke(["diff", TASKS, TASKS, "--exit-code"], expect=0).exit_code == 0
    assert invoke(["diff", TASKS, SUMMARY, "--exit-code"], expect=1).exit_code == 1
    assert invoke(["diff", TASKS, SUMMARY], expect=0).exit_code == 0


def test_both_stdin_is_an_error() -> None:
    result = invoke(["diff", "-", "-"], expect=2, input="x")
    assert "standard input" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_one_side_from_stdin() -> None:
    text = Path(TASKS).read_bytes()
    result = invoke(["diff", "-", TASKS, "--format", "json", "--exit-code"], expect=0, input=text)
    data = json.loads(result.stdout)
    assert data["old"]["path"] == "-"
    assert data["changes"] == []


def test_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    result = invoke(["diff", TASKS, str(tmp_path / "nope.txt")], expect=2)
    assert "nope.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_unknown_format_is_a_clean_error() -> None:
    if "md" in formats_for("diff"):
        result = invoke(["diff", TASKS, SUMMARY, "--format", "md"], expect=0)
        assert result.stdout.strip()
    else:
        result = invoke(["diff", TASKS, SUMMARY, "--format", "md"], expect=2)
        assert "json" in result.stderr and "text" in result.stderr
    result = invoke(["diff", TASKS, SUMMARY, "--format", "nonsense"], expect=2)
    assert "nonsense" in result.stderr


def test_text_output_in_a_pipe_has_brackets_not_colour() -> None:
    result = invoke(["diff", PLAN, COMPILATION])
    assert not ANSI.search(result.stdout)
    assert "[+" in result.stdout and "+]" in result.stdout
    assert "[-" in result.stdout and "-]" in result.stdout
    assert "sentences: +" in result.stdout


def test_colour_flag_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    coloured = invoke(["diff", TASKS, SUMMARY, "--color", "always"]).stdout
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == invoke(["diff", TASKS, SUMMARY, "--color", "never"]).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(invoke(["diff", TASKS, SUMMARY]).stdout)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ANSI.search(invoke(["diff", TASKS, SUMMARY]).stdout)


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = invoke(["diff", TASKS, SUMMARY, "--format", "json", "-o", str(target)])
    assert result.stdout == ""
    assert json.loads(target.read_text("utf-8"))["schema"] == SCHEMA
    text_target = tmp_path / "out.txt"
    invoke(["diff", TASKS, SUMMARY, "--color", "always", "-o", str(text_target)])
    assert not ANSI.search(text_target.read_text("utf-8"))  # never colour into a file


def test_compare_files_library_call() -> None:
    comparison = compare_files(TASKS, TASKS, options=Options())
    assert comparison.mode == "editions"
    assert comparison.mode_note == (
        "compared as editions: neither calls itself a summary and their sizes are comparable "
        "(5,852 and 5,852 characters of text)"
    )
    assert comparison.warnings == ()
    assert not comparison.differs
    records = comparison.as_records()
    assert records["stats"]["changes"]["unchanged"] == records["new"]["sentences"] > 100
    assert all(p["status"] == "matched" for p in records["sections"])


def test_auto_mode_detects_a_summary_of_the_other_report(tmp_path: Path) -> None:
    """A 摘要 made of sentences condensed from the full report is compared in summary mode."""
    from reportdiff.load import load
    from reportdiff.outline import build_outline

    full = build_outline(load(HUANGPU, options=Options()), options=Options())
    picked = [
        section.sentences[0].text
        for section in full.iter_sections()
        if section.sentences and len(section.sentences[0].text) > 20
    ][:30]
    summary = tmp_path / "summary.txt"
    summary.write_text("《政府工作报告》摘要\n\n" + "\n\n".join(picked) + "\n", "utf-8")
    comparison = compare_files(str(summary), HUANGPU, options=Options())
    assert comparison.mode == "summary"
    assert comparison.mode_note and "calls itself a summary" in comparison.mode_note
    assert "of its statements" in comparison.mode_note
    assert comparison.summary is not None
    assert comparison.as_records()["summary"]["summary_side"] == "old"


def test_auto_mode_falls_back_to_editions_when_the_summary_is_of_another_report() -> None:
    """The Yangpu summary is not a summary of Huangpu's report: editions, with a note saying why."""
    comparison = compare_files(SUMMARY, HUANGPU, options=Options())
    assert comparison.mode == "editions"
    assert comparison.summary is None
    assert comparison.mode_note and "--mode summary" in comparison.mode_note
    forced = compare_files(SUMMARY, HUANGPU, options=Options(mode="summary"))
    assert forced.mode == "summary" and forced.summary is not None


def test_real_plan_change_shows_inline_ops(tasks_to_summary_json: dict[str, object]) -> None:
    """The 2023 task 完成50万平方米“美丽家园”建设 became 完成100万平米“美丽家园”改造 in 2025."""
    changes = tasks_to_summary_json["changes"]
    assert isinstance(changes, list)
    changed = [c for c in changes if c["kind"] == "changed"]
    assert any(
        "美丽家园" in c["new"]["text"] and ["-", "50万平方米"] in c["ops"] for c in changed
    ), changed


def test_summary_mode_lists_what_the_summary_says_not_the_whole_full_report() -> None:
    args = ["diff", SUMMARY, COMPILATION, "--mode", "summary"]
    data = json.loads(invoke([*args, "--format", "json"]).stdout)
    assert data["mode"] == "summary" and data["summary"]["summary_side"] == "old"
    assert data["new_formulations"] == []  # the full report's extra wording is not 新提法
    added = sum(1 for c in data["changes"] if c["kind"] == "added")
    assert added > 500  # the record keeps every full-report sentence...
    text = invoke([*args, "--color", "never"]).stdout
    assert f"{added} full-report sentences not in the summary are not listed" in text
    assert not re.search(r"^\+ ", text, re.M)  # ...the text view does not list them one by one
    assert "Summary (old side)" in text


def test_edition_warnings_travel_in_the_diff_record() -> None:
    """What outline warned about an edition (a chapter title taken from the TOC) reaches the
    diff record, per edition, so a reader of the diff sees it too."""
    comparison = compare_files(COMPILATION, TASKS, options=Options(mode="editions"))
    records = comparison.as_records()
    assert any("table of contents" in w for w in records["old"]["warnings"])
    assert records["old"]["warnings"] == list(comparison.old.document.warnings)
    assert records["new"]["warnings"] == list(comparison.new.document.warnings)
