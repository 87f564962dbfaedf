"""Known edits applied to the real seeds, and how well `reportdiff diff` recovers them.

For each seed and each edit type, a seeded generator changes the seed's own text in a way whose
right answer is known, runs the library's ``compare`` on (original, edited) and scores what came
back against the truth, per edit type:

* sentence edits — insert, delete, reword, change a number, move to another paragraph: the truth is
  one (kind, old sentence, new sentence) triple per edit; a reported change that is not in the truth
  counts against precision, a truth item not reported counts against recall.
* section edits — rename a heading, renumber headings, move a whole section: the truth is the
  section pair (status renamed / matched-or-renamed / moved) and *no* sentence change; every
  sentence change reported is a false one.
* formatting edits — re-wrap lines, GB18030 encoding, full/half-width punctuation: the truth is that
  every sentence is unchanged; precision = recall = share of sentences reported unchanged.

    .venv/bin/python benchmarks/diff_accuracy.py [--trials 3] [--seeds huangpu,...] [-v]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.load import load_bytes  # noqa: E402
from reportdiff.options import Options  # noqa: E402
from reportdiff.outline import build_outline  # noqa: E402
from reportdiff.pipeline import Comparison, compare  # noqa: E402
from reportdiff.text import split_sentences  # noqa: E402

SEEDS = ROOT / "fixtures" / "seeds"
SEED_NAMES = {
    "huangpu": "huangpu-2025-report.txt",
    "compilation": "yangpu-2025-compilation.txt",
    "summary": "yangpu-2025-summary.txt",
    "tasks": "yangpu-2023-tasks.txt",
    "plan": "yangpu-2024-plan.txt",
}
OPTIONS = Options(mode="editions")
VERBS = ["推进", "加快", "深化", "提升", "加强", "持续", "打造", "完善"]
_HEADING = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])(.{4,40})$")


def _plain(text: str) -> str:
    return re.sub(r"\W", "", text)


@dataclass
class Edited:
    """An edited copy of a seed and what a correct diff must report."""

    new: bytes
    sentences: set[tuple[str, str, str]] = field(default_factory=set)
    """(kind, old, new) with punctuation and spaces removed."""
    sections: set[tuple[str, str, str]] = field(default_factory=set)
    """(status, old title, new title) that must appear in the section map."""
    unchanged: bool = False
    """A formatting-only edit: every sentence must come out unchanged."""


def _candidates(text: str) -> list[tuple[int, str]]:
    """Sentences safe to edit: inside one line, not the line's first, unique, quotes balanced."""
    lines = text.splitlines()
    return [
        (i, s)
        for i, line in enumerate(lines)
        if len(line) > 60
        for s in split_sentences(line)[1:]
        if len(s) >= 20
        and text.count(s) == 1
        and s.endswith(("。", "；"))
        and s.count("“") == s.count("”")
        and "（" not in s
        and "(" not in s
    ]


def _donors(rng: random.Random, exclude: str) -> list[str]:
    donors = []
    for name in sorted(SEED_NAMES.values()):
        raw = (SEEDS / name).read_text("utf-8")
        if raw == exclude or name == SEED_NAMES["plan"]:
            continue
        donors += [
            s
            for s in split_sentences(raw.replace("\n", ""))
            if 25 < len(s) < 120
            and s.endswith("。")
            and s not in exclude
            and s.count("“") == s.count("”")
        ]
    rng.shuffle(donors)
    return donors


