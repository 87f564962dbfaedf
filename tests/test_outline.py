"""The outline of each real seed: sections, kinds, titles, sentences and their source lines."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff.errors import InputError
from reportdiff.load import load, load_bytes
from reportdiff.model import Outline, Section, SectionKind
from reportdiff.options import Options
from reportdiff.outline import build_outline
from reportdiff.render import RenderContext, render
from reportdiff.text import split_sentences
from tests.conftest import SEED_FILES, invoke

SCHEMA = Path(__file__).resolve().parent.parent / "reportdiff" / "schemas" / "outline.schema.json"


@cache
def outline(name: str) -> Outline:
    return build_outline(load(SEED_FILES[name], options=Options()), options=Options())


def top(name: str) -> tuple[Section, ...]:
    return outline(name).root.children


def find(name: str, title: str) -> Section:
    hits = [s for s in outline(name).iter_sections() if s.title == title]
    assert len(hits) == 1, (title, [(s.id, s.title) for s in hits])
    return hits[0]


# --- 2023 tasks: numbered run-in items ----------------------------------------------------------


def test_tasks_are_22_run_in_headings_under_a_title_block() -> None:
    sections = top("tasks2023")
    assert outline("tasks2023").title == "2023 年区委、区政府重点工作任务"
    assert sections[0].kind is SectionKind.TITLE_BLOCK
    tasks = sections[1:]
    assert [s.number for s in tasks] == [f"{i}." for i in range(1, 23)]
    assert all(s.kind is SectionKind.HEADING and s.level == 1 and not s.children for s in tasks)
    second = tasks[1]
    assert second.title == "推动产业提质升级"  # the lead sentence, without its end mark
    assert second.line == 5
    assert second.sentences[0].text == "结合第五次全国经济普查,加强区域产业组织、结构、形态调查。"
    assert tasks[0].title == "深入学习贯彻党的二十大精神和习近平总书记考察上海重要讲话精神"


# --- 2024 plan: PDF layer, leads, tables, items ---------------------------------------------------


def test_plan_top_level_and_title() -> None:
    assert outline("plan2024").title == (
        "关于上海市杨浦区 2023 年国民经济和社会发展计划执行情况与 "
        "2024 年国民经济和社会发展计划草案的报告"
    )
    kinds = [(s.kind, s.number, s.line) for s in top("plan2024")]
    assert kinds == [
        (SectionKind.TITLE_BLOCK, None, 1),
        (SectionKind.SALUTATION, None, 11),
        (SectionKind.HEADING, "一、", 19),
        (SectionKind.HEADING, "二、", 1107),
        (SectionKind.HEADING, "三、", 1143),
    ]
    salutation = top("plan2024")[1]
    assert salutation.sentences[0].text.startswith("受杨浦区人民政府委托")


PAREN_NUMBERS = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]


def test_plan_subsections_leads_and_tables() -> None:
    first, _, third = top("plan2024")[2:]
    assert [c.number for c in first.children] == PAREN_NUMBERS
    # A heading wrapped over two lines is whole.
    assert first.children[0].title == "区域经济运行恢复向好，创新型现代化产业体系加快建设"
    leads = [c.title for c in first.children[0].children]
    assert leads == [
        "主要经济指标韧性增长",
        "现代化产业体系加速建设",
        "有效投资规模持续扩大",
        "消费市场稳步复苏回暖",
        "外资外贸不断稳中提质",
        "招商引资积蓄增长动能",
    ]
    assert all(c.kind is SectionKind.LEAD for c in first.children[0].children)
    tables = [s for s in outline("plan2024").iter_sections() if s.kind is SectionKind.TABLE]
    assert [t.number for t in tables] == [f"表 {i}" for i in range(1, 11)]
    table1 = tables[0]
    assert table1.title == "产业发展进展情况" and table1.line == 103
    assert find("plan2024", "现代化产业体系加速建设").children == (table1,)
    rows = [p.text for p in table1.paragraphs]
    assert rows[0] == "主要领域 主要进展" and "政策供给" in rows
    # The body after a table is not part of the table.
    assert find("plan2024", "有效投资规模持续扩大").kind is SectionKind.LEAD
    assert [c.number for c in third.children] == PAREN_NUMBERS


def test_plan_no_headings_from_running_text_or_footnote_digits() -> None:
    styles = {s.style for s in outline("plan2024").iter_sections()}
    assert "num-dot" not in styles and "num-paren" not in styles
    body = " ".join(s.text for s in outline("plan2024").root.all_sentences())
    assert "“1+X+12”稳增长工作机制：“1”指" not in body
    assert outline("plan2024").document.footnotes[0].text.startswith("“1+X+12”稳增长工作机制")


def test_plan_items_start_their_own_sentence() -> None:
    innovation = next(c for c in top("plan2024")[4].children if c.number == "（二）")
    items = [(s.item, s.text) for s in innovation.sentences if s.item]
    assert [i for i, _ in items] == ["一是", "二是", "三是", "四是", "五是"]
    assert items[0][1] == "一是创新策源再强化。"
    seven = [s for s in innovation.sentences if "营商环境 7.0 版方案" in s.text]
    assert [(s.text, s.line) for s in seven] == [
        (
            "持续发力优化营商环境，制定优化营商环境 7.0 版方案，"
            "打造具有杨浦特色优势的营商环境特色品牌。",
            1312,
        )
    ]


def test_plan_every_sentence_line_is_where_it_starts() -> None:
    _check_sentence_lines("plan2024")


# --- 2025 compilation: TOC and eleven bureau chapters ------------------------------------

BUREAUS = [
    "(杨浦区发展改革委)",
    "(杨浦区科技经济委员会)",
    "(杨浦区住房保障房屋管理局)",
    "(杨浦区建设和管理委员会)",
    "(杨浦区民政局)",
    "(杨浦区规划资源局)",
    "(杨浦区人力资源社会保障局)",
    "(杨浦区数据局)",
    "(杨浦区卫生健康委)",
    "(杨浦区教育局)",
    "(杨浦区文化和旅游局)",
]


def test_compilation_has_eleven_chapters_each_with_its_bureau() -> None:
    sections = top("compilation2025")
    assert [s.kind for s in sections[:2]] == [SectionKind.TITLE_BLOCK, SectionKind.TOC]
    chapters = sections[2:]
    assert [c.byline for c in chapters] == BUREAUS
    assert all(c.kind is SectionKind.TITLE and c.level == 1 for c in chapters)
    assert chapters[0].title == "推动数字经济蓬勃发展"
    assert chapters[10].title == "提升城区文化软实力"
    # The second chapter's title is missing from the body: it comes from the table of contents.
    assert chapters[1].title == "强化创新驱动 推动高水平创新" and chapters[1].line == 29
    assert any(
        w.startswith("line 29: chapter 2 has no title line") and "table of contents" in w
        for w in outline("compilation2025").document.warnings
    )
    assert outline("compilation2025").title == (
        "上海市杨浦区2024年政府有关工作情况和2025年主要工作汇编"
    )


def test_compilation_toc_is_labelled_not_duplicated() -> None:
    toc = top("compilation2025")[1]
    assert toc.title == "目 录" and not toc.children
    assert len(toc.sentences) == 11
    assert (
        sum(
            1
            for s in outline("compilation2025").iter_sections()
            if s.title == "推动数字经济蓬勃发展"
        )
        == 1
    )


def test_compilation_nesting_follows_fixed_style_order() -> None:
    housing = top("compilation2025")[4]
    first = housing.children[0]
    assert first.heading == "一、2024年工作情况"
    assert [c.number for c in first.children] == ["(一)", "(二)"]
    assert [c.number for c in first.children[0].children] == ["1.", "2.", "3."]
    # A chapter that skips （一） still nests 1. under 一、.
    economy = top("compilation2025")[2].children[0]
    assert [c.number for c in economy.children] == ["1.", "2.", "3.", "4."]


def test_compilation_run_in_heading_title_and_body() -> None:
    built = find("compilation2025", "“建”新,提升市政基础设施保障力")
    assert built.number == "(一)"
    assert built.sentences[0].item == "一是"
    assert built.sentences[0].text.startswith("一是加快推进轨道交通")


# --- 2025 summary: ▶ headings, headline lists, leads, the duplicated block -----------------


def test_summary_bullets_and_headline_lists() -> None:
    sections = top("summary2025")
    assert [s.kind for s in sections[:3]] == [
        SectionKind.TITLE_BLOCK,
        SectionKind.PREAMBLE,
        SectionKind.TITLE,
    ]
    assert outline("summary2025").title == "《政府工作报告》摘要"
    targets = sections[2]
    assert targets.title == "今年全区经济社会发展的主要目标"
    assert [s.text for s in targets.sentences] == [
        "地区生产总值同比增长5%",
        "区级财政收入同比增长3%",
        "全社会固定资产投资总额同比增长5%",
    ]
    bullets = sections[3:]
    assert [b.number for b in bullets] == ["▶"] * 5
    assert [b.kind for b in bullets] == [SectionKind.BULLET] * 5
    assert bullets[0].title == "全力以赴兴产业、强动能,构筑区域发展新增长极"
    # The headline list under a ▶ heading is its body, not a run of titles.
    assert bullets[0].sentences[0].text == (
        "加快构建以数字经济为核心主导的“1+2+3+4”创新型现代化产业体系"
    )
    assert len(bullets[0].sentences) == 6
    assert [c.title for c in bullets[0].children] == [
        "推动重点产业发光发热",
        "加速杨浦滨江开发建设",
        "多措并举扩大有效需求",
    ]


def test_summary_duplicated_block_appears_twice() -> None:
    fourth, fifth = top("summary2025")[6:8]
    tail = [(c.title, [s.text for s in c.sentences]) for c in fourth.children[-3:]]
    assert tail == [(c.title, [s.text for s in c.sentences]) for c in fifth.children]
    assert [c.title for c in fifth.children] == ["强化政治引领", "紧抓效能建设", "弘扬严实作风"]


def test_summary_split_word_is_one_sentence_on_its_first_line() -> None:
    lead = find("summary2025", "多措并举扩大有效需求")
    second = lead.sentences[1]
    assert second.text.startswith("滚动推进100项重大项目")
    assert second.line == 41  # 「滚」 ends line 41, 「动推进」 starts line 43


# --- huangpu: chrome, (一) headings, glossary ----------------------------------------------


def test_huangpu_structure_and_glossary() -> None:
    sections = top("huangpu2025")
    assert outline("huangpu2025").title == "2025年上海市黄浦区政府工作报告"
    assert [(s.kind, s.heading) for s in sections] == [
        (SectionKind.TITLE_BLOCK, "2025年上海市黄浦区政府工作报告"),
        (SectionKind.SALUTATION, "各位代表"),
        (SectionKind.HEADING, "一、2024年工作回顾"),
        (SectionKind.HEADING, "二、2025年工作计划"),
        (SectionKind.GLOSSARY, "名词解释"),
    ]
    assert sections[0].line == 8  # web chrome before the title is gone
    review = sections[2]
    assert [c.heading for c in review.children] == [
        "(一)区域经济发展稳中有进",
        "(二)深化改革开放蹄疾步稳",
        "(三)增进民生福祉扎实有力",
        "(四)城区环境品质魅力彰显",
        "(五)政府自身建设不断加强",
    ]
    assert [c.title for c in review.children[0].children] == [
        "经济运行向上向好",
        "要素配置功能增强",
        "创新策源能级提升",
        "消费活力持续释放",
    ]
    # 「各位代表，过去的一年…」 closes the review: it belongs to 一、, not to its last subsection.
    assert [s.line for s in review.sentences if s.text.startswith("各位代表")] == [67]
    nested = [s for c in review.children for s in c.all_sentences()]
    assert not any(s.text.startswith("各位代表") for s in nested)
    glossary = sections[4]
    assert [c.number for c in glossary.children] == [f"{i}、" for i in range(1, 20)]
    assert glossary.children[13].title == "710、702街坊"
    assert all(not c.children for c in glossary.children)
    assert glossary.children[0].sentences[0].text == "位于局门路768号“海军制造飞机处旧址”。"
    everything = " ".join(s.text for s in outline("huangpu2025").root.all_sentences())
    assert "注册" not in everything and "写下来" not in everything


@pytest.mark.parametrize("name", sorted(SEED_FILES))
def test_sentence_lines_point_at_their_text(name: str) -> None:
    _check_sentence_lines(name)


def _check_sentence_lines(name: str) -> None:
    """Each sentence starts on the line it claims: its first characters are at that line's text
    (or, when the sentence begins with the line's last characters, run on into the next lines)."""
    raw = SEED_FILES[name].read_text("utf-8").split("\n")
    squeeze = re.compile(r"\s")
    checked = 0
    for sentence in outline(name).root.all_sentences():
        window = squeeze.sub("", "".join(raw[sentence.line - 1 : sentence.line + 6]))
        head = squeeze.sub("", sentence.text)[:4]
        here = squeeze.sub("", raw[sentence.line - 1])
        assert head[:1] in here and head in window, (sentence.line, sentence.text[:30])
        checked += 1
    assert checked > 40


# --- sentences -----------------------------------------------------------------------------------


def test_sentence_split_keeps_quotes_and_brackets_whole() -> None:
    assert split_sentences("他说：“好。再来。”然后走了。推进（试点。）工作！") == [
        "他说：“好。再来。”然后走了。",
        "推进（试点。）工作！",
    ]
    assert split_sentences("发展……再发展；完成") == ["发展……", "再发展；", "完成"]


def test_items_split_only_in_sequence() -> None:
    text = "围绕三件事：一是抓统一是关键，二是稳增长，三是惠民生。"
    document = load_bytes(("一、总体\n\n" + text).encode(), source="x.txt")
    section = build_outline(document).root.children[0]
    assert [(s.item, s.text) for s in section.sentences] == [
        (None, "围绕三件事："),
        ("一是", "一是抓统一是关键，"),
        ("二是", "二是稳增长，"),
        ("三是", "三是惠民生。"),
    ]


def test_full_width_numbering_is_recognised() -> None:
    text = "一、总体要求\n（１）坚持稳中求进。全面推进。\n１．深化改革。继续深化。\n"
    sections = build_outline(load_bytes(text.encode(), source="x.txt")).root.children
    child = sections[0].children
    assert [(c.number, c.title, c.style) for c in child] == [
        ("（１）", "坚持稳中求进", "num-paren"),
        ("１．", "深化改革", "num-dot"),
    ]


# --- output: JSON schema, text, determinism -------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEED_FILES))
def test_json_output_validates_against_the_schema(name: str) -> None:
    result = invoke(["outline", str(SEED_FILES[name]), "--format", "json"])
    records = json.loads(result.stdout)
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text("utf-8"))).validate(records)
    assert records["schema"] == "reportdiff.outline/1"
    ids = [s["id"] for s in _walk(records["sections"])]
    assert len(ids) == len(set(ids))


