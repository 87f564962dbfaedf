"""repair(): the paragraphs a reader sees, rebuilt from what real files look like."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from reportdiff.grammar import display_width
from reportdiff.load import load, load_bytes
from reportdiff.model import Block, BlockKind, Document
from reportdiff.options import Options
from reportdiff.readers.text import read as read_text
from reportdiff.repair import Repaired, repair
from tests.conftest import SEED_FILES, invoke


@cache
def doc(name: str) -> Document:
    return load(SEED_FILES[name], options=Options())


def raw_lines(name: str) -> list[str]:
    return SEED_FILES[name].read_text("utf-8").split("\n")


def repair_text(lines: tuple[str, ...]) -> Repaired:
    """Lines of a text file, read as the text reader reads them, then repaired."""
    return repair(read_text("\n".join(lines).encode("utf-8"), "x.txt", Options()))


def block_containing(document: Document, needle: str) -> str:
    hits = [b.text for b in document.blocks if needle in b.text]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


# --- the 2024 plan: PDF text layer ----------------------------------------------------------------


def test_plan_hard_wraps_are_joined_and_the_split_7_0_sentence_is_whole() -> None:
    text = block_containing(doc("plan2024"), "营商环境 7.0 版方案")
    assert (
        "持续发力优化营商环境，制定优化营商环境 7.0 版方案，"
        "打造具有杨浦特色优势的营商环境特色品牌。"
    ) in text
    # The paragraph runs over 40 source lines; each piece keeps its own line for citing.
    block = next(b for b in doc("plan2024").blocks if "营商环境 7.0 版方案" in b.text)
    assert block.line == 1247 and block.end_line == 1337
    assert block.line_at(text.index("营商环境 7.0 版方案")) == 1314


def test_plan_page_numbers_are_gone() -> None:
    texts = [b.text for b in doc("plan2024").blocks]
    assert not any(re.fullmatch(r"-\s*\d+\s*-", t) for t in texts)
    assert not any("- 8 -" in t or "- 24 -" in t or "- 28 -" in t for t in texts)
    assert any("3 page-number lines" in w for w in doc("plan2024").warnings)


def test_plan_footnotes_are_footnotes_not_body_text() -> None:
    document = doc("plan2024")
    assert [f.marker for f in document.footnotes] == [str(i) for i in range(1, 16)]
    first = document.footnotes[0]
    assert first.line == 80
    assert first.text.startswith("“1+X+12”稳增长工作机制：“1”指区府办、区发改委和区统计局")
    # ... and its wrapped second line too
    assert first.text.endswith("“12”指由各街道组成的属地化服务经济工作组")
    body = "\n".join(b.text for b in document.blocks)
    assert "稳增长工作机制：“1”指区府办" not in body
    # The marker on its own line is dropped and the sentence it interrupted is joined back.
    assert "深化区“1+X+12”稳增长工作机制，抓实“两清单一主题”调度机制，聚焦跨区域" in body
    # Text after a footnote body at the foot of the page continues the paragraph.
    assert "市级“专精特新”中小企业、市科技小巨人企业总量继续位居中心城区前列。" in body
    # A footnote that runs over a page number ends there (the table after it is not swallowed).
    sixth = document.footnotes[5]
    assert sixth.text.endswith("接力营商服务最后一公里")
    assert any(b.text == "生活数字化" for b in document.blocks)


def test_plan_numbers_at_line_start_are_not_taken_for_footnotes() -> None:
    body = "\n".join(b.text for b in doc("plan2024").blocks)
    assert (
        "企业技术中心累计培育 100 家，已提前完成“十四五”期末目标。"
        "4 家企业入选全市首批创新型企业总部"
    ) in body
    assert "1 渭南路（平凉路-杨树浦路）道路拓宽改建工程 开工 已开工" in body  # a table row


def test_plan_headings_stay_apart_and_a_wrapped_heading_is_whole() -> None:
    texts = [b.text for b in doc("plan2024").blocks]
    assert "一、2023 年国民经济和社会发展计划执行情况" in texts
    assert "（一）区域经济运行恢复向好，创新型现代化产业体系加快建设" in texts
    assert "（一）聚力经济稳增长，全力促进经济平稳健康运行" in texts
    assert "各位代表：" in texts


def test_plan_tables_become_rows() -> None:
    blocks = doc("plan2024").blocks
    rows = [b for b in blocks if b.kind is BlockKind.TABLE_ROW]
    captions = [b.text for b in rows if b.text.startswith("表 ")]
    assert captions == [
        f"表 {i} {t}"
        for i, t in enumerate(
            [
                "产业发展进展情况",
                "城区数字化转型推进情况",
                "四大功能区载体建设情况",
                "年度基础设施“双十”项目进展情况",
                "民生保障情况",
                "社会事业发展情况",
                "社会治理情况",
                "生态文明建设推进情况",
                "社会发展",
                "绿色低碳",
            ],
            start=1,
        )
    ]
    texts = [b.text for b in rows]
    # A wrapped cell is one row; a row does not swallow the next one.
    assert (
        "● 全面贯彻落实《上海市提信心扩需求稳增长促发展行动方案》，"
        "制定出台《杨浦区提信心扩需求稳增长促发展行动方案》"
    ) in texts
    assert "● 制定印发《杨浦区数字新赛道三年实施方案（2023-2025 年）》" in texts
    # A numbered table (序号 1…20) has one row per number, even when rows fill the column.
    numbered = [t for t in texts if re.match(r"\d{1,2} ", t)]
    assert [int(t.split()[0]) for t in numbered] == [i for i in range(1, 21) if i != 15]
    assert "2 福宁路（齐齐哈尔路-广州路桥）道路新建工程 开工 已开工" in texts
    # Body text after a table is body again.
    after = next(b for b in blocks if b.text.startswith("有效投资规模持续扩大。"))
    assert after.kind is BlockKind.PARAGRAPH and after.line == 151


def test_plan_stray_last_line_is_dropped() -> None:
    assert doc("plan2024").blocks[-1].text.startswith("同时，杨浦将结合中期评估成果")
    assert not any("\ufffd" in b.text for b in doc("plan2024").blocks)


def test_plan_title_lines_are_not_glued_to_the_issuer() -> None:
    texts = [b.text for b in doc("plan2024").blocks[:6]]
    assert texts[-1] == "杨浦区发展和改革委员会"


# --- the other seeds ------------------------------------------------------------------------


def test_summary_words_split_across_blank_lines_are_joined() -> None:
    document = doc("summary2025")
    joined = block_containing(document, "滚动推进100项重大项目")
    assert "积极建设上海数实融合直播经济集聚区。滚动推进100项重大项目" in joined
    assert "着力构建安全风险分级管控" in block_containing(document, "着力构建")
    assert "推行企业创新顾问制度。稳步推进" in block_containing(document, "企业创新顾问制")
    # Headline lists (short lines without end punctuation) stay one line each.
    assert "地区生产总值同比增长5%" in [b.text for b in document.blocks]


def test_huangpu_web_chrome_is_dropped() -> None:
    document = doc("huangpu2025")
    assert document.blocks[0].text == "2025年上海市黄浦区政府工作报告"
    assert document.blocks[0].line == 8
    texts = {b.text for b in document.blocks}
    assert not texts & {"注册 | 登录", "筛选地域", "0/0", "笔记", "复制", "写下来"}
    assert document.blocks[-1].text.startswith("即以“全覆盖走访能力”为基础能力底面")


def test_compilation_bracket_footnote() -> None:
    document = doc("compilation2025")
    assert [(f.marker, f.line) for f in document.footnotes] == [("[1]", 258)]
    assert "“双百”企业前十榜单" in block_containing(document, "“双百”企业")


def test_one_line_paragraphs_keep_their_line() -> None:
    lines = raw_lines("huangpu2025")
    for block in doc("huangpu2025").blocks:
        assert block.line == block.end_line
        assert lines[block.line - 1].strip() == block.text


# --- encodings, line ends, invisible characters ---------------------------------------------


def _signature(document: Document) -> list[tuple[str, int, int]]:
    return [(b.text, b.line, b.end_line) for b in document.blocks]


@pytest.mark.parametrize("name", ["summary2025", "plan2024"])
def test_crlf_and_cr_line_ends_change_nothing(name: str) -> None:
    data = SEED_FILES[name].read_bytes()
    expected = _signature(load_bytes(data, source="x.txt"))
    assert _signature(load_bytes(data.replace(b"\n", b"\r\n"), source="x.txt")) == expected
    assert _signature(load_bytes(data.replace(b"\n", b"\r"), source="x.txt")) == expected


def test_gb18030_copy_reads_the_same() -> None:
    text = SEED_FILES["huangpu2025"].read_text("utf-8")
    document = load_bytes(text.encode("gb18030"), source="x.txt")
    assert document.encoding == "gb18030"
    assert _signature(document) == _signature(load_bytes(text.encode("utf-8"), source="x.txt"))


def test_zero_width_and_ideographic_spaces_are_cleaned() -> None:
    lines = ("各位代表\u200b：", "", "\u3000\u3000现在,我代表区人民政府作报告\ufeff,请予审议。")
    blocks = repair_text(lines).blocks
    assert [b.text for b in blocks] == ["各位代表：", "现在,我代表区人民政府作报告,请予审议。"]


def test_page_number_styles() -> None:
    lines = ("一、总体情况", "第 8 页", "正文第一段。", "- 9 -", "第 9 页 共 20 页", "正文第二段。")
    repaired = repair_text(lines)
    assert [b.text for b in repaired.blocks] == ["一、总体情况", "正文第一段。", "正文第二段。"]
    assert any("3 page-number lines" in n for n in repaired.warnings)


def _hard_wrap(text: str, width: int) -> str:
    """Wrap every paragraph at ``width`` cells with a blank line between lines, as PDF layers do."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            continue
        line = ""
        for ch in paragraph:
            if display_width(line + ch) > width:
                out += [line, ""]
                line = ""
            line += ch
        out += [line, ""]
    return "\n".join(out)


