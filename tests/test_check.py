"""`reportdiff check`: the real duplicated block is caught, clean reports pass, CI formats hold."""

from __future__ import annotations

import json
import random
from pathlib import Path

import jsonschema
import pytest

from reportdiff.check import RULES, check_files
from reportdiff.options import Options
from reportdiff.text import split_sentences
from tests.conftest import SEED_FILES, invoke

SUMMARY = str(SEED_FILES["summary2025"])
CLEAN = ["tasks2023", "plan2024", "compilation2025", "huangpu2025"]


def test_real_duplicated_block_is_found_and_the_misplaced_copy_named() -> None:
    result = invoke(["check", SUMMARY, "--format", "json"], expect=1)
    records = json.loads(result.stdout)
    assert len(records["findings"]) == 1
    finding = records["findings"][0]
    assert finding["code"] == "RD101" and finding["paragraphs"] == 3
    assert finding["misplaced"] == "location"
    assert finding["location"]["line"] == 107 and finding["location"]["end_line"] == 111
    assert finding["other"]["line"] == 115
    assert "用心用情惠民生" in finding["message"] and "misplaced" in finding["message"]


@pytest.mark.parametrize("name", CLEAN)
def test_clean_seeds_pass(name: str) -> None:
    result = invoke(["check", SEED_FILES[name]], expect=0)
    assert result.stdout.strip().startswith("0 findings")


def _long_paragraphs(text: str) -> list[int]:
    lines = text.splitlines()
    return [i for i, line in enumerate(lines) if len(line) > 120 and "。" in line[:-1]]


@pytest.mark.parametrize("seed", ["huangpu2025", "compilation2025"])
def test_injected_exact_duplicate_is_found(seed: str, tmp_path: Path) -> None:
    lines = SEED_FILES[seed].read_text("utf-8").splitlines()
    rng = random.Random(seed)
    i = rng.choice(_long_paragraphs("\n".join(lines)))
    target = min(len(lines) - 1, i + 30)
    lines.insert(target, lines[i])
    lines.insert(target, "")
    path = tmp_path / "dup.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    records = json.loads(invoke(["check", path, "--format", "json"], expect=1).stdout)
    assert [f["code"] for f in records["findings"]] == ["RD101"]
    finding = records["findings"][0]
    lines_found = {finding["location"]["line"], finding["other"]["line"]}
    assert i + 1 in lines_found


def test_injected_reworded_duplicate_is_a_near_duplicate(tmp_path: Path) -> None:
    lines = SEED_FILES["huangpu2025"].read_text("utf-8").splitlines()
    i = _long_paragraphs("\n".join(lines))[3]
    sentences = split_sentences(lines[i])
    text = "".join(sentences)
    middle = len(text) // 2
    reworded = text[:middle] + "进一步" + text[middle:-5] + text[-1]
    lines += ["", reworded]
    path = tmp_path / "near.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    records = json.loads(invoke(["check", path, "--format", "json"], expect=1).stdout)
    codes = [f["code"] for f in records["findings"]]
    assert codes == ["RD102"], codes
    assert 0.9 <= records["findings"][0]["similarity"] < 1.0


