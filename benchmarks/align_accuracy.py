"""Precision and recall of section alignment, per status, on known edits of the real seeds.

Each case takes one seed, applies one known edit to its text (rename a heading, renumber it, change
only its year, move a section later among its siblings, move it under another parent, delete it,
add a section taken from another report, replace one section by a foreign one, split a section in
two, merge two, reword a heading and replace half its paragraphs by foreign text), aligns the
original against the edited copy and compares every pair with the truth. The truth comes from
the edit itself: every original line is tracked to its new position, so each section's expected
partner and status are known.

    .venv/bin/python benchmarks/align_accuracy.py            # default threshold
    .venv/bin/python benchmarks/align_accuracy.py --sweep    # also P/R at other thresholds

Output: a table of precision/recall per status and the overall share of exactly right pairs.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportdiff.align import MatchStatus, align_sections
from reportdiff.load import load
from reportdiff.model import Outline, Section, SectionKind
from reportdiff.options import Options
from reportdiff.outline import build_outline

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
SEED_NAMES = (
    "huangpu-2025-report.txt",
    "yangpu-2024-plan.txt",
    "yangpu-2025-compilation.txt",
    "yangpu-2025-summary.txt",
    "yangpu-2023-tasks.txt",
)
EDITABLE = (SectionKind.HEADING, SectionKind.TITLE, SectionKind.BULLET, SectionKind.PART)

Line = tuple[int | None, str]
"""A line of an edited text: its 1-based line in the original (None when inserted) and text."""


@dataclass(frozen=True)
class Edit:
    """What an edit did, for the truth: the status expected for a few sections."""

    name: str
    lines: list[Line]
    status_of_old: dict[int, MatchStatus]
    """Original heading line → expected status (overrides the default)."""
    status_of_new: dict[int, tuple[MatchStatus, int | None]]
    """Index of an inserted line → (expected status, original heading line of the partner)."""


def outline_of_text(text: str, options: Options, folder: Path, name: str) -> Outline:
    path = folder / name
    path.write_text(text, "utf-8")
    return build_outline(load(str(path), options=options), options=options)


def subtree_span(outline: Outline, section: Section, n_lines: int) -> tuple[int, int]:
    """1-based [first, last] original lines of a section and its descendants."""
    ordered = list(outline.iter_sections())
    inside = {id(s) for s in section.iter_sections()}
    k = ordered.index(section)
    after = next((s for s in ordered[k + 1 :] if id(s) not in inside), None)
    return section.line, (after.line - 1 if after else n_lines)


def parent_map(outline: Outline) -> dict[int, Section | None]:
    parents: dict[int, Section | None] = {id(s): None for s in outline.root.children}
    for section in outline.iter_sections():
        for child in section.children:
            parents[id(child)] = section
    return parents


_HAN = "一二三四五六七八九十"


def relabel(number: str, new: tuple[str, str]) -> str:
    """The label ``number`` rewritten with the numeral ``new`` (十九 or 19) in the same style."""
    if re.search(f"[{_HAN}]", number):
        return re.sub(f"[{_HAN}]+", new[0], number, count=1)
    return re.sub(r"\d+", new[1], number, count=1)


# ------------------------------------------------------------------------------------------ edits


def numbered(outline: Outline) -> list[Section]:
    return [s for s in outline.iter_sections() if s.kind in EDITABLE and s.number]


def edit_rename(outline: Outline, lines: list[Line], rng: random.Random) -> Edit | None:
    candidates = [s for s in numbered(outline) if len(s.title) >= 6]
    if not candidates:
        return None
    target = rng.choice(candidates)
    k = target.line - 1
    reworded = target.title[: len(target.title) // 2] + "取得新突破"
    lines[k] = (lines[k][0], lines[k][1].replace(target.title, reworded, 1))
    return Edit("rename", lines, {target.line: MatchStatus.RENAMED}, {})


def edit_renumber(outline: Outline, lines: list[Line], rng: random.Random) -> Edit | None:
    candidates = [s for s in numbered(outline) if s.number and s.number[0] not in "▶■●◆"]
    if not candidates:
        return None
    target = rng.choice(candidates)
    k = target.line - 1
    assert target.number is not None
    lines[k] = (
        lines[k][0],
        lines[k][1].replace(target.number, relabel(target.number, ("十九", "19")), 1),
    )
    return Edit("renumber", lines, {target.line: MatchStatus.RENAMED}, {})


def edit_year(outline: Outline, lines: list[Line], rng: random.Random) -> Edit | None:
    candidates = [
        s for s in outline.iter_sections() if s.kind in EDITABLE and re.search(r"20\d\d", s.title)
    ]
    if not candidates:
        return None
    target = rng.choice(candidates)
    k = target.line - 1
    text = re.sub(r"20\d\d", lambda m: str(int(m.group()) + 1), lines[k][1])
    lines[k] = (lines[k][0], text)
    return Edit("year", lines, {target.line: MatchStatus.MATCHED}, {})


def _siblings(outline: Outline, section: Section) -> list[Section]:
    parent = parent_map(outline)[id(section)]
    return list(parent.children if parent else outline.root.children)


def edit_reorder(outline: Outline, lines: list[Line], rng: random.Random) -> Edit | None:
    n = len(lines)
    candidates = []
    for s in outline.iter_sections():
        sibs = _siblings(outline, s)
        k = sibs.index(s)
        if s.kind in EDITABLE and k + 2 < len(sibs) and all(x.kind in EDITABLE for x in sibs):
            candidates.append((s, sibs[k + 2]))
    if not candidates:
        return None
    target, after = rng.choice(candidates)
    a0, a1 = subtree_span(outline, target, n)
    _, b1 = subtree_span(outline, after, n)
    moving = lines[a0 - 1 : a1]
    rest = lines[: a0 - 1] + lines[a1:b1] + moving + lines[b1:]
    return Edit("reorder", rest, {target.line: MatchStatus.MOVED}, {})


def edit_reparent(outline: Outline, lines: list[Line], rng: random.Random) -> Edit | None:
    n = len(lines)
    parents = parent_map(outline)
    candidates = []
    for s in outline.iter_sections():
        parent = parents[id(s)]
        if s.kind not in EDITABLE or parent is None or len(parent.children) < 2:
            continue
        for other in _siblings(outline, parent):
            if other is parent or other.kind not in EDITABLE:
                continue
            if other.children and all(c.style == s.style for c in other.children):
                candidates.append((s, other))
    if not candidates:
        return None
    target, host = rng.choice(candidates)
    a0, a1 = subtree_span(outline, target, n)
    _, h1 = subtree_span(outline, host, n)
    moving = lines[a0 - 1 : a1]
    if h1 < a0:
        rest = lines[:h1] + moving + lines[h1 : a0 - 1] + lines[a1:]
    else:
        rest = lines[: a0 - 1] + lines[a1:h1] + moving + lines[h1:]
    return Edit("reparent", rest, {target.line: MatchStatus.MOVED}, {})


def edit_delete(outline: Outline, lines: list[Line], rng: random.Random) -> Edit | None:
    n = len(lines)
    candidates = [s for s in outline.iter_sections() if s.kind in EDITABLE]
    if not candidates:
        return None
    target = rng.choice(candidates)
    a0, a1 = subtree_span(outline, target, n)
    return Edit("delete", lines[: a0 - 1] + lines[a1:], {}, {})


def foreign_block(donor: Outline, rng: random.Random, number: str | None) -> list[str]:
    """A leaf section of another report with its body, headed in the host's numbering style."""
    leaves = [
        s
        for s in donor.iter_sections()
        if s.kind in EDITABLE and not s.children and len(s.sentences) >= 2
    ]
    source = rng.choice(leaves)
    label = (
        relabel(number, ("十八", "18")) if number and number[0] not in "▶■●◆" else (number or "")
    )
    body = "".join(s.text for s in source.sentences)
    return [f"{label}{source.title}", "", body, ""]


