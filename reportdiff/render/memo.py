"""Change memos for reviewers: diff records → Markdown, self-contained HTML, and PDF (WeasyPrint).

The memo puts what readers look for first (number shifts, then new and dropped commitments), then
the section map and every changed sentence with word-level highlights that survive black-and-white
printing (underline for inserted words, strike-through for deleted ones, plus 〔+ 〕/〔- 〕 marks in
print). Report text is untrusted: templates autoescape it, and WeasyPrint gets a URL fetcher that
refuses everything but inline ``data:`` resources. Nothing run-dependent (no date, no path of this
machine) goes into a memo, so the same inputs give byte-identical files.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

from reportdiff.errors import MissingDependency, RenderError
from reportdiff.render import RenderContext, jinja_env, renderer

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "memo": "变化说明",
        "old": "旧版",
        "new": "新版",
        "file": "文件",
        "title": "标题",
        "mode": "比较方式",
        "editions": "前后版本比较",
        "summary": "摘要与全文比较",
        "key_figures": "主要数字",
        "sections": "章节",
        "matched": "对应",
        "renamed": "改名",
        "moved": "移动",
        "split": "拆分",
        "merged": "合并",
        "added": "新增",
        "removed": "删除",
        "changed": "改写",
        "commitments": "工作任务",
        "commitments_added": "新增任务",
        "commitments_removed": "删去任务",
        "commitments_changed": "改写任务",
        "number_shifts": "数字变化",
        "indicator": "指标",
        "change": "变化",
        "kind": "类型",
        "sources": "出处",
        "chart": "各章节变化分布",
        "chart_note": "按变化句子数排列的前 20 个章节",
        "formulations": "新提法",
        "phrase": "提法",
        "new_commitments": "新增的工作任务",
        "dropped_commitments": "删去的工作任务",
        "changed_commitments": "改写的工作任务",
        "section_map": "章节对照",
        "status": "状态",
        "score": "相似度",
        "by_section": "逐章节变化",
        "none": "无",
        "line": "行",
        "more": "另有 {n} 条未列出，见 JSON 输出",
        "summary_block": "摘要覆盖情况",
        "coverage": "全文章节覆盖率",
        "unsupported": "全文中找不到出处的摘要表述",
        "uncovered": "摘要未涉及的全文章节",
        "disagree": "摘要与全文不一致的数字",
        "contents": "目录",
        "legend": "图例：下划线为新增词语，删除线为删去词语。",
        "mode_note": "说明",
        "value_changed": "数值变化",
        "qualifier_changed": "限定词变化",
        "unit_changed": "单位变化",
        "disagrees": "不一致",
        "outcome_vs_target": "实绩对目标",
        "dropped": "删去",
        "agrees": "一致",
        "unchanged": "未变",
        "sentences": "句",
        "statements": "有出处的表述",
    },
    "en": {
        "memo": "Change memo",
        "old": "Old edition",
        "new": "New edition",
        "file": "File",
        "title": "Title",
        "mode": "Comparison",
        "editions": "edition against edition",
        "summary": "summary against full report",
        "key_figures": "Key figures",
        "sections": "Sections",
        "matched": "matched",
        "renamed": "renamed",
        "moved": "moved",
        "split": "split",
        "merged": "merged",
        "added": "added",
        "removed": "removed",
        "changed": "changed",
        "commitments": "Commitments",
        "commitments_added": "new",
        "commitments_removed": "dropped",
        "commitments_changed": "changed",
        "number_shifts": "Number shifts",
        "indicator": "Indicator",
        "change": "Change",
        "kind": "Kind",
        "sources": "Sources",
        "chart": "Where the changes are",
        "chart_note": "the 20 sections with most changed sentences",
        "formulations": "New formulations (新提法)",
        "phrase": "Phrase",
        "new_commitments": "New commitments",
        "dropped_commitments": "Dropped commitments",
        "changed_commitments": "Changed commitments",
        "section_map": "Section map",
        "status": "Status",
        "score": "Similarity",
        "by_section": "Changes section by section",
        "none": "none",
        "line": "line",
        "more": "{n} more not listed; see the JSON output",
        "summary_block": "Summary coverage",
        "coverage": "Full-report sections covered",
        "unsupported": "Summary statements without a source in the full report",
        "uncovered": "Full-report sections the summary leaves out",
        "disagree": "Numbers that disagree",
        "contents": "Contents",
        "legend": "Legend: inserted words are underlined, deleted words struck through.",
        "mode_note": "Note",
        "value_changed": "value changed",
        "qualifier_changed": "qualifier changed",
        "unit_changed": "unit changed",
        "disagrees": "disagrees",
        "outcome_vs_target": "outcome vs target",
        "dropped": "dropped",
        "agrees": "agrees",
        "unchanged": "unchanged",
        "sentences": "sentences",
        "statements": "statements with sources",
    },
}
#: Bar colours of the chart; removed bars also get an outline so they read in black and white.
CHART_COLOURS = {"added": "#4c9a4c", "removed": "#f0b0b0", "changed": "#d9a020", "moved": "#3a78b5"}
#: How many rows a list may show before it says how many more there are (the JSON has them all).
LIST_LIMIT = 400
#: CJK fonts the stylesheet asks for, in order; the first installed one is embedded in PDFs.
CJK_FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "WenQuanYi Micro Hei")


def memo_context(records: dict[str, Any], context: RenderContext) -> dict[str, Any]:
    """Everything the memo templates need, derived from the diff record only."""
    if records.get("schema") != "reportdiff.diff/1":
        raise RenderError(f"a memo needs diff records, got {records.get('schema')!r}")
    labels = LABELS.get(context.lang)
    if labels is None:
        raise RenderError(f"unknown memo language {context.lang!r}; use zh or en")
    hidden = None
    if records.get("summary"):
        hidden = "added" if records["summary"]["summary_side"] == "old" else "removed"
    changes = [c for c in records["changes"] if c["kind"] != hidden]
    commitments = {
        kind: [c for c in changes if c["commitment"] and c["kind"] == kind]
        for kind in ("added", "removed", "changed")
    }
    anchors: dict[tuple[str, str, int, str], str] = {}
    for change in changes:
        for side in ("old", "new"):
            ref = change[side]
            if ref is not None:
                key = (side, ref["section_id"], ref["line"], ref["text"])
                anchors.setdefault(key, change["id"])
    shifts = []
    for shift in records["number_shifts"]:
        links = {}
        for side in ("old", "new"):
            ref = shift[f"{side}_sentence"]
            if ref is not None:
                links[side] = anchors.get((side, ref["section_id"], ref["line"], ref["text"]))
        shifts.append({**shift, "links": links})
    # New and dropped commitments are listed (and anchored) in their own chapters; the
    # section-by-section chapter shows everything else, so no sentence is printed twice.
    listed = {c["id"] for kind in ("added", "removed") for c in commitments[kind][:LIST_LIMIT]}
    groups: list[dict[str, Any]] = []
    for change in changes:
        if change["id"] in listed:
            continue
        side = "old" if change["new"] is None else "new"
        ref = change[side]
        group_key = (side, ref["section_id"])
        if not groups or groups[-1]["key"] != group_key:
            groups.append(
                {
                    "key": group_key,
                    "side": side,
                    "section_id": ref["section_id"],
                    "title": ref["section_title"],
                    "changes": [],
                }
            )
        groups[-1]["changes"].append(change)
    by_section = sorted(
        (row for row in records["stats"]["by_section"]),
        key=lambda r: -(r["added"] + r["removed"] + r["changed"] + r["moved"]),
    )[:20]
    return {
        "r": records,
        "L": labels,
        "lang": context.lang,
        "changes": changes,
        "commitments": commitments,
        "shifts": shifts,
        "groups": groups,
        "chart": _chart(by_section, labels),
        "limit": LIST_LIMIT,
        "hidden_kind": hidden,
        "colours": CHART_COLOURS,
        "title": context.title or labels["memo"],
    }


def _chart(rows: list[dict[str, Any]], labels: dict[str, str]) -> dict[str, Any]:
    """Bar geometry for the inline SVG (no JavaScript): one stacked bar per section."""
    kinds = ("added", "removed", "changed", "moved")
    most = max((sum(r[k] for k in kinds) for r in rows), default=0) or 1
    bars = []
    for i, row in enumerate(rows):
        x = 0.0
        parts = []
        for kind in kinds:
            width = 300 * row[kind] / most
            if width:
                parts.append({"kind": kind, "x": round(x, 2), "w": round(width, 2)})
            x += width
        label = f"{labels[row['side']]} §{row['section_id']} {row['title']}"
        bars.append(
            {
                "y": 18 * i,
                "label": label[:17] + ("…" if len(label) > 17 else ""),
                "total": sum(row[k] for k in kinds),
                "parts": parts,
                "side": row["side"],
            }
        )
    return {"bars": bars, "height": 18 * len(bars) + 4}


_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>|#])")


def markdown_escape(text: str) -> str:
    """Escape characters Markdown would read as markup (report text is data, not markup)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def markdown_ops(ops: list[list[str]]) -> str:
    """Word ops in Markdown: deleted words ~~struck~~, inserted words **bold**."""
    parts = []
    for op, text in ops:
        escaped = markdown_escape(text)
        parts.append(escaped if op == "=" else f"~~{escaped}~~" if op == "-" else f"**{escaped}**")
    return "".join(parts)


