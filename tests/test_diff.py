"""Sentence diff: keys, word ops, the accounting invariant, known edits on real seeds, formatting
noise, commitments and 新提法."""

from __future__ import annotations

import functools
import random
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdiff.diff import (
    SentenceDiff,
    is_commitment,
    sentence_key,
    sentence_similarity,
    word_ops,
)
from reportdiff.load import load
from reportdiff.model import Outline
from reportdiff.options import Options
from reportdiff.outline import build_outline
from reportdiff.pipeline import Comparison, compare
from reportdiff.tokens import cut
from tests.conftest import DEMO_NEW, DEMO_OLD, SEED_FILES
from tests.fuzz import story

OPTIONS = Options(mode="editions")


@functools.cache
def outline_of(path: str) -> Outline:
    return build_outline(load(path, options=OPTIONS), options=OPTIONS)


def outline_text(text: str, name: str = "doc.txt") -> Outline:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, "utf-8")
        return build_outline(load(str(path), options=OPTIONS), options=OPTIONS)


def compare_texts(old: str, new: str) -> Comparison:
    return compare(outline_text(old, "old.txt"), outline_text(new, "new.txt"), options=OPTIONS)


def assert_accounted(diff: SentenceDiff) -> None:
    old_seen, new_seen = diff.accounting()
    assert old_seen == [1] * diff.old_count
    assert new_seen == [1] * diff.new_count


def joined(ops: tuple[tuple[str, str], ...], keep: str) -> str:
    return "".join(text for op, text in ops if op in ("=", keep))


# ------------------------------------------------------------------------------------------
# keys, similarity, word ops
# ------------------------------------------------------------------------------------------


def test_key_ignores_labels_width_space_and_end_mark() -> None:
    assert sentence_key("一是推进“两旧一村”改造；") == sentence_key("推进 “两旧一村” 改造。")
    assert sentence_key("（三）增长5％以上，") == sentence_key("3. 增长 5%以上")
    assert sentence_key("完成10公里") != sentence_key("完成12公里")
    # A decimal at the start of a sentence is a number, not a "5." label.
    assert sentence_key("5.5亿元用于改造。") != sentence_key("6.5亿元用于改造。")


def test_word_ops_ignore_enumeration_labels() -> None:
    ops = word_ops("● 家庭医生签约 50.07 万人", "一是家庭医生签约52.11万人")
    assert ops[0] == ("=", "一是家庭医生签约")
    assert ("-", " 50.07 ") in ops and ("+", "52.11") in ops  # decimals stay whole


def test_similarity_is_symmetric_and_bounded() -> None:
    a = "加快推进杨浦滨江南段公共空间建设，打造世界级滨水空间。"
    b = "全力推进杨浦滨江中北段公共空间建设。"
    assert sentence_similarity(a, b) == pytest.approx(sentence_similarity(b, a))
    assert 0.5 < sentence_similarity(a, b) < 1
    assert sentence_similarity(a, "一是" + a) == 1.0


def test_word_ops_rebuild_both_sentences_and_never_cut_a_word() -> None:
    from reportdiff.text import fold

    old = "实施10公里架空线入地及合杆整治工程。"
    new = "完成约10公里架空线入地和合杆整治;"
    ops = word_ops(old, new)
    assert joined(ops, "+") == new  # the new sentence exactly, from = and + ops
    assert fold(joined(ops, "-")) == fold(old)  # the old one up to punctuation width
    # Every edit starts and ends on a jieba token boundary of its own side.
    for side, keep in ((new, "+"), (old, "-")):
        bounds = {0}
        for token in cut(side):
            bounds.add(max(bounds) + len(token))
        position = 0
        for op, text in ops:
            if op not in ("=", keep):
                continue
            if op == keep:
                assert position in bounds and position + len(text) in bounds, (op, text)
            position += len(text)
    assert ("-", "实施") in ops
    assert any(op == "+" and "完成" in text for op, text in ops)


