"""Fitting lines into Block Kit's limits, with a translated "…and N more"."""

from __future__ import annotations

from bot.i18n import translator
from bot.views.limits import and_more, join_within


def test_what_does_not_fit_is_counted_in_the_readers_language():
    lines = [f"line {i:03d} " + "x" * 90 for i in range(100)]
    text = join_within(lines, head="*Head*", more=and_more(translator("it")), limit=1000)
    assert len(text) <= 1000
    shown = text.count("line ")
    assert text.endswith(f"_…e {100 - shown} in più_")


def test_everything_that_fits_is_shown_without_a_closing_line():
    assert join_within(["a", "b"], head="*H*", more=and_more(translator("nl"))) == "*H*\na\nb"
