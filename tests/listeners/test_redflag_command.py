"""/redflag through Slack's real request path: signed HTTP in, views.open out to the fake Slack."""

from __future__ import annotations

import pytest

import time

from sqlalchemy import select

from bot.views.ids import Block, Callback, Command
from storage.clients import add_client
from storage.models import Report
from tests.conftest import STAFF


def test_command_acks_fast_and_opens_the_modal_with_that_trigger(slack, fake_slack):
    request = slack.signer.command(Command.REDFLAG, "", user_id=STAFF)
    trigger = dict(p.split("=", 1) for p in request.body.split("&"))["trigger_id"]
    started = time.monotonic()
    answer = slack.send(request)
    assert answer.status == 200
    assert time.monotonic() - started < 3.0  # Slack's hard window; a generous upper bound
    call = fake_slack.wait_for("views.open")[0]
    assert call.params["trigger_id"] == trigger
    view = call.params["view"]
    assert view["callback_id"] == Callback.REPORT
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert set(blocks) == {b.value for b in Block if b.name.startswith("REPORT_")}
    assert blocks[Block.REPORT_CLIENT]["element"]["type"] == "external_select"
    assert blocks[Block.REPORT_DESCRIPTION]["element"]["multiline"] is True
    assert blocks[Block.REPORT_DESCRIPTION]["element"]["max_length"] == 3000
    assert [o["value"] for o in blocks[Block.REPORT_SEVERITY]["element"]["options"]] == ["note", "concern", "dealbreaker"]
    assert all(o.get("description") for o in blocks[Block.REPORT_SEVERITY]["element"]["options"])
    assert len(blocks[Block.REPORT_CATEGORIES]["element"]["options"]) == 7
    assert "not stored" in blocks[Block.REPORT_ANONYMOUS]["hint"]["text"]
    assert blocks[Block.REPORT_WHEN]["element"]["initial_date"]


def test_text_after_the_command_prefills_client_and_description(slack, fake_slack, session_factory):
    with session_factory.begin() as session:
        acme = add_client(session, team_id=slack.signer.team_id, name="Acme Inc.", aliases=["ACME Corporation"])
    slack.command(Command.REDFLAG, "acme corp yelled at Marco on the phone again", user_id=STAFF)
    view = fake_slack.wait_for("views.open")[0].params["view"]
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert blocks[Block.REPORT_CLIENT]["element"]["initial_option"]["value"] == str(acme.id)
    assert blocks[Block.REPORT_DESCRIPTION]["element"]["initial_value"] == "yelled at Marco on the phone again"


@pytest.mark.parametrize("typed", ["Rossi Impianti", "rossi impianti srl", "acmee"],
                         ids=["alias", "alias with a legal suffix", "typo"])
def test_a_leading_alias_or_typo_also_prefills_the_client(slack, fake_slack, session_factory, typed):
    with session_factory.begin() as session:
        acme = add_client(session, team_id=slack.signer.team_id, name="Acme Inc.", aliases=["Rossi Impianti S.r.l."])
        add_client(session, team_id=slack.signer.team_id, name="Bianchi Logistica")
    slack.command(Command.REDFLAG, f"{typed} yelled at Marco", user_id=STAFF)
    blocks = {b["block_id"]: b for b in fake_slack.wait_for("views.open")[0].params["view"]["blocks"]}
    assert blocks[Block.REPORT_CLIENT]["element"]["initial_option"]["value"] == str(acme.id)
    assert blocks[Block.REPORT_DESCRIPTION]["element"]["initial_value"] == "yelled at Marco"


def test_unknown_leading_words_go_to_the_description(slack, fake_slack):
    slack.command(Command.REDFLAG, "nobody we know was rude", user_id=STAFF)
    view = fake_slack.wait_for("views.open")[0].params["view"]
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert "initial_option" not in blocks[Block.REPORT_CLIENT]["element"]
    assert blocks[Block.REPORT_DESCRIPTION]["element"]["initial_value"] == "nobody we know was rude"


def test_the_word_payload_in_command_text_is_handled_like_any_other(slack, fake_slack):
    answer = slack.command(Command.REDFLAG, "Acme sent a payload of 400 angry mails", user_id=STAFF)
    assert answer.status == 200
    view = fake_slack.wait_for("views.open")[0].params["view"]
    description = next(b for b in view["blocks"] if b["block_id"] == Block.REPORT_DESCRIPTION)
    assert "payload of 400 angry mails" in description["element"]["initial_value"]


def test_forged_signature_is_rejected_and_changes_nothing(slack, fake_slack, session_factory):
    request = slack.signer.command(Command.REDFLAG, "x", user_id=STAFF)
    forged = type(request)(request.body, {**request.headers, "x-slack-signature": "v0=" + "0" * 64})
    assert slack.send(forged).status == 401
    tampered = type(request)(request.body.replace("text=x", "text=y"), request.headers)
    assert slack.send(tampered).status == 401
    assert fake_slack.calls() == []
    with session_factory() as session:
        assert session.scalars(select(Report)).all() == []


def test_correct_signature_older_than_five_minutes_is_rejected(slack, fake_slack):
    stale = slack.signer.command(Command.REDFLAG, "x", user_id=STAFF, timestamp=int(time.time()) - 5 * 60 - 5)
    assert slack.send(stale).status == 401
    fresh = slack.signer.command(Command.REDFLAG, "x", user_id=STAFF, timestamp=int(time.time()) - 60)
    assert slack.send(fresh).status == 200
    assert len(fake_slack.wait_for("views.open")) == 1
