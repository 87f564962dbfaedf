"""Control characters never reach a reader's terminal or page: one shared place for every output.

A report is untrusted input. ESC or BEL bytes in it (``\\x1b[2J`` clears a terminal, ``\\x1b]8;;``
forges a link) or bidirectional overrides (which reorder what a reader sees) must not pass through
``diff``/``outline`` text, Markdown or HTML memos, or error messages. Every renderer gets its
records through :func:`printable_records` (see ``reportdiff.render.render``); JSON keeps the data
as it is but writes these code points as ``\\uXXXX`` escapes (:func:`escape_json_text`).
"""

from __future__ import annotations

import re
from typing import TypeVar

#: C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embeddings,
#: overrides and isolates (U+202A–U+202E, U+2066–U+2069).
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: The same plus tab and newline: what may not stand inside one line of a message.
UNSAFE_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

T = TypeVar("T")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL: the Unicode control pictures
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def printable(text: str) -> str:
    """Report text made safe to show: controls become visible symbols, never raw bytes.

    >>> printable("推进\\x1b[31m改造\\x07工作")
    '推进␛[31m改造␇工作'
    >>> printable("a\\u202eb\\x9bc")
    'a<U+202E>b<U+009B>c'
    """
    return UNSAFE.sub(_picture, text) if UNSAFE.search(text) else text


def one_line(text: str) -> str:
    r"""A message fit for one line of stderr: newlines and controls written as escapes.

    >>> one_line("a\nb.txt: no such file")
    'a\\nb.txt: no such file'
    """

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(match.group())
        return named or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return UNSAFE_IN_LINE.sub(escape, text)


def printable_records(records: T) -> T:
    """A copy of ``records`` with every string made :func:`printable` (keys too)."""
    if isinstance(records, str):
        return printable(records)  # type: ignore[return-value]
    if isinstance(records, dict):
        return {printable_records(k): printable_records(v) for k, v in records.items()}  # type: ignore[return-value]
    if isinstance(records, list):
        return [printable_records(v) for v in records]  # type: ignore[return-value]
    return records


def escape_json_text(json_text: str) -> str:
    """JSON text with the unsafe code points json.dumps leaves raw written as ``\\uXXXX``.

    (``json.dumps`` already escapes C0 controls; DEL, C1 and bidi controls it writes as they are.)

    >>> escape_json_text('"a\\u202eb"')
    '"a\\\\u202eb"'
    """
    if not UNSAFE.search(json_text):
        return json_text
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