def test_word_ops_old_side_rebuilt_up_to_punctuation_width() -> None:
    old = "推进“两旧一村”改造，完成3.17万平方米。"
    new = '推进"两旧一村"改造,完成4万平方米。'
    ops = word_ops(old, new)
    assert ("-", "3.17") in ops and ("+", "4") in ops
    # Width-only punctuation differences are not edits.
    assert all(op == "=" or text.strip() not in ',，"“”' for op, text in ops)


def test_word_ops_handle_more_tokens_than_the_bmp_private_use_area() -> None:
    from reportdiff.diff.words import _code_point

    assert _code_point(0) == "\ue000" and _code_point(6399) == "\uf8ff"
    assert _code_point(6400) == chr(0xF0000)
    old = "、".join(str(n) for n in range(7000)) + "。"
    new = old.replace("、3500、", "、三千五百、").replace("、6999。", "、7000。")
    assert len(set(cut(old))) > 6400
    ops = word_ops(old, new)
    assert joined(ops, "+") == new and joined(ops, "-") == old
    assert [t for op, t in ops if op == "-"] == ["3500", "6999"]
    assert [t for op, t in ops if op == "+"] == ["三千五百", "7000"]
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for _, text in ops for ch in text)


# ------------------------------------------------------------------------------------------
# accounting on the real pairs
# ------------------------------------------------------------------------------------------

REAL_PAIRS = [
    ("plan2024", "compilation2025"),
    ("tasks2023", "summary2025"),
    ("summary2025", "compilation2025"),
    ("huangpu2025", "summary2025"),
    ("plan2024", "plan2024"),
]


@pytest.mark.parametrize(("old", "new"), REAL_PAIRS)
def test_every_sentence_accounted_once_on_real_pairs(old: str, new: str) -> None:
    comparison = compare(
        outline_of(str(SEED_FILES[old])), outline_of(str(SEED_FILES[new])), options=OPTIONS
    )
    assert_accounted(comparison.diff)
    counts = comparison.diff.counts()
    assert (
        counts["unchanged"]
        + counts["changed"]
        + counts["moved"]
        + counts["added"]
        + counts.get("also_new", 0)
        == comparison.diff.new_count
    )
    if old == new:
        assert comparison.diff.changes == ()
        assert not comparison.differs


def test_changes_are_in_document_order() -> None:
    comparison = compare(
        outline_of(str(SEED_FILES["plan2024"])),
        outline_of(str(SEED_FILES["compilation2025"])),
        options=OPTIONS,
    )
    new_positions = [c.new.index for c in comparison.diff.changes if c.new is not None]
    assert new_positions == sorted(new_positions)
    # A district plan against a compilation of bureau reports: not two editions of one report.
    assert comparison.warnings and "look unrelated" in comparison.warnings[0]
    # Removed sentences sit at their old position: in old order within each old section.
    by_section: dict[str, list[int]] = {}
    for c in comparison.diff.changes:
        if c.kind == "removed" and c.old is not None:
            by_section.setdefault(c.old.section.id, []).append(c.old.index)
    assert by_section and all(v == sorted(v) for v in by_section.values())
    assert [c.id for c in comparison.diff.changes] == [
        f"c{n}" for n in range(1, len(comparison.diff.changes) + 1)
    ]


# ------------------------------------------------------------------------------------------
# known edits on a real seed
# ------------------------------------------------------------------------------------------

SUMMARY = SEED_FILES["summary2025"].read_text("utf-8")
CHANGED_FROM = "加快土地收储和盘活利用。"
CHANGED_TO = "全力加快土地收储和存量资产盘活利用。"
REMOVED = "稳步推进国有企业改革攻坚深化提升行动。"
ADDED = "全面实施“人工智能+”行动，打造具身智能创新高地。"


