"""The fuzz target: damaged copies of real reports through every stage, and the properties that
must hold for any input (used by ``tests/test_fuzz.py`` with a fixed budget, and by ``make fuzz``
with a long one).

Inputs are windows of the seed reports (``fixtures/seeds/``) put through a list of mutations —
the damage real files show (bit flips, truncation, duplicated lines, invisible characters, stray
heading lines, other encodings) and the shapes hostile inputs take (huge numbers, deep HTML,
control and escape characters, one long line with no punctuation). A run may refuse an input
with a ``ReportdiffError`` (one line, exit 2); any other exception is a crash. Properties:

* every sentence of both editions is accounted for exactly once by the sentence diff;
* a file against itself has no change of any kind (no sentence change, no number shift, no
  section added or removed);
* swapping old and new swaps added and removed, and tells the same story (every rewrite, merge,
  split and move found both ways);
* the same inputs give byte-identical output.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from reportdiff.errors import ReportdiffError
from reportdiff.load import load_bytes
from reportdiff.model import Outline
from reportdiff.options import Options
from reportdiff.outline import build_outline
from reportdiff.pipeline import Comparison, compare
from reportdiff.render import render

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
WINDOW = 16
"""Lines per seed window: a few sections, so that one example takes tens of milliseconds."""
INVISIBLE = ["\u200b", "\ufeff", "\u00ad", "\u2060", "\u200e", "\u3000", "\xa0"]
CONTROL = ["\x1b[31m", "\x1b]0;title\x07", "\x07", "\x00", "\x08", "\r", "\x1b[2J", "\x7f"]
HEADINGS = ["一、", "（三）", "第二章 总则", "二、主要任务", "1.", "▶", "目录", "附件"]
NUMBERS = ["999999999999999999999999999亿元", "1e309", "0.000000000000000000001%", "-0", "１２３"]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "big5", "utf-16-le"]


def _seed_lines() -> list[list[str]]:
    return [p.read_text("utf-8").splitlines() for p in sorted(SEEDS.glob("*.txt"))]


SEED_LINES = _seed_lines()


@dataclass(frozen=True)
class Sample:
    """One fuzzed input: its bytes and the name it is read under (the extension picks a reader)."""

    data: bytes
    name: str


Mutation = Callable[[list[str], st.DataObject], list[str]]


def _index(lines: list[str], data: st.DataObject) -> int:
    return data.draw(st.integers(0, max(0, len(lines) - 1)))


def _flip(lines: list[str], data: st.DataObject) -> list[str]:
    i = _index(lines, data)
    line = lines[i] if lines else ""
    j = data.draw(st.integers(0, len(line)))
    char = data.draw(st.characters(codec="utf-8"))
    return [*lines[:i], line[:j] + char + line[j + 1 :], *lines[i + 1 :]]


def _truncate(lines: list[str], data: st.DataObject) -> list[str]:
    text = "\n".join(lines)
    return text[: data.draw(st.integers(0, len(text)))].split("\n")


def _duplicate(lines: list[str], data: st.DataObject) -> list[str]:
    i, j = _index(lines, data), _index(lines, data)
    return [*lines[:j], *lines[i : i + data.draw(st.integers(1, 4))], *lines[j:]]


def _insert(choices: list[str]) -> Mutation:
    def mutate(lines: list[str], data: st.DataObject) -> list[str]:
        i = _index(lines, data)
        line = lines[i] if lines else ""
        j = data.draw(st.integers(0, len(line)))
        piece = data.draw(st.sampled_from(choices))
        return [*lines[:i], line[:j] + piece + line[j:], *lines[i + 1 :]]

    return mutate


def _heading_line(lines: list[str], data: st.DataObject) -> list[str]:
    i = _index(lines, data)
    heading = data.draw(st.sampled_from(HEADINGS)) + data.draw(
        st.sampled_from(["", "工作", "任务"])
    )
    return [*lines[:i], heading, *lines[i:]]


def _long_line(lines: list[str], data: st.DataObject) -> list[str]:
    size = data.draw(st.sampled_from([2_000, 8_000]))
    return [*lines, "经济" * (size // 2)]


def _huge_figure(lines: list[str], data: st.DataObject) -> list[str]:
    """A figure of the report replaced by a huge one (so the other edition has it small)."""
    with_figures = [i for i, line in enumerate(lines) if re.search(r"\d", line)]
    if not with_figures:
        return lines
    i = data.draw(st.sampled_from(with_figures))
    huge = data.draw(st.sampled_from(["999999999999999999999999999", "1" + "0" * 40]))
    return [*lines[:i], re.sub(r"\d+", huge, lines[i], count=1), *lines[i + 1 :]]


def _drop(lines: list[str], data: st.DataObject) -> list[str]:
    i = _index(lines, data)
    return [*lines[:i], *lines[i + data.draw(st.integers(1, 6)) :]]


MUTATIONS: dict[str, Mutation] = {
    "flip": _flip,
    "truncate": _truncate,
    "duplicate lines": _duplicate,
    "invisible characters": _insert(INVISIBLE),
    "control characters": _insert(CONTROL),
    "huge numbers": _insert(NUMBERS),
    "huge figure": _huge_figure,
    "stray heading line": _heading_line,
    "long unpunctuated line": _long_line,
    "drop lines": _drop,
}


def _deep_html(lines: list[str], depth: int) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in lines)
    return f"<html><body>{'<span>' * depth}{body}{'</span>' * depth}</body></html>".encode()


@st.composite
def edition(draw: st.DrawFn, window: tuple[int, int] | None = None) -> Sample:
    """A damaged window of a seed report, as text in some encoding or as (deep) HTML."""
    data = draw(st.data())
    seed, start = window or (
        draw(st.integers(0, len(SEED_LINES) - 1)),
        draw(st.integers(0, 400)),
    )
    lines = SEED_LINES[seed]
    start %= max(1, len(lines) - WINDOW)
    chosen = lines[start : start + WINDOW]
    for name in draw(st.lists(st.sampled_from(sorted(MUTATIONS)), max_size=4)):
        chosen = MUTATIONS[name](chosen, data)
    if draw(st.integers(0, 9)) == 0:
        depth = draw(st.sampled_from([3, 600, 3000]))
        return Sample(_deep_html(chosen, depth), "fuzz.html")
    encoding = draw(st.sampled_from(ENCODINGS))
    text = "\n".join(chosen)
    return Sample(text.encode(encoding, errors="replace"), "fuzz.txt")


def outline_of(sample: Sample, source: str) -> Outline | None:
    """The sample's outline, or None when it is refused cleanly (a ReportdiffError)."""
    options = Options()
    try:
        document = load_bytes(
            sample.data, source=source + Path(sample.name).suffix, options=options
        )
    except ReportdiffError as exc:
        assert "\n" not in str(exc), f"error message on more than one line: {exc!r}"
        return None
    return build_outline(document, options=options)