def edit_sentences(kind: str, text: str, rng: random.Random, count: int = 3) -> Edited | None:
    lines = text.splitlines()
    pool = _candidates(text)
    rng.shuffle(pool)
    used: set[int] = set()
    picks = []
    for i, s in pool:
        if i not in used:
            used.add(i)
            picks.append((i, s))
    if len(picks) < 2 * count:
        return None
    result = Edited(new=b"")
    donors = _donors(rng, text)
    for n in range(count):
        i, s = picks[n]
        if kind == "insert_sentence":
            lines[i] = lines[i].replace(s, s + donors[n])
            result.sentences.add(("added", "", _plain(donors[n])))
        elif kind == "delete_sentence":
            lines[i] = lines[i].replace(s, "")
            result.sentences.add(("removed", _plain(s), ""))
        elif kind == "reword_sentence":
            present = [w for w in VERBS if w in s]
            new = (
                s.replace(present[0], rng.choice([w for w in VERBS if w != present[0]]), 1)
                if present
                else s[: len(s) // 2] + "全面" + s[len(s) // 2 :]
            )
            lines[i] = lines[i].replace(s, new)
            result.sentences.add(("changed", _plain(s), _plain(new)))
        elif kind == "change_number":
            digits = list(re.finditer(r"\d+(?:\.\d+)?", s))
            if not digits:
                new = s[:-1] + "，新增10个。"
            else:
                m = rng.choice(digits)
                value = m.group()
                bumped = str(int(value) + 1) if "." not in value else f"{float(value) + 0.5:g}"
                new = s[: m.start()] + bumped + s[m.end() :]
            lines[i] = lines[i].replace(s, new)
            result.sentences.add(("changed", _plain(s), _plain(new)))
        elif kind == "move_sentence":
            j, t = picks[count + n]
            if abs(i - j) < 4:
                continue
            lines[i] = lines[i].replace(s, "")
            lines[j] = lines[j].replace(t, t + s)
            result.sentences.add(("moved", _plain(s), _plain(s)))
    result.new = ("\n".join(lines) + "\n").encode("utf-8")
    return result if result.sentences else None


_HAN_DIGITS = "一二三四五六七八九十"


def _next_label(label: str) -> str:
    """一、 → 二、, （九） → （十）; labels past 十 are left alone."""
    core = label.strip("、（）()")
    if core in _HAN_DIGITS[:-1]:
        return label.replace(core, _HAN_DIGITS[_HAN_DIGITS.index(core) + 1], 1)
    return label


def edit_sections(kind: str, text: str, rng: random.Random) -> Edited | None:
    lines = text.splitlines()
    headings = [(i, m) for i, line in enumerate(lines) if (m := _HEADING.match(line.strip()))]
    if len(headings) < 3:
        return None
    result = Edited(new=b"")
    if kind == "rename_section":
        i, m = rng.choice(headings)
        title = m.group(2)
        new_title = title[: len(title) // 2] + "全面" + title[len(title) // 2 :]
        lines[i] = lines[i].replace(title, new_title)
        result.sections.add(("renamed", _plain(title), _plain(new_title)))
    elif kind == "renumber_sections":
        # As after inserting a section at the top: every 一、 / （一） label moves one on.
        for i, m in headings:
            label = m.group(1)
            lines[i] = lines[i].replace(label, _next_label(label), 1)
            title = _plain(m.group(2))
            result.sections.add(("matched|renamed", title, title))
    elif kind == "move_section":
        same = [(i, m) for i, m in headings if m.group(1).startswith(("（", "("))]
        if len(same) < 3:
            return None
        k = rng.randrange(0, len(same) - 2)
        start, end = same[k][0], same[k + 1][0]
        if any(start < i < end for i, _ in headings):
            return None  # keep it simple: a section without sub-headings
        block = lines[start:end]
        target = same[k + 2][0]
        lines = lines[:start] + lines[end:target] + block + lines[target:]
        title = _plain(same[k][1].group(2))
        result.sections.add(("moved|matched|renamed", title, title))
    result.new = ("\n".join(lines) + "\n").encode("utf-8")
    return result


def edit_format(kind: str, text: str, rng: random.Random) -> Edited:
    if kind == "change_encoding":
        return Edited(new=text.encode("gb18030"), unchanged=True)
    if kind == "rewrap_lines":
        width = rng.choice([26, 30, 34])
        out = []
        for line in text.splitlines():
            if len(line) <= width or _HEADING.match(line.strip()):
                out.append(line)
                continue
            out += [line[k : k + width] for k in range(0, len(line), width)]
            out.append("")
        return Edited(new=("\n".join(out) + "\n").encode("utf-8"), unchanged=True)
    table = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})
    return Edited(new=text.translate(table).encode("utf-8"), unchanged=True)


SENTENCE_EDITS = [
    "insert_sentence",
    "delete_sentence",
    "reword_sentence",
    "change_number",
    "move_sentence",
]
SECTION_EDITS = ["rename_section", "renumber_sections", "move_section"]
FORMAT_EDITS = ["rewrap_lines", "change_encoding", "punctuation_width"]
GENERATORS: dict[str, Callable[[str, str, random.Random], Edited | None]] = {
    **{k: (lambda k: lambda kind, t, r: edit_sentences(kind, t, r))(k) for k in SENTENCE_EDITS},
    **{k: edit_sections for k in SECTION_EDITS},
    **{k: edit_format for k in FORMAT_EDITS},
}


