"""The numbers records against their JSON Schema, and the vocabulary of headline indicators."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import jsonschema
import pytest

from reportdiff.numbers.vocabulary import UNIT_FAMILY, lookup, vocabulary
from tests.conftest import FIXTURES, ROOT, SEED_FILES, invoke


def _schema(name: str) -> dict[str, Any]:
    text = resources.files("reportdiff").joinpath(f"schemas/{name}").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def _validate(record: object) -> None:
    jsonschema.validate(record, _schema("numbers.schema.json"), cls=jsonschema.Draft202012Validator)


def test_one_reports_numbers_match_the_schema() -> None:
    _validate(json.loads(invoke(["numbers", SEED_FILES["summary2025"], "--format", "json"]).stdout))


def test_shifts_and_target_outcomes_match_the_schema() -> None:
    for old, new in (
        (SEED_FILES["plan2024"], SEED_FILES["compilation2025"]),
        (FIXTURES / "numbers" / "national-2012.txt", FIXTURES / "numbers" / "national-2013.txt"),
    ):
        record = json.loads(invoke(["numbers", old, new, "--format", "json"]).stdout)
        _validate(record)
        assert record["target_outcomes"], "the table is there to be validated"


def test_the_diff_records_number_parts_match_the_diff_schema() -> None:
    old = FIXTURES / "numbers" / "national-2012.txt"
    new = FIXTURES / "numbers" / "national-2013.txt"
    record = json.loads(invoke(["diff", old, new, "--format", "json"], expect=None).stdout)
    jsonschema.validate(record, _schema("diff.schema.json"), cls=jsonschema.Draft202012Validator)
    assert record["target_outcomes"] and record["number_shifts"]


def _properties(node: object, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, child in node.get("properties", {}).items():
            yield f"{path}.{name}", child
        for key, child in node.items():
            if key != "properties":
                yield from _properties(child, f"{path}/{key}")
        for name, child in node.get("properties", {}).items():
            yield from _properties(child, f"{path}.{name}")
    elif isinstance(node, list):
        for k, child in enumerate(node):
            yield from _properties(child, f"{path}[{k}]")


def test_every_field_of_the_numbers_schema_is_described() -> None:
    schema = _schema("numbers.schema.json")
    missing = sorted({p for p, field in _properties(schema) if "description" not in field})
    assert not missing, missing
    undescribed = [k for k, d in schema["$defs"].items() if "description" not in d]
    assert not undescribed, undescribed


def test_the_diff_schema_shares_the_number_definitions() -> None:
    numbers, diff = _schema("numbers.schema.json"), _schema("diff.schema.json")
    for name in ("quantity", "numberShift", "targetOutcome", "shiftSide", "outcomeSide"):
        assert diff["$defs"][name] == numbers["$defs"][name], name


# ---------------------------------------------------------------------------------------------
# Vocabulary


def test_vocabulary_ids_are_the_truth_ids() -> None:
    readme = (ROOT / "fixtures" / "number-truth" / "README.md").read_text("utf-8")
    truth_ids = set(re.findall(r"^\| ([a-z0-9_]+) \|", readme, re.M)) - {"id"}
    assert {e.id for e in vocabulary()} == truth_ids


@pytest.mark.parametrize("entry", vocabulary(), ids=lambda e: e.id)
def test_each_entry_names_its_examples_and_no_other(entry: Any) -> None:
    family = next(iter(sorted(entry.units)))
    kind = next(k for k, f in UNIT_FAMILY.items() if f == family)
    level = "national" if "national" in entry.levels else "provincial"
    for example in entry.examples:
        found = lookup(example, kind, level)
        assert found is not None and found[0].id == entry.id, example
    for other in entry.not_examples:
        found = lookup(other, kind, level)
        assert found is None or found[0].id != entry.id, other
    assert entry.better in (None, "higher", "lower", "ceiling")
    assert entry.horizons <= {"annual", "five-year"}
    assert entry.levels <= {"national", "provincial", "district"}
