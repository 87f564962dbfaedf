"""How right `reportdiff diff` is on real report pairs, against truth labelled by reading.

Truth: ``fixtures/truth/rewrites/*.toml`` (sentence pairing, dropped and new sentences) and
``fixtures/truth/sections/*.toml`` (section mapping), format in ``fixtures/truth/README.md``. Each
file names two reports of the corpus folder given as the argument; the pair is compared with the
library (``--mode editions``, default options) and every quote of the truth is mapped to each
sentence reportdiff found that overlaps it (white space removed on both sides).

Scores, for dev and holdout pairs apart (never tune on holdout):

* **changed-pairing** — recall: truth rewrites every sentence of which reportdiff links to the
  rewrite's other side (changed, moved, or unchanged when the wording is equal but for
  punctuation); precision: changed/moved links reported on a labelled sentence that join two
  sentences of one truth rewrite (or two sentences equal but for punctuation). A link neither
  side of which has an entry, whose scoped side has no equal in the other edition, is a label
  gap (the scope calls it unchanged, yet it has no twin; e.g. a sentence that occurs twice and
  so could not be quoted): it is counted as "unjudged", not scored.
* **dropped commitments** — reported ``removed`` commitments of the labelled old sections that the
  truth calls removed; recall over the truth's removed commitments. **new commitments** likewise
  for ``added`` in the new sections.
* **rewrite among the nearest** — of the commitments reported dropped (new) that the truth pairs
  with a rewrite, those whose ``nearest`` sentences (the closest a reader is shown) include it.
* **section mapping** — truth section pairs (down to the file's ``levels``) that the section map
  reproduces (matched, renamed, moved, split or merged; added/removed for a side with no partner);
  precision: pairs of the map between listed headings that the truth has.

    .venv/bin/python benchmarks/real_accuracy.py CORPUS [--truth DIR] [--split dev|holdout|all]
                                                [--pair NAME] [-v]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.diff import SentenceRef  # noqa: E402
from reportdiff.load import load  # noqa: E402
from reportdiff.model import Outline, Section, SectionKind  # noqa: E402
from reportdiff.options import Options  # noqa: E402
from reportdiff.outline import build_outline  # noqa: E402
from reportdiff.pipeline import Comparison, compare  # noqa: E402

OPTIONS = Options(mode="editions")
_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[\W_]+")


def squeeze(text: str) -> str:
    """A quote's form: the text with all white space removed."""
    return _SPACE.sub("", text)


def plain(text: str) -> str:
    """Wording only: no white space, no punctuation (for 'equal but for punctuation')."""
    return _PUNCT.sub("", text)


# --------------------------------------------------------------------------------------------
# Quotes → the sentences reportdiff found
# --------------------------------------------------------------------------------------------


Unit = int | tuple[str, str]
"""A diffable sentence (its index in the diff) or a heading (``("h", section id)``)."""


