"""Plain text and Markdown in any supported encoding: one source line per text line."""

from __future__ import annotations

from reportdiff.options import Options
from reportdiff.readers import Extracted
from reportdiff.readers.chars import indented_lines, split_lines, unify_ideographs
from reportdiff.readers.decode import check_binary, decode


def read(data: bytes, source: str, options: Options) -> Extracted:
    """Decode the text and split it into lines; lines that start with white space are reported
    as :attr:`~reportdiff.readers.Extracted.indents` (the white space itself goes)."""
    if not options.encoding:
        check_binary(data, source)
    decoded = decode(data, source, options)
    lines = split_lines(unify_ideographs(decoded.text))
    return Extracted(
        lines=tuple(lines),
        encoding=decoded.codec,
        indents=indented_lines(lines),
        warnings=decoded.warnings,
    )
