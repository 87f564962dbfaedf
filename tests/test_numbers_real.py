"""Numbers on real report excerpts (fixtures/numbers/): headline targets with canonical ids,
targets told from outcomes, like-with-like pairing, the target → outcome table, 分别 lists and
deltas in the values' own scale; and the CLI regressions of issue 15."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

from reportdiff.load import load, load_bytes
from reportdiff.model import Outline
from reportdiff.numbers import (
    NumberComparison,
    compare_with_outcomes,
    delta_text,
    extract_indicators,
    extract_quantities,
    headline_indicators,
)
from reportdiff.options import Options
from reportdiff.outline import build_outline
from tests.conftest import FIXTURES, SEED_FILES, invoke

OPTIONS = Options()
EXCERPTS = FIXTURES / "numbers"


@cache
def outline(name: str) -> Outline:
    return build_outline(load(EXCERPTS / name, options=OPTIONS), options=OPTIONS)


@cache
def comparison(old: str, new: str) -> NumberComparison:
    return compare_with_outcomes(outline(old), outline(new), options=OPTIONS)


def text_outline(text: str) -> Outline:
    return build_outline(load_bytes(text.encode("utf-8"), source="t.txt"), options=OPTIONS)


def headline(name: str) -> dict[tuple[str, str], tuple[str, str | None]]:
    return {
        (i.indicator_id or "", i.horizon): (i.quantity.raw, i.quantity.qualifier)
        for i in headline_indicators(outline(name), options=OPTIONS)
    }


def test_national_headline_targets_carry_canonical_ids() -> None:
    # 2012: 「主要预期目标是：」 ends its paragraph; the figures follow in the next one.
    targets = headline("national-2012.txt")
    assert targets[("gdp_growth", "annual")] == ("7.5％", None)
    assert targets[("urban_jobs", "annual")] == ("900万人以上", "以上")
    assert targets[("cpi", "annual")] == ("控制在4％左右", "控制在 左右")
    assert targets[("deficit_size", "annual")][0] == "8000亿元"  # the total, not 中央财政赤字
    assert targets[("deficit_ratio", "annual")][0] == "1.5％左右"
    assert targets[("money_supply_m2", "annual")][0] == "14％"


def test_end_of_term_report_targets_and_last_years_results() -> None:
    # 2013 reviews five years and 2012 (一、过去五年工作回顾), sets 2013's targets under
    # 二、…主要预期目标…, and makes its proposals under 三、对今年政府工作的建议.
    indicators = extract_indicators(outline("national-2013.txt"), options=OPTIONS)
    roles = {(i.indicator_id, i.quantity.raw): i.role for i in indicators if i.indicator_id}
    assert roles[("gdp_growth", "7.8%")] == "outcome"
    assert roles[("gdp_growth", "7.5%左右")] == "target"
    assert roles[("cpi", "3.5%左右")] == "target"
    # 「去年居民消费价格涨幅回落到2.6%」 stands in the targets section but is last year's result.
    assert roles[("cpi", "2.6%")] == "outcome"


def test_shifts_pair_like_with_like_and_count_changes_only() -> None:
    result = comparison("national-2012.txt", "national-2013.txt")
    assert all(s.old.role == s.new.role for s in result.shifts if s.old and s.new)
    by_id = {s.side.indicator_id: s for s in result.shifts if s.old and s.new}
    assert by_id["gdp_growth"].kind == "qualifier_changed"
    assert by_id["gdp_growth"].change == "(none) → 左右"
    assert by_id["cpi"].change == "-0.5个百分点"  # 控制在 places the figure, it is no bound
    assert by_id["deficit_size"].change == "+4000亿元"
    assert by_id["urban_jobs"].kind == "unchanged"
    records = result.as_records()
    assert records["stats"]["changed"] == sum(
        1 for s in result.shifts if s.kind not in ("unchanged", "agrees")
    )


def test_target_outcome_table() -> None:
    rows = {
        r.target.indicator_id: r
        for r in comparison("national-2012.txt", "national-2013.txt").outcomes
    }
    gdp, jobs, cpi = rows["gdp_growth"], rows["urban_jobs"], rows["cpi"]
    assert gdp.outcome is not None and gdp.outcome.quantity.raw == "7.8%"
    assert (gdp.verdict, gdp.difference) == ("met", "+0.3个百分点")
    assert jobs.outcome is not None and (jobs.verdict, jobs.difference) == ("exceeded", "+366万人")
    assert cpi.outcome is not None and (cpi.outcome.quantity.raw, cpi.verdict) == ("2.6%", "met")
    assert rows["money_supply_m2"].verdict == "not_reported"


def test_five_year_targets_stay_apart_from_annual_ones() -> None:
    targets = headline("guizhou-2026.txt")
    assert targets[("gdp_growth", "five-year")] == ("5%左右", "左右")  # 年均增长, 十五五
    assert targets[("gdp_growth", "annual")] == ("5%左右", "左右")
    result = comparison("guizhou-2025.txt", "guizhou-2026.txt")
    gdp = [s for s in result.shifts if s.side.indicator_id == "gdp_growth"]
    paired = [s for s in gdp if s.old and s.new]
    assert len(paired) == 1 and paired[0].new is not None and paired[0].new.horizon == "annual"
    assert paired[0].change == "-0.5个百分点"
    # 2026 reviews 2025, but this excerpt keeps no review: every target is unreported.
    assert result.outcomes and {r.verdict for r in result.outcomes} == {"not_reported"}


def test_respectively_lists_are_distributed_in_order() -> None:
    names = {
        i.quantity.raw: (i.key, i.name_source)
        for i in extract_indicators(outline("guizhou-2025.txt"), options=OPTIONS)
    }
    # 「一、二、三产增加值分别增长3.5%以上、7%左右、5%以上」
    assert names["3.5%以上"] == ("一产增加值增长", "list")
    assert names["7%左右"][0] in ("二产增加值增长", "农村常住居民人均可支配收入增长")
    income = [
        i
        for i in extract_indicators(outline("guizhou-2025.txt"), options=OPTIONS)
        if "收入" in i.key
    ]
    # 「城镇和农村常住居民人均可支配收入分别增长5%左右、7%左右」: the urban figure stands for
    # resident income (no overall figure is stated), the rural one keeps its own name.
    assert [(i.key, i.indicator_id) for i in income if i.quantity.raw in ("5%左右", "7%左右")][
        -2:
    ] == [
        ("城镇常住居民人均可支配收入增长", "income_growth"),
        ("农村常住居民人均可支配收入增长", None),
    ]


def test_one_bound_after_a_list_covers_every_figure() -> None:
    # gansu 2025: 城乡居民人均可支配收入分别增长5%和7%左右
    indicators = extract_indicators(
        text_outline("今年主要预期目标是：城乡居民人均可支配收入分别增长5%和7%左右。\n"),
        options=OPTIONS,
    )
    assert [(i.key, i.quantity.qualifier) for i in indicators] == [
        ("城镇居民人均可支配收入增长", "左右"),
        ("农村居民人均可支配收入增长", "左右"),
    ]
    assert indicators[0].indicator_id == "income_growth"


def test_units_in_full_ages_rates_and_names() -> None:
    raws = {
        q.raw: (q.unit, q.scale, q.falls)
        for sentence in (
            "粮食产量稳定在1300亿斤以上。",  # henan 2025
            "天然气产量10亿立方米。",
            "城市低保人均保障标准从796元/月提高至842元/月。",  # anhui 2026
            "单位地区生产总值能耗下降2.5%。",  # chongqing 2025
            "其中中央财政支出1981亿元，比上年增长23.6%。",  # national 2010: 1981 is no year
        )
        for q in extract_quantities(sentence)
    }
    assert raws["1300亿斤以上"] == ("斤", "亿", False)
    assert raws["10亿立方米"] == ("立方米", "亿", False)
    assert raws["796元/月"][0] == "元/月"
    assert raws["2.5%"] == ("%", "", True)
    assert "1981亿元" in raws
    for not_a_quantity in (
        "每千人拥有3岁以下婴幼儿托位数4.59个。",  # an age band
        "推出稳经济“30条”。",  # a policy package's name
        "小麦最低收购价平均每50公斤提高7.4元。",  # the base of a rate
    ):
        found = [q.raw for q in extract_quantities(not_a_quantity)]
        assert not any(raw in ("3岁以下", "30条", "50公斤") for raw in found), found


def test_deltas_in_the_values_own_scale() -> None:
    (a,) = extract_quantities("财政赤字1.62万亿元")  # national 2015
    (b,) = extract_quantities("财政赤字2.76万亿元")  # national 2019
    assert delta_text(a, b) == "+1.14万亿元"
    (c,) = extract_quantities("拟安排财政赤字9500亿元")
    assert delta_text(c, b) == "+1.81万亿元"
    (d,) = extract_quantities("今年拟安排财政赤字8000亿元")
    assert delta_text(c, d) == "-1500亿元"


# ---------------------------------------------------------------------------------------------
# Issue 15: regressions through the CLI


def test_a_huge_number_is_shown_not_a_crash(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("完成固定资产投资1000亿元。\n", "utf-8")
    new.write_text("完成固定资产投资999999999999999999999999999亿元。\n", "utf-8")
    result = invoke(["diff", old, new, "--color", "never"])
    assert "Traceback" not in result.stderr
    assert "+999999999999999999999998999亿元" in result.stdout
    invoke(["numbers", old, new, "--format", "json"])


def test_a_file_against_itself_shows_no_number_change(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("收入从5%提高到6%。\n", "utf-8")
    text = invoke(["diff", one, one, "--color", "never"]).stdout
    assert "number shifts: 0" in text
    records = json.loads(invoke(["numbers", one, one, "--format", "json"]).stdout)
    assert records["stats"]["changed"] == 0
    assert {s["kind"] for s in records["shifts"]} <= {"unchanged"}
    assert records["target_outcomes"] == []


def test_a_real_report_against_itself_shows_no_number_change() -> None:
    records = json.loads(
        invoke(["diff", SEED_FILES["plan2024"], SEED_FILES["plan2024"], "--format", "json"]).stdout
    )
    assert records["stats"]["number_shifts"] == 0
    assert {s["kind"] for s in records["number_shifts"]} <= {"unchanged"}
    assert records["target_outcomes"] == []


def test_values_are_exact_decimals() -> None:
    (q,) = extract_quantities("完成固定资产投资999999999999999999999999999亿元。")
    assert q.as_record()["value"] == "99999999999999999999999999900000000"
    assert q.value == Decimal("999999999999999999999999999") * Decimal(10) ** 8


def test_a_plan_chapter_recapping_last_year_reports_results() -> None:
    # In the plan chapter a sentence opening on last year (「2010年，…」) reports results, and so
    # does the next sentence of its paragraph, until one speaks of plans (「今年要…」).
    report = text_outline(
        "2011年政府工作报告\n\n一、2011年的主要任务\n\n"
        "做好今年工作，要全面分析国内外形势。2010年，国内生产总值增长10.3%。"
        "城镇新增就业1168万人。今年要实现城镇新增就业900万人以上。\n\n"
        "今年经济社会发展的主要预期目标是：国内生产总值增长8%左右。\n"
    )
    roles = {
        i.quantity.raw: i.role
        for i in extract_indicators(report, options=OPTIONS)
        if i.indicator_id
    }
    assert roles == {
        "10.3%": "outcome",
        "1168万人": "outcome",
        "900万人以上": "target",
        "8%左右": "target",
    }


def test_a_target_in_words_is_judged_against_the_reported_growth() -> None:
    old = text_outline(
        "2013年政府工作报告\n\n一、2013年工作安排\n\n今年经济社会发展的主要预期目标是："
        "国内生产总值增长7.5%左右；城乡居民收入实际增长和经济增长同步。\n"
    )
    verdicts = {}
    for income in (
        "全国居民人均可支配收入实际增长7.3%",  # within the tolerance of 7.7%: kept pace
        "全国居民人均可支配收入实际增长6.1%",
        "城镇居民人均可支配收入实际增长7%",  # the urban figure alone does not judge all residents
    ):
        new = text_outline(
            "2014年政府工作报告\n\n一、2013年工作回顾\n\n国内生产总值增长7.7%。"
            f"{income}。\n\n二、2014年工作安排\n\n今年的主要预期目标是：国内生产总值增长7.5%左右。\n"
        )
        rows = compare_with_outcomes(old, new, options=OPTIONS).outcomes
        row = next(r for r in rows if r.target.indicator_id == "income_growth")
        assert row.target.quantity.kind == "words" and row.outcome is not None
        assert row.target.quantity.as_record()["value"] is None
        verdicts[row.outcome.quantity.raw] = row.verdict
    assert verdicts == {"7.3%": "met", "6.1%": "missed", "7%": "n/a"}


def test_editions_years_apart_have_no_target_outcome_table() -> None:
    # The 2019 report reviews 2018: the 2015 report's targets are not compared with its results.
    old = text_outline("2015年政府工作报告\n\n一、2015年工作安排\n\n国内生产总值增长7%左右。\n")
    new = text_outline("2019年政府工作报告\n\n一、2018年工作回顾\n\n国内生产总值增长6.6%。\n")
    result = compare_with_outcomes(old, new, options=OPTIONS)
    assert result.outcomes == ()
    note = result.as_records()["target_outcomes_note"]
    assert note is not None and "2018" in note and "2015" in note


def test_a_change_of_direction_names_its_subject_not_its_base() -> None:
    # national/2007: the figures 由前三年 are earlier years'; the one after 转为 is the year's.
    report = text_outline(
        "政府工作报告\n\n一、2006年工作回顾\n\n单位国内生产总值能耗由前三年分别上升4.9％、5.5％、"
        "0.2％，转为下降1.2%，主要污染物排放总量增幅减缓。\n"
    )
    ids = {i.quantity.raw: i.indicator_id for i in extract_indicators(report, options=OPTIONS)}
    assert ids == {"4.9％": None, "5.5％": None, "0.2％": None, "1.2%": "energy_intensity"}
