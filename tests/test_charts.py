"""The Pareto chart: a PNG from any client names, drawn on the Agg canvas without pyplot."""

from __future__ import annotations

import io

from matplotlib.image import imread

from bot.charts import pareto_chart
from bot.domain.pareto import ShareRow
from bot.i18n import translator


def test_a_png_with_awkward_names():
    rows = [ShareRow("Acme $x^2$ & <Co>", 0.05, 0.6), ShareRow("$$$ Money Bags $", 0.25, 0.3),
            ShareRow("Ünïcödé Gläserei — a very long name indeed, longer than any label", 0.7, 0.1)]
    png = pareto_chart(rows, translator("en"), title="Share of revenue against share of red flags", subtitle="1 client brings 5% …")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    height, width, _ = imread(io.BytesIO(png)).shape
    assert width == 880 and height > 300