def test_injected_whole_section_moved_copy_is_one_block(tmp_path: Path) -> None:
    text = SEED_FILES["huangpu2025"].read_text("utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("(二)"))
    end = next(i for i, line in enumerate(lines) if line.startswith("(三)"))
    block = lines[start + 1 : end]
    lines = lines + [""] + block
    path = tmp_path / "section.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    records = json.loads(invoke(["check", path, "--format", "json"], expect=1).stdout)
    findings = [f for f in records["findings"] if f["code"] == "RD101"]
    assert len(findings) == 1
    assert findings[0]["paragraphs"] >= 3


def test_across_files_reports_the_shared_passage(tmp_path: Path) -> None:
    lines = SEED_FILES["tasks2023"].read_text("utf-8").splitlines()
    borrowed = next(line for line in lines if len(line) > 150)
    other = tmp_path / "other.txt"
    other.write_text(SEED_FILES["huangpu2025"].read_text("utf-8") + "\n" + borrowed + "\n", "utf-8")
    invoke(["check", SEED_FILES["tasks2023"], other], expect=0)
    result = invoke(
        [
            "check",
            SEED_FILES["tasks2023"],
            other,
            "--across",
            "--fail-on",
            "note",
            "--format",
            "json",
        ],
        expect=1,
    )
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert codes == ["RD104"]


def test_github_format_line_by_line() -> None:
    out = invoke(["check", SUMMARY, "--format", "github"], expect=1).stdout
    lines = out.splitlines()
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("::error file=")
    head, message = line.split("::", 2)[1:]
    assert head.startswith("error file=") and ",line=107,endLine=111," in head
    assert "title=RD101 duplicated-passage" in head
    assert "\n" not in message and message.startswith("3 paragraphs (lines 107–111)")


#: The SARIF 2.1.0 properties this tool emits, with the types and required members of the OASIS
#: schema (sarif-schema-2.1.0.json), written out here because no package ships that file.
SARIF_SUBSET = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "shortDescription": {
                                                    "type": "object",
                                                    "required": ["text"],
                                                },
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {
                                                        "level": {
                                                            "enum": [
                                                                "none",
                                                                "note",
                                                                "warning",
                                                                "error",
                                                            ]
                                                        }
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": {
                                    "type": "object",
                                    "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
                                },
                                "locations": {
                                    "type": "array",
                                    "items": {"$ref": "#/$defs/location"},
                                },
                                "relatedLocations": {
                                    "type": "array",
                                    "items": {"$ref": "#/$defs/location"},
                                },
                                "partialFingerprints": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    "$defs": {
        "location": {
            "type": "object",
            "properties": {
                "physicalLocation": {
                    "type": "object",
                    "anyOf": [{"required": ["artifactLocation"]}, {"required": ["address"]}],
                    "properties": {
                        "region": {
                            "type": "object",
                            "anyOf": [
                                {"required": ["startLine"]},
                                {"required": ["charOffset"]},
                                {"required": ["byteOffset"]},
                            ],
                            "properties": {
                                "startLine": {"type": "integer", "minimum": 1},
                                "endLine": {"type": "integer", "minimum": 1},
                            },
                        }
                    },
                }
            },
        }
    },
}


def test_sarif_output_is_valid() -> None:
    log = json.loads(invoke(["check", SUMMARY, "--format", "sarif"], expect=1).stdout)
    jsonschema.validate(log, SARIF_SUBSET)
    result = log["runs"][0]["results"][0]
    assert result["ruleId"] == "RD101"
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "RD101"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 107


def test_config_file_and_ignore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.reportdiff]\nignore = ["RD101"]\n', "utf-8")
    invoke(["check", SUMMARY], expect=0)
    (tmp_path / "reportdiff.toml").write_text("threshold = 2\n", "utf-8")
    result = invoke(["check", SUMMARY], expect=2)
    assert "reportdiff.toml" in result.stderr and "threshold" in result.stderr
    (tmp_path / "reportdiff.toml").write_text('format = "github"\n', "utf-8")
    assert invoke(["check", SUMMARY], expect=1).stdout.startswith("::error")
    result = invoke(["check", SUMMARY, "--ignore", "RD999"], expect=2)
    assert "RD999" in result.stderr


def test_missing_file_is_an_error_not_a_finding(tmp_path: Path) -> None:
    result = invoke(["check", tmp_path / "nope.txt"], expect=2)
    assert result.stdout == "" and "nope.txt" in result.stderr


def test_rules_have_codes_names_and_descriptions() -> None:
    for code, rule in RULES.items():
        assert code == rule.code and rule.name and rule.description


def test_library_call_is_deterministic() -> None:
    first = check_files([SUMMARY], options=Options()).as_records()
    assert first == check_files([SUMMARY], options=Options()).as_records()


def test_exit_policy_uses_the_shared_exit_codes() -> None:
    """check and the CLI share one set of exit codes, defined in the base layer."""
    import reportdiff.cli as cli
    from reportdiff.check import Severity, exit_code
    from reportdiff.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

    report = check_files([SUMMARY], options=Options())
    assert exit_code(report, Severity.ERROR) == EXIT_FINDINGS == 1
    assert exit_code(report.__class__(report.paths, (), 0.9), Severity.NOTE) == EXIT_OK == 0
    assert cli.ReportdiffClickError.exit_code == EXIT_ERROR == 2
