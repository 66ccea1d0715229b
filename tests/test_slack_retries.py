"""Slack API calls retry rate limits (waiting for Retry-After) and dropped connections, a bounded number of times."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from bot.app import make_web_client
from bot.sandbox.fake_slack import DROP_CONNECTION
from tests.conftest import OWNERS_CHANNEL, STAFF
from tests.listeners.helpers import open_report_modal, submit, valid_answers


def test_a_rate_limited_call_waits_and_succeeds(settings, fake_slack):
    fake_slack.fail("chat.postMessage", error="ratelimited", status=429, headers={"Retry-After": "0"})
    response = make_web_client(settings).chat_postMessage(channel="C1", text="hi")
    assert response["ok"] and len(fake_slack.calls("chat.postMessage")) == 2


def test_retries_are_bounded(settings, fake_slack):
    fake_slack.fail("chat.postMessage", error="ratelimited", status=429, headers={"Retry-After": "0"}, times=10)
    with pytest.raises(SlackApiError) as caught:
        make_web_client(settings).chat_postMessage(channel="C1", text="hi")
    assert caught.value.response.status_code == 429
    assert len(fake_slack.calls("chat.postMessage")) == 3  # the call and two retries


def test_a_dropped_connection_is_retried(settings, fake_slack):
    fake_slack.fail("chat.postMessage", status=DROP_CONNECTION)
    assert make_web_client(settings).chat_postMessage(channel="C1", text="hi")["ok"]
    assert len(fake_slack.calls("chat.postMessage")) == 2


def test_a_dealbreaker_alert_survives_a_rate_limit(slack, fake_slack, session_factory):
    from storage.clients import add_client

    with session_factory.begin() as session:
        client = add_client(session, team_id=slack.signer.team_id, name="Acme")
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    fake_slack.fail("chat.postMessage", error="ratelimited", status=429, headers={"Retry-After": "0"}, times=2)
    submit(slack, view, valid_answers((str(client.id), client.name), REPORT_SEVERITY="dealbreaker"), user_id=STAFF)
    fake_slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == OWNERS_CHANNEL)
