"""The result table: one line per measure, the product beside its baseline, the ratio and the target."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    benchmark: str  # e.g. "digest (sqlite)"
    measure: str  # e.g. "p99 ack, ms"
    product: float | None
    baseline: float | None = None
    target: str = ""  # in words, e.g. "≤ 1.3× baseline"
    check: Callable[[float, float | None], bool] | None = None  # (product, ratio) → target met
    note: str = ""  # e.g. "not available yet"

    @property
    def ratio(self) -> float | None:
        if self.product is None or not self.baseline:
            return None
        return self.product / self.baseline

    @property
    def verdict(self) -> str:
        if self.note:
            return self.note
        if self.check is None or self.product is None:
            return ""
        return "met" if self.check(self.product, self.ratio) else "MISSED"


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if value < 10 else f"{value:.1f}"


def render(lines: Sequence[Line]) -> str:
    """A plain-text table (also valid Markdown)."""
    head = ("benchmark", "measure", "product", "baseline", "ratio", "target", "verdict")
    rows = [head] + [(ln.benchmark, ln.measure, _number(ln.product), _number(ln.baseline),
                      f"{ln.ratio:.2f}×" if ln.ratio is not None else "—", ln.target or "—", ln.verdict or "—")
                     for ln in lines]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    out = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |" for row in rows]
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def missed(lines: Sequence[Line]) -> list[Line]:
    return [ln for ln in lines if ln.verdict == "MISSED"]
