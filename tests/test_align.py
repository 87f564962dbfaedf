"""Section alignment and summary mapping on real seeds and on known edits of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reportdiff.align import MatchStatus, SectionAlignment, align_sections, heading_key
from reportdiff.load import load
from reportdiff.model import Outline
from reportdiff.options import Options
from reportdiff.outline import build_outline
from reportdiff.summary import align_summary, detect_mode, summary_side
from tests.conftest import SEED_FILES

OPTIONS = Options()


def outline_of(path: Path) -> Outline:
    return build_outline(load(str(path), options=OPTIONS), options=OPTIONS)


@pytest.fixture(scope="module")
def huangpu() -> Outline:
    return outline_of(SEED_FILES["huangpu2025"])


@pytest.fixture(scope="module")
def huangpu_lines() -> list[str]:
    return SEED_FILES["huangpu2025"].read_text("utf-8").split("\n")


def edited(tmp_path: Path, lines: list[str], edit: Callable[[list[str]], list[str]]) -> Outline:
    """Outline of a copy of ``lines`` after ``edit`` (a function of the 0-based line list)."""
    path = tmp_path / "edited.txt"
    path.write_text("\n".join(edit(list(lines))), "utf-8")
    return outline_of(path)


def find(outline: Outline, title_start: str) -> str:
    """Id of the section whose title starts with ``title_start`` (exactly one must)."""
    found = [s.id for s in outline.iter_sections() if s.title.startswith(title_start)]
    assert len(found) == 1, (title_start, found)
    return found[0]


def status_of_old(alignment: SectionAlignment, section_id: str) -> MatchStatus:
    pair = alignment.pair_of_old(section_id)
    assert pair is not None
    return pair.status


def assert_covers(alignment: SectionAlignment, old: Outline, new: Outline) -> None:
    """Every section of both sides appears; only split/merged pairs may repeat a section."""
    olds = [
        p.old.id for p in alignment.pairs if p.old is not None and p.status != MatchStatus.SPLIT
    ]
    news = [
        p.new.id for p in alignment.pairs if p.new is not None and p.status != MatchStatus.MERGED
    ]
    assert sorted(olds) == sorted(s.id for s in old.iter_sections())
    assert sorted(news) == sorted(s.id for s in new.iter_sections())


def block(lines: list[str], first: str, stop: str) -> tuple[int, int]:
    """0-based [start, end) of the lines from the one equal to ``first`` up to ``stop``."""
    start = lines.index(first)
    return start, lines.index(stop, start + 1)


# ---------------------------------------------------------------- identity and known edits


def test_identity_is_all_matched(huangpu: Outline) -> None:
    alignment = align_sections(huangpu, huangpu, options=OPTIONS)
    assert {p.status for p in alignment.pairs} == {MatchStatus.MATCHED}
    assert len(alignment.pairs) == len(list(huangpu.iter_sections()))
    assert all(p.score == pytest.approx(1.0) for p in alignment.pairs)
    assert [p.new.id for p in alignment.pairs if p.new] == [s.id for s in huangpu.iter_sections()]


def test_renamed_heading(tmp_path: Path, huangpu: Outline, huangpu_lines: list[str]) -> None:
    def edit(lines: list[str]) -> list[str]:
        k = lines.index("(三)增进民生福祉扎实有力")
        lines[k] = "(三)民生保障水平持续提高"
        return lines

    new = edited(tmp_path, huangpu_lines, edit)
    alignment = align_sections(huangpu, new, options=OPTIONS)
    old_id = find(huangpu, "增进民生福祉")
    pair = alignment.pair_of_old(old_id)
    assert pair is not None and pair.new is not None
    assert pair.status == MatchStatus.RENAMED
    assert pair.new.title == "民生保障水平持续提高"
    assert pair.content_score > 0.95
    others = [p for p in alignment.pairs if p is not pair]
    assert {p.status for p in others} == {MatchStatus.MATCHED}
    assert_covers(alignment, huangpu, new)


def test_renumbered_heading(tmp_path: Path, huangpu: Outline, huangpu_lines: list[str]) -> None:
    def edit(lines: list[str]) -> list[str]:
        lines[lines.index("一、2024年工作回顾")] = "二、2024年工作回顾"
        lines[lines.index("二、2025年工作计划")] = "三、2025年工作计划"
        return lines

    new = edited(tmp_path, huangpu_lines, edit)
    alignment = align_sections(huangpu, new, options=OPTIONS)
    review, plan = find(huangpu, "2024年工作回顾"), find(huangpu, "2025年工作计划")
    assert status_of_old(alignment, review) == MatchStatus.RENAMED
    assert status_of_old(alignment, plan) == MatchStatus.RENAMED
    assert alignment.partner_of_old(review).number == "二、"  # type: ignore[union-attr]
    assert alignment.stats()["renamed"] == 2
    assert alignment.stats()["matched"] == len(alignment.pairs) - 2


def test_year_only_change_is_matched(
    tmp_path: Path, huangpu: Outline, huangpu_lines: list[str]
) -> None:
    def edit(lines: list[str]) -> list[str]:
        lines[lines.index("一、2024年工作回顾")] = "一、2025年工作回顾"
        lines[lines.index("二、2025年工作计划")] = "二、2026 年工作计划"
        return lines

    new = edited(tmp_path, huangpu_lines, edit)
    alignment = align_sections(huangpu, new, options=OPTIONS)
    assert {p.status for p in alignment.pairs} == {MatchStatus.MATCHED}
    assert heading_key("一、2023年工作回顾") == heading_key("（一）2024 年工作回顾")


def test_swapped_sections(tmp_path: Path, huangpu: Outline, huangpu_lines: list[str]) -> None:
    def edit(lines: list[str]) -> list[str]:
        a0, a1 = block(lines, "(一)区域经济发展稳中有进", "(二)深化改革开放蹄疾步稳")
        b0, b1 = block(lines, "(二)深化改革开放蹄疾步稳", "(三)增进民生福祉扎实有力")
        return lines[:a0] + lines[b0:b1] + lines[a0:a1] + lines[b1:]

    new = edited(tmp_path, huangpu_lines, edit)
    alignment = align_sections(huangpu, new, options=OPTIONS)
    first, second = find(huangpu, "区域经济发展"), find(huangpu, "深化改革开放蹄疾步稳")
    assert alignment.partner_of_old(first).id == second  # type: ignore[union-attr]
    assert alignment.partner_of_old(second).id == first  # type: ignore[union-attr]
    statuses = sorted(status_of_old(alignment, x).value for x in (first, second))
    assert statuses == ["matched", "moved"]
    assert alignment.stats()["moved"] == 1
    # New-document order: the pair of new 1.1 comes before the pair of new 1.2.
    new_ids = [p.new.id for p in alignment.pairs if p.new]
    assert new_ids.index(first) < new_ids.index(second)


def test_subsection_moved_to_another_parent(
    tmp_path: Path, huangpu: Outline, huangpu_lines: list[str]
) -> None:
    def edit(lines: list[str]) -> list[str]:
        a0, a1 = block(lines, "(五)政府自身建设不断加强", "二、2025年工作计划")
        moving = lines[a0:a1]
        rest = lines[:a0] + lines[a1:]
        at = rest.index("(六)持之以恒,提升政府治理现代化水平")
        return rest[:at] + moving + rest[at:]

    new = edited(tmp_path, huangpu_lines, edit)
    moved_new = find(new, "政府自身建设")
    assert moved_new.startswith(find(new, "2025年工作计划") + ".")
    alignment = align_sections(huangpu, new, options=OPTIONS)
    pair = alignment.pair_of_old(find(huangpu, "政府自身建设"))
    assert pair is not None and pair.new is not None
    assert pair.new.id == moved_new
    assert pair.status == MatchStatus.MOVED
    assert alignment.stats()["added"] == 0 and alignment.stats()["removed"] == 0
    assert_covers(alignment, huangpu, new)


def test_deleted_section(tmp_path: Path, huangpu: Outline, huangpu_lines: list[str]) -> None:
    def edit(lines: list[str]) -> list[str]:
        a0, a1 = block(lines, "(四)城区环境品质魅力彰显", "(五)政府自身建设不断加强")
        return lines[:a0] + lines[a1:]

    new = edited(tmp_path, huangpu_lines, edit)
    alignment = align_sections(huangpu, new, options=OPTIONS)
    deleted = find(huangpu, "城区环境品质")
    assert status_of_old(alignment, deleted) == MatchStatus.REMOVED
    subtree = len(list(huangpu.section(deleted).iter_sections()))
    assert alignment.stats()["removed"] == subtree and alignment.stats()["added"] == 0
    # The removed pair sits at its old place: right after the pairs of old (三) and its leads.
    olds = [p.old.id if p.old else None for p in alignment.pairs]
    before = [s.id for s in huangpu.section(find(huangpu, "增进民生福祉")).iter_sections()][-1]
    assert olds.index(deleted) == olds.index(before) + 1
    assert_covers(alignment, huangpu, new)


def test_added_section(tmp_path: Path, huangpu: Outline, huangpu_lines: list[str]) -> None:
    def edit(lines: list[str]) -> list[str]:
        at = lines.index("二、2025年工作计划")
        return (
            lines[:at]
            + [
                "(六)低空经济起步成势",
                "",
                "建成低空飞行服务站两座,开通外滩至陆家嘴观光航线,引进无人机企业十二家。",
                "",
            ]
            + lines[at:]
        )

    new = edited(tmp_path, huangpu_lines, edit)
    alignment = align_sections(huangpu, new, options=OPTIONS)
    added = [p for p in alignment.pairs if p.status == MatchStatus.ADDED]
    assert [p.new.title for p in added if p.new] == ["低空经济起步成势"]
    assert alignment.stats()["removed"] == 0


def test_split_section(tmp_path: Path, huangpu: Outline, huangpu_lines: list[str]) -> None:
    def edit(lines: list[str]) -> list[str]:
        k = next(i for i, line in enumerate(lines) if line.startswith("开放激活强大动力"))
        return lines[:k] + ["(三)扩大高水平对外开放", ""] + lines[k:]

    new = edited(tmp_path, huangpu_lines, edit)
    alignment = align_sections(huangpu, new, options=OPTIONS)
    old_id = find(huangpu, "深化改革开放蹄疾步稳")
    splits = [p for p in alignment.pairs if p.status == MatchStatus.SPLIT]
    assert [(p.old.id, p.new.title) for p in splits if p.old and p.new] == [
        (old_id, "扩大高水平对外开放")
    ]
    assert alignment.partner_of_old(old_id).title == "深化改革开放蹄疾步稳"  # type: ignore[union-attr]
    assert alignment.stats()["added"] == 0 and alignment.stats()["removed"] == 0
    assert_covers(alignment, huangpu, new)


def test_merged_sections(tmp_path: Path, huangpu: Outline, huangpu_lines: list[str]) -> None:
    def edit(lines: list[str]) -> list[str]:
        lines.remove("(五)政府自身建设不断加强")
        return lines

    new = edited(tmp_path, huangpu_lines, edit)
    alignment = align_sections(huangpu, new, options=OPTIONS)
    merged = [p for p in alignment.pairs if p.status == MatchStatus.MERGED]
    assert [(p.old.title, p.new.title) for p in merged if p.old and p.new] == [
        ("政府自身建设不断加强", "城区环境品质魅力彰显")
    ]
    assert alignment.stats()["removed"] == 0
    assert_covers(alignment, huangpu, new)


def test_deterministic(huangpu: Outline) -> None:
    plan = outline_of(SEED_FILES["plan2024"])
    first = align_sections(plan, huangpu, options=OPTIONS).as_records()
    second = align_sections(plan, huangpu, options=OPTIONS).as_records()
    assert first == second


# ---------------------------------------------------------------- real pairs


def test_huangpu_review_against_its_plan(huangpu: Outline) -> None:
    """The 2024 review's topics against the 2025 plan's (similar in topic, not in text)."""
    review = huangpu.section(find(huangpu, "2024年工作回顾"))
    plan = huangpu.section(find(huangpu, "2025年工作计划"))
    from reportdiff.model import Section

    def as_outline(section: Section) -> Outline:
        root = huangpu.root.__class__(
            id="",
            kind=huangpu.root.kind,
            title="",
            number=None,
            style=None,
            level=0,
            line=0,
            children=section.children,
        )
        return Outline(document=huangpu.document, title=None, root=root)

    alignment = align_sections(as_outline(review), as_outline(plan), options=OPTIONS)
    got = {p.old.title[:4]: p.new.title[:4] for p in alignment.pairs if p.old and p.new}
    # Verified by reading: economy ↔ industry, reform ↔ reform, livelihood ↔ livelihood,
    # environment ↔ city quality, government ↔ government.
    assert got.get("深化改革") == "勇当先锋"
    assert got.get("城区环境") == "多措并举"
    assert got.get("增进民生") == "久久为功"
    assert got.get("政府自身") == "持之以恒"
    assert got.get("区域经济") == "向新向优"


# ---------------------------------------------------------------- mode and summary


def test_detect_mode() -> None:
    summary = outline_of(SEED_FILES["summary2025"])
    compilation = outline_of(SEED_FILES["compilation2025"])
    plan = outline_of(SEED_FILES["plan2024"])
    assert detect_mode(summary, compilation) == "summary"
    assert summary_side(summary, compilation) == "old"
    assert summary_side(compilation, summary) == "new"
    assert detect_mode(plan, compilation) == "editions"
    assert summary_side(plan, compilation) is None


def test_summary_headlines_map_to_prose(tmp_path: Path) -> None:
    """yangpu-2025-summary.txt holds headline lists and the prose they condense: split them."""
    lines = SEED_FILES["summary2025"].read_text("utf-8").split("\n")
    headlines = [ln for ln in lines if ln.strip() and "。" not in ln]
    prose = [ln for ln in lines if "。" in ln or ln.startswith("▶")]
    (tmp_path / "headlines.txt").write_text("\n\n".join(headlines), "utf-8")
    (tmp_path / "prose.txt").write_text("\n\n".join(prose), "utf-8")
    summary = outline_of(tmp_path / "headlines.txt")
    full = outline_of(tmp_path / "prose.txt")
    result = align_summary(summary, full, options=OPTIONS)
    by_text = {s.sentence.text: s for s in result.statements}
    statement = by_text["升级推出营商环境8.0版改革方案"]
    assert any("升级推出营商环境8.0版改革方案" in src.sentence.text for src in statement.sources)
    assert statement.sources[0].score == pytest.approx(1.0)
    # Every headline item but four the prose leaves out is found.
    unsupported = {s.sentence.text for s in result.unsupported}
    assert {"全力办好60项区政府实事项目", "推进江湾体育场、杨浦体育馆更新升级"} <= unsupported
    supported_items = [s for s in result.statements if not s.heading]
    assert len(supported_items) >= 20
    for statement in supported_items:
        assert statement.coverage >= 0.5
        main = statement.sources[0].section
        # The main source sits under the same ▶ heading as the headline item.
        assert full.section(main.id.split(".")[0]).title == statement.section.title
    # The ▶ headings are found as the prose's own headings.
    headings = [s for s in result.statements if s.heading]
    assert len(headings) == 5 and all(s.coverage == 1.0 for s in headings)
    # The headline list leaves out whole topics of the prose (verified by reading).
    uncovered = {s.title for s in result.uncovered_sections}
    assert {"加速杨浦滨江开发建设", "强化政治引领", "提高韧性安全水平"} <= uncovered
    assert "推动重点产业发光发热" not in uncovered
    assert 0.3 < result.coverage < 0.8


def test_summary_against_compilation() -> None:
    """The 2025 summary against the 2025 compilation: sources verified by reading both."""
    summary = outline_of(SEED_FILES["summary2025"])
    compilation = outline_of(SEED_FILES["compilation2025"])
    result = align_summary(summary, compilation, options=OPTIONS)
    by_text = {s.sentence.text: s for s in result.statements}
    expected = {
        "升级推出营商环境8.0版改革方案": "营商环境8.0版",
        "推动轨道交通20号线、隆昌路越江隧道项目建设": "轨道交通20号线",
        "打造“15分钟就业服务圈”特色示范站点": "15分钟就业服务圈",
        "深化环高校国际创新人文社区更新试点": "环高校国际创新人文社区",
    }
    for statement, phrase in expected.items():
        assert statement in by_text, statement
        assert phrase in by_text[statement].sources[0].sentence.text
    # One summary sentence drawing on two compilation sentences (one-to-many).
    multi = [s for s in result.statements if len(s.sources) > 1]
    assert any("扩容大学生实习见习基地" in s.sentence.text for s in multi)
    # Stock phrases are not sources: the targets line is not "supported" by an unrelated sentence.
    unsupported = {s.sentence.text for s in result.unsupported}
    assert "今年全区经济社会发展的主要目标" in unsupported
    assert "全力办好60项区政府实事项目" in unsupported
    record = result.as_record("old")
    assert record["summary_side"] == "old"
    assert set(record) == {
        "summary_side",
        "coverage",
        "statements",
        "unsupported",
        "uncovered_sections",
    }
    assert all(
        set(u) == {"section_id", "section_title", "text", "line"} for u in record["unsupported"]
    )
    assert {"id", "number", "title", "line"} == set(record["uncovered_sections"][0])


def test_section_records_follow_the_contract(huangpu: Outline) -> None:
    plan = outline_of(SEED_FILES["plan2024"])
    alignment = align_sections(plan, huangpu, options=OPTIONS)
    records = alignment.as_records()
    statuses = {s.value for s in MatchStatus}
    for record in records:
        assert {"old", "new", "status", "score"} <= set(record)
        assert record["status"] in statuses
        assert 0.0 <= record["score"] <= 1.0 and round(record["score"], 3) == record["score"]
        for side in ("old", "new"):
            if record[side] is not None:
                assert set(record[side]) == {"id", "number", "title", "line"}
    assert sum(alignment.stats().values()) == len(records)
    # Verified by reading: both reports open with a title block and 各位代表, the 2023 review
    # answers the 2024 review and the 2024 tasks the 2025 plan.
    got = {(p.old.title[:6], p.new.title[:6]) for p in alignment.pairs if p.old and p.new}
    assert ("各位代表", "各位代表") in got
    assert ("2023 年", "2024年工") in got
    assert ("2024 年", "2025年工") in got


def test_title_blocks_pair_whatever_their_words() -> None:
    tasks = outline_of(SEED_FILES["tasks2023"])
    summary = outline_of(SEED_FILES["summary2025"])
    alignment = align_sections(tasks, summary, options=OPTIONS)
    from reportdiff.model import SectionKind

    title = next(s for s in tasks.iter_sections() if s.kind == SectionKind.TITLE_BLOCK)
    partner = alignment.partner_of_old(title.id)
    assert partner is not None and partner.kind == SectionKind.TITLE_BLOCK
    # Verified by reading: task 15 (城市更新) is the summary's 城市更新 chapter, task 17's
    # 城区管理精细化 its 加大精细化管理力度.
    got = {(p.old.title[:6], p.new.title[:6]) for p in alignment.pairs if p.old and p.new}
    assert ("加快推动城市", "精心精细提品") in got
    assert ("提升城区管理", "加大精细化管") in got


def test_empty_side(huangpu: Outline) -> None:
    from reportdiff.model import Section, SectionKind

    root = Section(id="", kind=SectionKind.ROOT, title="", number=None, style=None, level=0, line=0)
    empty = Outline(document=huangpu.document, title=None, root=root)
    alignment = align_sections(empty, huangpu, options=OPTIONS)
    assert alignment.stats()["added"] == len(list(huangpu.iter_sections()))
    assert align_sections(empty, empty, options=OPTIONS).pairs == ()
    result = align_summary(huangpu, empty, options=OPTIONS)
    assert not result.statements and result.unsupported and result.coverage == 0.0


def test_plan_against_compilation_pairs_topics_at_other_depths() -> None:
    """The 2024 plan's task chapters against the 2025 compilation's bureau chapters: the same
    topic sits at another depth, found by the second pass (verified by reading both)."""
    plan = outline_of(SEED_FILES["plan2024"])
    compilation = outline_of(SEED_FILES["compilation2025"])
    alignment = align_sections(plan, compilation, options=OPTIONS)
    moved = {
        (p.old.title[:8], p.new.title[:8])
        for p in alignment.pairs
        if p.old and p.new and p.status == MatchStatus.MOVED
    }
    assert ("聚力城区数字化转", "加快城市数字化转") in moved
    assert ("聚力城市更新可持", "提升宜居安全韧性") in moved
    assert ("聚力创新发展再出", "强化创新驱动 推") in moved
    for pair in alignment.pairs:
        if pair.status == MatchStatus.MOVED:
            assert pair.old is not None and pair.new is not None
            assert pair.old.level != pair.new.level or pair.score < 1.0


# ------------------------------------------- how provincial reports are written (issue 10)
# Two short editions per case in fixtures/align-rules/, written after the corpus pairs named.

RULES = Path(__file__).resolve().parent.parent / "fixtures" / "align-rules"


def _aligned(case: str, *, covers: bool = True) -> tuple[Outline, Outline, SectionAlignment]:
    old = outline_of(RULES / f"{case}.old.txt")
    new = outline_of(RULES / f"{case}.new.txt")
    alignment = align_sections(old, new, options=OPTIONS)
    if covers:  # a promoted part is both moved and a split part: it repeats
        assert_covers(alignment, old, new)
    return old, new, alignment


def _pairs(alignment: SectionAlignment) -> set[tuple[str, str, str]]:
    return {
        (p.status.value, p.old.title[:6], p.new.title[:6])
        for p in alignment.pairs
        if p.old is not None and p.new is not None
    }


def test_a_year_plan_never_pairs_into_a_five_year_chapter() -> None:
    """A plan-opening report (the first year of a 十五五) holds a five-year chapter beside the
    year's tasks: a subsection of last year's tasks answers the year's tasks only, at any depth
    (Guangxi 2025 → 2026: 「积极推进以人为本的新型城镇化」 is not 「挖掘新型城镇化潜力」 of the
    five-year chapter, however alike their words)."""
    old, new, alignment = _aligned("five-year-chapter")
    assert ("renamed", "大力提振消费", "多措并举提振") in _pairs(alignment)
    five_year = find(new, "挖掘新型城镇化")
    assert [p.status for p in alignment.pairs if p.new is not None and p.new.id == five_year] == [
        MatchStatus.ADDED
    ]
    assert status_of_old(alignment, find(old, "积极推进以人为本")) == MatchStatus.REMOVED


def test_a_plan_item_is_not_next_years_review_of_it() -> None:
    """Next year's review reports on last year's plan item under a similar heading; across the
    tree the two pair only when the text moved near verbatim, since a review is not a plan."""
    old, _, alignment = _aligned("review-is-not-plan")
    assert status_of_old(alignment, find(old, "提升城市宜居品质")) == MatchStatus.REMOVED
    assert ("renamed", "经济运行稳中", "经济运行稳中") in _pairs(alignment)


def test_a_list_nested_elsewhere_moves_as_a_whole() -> None:
    """The 十方面民生实事 list under another heading next year (Zhejiang 2025 → 2026): once
    some items are found there, the rest pair as siblings do, by their equal headings, even
    when their content is all new (「医疗卫生方面」)."""
    old, _, alignment = _aligned("list-nested-elsewhere")
    for item in ("医疗卫生方面", "养老帮困方面", "教育助学方面"):
        pair = alignment.pair_of_old(find(old, item))
        assert pair is not None and pair.new is not None and pair.new.title == item
        assert pair.status == MatchStatus.MOVED


def test_a_subsection_promoted_to_a_chapter_is_a_split_part() -> None:
    """2014's 「（一）推动重要领域改革取得新突破」 inside the year's tasks became 2015's chapter
    「二、把改革开放扎实推向纵深」: that chapter is a split part of the old tasks chapter too."""
    _, _, alignment = _aligned("promoted-subsection", covers=False)
    pairs = _pairs(alignment)
    assert ("split", "2014年重", "把改革开放扎") in pairs
    assert ("moved", "推动重要领域", "把改革开放扎") in pairs
    assert ("renamed", "2014年重", "2015年重") in pairs