@pytest.mark.parametrize("width", [26, 30, 34])
def test_hard_wrapped_copy_of_a_report_reads_back_as_the_same_text(width: int) -> None:
    """A known edit: re-wrap the huangpu body as a PDF would (blank line between wrapped lines).

    Every sentence comes back whole and in order. Paragraph ends are ambiguous in plain text when a
    paragraph's last line happens to be full; those not starting with a topic sentence may merge
    with the next, so we ask for nearly all, not all, paragraph boundaries.
    """
    lines = SEED_FILES["huangpu2025"].read_text("utf-8").split("\n")
    body = "\n".join(lines[16:143])  # from 一、 to the closing paragraph
    original = load_bytes(body.encode(), source="x.txt").blocks
    wrapped = load_bytes(_hard_wrap(body, width).encode(), source="x.txt")

    def squeeze(blocks: tuple[Block, ...]) -> str:  # a space that fell on a wrap point is lost
        return re.sub(r"\s", "", "".join(b.text for b in blocks))

    assert squeeze(wrapped.blocks) == squeeze(original)
    starts = {b.text[:20] for b in wrapped.blocks}
    recovered = sum(1 for b in original if b.text[:20] in starts)
    assert recovered >= 0.9 * len(original), (recovered, len(original))
    # Headings are never glued to the text after them.
    texts = [b.text for b in wrapped.blocks]
    assert "(一)区域经济发展稳中有进" in texts and "二、2025年工作计划" in texts
    assert any("joined" in w for w in wrapped.warnings)


