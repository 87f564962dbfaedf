"""`check` streams its findings: spilled to disk as found, rendered one at a time, the same bytes.

The golden cases ``fixtures/check-across-{text,json,github,sarif}`` were written by the
whole-report renderers before the output streamed; ``tests/test_golden.py`` runs the streaming CLI
against them. Here the streamed pieces are compared with the in-memory report rendered whole.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportdiff.check import (
    RULES,
    CheckReport,
    Finding,
    Location,
    Severity,
    check_files,
    exit_code,
    stream_check,
)
from reportdiff.check.store import FindingStore
from reportdiff.errors import EXIT_FINDINGS, EXIT_OK
from reportdiff.options import Options
from reportdiff.render import render, render_stream, to_json
from tests.conftest import invoke

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "check-inputs"
FILES = [str(INPUTS / name) for name in ("a-summary.txt", "b-summary-edited.txt", "c-tasks.txt")]
FORMATS = ("text", "json", "github", "sarif")


@pytest.fixture(scope="module")
def whole() -> CheckReport:
    """The findings held in memory and sorted in Python (the rendering before streaming)."""
    return check_files(FILES, options=Options(across=True))


@pytest.mark.parametrize("fmt", FORMATS)
def test_streamed_output_is_byte_identical_to_the_whole_rendering(
    fmt: str, whole: CheckReport
) -> None:
    expected = render(whole.as_records(), fmt)
    with stream_check(FILES, options=Options(across=True)) as run:
        records = run.as_records()
        assert isinstance(records["findings"], Iterator)  # read from disk, not a list
        pieces = list(render_stream(records, fmt))
    assert "".join(str(p) for p in pieces) == expected
    assert len(pieces) >= len(whole.findings) > 10  # a piece per finding, not one string
    assert run.counts == whole.counts and len(run) == len(whole.findings)


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_of_a_streamed_run_is_its_pieces_joined(fmt: str, whole: CheckReport) -> None:
    """A library caller that renders a streamed run whole gets the same printable output (the
    control characters of the inputs' headings made visible) as the streaming CLI."""
    with stream_check(FILES, options=Options(across=True)) as run:
        streamed = "".join(str(p) for p in render_stream(run.as_records(), fmt))
    with stream_check(FILES, options=Options(across=True)) as run:
        assert render(run.as_records(), fmt) == streamed == render(whole.as_records(), fmt)


def test_streamed_json_is_the_records_dumped_whole(whole: CheckReport) -> None:
    """The JSON streamer against ``to_json`` of the listed records (the JSON output before)."""
    with stream_check(FILES, options=Options(across=True)) as run:
        streamed = "".join(str(p) for p in render_stream(run.as_records(), "json"))
    assert streamed == to_json(whole.as_records())
    assert "\\u202e" in streamed and "\u202e" not in streamed  # unsafe code points escaped


def test_streamed_sarif_is_one_json_document_as_dumped_whole() -> None:
    with stream_check(FILES, options=Options(across=True)) as run:
        streamed = "".join(str(p) for p in render_stream(run.as_records(), "sarif"))
    log = json.loads(streamed)
    assert streamed == json.dumps(log, ensure_ascii=False, indent=2) + "\n"
    assert len(log["runs"][0]["results"]) == len(run)
    assert "␛[31m" in streamed  # each streamed record made printable


def test_no_findings_stream_as_empty_lists(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("一、总体要求\n\n坚持稳中求进工作总基调。\n", "utf-8")
    report = check_files([str(clean)], options=Options(across=True))
    streamed = {}
    for fmt in FORMATS:
        with stream_check([str(clean)], options=Options(across=True)) as run:
            streamed[fmt] = "".join(str(p) for p in render_stream(run.as_records(), fmt))
        assert streamed[fmt] == render(report.as_records(), fmt)
    assert '"findings": [],' in streamed["json"] and '"results": []' in streamed["sarif"]
    assert streamed["github"] == "" and streamed["text"].startswith("0 findings in 1 file ")


def _finding(
    arrival: int, path: str, line: int, code: str, other_path: str, other_line: int
) -> Finding:
    return Finding(
        code,
        f"found {arrival}",
        Location(path, line, line, "1", "一、总体要求"),
        Location(other_path, other_line, other_line, "2", "二、主要任务"),
        1.0,
        1,
    )


def test_store_orders_as_python_sorts_strings_and_keeps_ties_in_arrival(tmp_path: Path) -> None:
    """Code-point order of paths (ASCII, accented, CJK, an undecodable name's surrogate), then
    line, code, other path, other line; equal keys in the order they were found."""
    paths = ["b.txt", "a.txt", "é.txt", "中.txt", "z\udcff.txt", "Z.txt", "a.txt"]
    keys = [
        (p, line, code, o, ol)
        for p in paths
        for line in (10, 2)
        for code in ("RD104", "RD101")
        for o, ol in (("y.txt", 3), ("x.txt", 30), ("x.txt", 4))
    ]
    assert len(set(keys)) < len(keys)  # "a.txt" twice: ties
    findings = [_finding(n, *key) for n, key in enumerate(keys)]
    store = FindingStore(str(tmp_path / "findings.sqlite"), [s.value for s in Severity])
    try:
        store.add(findings[:50])
        store.add(findings[50:])
        listed = list(store.records())
        counts = dict(store.counts)
    finally:
        store.close()
    expected = sorted(
        findings,
        key=lambda f: (f.location.path, f.location.line, f.code, f.other.path, f.other.line),
    )
    assert listed == [f.as_record() for f in expected]  # ties (messages differ) in arrival order
    assert counts == {"error": len(findings) // 2, "warning": 0, "note": len(findings) // 2}


def test_exit_code_comes_from_the_running_totals(whole: CheckReport) -> None:
    with stream_check(
        FILES, options=Options(across=True, ignore_rules=frozenset({"RD101"}))
    ) as run:
        assert run.counts["error"] == 0 and run.counts["note"] > 0
        assert exit_code(run, Severity.ERROR) == EXIT_OK
        assert exit_code(run, Severity.NOTE) == EXIT_FINDINGS
        assert exit_code(run, Severity.WARNING) == exit_code(
            CheckReport(run.paths, tuple(f for f in whole.findings if f.code != "RD101"), 0.9),
            Severity.WARNING,
        )
    assert RULES["RD101"].severity is Severity.ERROR


def test_output_file_gets_the_same_bytes_as_stdout(tmp_path: Path) -> None:
    args = ["check", "--across", *FILES, "--format", "sarif"]
    shown = invoke(args, expect=1).stdout_bytes
    out = tmp_path / "findings.sarif"
    invoke([*args, "-o", out], expect=1)
    assert out.read_bytes() == shown


def test_full_disk_and_closed_stdout_give_one_line(tmp_path: Path) -> None:
    result = invoke(["check", "--across", *FILES, "-o", "/dev/full"], expect=2)
    assert "/dev/full: cannot write" in result.stderr and len(result.stderr.splitlines()) == 1
    command = [sys.executable, "-m", "reportdiff", "check", "--across", "-q", *FILES]
    with open("/dev/full", "w") as full:
        done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2 and done.stderr.startswith("reportdiff: error: <stdout>: cannot")
    assert len(done.stderr.splitlines()) == 1
    closed = subprocess.run(
        command, stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(1)
    )
    assert closed.returncode == 2 and "standard output is closed" in closed.stderr
    assert len(closed.stderr.splitlines()) == 1


def test_no_room_for_the_index_is_one_line_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A temporary folder that cannot be written (full disk, no permission) stops the check with
    one line naming it and the fix; a store that fails half-way leaves no folder behind."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "missing"))
    result = invoke(["check", "--across", *FILES], expect=2)
    assert "missing: cannot write the temporary index" in result.stderr
    assert "TMPDIR" in result.stderr and len(result.stderr.splitlines()) == 1
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))

    def broken(self: FindingStore, findings: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(FindingStore, "add", broken)
    result = invoke(["check", "--across", *FILES], expect=2)
    assert "database or disk is full" in result.stderr and len(result.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
