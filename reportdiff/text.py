"""Small text utilities every stage needs: comparison keys and sentence splitting.

Displayed text is never normalised; :func:`fold` builds *keys* for comparing text only.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = re.compile(r"\s+")
# Punctuation that differs only in width or style between editions of the same text.
_PUNCT_FOLD = str.maketrans(
    {
        "“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"',
        "—": "-", "–": "-", "－": "-", "～": "~", "〜": "~", "·": "·", "・": "·",
        "。": ".", "、": ",", "《": "<", "》": ">", "【": "[", "】": "]", "〔": "[", "〕": "]",
    }
)


def fold(text: str) -> str:
    """Comparison key: NFKC, punctuation width and style folded, all white space removed.

    >>> fold("增长 5％以上，（一）") == fold("增长5%以上,(一)")
    True
    """
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return _SPACE.sub("", text.translate(_PUNCT_FOLD)).lower()


def clean_space(text: str) -> str:
    """Remove zero-width characters and collapse white space to single spaces (display text)."""
    text = _INVISIBLE.sub("", text).replace("\u3000", " ")
    return _SPACE.sub(" ", text).strip()


_OPENERS = "“‘「『（(《【〔[\""
_CLOSERS = "”’」』）)》】〕]\""
_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】",
          "〔": "〕", "[": "]"}
_ENDERS = "。！？；!?;"


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences on 。！？； and ……, keeping quotes and brackets whole.

    A closing quote or bracket right after the end mark stays with its sentence.

    >>> split_sentences("推进“两旧一村”改造。实施“人工智能+”行动！完成")
    ['推进“两旧一村”改造。', '实施“人工智能+”行动！', '完成']
    >>> split_sentences("他说“好。再来。”然后走了。")
    ['他说“好。再来。”然后走了。']
    """
    sentences: list[str] = []
    depth: list[str] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _PAIRS and not (ch == '"' and depth and depth[-1] == '"'):
            depth.append(_PAIRS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch == '"':
            depth.append('"')
        is_end = ch in _ENDERS or (ch == "…" and i + 1 < n and text[i + 1] == "…")
        if is_end and not depth:
            if ch == "…":
                i += 1
            j = i + 1
            while j < n and (text[j] in _CLOSERS or text[j] in _ENDERS):
                j += 1
            piece = text[start:j].strip()
            if piece:
                sentences.append(piece)
            start = j
            i = j
            continue
        i += 1
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    # An unbalanced quote would swallow the rest of the paragraph: fall back to plain splitting.
    if len(sentences) == 1 and depth and len(text) > 200:
        return [s for s in re.split(r"(?<=[。！？；!?;])", text) if s.strip()]
    return sentences
