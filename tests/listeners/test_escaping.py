"""Mention and markup injection is neutralised in every message the bot posts."""

from __future__ import annotations

import json

import pytest

from bot.views.text import escape
from tests.conftest import OWNERS_CHANNEL, STAFF
from tests.listeners.helpers import open_report_modal, submit, valid_answers

HOSTILE = "<!channel> <!here> <!everyone> <@U0BOSS> <#C0GENERAL> <!subteam^S0TEAM> <https://evil.test|click> & @channel"
LIVE_MARKUP = ("<!channel", "<!here", "<!everyone", "<@U0BOSS", "<#C0", "<!subteam", "<https://evil", "@channel")


def live_markup_in(value: object) -> list[str]:
    """The control sequences present in a posted payload (mrkdwn strings, as JSON)."""
    text = json.dumps(value, ensure_ascii=False)
    return [m for m in LIVE_MARKUP if m in text]


@pytest.mark.parametrize("raw", [HOSTILE, "a & b < c > d", "<<!channel>>", "@here please", "@Everyone!"])
def test_escape_leaves_no_live_markup(raw):
    assert live_markup_in(escape(raw)) == []


def test_escape_keeps_the_text_readable():
    assert escape("Fish & Chips <Ltd>") == "Fish &amp; Chips &lt;Ltd&gt;"


def test_every_message_posted_for_a_hostile_report_is_inert(slack, fake_slack):
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    client = ("new:" + "Evil <!channel> Corp & Co", "Evil")
    answers = valid_answers(client, REPORT_SEVERITY="dealbreaker", REPORT_DESCRIPTION=HOSTILE)
    assert submit(slack, view, answers, user_id=STAFF).text == ""
    posts = fake_slack.wait_for("chat.postMessage", 2)
    assert {p.params["channel"] for p in posts} == {STAFF, OWNERS_CHANNEL}
    for post in posts:
        assert live_markup_in({"text": post.params["text"], "blocks": post.params["blocks"]}) == []
        assert "&lt;!channel&gt;" in json.dumps(post.params["blocks"])  # shown, not executed
