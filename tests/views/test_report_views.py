"""Report messages stay within Block Kit's limits whatever was typed."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.severity import Severity
from bot.i18n import LANGUAGES, translator
from bot.views.report import FiledReport, dealbreaker_alert, report_confirmation, report_not_saved
from bot.views.text import quote_within

LONG_TEXTS = [
    "\n".join(["x" * 46] * 60),  # 60 short lines: quoting adds "&gt; " to each
    "<" * 3000,  # every character grows fourfold when escaped
    "&<>" * 1000,
    "word " * 600,
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("text", LONG_TEXTS, ids=["many lines", "angle brackets", "entities", "words"])
def test_every_report_message_fits_block_kit_limits(text, language):
    t = translator(language)
    report = FiledReport(1, "Acme", ["Other"], Severity.DEALBREAKER, text, date(2026, 1, 1), None)
    for _, blocks in (dealbreaker_alert(report, t), report_confirmation(report, t), report_not_saved(text, t)):
        for block in blocks:
            assert len((block.get("text") or {}).get("text", "")) <= 3000


def test_quote_within_keeps_what_fits():
    assert quote_within("short & sweet", 100) == "&gt; short &amp; sweet"
    assert len(quote_within("<" * 50, 40)) <= 40