def _template(context: RenderContext, name: str, *, html: bool) -> Any:
    env = jinja_env(context.template_dir, autoescape=html)
    env.filters["md"] = markdown_escape
    env.filters["md_ops"] = markdown_ops
    return env.get_template(name)


@renderer("diff", "md")
def render_markdown(records: dict[str, Any], context: RenderContext) -> str:
    """A Markdown memo (deleted words ~~struck~~, inserted words **bold**)."""
    env_context = memo_context(records, context)
    return str(_template(context, "memo/memo.md.j2", html=False).render(**env_context))


@renderer("diff", "html")
def render_html(records: dict[str, Any], context: RenderContext) -> str:
    """One self-contained HTML file: inline CSS, inline SVG, no script, no external resource."""
    env_context = memo_context(records, context)
    return str(_template(context, "memo/memo.html.j2", html=True).render(**env_context, pdf=False))


@renderer("diff", "pdf")
def render_pdf(records: dict[str, Any], context: RenderContext) -> bytes:
    """An A4 PDF with page numbers, a running header, bookmarks and an embedded CJK font."""
    env_context = memo_context(records, context)
    html = _template(context, "memo/memo.html.j2", html=True).render(**env_context, pdf=True)
    return html_to_pdf(str(html))


def refusing_fetcher() -> Any:
    """A WeasyPrint URL fetcher that loads inline ``data:`` resources and refuses everything else.

    Nothing in a memo may come from a file or the network: report text is escaped, but a template
    (``--template-dir``) could still name ``file:///etc/passwd`` or a tracking pixel. WeasyPrint
    (68 and later) takes a :class:`weasyprint.urls.URLFetcher` object; ``allowed_protocols``
    refuses other schemes before any handler runs, and ``fail_on_errors`` makes a refusal stop the
    memo (a :class:`RenderError` naming the address) instead of silently leaving the image out.
    """
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=True)