def test_known_edits_are_classified_exactly() -> None:
    assert SUMMARY.count(CHANGED_FROM) == 1 and SUMMARY.count(REMOVED) == 1
    edited = SUMMARY.replace(CHANGED_FROM, CHANGED_TO).replace(REMOVED, "")
    edited = edited.replace(
        "促进民营经济和民营企业发展壮大。", "促进民营经济和民营企业发展壮大。" + ADDED
    )
    comparison = compare_texts(SUMMARY, edited)
    assert_accounted(comparison.diff)
    kinds = {
        (c.kind, ref.sentence.text)
        for c in comparison.diff.changes
        for ref in (c.new or c.old,)
        if ref is not None
    }
    assert ("removed", REMOVED) in kinds
    assert ("added", ADDED) in kinds
    changed = [c for c in comparison.diff.changes if c.kind == "changed"]
    assert len(changed) == 1, [c.as_record() for c in comparison.diff.changes]
    ops = changed[0].ops
    assert ("+", "全力") in ops and any(op == "+" and "存量资产" in text for op, text in ops)
    assert len(comparison.diff.changes) == 3
    record = comparison.as_records()
    assert record["stats"]["changes"]["added"] == 1
    assert record["stats"]["changes"]["removed"] == 1
    assert record["stats"]["changes"]["changed"] == 1
    phrases = {f["phrase"] for f in record["new_formulations"]}
    assert "人工智能+" in phrases
    # 具身智能 already appears in the old summary: not new.
    assert "具身智能" not in phrases


def test_sentence_moved_to_another_section() -> None:
    sentence = "升级“暖洋洋”外资服务品牌,扩大创新发展“朋友圈”。"
    assert SUMMARY.count(sentence) == 1
    lines = SUMMARY.replace(sentence, "").splitlines()
    # Append it to the paragraph of another ▶ section (提升人居环境品质, under 城市更新).
    target = next(i for i, line in enumerate(lines) if line.startswith("提升人居环境品质。"))
    lines[target] = lines[target] + sentence
    comparison = compare_texts(SUMMARY, "\n".join(lines) + "\n")
    assert_accounted(comparison.diff)
    moved = [c for c in comparison.diff.changes if c.kind == "moved"]
    assert len(moved) == 1 and moved[0].similarity == 1.0 and moved[0].ops == ()
    assert moved[0].old is not None and moved[0].new is not None
    assert moved[0].old.section.id != moved[0].new.section.id
    assert [c.kind for c in comparison.diff.changes] == ["moved"]


# ------------------------------------------------------------------------------------------
# formatting noise: two copies of one report must show no content change
# ------------------------------------------------------------------------------------------

_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "%": "％"})
_TO_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "％": "%"})


def reformat(path: Path, *, width: int = 28, full: bool = True) -> str:
    """The same report retyped: its paragraphs (as load repairs them) with punctuation width
    swapped, hard-wrapped every ``width`` characters, page numbers between pages, and ``N.``
    headings renumbered in the ``N、`` style."""
    document = load(str(path), options=OPTIONS)
    out: list[str] = []
    page = 1
    for block in document.blocks:
        line = block.text.translate(_TO_FULL if full else _TO_HALF)
        line = re.sub(r"^(\d{1,2})\.", r"\1、", line)
        chunks = (
            [line[k : k + width] for k in range(0, len(line), width)] if len(line) > 40 else [line]
        )
        for chunk in chunks:
            out.append(chunk)
            if len(out) % 23 == 0:
                out.extend(["", f"- {page} -", ""])
                page += 1
        out.append("")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    ("seed", "tolerance"), [("tasks2023", 0), ("huangpu2025", 0), ("plan2024", 0.01)]
)
def test_reformatted_copy_has_no_content_changes(seed: str, tolerance: float) -> None:
    """Rewrapped, punctuation-swapped, paginated, renumbered: no content change. The PDF-extracted
    plan keeps a few differences the outline reads differently (a lead lifted into a title)."""
    original = SEED_FILES[seed].read_text("utf-8")
    for full in (True, False):
        copy = reformat(SEED_FILES[seed], full=full)
        assert copy != original
        comparison = compare_texts(original, copy)
        assert_accounted(comparison.diff)
        changes = [c.as_record() for c in comparison.diff.changes]
        assert len(changes) <= tolerance * comparison.diff.new_count, changes[:5]
        if tolerance == 0:
            assert not comparison.differs


# ------------------------------------------------------------------------------------------
# property: shuffled and edited paragraphs of a real seed
# ------------------------------------------------------------------------------------------

