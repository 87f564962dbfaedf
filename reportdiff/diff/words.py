"""Word-level ops of a changed sentence: diff-match-patch over jieba tokens, never half a word."""

from __future__ import annotations

from reportdiff.grammar import label_length
from reportdiff.text import fold
from reportdiff.tokens import cut

__all__ = ["Op", "word_ops"]

_PUA_BMP = (0xE000, 0xF8FF)
_PUA_PLANE15 = (0xF0000, 0xFFFFD)


def _code_point(index: int) -> str:
    """The index-th private-use character: U+E000.., then U+F0000.. (never a surrogate)."""
    bmp = _PUA_BMP[1] - _PUA_BMP[0] + 1
    if index < bmp:
        return chr(_PUA_BMP[0] + index)
    index -= bmp
    if index > _PUA_PLANE15[1] - _PUA_PLANE15[0]:
        raise ValueError("too many distinct tokens for one sentence pair")
    return chr(_PUA_PLANE15[0] + index)


Op = tuple[str, str]


def word_ops(old: str, new: str) -> tuple[Op, ...]:
    """Word-level diff of two sentences as (op, text) with op in ``=``, ``-``, ``+``.

    diff-match-patch runs over jieba tokens mapped one token → one private-use character (as
    ``diff_linesToChars`` does for lines), then a semantic cleanup (:func:`_cleanup`), so a
    highlight never cuts a word in half. Tokens compare by :func:`fold`, so width-only punctuation
    differences are not highlighted; equal runs show the new text, white space alone is never an
    edit.
    """
    import diff_match_patch as dmp_module

    codes: dict[str, str] = {}

    def encode(tokens: tuple[str, ...]) -> str:
        chars = []
        for token in tokens:
            key = fold(token) or " "
            if key not in codes:
                codes[key] = _code_point(len(codes))
            chars.append(codes[key])
        return "".join(chars)

    # Enumeration labels (●, 一是, （三）) are ignored like in the comparison key: the old label
    # is left out, the new one shown as unchanged text.
    old_label, new_label = label_length(old), label_length(new)
    old_tokens, new_tokens = _words(old[old_label:]), _words(new[new_label:])
    dmp = dmp_module.diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(encode(old_tokens), encode(new_tokens), False)
    groups: list[list[str]] = []  # ["=", old, new] equal runs, ["~", deleted, inserted] edits
    i = j = 0
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            groups.append(["=", "".join(old_tokens[i : i + n]), "".join(new_tokens[j : j + n])])
            i, j = i + n, j + n
            continue
        if not groups or groups[-1][0] != "~":
            groups.append(["~", "", ""])
        if op < 0:
            groups[-1][1] += "".join(old_tokens[i : i + n])
            i += n
        else:
            groups[-1][2] += "".join(new_tokens[j : j + n])
            j += n
    ops: list[list[str]] = []

    def push(kind: str, text: str) -> None:
        if ops and ops[-1][0] == kind:
            ops[-1][1] += text
        elif text:
            ops.append([kind, text])

    push("=", new[:new_label])
    for kind, deleted, inserted in _cleanup(groups):
        if kind == "=":
            push("=", inserted)
            continue
        if fold(deleted):
            push("-", deleted)
        push("+" if fold(inserted) else "=", inserted)  # inserted white space is no edit
    return tuple((kind, text) for kind, text in ops if text)


def _words(text: str) -> tuple[str, ...]:
    """jieba tokens with decimal numbers kept whole (jieba cuts 5.07 into 5 . 07)."""
    out: list[str] = []
    for token in cut(text):
        if (
            len(out) >= 2
            and out[-1] in (".", "．")
            and out[-2][-1:].isdigit()
            and token[:1].isdigit()
        ):
            point = out.pop()
            out[-1] += point + token
        else:
            out.append(token)
    return tuple(out)


#: An equal run between two edits is folded into them when it is this short (characters)...
SMALL_EQUALITY = 3
#: ...or when both neighbouring edits are at least this many times longer than it.
DWARFED_EQUALITY = 4


def _cleanup(groups: list[list[str]]) -> list[list[str]]:
    """Semantic cleanup weighted by characters, not tokens.

    diff-match-patch's own cleanup measures equalities in (token) characters, so a four-character
    word such as 美丽家园 weighs one and is swallowed by its neighbours. Here an equal run between
    two edits is absorbed when it is no longer than either edit and is tiny (a particle, a comma)
    or dwarfed by both edits; otherwise it stays as an anchor for the reader.
    """

    def weight(text: str) -> int:
        return len(fold(text))

    groups = [list(g) for g in groups]
    changed = True
    while changed:
        changed = False
        for k in range(1, len(groups) - 1):
            before, equal, after = groups[k - 1], groups[k], groups[k + 1]
            if equal[0] != "=" or before[0] != "~" or after[0] != "~":
                continue
            e = weight(equal[2])
            a = max(weight(before[1]), weight(before[2]))
            b = max(weight(after[1]), weight(after[2]))
            if e <= a and e <= b and (e <= SMALL_EQUALITY or DWARFED_EQUALITY * e <= min(a, b)):
                groups[k - 1 : k + 2] = [
                    ["~", before[1] + equal[1] + after[1], before[2] + equal[2] + after[2]]
                ]
                changed = True
                break
    return groups