def edit_add(
    outline: Outline, lines: list[Line], rng: random.Random, donor: Outline
) -> Edit | None:
    n = len(lines)
    candidates = [s for s in numbered(outline)]
    if not candidates:
        return None
    host = rng.choice(candidates)
    _, h1 = subtree_span(outline, host, n)
    block = foreign_block(donor, rng, host.number)
    new_lines = lines[:h1] + [(None, text) for text in block] + lines[h1:]
    return Edit("add", new_lines, {}, {h1: (MatchStatus.ADDED, None)})


def edit_replace(
    outline: Outline, lines: list[Line], rng: random.Random, donor: Outline
) -> Edit | None:
    n = len(lines)
    candidates = [s for s in numbered(outline) if not s.children]
    if not candidates:
        return None
    target = rng.choice(candidates)
    a0, a1 = subtree_span(outline, target, n)
    block = foreign_block(donor, rng, target.number)
    new_lines = lines[: a0 - 1] + [(None, text) for text in block] + lines[a1:]
    return Edit("replace", new_lines, {}, {a0 - 1: (MatchStatus.ADDED, None)})


def edit_rewrite(
    outline: Outline, lines: list[Line], rng: random.Random, donor: Outline
) -> Edit | None:
    """Reword a heading and replace every other paragraph of its section by foreign text: the
    section still corresponds (renamed), but shares only about half its words."""
    candidates = [
        s
        for s in numbered(outline)
        if len(s.title) >= 6
        and not s.children
        and len({p.line for p in s.paragraphs if p.line > s.line}) >= 2
    ]
    if not candidates:
        return None
    target = rng.choice(candidates)
    k = target.line - 1
    reworded = target.title[: len(target.title) // 2] + "取得新突破"
    lines[k] = (lines[k][0], lines[k][1].replace(target.title, reworded, 1))
    foreign = [t.text for sec in donor.iter_sections() for t in sec.sentences]
    for n, paragraph in enumerate(p for p in target.paragraphs if p.line > target.line):
        if n % 2 == 1:
            lines[paragraph.line - 1] = (paragraph.line, "".join(rng.sample(foreign, 3)))
    return Edit("rewrite", lines, {target.line: MatchStatus.RENAMED}, {})


def _own_paragraph_lines(section: Section) -> list[int]:
    return [p.line for p in section.paragraphs]


def edit_split(outline: Outline, lines: list[Line], rng: random.Random) -> Edit | None:
    candidates = [
        s
        for s in numbered(outline)
        if not s.children
        and s.number
        and len(_own_paragraph_lines(s)) >= 2
        and s.number[0] not in "▶■●◆"
    ]
    if not candidates:
        return None
    target = rng.choice(candidates)
    paras = _own_paragraph_lines(target)
    at = paras[len(paras) // 2] - 1
    assert target.number is not None
    heading = f"{relabel(target.number, ('十七', '17'))}分项推进有关工作"
    new_lines = lines[:at] + [(None, heading), (None, "")] + lines[at:]
    return Edit("split", new_lines, {}, {at: (MatchStatus.SPLIT, target.line)})


def edit_merge(outline: Outline, lines: list[Line], rng: random.Random) -> Edit | None:
    candidates = []
    for s in outline.iter_sections():
        sibs = _siblings(outline, s)
        k = sibs.index(s)
        if (
            k > 0
            and s.kind in EDITABLE
            and not s.children
            and not sibs[k - 1].children
            and sibs[k - 1].kind in EDITABLE
            and s.paragraphs
            and s.paragraphs[0].line > s.line
        ):
            candidates.append(s)
    if not candidates:
        return None
    target = rng.choice(candidates)
    new_lines = [line for line in lines if line[0] != target.line]
    return Edit("merge", new_lines, {target.line: MatchStatus.MERGED}, {})


EDITS: dict[str, Callable[..., Edit | None]] = {
    "rename": edit_rename,
    "renumber": edit_renumber,
    "year": edit_year,
    "reorder": edit_reorder,
    "reparent": edit_reparent,
    "delete": edit_delete,
    "add": edit_add,
    "replace": edit_replace,
    "split": edit_split,
    "merge": edit_merge,
    "rewrite": edit_rewrite,
}
NEEDS_DONOR = {"add", "replace", "rewrite"}


# ------------------------------------------------------------------------------------------ truth


def truth(
    old: Outline, new: Outline, edit: Edit
) -> tuple[set[tuple[str | None, str | None, str]], set[str]]:
    """Expected (old id, new id, status) triples, and the ids ("old:1.2", "new:3") of sections
    the outline stage built differently only because the text around them moved (a hard-wrapped
    line read as a heading after the edit, or no longer): those are left out of the score."""
    origin_of_new_line: dict[int, int | None] = {}
    inserted_index: dict[int, int] = {}
    for k, (orig, _) in enumerate(edit.lines):
        origin_of_new_line[k + 1] = orig
        if orig is None:
            inserted_index[k + 1] = k
    old_by_line = {s.line: s for s in old.iter_sections()}
    partner: dict[int, Section] = {}
    new_only: list[Section] = []
    for section in new.iter_sections():
        orig = origin_of_new_line.get(section.line)
        if orig is not None and orig in old_by_line:
            partner[id(old_by_line[orig])] = section
        else:
            new_only.append(section)
    old_parents, new_parents = parent_map(old), parent_map(new)
    expected: set[tuple[str | None, str | None, str]] = set()
    artefacts: set[str] = set()
    surviving = {orig for orig, _ in edit.lines if orig is not None}
    for section in new_only:
        orig = origin_of_new_line.get(section.line)
        if orig is not None:
            artefacts.add(f"new:{section.id}")
    for section in old.iter_sections():
        match = partner.get(id(section))
        status = edit.status_of_old.get(section.line)
        if match is None and section.line in surviving and status is None:
            artefacts.add(f"old:{section.id}")
            continue
        if match is None:
            if status == MatchStatus.MERGED:
                # The merged section's text joined its previous sibling.
                sibs = _siblings(old, section)
                host = partner.get(id(sibs[sibs.index(section) - 1]))
                expected.add((section.id, host.id if host else None, "merged"))
            else:
                expected.add((section.id, None, "removed"))
            continue
        if status is None:
            old_parent, new_parent = old_parents[id(section)], new_parents[id(match)]
            expected_parent = partner.get(id(old_parent)) if old_parent else None
            same_parent = (old_parent is None and new_parent is None) or (
                expected_parent is not None and expected_parent is new_parent
            )
            status = MatchStatus.MATCHED if same_parent else MatchStatus.MOVED
        expected.add((section.id, match.id, status.value))
    for section in new_only:
        if f"new:{section.id}" in artefacts:
            continue
        k = inserted_index.get(section.line, -1)
        status, partner_line = edit.status_of_new.get(k, (MatchStatus.ADDED, None))
        old_id = old_by_line[partner_line].id if partner_line in old_by_line else None
        expected.add((old_id, section.id, status.value))
    return expected, artefacts


def without(
    triples: set[tuple[str | None, str | None, str]], artefacts: set[str]
) -> set[tuple[str | None, str | None, str]]:
    return {t for t in triples if f"old:{t[0]}" not in artefacts and f"new:{t[1]}" not in artefacts}


def predicted(
    old: Outline, new: Outline, options: Options
) -> set[tuple[str | None, str | None, str]]:
    alignment = align_sections(old, new, options=options)
    return {
        (p.old.id if p.old else None, p.new.id if p.new else None, p.status.value)
        for p in alignment.pairs
    }


# ------------------------------------------------------------------------------------------ main


def run(threshold: float, per_edit: int, seed: int, verbose: bool) -> dict[str, Counter[str]]:
    options = Options(section_threshold=threshold)
    rng = random.Random(seed)
    counts: dict[str, Counter[str]] = {"tp": Counter(), "fp": Counter(), "fn": Counter()}
    pairs_total = pairs_right = skipped = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        originals = {name: (SEEDS / name).read_text("utf-8") for name in SEED_NAMES}
        outlines = {
            name: outline_of_text(text, options, folder, name) for name, text in originals.items()
        }
        for name in SEED_NAMES:
            text = originals[name]
            old = outlines[name]
            donor = outlines[SEED_NAMES[(SEED_NAMES.index(name) + 1) % len(SEED_NAMES)]]
            for edit_name, make in EDITS.items():
                for _ in range(per_edit):
                    lines: list[Line] = [(k + 1, t) for k, t in enumerate(text.split("\n"))]
                    args = (
                        (old, lines, rng, donor) if edit_name in NEEDS_DONOR else (old, lines, rng)
                    )
                    edit = make(*args)
                    if edit is None:
                        continue
                    new = outline_of_text(
                        "\n".join(t for _, t in edit.lines), options, folder, "edited.txt"
                    )
                    want, artefacts = truth(old, new, edit)
                    got = without(predicted(old, new, options), artefacts)
                    want = without(want, artefacts)
                    skipped += len(artefacts)
                    pairs_total += len(want)
                    pairs_right += len(want & got)
                    for triple in got & want:
                        counts["tp"][triple[2]] += 1
                    for triple in got - want:
                        counts["fp"][triple[2]] += 1
                    for triple in want - got:
                        counts["fn"][triple[2]] += 1
                    if verbose and want != got:
                        print(
                            f"# {name} {edit_name}: missing {sorted(want - got, key=str)[:4]} "
                            f"extra {sorted(got - want, key=str)[:4]}",
                            file=sys.stderr,
                        )
    counts["pairs"] = Counter({"total": pairs_total, "right": pairs_right, "skipped": skipped})
    return counts


#: Real pairs labelled by reading: (seed, heading of the old parent, heading of the new parent,
#: [(start of old child title, start of new child title)]). Review chapter against plan chapter:
#: same topics, different sentences, the case the threshold is for.
REAL_PAIRS = (
    (
        "huangpu-2025-report.txt",
        "2024年工作回顾",
        "2025年工作计划",
        [
            ("区域经济", "向新向优"),
            ("深化改革", "勇当先锋"),
            ("增进民生", "久久为功"),
            ("城区环境", "多措并举"),
            ("政府自身", "持之以恒"),
        ],
    ),
    (
        "yangpu-2024-plan.txt",
        "2023 年国民经济和社会发展计划执行情况",
        "2024 年国民经济和社会发展的主要任务和措施",
        [
            ("区域经济运行", "聚力经济稳增长"),
            ("创新发展再出发", "聚力创新发展"),
            ("城区建设管理", "聚力城市更新"),
            ("城市有机更新", "聚力公共服务"),
            ("“美丽杨浦”", "聚力城区绿色"),
        ],
    ),
)


def real_pairs(threshold: float) -> str:
    """Score of each labelled real pair, its best rival, and whether the alignment finds it."""
    import numpy as np

    from reportdiff.align.features import SectionFeatures, combine

    options = Options(section_threshold=threshold)
    rows = ["| report | old | new | score | best rival | found |", "|---|---|---|---:|---:|---|"]
    found_total = wrong = 0
    for seed, old_title, new_title, labels in REAL_PAIRS:
        outline = build_outline(load(str(SEEDS / seed), options=options), options=options)
        by_title = {s.title: s for s in outline.iter_sections()}
        old_parent, new_parent = by_title[old_title], by_title[new_title]

        def sub(section: Section, document: Any = outline.document) -> Outline:
            root = Section(
                id="",
                kind=SectionKind.ROOT,
                title="",
                number=None,
                style=None,
                level=0,
                line=0,
                children=section.children,
            )
            return Outline(document=document, title=None, root=root)

        olds, news = list(old_parent.children), list(new_parent.children)
        features = SectionFeatures(
            list(sub(old_parent).iter_sections()), list(sub(new_parent).iter_sections())
        )
        titles, contents = features.scores(olds, news)
        scores = combine(titles, contents)
        alignment = align_sections(sub(old_parent), sub(new_parent), options=options)
        level = {id(s) for s in olds + news}
        got = {
            (p.old.title, p.new.title)
            for p in alignment.pairs
            if p.old and p.new and id(p.old) in level and id(p.new) in level
        }
        labelled = set()
        for old_start, new_start in labels:
            i = next(k for k, s in enumerate(olds) if s.title.startswith(old_start))
            j = next(k for k, s in enumerate(news) if s.title.startswith(new_start))
            labelled.add((olds[i].title, news[j].title))
            rival = max(
                np.delete(scores[i, :], j).max(initial=0.0),
                np.delete(scores[:, j], i).max(initial=0.0),
            )
            found = (olds[i].title, news[j].title) in got
            found_total += found
            rows.append(
                f"| {seed.split('-')[0]} | {olds[i].title[:8]} | {news[j].title[:8]} | "
                f"{scores[i, j]:.2f} | {rival:.2f} | {'yes' if found else 'no'} |"
            )
        wrong += len(got - labelled)
    n = sum(len(labels) for *_, labels in REAL_PAIRS)
    rows.append(
        f"\nlabelled pairs found: {found_total}/{n}; other pairs found at that level: {wrong}"
    )
    return "\n".join(rows)


def timing() -> str:
    """Alignment time as a ratio to loading and outlining the same files, in the same run."""
    from reportdiff.summary import align_summary
    from reportdiff.tokens import cut

    options = Options()
    cut("预热")  # the jieba dictionary loads once per process; not part of either figure
    started = time.perf_counter()
    plan = build_outline(
        load(str(SEEDS / "yangpu-2024-plan.txt"), options=options), options=options
    )
    compilation = build_outline(
        load(str(SEEDS / "yangpu-2025-compilation.txt"), options=options), options=options
    )
    base = time.perf_counter() - started
    started = time.perf_counter()
    align_sections(plan, compilation, options=options)
    first = time.perf_counter() - started
    started = time.perf_counter()
    align_sections(plan, compilation, options=options)
    warm = time.perf_counter() - started
    summary = build_outline(
        load(str(SEEDS / "yangpu-2025-summary.txt"), options=options), options=options
    )
    started = time.perf_counter()
    align_summary(summary, compilation, options=options)
    mapped = time.perf_counter() - started
    return (
        f"load+outline plan2024+compilation2025: {base:.2f} s; align_sections first call "
        f"{first:.2f} s ({first / base:.1f}×), again {warm:.2f} s ({warm / base:.1f}×); "
        f"align_summary summary2025→compilation2025 {mapped:.2f} s ({mapped / base:.1f}×)"
    )


def table(counts: dict[str, Counter[str]]) -> str:
    rows = ["| status | expected | precision | recall |", "|---|---:|---:|---:|"]
    for status in MatchStatus:
        tp, fp, fn = (counts[k][status.value] for k in ("tp", "fp", "fn"))
        precision = f"{tp / (tp + fp):.3f}" if tp + fp else "–"
        recall = f"{tp / (tp + fn):.3f}" if tp + fn else "–"
        rows.append(f"| {status.value} | {tp + fn} | {precision} | {recall} |")
    total, right = counts["pairs"]["total"], counts["pairs"]["right"]
    rows.append(
        f"\nexactly right pairs: {right}/{total} = {right / max(total, 1):.3f} "
        f"({counts['pairs']['skipped']} sections the outline re-read differently skipped)"
    )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-edit", type=int, default=3, help="cases per edit kind and seed")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=Options().section_threshold)
    parser.add_argument("--sweep", action="store_true", help="also try other thresholds")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every wrong case")
    parser.add_argument("--timing", action="store_true", help="only measure speed")
    args = parser.parse_args()
    if args.timing:
        print(timing())
        return
    started = time.perf_counter()
    print(f"## section_threshold = {args.threshold}\n")
    print(table(run(args.threshold, args.per_edit, args.seed, args.verbose)))
    print("\n### real review ↔ plan pairs (labelled by reading)\n")
    print(real_pairs(args.threshold))
    if args.sweep:
        for threshold in (0.15, 0.2, 0.25, 0.35, 0.45):
            if threshold != args.threshold:
                print(f"\n## section_threshold = {threshold}\n")
                print(table(run(threshold, args.per_edit, args.seed, False)))
                print(real_pairs(threshold).splitlines()[-1])
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