def _walk(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for section in sections:
        out.append(section)
        out.extend(_walk(section["children"]))
    return out


def test_text_output_is_an_indented_tree() -> None:
    result = invoke(["outline", str(SEED_FILES["compilation2025"]), "--color", "never"])
    lines = result.stdout.splitlines()
    assert lines[0] == "上海市杨浦区2024年政府有关工作情况和2025年主要工作汇编"
    assert "\x1b[" not in result.stdout
    chapter = next(line for line in lines if line.startswith("4 "))
    assert chapter.startswith("4 强化创新驱动 推动高水平创新 (杨浦区科技经济委员会)")
    assert "[title · L29 ·" in chapter
    assert any(line.startswith("  3.1 一、2024年数字经济发展总体情况") for line in lines)
    coloured = render(outline("compilation2025").as_records(), "text", RenderContext(color=True))
    assert isinstance(coloured, str) and "\x1b[1;36m推动数字经济蓬勃发展" in coloured
    plain = render(outline("compilation2025").as_records(), "text", RenderContext(color=False))
    assert re.sub(r"\x1b\[[0-9;]*m", "", str(coloured)) == plain


def test_output_is_deterministic() -> None:
    first = invoke(["outline", str(SEED_FILES["plan2024"]), "--format", "json"]).stdout_bytes
    second = invoke(["outline", str(SEED_FILES["plan2024"]), "--format", "json"]).stdout_bytes
    assert first == second


def test_headings_marked_by_the_format_nest_by_their_level() -> None:
    """docx/html readers mark headings themselves (BlockKind.HEADING with a level)."""
    from reportdiff.model import BlockKind, Document
    from reportdiff.readers import Extracted, Mark
    from reportdiff.repair import repair

    lines = (
        "2025年政府工作报告",
        "一、工作回顾",
        "（一）经济运行",
        "经济运行向上向好。全年地区生产总值增长5%左右。",
        "二、工作计划",
        "全面深化改革。",
    )
    marks = (
        Mark(1, BlockKind.HEADING, 1),
        Mark(2, BlockKind.HEADING, 2),
        Mark(4, BlockKind.HEADING, 1),
    )
    blocks = repair(Extracted(lines, marks=marks)).blocks
    document = Document(source="x.docx", fmt="docx", encoding=None, blocks=blocks)
    sections = build_outline(document).root.children
    assert [(s.number, s.title, s.level) for s in sections[1:]] == [
        ("一、", "工作回顾", 1),
        ("二、", "工作计划", 1),
    ]
    assert [(c.number, c.title) for c in sections[1].children] == [("（一）", "经济运行")]
    assert sections[1].children[0].children[0].title == "经济运行向上向好"


@pytest.mark.parametrize("name", sorted(SEED_FILES))
def test_no_text_is_lost_or_repeated(name: str) -> None:
    """Headings, bylines and sentences, put in source-line order, give back the repaired text
    exactly (ignoring punctuation, which a heading's title drops)."""
    built = outline(name)
    drop = re.compile(r"[\s。！？；：，、,.;:!?]")
    lines_of = {b.line: b.text for b in built.document.blocks}
    pieces: list[tuple[int, str]] = []
    for section in built.iter_sections():
        in_body = section.kind not in (SectionKind.TITLE_BLOCK, SectionKind.PREAMBLE) and (
            section.style != "chapter" or lines_of.get(section.line) == section.title
        )
        if in_body:  # a chapter title missing from the body comes from the TOC
            pieces.append((section.line, section.heading))
        if section.byline:
            pieces.append((section.line if not in_body else section.line + 1, section.byline))
        pieces += [(s.line, s.text) for s in section.sentences]
    tree = drop.sub("", "".join(text for _, text in sorted(pieces, key=lambda p: p[0])))
    text = drop.sub("", "".join(b.text for b in built.document.blocks))
    assert tree == text


NOISE = "一二三、（）()1２.．▶●表 年。，：；“”各位代表目录名词解释\n\u3000\u200b-第页"
_POOL = [line for path in SEED_FILES.values() for line in path.read_text("utf-8").split("\n")]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_POOL), min_size=1, max_size=30), st.text(alphabet=NOISE, max_size=80)
)
def test_any_mix_of_real_lines_outlines_without_losing_text(lines: list[str], noise: str) -> None:
    """Shuffled real lines plus structural noise: never a crash, every character accounted for."""
    data = ("\n".join(lines) + "\n" + noise).encode()
    try:
        document = load_bytes(data, source="x.txt")
    except InputError:
        return
    built = build_outline(document)
    records = built.as_records()
    assert records["schema"] == "reportdiff.outline/1"
    drop = re.compile(r"[\s。！？；：，、,.;:!?]")
    spoken = "".join(
        (s.heading if s.kind not in (SectionKind.TITLE_BLOCK, SectionKind.PREAMBLE) else "")
        + (s.byline or "")
        + "".join(x.text for x in s.sentences)
        for s in built.iter_sections()
    )
    text = "".join(b.text for b in document.blocks)
    assert sorted(drop.sub("", text)) == sorted(drop.sub("", spoken)) or any(
        s.style == "chapter" for s in built.iter_sections()
    )