def _compare(old: bytes, new: bytes) -> Comparison:
    a = build_outline(load_bytes(old, source="old.txt", options=OPTIONS), options=OPTIONS)
    b = build_outline(load_bytes(new, source="new.txt", options=OPTIONS), options=OPTIONS)
    return compare(a, b, options=OPTIONS)


@dataclass
class Score:
    right: int = 0
    false: int = 0
    missed: int = 0

    def precision(self) -> float:
        return self.right / (self.right + self.false) if self.right + self.false else 1.0

    def recall(self) -> float:
        return self.right / (self.right + self.missed) if self.right + self.missed else 1.0


def score(edited: Edited, comparison: Comparison, into: Score, verbose: bool, label: str) -> None:
    records = comparison.as_records()
    got = {
        (
            c["kind"],
            _plain(c["old"]["text"]) if c["old"] else "",
            _plain(c["new"]["text"]) if c["new"] else "",
        )
        for c in records["changes"]
    }
    if edited.unchanged:
        unchanged = records["stats"]["changes"]["unchanged"] + records["stats"]["changes"].get(
            "rejoined", 0
        )
        total = unchanged + len(records["changes"])
        into.right += unchanged
        into.false += len(records["changes"])
        into.missed += total - unchanged - len(records["changes"])
        if verbose and records["changes"]:
            print(f"  {label}: {len(records['changes'])} spurious changes", file=sys.stderr)
        return
    if edited.sections:
        pairs = {
            (
                p["status"],
                _plain(p["old"]["title"]) if p["old"] else "",
                _plain(p["new"]["title"]) if p["new"] else "",
            )
            for p in records["sections"]
        }
        for statuses, old, new in edited.sections:
            ok = any(s in statuses.split("|") and o == old and n == new for s, o, n in pairs)
            into.right += ok
            into.missed += not ok
            if verbose and not ok:
                print(f"  {label}: section {old} not found as {statuses}", file=sys.stderr)
        into.false += len(got)
        if verbose:
            for item in sorted(got):
                print(
                    f"  {label}: false {item[0]} {item[1][:30]} → {item[2][:30]}", file=sys.stderr
                )
        return
    into.right += len(got & edited.sentences)
    into.false += len(got - edited.sentences)
    into.missed += len(edited.sentences - got)
    if verbose:
        for item in sorted(got - edited.sentences):
            print(f"  {label}: false {item[0]} {item[1][:30]} → {item[2][:30]}", file=sys.stderr)
        for item in sorted(edited.sentences - got):
            print(f"  {label}: missed {item[0]} {item[1][:30]} → {item[2][:30]}", file=sys.stderr)


def run(trials: int, seeds: list[str], verbose: bool) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    for seed_name in seeds:
        original = (SEEDS / SEED_NAMES[seed_name]).read_bytes()
        # The 2024 plan is hard-wrapped PDF text (a sentence spans several lines, footnote bodies
        # interrupt paragraphs): content edits and re-wrapping start from its repaired text, one
        # paragraph a line, so that an edit cannot cut a wrapped line in two; the encoding and
        # punctuation edits use the raw file.
        repaired = "\n\n".join(load_bytes(original, source="seed.txt").text.splitlines())
        for kind, generate in GENERATORS.items():
            raw = original
            if seed_name == "plan" and kind not in ("change_encoding", "punctuation_width"):
                raw = (repaired + "\n").encode("utf-8")
            text = raw.decode("utf-8")
            for trial in range(trials):
                rng = random.Random(f"{seed_name}/{kind}/{trial}")
                edited = generate(kind, text, rng)
                if edited is None:
                    continue
                score(
                    edited,
                    _compare(raw, edited.new),
                    scores[kind],
                    verbose,
                    f"{seed_name}/{kind}/{trial}",
                )
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--seeds", default=",".join(SEED_NAMES))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    scores = run(args.trials, args.seeds.split(","), args.verbose)
    print("| edit type | right | false | missed | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind in GENERATORS:
        if kind in scores:
            s = scores[kind]
            print(
                f"| {kind} | {s.right} | {s.false} | {s.missed} | {s.precision():.3f} "
                f"| {s.recall():.3f} |"
            )


if __name__ == "__main__":
    main()
