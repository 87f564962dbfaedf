"""新提法: formulations of the new edition that its background never uses.

The **background** is the old edition and any earlier editions given (``Options.background``): a
phrase is new only if none of them has it (white space and punctuation width ignored), so a term
that returns after a year's absence (九二共识) is not news when the earlier editions are given.

Candidates, in order of weight (analysts lead with the first kinds):

1. **stance phrases** of macro policy (:func:`reportdiff.grammar.stance_phrases`: 积极的财政政策,
   适度宽松的货币政策) — the year's biggest change is often the adjective;
2. **policy terms** of the shipped vocabulary (营商环境, 两旧一村, 具身智能);
3. **quoted terms** (“两重”, “人工智能+”) — a quotation of a whole clause (it has a comma) is a
   quoted task, not a term; a quoted ordinary word (梦想: a frequent jieba dictionary word) is not
   a formulation;
   (a long quoted list, 「改造传统产业、培育新兴产业、布局未来产业」, is a quoted task too).

Ordinary dictionary words absent from one edition by chance (办事效率, 产业政策, 三季度) and names
are not candidates at all. Tried and dropped: two adjacent words the dictionary does not know as
one (低空/经济) — on the 2025 → 2026 Hubei pair nine of ten were ordinary collocations (上年增长,
努力增强) or names (湖北经济).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from reportdiff.diff.keys import Side
from reportdiff.diff.records import Change, NewFormulation
from reportdiff.grammar import policy_terms, stance_phrases
from reportdiff.text import fold
from reportdiff.tokens import cut, word_frequency

__all__ = ["key_phrases", "new_formulations"]

_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,24})[”\"」』]")
#: A quoted word this frequent in jieba's general dictionary is ordinary vocabulary (梦想: 1194),
#: not a programme's name (“两重”, the 两重 programme, is a dictionary word of frequency 104).
COMMON_WORD_FREQ = 500
#: A quoted list longer than this (「改造传统产业、培育新兴产业、布局未来产业」) is a quoted task.
LONG_QUOTED_LIST = 12
MAX_PHRASES_PER_SENTENCE = 3
_KINDS = ("stance", "term", "quoted")


def key_phrases(text: str) -> list[str]:
    """Candidate formulations of one sentence, best kind first (see the module docstring).

    >>> key_phrases("实施积极的财政政策，优化营商环境，推进“两重”建设。")
    ['积极的财政政策', '营商环境', '两重']
    """
    return [phrase for phrase, _ in _candidates(text)]


def _candidates(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = [(p, "stance") for p in stance_phrases(text)]
    terms = policy_terms()
    found.extend((t, "term") for t in dict.fromkeys(cut(text)) if t in terms)
    for match in _QUOTED.finditer(text):
        term = match.group(1).strip()
        if not re.search(r"[\u4e00-\u9fff]", term) or re.search(r"[，,。；;]", term):
            continue
        if "、" in term and len(term) > LONG_QUOTED_LIST:
            continue
        if word_frequency(term) >= COMMON_WORD_FREQ:
            continue
        found.append((term, "quoted"))
    seen: set[str] = set()
    out = []
    for phrase, kind in found:
        if phrase not in seen:
            seen.add(phrase)
            out.append((phrase, kind))
    return out


def new_formulations(
    old: Side,
    new: Side,
    changes: Iterable[Change],
    background: Iterable[str] = (),
) -> tuple[NewFormulation, ...]:
    """Formulations of added/changed/moved new sentences that the background (the old edition,
    its headings, and the texts of ``background``) never uses."""
    known = "".join(fold(ref.sentence.text) for ref in old.refs)
    known += "".join({fold(ref.section.title): None for ref in old.refs})
    known += "".join(fold(text) for text in background)
    uses: Counter[str] = Counter()
    for ref in new.refs:
        uses.update(phrase for phrase, _ in _candidates(ref.sentence.text))
    seen: set[str] = set()
    found: list[tuple[int, int, int, str, NewFormulation]] = []
    for change in changes:
        if change.new is None:
            continue
        text = change.new.sentence.text
        candidates = _candidates(text)
        count = 0
        for phrase, kind in sorted(candidates, key=lambda c: _KINDS.index(c[1])):
            key = fold(phrase)
            if key in seen or key in known or any(key in fold(p) for p in seen):
                continue
            seen.add(key)
            rank = (change.new.index, _KINDS.index(kind), -uses[phrase], phrase)
            found.append((*rank, NewFormulation(phrase, change.new)))
            count += 1
            if count >= MAX_PHRASES_PER_SENTENCE:
                break
    found.sort(key=lambda f: (f[0], f[1], f[2], f[3]))
    return tuple(f[4] for f in found)
