"""The owners' results message: nothing below the threshold, escaped names and whys, shared ranks,
movement, and Block Kit limits with many clients."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.ranking import movement, rank_ballots
from bot.i18n import translator
from bot.views.poll_results import PollResults, results_message

CLOSED = datetime(2026, 12, 16, 0, 0, tzinfo=ZoneInfo("Europe/Rome"))
EN = translator("en")
NAMES = {1: "Acme <!channel>", 2: "Bianchi & Figli", 3: "Conti", 4: "Dubois", 5: "Esposito"}


def results(ballots, **extra) -> PollResults:  # type: ignore[no-untyped-def]
    base = dict(period="2026", cadence="yearly", closed_at=CLOSED, eligible=7, ballots=len(ballots), threshold=3,
                ranking=rank_ballots(ballots), names=NAMES)
    return PollResults(**{**base, **extra})


def texts(blocks: list[dict]) -> str:
    return "\n".join(str(b) for b in blocks)


def test_below_the_threshold_nothing_about_the_picks_shows():
    text, blocks = results_message(results([[1, 2]] * 2, ranking=None, names={}), EN)
    body = texts(blocks)
    assert "2 cast, at least 3 are needed, so 1 more was needed" in body
    assert "Voted: 2 of 7 eligible (29%)" in body and "closed at the end of Tuesday, December 15, 2026" in body
    assert "Acme" not in body and "Acme" not in text and "points" not in body


def test_names_and_whys_are_escaped_and_whys_are_listed_unsigned():
    ballots = [[1, 2], [1], [2, 1]]
    _, blocks = results_message(results(ballots, reasons={1: ["they wrote <@U0BOSS> & yelled", "late"]}), EN)
    body = texts(blocks)
    assert "Acme &lt;!channel&gt;" in body and "<!channel>" not in body and "Bianchi &amp; Figli" in body
    assert "> they wrote &lt;@U0BOSS&gt; &amp; yelled" in body and "<@" not in body
    assert "*1. Acme &lt;!channel&gt;* · 14 points · named on 3 of 3 ballots (100%) · 2× 1st" in body


def test_tied_clients_share_the_rank_and_appear_by_name():
    _, blocks = results_message(results([[5], [4], [3]]), EN)
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section" and b["text"]["text"].startswith("*")]
    assert [s.split(" · ")[0] for s in sections] == ["*1. Conti*", "*1. Dubois*", "*1. Esposito*"]


def test_movement_since_the_previous_poll():
    previous, current = rank_ballots([[1, 2, 3]] * 3), rank_ballots([[3, 1, 4]] * 3)
    _, blocks = results_message(results([[3, 1, 4]] * 3, previous_period="2025", movement=movement(current, previous)), EN)
    body = texts(blocks)
    assert "*Since 2025:*" in body and "*New:* Dubois" in body
    assert "*Up:* Conti (3rd → 1st)" in body and "*Down:* Acme &lt;!channel&gt; (1st → 2nd)" in body
    assert "*Dropped out:* Bianchi &amp; Figli (was 2nd)" in body
    assert "↑2 (was 3rd)" in body and ":new: new" in body


def test_a_first_poll_says_there_is_nothing_to_compare_with():
    _, blocks = results_message(results([[1]] * 3), EN)
    assert "No earlier yearly poll with enough ballots to compare with" in texts(blocks)


def test_many_clients_fit_in_one_message():
    names = {i: f"Client {i} " + "x" * 60 for i in range(1, 81)}
    ballots = [list(range(start, start + 5)) for start in range(1, 80, 5)]
    reasons = {i: ["why " * 70] * 30 for i in names}
    _, blocks = results_message(results(ballots, names=names, reasons=reasons, eligible=16), EN)
    assert len(blocks) <= 50
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
    assert "_Also named:_" in texts(blocks)
