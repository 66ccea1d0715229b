"""The digest's chart: each client's share of revenue against its share of red flags, as PNG bytes.

Drawn with matplotlib's object API on the Agg canvas: no pyplot, no global
figure state, so it is safe in a scheduler thread next to a web server.
Its words and numbers are in the language of the translator it is given.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bot.domain.pareto import ShareRow
from bot.i18n import Translator

REVENUE_COLOUR, FLAGS_COLOUR = "#8a9bb0", "#b3261e"
NAME_MAX = 28


def _label(name: str) -> str:
    """A client name as a tick label: shortened, and `$` escaped so matplotlib never reads it as math."""
    short = name if len(name) <= NAME_MAX else name[: NAME_MAX - 1] + "…"
    return short.replace("$", r"\$")


def pareto_chart(rows: Sequence[ShareRow], t: Translator, *, title: str, subtitle: str) -> bytes:
    """A horizontal paired-bar chart, clients with most red flags on top; `title` and `subtitle` already in t's
    language, labels and numbers in t's."""
    figure = Figure(figsize=(8, 0.45 * len(rows) + 1.8), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = range(len(rows))
    height = 0.38
    axes.barh([p + height / 2 for p in positions], [r.revenue_share * 100 for r in rows], height,
              color=REVENUE_COLOUR, label=t.gettext("share of MRR"))
    axes.barh([p - height / 2 for p in positions], [r.flag_share * 100 for r in rows], height,
              color=FLAGS_COLOUR, label=t.gettext("share of red flags"))
    axes.set_yticks(list(positions), [_label(t.text(r.name)) for r in rows])
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _position: t.number(round(value))))
    axes.set_xlabel(t.gettext("percent of the total"))
    axes.xaxis.grid(True, color="#e0e0e0")
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(loc="lower right", frameon=False)  # untranslated: matplotlib's name of a position
    figure.suptitle(title, fontsize=12, fontweight="bold")
    axes.set_title(subtitle, fontsize=9, color="#444444")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
