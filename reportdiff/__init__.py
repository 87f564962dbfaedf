"""reportdiff: what changed between two editions of a Chinese government report.

In a notebook::

    import reportdiff
    cmp = reportdiff.compare("2024.txt", "2025.docx")   # paths, report text or bytes
    cmp.records()                                       # the canonical diff record
    tr = reportdiff.track("2023.txt", "2024.txt", "2025.txt")

Both load their modules on first use, so ``import reportdiff`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from reportdiff.notebook import Compared, Source
    from reportdiff.options import Options
    from reportdiff.tracking import Track


def compare(old: Source, new: Source, *, options: Options | None = None) -> Compared:
    """Compare two editions (paths, text or bytes) with default options; the typed comparison
    with ``.records()`` and a memo summary as its HTML view."""
    from reportdiff.notebook import compare as run

    return run(old, new, options=options)


def track(
    *editions: Source, labels: list[str] | None = None, options: Options | None = None
) -> Track:
    """Track two or more editions (oldest first): indicator series, commitments, formulations."""
    from reportdiff.notebook import track as run

    result: Track = run(*editions, labels=labels, options=options)
    return result
