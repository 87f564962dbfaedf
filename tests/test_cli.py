"""The CLI as people and scripts meet it: formats picked by name, one-line errors, no traceback on
a full disk or a closed stdin, no terminal escapes from a report, progress, -q/-v, rule help."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import reportdiff.console as console
from reportdiff.cli import cli
from tests.conftest import SEED_FILES, invoke

#: A short real report (the start of Huangpu's 2025 report): fast to diff, real structure.
HUANGPU_LINES = SEED_FILES["huangpu2025"].read_text("utf-8").splitlines()


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two short editions: the first 120 lines of a real report, and a copy with one edit."""
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    text = "\n".join(HUANGPU_LINES[:120]) + "\n"
    old.write_text(text, "utf-8")
    new.write_text(text.replace("营商环境", "营商环境和创新生态", 1), "utf-8")
    return old, new


def run(
    args: list[str],
    *,
    stdout: Any = subprocess.PIPE,
    preexec_fn: Callable[[], object] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The installed entry point in a fresh process (for what CliRunner cannot fake)."""
    return subprocess.run(
        [sys.executable, "-m", "reportdiff", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        preexec_fn=preexec_fn,
        env=env,
        text=True,
        check=False,
    )


# --- -o picks the format by name, or refuses -------------------------------------------------


def test_output_name_picks_the_format_for_every_command(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = pair
    invoke(["diff", old, new, "-o", tmp_path / "d.json"])
    assert json.loads((tmp_path / "d.json").read_text("utf-8"))["schema"] == "reportdiff.diff/1"
    invoke(["diff", old, new, "-o", tmp_path / "d.md"])
    assert (tmp_path / "d.md").read_text("utf-8").startswith("# ")
    invoke(["outline", old, "-o", tmp_path / "o.json"])
    assert json.loads((tmp_path / "o.json").read_text("utf-8"))["schema"].startswith("reportdiff.o")
    invoke(["numbers", old, new, "-o", tmp_path / "n.csv"])
    assert (tmp_path / "n.csv").read_text("utf-8").count(",") > 3
    invoke(["check", old, "-o", tmp_path / "c.sarif"])
    assert json.loads((tmp_path / "c.sarif").read_text("utf-8"))["version"] == "2.1.0"
    invoke(["diff", old, new, "-o", tmp_path / "changes.diff"])  # unknown ending: text
    assert "sentences:" in (tmp_path / "changes.diff").read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["diff", "OLD", "NEW", "--format", "json", "-o", "out.pdf"], ["out.pdf", "--format"]),
        (["diff", "OLD", "NEW", "-o", "out.sarif"], ["out.sarif", "cannot write .sarif"]),
        (["outline", "OLD", "-o", "out.pdf"], ["cannot write .pdf"]),
        (["numbers", "OLD", "-o", "out.html"], ["cannot write .html"]),
        (["check", "OLD", "-o", "out.csv"], ["cannot write .csv"]),
        (["memo", "OLD", "NEW", "-o", "memo.json"], [".html, .pdf or .md"]),
    ],
)
def test_output_name_that_contradicts_the_format_is_refused(
    pair: tuple[Path, Path], tmp_path: Path, args: list[str], words: list[str]
) -> None:
    old, new = pair
    real: list[str] = [
        str(old) if a == "OLD" else str(new) if a == "NEW" else str(tmp_path / a) if "." in a else a
        for a in args
    ]
    result = invoke(real, expect=2)
    assert all(word in result.stderr for word in words), result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not list(tmp_path.glob("out.*")) and not (tmp_path / "memo.json").exists()


def test_pdf_refuses_a_terminal_on_stdout(pair: tuple[Path, Path]) -> None:
    old, new = pair
    leader, follower = pty.openpty()
    try:
        result = run(["diff", str(old), str(new), "--format", "pdf"], stdout=follower)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert "binary" in result.stderr and "-o FILE" in result.stderr
    assert len(result.stderr.splitlines()) == 1


# --- issue 15: outputs never overwrite inputs --------------------------------------------------


def test_output_that_is_an_input_is_refused(pair: tuple[Path, Path]) -> None:
    old, new = pair
    before = old.read_bytes()
    cases: list[list[str | Path]] = [
        ["diff", old, new, "-o", old],
        ["diff", old, new, "--format", "json", "-o", new],
        ["memo", old, new, "-o", old.with_suffix(".html"), "-o", new],
        ["outline", old, "-o", old],
        ["check", old, new, "-o", new],
        ["numbers", old, new, "-o", old],
    ]
    for args in cases:
        result = invoke(args, expect=2)
        assert "is also an input" in result.stderr and len(result.stderr.splitlines()) == 1
    assert old.read_bytes() == before
    link = old.parent / "link.txt"
    link.symlink_to(old)
    assert "is also an input" in invoke(["diff", old, new, "-o", link], expect=2).stderr
    assert old.read_bytes() == before


# --- issue 15: control characters in a report never reach the terminal or a page ---------------


def test_terminal_escapes_in_a_report_are_made_visible_in_every_output(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    old, _ = pair
    hostile = tmp_path / "hostile.txt"
    text = old.read_text("utf-8")
    escapes = "\x1b[2J\x1b[31m\x07"  # clear screen, red, bell
    text = text.replace("营商环境", f"营商{escapes}环境\u202e", 1)
    hostile.write_text(text.replace("提升城区综合品质", f"提升{escapes}城区综合品质", 1), "utf-8")
    outputs = {
        "diff": invoke(["diff", old, hostile, "--color", "always"], expect=0).stdout,
        "outline": invoke(["outline", hostile, "--color", "always"]).stdout,
        "md": invoke(["diff", old, hostile, "--format", "md"]).stdout,
        "html": invoke(["diff", old, hostile, "--format", "html"]).stdout,
        "side-by-side": invoke(["diff", old, hostile, "--format", "side-by-side"]).stdout,
    }
    for name, out in outputs.items():
        assert "\x07" not in out and "\u202e" not in out and "\x1b[2J" not in out, name
        if name not in ("diff", "outline"):  # text with --color always has our own ESC codes
            assert "\x1b" not in out, name
        assert "␛" in out and "2J" in out and "␇" in out, name  # shown as control pictures
    records = json.loads(invoke(["diff", old, hostile, "--format", "json"]).stdout)
    texts = [c["new"]["text"] for c in records["changes"] if c["new"]]
    assert any("\x1b[2J" in t for t in texts)  # JSON keeps the data, as \u001b escapes
    raw = invoke(["diff", old, hostile, "--format", "json"]).stdout
    assert "\x1b" not in raw and "\u202e" not in raw and "\\u202e" in raw


# --- issue 15: no traceback on a full disk, a closed stdin or stdout ----------------------------


def test_full_disk_and_closed_streams_give_one_line_not_a_traceback(
    pair: tuple[Path, Path],
) -> None:
    old, new = pair
    with open("/dev/full", "w") as full:
        result = run(["diff", str(old), str(new), "-q"], stdout=full)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("reportdiff: error: <stdout>: cannot write")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    closed = run(["outline", "-", "-q"], preexec_fn=lambda: os.close(0))
    assert closed.returncode == 2 and "standard input is closed" in closed.stderr
    assert len(closed.stderr.splitlines()) == 1


def test_full_disk_for_an_output_file_is_one_line(pair: tuple[Path, Path]) -> None:
    old, new = pair
    result = invoke(["diff", old, new, "--format", "json", "-o", "/dev/full"], expect=2)
    assert "/dev/full: cannot write" in result.stderr and len(result.stderr.splitlines()) == 1


def test_an_output_file_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    """Output streamed in pieces (check's findings) that fails half-way leaves the old file as it
    was and no partial file beside it; a run that succeeds replaces it, keeping a link a link."""
    out = tmp_path / "findings.json"
    out.write_text("old findings", "utf-8")

    def failing() -> Any:
        yield '{"findings": ['
        raise OSError(28, "No space left on device")

    with pytest.raises(console.ReportdiffClickError, match="findings.json: cannot write"):
        console.emit(failing(), str(out))
    assert out.read_text("utf-8") == "old findings"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.json"]
    link = tmp_path / "latest.json"
    link.symlink_to(out)
    console.emit(iter(["new ", "findings"]), str(link))
    assert link.is_symlink() and out.read_text("utf-8") == "new findings"
    out.chmod(0o600)
    console.emit("private", str(out))
    assert out.stat().st_mode & 0o777 == 0o600, "an overwritten file keeps its mode"
    twin = tmp_path / "twin.json"
    os.link(out, twin)
    console.emit("shared", str(out))
    assert twin.read_text("utf-8") == "shared", "a hard-linked file is written in place"


def test_track_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    text = SEED_FILES["huangpu2025"].read_text("utf-8")
    first.write_text(text, "utf-8")
    second.write_text(text, "utf-8")
    result = invoke(["track", str(first), str(second), "-o", str(first)], expect=2)
    assert "a.txt" in result.stderr and first.read_text("utf-8") == text


def test_errors_are_one_line(tmp_path: Path) -> None:
    newline = invoke(["outline", str(tmp_path / "a\nb.txt")], expect=2)
    assert newline.stderr.count("\n") == 1 and "a\\nb.txt: no such file" in newline.stderr
    usage = invoke(["diff", str(tmp_path / "a.txt")], expect=2)
    assert usage.stderr.splitlines() == [
        "reportdiff: error: diff: missing argument 'NEW_FILE' (see 'reportdiff diff --help')"
    ]
    bad_choice = invoke(["diff", "a", "b", "--mode", "bogus"], expect=2)
    assert len(bad_choice.stderr.splitlines()) == 1 and "--mode" in bad_choice.stderr
    unknown = invoke(["frobnicate"], expect=2)
    assert len(unknown.stderr.splitlines()) == 1 and "frobnicate" in unknown.stderr


def test_check_refuses_stdin_twice_like_diff() -> None:
    for args in (["check", "-", "-"], ["diff", "-", "-"], ["numbers", "-", "-"]):
        result = invoke(args, expect=2, input="各位代表：\n")
        assert "more than once" in result.stderr and len(result.stderr.splitlines()) == 1


# --- progress, -q, -v ---------------------------------------------------------------------------


def test_progress_after_two_seconds_quiet_and_verbose(
    pair: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = pair
    monkeypatch.setattr(console, "PROGRESS_AFTER", 0.0)  # as if every step were slow
    shown = invoke(["memo", old, new, "-o", tmp_path / "m.html"])
    assert "reportdiff: comparing" in shown.stderr and "reportdiff: wrote" in shown.stderr
    assert shown.stdout == ""
    quiet = invoke(["memo", old, new, "-o", tmp_path / "m.html", "-q"])
    assert quiet.stderr == ""
    monkeypatch.setattr(console, "PROGRESS_AFTER", 60.0)
    fast = invoke(["memo", old, new, "-o", tmp_path / "m.html"])
    assert "comparing" not in fast.stderr
    verbose = invoke(["-v", "diff", old, new, "-o", tmp_path / "d.json"])
    assert any(line.endswith(" s") and "comparing" in line for line in verbose.stderr.splitlines())
    both = invoke(["diff", old, new, "-q", "-v"], expect=2)
    assert "contradict" in both.stderr


# --- help, rules, completion ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", *sorted(cli.commands)])
def test_every_help_has_an_example(name: str) -> None:
    result = invoke([name, "--help"] if name else ["--help"])
    assert "Examples:" in result.stdout
    example = result.stdout.split("Examples:", 1)[1].strip().splitlines()[0]
    assert example.strip().startswith(f"reportdiff {name}") or name in example


def test_explain_a_rule(tmp_path: Path) -> None:
    explained = invoke(["check", "--explain", "RD101"])
    assert explained.stdout.startswith("RD101 duplicated-passage (error)")
    assert "Fix:" in explained.stdout and "--ignore RD101" in explained.stdout
    assert invoke(["rules", "rd102"]).stdout.startswith("RD102 near-duplicate-passage")
    listed = invoke(["rules"]).stdout.splitlines()
    assert [line.split()[0] for line in listed] == ["RD101", "RD102", "RD103", "RD104"]
    unknown = invoke(["check", "--explain", "RD999"], expect=2)
    assert "RD101" in unknown.stderr and len(unknown.stderr.splitlines()) == 1


def test_shell_completion_script_is_offered() -> None:
    result = run([], env={**os.environ, "_REPORTDIFF_COMPLETE": "bash_source"})
    assert result.returncode == 0, result.stderr
    assert "_REPORTDIFF_COMPLETE" in result.stdout and "complete" in result.stdout


# --- check: an empty file is skipped, not fatal ---------------------------------------------------


def test_check_skips_an_empty_file_with_a_note(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    blank = tmp_path / "blank.md"
    blank.write_text("\n  \n", "utf-8")
    report = SEED_FILES["summary2025"]
    result = invoke(["check", empty, blank, report, "--format", "json"], expect=1)
    records = json.loads(result.stdout)
    assert [s["path"] for s in records["skipped"]] == [str(empty), str(blank)]
    assert records["findings"] and f"skipped {empty}" in result.stderr
    alone = invoke(["check", empty], expect=0)
    assert alone.stdout.startswith("0 findings")
