"""The side-by-side view: old and new edition in two columns, one block per aligned section.

Each block is a section pair of the record's section map. Its rows are the sentences of both
editions in document order: unchanged and reworded sentences on one row (reworded ones with word
highlights), added sentences on the right only, removed ones on the left only. A sentence that
moved to another section shows on the left where it was and on the right where it went, each
linking to the other. The page is one self-contained HTML file: inline CSS, a small inline script
(filters by kind of change and by chapter) pinned by a Content-Security-Policy hash, no other
resource. Without JavaScript every row shows and the filters stay hidden; in print the navigation
goes and the two columns stay.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field

from reportdiff.errors import RenderError
from reportdiff.records import DiffRecord, SectionPair, SentenceRef
from reportdiff.render import RenderContext, jinja_env, renderer, template_root
from reportdiff.render.labels import LABELS

KINDS = ("added", "removed", "changed", "moved", "unchanged")


@dataclass
class Row:
    """One row of a block: the old side, the new side, or both."""

    id: str
    kind: str
    old: SentenceRef | None = None
    new: SentenceRef | None = None
    ops: list[list[str]] = field(default_factory=list)
    link: str | None = None
    """The id of the row holding the other side of a sentence that moved between blocks."""
    link_section: str | None = None
    commitment: bool = False

    def order_key(self) -> tuple[float, int]:
        return (float(_index(self.new)), _index(self.old))


@dataclass
class Block:
    """A section pair and its rows."""

    id: str
    pair: SectionPair
    chapter: str
    rows: list[Row] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        return sorted({row.kind for row in self.rows})


def _index(ref: SentenceRef | None) -> int:
    """A sentence's position in its edition (-1 for no sentence)."""
    return -1 if ref is None else int(ref.get("index", 0))


def _joined(refs: list[SentenceRef]) -> SentenceRef:
    joined: SentenceRef = {**refs[0], "text": "".join(ref["text"] for ref in refs)}
    return joined


def build_blocks(records: DiffRecord) -> list[Block]:
    """The blocks of the view, in the section map's order (new-document order)."""
    blocks: list[Block] = []
    by_old: dict[str, Block] = {}
    by_new: dict[str, Block] = {}
    chapter = ""
    for n, pair in enumerate(records["sections"], start=1):
        if pair["new"] is not None and "." not in pair["new"]["id"]:
            chapter = f"s{n}"
        elif pair["new"] is None and pair["old"] is not None and "." not in pair["old"]["id"]:
            chapter = f"s{n}"
        block = Block(f"s{n}", pair, chapter or f"s{n}")
        blocks.append(block)
        if pair["old"] is not None:
            by_old.setdefault(pair["old"]["id"], block)
        if pair["new"] is not None:
            by_new.setdefault(pair["new"]["id"], block)
    nowhere: SectionPair = {
        "old": None,
        "new": None,
        "status": "matched",
        "score": 0.0,
        "title_score": 0.0,
        "content_score": 0.0,
    }
    orphans = Block("s0", nowhere, "s0")

    def home(side: str, ref: SentenceRef) -> Block:
        table = by_new if side == "new" else by_old
        return table.get(ref["section_id"], orphans)

    for same in records.get("unchanged", []):
        row = Row(f"u{_index(same['new'])}", "unchanged", same["old"], same["new"])
        home("new", same["new"]).rows.append(row)
    for n, passage in enumerate(records.get("rejoined", [])):
        if passage["old"] and passage["new"]:
            row = Row(f"j{n}", "unchanged", _joined(passage["old"]), _joined(passage["new"]))
            home("new", passage["new"][0]).rows.append(row)
    for change in records["changes"]:
        old, new, cid = change["old"], change["new"], change["id"]
        commitment = bool(change["commitment"])
        if old is not None and new is not None:
            old_block, new_block = home("old", old), home("new", new)
            if old_block is new_block:
                new_block.rows.append(
                    Row(cid, change["kind"], old, new, change["ops"], commitment=commitment)
                )
                continue
            # Between blocks: where it was (left) and where it is (right), linked.
            old_block.rows.append(
                Row(
                    f"o-{cid}",
                    change["kind"],
                    old=old,
                    link=f"n-{cid}",
                    link_section=new["section_id"],
                    commitment=commitment,
                )
            )
            new_block.rows.append(
                Row(
                    f"n-{cid}",
                    change["kind"],
                    new=new,
                    ops=change["ops"],
                    link=f"o-{cid}",
                    link_section=old["section_id"],
                    commitment=commitment,
                )
            )
        elif new is not None:
            home("new", new).rows.append(Row(cid, "added", new=new, commitment=commitment))
        elif old is not None:
            home("old", old).rows.append(Row(cid, "removed", old=old, commitment=commitment))
    for block in [*blocks, orphans]:
        block.rows = _ordered(block.rows)
    if orphans.rows:
        blocks.append(orphans)
    return [block for block in blocks if block.rows or block.pair["status"] != "matched"]


def _ordered(rows: list[Row]) -> list[Row]:
    """Rows with a new side in new-document order; old-only rows after the last row whose old
    sentence comes before theirs (so a removed sentence stands where it stood)."""
    with_new = sorted((r for r in rows if r.new is not None), key=Row.order_key)
    old_only = sorted((r for r in rows if r.new is None), key=lambda r: _index(r.old))
    out = list(with_new)
    for row in old_only:
        position = 0
        for i, other in enumerate(out):
            if other.old is not None and _index(other.old) < _index(row.old):
                position = i + 1
        out.insert(position, row)
    return out


def _asset(name: str) -> str:
    return (template_root() / "sbs" / name).read_text("utf-8")


@renderer("diff", "side-by-side", suffixes=(".html", ".htm"), picked_by_suffix=False)
def render_side_by_side(records: DiffRecord, context: RenderContext) -> str:
    """The side-by-side HTML view of a diff record."""
    if records.get("schema") != "reportdiff.diff/1":
        raise RenderError(f"a side-by-side view needs diff records, got {records.get('schema')!r}")
    labels = LABELS.get(context.lang)
    if labels is None:
        raise RenderError(f"unknown language {context.lang!r}; use zh or en")
    blocks = build_blocks(records)
    script = _asset("sbs.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    counts = {kind: sum(1 for b in blocks for r in b.rows if r.kind == kind) for kind in KINDS}
    chapters = [b for b in blocks if b.chapter == b.id]
    env = jinja_env(context.template_dir, autoescape=True)
    return str(
        env.get_template("sbs/sbs.html.j2").render(
            r=records,
            L=labels,
            lang=context.lang,
            title=context.title or labels["sbs"],
            blocks=blocks,
            chapters=chapters,
            counts=counts,
            kinds=KINDS,
            script=script,
            script_hash=f"sha256-{digest}",
        )
    )
