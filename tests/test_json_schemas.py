"""Every key of the real JSON output is named in its schema (reportdiff/schemas/), and the output
validates against it: a program reading our JSON relies on both. ``check`` is covered beside its
SARIF in ``test_ci_outputs.py``."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reportdiff.render import render
from tests.conftest import DEMO_OLD, SEED_FILES, invoke
from tests.schema_keys import undocumented


def schema(name: str) -> dict[str, Any]:
    """``reportdiff/schemas/<name>.schema.json``, itself checked as a draft 2020-12 schema."""
    text = resources.files("reportdiff").joinpath(f"schemas/{name}.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def assert_documented(instance: dict[str, Any], name: str) -> None:
    """``instance`` is valid against schema ``name`` and holds no key the schema leaves out."""
    root = schema(name)
    jsonschema.validate(instance, root, cls=jsonschema.Draft202012Validator)
    assert undocumented(instance, root) == []


def cli_json(*args: str | Path, expect: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(invoke([*args, "--format", "json"], expect=expect).stdout)
    return data


# --- the walker itself ---------------------------------------------------------------------------

TOY = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "pair": {"type": "array", "prefixItems": [{"$ref": "#/$defs/named"}, {"type": "integer"}]},
        "list": {"type": "array", "items": {"$ref": "#/$defs/named"}},
        "either": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/named"}]},
        "any": {
            "anyOf": [
                {"type": "object", "required": ["a"], "properties": {"a": {}}},
                {"type": "object", "required": ["b"], "properties": {"b": {}}},
            ]
        },
        "both": {"allOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}]},
        "map": {"type": "object", "additionalProperties": {"$ref": "#/$defs/named"}},
        "loose": {"type": "object", "additionalProperties": True},
        "patterned": {"type": "object", "patternProperties": {"^x_": {"$ref": "#/$defs/named"}}},
        "coded": {
            "type": "object",
            "properties": {"code": {"type": "string"}},
            "if": {"properties": {"code": {"const": "one"}}},
            "then": {"properties": {"one": {}}},
            "else": {"properties": {"other": {}}},
        },
    },
    "$defs": {"named": {"type": "object", "properties": {"name": {"type": "string"}}}},
}


def test_undocumented_follows_references_branches_and_items() -> None:
    named, stray = {"name": "n"}, {"name": "n", "stray": 1}
    documented = {
        "pair": [named, 1],
        "list": [named, named],
        "either": named,
        "any": {"a": 1},
        "both": {"a": 1, "b": 2},
        "map": {"k1": named, "k2": named},
        "patterned": {"x_1": named},
        "coded": {"code": "one", "one": 1},
    }
    assert undocumented(documented, TOY) == []
    strays = {
        "pair": [stray, 1, {"past": "the prefix"}],
        "list": [named, stray],
        "either": stray,
        "any": {"a": 1, "b": 2, "c": 3},  # both branches hold: a and b are named, c is not
        "both": {"a": 1, "b": 2, "c": 3},
        "map": {"k": stray},
        "loose": {"free": 1},  # additionalProperties true allows a key, it does not document it
        "patterned": {"x_1": stray, "y": 1},
        "coded": {"code": "two", "one": 1, "other": 2},
        "top": 0,
    }
    assert undocumented(strays, TOY) == [
        "any.c",
        "both.c",
        "coded.one",
        "either.stray",
        "list[].stray",
        "loose.free",
        "map.k.stray",
        "pair[].past",
        "pair[].stray",
        "patterned.x_1.stray",
        "patterned.y",
        "top",
    ]
    # A branch the instance does not validate against names nothing: only b's branch holds here.
    assert undocumented({"any": {"b": 1, "a": "x", "d": 1}}, TOY) == ["any.d"]
    assert undocumented({"any": {"b": 1, "d": 1, "e": 2}}, TOY) == ["any.d", "any.e"]


# --- diff ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def summary_pair() -> dict[str, Any]:
    """A district's 2024 plan against its 2025 summary, compared as summary and full report."""
    plan, summary = SEED_FILES["plan2024"], SEED_FILES["summary2025"]
    return cli_json("diff", plan, summary, "--mode", "summary")