PARAGRAPHS = [p for p in SUMMARY.split("\n") if len(p) > 30]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), drop=st.integers(0, 3), edits=st.integers(0, 4))
def test_accounting_holds_for_shuffled_and_edited_paragraphs(
    seed: int, drop: int, edits: int
) -> None:
    rng = random.Random(seed)
    old = PARAGRAPHS[:]
    new = PARAGRAPHS[:]
    rng.shuffle(new)
    del new[:drop]
    for _ in range(edits):
        k = rng.randrange(len(new))
        text = new[k]
        cut_at = rng.randrange(1, len(text))
        new[k] = text[:cut_at] + rng.choice(["全面", "积极", "，并", "新增"]) + text[cut_at:]
    comparison = compare_texts("\n\n".join(old) + "\n", "\n\n".join(new) + "\n")
    assert_accounted(comparison.diff)
    for change in comparison.diff.changes:
        if change.kind in ("changed", "moved") and change.ops:
            assert change.new is not None
            assert joined(change.ops, "+").replace(" ", "") == change.new.sentence.text.replace(
                " ", ""
            )


# ------------------------------------------------------------------------------------------
# commitments and determinism
# ------------------------------------------------------------------------------------------


def test_commitments() -> None:
    assert is_commitment("加快推进杨浦滨江中北段开发建设。", "plan")
    assert is_commitment("地区生产总值增长5%左右。", "plan")
    assert not is_commitment("全年完成固定资产投资320亿元，同比增长8%。", "review")
    assert not is_commitment("全年完成固定资产投资320亿元，同比增长8%。", None)
    assert is_commitment("确保完成3万平方米旧住房改造。", None)
    assert not is_commitment("2025年是“十四五”规划收官之年。", None)


def test_commitment_flag_on_real_review_and_plan() -> None:
    huangpu = outline_of(str(SEED_FILES["huangpu2025"]))
    comparison = compare(outline_of(str(SEED_FILES["summary2025"])), huangpu, options=OPTIONS)
    added = [c for c in comparison.diff.changes if c.kind == "added" and c.new is not None]
    review = [c for c in added if c.new is not None and c.new.section.id.split(".")[0] == "3"]
    plan = [c for c in added if c.new is not None and c.new.section.id.split(".")[0] == "4"]
    assert review and plan
    # The 2024 review mostly reports results; the 2025 plan mostly commits.
    assert sum(c.commitment for c in review) / len(review) < 0.3
    assert sum(c.commitment for c in plan) / len(plan) > 0.7


def test_records_are_deterministic() -> None:
    import json

    def run() -> str:
        comparison = compare(
            outline_of(str(SEED_FILES["tasks2023"])),
            outline_of(str(SEED_FILES["summary2025"])),
            options=OPTIONS,
        )
        return json.dumps(comparison.as_records(), ensure_ascii=False, sort_keys=False)

    assert run() == run()


# ------------------------------------------------------------------------------------------
# the derived fixture of the golden case diff-huangpu-edited
# ------------------------------------------------------------------------------------------

#: Known edits of the real huangpu report; the golden case shows exactly these and nothing else.
HUANGPU_EDITS = (
    ("实施优化营商环境8.0版方案", "实施优化营商环境9.0版方案"),  # changed
    ("“两旧”改造受益居民3000户以上。", "“两旧”改造受益居民3500户以上。"),  # changed
    ("进一步完善跨部门综合监管机制,提升精准高效协同监管效能。", ""),  # removed
    (
        "打造黄浦滨江电竞产业高地。",
        "打造黄浦滨江电竞产业高地。全面实施“人工智能+”行动,建设“AI+黄浦”应用场景示范区。",
    ),  # added
    ("强化政策支撑,促进民营经济发展壮大。", ""),  # moved from
    ("提升企业服务效能。", "提升企业服务效能。强化政策支撑,促进民营经济发展壮大。"),  # ...to
)
HUANGPU_EDITED = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "diff-huangpu-edited"
    / "huangpu-2025-edited.txt"
)


