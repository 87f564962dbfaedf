"""Change memos for reviewers: diff records → Markdown, self-contained HTML, and PDF (WeasyPrint).

A memo opens with a one-page brief (``reportdiff/render/brief.py``): generated sentences on what
was compared and how much changed, headline numbers, the most salient new and dropped
commitments, new formulations and a chapter map. ``--detail`` picks what follows: nothing
(``brief``), the appendices a reviewer works through (``standard``: number shifts, top
commitments, reworded sentences, new formulations, the section map) or every change section by
section (``full``). Word-level highlights survive black-and-white printing (underline for
inserted words, strike-through for deleted ones, plus 〔+ 〕/〔- 〕 marks in print). Report text
is untrusted: templates autoescape it, and WeasyPrint gets a URL fetcher that refuses everything
but inline ``data:`` resources. Nothing run-dependent (no date, no path of this machine) goes into
a memo, so the same inputs give byte-identical files.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

from reportdiff.errors import MissingDependency, RenderError
from reportdiff.records import (
    Change,
    DiffRecord,
    NumberShift,
    Quantity,
    SectionPair,
    condensed_kind,
)
from reportdiff.render import RenderContext, jinja_env, reasons, renderer
from reportdiff.render.brief import (
    BRIEF_COMMITMENTS,
    BRIEF_FORMULATIONS,
    BRIEF_OUTCOMES,
    BRIEF_TARGETS,
    brief_chapters,
    chapter_map,
    clip,
    headline_shifts,
    most_changed_chapters,
    salience,
    target_outcome_rows,
    years,
)
from reportdiff.render.labels import LABELS, VERDICT_ORDER

#: Bar colours; removed bars also get an outline so they read in black and white.
CHART_COLOURS = {"added": "#4c9a4c", "removed": "#f0b0b0", "changed": "#d9a020", "moved": "#3a78b5"}
#: How many rows each appendix shows at ``--detail standard`` (``full`` shows them all; the JSON
#: record always has everything). Chosen on real pairs (national 2014 → 2015, provincial
#: 2025 → 2026) so that the standard PDF stays within 12 A4 pages.
STANDARD_LIMITS = {"shifts": 40, "commitments": 15, "changed": 30, "formulations": 60}
#: A list at ``--detail full`` still stops here (a pathological pair must not make a 2,000-page
#: PDF); the memo says how many more the JSON record holds.
FULL_LIMIT = 2000
#: Number shifts that say "same as before": counted, not listed, in the standard appendix.
QUIET_SHIFTS = frozenset({"unchanged", "agrees"})
#: CJK fonts the stylesheet asks for, in order; the first installed one is embedded in PDFs.
CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei")


def _label_of(records: DiffRecord, side: str, labels: dict[str, str]) -> str:
    """How the brief names an edition: its title, else its file name."""
    edition = records["old"] if side == "old" else records["new"]
    return clip(str(edition["title"] or edition["path"].rsplit("/", 1)[-1] or labels[side]), 30)


def edition_notes(records: DiffRecord, labels: dict[str, str], lang: str) -> list[str]:
    """Each edition's loading warnings, named by edition (``旧版：已接受修订…``), in ``lang``."""
    notes = []
    for side in ("old", "new"):
        edition = records["old"] if side == "old" else records["new"]
        for warning in edition.get("warnings") or []:
            notes.append(f"{labels[side]}{labels['colon']}{reasons.loading_note(warning, lang)}")
    return notes


def brief_sentences(
    records: DiffRecord,
    labels: dict[str, str],
    chapters: list[dict[str, Any]],
    targets: list[NumberShift],
    outcomes: list[NumberShift],
) -> list[str]:
    """The few generated sentences the brief opens with."""
    stats = records["stats"]
    changes, sections, commitments = stats["changes"], stats["sections"], stats["commitments"]
    old, new = _label_of(records, "old", labels), _label_of(records, "new", labels)
    old_year, new_year = years(records, "old"), years(records, "new")
    mode = labels[records["mode"]]
    if old_year and new_year and old_year not in old and new_year not in new:
        out = [
            labels["kind_years_s"].format(
                old=old, new=new, old_year=old_year, new_year=new_year, mode=mode
            )
        ]
    else:
        out = [labels["kind_s"].format(old=old, new=new, mode=mode)]
    new_total = records["new"]["sentences"]
    out.append(labels["amount_s"].format(new_total=new_total, **changes))
    if new_total:
        share = round(100 * changes["added"] / new_total)
        if share >= 20:
            out.append(labels["amount_share_s"].format(share=share))
    if sections["renamed"] or sections["added"] or sections["removed"]:
        out.append(labels["sections_s"].format(**sections))
    if any(commitments.values()):
        out.append(labels["commitments_s"].format(**commitments))
    busiest = most_changed_chapters(chapters)
    if busiest:
        named = [
            labels["chapter_s"].format(
                title=clip(
                    ((r["new"] or r["old"])["number"] or "") + (r["new"] or r["old"])["title"], 24
                ),
                count=r["added"] + r["removed"] + r["changed"] + r["moved"],
            )
            for r in busiest
        ]
        out.append(labels["chapters_s"].format(chapters=labels["and_sep"].join(named)))
    if targets:
        t = targets[0]
        out.append(
            labels["target_s"].format(
                indicator=t["indicator"], old=_raw(t["old"]), new=_raw(t["new"])
            )
        )
    verdicts = [row["verdict"] for row in records.get("target_outcomes") or []]
    counts = [
        labels["verdict_count"].format(verdict=labels[f"verdict_{v}"], n=verdicts.count(v))
        for v in VERDICT_ORDER
        if v in verdicts and labels[f"verdict_{v}"]
    ]
    if counts:
        out.append(labels["verdicts_s"].format(counts=labels["list_sep"].join(counts)))
    elif outcomes:  # older records: outcomes among the number shifts, no verdicts
        o = outcomes[0]
        out.append(
            labels["outcome_s"].format(
                indicator=o["indicator"],
                old=_raw(o["old"]),
                new=_raw(o["new"]),
                change=labels["aside"].format(o["change"]) if o["change"] else "",
            )
        )
    return out