# --- the same report from two sources: no content changes --------------------------------------

PAIRS = SEED_FILES["huangpu2025"].parent.parent / "pairs"
WEB_HEAD = [
    "下载",
    "打印",
    "全屏",
    "收藏",
    "【字号：",
    "加大",
    "还原",
    "减小",
    "】",
]
WEB_TAIL = [
    "相关报道：",
    "温家宝：今年经济增长预期目标8%左右",
    "图解政府工作报告",
    "打印本页",
    "关闭窗口",
]


def _wrapped(paragraph: str, width: int) -> list[str]:
    out, line = [], ""
    for ch in paragraph:
        if display_width(line + ch) > width:
            out.append(line)
            line = ""
        line += ch
    return [*out, line]


def _newspaper_copy_of_wikisource(wikisource: str) -> str:
    """The same report as a news site prints it: its paragraphs (in the Wikisource copy, the
    blank-line-separated groups of lines: a wiki link breaks a line, never leaves a blank one)
    hard-wrapped at 30 cells with page numbers every 40 lines, the site's navigation, source,
    time and photo caption around it, its own footer instead of the licence."""
    body = wikisource.split("本作品是中华人民共和国的")[0]
    paragraphs = [
        "".join(line.strip().replace("\u3000", "") for line in group.splitlines())
        for group in re.split(r"\n\s*\n", body)
        if group.strip()
    ]
    out = [
        *WEB_HEAD,
        "来源：新华网",
        "时间：2006-03-14 10:21:33",
        "温家宝作政府工作报告。新华社记者 王建民 摄",
        "",
    ]
    count = 0
    for paragraph in paragraphs:
        for piece in _wrapped(paragraph, 30):
            out.append(piece)
            count += 1
            if count % 40 == 0:
                out += ["", f"- {count // 40} -", ""]
        out.append("")
    out += ["（来源：新华网）", "责任编辑：张三", *WEB_TAIL]
    return "\n".join(out) + "\n"