def refused_url(exc: BaseException) -> str | None:
    """The address in a WeasyPrint fetch refusal (``Error fetching "http://…"``), else None."""
    found = re.search(r'Error fetching "([^"]*)"', str(exc))
    return found.group(1) if found else None


def installed_cjk_fonts() -> list[str]:
    """Families of installed fonts that cover Simplified Chinese (fontconfig's answer)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    result = subprocess.run(
        [fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, check=False
    )
    return sorted(
        {
            name.strip()
            for line in result.stdout.splitlines()
            for name in line.split(",")
            if name.strip()
        }
    )


def html_to_pdf(html: str) -> bytes:
    """Typeset memo HTML with WeasyPrint, after checking a CJK font and Pango are there."""
    if not installed_cjk_fonts():
        raise MissingDependency(
            "no Chinese font is installed, so a PDF memo would show empty boxes; install one "
            "(Debian/Ubuntu: apt-get install fonts-noto-cjk) or write an .html memo instead"
        )
    try:
        import weasyprint
    except (OSError, ImportError) as exc:
        raise MissingDependency(
            f"WeasyPrint cannot start ({str(exc).splitlines()[0]}); install its system libraries "
            "(Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b "
            "libharfbuzz-subset0) or write an .html memo instead"
        ) from None
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    from weasyprint.urls import FatalURLFetchingError

    try:
        document = weasyprint.HTML(string=html, url_fetcher=refusing_fetcher(), base_url=None)
        data: bytes = document.write_pdf()
    except FatalURLFetchingError as exc:
        url = refused_url(exc) or "a resource"
        raise RenderError(
            f"memo refused to load {url[:80]}: memos never load files or network addresses; "
            "inline it in the template as a data: URL"
        ) from None
    return data