def _raw(quantity: Quantity | None) -> str:
    return str(quantity["raw"]) if quantity else "—"


def _limit(detail: str, name: str) -> int:
    return STANDARD_LIMITS[name] if detail == "standard" else FULL_LIMIT


def memo_context(records: DiffRecord, context: RenderContext) -> dict[str, Any]:
    """Everything the memo templates need, derived from the diff record only."""
    if records.get("schema") != "reportdiff.diff/1":
        raise RenderError(f"a memo needs diff records, got {records.get('schema')!r}")
    labels = LABELS.get(context.lang)
    if labels is None:
        raise RenderError(f"unknown memo language {context.lang!r}; use zh or en")
    detail = context.detail
    summary = records.get("summary")
    hidden = condensed_kind(summary["summary_side"] if summary else None)
    changes = [c for c in records["changes"] if c["kind"] != hidden]
    new_ranked = salience(records, "added") if hidden != "added" else []
    dropped_ranked = salience(records, "removed") if hidden != "removed" else []
    targets, outcomes = headline_shifts(records)
    outcomes = target_outcome_rows(records, labels) or outcomes
    chapters = chapter_map(records)
    most = max((r["added"] + r["removed"] + r["changed"] + r["moved"] for r in chapters), default=0)
    for row in chapters:
        row["bars"] = [
            {"kind": kind, "width": round(100 * row[kind] / most, 1)}
            for kind in ("added", "removed", "changed", "moved")
            if most and row[kind]
        ]
        row["total"] = row["added"] + row["removed"] + row["changed"] + row["moved"]

    # The appendices, by --detail; `shown` collects the anchors links may point at.
    appendix: dict[str, Any] = {}
    shown: set[str] = set()
    if detail != "brief":
        limit = _limit(detail, "commitments")
        appendix["new"] = new_ranked[:limit]
        appendix["dropped"] = dropped_ranked[:limit]
        reworded = [c for c in changes if c["kind"] == "changed"]
        appendix["changed"] = most_reworded(reworded, _limit(detail, "changed"))
        appendix["more_changed"] = len(reworded) - len(appendix["changed"])
        appendix["more_new"] = len(new_ranked) - len(appendix["new"])
        appendix["more_dropped"] = len(dropped_ranked) - len(appendix["dropped"])
        listed = [r.change for r in appendix["new"] + appendix["dropped"]] + appendix["changed"]
        if detail == "full":
            appendix["moved"] = [c for c in changes if c["kind"] == "moved"]
            listed += appendix["moved"]
            appendix["groups"] = _groups(changes, {c["id"] for c in listed})
            listed += [c for g in appendix["groups"] for c in g["changes"]]
        shown = {c["id"] for c in listed}
    anchors: dict[tuple[str, str, int, str], str] = {}
    for change in changes:
        if change["id"] not in shown:
            continue
        for side, ref in (("old", change["old"]), ("new", change["new"])):
            if ref is not None:
                anchors.setdefault(
                    (side, ref["section_id"], ref["line"], ref["text"]), change["id"]
                )

    def linked(shift: NumberShift) -> dict[str, Any]:
        links = {}
        for side, ref in (("old", shift["old_sentence"]), ("new", shift["new_sentence"])):
            if ref is not None:
                links[side] = anchors.get((side, ref["section_id"], ref["line"], ref["text"]))
        return {**shift, "links": links}

    shifts = [linked(s) for s in records["number_shifts"]]
    if detail == "standard":
        loud = [s for s in shifts if s["kind"] not in QUIET_SHIFTS]
        appendix["shifts"] = loud[: _limit(detail, "shifts")]
        appendix["more_shifts"] = len(loud) - len(appendix["shifts"])
        appendix["quiet_shifts"] = len(shifts) - len(loud)
    elif detail == "full":
        appendix["shifts"] = shifts[:FULL_LIMIT]
        appendix["more_shifts"] = len(shifts) - len(appendix["shifts"])
        appendix["quiet_shifts"] = 0
    phrases = records["new_formulations"]
    if detail != "brief":
        appendix["sections"] = section_rows(records, detail)
        appendix["more_sections"] = len(records["sections"]) - len(appendix["sections"])
        appendix["formulations"] = phrases[: _limit(detail, "formulations")]
        appendix["more_formulations"] = len(phrases) - len(appendix["formulations"])
    tiles = [
        ("added", changes_count(records, "added"), labels["added"] + labels["sentences"]),
        ("removed", changes_count(records, "removed"), labels["removed"] + labels["sentences"]),
        ("changed", changes_count(records, "changed"), labels["changed"] + labels["sentences"]),
        ("moved", changes_count(records, "moved"), labels["moved"] + labels["sentences"]),
        (
            "unchanged",
            records["stats"]["changes"]["unchanged"],
            labels["unchanged"] + labels["sentences"],
        ),
        ("commitments", records["stats"]["commitments"]["added"], labels["commitments_added"]),
        ("commitments", records["stats"]["commitments"]["removed"], labels["commitments_removed"]),
        ("shifts", records["stats"]["number_shifts"], labels["number_shifts"]),
    ]
    return {
        "r": records,
        "L": labels,
        "lang": context.lang,
        "detail": detail,
        "title": context.title or labels["memo"],
        "warnings": reasons.warnings(records, context.lang),
        "mode_note": reasons.mode_note(records, context.lang),
        "notes": edition_notes(records, labels, context.lang),
        "sentences": brief_sentences(records, labels, chapters, targets, outcomes),
        "tiles": tiles,
        "brief_targets": targets[:BRIEF_TARGETS],
        "brief_outcomes": outcomes[:BRIEF_OUTCOMES],
        "top_new": new_ranked[:BRIEF_COMMITMENTS],
        "top_dropped": dropped_ranked[:BRIEF_COMMITMENTS],
        "more_top_new": max(0, len(new_ranked) - BRIEF_COMMITMENTS),
        "more_top_dropped": max(0, len(dropped_ranked) - BRIEF_COMMITMENTS),
        "brief_formulations": phrases[:BRIEF_FORMULATIONS],
        "chapters": brief_chapters(chapters),
        "more_chapters": len(chapters) - len(brief_chapters(chapters)),
        "a": appendix,
        "shown": shown,
        "hidden_kind": hidden,
        "colours": CHART_COLOURS,
        "clip": clip,
        "detail_what": labels[f"detail_{detail}"],
    }