def _content_changes(old: Path, new: Path) -> dict[str, Any]:
    result = invoke(["diff", str(old), str(new), "--format", "json"])
    records: dict[str, Any] = json.loads(result.stdout)
    return records


def test_wikisource_copy_against_a_newspaper_copy_has_no_changes(tmp_path: Path) -> None:
    """National 2006 from Wikisource (12 link breaks mid-sentence, some inside headings, the
    licence footer) against the same text re-wrapped inside a news page: nothing changed."""
    wikisource = PAIRS / "national-2006-wikisource.txt"
    news = tmp_path / "news.txt"
    news.write_text(_newspaper_copy_of_wikisource(wikisource.read_text("utf-8")), "utf-8")
    records = _content_changes(wikisource, news)
    assert records["changes"] == []
    assert records["stats"]["changes"]["unchanged"] > 120
    assert {section["status"] for section in records["sections"]} == {"matched"}
    old = load(wikisource)
    assert any("licence footer" in warning for warning in old.warnings)
    heading = next(block.text for block in old.blocks if block.text.startswith("三、"))
    assert heading == "三、关于《国民经济和社会发展第十一个五年规划纲要（草案）》的说明"
    assert old.blocks[-1].text.endswith("更具有科学性。")


def test_provincial_docx_against_a_scraped_text_copy_has_no_changes(tmp_path: Path) -> None:
    """Hebei 2025 as the archive's .docx against a scraped .txt copy of its paragraphs (the news
    site's tools, source, time and caption around them): nothing changed, line map kept."""
    import docx

    original = PAIRS / "hebei-2025.docx"
    paragraphs = [p.text for p in docx.Document(str(original)).paragraphs]
    title, meeting, *rest = paragraphs
    scraped = [
        *WEB_HEAD,
        title,
        meeting,
        "来源：河北日报",
        "时间：2025-01-20",
        "王正谱作政府工作报告。本报记者 霍艳恩摄",
        *[p for p in rest if not p.startswith("来源：")],
        "相关报道：",
    ]
    copy = tmp_path / "hebei.txt"
    copy.write_text("\n".join(scraped) + "\n", "utf-8")
    records = _content_changes(original, copy)
    assert records["changes"] == []
    assert {section["status"] for section in records["sections"]} == {"matched"}
    loaded = load(copy)
    assert [b.text for b in loaded.blocks[:2]] == [title, meeting]
    assert loaded.blocks[0].line == len(WEB_HEAD) + 1  # the line the user's file has it on
