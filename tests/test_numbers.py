"""Number shifts: quantities, indicators and their pairing across editions, on the real seeds.

Sentences come from the seed reports; forms the seeds do not happen to use
(三千亿元, 百分之五, 以内, 不低于) are made from a real sentence by a known edit, noted next
to each case.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from reportdiff.load import load
from reportdiff.model import Outline
from reportdiff.numbers import (
    SHIFT_KINDS,
    NumberShift,
    compare_numbers,
    compare_with_outcomes,
    extract_indicators,
    extract_quantities,
    extract_years,
    parse_chinese_number,
)
from reportdiff.options import Options
from reportdiff.outline import build_outline
from reportdiff.render import RenderContext, render
from tests.conftest import ROOT, SEED_FILES, invoke

OPTIONS = Options()


@cache
def outline(name: str) -> Outline:
    return build_outline(load(SEED_FILES[name], options=OPTIONS), options=OPTIONS)


@cache
def shifts(old: str, new: str, mode: str = "editions") -> tuple[NumberShift, ...]:
    return compare_numbers(outline(old), outline(new), options=OPTIONS, mode=mode)


def only(sentence: str) -> tuple[str, Decimal, str, str | None, str, Decimal | None]:
    """The one quantity of ``sentence`` as (raw, value, unit, qualifier, kind, high)."""
    found = extract_quantities(sentence)
    assert len(found) == 1, found
    q = found[0]
    return q.raw, q.value, q.unit, q.qualifier, q.kind, q.high


def find(items: tuple[NumberShift, ...], kind: str, text: str) -> NumberShift:
    """The shift of ``kind`` whose old or new sentence mentions ``text``."""
    for shift in items:
        sentences = [s.sentence for s in (shift.old, shift.new) if s is not None]
        if shift.kind == kind and any(text in s for s in sentences):
            return shift
    raise AssertionError(f"no {kind} shift about {text}: {[(s.kind, s.indicator) for s in items]}")


# ---------------------------------------------------------------------------------------------
# Numerals, units, multipliers


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # summary: Arabic numeral with a Chinese multiplier
        (
            "在线新经济聚焦链主企业精准发力,力争营收规模突破3千亿",
            ("突破3千亿", Decimal("3e11"), "", "力争 突破", "amount", None),
        ),
        # the same sentence written with Chinese numerals (known edit)
        (
            "在线新经济聚焦链主企业精准发力,力争营收规模突破三千亿元",
            ("突破三千亿元", Decimal("3e11"), "元", "力争 突破", "money", None),
        ),
        # the same with 万亿 (known edit)
        (
            "力争营收规模突破1.3万亿元",
            ("突破1.3万亿元", Decimal("1.3e12"), "元", "力争 突破", "money", None),
        ),
        # summary main target written as 百分之五 (known edit)
        ("地区生产总值同比增长百分之五", ("百分之五", Decimal(5), "%", None, "percent", None)),
        # compilation: 个百分点
        (
            "数字经济核心产业增加值上拉GDP增长达2.1个百分点",
            ("达2.1个百分点", Decimal("2.1"), "个百分点", "达", "points", None),
        ),
        # summary: range with a dash and a measure word
        (
            "深化儿童友好城区建设,新增5—6所保育特色幼儿园",
            ("5—6所", Decimal(5), "所", None, "count", Decimal(6)),
        ),
        # the same with an ASCII hyphen and 个 (known edit)
        ("新增5-6个保育特色幼儿园", ("5-6个", Decimal(5), "个", None, "count", Decimal(6))),
        # versions: summary, plan (PDF spacing), a brand version in the plan's footnote
        ("升级推出营商环境8.0版改革方案", ("8.0版", Decimal("8.0"), "版", None, "version", None)),
        (
            "持续发力优化营商环境，制定优化营商环境 7.0 版方案",
            ("7.0 版", Decimal("7.0"), "版", None, "version", None),
        ),
        ("十大特色品牌项目：首席服务员 2.0", ("2.0", Decimal("2.0"), "版", None, "version", None)),
        # counts with measure words
        ("加装300台电梯", ("300台", Decimal(300), "台", None, "count", None)),
        ("全力办好60项区政府实事项目", ("60项", Decimal(60), "项", None, "count", None)),
        # areas and money with 万/亿
        (
            "制定实施旧住房成套改造新一轮三年行动计划,推进完成3.17万平米改造任务",
            ("3.17万平米", Decimal(31700), "平方米", None, "area", None),
        ),
        ("新建绿道2公里、立体绿化2.5公顷", None),
        (
            "区级财政收入完成 154.99 亿元",
            ("154.99 亿元", Decimal("1.5499e10"), "元", None, "money", None),
        ),
        (
            "全年实际使用外资金额 12.41 亿美元",
            ("12.41 亿美元", Decimal("1.241e9"), "美元", None, "money", None),
        ),
    ],
)
def test_numeral_forms(sentence: str, expected: tuple[object, ...] | None) -> None:
    if expected is None:
        found = extract_quantities(sentence)
        assert [(q.raw, q.unit, q.kind) for q in found] == [
            ("2公里", "公里", "length"),
            ("2.5公顷", "公顷", "area"),
        ]
        return
    raw, value, unit, qualifier, kind, high = only(sentence)
    assert (raw, unit, qualifier, kind, high) == expected[:1] + expected[2:]
    assert value == expected[1]


def test_multipliers_normalise_to_one_value() -> None:
    values = {
        extract_quantities(text)[0].value for text in ("突破3千亿", "突破3000亿", "突破三千亿元")
    }
    assert values == {Decimal("3e11")}


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("三千亿", Decimal("3e11")),
        ("一百二十", Decimal(120)),
        ("十万", Decimal(100000)),
        ("五", Decimal(5)),
        ("三点五", Decimal("3.5")),
        ("两万五千", Decimal(25000)),
    ],
)
def test_chinese_numerals(numeral: str, value: Decimal) -> None:
    assert parse_chinese_number(numeral) == value


# ---------------------------------------------------------------------------------------------
# Qualifiers


@pytest.mark.parametrize(
    "sentence, raw, qualifier",
    [
        ("扣除烟草因素后增速预计达到 7%左右", "达到 7%左右", "达到 左右"),  # plan
        ("地区生产总值同比增长 5%以上", "5%以上", "以上"),  # plan
        ("确保海绵城市建设达标面积超过40%", "超过40%", "超过"),  # summary
        ("全区共有数字经济企业近 7000 家", "近 7000 家", "近"),  # plan
        ("完成意向订单签约金额约6.38亿美元", "约6.38亿美元", "约"),  # plan
        ("高新技术企业突破200家", "突破200家", "突破"),  # huangpu
        ("认证企业达到20家", "达到20家", "达到"),  # huangpu
        ("已积累知识产权 140 余件", "140 余件", "余"),  # plan
        ("近200场就业服务活动", "近200场", "近"),  # huangpu
        ("城乡登记失业人数控制在3%以内", "控制在3%以内", "控制在 以内"),  # known edit of plan
        ("区级财政收入同比增长 6%以下", "6%以下", "以下"),  # known edit of plan
        ("护理员持技能等级证书率不低于 78%", "不低于 78%", "不低于"),  # known edit of plan
    ],
)
def test_qualifiers(sentence: str, raw: str, qualifier: str) -> None:
    found = only(sentence)
    assert (found[0], found[3]) == (raw, qualifier)


# ---------------------------------------------------------------------------------------------
# What is not an indicator


@pytest.mark.parametrize(
    "sentence",
    [
        "——2024 年 1 月 16 日上海市杨浦区第十七届",  # dates
        "2023 年是全面贯彻党的二十大精神的开局之年",  # a year is context
        "2024 年是中华人民共和国成立 75 周年",  # an anniversary
        "推动轨道交通20号线、隆昌路越江隧道项目建设",  # a line's name
        "杨浦培养输送的优秀运动员在杭州第 19 届亚运会上",  # an ordinal
        "围绕“1+2+3+4”创新型现代化产业体系发力",  # a slogan
        "加快推进228街坊中外圈、龙江路、怀德路等美丽街区项目",  # a plot number
        "深化区“1+X+12”稳增长工作机制",  # a code
        "制定印发《杨浦区数字新赛道三年实施方案（2023-2025 年）》",  # a period
        "持续推进NICE2035 赤峰路国际创意设计街区建设",  # a name
        "1.前瞻布局新赛道",  # a list number
    ],
)
def test_noise_is_not_a_quantity(sentence: str) -> None:
    assert extract_quantities(sentence) == ()


def test_years_are_kept_as_context() -> None:
    assert extract_years("编制下达 2024 年杨浦区碳达峰及节能减排重点工作安排") == (2024,)
    assert extract_years("《杨浦区数字新赛道三年实施方案（2023-2025 年）》") == (2023, 2025)


def test_codes_next_to_a_count_are_ignored_but_the_count_kept() -> None:
    found = extract_quantities("新增 1 个 G1 级示范性智慧停车场")
    assert [q.raw for q in found] == ["1 个"]


# ---------------------------------------------------------------------------------------------
# Indicators: keys and roles


def test_summary_main_targets_are_targets_with_telling_keys() -> None:
    indicators = extract_indicators(outline("summary2025"), options=OPTIONS)
    by_raw = {(i.quantity.raw, i.line): i for i in indicators}
    main = [i for i in indicators if i.quantity.kind == "percent"][:3]
    assert [i.quantity.raw for i in main] == ["5%", "3%", "5%"]
    assert "地区生产总值" in main[0].key and "增长" in main[0].key
    assert "区级财政收入" in main[1].phrase and main[1].indicator_id == "budget_revenue"
    assert "固定资产" in main[2].key
    assert all(i.role == "target" for i in indicators)
    version = next(i for (raw, _), i in by_raw.items() if raw == "8.0版")
    assert "营商环境" in version.key and version.key.endswith("版本")


def test_plan_review_numbers_are_outcomes_and_plan_numbers_targets() -> None:
    indicators = extract_indicators(outline("plan2024"), options=OPTIONS)
    revenue = next(i for i in indicators if i.quantity.raw == "154.99 亿元")
    assert revenue.role == "outcome"
    assert "区级财政收入" in revenue.phrase and revenue.indicator_id == "budget_revenue"
    growth = next(
        i for i in indicators if "区级财政收入" in i.phrase and i.quantity.raw == "6%以上"
    )
    assert growth.role == "target"
    # 同比增长 8% borrows its subject from the clause before.
    revenue_growth = next(i for i in indicators if i.quantity.raw == "8%" and "财政" in i.sentence)
    assert "区级财政收入" in revenue_growth.phrase


def test_a_figure_already_reached_in_a_plan_is_an_outcome() -> None:
    indicators = extract_indicators(outline("compilation2025"), options=OPTIONS)
    base = next(i for i in indicators if i.quantity.raw == "47个" and "已有47个" in i.sentence)
    assert base.role == "outcome"
    plan = next(i for i in indicators if i.quantity.raw == "49项" and "已有47个" in i.sentence)
    assert plan.role == "outcome"  # 在已有47个…和49项…基础上: both already reached


def test_hard_wrapped_targets_read_whole_after_repair() -> None:
    # The plan's main-target paragraph is wrapped over four lines of the PDF text layer (L1135–
    # L1138); repair joins them, so each target keeps the words its line break cut.
    targets = [
        i
        for i in extract_indicators(outline("plan2024"), options=OPTIONS)
        if 1133 <= i.line <= 1141
    ]
    keys = [i.key for i in targets]
    assert len(keys) == 6
    assert "地区生产总值" in keys[0]
    assert "商品销售总额" in keys[2]
    assert "固定资产" in keys[4]
    assert all(i.role == "target" for i in targets)


# ---------------------------------------------------------------------------------------------
# Pairing across editions


@pytest.mark.parametrize(
    "old, new, before, after",
    [
        ("tasks2023", "plan2024", "6.0版", "7.0版"),
        ("plan2024", "compilation2025", "7.0版", "8.0版"),
        ("plan2024", "summary2025", "7.0版", "8.0版"),
    ],
)
def test_business_environment_plan_is_tracked(old: str, new: str, before: str, after: str) -> None:
    shift = find(shifts(old, new), "value_changed", "营商环境")
    assert shift.old is not None and shift.new is not None
    assert shift.old.quantity.raw.replace(" ", "") == before
    assert shift.new.quantity.raw.replace(" ", "") == after
    assert "营商环境" in shift.indicator


def test_compilation_and_summary_agree_on_version_8() -> None:
    shift = find(shifts("compilation2025", "summary2025"), "unchanged", "营商环境")
    assert shift.new is not None and shift.new.quantity.value == Decimal("8.0")
    agreed = find(shifts("compilation2025", "summary2025", "summary"), "agrees", "营商环境")
    assert agreed.change is None


def test_2024_main_targets_pair_with_2025_main_targets_qualifiers_included() -> None:
    items = shifts("plan2024", "summary2025")
    gdp = find(items, "qualifier_changed", "地区生产总值")
    assert (gdp.old and gdp.old.quantity.raw, gdp.new and gdp.new.quantity.raw) == ("5%以上", "5%")
    assert gdp.change == "以上 → (none)"
    revenue = find(items, "value_changed", "区级财政收入")
    assert revenue.change == "-3个百分点; 以上 → (none)"
    investment = find(items, "value_changed", "固定资产")
    assert investment.change == "-1个百分点; 以上 → (none)"
    for dropped in ("社会消费品零售总额", "商品销售", "第三产业"):
        assert find(items, "dropped", dropped).old is not None


def test_unchanged_targets_are_reported() -> None:
    items = shifts("plan2024", "summary2025")
    lifts = next(s for s in items if s.kind == "unchanged" and "电梯" in s.indicator)
    assert lifts.old is not None and lifts.old.quantity.value == Decimal(300)
    assert find(items, "unchanged", "美丽家园").change is None


def test_last_years_target_against_its_outcome_is_a_table_of_its_own() -> None:
    comparison = compare_with_outcomes(
        outline("plan2024"), outline("compilation2025"), options=OPTIONS
    )
    assert not any(s.old and s.new and s.old.role != s.new.role for s in comparison.shifts)
    beds = next(row for row in comparison.outcomes if row.indicator.endswith("新增养老床位"))
    assert beds.outcome is not None
    assert (beds.target.role, beds.outcome.role) == ("target", "outcome")
    assert (beds.target.quantity.raw, beds.outcome.quantity.raw) == ("300 张", "335张")
    assert beds.difference == "+35张"


def test_added_and_dropped_are_targets_only_by_default() -> None:
    items = shifts("plan2024", "summary2025")
    alone = [s for s in items if s.kind in ("added", "dropped")]
    assert alone
    for shift in alone:
        side = shift.new or shift.old
        assert side is not None and (side.role == "target" or side.quantity.kind == "version")
    wide = compare_numbers(
        outline("plan2024"), outline("summary2025"), options=OPTIONS.evolve(numbers_all=True)
    )
    assert len(wide) > len(items)


def test_shifts_are_sorted_by_kind_importance_and_deterministic() -> None:
    items = shifts("plan2024", "summary2025")
    ranks = [SHIFT_KINDS.index(s.kind) for s in items]
    assert ranks == sorted(ranks)
    again = compare_numbers(outline("plan2024"), outline("summary2025"), options=OPTIONS)
    assert [s.as_record() for s in again] == [s.as_record() for s in items]


def test_shift_record_shape() -> None:
    record = find(shifts("plan2024", "summary2025"), "value_changed", "区级财政收入").as_record()
    assert set(record) >= {
        "indicator",
        "kind",
        "old",
        "new",
        "change",
        "old_sentence",
        "new_sentence",
    }
    assert set(record["old"]) >= {"raw", "value", "unit", "qualifier", "role"}
    assert record["old"]["value"] == "6" and record["new"]["value"] == "3"
    assert set(record["new_sentence"]) == {"section_id", "section_title", "text", "line"}
    json.dumps(record, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Accuracy against the hand-made truth lists (benchmarks/numbers_accuracy.py)


def _benchmark() -> object:
    spec = importlib.util.spec_from_file_location(
        "numbers_accuracy", ROOT / "benchmarks" / "numbers_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["numbers_accuracy"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "truth", sorted(p.name for p in (ROOT / "fixtures" / "number-truth").glob("plan2024-to-*.toml"))
)
def test_precision_and_recall_against_truth(truth: str) -> None:
    result = _benchmark().evaluate(ROOT / "fixtures" / "number-truth" / truth)  # type: ignore[attr-defined]
    assert result["precision"] >= 0.9, result["wrong"]
    assert result["recall"] >= 0.9, result["misses"]


# ---------------------------------------------------------------------------------------------
# Command line


def test_cli_lists_one_reports_numbers_as_text_json_and_csv() -> None:
    path = SEED_FILES["summary2025"]
    text = invoke(["numbers", path, "--color", "never"]).stdout
    assert "8.0版" in text and "地区生产总值" in text
    records = json.loads(invoke(["numbers", path, "--format", "json"]).stdout)
    assert records["schema"] == "reportdiff.numbers/1"
    assert records["stats"]["indicators"] == len(records["indicators"]) > 10
    rows = list(csv.DictReader(io.StringIO(invoke(["numbers", path, "--format", "csv"]).stdout)))
    assert len(rows) == len(records["indicators"])
    assert rows[0]["raw"] == "5%" and rows[0]["role"] == "target"


def test_cli_compares_two_editions() -> None:
    result = invoke(
        [
            "numbers",
            SEED_FILES["plan2024"],
            SEED_FILES["summary2025"],
            "--mode",
            "editions",
            "--format",
            "json",
        ]
    )
    records = json.loads(result.stdout)
    kinds = {s["kind"] for s in records["shifts"]}
    assert {"value_changed", "qualifier_changed", "added", "dropped", "unchanged"} <= kinds
    text = invoke(
        [
            "numbers",
            SEED_FILES["plan2024"],
            SEED_FILES["summary2025"],
            "--mode",
            "editions",
            "--color",
            "never",
        ]
    ).stdout
    assert "6%以上 → 3%" in text and "\033[" not in text
    coloured = render(records, "text", RenderContext(color=True))
    assert isinstance(coloured, str) and "\033[31m6%以上" in coloured


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = invoke(["numbers", tmp_path / "missing.txt"], expect=2)
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "missing.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_known_edits_of_the_summary_are_each_found() -> None:
    from reportdiff.load import load_bytes

    text = SEED_FILES["summary2025"].read_text("utf-8")
    edited = (
        text.replace("新增5—6所保育特色幼儿园", "新增5—6家保育特色幼儿园")
        .replace("加装300台电梯", "加装350台电梯")
        .replace("达标面积超过40%", "达标面积40%左右")
        .replace("升级推出营商环境8.0版改革方案", "升级推出营商环境9.0版改革方案")
    )
    old = outline("summary2025")
    new = build_outline(
        load_bytes(edited.encode("utf-8"), source="edited.txt", options=OPTIONS), options=OPTIONS
    )
    found = compare_numbers(old, new, options=OPTIONS)
    changed = {(s.kind, s.change) for s in found if s.kind != "unchanged"}
    assert changed == {
        ("unit_changed", "5—6所 → 5—6家"),
        ("value_changed", "+50台"),
        ("qualifier_changed", "超过 → 左右"),
        ("value_changed", "8.0 → 9.0"),
    }


def test_glossary_numbers_are_not_targets() -> None:
    indicators = extract_indicators(outline("huangpu2025"), options=OPTIONS)
    area = next(i for i in indicators if i.quantity.raw == "约58公顷")
    assert area.role == "outcome"
    budget = next(i for i in indicators if i.quantity.raw == "2%" and "一般公共预算" in i.key)
    assert budget.role == "target"
    review = next(i for i in indicators if i.quantity.raw == "299.40亿元")
    assert review.role == "outcome"
