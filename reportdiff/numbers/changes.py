"""Changes: how a figure moved between two statements, as kinds and as short text.

Deltas are written in the values' own scale and unit (「+1.6万亿元」, not 「+16000亿 元」),
percentages in percentage points; the values are ``Decimal`` and never rounded, so no figure is too
large to show.
"""

from __future__ import annotations

from reportdiff.grammar import CAPPING_VERBS, NEUTRAL_QUALIFIERS
from reportdiff.numbers.quantities import SCALES, Quantity, plain
from reportdiff.records import NO_QUALIFIER


def _show(quantity: Quantity) -> str:
    return quantity.raw.replace(" ", "")


def _shown_qualifier(quantity: Quantity) -> str:
    written = (quantity.qualifier or "").split()
    words = [q for q in written if q not in NEUTRAL_QUALIFIERS]
    if not words:  # a capping verb alone is what the figure says (控制在3%)
        words = [q for q in written if q in CAPPING_VERBS]
    return " ".join(words) or NO_QUALIFIER


def _signed(text: str) -> str:
    return text if text.startswith("-") else "+" + text


def delta_text(old: Quantity, new: Quantity) -> str:
    """How much a figure moved, in the values' own scale and unit: percentages in percentage
    points, amounts in the largest scale either edition writes (「+1.6万亿元」, 「-2500亿元」).

    A fall stated as a fall in both editions compares the sizes of the falls (下降3% → 下降2.5%:
    -0.5个百分点); otherwise the signed values.
    """
    if old.falls == new.falls:
        difference = new.value - old.value
    else:
        difference = new.signed - old.signed
    if old.kind in ("percent", "points"):
        return _signed(plain(difference)) + "个百分点"
    unit = old.unit if old.kind != "amount" else ""
    sizes = dict(SCALES)
    written = sorted({n for n in (old.scale, new.scale) if n}, key=sizes.__getitem__, reverse=True)
    if not written:
        return _signed(plain(difference)) + unit
    chosen = next((n for n in written if abs(difference) >= sizes[n]), written[-1])
    return _signed(plain(difference / sizes[chosen])) + chosen + unit


def describe_change(
    old: Quantity, new: Quantity, *, ceiling: bool = False
) -> tuple[str, str | None]:
    """The kind of change between two paired quantities and a short text saying it; qualifiers
    are compared by meaning (:meth:`~reportdiff.numbers.quantities.Quantity.meaning`, with
    ``ceiling`` for an indicator whose target is a cap).

    >>> from reportdiff.numbers.quantities import extract_quantities as q
    >>> describe_change(q("控制在4.6%")[0], q("4.6%以内")[0])
    ('unchanged', None)
    >>> describe_change(q("控制在3%")[0], q("3%左右")[0])
    ('qualifier_changed', '控制在 → 左右')
    >>> describe_change(q("4.6%")[0], q("控制在4.6%以内")[0], ceiling=True)
    ('unchanged', None)
    """
    parts: list[str] = []
    kind = "unchanged"
    if old.unit != new.unit and not (
        old.kind in ("amount", "money") and new.kind in ("amount", "money")
    ):
        kind = "unit_changed"
        parts.append(f"{_show(old)} → {_show(new)}")
    elif old.value != new.value or old.high != new.high or old.falls != new.falls:
        kind = "value_changed"
        if old.high is not None or new.high is not None:
            parts.append(f"{_show(old)} → {_show(new)}")
        elif old.kind == "version":
            parts.append(f"{old.value} → {new.value}")
        else:
            parts.append(delta_text(old, new))
    if old.meaning(ceiling) != new.meaning(ceiling):
        if kind == "unchanged":
            kind = "qualifier_changed"
        parts.append(f"{_shown_qualifier(old)} → {_shown_qualifier(new)}")
    return kind, "; ".join(parts) or None