def records_json(comparison: Comparison) -> str:
    return json.dumps(comparison.as_records(), ensure_ascii=False, sort_keys=True)


def check_pair(old_sample: Sample, new_sample: Sample) -> None:
    """Every stage on one pair, and every property but the self-diff of numbers (see
    :func:`check_self_numbers`); raises on a crash or a broken property."""
    options = Options(mode="editions")  # auto mode may read one side as a summary: not swappable
    old = outline_of(old_sample, "old")
    new = outline_of(new_sample, "new")
    if old is None or new is None:
        return
    forward = compare(old, new, options=options)
    old_seen, new_seen = forward.diff.accounting()
    assert set(old_seen) <= {1} and set(new_seen) <= {1}, "a sentence not accounted once"
    assert isinstance(render(forward.as_records(), "text"), str)
    again = compare(old, new, options=options)
    assert records_json(again) == records_json(forward), "output differs on rerun"
    backward = compare(new, old, options=options)
    assert _texts(forward, "added") == _texts(backward, "removed"), "swap: added ≠ removed"
    assert _texts(forward, "removed") == _texts(backward, "added"), "swap: removed ≠ added"
    assert story(forward) == story(backward, swapped=True), "swap: another story"
    for outline in (old, new):
        same = compare(outline, outline, options=Options())
        assert not same.diff.changes, f"self-diff shows {len(same.diff.changes)} change(s)"
        statuses = {pair.status.value for pair in same.alignment.pairs}
        assert not statuses & {"added", "removed"}, f"self-diff sections: {sorted(statuses)}"


def number_changes(outline: Outline) -> list[str]:
    """Number shifts other than ``unchanged`` in a self-diff (there must be none)."""
    same = compare(outline, outline, options=Options())
    return [
        f"{s.kind} {s.as_record()['indicator']}"
        for s in same.number_shifts
        if s.kind != "unchanged"
    ]


def check_self_numbers(sample: Sample) -> None:
    """A file against itself shows no number shift (kept apart: open in issue 15)."""
    outline = outline_of(sample, "self")
    if outline is not None:
        changes = number_changes(outline)
        assert not changes, f"self-diff shows number shifts: {changes}"


Story = set[tuple[str, tuple[str, ...], tuple[str, ...]]]


def story(comparison: Comparison, *, swapped: bool = False) -> Story:
    """Every change as (kind, old texts, new texts) — rewrites, merges, splits and moves with
    their partners — read with the editions swapped back when ``swapped``."""
    rename = {"added": "removed", "removed": "added"} if swapped else {}
    out: Story = set()
    for change in comparison.diff.changes:
        olds = tuple(sorted(r.sentence.text for r in (change.old, *change.old_also) if r))
        news = tuple(sorted(r.sentence.text for r in (change.new, *change.new_also) if r))
        if swapped:
            olds, news = news, olds
        out.add((rename.get(change.kind, change.kind), olds, news))
    return out


def _texts(comparison: Comparison, kind: str) -> list[str]:
    found = []
    for change in comparison.diff.changes:
        if change.kind == kind:
            ref = change.new if kind == "added" else change.old
            assert ref is not None
            found.append(ref.sentence.text)
    return sorted(found)