class Edition:
    """One side of a compared pair: its headings and diffable sentences laid end to end, white
    space removed, so that a quote can be found and mapped to every unit it overlaps."""

    def __init__(self, outline: Outline, refs: list[SentenceRef]) -> None:
        self.outline = outline
        self.refs = refs
        self.units: list[Unit] = []
        self.texts: dict[Unit, str] = {}
        self.stream = ""
        self.starts: list[int] = []
        by_section: dict[str, list[SentenceRef]] = defaultdict(list)
        for ref in refs:
            by_section[ref.section.id].append(ref)

        def emit(unit: Unit, text: str) -> None:
            self.units.append(unit)
            self.texts[unit] = text
            self.starts.append(len(self.stream))
            self.stream += squeeze(text)

        def walk(section: Section) -> None:
            if section.kind is SectionKind.TOC:
                return
            if section.id and section.kind is not SectionKind.LEAD and section.title:
                emit(("h", section.id), section.heading)
            for ref in by_section.get(section.id, ()):
                emit(ref.index, ref.sentence.text)
            for child in section.children:
                walk(child)

        walk(outline.root)

    def text(self, unit: Unit) -> str:
        if unit in self.texts:
            return self.texts[unit]
        assert isinstance(unit, tuple)
        return self.outline.section(unit[1]).heading

    def find(self, quote: str) -> set[Unit]:
        """The units overlapping ``quote`` (empty when it is not found)."""
        quote = squeeze(quote)
        at = self.stream.find(quote)
        if at < 0:
            quote = plain(quote)
            if not quote:
                return set()
            # Punctuation may differ (a quote across a sentence end reportdiff moved): plain form.
            plain_stream, offsets = _plain_with_offsets(self.stream)
            found = plain_stream.find(quote)
            if found < 0:
                return set()
            at, end = offsets[found], offsets[found + len(quote) - 1] + 1
        else:
            end = at + len(quote)
        import bisect

        first = bisect.bisect_right(self.starts, at) - 1
        last = bisect.bisect_left(self.starts, end) - 1
        return {self.units[k] for k in range(max(first, 0), last + 1)}

    def scope(self, description: str) -> set[Unit] | None:
        """Sentences one side of a scope entry names; None when it cannot be mapped (then only
        the quoted sentences count as labelled). Forms the labellers use:

        * a heading: its section and subsections; 「A + B」: both;
        * 「…（导语…）」: the section's own text before its subsections (its introduction);
        * 「… 主要预期目标段」: the paragraph of the section that holds 主要预期目标;
        * 「（含其后国防段）」: a note, ignored; any other note in brackets (「（改革部分，至…）」,
          「（导语中的财政政策…）」) names part of a section: not mapped.
        """
        found: set[Unit] = set()
        mapped = False
        for part in re.split(r"\s*\+\s*", description.strip()):
            units = self._scope_part(part)
            if units is not None:
                found |= units
                mapped = True
        return found if mapped else None

    def _scope_part(self, text: str) -> set[Unit] | None:
        intro_only = False
        for note in re.findall(r"[（(](?![一二三四五六七八九十]+[）)])([^）)]*)[）)]", text):
            if note.startswith("含"):
                continue
            if note.startswith("导语") and not note.startswith("导语中"):
                intro_only = True
                continue
            return None
        text = re.sub(r"[（(](?![一二三四五六七八九十]+[）)])[^）)]*[）)]", "", text).strip()
        heading, _, descriptor = text.partition(" ")
        descriptor = descriptor.strip().removesuffix("段")
        # 「二、（一）…」, 「三、2012年主要任务（一）…」: the parent written before the heading.
        labels = list(re.finditer(r"[（(][一二三四五六七八九十]+[）)]", heading))
        if labels and labels[-1].start() > 0:
            heading = heading[labels[-1].start() :]
        key = plain(heading)
        for section in self.outline.iter_sections():
            if not (plain(section.heading) == key or (key and plain(section.title) == key)):
                continue
            ids = {s.id for s in section.iter_sections()}
            if intro_only:
                return {ref.index for ref in self.refs if ref.section.id == section.id}
            if descriptor:
                wanted = {
                    squeeze(s.text)
                    for node in section.iter_sections()
                    for paragraph in node.paragraphs
                    if plain(descriptor) in plain(paragraph.text)
                    for s in paragraph.sentences
                }
                return {
                    ref.index
                    for ref in self.refs
                    if ref.section.id in ids and squeeze(ref.sentence.text) in wanted
                }
            units: set[Unit] = {("h", i) for i in ids}
            return units | {ref.index for ref in self.refs if ref.section.id in ids}
        return None


