"""Staff-facing poll builders: dates in words, the ballot with current picks, invitations."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import LANGUAGES, translator
from bot.views.poll import (
    CurrentPick,
    PollInfo,
    ballot_modal,
    closed_notice,
    closed_phrase,
    invitation,
    moment_text,
    ordinal,
    period_text,
    poll_notice,
    rank_block,
    thanks_modal,
    why_block,
)

ROME = ZoneInfo("Europe/Rome")
POLL = PollInfo(poll_id=7, period="2026-Q4", closes_at=datetime(2026, 12, 16, tzinfo=ROME), closed_at=None, threshold=4)
EN = translator("en")


def test_moments_in_words():
    assert moment_text(datetime(2026, 12, 16, 0, 0, tzinfo=ROME), EN) == "the end of Tuesday, December 15, 2026"
    assert moment_text(datetime(2026, 12, 10, 14, 32, tzinfo=ROME), EN) == "Thursday, December 10, 2026 at 2:32\u202fPM"
    assert closed_phrase(datetime(2026, 12, 16, 0, 0, tzinfo=ROME), EN) == "at the end of Tuesday, December 15, 2026"
    assert closed_phrase(datetime(2026, 12, 10, 14, 32, tzinfo=ROME), EN) == "on Thursday, December 10, 2026 at 2:32\u202fPM"


@pytest.mark.parametrize(("language", "midnight", "afternoon"), [
    ("it", "martedì 15 dicembre 2026 compreso", "giovedì 10 dicembre 2026 alle 14:32"),
    ("nl", "het einde van dinsdag 15 december 2026", "donderdag 10 december 2026 om 14:32"),
    ("fr", "la fin du mardi 15 décembre 2026", "jeudi 10 décembre 2026 à 14:32"),
    ("de", "Dienstag, 15. Dezember 2026, 24 Uhr", "Donnerstag, 10. Dezember 2026, 14:32 Uhr"),
])
def test_moments_in_each_language(language, midnight, afternoon):
    t = translator(language)
    assert moment_text(datetime(2026, 12, 16, 0, 0, tzinfo=ROME), t) == midnight
    assert moment_text(datetime(2026, 12, 10, 14, 32, tzinfo=ROME), t) == afternoon


@pytest.mark.parametrize(("language", "quarter", "ranks"), [
    ("en", "Q4 2026", ["1st", "2nd", "3rd", "4th", "11th", "12th", "21st", "22nd", "23rd"]),
    ("it", "4º trimestre 2026", ["1º", "2º", "3º", "4º", "11º", "12º", "21º", "22º", "23º"]),
    ("nl", "Q4 2026", ["1e", "2e", "3e", "4e", "11e", "12e", "21e", "22e", "23e"]),
    ("fr", "T4 2026", ["1er", "2e", "3e", "4e", "11e", "12e", "21e", "22e", "23e"]),
    ("de", "Q4 2026", ["1.", "2.", "3.", "4.", "11.", "12.", "21.", "22.", "23."]),
])
def test_periods_keep_their_stored_label_and_are_shown_per_language(language, quarter, ranks):
    t = translator(language)
    assert period_text("2026-Q4", t) == quarter and period_text("2026", t) == "2026"
    assert [ordinal(rank, t) for rank in (1, 2, 3, 4, 11, 12, 21, 22, 23)] == ranks


@pytest.mark.parametrize("language", LANGUAGES)
def test_modal_titles_and_buttons_fit_slacks_limits_in_every_language(language):
    t = translator(language)  # to_dict() validates: titles and buttons at most 24 characters
    for view in (ballot_modal(POLL, t), thanks_modal(POLL, t, replaced=True), closed_notice(POLL, t),
                 poll_notice("…", t)):
        assert len(view.to_dict()["title"]["text"]) <= 24


def test_the_ballot_shows_current_picks_and_the_threshold_in_force():
    long_name = "Studio Associato " + "Molto " * 20
    view = ballot_modal(POLL, EN, [CurrentPick(3, long_name, "rude"), CurrentPick(9, "Acme", None)]).to_dict()
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert view["title"]["text"] == "Worst clients Q4 2026" and view["private_metadata"] == "7"
    assert blocks[rank_block(1)]["element"]["initial_option"]["value"] == "3"
    assert len(blocks[rank_block(1)]["element"]["initial_option"]["text"]["text"]) <= 75
    assert blocks[why_block(1)]["element"]["initial_value"] == "rude"
    assert "initial_value" not in blocks[why_block(2)]["element"]
    assert "at least 4 people named" in str(view["blocks"])
    assert "until the end of Tuesday, December 15, 2026" in str(view["blocks"])
    assert blocks[rank_block(1)]["label"]["text"] == "1st worst (5 points)"
    assert blocks[rank_block(5)]["label"]["text"] == "5th worst (1 point)"


def test_invitation_and_reminder_carry_the_same_button():
    text, blocks = invitation(POLL, EN)
    reminder_text, reminder_blocks = invitation(POLL, EN, reminder=True)
    assert "is open until the end of Tuesday, December 15, 2026" in text and "still empty" in reminder_text
    buttons = [[e for b in bs if b["type"] == "actions" for e in b["elements"]] for bs in (blocks, reminder_blocks)]
    assert buttons[0] == buttons[1] and buttons[0][0]["value"] == "7"
