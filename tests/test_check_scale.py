"""`check` at scale: no silent cap on how often a passage may stand, and one finding per copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportdiff.check import check_files
from reportdiff.check.index import lsh_shape, miss_probability
from reportdiff.options import Options
from reportdiff.text import split_sentences
from tests.conftest import SEED_FILES, invoke

COPIES = 100


def _sentences() -> list[str]:
    text = SEED_FILES["compilation2025"].read_text("utf-8")
    return [s for line in text.splitlines() for s in split_sentences(line) if len(s) > 30]


#: A real passage made of the most common phrasing of these reports (the kind a cap on common
#: shingles used to drop).
PASSAGE = (
    "全面贯彻落实党的二十大和二十届二中、三中全会精神，坚持稳中求进工作总基调，"
    "完整、准确、全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。"
)


def _report(number: int, sentences: list[str], body: list[str]) -> str:
    own = "".join(sentences[(number * 3 + k) % len(sentences)] for k in range(3))
    return "\n\n".join(["某区政府工作报告", "一、工作回顾", f"第{number}号稿。{own}", *body]) + "\n"


def _lines_of(path: Path, text: str) -> list[int]:
    return [i + 1 for i, line in enumerate(path.read_text("utf-8").splitlines()) if line == text]


def test_a_passage_in_a_hundred_files_is_found_in_every_one(tmp_path: Path) -> None:
    sentences = _sentences()
    paths = []
    for n in range(COPIES):
        path = tmp_path / f"r{n:03d}.txt"
        path.write_text(_report(n, sentences, [PASSAGE]), "utf-8")
        paths.append(path)
    report = check_files([str(p) for p in paths], options=Options(across=True))
    shared = [f for f in report.findings if f.code == "RD104"]
    line = _lines_of(paths[0], PASSAGE)[0]
    # Every later copy once, each pointing at the first copy: 99 findings, not 4,950 pairs.
    assert sorted(f.location.path for f in shared) == [str(p) for p in paths[1:]]
    assert {(f.other.path, f.other.line) for f in shared} == {(str(paths[0]), line)}
    assert all(f.location.line == line and f.similarity == 1.0 for f in shared)


def test_near_copies_in_a_hundred_files_are_found_in_every_one(tmp_path: Path) -> None:
    sentences = _sentences()
    paths = []
    for n in range(COPIES):
        path = tmp_path / f"r{n:03d}.txt"
        at = 5 + n // 2  # odd files: one character of the passage replaced, each a different one
        variant = PASSAGE[:at] + "某" + PASSAGE[at + 1 :] if n % 2 else PASSAGE
        path.write_text(_report(n, sentences, [variant]), "utf-8")
        paths.append(path)
    report = check_files([str(p) for p in paths], options=Options(across=True))
    shared = [f for f in report.findings if f.code == "RD104"]
    assert sorted(f.location.path for f in shared) == [str(p) for p in paths[1:]]
    assert {f.other.path for f in shared} == {str(paths[0])}
    assert any(f.similarity < 1.0 for f in shared)
    assert all(f.similarity >= 0.9 for f in shared)


def test_a_hundred_copies_in_one_file_are_all_reported(tmp_path: Path) -> None:
    sentences = _sentences()
    body = []
    for n in range(COPIES):
        body += [PASSAGE, sentences[n % len(sentences)] + sentences[(n + 7) % len(sentences)]]
    path = tmp_path / "long.txt"
    path.write_text(_report(0, sentences, body), "utf-8")
    records = json.loads(invoke(["check", path, "--format", "json"], expect=1).stdout)
    copies = _lines_of(path, PASSAGE)
    assert len(copies) == COPIES
    found = [f for f in records["findings"] if f["code"] == "RD101"]
    assert sorted(f["location"]["line"] for f in found) == copies[1:]
    assert {f["other"]["line"] for f in found} == {copies[0]}


def test_three_files_one_finding_per_later_copy(tmp_path: Path) -> None:
    borrowed = next(
        line for line in SEED_FILES["tasks2023"].read_text("utf-8").splitlines() if len(line) > 150
    )
    paths = []
    for name in ("huangpu2025", "summary2025", "compilation2025"):
        path = tmp_path / f"{name}.txt"
        path.write_text(SEED_FILES[name].read_text("utf-8") + "\n" + borrowed + "\n", "utf-8")
        paths.append(path)
    records = json.loads(
        invoke(
            ["check", *paths, "--across", "--format", "json", "--ignore", "RD101"], expect=0
        ).stdout
    )
    shared = [f for f in records["findings"] if f["code"] == "RD104"]
    assert sorted(f["location"]["path"] for f in shared) == sorted(str(p) for p in paths[1:])
    assert all(f["other"]["path"] == str(paths[0]) for f in shared)
    assert all(str(paths[0]) in f["message"] for f in shared)
    assert records["index"]["miss_probability"] <= 1e-9


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.8, 0.9, 0.95, 1.0])
def test_index_shape_keeps_misses_below_the_stated_bound(threshold: float) -> None:
    bands, rows = lsh_shape(threshold)
    assert bands >= 1 and rows >= 2
    assert miss_probability(threshold) <= 1e-9