def most_reworded(changes: list[Change], limit: int) -> list[Change]:
    """The ``limit`` rewordings that matter most, in document order: commitments first, then
    those that changed most words (a year number swapped in a title counts for little)."""
    if len(changes) <= limit:
        return changes

    def weight(change: Change) -> tuple[int, int]:
        edited = sum(len(text) for op, text in change["ops"] if op != "=")
        return (1 if change["commitment"] else 0, edited)

    keep = {c["id"] for c in sorted(changes, key=weight, reverse=True)[:limit]}
    return [c for c in changes if c["id"] in keep]


def section_rows(records: DiffRecord, detail: str) -> list[SectionPair]:
    """The section map as the appendix lists it: at ``standard`` the chapters and their direct
    subsections (ids like ``3`` and ``3.2``), at ``full`` every pair."""
    if detail == "full":
        return list(records["sections"])
    return [
        p
        for p in records["sections"]
        if all(ref is None or ref["id"].count(".") <= 1 for ref in (p["old"], p["new"]))
    ]


def changes_count(records: DiffRecord, kind: str) -> int:
    return int(records["stats"]["changes"][kind])


def _groups(changes: list[Change], listed: set[str]) -> list[dict[str, Any]]:
    """Every change not listed in an earlier appendix, grouped by the section that holds it."""
    groups: list[dict[str, Any]] = []
    for change in changes:
        if change["id"] in listed:
            continue
        side = "old" if change["new"] is None else "new"
        ref = change["new"] or change["old"]
        assert ref is not None
        key = (side, ref["section_id"])
        if not groups or groups[-1]["key"] != key:
            groups.append(
                {
                    "key": key,
                    "side": side,
                    "section_id": ref["section_id"],
                    "title": ref["section_title"],
                    "changes": [],
                }
            )
        groups[-1]["changes"].append(change)
    return groups


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
def render_markdown(records: DiffRecord, context: RenderContext) -> str:
    """A Markdown memo (deleted words ~~struck~~, inserted words **bold**)."""
    env_context = memo_context(records, context)
    return str(_template(context, "memo/memo.md.j2", html=False).render(**env_context))


@renderer("diff", "html")
def render_html(records: DiffRecord, context: RenderContext) -> str:
    """One self-contained HTML file: inline CSS, inline SVG, no script, no external resource."""
    env_context = memo_context(records, context)
    return str(_template(context, "memo/memo.html.j2", html=True).render(**env_context, pdf=False))


@renderer("diff", "pdf")
def render_pdf(records: DiffRecord, context: RenderContext) -> bytes:
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
