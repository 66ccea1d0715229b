"""Staff-facing poll builders: dates in words, the ballot with current picks, invitations."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.views.poll import CurrentPick, PollInfo, ballot_modal, closed_phrase, invitation, moment_text, rank_block, why_block

ROME = ZoneInfo("Europe/Rome")
POLL = PollInfo(poll_id=7, period="2026-Q4", closes_at=datetime(2026, 12, 16, tzinfo=ROME), closed_at=None, threshold=4)


def test_moments_in_words():
    assert moment_text(datetime(2026, 12, 16, 0, 0, tzinfo=ROME)) == "the end of Tue 15 Dec 2026"
    assert moment_text(datetime(2026, 12, 10, 14, 32, tzinfo=ROME)) == "Thu 10 Dec 2026 at 14:32"
    assert closed_phrase(datetime(2026, 12, 16, 0, 0, tzinfo=ROME)) == "at the end of Tue 15 Dec 2026"
    assert closed_phrase(datetime(2026, 12, 10, 14, 32, tzinfo=ROME)) == "on Thu 10 Dec 2026 at 14:32"


def test_the_ballot_shows_current_picks_and_the_threshold_in_force():
    long_name = "Studio Associato " + "Molto " * 20
    view = ballot_modal(POLL, [CurrentPick(3, long_name, "rude"), CurrentPick(9, "Acme", None)]).to_dict()
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert view["title"]["text"] == "Worst clients 2026-Q4" and view["private_metadata"] == "7"
    assert blocks[rank_block(1)]["element"]["initial_option"]["value"] == "3"
    assert len(blocks[rank_block(1)]["element"]["initial_option"]["text"]["text"]) <= 75
    assert blocks[why_block(1)]["element"]["initial_value"] == "rude"
    assert "initial_value" not in blocks[why_block(2)]["element"]
    assert "at least 4 people named" in str(view["blocks"]) and "the end of Tue 15 Dec 2026" in str(view["blocks"])


def test_invitation_and_reminder_carry_the_same_button():
    text, blocks = invitation(POLL)
    reminder_text, reminder_blocks = invitation(POLL, reminder=True)
    assert "is open until the end of Tue 15 Dec 2026" in text and "still empty" in reminder_text
    buttons = [[e for b in bs if b["type"] == "actions" for e in b["elements"]] for bs in (blocks, reminder_blocks)]
    assert buttons[0] == buttons[1] and buttons[0][0]["value"] == "7"
