"""What CI reads: SARIF valid against the official OASIS schema, check JSON against its own schema,
and CI examples that work as written (install source, permissions, a rev that exists, files:)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import ROOT, SEED_FILES, invoke

SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
CHECK_SCHEMA = json.loads(
    (ROOT / "reportdiff" / "schemas" / "check.schema.json").read_text("utf-8")
)
SUMMARY = SEED_FILES["summary2025"]


@pytest.fixture(scope="module")
def across_inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A report with a duplicated block, a copy of it (findings across files), an empty file."""
    folder = tmp_path_factory.mktemp("reports")
    copy = folder / "copy.txt"
    copy.write_text(SUMMARY.read_text("utf-8"), "utf-8")
    empty = folder / "empty.txt"
    empty.write_text("", "utf-8")
    return [SUMMARY, copy, empty]


def test_sarif_is_valid_against_the_official_schema(across_inputs: list[Path]) -> None:
    result = invoke(["check", *across_inputs, "--across", "--format", "sarif"], expect=1)
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(log), key=str)
    assert errors == [], [e.message for e in errors[:3]]
    run = log["runs"][0]
    codes = {r["ruleId"] for r in run["results"]}
    assert {"RD101", "RD104"} <= codes
    assert all(rule["help"]["text"] for rule in run["tool"]["driver"]["rules"])
    assert "informationUri" not in run["tool"]["driver"]  # nothing to point at yet
    clean = json.loads(invoke(["check", SEED_FILES["tasks2023"], "--format", "sarif"]).stdout)
    assert not list(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(clean))


def undocumented(instance: object, schema: dict[str, Any], root: dict[str, Any]) -> list[str]:
    """Paths of keys in ``instance`` that ``schema`` does not name (the schema allows extra
    properties for later versions, so validation alone never sees a key it forgot)."""
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    out: list[str] = []
    if isinstance(instance, dict) and "properties" in schema:
        for key, value in instance.items():
            if key not in schema["properties"]:
                out.append(key)
            else:
                out += [f"{key}.{p}" for p in undocumented(value, schema["properties"][key], root)]
    elif isinstance(instance, list) and "items" in schema:
        for item in instance:
            out += [f"[].{p}" for p in undocumented(item, schema["items"], root)]
    return sorted(set(out))


@pytest.mark.parametrize("across", [False, True], ids=["per-file", "across"])
def test_check_json_follows_its_schema(across_inputs: list[Path], across: bool) -> None:
    """Real ``check --format json`` output, with and without --across: valid, and every key it
    holds documented in the schema."""
    flags = ["--across"] if across else []
    records = json.loads(
        invoke(["check", *across_inputs, *flags, "--format", "json"], expect=1).stdout
    )
    jsonschema.Draft202012Validator.check_schema(CHECK_SCHEMA)
    jsonschema.validate(records, CHECK_SCHEMA, cls=jsonschema.Draft202012Validator)
    assert undocumented(records, CHECK_SCHEMA, CHECK_SCHEMA) == []
    assert records["skipped"] == [{"path": str(across_inputs[2]), "reason": "file is empty"}]
    assert records["index"]["method"] == "minhash-lsh"
    copies = {f["other"]["path"] != f["location"]["path"] for f in records["findings"]}
    assert copies == ({False, True} if across else {False})
    broken = {**records, "findings": [{**records["findings"][0], "severity": "fatal"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, CHECK_SCHEMA, cls=jsonschema.Draft202012Validator)
    assert undocumented({**records, "surprise": 1}, CHECK_SCHEMA, CHECK_SCHEMA) == ["surprise"]


# --- CI examples -------------------------------------------------------------------------------

WORKFLOW = (ROOT / "examples" / "github-workflow.yml").read_text("utf-8")
PRE_COMMIT = (ROOT / "examples" / "pre-commit-config.yaml").read_text("utf-8")
HOOKS = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")


def test_workflow_installs_from_git_and_may_upload_sarif() -> None:
    assert re.search(r"^permissions:\n(  .*\n)*  security-events: write", WORKFLOW, re.M)
    install = [line for line in WORKFLOW.splitlines() if "pip install" in line]
    assert install and all("git+" in line for line in install)  # not on PyPI
    assert "upload-sarif" in WORKFLOW and "-o reportdiff.sarif" in WORKFLOW
    # The commands the workflow runs exist and take these options.
    for command in re.findall(r"reportdiff (check [^\n|]*)", WORKFLOW):
        words = command.replace('"${reports[@]}"', str(SUMMARY)).split()
        assert invoke([*words[:1], *words[1:], "--help"]).exit_code == 0


def _files_pattern(text: str) -> re.Pattern[str]:
    found = re.search(r"^\s*files: '([^']+)'", text, re.M)
    assert found, "no files: pattern"
    return re.compile(found.group(1))


@pytest.mark.parametrize("text", [PRE_COMMIT, HOOKS], ids=["example config", "hook default"])
def test_files_pattern_takes_reports_and_leaves_other_text_files(text: str) -> None:
    pattern = _files_pattern(text)
    for report in ("drafts/2026.docx", "reports/plan.txt", "drafts/sub/summary.md"):
        assert pattern.search(report), report
    for other in ("README.md", "requirements.txt", "docs/README.md", "notes.txt", "drafts/x.py"):
        assert not pattern.search(other), other


@pytest.mark.skipif(not (ROOT / ".git").exists() or not shutil.which("git"), reason="no git")
def test_pre_commit_rev_exists_and_defines_the_hook() -> None:
    rev = re.search(r"^\s*rev: (\S+)", PRE_COMMIT, re.M)
    assert rev
    hooks = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev.group(1)}:.pre-commit-hooks.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    shallow = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--is-shallow-repository"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if hooks.returncode != 0 and shallow == "true":
        pytest.skip("shallow clone: the pinned commit is not in the history here")
    assert hooks.returncode == 0, hooks.stderr
    assert "id: reportdiff-check" in hooks.stdout
    hook_id = re.search(r"- id: (\S+)", PRE_COMMIT)
    assert hook_id and hook_id.group(1) == "reportdiff-check"
    on_main = subprocess.run(
        ["git", "-C", str(ROOT), "merge-base", "--is-ancestor", rev.group(1), "HEAD"], check=False
    )
    assert on_main.returncode == 0, "the pinned rev is not in this repository's history"


@pytest.mark.skipif(not (ROOT / ".git").exists() or not shutil.which("git"), reason="no git")
def test_the_pinned_rev_skips_an_empty_report(tmp_path: Path) -> None:
    """The hook as pinned, run on a commit that adds an empty file: a note, not exit 2."""
    rev = re.search(r"^\s*rev: (\S+)", PRE_COMMIT, re.M)
    assert rev
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev.group(1), "reportdiff"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        pytest.skip("the pinned commit is not in the history here (shallow clone)")
    subprocess.run(["tar", "-x", "-C", str(tmp_path)], input=archive.stdout, check=True)
    (tmp_path / "empty.txt").write_bytes(b"")
    shutil.copy(SEED_FILES["huangpu2025"], tmp_path / "report.txt")
    run = subprocess.run(
        [sys.executable, "-m", "reportdiff", "check", "empty.txt", "report.txt"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "skipped empty.txt" in run.stderr