def make_huangpu_edited() -> str:
    """The real huangpu report with :data:`HUANGPU_EDITS`, then retyped by :func:`reformat`."""
    text = SEED_FILES["huangpu2025"].read_text("utf-8")
    for old, new in HUANGPU_EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edited.txt"
        path.write_text(text, "utf-8")
        return reformat(path)


def test_huangpu_edited_fixture_is_current() -> None:
    """Regenerate with: python -c 'from tests.test_diff import *; write_huangpu_edited()'."""
    assert HUANGPU_EDITED.read_text("utf-8") == make_huangpu_edited()


def write_huangpu_edited() -> None:
    HUANGPU_EDITED.parent.mkdir(exist_ok=True)
    HUANGPU_EDITED.write_text(make_huangpu_edited(), "utf-8")


def test_huangpu_edits_found_exactly() -> None:
    comparison = compare(
        outline_of(str(SEED_FILES["huangpu2025"])), outline_of(str(HUANGPU_EDITED)), options=OPTIONS
    )
    assert_accounted(comparison.diff)
    kinds = sorted(c.kind for c in comparison.diff.changes)
    assert kinds == ["added", "changed", "changed", "moved", "removed"], [
        c.as_record() for c in comparison.diff.changes
    ]
    records = comparison.as_records()
    assert {f["phrase"] for f in records["new_formulations"]} >= {"人工智能+", "AI+黄浦"}
    assert all(c["commitment"] for c in records["changes"])  # all edits are in the 2025 plan


def test_renumbered_headings_alone_are_no_content_change() -> None:
    """Every numbered task shifted by one (1.→2., 2.→3., ...): only the headings' numbers change."""
    original = SEED_FILES["tasks2023"].read_text("utf-8")
    renumbered = re.sub(r"^(\d{1,2})\.", lambda m: f"{int(m.group(1)) + 1}.", original, flags=re.M)
    assert renumbered != original
    comparison = compare_texts(original, renumbered)
    assert_accounted(comparison.diff)
    assert comparison.diff.changes == ()
    assert not comparison.differs


# ------------------------------------------------------------------------------------------
# precision / recall on random known edits of the real huangpu report
# ------------------------------------------------------------------------------------------

_WORDS = ["推进", "加快", "深化", "提升", "加强", "持续", "打造", "完善"]