@pytest.mark.slow
def test_pdf_of_a_report_outlines_like_its_text(tmp_path: Path) -> None:
    """A known edit: typeset the huangpu report as an A4 PDF (first-line indent, page numbers
    ``- N -``), read it back through the PDF text layer: same sections, same sentences."""
    import html

    from weasyprint import HTML

    lines = [
        line.strip()
        for line in SEED_FILES["huangpu2025"].read_text("utf-8").split("\n")
        if line.strip()
    ][6:-6]  # without the web chrome
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    style = (
        "@page { size: A4; margin: 2cm; @bottom-center { content: '- ' counter(page) ' -'; } }"
        "body { font-family: 'Noto Sans CJK SC'; font-size: 14pt; }"
        "p { text-indent: 2em; margin: 0; }"
    )
    pdf = tmp_path / "huangpu.pdf"
    HTML(string=f"<html><head><style>{style}</style></head><body>{body}</body></html>").write_pdf(
        str(pdf)
    )
    from_pdf = build_outline(load(pdf))
    from_text = outline("huangpu2025")

    def shape(built: Outline) -> list[str]:
        return [f"{s.id}{s.kind.value}{s.heading}".replace(" ", "") for s in built.iter_sections()]

    assert from_pdf.title == from_text.title
    assert shape(from_pdf) == shape(from_text)
    assert [s.text.replace(" ", "") for s in from_pdf.root.all_sentences()] == [
        s.text.replace(" ", "") for s in from_text.root.all_sentences()
    ]


