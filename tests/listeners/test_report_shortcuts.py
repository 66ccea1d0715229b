"""The message shortcut and the global shortcut open the same report modal."""

from __future__ import annotations

from bot.views.ids import Block, Callback, Shortcut
from tests.conftest import STAFF


def blocks_of(view):  # type: ignore[no-untyped-def]
    return {b["block_id"]: b for b in view["blocks"]}


def test_message_shortcut_quotes_the_message_and_its_permalink(slack, fake_slack):
    message = {"type": "message", "text": "Client says: fix it NOW or we stop paying", "user": "U0CLIENTCHAT",
               "ts": "1700000000.000100"}
    assert slack.shortcut(Shortcut.REPORT_FROM_MESSAGE, user_id=STAFF, message=message).status == 200
    permalink = fake_slack.wait_for("chat.getPermalink")[0]
    assert permalink.params["message_ts"] == "1700000000.000100"
    view = fake_slack.wait_for("views.open")[0].params["view"]
    assert view["callback_id"] == Callback.REPORT
    description = blocks_of(view)[Block.REPORT_DESCRIPTION]["element"]["initial_value"]
    assert description.startswith("Client says: fix it NOW or we stop paying")
    assert "https://fake.slack.test/archives/" in description


def test_message_shortcut_still_opens_when_the_permalink_is_refused(slack, fake_slack):
    fake_slack.fail("chat.getPermalink", error="channel_not_found")
    slack.shortcut(Shortcut.REPORT_FROM_MESSAGE, user_id=STAFF, message={"text": "rude", "ts": "1.2"})
    view = fake_slack.wait_for("views.open")[0].params["view"]
    assert blocks_of(view)[Block.REPORT_DESCRIPTION]["element"]["initial_value"] == "rude"


def test_global_shortcut_opens_an_empty_modal(slack, fake_slack):
    assert slack.shortcut(Shortcut.REPORT_GLOBAL, user_id=STAFF).status == 200
    view = fake_slack.wait_for("views.open")[0].params["view"]
    assert view["callback_id"] == Callback.REPORT
    assert "initial_value" not in blocks_of(view)[Block.REPORT_DESCRIPTION]["element"]
