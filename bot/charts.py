"""The digest's chart: each client's share of revenue against its share of red flags, as PNG bytes.

Drawn with matplotlib's object API on the Agg canvas: no pyplot, no global
figure state, so it is safe in a scheduler thread next to a web server.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.domain.pareto import ShareRow

REVENUE_COLOUR, FLAGS_COLOUR = "#8a9bb0", "#b3261e"
NAME_MAX = 28


def _label(name: str) -> str:
    """A client name as a tick label: shortened, and `$` escaped so matplotlib never reads it as math."""
    short = name if len(name) <= NAME_MAX else name[: NAME_MAX - 1] + "…"
    return short.replace("$", r"\$")


def pareto_chart(rows: Sequence[ShareRow], *, title: str, subtitle: str) -> bytes:
    """A horizontal paired-bar chart, clients with most red flags on top."""
    figure = Figure(figsize=(8, 0.45 * len(rows) + 1.8), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = range(len(rows))
    height = 0.38
    axes.barh([p + height / 2 for p in positions], [r.revenue_share * 100 for r in rows], height,
              color=REVENUE_COLOUR, label="share of MRR")
    axes.barh([p - height / 2 for p in positions], [r.flag_share * 100 for r in rows], height,
              color=FLAGS_COLOUR, label="share of red flags")
    axes.set_yticks(list(positions), [_label(r.name) for r in rows])
    axes.invert_yaxis()
    axes.set_xlabel("% of the total")
    axes.xaxis.grid(True, color="#e0e0e0")
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(loc="lower right", frameon=False)
    figure.suptitle(title, fontsize=12, fontweight="bold")
    axes.set_title(subtitle, fontsize=9, color="#444444")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