def _plain_with_offsets(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    offsets: list[int] = []
    for k, ch in enumerate(text):
        if not _PUNCT.fullmatch(ch):
            out.append(ch)
            offsets.append(k)
    return "".join(out), offsets


# --------------------------------------------------------------------------------------------
# Truth files
# --------------------------------------------------------------------------------------------


@dataclass
class Rewrite:
    old: set[Unit]
    new: set[Unit]
    quotes: tuple[list[str], list[str]]
    note: str = ""


@dataclass
class Score:
    """Counts of one measure, per split."""

    right: int = 0
    reported: int = 0
    truth: int = 0
    found: int = 0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.reported += other.reported
        self.truth += other.truth
        self.found += other.found

    @property
    def precision(self) -> float:
        return self.right / self.reported if self.reported else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.truth if self.truth else 1.0


@dataclass
class PairResult:
    name: str
    split: str
    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    problems: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    seconds: float = 0.0


_CACHE: dict[tuple[str, str], tuple[Comparison, Edition, Edition]] = {}


def _compared(corpus: Path, old: str, new: str) -> tuple[Comparison, Edition, Edition]:
    key = (old, new)
    if key not in _CACHE:
        from reportdiff.diff.keys import Side

        a = build_outline(load(str(corpus / old), options=OPTIONS), options=OPTIONS)
        b = build_outline(load(str(corpus / new), options=OPTIONS), options=OPTIONS)
        comparison = compare(a, b, options=OPTIONS)
        _CACHE[key] = (comparison, Edition(a, Side.of(a).refs), Edition(b, Side.of(b).refs))
    return _CACHE[key]


def _links(comparison: Comparison) -> dict[tuple[Unit, Unit], str]:
    """Every old → new link of the diff: sentences changed, moved, unchanged or re-joined, and
    headings of paired sections (changed when their text differs)."""
    links: dict[tuple[Unit, Unit], str] = {}
    for change in comparison.diff.changes:
        olds = [change.old, *change.old_also]
        news = [change.new, *change.new_also]
        for o in olds:
            for n in news:
                if o is not None and n is not None:
                    links[(o.index, n.index)] = change.kind
    for a, b in comparison.diff.unchanged:
        links[(a.index, b.index)] = "unchanged"
    for olds_, news_ in comparison.diff.rejoined:
        for o in olds_:
            for n in news_:
                links[(o.index, n.index)] = "unchanged"
    for pair in comparison.alignment.pairs:
        if pair.old is None or pair.new is None:
            continue
        same = plain(pair.old.heading) == plain(pair.new.heading)
        links[(("h", pair.old.id), ("h", pair.new.id))] = "unchanged" if same else "changed"
    return links


def score_rewrites(corpus: Path, path: Path, verbose: bool) -> PairResult:
    data = tomllib.loads(path.read_text("utf-8"))
    result = PairResult(path.stem, str(data.get("split", "dev")))
    started = time.perf_counter()
    comparison, old, new = _compared(corpus, data["old"], data["new"])
    result.seconds = time.perf_counter() - started

    def locate(edition: Edition, quote: str, side: str) -> set[Unit]:
        found = edition.find(quote)
        if not found:
            result.problems.append(f"{side} quote not found: {quote}")
        return found

    old_scope: set[Unit] = set()
    new_scope: set[Unit] = set()
    for entry in data.get("scope", []):
        left, _, right = (part.strip() for part in str(entry).partition("→"))
        for edition, heading, target, side in (
            (old, left, old_scope, "old"),
            (new, right, new_scope, "new"),
        ):
            found = edition.scope(heading) if heading else None
            if found is None:
                result.problems.append(f"{side} scope not found: {heading}")
            else:
                target |= found

    rewrites = [
        Rewrite(
            {u for q in item["old"] for u in locate(old, q, "old")},
            {u for q in item["new"] for u in locate(new, q, "new")},
            (list(item["old"]), list(item["new"])),
            str(item.get("note", "")),
        )
        for item in data.get("rewrite", [])
    ]
    removed = [
        (locate(old, item["old"], "old"), bool(item.get("commitment")))
        for item in data.get("removed", [])
    ]
    added = [
        (locate(new, item["new"], "new"), bool(item.get("commitment")))
        for item in data.get("added", [])
    ]
    links = _links(comparison)
    rewrite_of_old: dict[Unit, set[int]] = defaultdict(set)
    rewrite_of_new: dict[Unit, set[int]] = defaultdict(set)
    for k, rw in enumerate(rewrites):
        for u in rw.old:
            rewrite_of_old[u].add(k)
        for u in rw.new:
            rewrite_of_new[u].add(k)
    # Headings count only where the truth quotes them (their mapping is the section score's).
    labelled_old = {u for u in old_scope if isinstance(u, int)} | set(rewrite_of_old)
    labelled_old |= {u for ids, _ in removed for u in ids}
    labelled_new = {u for u in new_scope if isinstance(u, int)} | set(rewrite_of_new)
    labelled_new |= {u for ids, _ in added for u in ids}
    partners_of_old: dict[Unit, list[tuple[Unit, str]]] = defaultdict(list)
    for (o, n), kind in links.items():
        partners_of_old[o].append((n, kind))

    # Recall: every sentence of a rewrite linked to the rewrite's other side.
    pairing = result.scores["changed-pairing"]
    for rw in rewrites:
        if not rw.old or not rw.new:
            continue
        pairing.truth += 1
        linked_old = all(any((i, j) in links for j in rw.new) for i in rw.old)
        linked_new = all(any((i, j) in links for i in rw.old) for j in rw.new)
        if linked_old and linked_new:
            pairing.found += 1
        elif verbose:
            how = "; ".join(
                f"{old.text(i)[:24]}… → "
                + (
                    ", ".join(f"{kind} {new.text(j)[:24]}…" for j, kind in partners_of_old[i])
                    or "none"
                )
                for i in sorted(rw.old, key=str)
            )
            result.details.append(
                f"  missed rewrite: {rw.quotes[0]} → {rw.quotes[1]}\n      got: {how}"
                + (f" [{rw.note}]" if rw.note else "")
            )
    # Precision: reported changed/moved links touching a labelled unit. A link neither side of
    # which has an entry is judged only by the scope's claim "unchanged", and that claim is a
    # labelling gap when the scoped sentence has no equal (but for punctuation) in the other
    # edition: such a link is left unjudged (counted apart), neither right nor wrong.
    explicit_old = set(rewrite_of_old) | {u for ids, _ in removed for u in ids}
    explicit_new = set(rewrite_of_new) | {u for ids, _ in added for u in ids}
    old_words = {plain(old.text(u)) for u in old.units}
    new_words = {plain(new.text(u)) for u in new.units}
    unjudged = result.scores["unjudged links"]
    for (i, j), kind in sorted(links.items(), key=str):
        if kind not in ("changed", "moved"):
            continue
        if i not in labelled_old and j not in labelled_new:
            continue
        if i not in explicit_old and j not in explicit_new:
            gap_old = i in labelled_old and plain(old.text(i)) not in new_words
            gap_new = j in labelled_new and plain(new.text(j)) not in old_words
            if gap_old or gap_new:
                unjudged.reported += 1
                if verbose:
                    result.details.append(
                        f"  unjudged {kind} (label gap): {old.text(i)[:50]} → {new.text(j)[:50]}"
                    )
                continue
        pairing.reported += 1
        same = rewrite_of_old.get(i, set()) & rewrite_of_new.get(j, set())
        verbatim = plain(old.text(i)) == plain(new.text(j))
        if same or verbatim:
            pairing.right += 1
        elif verbose:
            result.details.append(f"  false {kind}: {old.text(i)[:60]} → {new.text(j)[:60]}")

    for measure, truth_items, kind, side_labelled, edition in (
        ("dropped commitments", removed, "removed", labelled_old, old),
        ("new commitments", added, "added", labelled_new, new),
    ):
        score = result.scores[measure]
        truth_ids = {u for ids, _ in truth_items for u in ids}
        truth_commit = [ids for ids, commitment in truth_items if commitment and ids]
        reported_ids: set[Unit] = set()
        for change in comparison.diff.changes:
            ref = change.old if kind == "removed" else change.new
            if change.kind != kind or ref is None:
                continue
            reported_ids.add(ref.index)
            if not change.commitment or ref.index not in side_labelled:
                continue
            score.reported += 1
            if ref.index in truth_ids:
                score.right += 1
            elif verbose:
                result.details.append(f"  false {kind}: {ref.sentence.text[:80]}")
        # The nearest sentences a false report lists: is the truth's rewrite among them?
        hint = result.scores[f"rewrite among the nearest ({kind})"]
        partners = rewrite_of_old if kind == "removed" else rewrite_of_new
        other_side = rewrite_of_new if kind == "removed" else rewrite_of_old
        for change in comparison.diff.changes:
            ref = change.old if kind == "removed" else change.new
            if change.kind != kind or ref is None or not change.commitment:
                continue
            if ref.index not in side_labelled or ref.index in truth_ids:
                continue
            wanted = partners.get(ref.index, set())
            if not wanted:
                continue
            hint.truth += 1
            if any(other_side.get(near.index, set()) & wanted for near, _ in change.nearest):
                hint.found += 1
        score.truth += len(truth_commit)
        for ids in truth_commit:
            if ids & reported_ids:
                score.found += 1
            elif verbose:
                first = sorted(ids, key=str)[0]
                result.details.append(f"  missed {kind}: {edition.text(first)[:80]}")
    return result


def _sections_by_heading(outline: Outline) -> dict[str, list[Section]]:
    index: dict[str, list[Section]] = defaultdict(list)
    for section in outline.iter_sections():
        index[plain(section.heading)].append(section)
        if section.number:
            continue
        index[plain(section.title)].append(section)
    return index


def score_sections(corpus: Path, path: Path, verbose: bool) -> PairResult:
    """Truth section pairs the map reproduces. The truth lists headings down to its ``levels``;
    a finer section of reportdiff (a lead paragraph title, a ——bullet) stands for the nearest
    listed heading above it, so pairing a listed heading with a lead inside the right listed
    section reproduces the truth pair."""
    data = tomllib.loads(path.read_text("utf-8"))
    result = PairResult(path.stem, str(data.get("split", "dev")))
    comparison, old_edition, new_edition = _compared(corpus, data["old"], data["new"])
    old_index = _sections_by_heading(old_edition.outline)
    new_index = _sections_by_heading(new_edition.outline)
    score = result.scores["section mapping"]
    listed_old: set[str] = set()
    listed_new: set[str] = set()
    truth_pairs: set[tuple[str | None, str | None]] = set()
    entries: list[tuple[str, str, str | None, str | None, bool]] = []
    for entry in data.get("section", []):
        o, n = str(entry.get("old", "")), str(entry.get("new", ""))
        olds = old_index.get(plain(o), []) if o else []
        news = new_index.get(plain(n), []) if n else []
        if o and not olds:
            result.problems.append(f"old heading not found in the outline: {o}")
        if n and not news:
            result.problems.append(f"new heading not found in the outline: {n}")
        old_id = olds[0].id if olds else None
        new_id = news[0].id if news else None
        listed_old.update([old_id] if old_id else [])
        listed_new.update([new_id] if new_id else [])
        truth_pairs.add((old_id, new_id))
        entries.append((o, n, old_id, new_id, bool((o and not olds) or (n and not news))))

    def project(section_id: str | None, listed: set[str]) -> str | None:
        while section_id:
            if section_id in listed:
                return section_id
            section_id = section_id.rsplit(".", 1)[0] if "." in section_id else None
        return None

    reported: set[tuple[str | None, str | None]] = set()
    for pair in comparison.alignment.pairs:
        a = pair.old.id if pair.old else None
        b = pair.new.id if pair.new else None
        if not (a in listed_old or b in listed_new):
            continue  # a pair of finer sections: not what the truth lists
        reported.add((project(a, listed_old), project(b, listed_new)))
    reported.discard((None, None))
    for o, n, old_id, new_id, missing in entries:
        score.truth += 1
        if missing:
            if verbose:
                result.details.append(f"  missed section: {o or '—'} → {n or '—'} (not a section)")
            continue
        if (old_id, new_id) in reported:
            score.found += 1
        elif verbose:
            got_new = [b for a, b in reported if a == old_id and old_id]
            got_old = [a for a, b in reported if b == new_id and new_id]
            result.details.append(
                f"  missed section: {o or '—'} → {n or '—'} (map: old→"
                f"{_titles(new_edition, got_new)}, new←{_titles(old_edition, got_old)})"
            )
    score.reported += len(reported)
    score.right += len(reported & truth_pairs)
    if verbose:
        for a, b in sorted(reported - truth_pairs, key=str):
            result.details.append(
                f"  false section: {_titles(old_edition, [a])[0]} → {_titles(new_edition, [b])[0]}"
            )
    return result


def _titles(edition: Edition, ids: Iterable[str | None]) -> list[str]:
    out = []
    for section_id in ids:
        out.append("—" if section_id is None else edition.outline.section(section_id).heading[:20])
    return out


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

MEASURES = (
    "changed-pairing",
    "dropped commitments",
    "new commitments",
    "section mapping",
    "unjudged links",
    "rewrite among the nearest (removed)",
    "rewrite among the nearest (added)",
)


def table(results: list[PairResult], split: str) -> list[str]:
    total: dict[str, Score] = defaultdict(Score)
    for r in results:
        for name, s in r.scores.items():
            total[name].add(s)
    pairs = sorted({r.name for r in results})
    lines = [
        f"**{split}** ({len(pairs)} pairs: {', '.join(pairs) or 'none'})",
        "",
        "| measure | truth | found | recall | reported | right | precision |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in MEASURES:
        s = total.get(name)
        if s is None:
            continue
        if name == "unjudged links":  # label gaps: counted, never scored
            lines.append(f"| unjudged links (label gaps) | | | | {s.reported} | | |")
            continue
        if name.startswith("rewrite among"):  # false dropped/new reports: a hint, not a score
            lines.append(f"| {name} | {s.truth} | {s.found} | {s.recall:.3f} | | | |")
            continue
        lines.append(
            f"| {name} | {s.truth} | {s.found} | {s.recall:.3f} | {s.reported} | {s.right} |"
            f" {s.precision:.3f} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", type=Path, help="the corpus folder (national/, 2025/, 2026/)")
    parser.add_argument("--truth", type=Path, default=ROOT / "fixtures" / "truth")
    parser.add_argument("--split", choices=("dev", "holdout", "all"), default="all")
    parser.add_argument("--pair", action="append", help="only truth files with this stem")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list misses and false reports"
    )
    args = parser.parse_args(argv)
    results: list[PairResult] = []
    for kind, scorer in (("rewrites", score_rewrites), ("sections", score_sections)):
        for path in sorted((args.truth / kind).glob("*.toml")):
            if args.pair and path.stem not in args.pair:
                continue
            split = str(tomllib.loads(path.read_text("utf-8")).get("split", "dev"))
            if args.split != "all" and split != args.split:
                continue
            result = scorer(args.corpus, path, args.verbose)
            results.append(result)
            if args.verbose or result.problems:
                print(f"{kind}/{path.name} ({result.split}):")
                for problem in result.problems:
                    print(f"  ! {problem}")
                for line in result.details:
                    print(line)
    if not results:
        print(f"no truth files under {args.truth}/rewrites or {args.truth}/sections")
        return 1
    for split in ("dev", "holdout"):
        chosen = [r for r in results if r.split == split]
        if chosen:
            print()
            print("\n".join(table(chosen, split)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