def test_demo_diff_json_documents_every_key(demo_records: dict[str, Any]) -> None:
    """The demo pair as ``diff --format json`` prints it (the JSON renderer of the records)."""
    output = render(demo_records, "json")
    assert isinstance(output, str)
    records = json.loads(output)
    assert records["changes"] and records["number_shifts"] and records["sections"]
    assert_documented(records, "diff")


def test_summary_mode_diff_json_documents_every_key(summary_pair: dict[str, Any]) -> None:
    assert summary_pair["mode"] == "summary"
    assert summary_pair["mode_reason"]["code"] == "summary_given"
    assert summary_pair["summary"]["statements"] and summary_pair["summary"]["unsupported"]
    assert_documented(summary_pair, "diff")


def test_a_file_against_itself_documents_every_key() -> None:
    report = SEED_FILES["huangpu2025"]
    records = cli_json("diff", report, report)
    assert records["changes"] == [] and records["unchanged"]
    assert records["mode_reason"]["params"]["grounds"]["code"] == "neither_calls_itself_summary"
    assert_documented(records, "diff")


def test_the_diff_schema_names_the_params_of_each_reason_code(
    summary_pair: dict[str, Any],
) -> None:
    """The params of a known code are documented per code: a figure of another code is not."""
    root = schema("diff")
    stray = copy.deepcopy(summary_pair)
    stray["mode_reason"]["params"]["paired_sentences"] = 1
    stray["mode_reason"]["params"]["grounds"]["found"] = 1
    stray["summary"]["statements"][0]["sources"][0]["extra"] = 1
    assert undocumented(stray, root) == [
        "mode_reason.params.grounds.found",
        "mode_reason.params.paired_sentences",
        "summary.statements[].sources[].extra",
    ]
    warned = [w for w in summary_pair["warning_reasons"] if w["code"] == "unrelated_documents"]
    assert warned, "the plan and the summary share too little: the record warns"
    stray["warning_reasons"] = [{**warned[0], "params": {**warned[0]["params"], "found": 1}}]
    assert "warning_reasons[].params.found" in undocumented(stray, root)
    unsupported = copy.deepcopy(summary_pair)
    unsupported["mode"], unsupported["summary"] = "editions", None
    unsupported["mode_reason"]["code"] = "summary_unsupported"  # side_taken is summary_given's
    assert undocumented(unsupported, root) == ["mode_reason.params.side_taken"]
    missing = copy.deepcopy(summary_pair)
    del missing["mode_reason"]["params"]["side_taken"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(missing, root, cls=jsonschema.Draft202012Validator)


# --- numbers, outline, track ---------------------------------------------------------------------


def test_numbers_json_of_one_report_documents_every_key() -> None:
    records = cli_json("numbers", SEED_FILES["summary2025"])
    assert_documented(records, "numbers")


def test_numbers_json_of_two_reports_documents_every_key() -> None:
    records = cli_json("numbers", SEED_FILES["plan2024"], SEED_FILES["compilation2025"])
    assert records["target_outcomes"]
    assert_documented(records, "numbers")


@pytest.mark.parametrize(
    "source", [SEED_FILES["plan2024"], DEMO_OLD], ids=lambda p: Path(p).suffix.lstrip(".")
)
def test_outline_json_documents_every_key(source: Path) -> None:
    records = cli_json("outline", source)
    assert records["format"] == source.suffix.lstrip(".") and records["sections"]
    assert_documented(records, "outline")


def test_track_json_over_the_seeds_documents_every_key() -> None:
    records = cli_json("track", *sorted(SEED_FILES.values()))
    assert records["series"] and records["commitments"] and records["headings"]
    assert_documented(records, "track")