def random_edits(
    seed: int, heavy: bool, each: int = 4
) -> tuple[str, str, set[tuple[str, str, str]]]:
    """Huangpu with ``each`` reworded, removed and added sentences and ``each // 2`` moved ones.

    Reworded: one policy verb swapped; ``heavy`` also drops a clause and inserts 进一步. Added
    sentences come from the yangpu summary. Returns (old, new, expected (kind, old, new) keys).
    """
    from reportdiff.text import split_sentences

    rng = random.Random(seed)
    text = SEED_FILES["huangpu2025"].read_text("utf-8")
    lines = text.splitlines()
    candidates = [
        (i, s)
        for i, line in enumerate(lines)
        if len(line) > 80 and i < 170
        for s in split_sentences(line)[1:]
        if len(s) >= 20
        and text.count(s) == 1
        and s.endswith(("。", "；"))
        and s.count("“") == s.count("”")
    ]
    rng.shuffle(candidates)
    donors = [
        s for s in split_sentences(SUMMARY.replace("\n", "")) if len(s) > 25 and s.endswith("。")
    ]
    rng.shuffle(donors)
    used: set[int] = set()
    pool = iter(candidates)

    def take() -> tuple[int, str]:
        for i, s in pool:
            if i not in used:
                used.add(i)
                return i, s
        raise AssertionError("seed report too small for these edits")

    expected: list[tuple[str, str, str]] = []
    for _ in range(each):
        i, s = take()
        present = [w for w in _WORDS if w in s]
        if present:
            new = s.replace(present[0], rng.choice([w for w in _WORDS if w != present[0]]), 1)
        else:
            new = s[: len(s) // 2] + "全面" + s[len(s) // 2 :]
        parts = re.split(r"(?<=[,，、])", new)
        if heavy and len(parts) >= 3:
            del parts[rng.randrange(1, len(parts) - 1)]
            new = "".join(parts)
            new = new[: len(new) // 3] + "进一步" + new[len(new) // 3 :]
        if new.count("“") != new.count("”"):
            continue  # a dropped clause took a quote mark with it: not a fair edit
        lines[i] = lines[i].replace(s, new)
        expected.append(("changed", s, new))
    for _ in range(each):
        i, s = take()
        lines[i] = lines[i].replace(s, "")
        expected.append(("removed", s, ""))
    for k in range(each):
        i, s = take()
        lines[i] = lines[i].replace(s, s + donors[k])
        expected.append(("added", "", donors[k]))
    for _ in range(each // 2):
        (i, s), (j, t) = take(), take()
        if abs(i - j) >= 4:
            lines[i] = lines[i].replace(s, "")
            lines[j] = lines[j].replace(t, t + s)
            expected.append(("moved", s, s))
    plain = {(kind, re.sub(r"\W", "", a), re.sub(r"\W", "", b)) for kind, a, b in expected}
    return text, "\n".join(lines) + "\n", plain


@pytest.mark.parametrize("heavy", [False, True])
def test_precision_and_recall_on_random_known_edits(heavy: bool) -> None:
    found = wrong = missed = 0
    for seed in range(4):
        old, new, expected = random_edits(seed, heavy)
        comparison = compare_texts(old, new)
        assert_accounted(comparison.diff)
        got = {
            (
                c.kind,
                re.sub(r"\W", "", c.old.sentence.text if c.old else ""),
                re.sub(r"\W", "", c.new.sentence.text if c.new else ""),
            )
            for c in comparison.diff.changes
        }
        found += len(got & expected)
        wrong += len(got - expected)
        missed += len(expected - got)
    assert found / (found + wrong) >= 0.97
    assert found / (found + missed) >= 0.97


def test_new_formulations_lead_with_stance_phrases_and_respect_the_background() -> None:
    """National 2008 → 2009 (sentences as the reports write them): the stance of fiscal and
    monetary policy is the headline 新提法; a term an earlier edition already used is not new, and
    ordinary quoted words are never listed."""
    old = outline_text(
        "一、主要任务\n（一）搞好宏观调控\n"
        "根据国内外经济形势和宏观调控任务的要求，今年要实行稳健的财政政策和从紧的货币政策。\n"
        "坚持一个中国原则，维护台海和平。\n",
        "2008.txt",
    )
    new = outline_text(
        "一、主要任务\n（一）加强和改善宏观调控\n"
        "实施积极的财政政策和适度宽松的货币政策，推动实现“梦想”。\n"
        "坚持“九二共识”，维护台海和平。\n",
        "2009.txt",
    )
    earlier = outline_text("坚持“九二共识”，推进两岸交流。\n", "2005.txt")
    phrases = [f.phrase for f in compare(old, new, options=OPTIONS).diff.new_formulations]
    assert phrases[:2] == ["积极的财政政策", "适度宽松的货币政策"]
    assert "九二共识" in phrases and "梦想" not in phrases
    background = compare(old, new, options=OPTIONS, earlier=[earlier]).diff.new_formulations
    assert "九二共识" not in [f.phrase for f in background]


# ------------------------------------------------------------------------------------------
# the rewrite search: pairs kept in place by their neighbours
# ------------------------------------------------------------------------------------------


def test_rewrite_between_two_kept_neighbours_pairs_at_a_low_similarity() -> None:
    """A sentence between two unchanged neighbours that shares only a few rare words (低空经济,
    集群, 规模) with the one in the same place of the other edition is its rewrite (similarity
    0.14, below the region alignment's 0.15); without the neighbours it is not paired."""
    head = "一、推动产业发展\n"
    before, after = "坚持实体经济为本，做强制造业基础。", "深化国资国企改革，完善现代企业制度。"
    rewritten = "加快培育低空经济、人工智能等新兴产业，建设一批示范园区，壮大产业集群。"
    rewrite = "低空经济要抢抓国家试点机遇，力争全年集群规模突破百亿元。"
    comparison = compare_texts(head + before + rewritten + after, head + before + rewrite + after)
    assert [(c.kind, c.old and c.old.sentence.text) for c in comparison.diff.changes] == [
        ("changed", rewritten)
    ]
    assert 0.12 <= comparison.diff.changes[0].similarity < 0.15
    # Between anchors that disagree in place (the kept sentences swapped), nothing vouches.
    swapped = compare_texts(head + before + rewritten + after, head + after + rewrite + before)
    assert "changed" not in {c.kind for c in swapped.diff.changes}


def test_increasing_chain_and_ordered_pairs() -> None:
    from reportdiff.diff.matching import increasing_chain, ordered_pairs

    assert increasing_chain([(0, 0, 1.0), (1, 5, 1.0), (2, 1, 1.0), (3, 2, 1.0), (4, 9, 1.0)]) == [
        (0, 0),
        (2, 1),
        (3, 2),
        (4, 9),
    ]
    table = {(1, 10): 0.3, (1, 11): 0.2, (2, 10): 0.9, (3, 12): 0.1}
    # 2→10 outweighs 1→10 + nothing; 1 cannot then take 11 (order), 3→12 keeps order.
    assert ordered_pairs(lambda i, j: table.get((i, j), 0.0), [1, 2, 3], [10, 11, 12]) == [
        (2, 10, 0.9),
        (3, 12, 0.1),
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [(DEMO_OLD, DEMO_NEW), (SEED_FILES["tasks2023"], SEED_FILES["summary2025"])],
    ids=["demo", "tasks2023-summary2025"],
)
def test_swapping_two_real_editions_swaps_every_change(old: Path, new: Path) -> None:
    """Old against new and new against old tell the same story: every rewrite, merge and split
    found one way is found the other way, and what was added one way was removed the other.
    (The rewrite search once took its candidates and merges from the old edition's view only.)"""
    a, b = outline_of(str(old)), outline_of(str(new))
    forward = compare(a, b, options=OPTIONS)
    backward = compare(b, a, options=OPTIONS)
    found = story(forward)
    assert {kind for kind, _, _ in found} >= {"changed", "added", "removed"}
    assert found == story(backward, swapped=True)


def test_new_and_dropped_commitments_carry_their_nearest_sentences() -> None:
    """A commitment left added or removed lists the other edition's sentences most like it, at
    most three, best first, each at the floor or above: what a reader checks before taking it
    as new or dropped. Read on the demo pair: 2025's 「健全文化遗产保护传承体制机制」 has no
    rewrite in 2026's plan, its nearest is the 2026 review's 「加强文化遗产保护传承。」. Swapped,
    each dropped commitment is new and lists the same sentences."""
    from reportdiff.diff.rewrites import NEAREST, NEAREST_FLOOR

    a, b = outline_of(str(DEMO_OLD)), outline_of(str(DEMO_NEW))
    forward, backward = compare(a, b, options=OPTIONS), compare(b, a, options=OPTIONS)

    def nearest(comparison: Comparison, kind: str) -> dict[str, list[tuple[str, float]]]:
        found = {}
        for change in comparison.diff.changes:
            if change.kind != kind:
                continue
            ref = change.old if kind == "removed" else change.new
            assert ref is not None
            found[ref.sentence.text] = [(n.sentence.text, s) for n, s in change.nearest]
        return found

    dropped = nearest(forward, "removed")
    assert dropped["健全文化遗产保护传承体制机制"][0][0] == "加强文化遗产保护传承。"
    assert dropped == nearest(backward, "added")
    assert nearest(forward, "added") == nearest(backward, "removed")
    new_texts = {s.text for section in b.iter_sections() for s in section.sentences}
    new_texts |= {section.title for section in b.iter_sections()}
    listed = 0
    for change in forward.diff.changes:
        if change.kind not in ("added", "removed") or not change.commitment:
            assert change.nearest == ()
            continue
        scores = [score for _, score in change.nearest]
        assert len(scores) <= NEAREST and scores == sorted(scores, reverse=True)
        assert all(score >= NEAREST_FLOOR for score in scores)
        if change.kind == "removed":
            assert all(ref.sentence.text in new_texts for ref, _ in change.nearest)
        listed += bool(scores)
    assert listed >= 100
