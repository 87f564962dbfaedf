"""Small text utilities every stage needs: comparison keys and sentence splitting.

Displayed text is never normalised; :func:`fold` builds *keys* for comparing text only.
"""

from __future__ import annotations

import re
import unicodedata

from reportdiff.grammar import BRACKET_PAIRS, CLOSERS, INVISIBLE, SENTENCE_END

_SPACE = re.compile(r"\s+")
# Punctuation that differs only in width or style between editions of the same text.
_PUNCT_FOLD = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "—": "-",
        "–": "-",
        "－": "-",
        "～": "~",
        "〜": "~",
        "·": "·",
        "・": "·",
        "。": ".",
        "、": ",",
        "《": "<",
        "》": ">",
        "【": "[",
        "】": "]",
        "〔": "[",
        "〕": "]",
    }
)


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun in English number, for the notes a stage writes.

    >>> counted(1, "line"), counted(3, "line"), counted(2, "byte sequence")
    ('1 line', '3 lines', '2 byte sequences')
    """
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def fold(text: str) -> str:
    """Comparison key: NFKC, punctuation width and style folded, all white space removed.

    >>> fold("增长 5％以上，（一）") == fold("增长5%以上,(一)")
    True
    """
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return _SPACE.sub("", text.translate(_PUNCT_FOLD)).lower()


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences on 。！？； and ……, keeping quotes and brackets whole.

    A closing quote or bracket right after the end mark stays with its sentence.

    >>> split_sentences("推进“两旧一村”改造。实施“人工智能+”行动！完成")
    ['推进“两旧一村”改造。', '实施“人工智能+”行动！', '完成']
    >>> split_sentences("他说“好。再来。”然后走了。")
    ['他说“好。再来。”然后走了。']
    """
    return [text[a:b] for a, b in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Like :func:`split_sentences` but as (start, end) offsets into ``text``, so callers can map
    each sentence back to its source line. Spans exclude surrounding white space."""
    spans: list[tuple[int, int]] = []
    depth: list[str] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in BRACKET_PAIRS and not (ch == '"' and depth and depth[-1] == '"'):
            depth.append(BRACKET_PAIRS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch == '"':
            depth.append('"')
        is_end = ch in SENTENCE_END or (ch == "…" and i + 1 < n and text[i + 1] == "…")
        if is_end and not depth:
            if ch == "…":
                i += 1
            j = i + 1
            while j < n and (text[j] in CLOSERS or text[j] in SENTENCE_END):
                j += 1
            _add_span(text, start, j, spans)
            start = j
            i = j
            continue
        i += 1
    _add_span(text, start, n, spans)
    # An unbalanced quote would swallow the rest of the paragraph: fall back to plain splitting.
    if len(spans) == 1 and depth and len(text) > 200:
        spans = []
        start = 0
        for match in re.finditer(f"[{re.escape(SENTENCE_END)}]+", text):
            _add_span(text, start, match.end(), spans)
            start = match.end()
        _add_span(text, start, n, spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
