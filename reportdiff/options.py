"""The one settings object passed, keyword-only, to every pipeline stage (as black's ``Mode``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

Mode = Literal["auto", "editions", "summary"]
Language = Literal["zh", "en"]

#: Inputs larger than this are refused: the largest real report we know is ~110 KB of text.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Options:
    """Every tunable of the pipeline, with defaults that suit real government reports.

    Frozen so that a run's settings cannot change half-way; use :meth:`evolve` to derive a variant.
    """

    # load
    encoding: str | None = None
    """Force this text encoding instead of detecting it."""
    input_format: str | None = None
    """Read every input as this format (txt, docx, pdf, html); needed for ``-`` that is not text."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Refuse inputs larger than this many bytes."""

    # align / diff
    mode: Mode = "auto"
    """``editions`` (year against year), ``summary`` (summary against full report) or ``auto``."""
    section_threshold: float = 0.3
    """Minimum similarity for two sections to be paired (below it only a clear best; see align)."""
    sentence_threshold: float = 0.5
    """Minimum similarity for two sentences to count as one sentence reworded."""
    background: tuple[str, ...] = ()
    """Earlier editions (paths) a 新提法 must not appear in either, besides the old edition."""
    summary_min_support: float = 0.3
    """``--mode auto`` keeps summary mode only when at least this share of the summary's statements
    is found in the other report (measured: 4–17% for a summary against another year's report)."""

    # numbers
    number_threshold: float = 0.55
    """Minimum similarity for two numbers of two editions to count as one indicator."""
    numbers_all: bool = False
    """Also pair outcomes and report every unpaired number as added/dropped.

    By default only targets and versioned plans are paired and reported when unpaired."""

    # check
    check_threshold: float = 0.9
    """Similarity at or above which two paragraphs count as (near) duplicates."""
    check_min_chars: int = 40
    """Paragraphs shorter than this many characters are not checked for duplication."""
    ignore_rules: frozenset[str] = field(default_factory=frozenset)
    """Rule codes that ``check`` does not report."""
    across: bool = False
    """``check``: also compare passages across the files given together."""

    # render
    lang: Language = "zh"
    """Language of memo labels."""
    title: str | None = None
    """Memo title; derived from the editions when not given."""
    template_dir: str | None = None
    """A folder whose templates override or extend the packaged ones."""

    def evolve(self, **changes: Any) -> Options:
        """Return a copy with some fields changed."""
        return replace(self, **changes)