def test_docx_with_heading_styles_outlines_like_its_text(tmp_path: Path) -> None:
    """The huangpu report as Word would have it: 一、 in Heading 1, (一) in Heading 2."""
    import docx

    document = docx.Document()
    for line in SEED_FILES["huangpu2025"].read_text("utf-8").split("\n")[7:224]:
        if not line.strip():
            continue
        if re.match(r"^[一二三四五六七八九十]+、", line):
            document.add_heading(line.strip(), level=1)
        elif re.match(r"^\([一二三四五六七八九十]+\)", line):
            document.add_heading(line.strip(), level=2)
        else:
            document.add_paragraph(line.strip())
    path = tmp_path / "huangpu.docx"
    document.save(str(path))
    from_docx = build_outline(load(path))
    from_text = outline("huangpu2025")
    assert from_docx.title == from_text.title
    assert [(s.id, s.kind, s.heading) for s in from_docx.iter_sections()] == [
        (s.id, s.kind, s.heading) for s in from_text.iter_sections()
    ]
    assert [s.text for s in from_docx.root.all_sentences()] == [
        s.text for s in from_text.root.all_sentences()
    ]


def test_parts_and_chapters_are_the_top_level() -> None:
    text = (
        "第一部分 2024年工作回顾\n一、经济运行\n经济运行向上向好。全年地区生产总值增长5%左右。\n"
        "第二部分 2025年工作安排\n一、总体要求\n坚持稳中求进。\n"
    )
    sections = build_outline(load_bytes(text.encode(), source="x.txt")).root.children
    assert [(s.kind, s.number, s.title) for s in sections] == [
        (SectionKind.PART, "第一部分", "2024年工作回顾"),
        (SectionKind.PART, "第二部分", "2025年工作安排"),
    ]
    assert [c.heading for c in sections[0].children] == ["一、经济运行"]
    assert sections[0].children[0].children[0].title == "经济运行向上向好"
