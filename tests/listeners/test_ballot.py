"""The ballot through Slack's real request path: five distinct pickers, inline errors, re-votes that
replace, the current picks on reopening, and late voters told the poll closed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.sandbox.forms import fill
from bot.views.ids import Action, Callback
from bot.views.poll import rank_block, why_block
from storage.models import PollBallot, PollPick, PollVoter
from tests.conftest import OWNER
from tests.listeners.poll_helpers import (
    STAFF_CHANNEL,
    VOTERS,
    add_clients,
    answers,
    command,
    open_ballot,
    poll_settings,
    seat_staff,
    start,
    suggest,
    vote,
)

VOTER = VOTERS[0]


@pytest.fixture
def settings(settings):  # type: ignore[no-untyped-def]
    return poll_settings(settings)


@pytest.fixture
def clients(fake_slack, slack, session_factory):  # type: ignore[no-untyped-def]
    seat_staff(fake_slack)
    ids = add_clients(session_factory, slack.signer.team_id)
    start(slack, fake_slack)
    return {name: (cid, name) for name, cid in ids.items()}


def stored_picks(session_factory) -> list[list[int]]:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        ballots = session.scalars(select(PollBallot)).all()
        return [[p.client_id for p in session.scalars(select(PollPick).where(PollPick.ballot_id == b.id).order_by(PollPick.rank))]
                for b in ballots]


def test_the_ballot_has_five_distinct_client_pickers_and_says_what_owners_see(slack, fake_slack, clients):
    view = open_ballot(slack, fake_slack, user_id=VOTER)
    assert view["callback_id"] == Callback.BALLOT and view["private_metadata"].isdigit()
    pickers = [b for b in view["blocks"] if b.get("element", {}).get("type") == "external_select"]
    assert len(pickers) == 5 and len({b["block_id"] for b in pickers}) == 5
    assert [b["block_id"] for b in pickers] == [rank_block(r) for r in range(1, 6)]
    assert all(b["element"]["action_id"] == Action.POLL_CLIENT_PICK and b["optional"] for b in pickers)
    whys = [b for b in view["blocks"] if b.get("block_id", "").startswith("poll.why.")]
    assert len(whys) == 5 and all(b["element"]["max_length"] == 300 and b["optional"] for b in whys)
    text = str(view["blocks"])
    assert "What owners see" in text and "never see" in text and "who named whom" in text


def test_the_ballot_picker_offers_existing_clients_only(slack, fake_slack, clients):
    found = suggest(slack, "acme", user_id=VOTER)
    assert [o["text"]["text"] for o in found["options"]][:1] == ["Acme Logistics"]
    unknown = suggest(slack, "Brand New Company", user_id=VOTER)
    assert "option_groups" not in unknown and not any(o["value"].startswith("new:") for o in unknown["options"])


def test_naming_the_same_client_twice_is_an_inline_error_and_nothing_is_stored(slack, fake_slack, session_factory, clients):
    acme, gino = clients["Acme Logistics"], clients["Pizzeria Da Gino"]
    answer = vote(slack, fake_slack, user_id=VOTER, picks=[acme, gino, acme])
    assert answer.json() == {"response_action": "errors",
                             "errors": {rank_block(3): "Acme Logistics is already your rank 1. Name each client once."}}
    assert stored_picks(session_factory) == []


def test_leaving_rank_1_empty_while_filling_rank_2_is_an_inline_error(slack, fake_slack, session_factory, clients):
    answer = vote(slack, fake_slack, user_id=VOTER, picks=[None, clients["Hotel Bellavista"]])
    assert answer.json()["errors"] == {rank_block(1): "Fill rank 1 before rank 2: leave no gaps, move your picks up."}
    empty = vote(slack, fake_slack, user_id=VOTER, picks=[])
    assert empty.json()["errors"] == {rank_block(1): "Name at least one client."}
    stray = vote(slack, fake_slack, user_id=VOTER, picks=[clients["Hotel Bellavista"]], whys={2: "no client here"})
    assert stray.json()["errors"] == {why_block(2): "Pick a client for rank 2, or leave this empty."}
    assert stored_picks(session_factory) == []


def test_a_forged_new_client_choice_is_refused_and_creates_nothing(slack, fake_slack, session_factory, clients):
    view = open_ballot(slack, fake_slack, user_id=VOTER)
    values = fill(view, answers([]))
    values[rank_block(1)][Action.POLL_CLIENT_PICK]["selected_option"] = {
        "text": {"type": "plain_text", "text": "➕ Add “Evil Corp”"}, "value": "new:Evil Corp"}
    answer = slack.submit(view, values, user_id=VOTER)
    assert answer.json()["errors"] == {rank_block(1): "That choice is not a client from the directory. Pick one from the list."}
    assert stored_picks(session_factory) == []


def test_a_second_submission_replaces_the_first_and_reopening_shows_the_current_picks(slack, fake_slack, session_factory, clients):
    acme, girard, gino = clients["Acme Logistics"], clients["Maison Girard"], clients["Pizzeria Da Gino"]
    first = vote(slack, fake_slack, user_id=VOTER, picks=[acme, girard], whys={1: "shouts at Sanne"})
    assert first.json()["response_action"] == "update" and "ballot for" in str(first.json()["view"])
    assert "replaces" not in str(first.json()["view"])
    assert stored_picks(session_factory) == [[acme[0], girard[0]]]

    view = open_ballot(slack, fake_slack, user_id=VOTER)
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks[rank_block(1)]["element"]["initial_option"]["value"] == str(acme[0])
    assert blocks[rank_block(2)]["element"]["initial_option"]["value"] == str(girard[0])
    assert "initial_option" not in blocks[rank_block(3)]["element"]
    assert blocks[why_block(1)]["element"]["initial_value"] == "shouts at Sanne"

    second = slack.submit(view, fill(view, answers([gino, acme], {2: "late again"})), user_id=VOTER, view_id="V2")
    assert "replaces your earlier ballot" in str(second.json()["view"])
    assert stored_picks(session_factory) == [[gino[0], acme[0]]]
    with session_factory() as session:
        assert session.scalars(select(PollPick.why).order_by(PollPick.rank)).all() == [None, "late again"]
        assert session.scalars(select(PollVoter.user_id).where(PollVoter.voted.is_(True))).all() == [VOTER]


def test_the_button_in_the_announcement_opens_the_ballot(slack, fake_slack, clients):
    post = fake_slack.calls("chat.postMessage")[0]
    button = next(e for b in post.params["blocks"] if b["type"] == "actions" for e in b["elements"])
    assert slack.click(button["action_id"], button["value"], user_id=VOTER).status == 200
    view = fake_slack.wait_for("views.open")[0].params["view"]
    assert view["callback_id"] == Callback.BALLOT and view["private_metadata"] == button["value"]


def test_late_voters_are_told_the_poll_closed_and_when(slack, fake_slack, session_factory, clients):
    view = open_ballot(slack, fake_slack, user_id=VOTER)  # opened before closing, submitted after
    command(slack, fake_slack, "close", user_id=OWNER)
    late = slack.submit(view, fill(view, answers([clients["Acme Logistics"]])), user_id=VOTER)
    assert late.json()["response_action"] == "update"
    assert "closed on" in str(late.json()["view"]) and "no longer" in str(late.json()["view"])
    assert stored_picks(session_factory) == []
    again = open_ballot(slack, fake_slack, user_id=VOTERS[1])
    assert "closed on" in str(again["blocks"]) and "submit" not in again


def test_someone_outside_the_staff_channel_gets_no_ballot(slack, fake_slack, session_factory, clients):
    fake_slack.add_user("U0STRANGER", "Stranger")
    view = open_ballot(slack, fake_slack, user_id="U0STRANGER")
    assert f"members of <#{STAFF_CHANNEL}>" in str(view["blocks"]) and "submit" not in view
    ballot = open_ballot(slack, fake_slack, user_id=VOTER)  # a stranger submitting a ballot anyway
    forged = slack.submit(ballot, fill(ballot, answers([clients["Acme Logistics"]])), user_id="U0STRANGER")
    assert forged.json()["response_action"] == "update" and f"<#{STAFF_CHANNEL}>" in str(forged.json()["view"])
    assert stored_picks(session_factory) == []


def test_someone_who_joined_the_staff_channel_since_the_start_can_vote(slack, fake_slack, session_factory, clients):
    fake_slack.add_user("U0NEWBIE", "Newbie")
    fake_slack.channel_members[STAFF_CHANNEL].append("U0NEWBIE")
    answer = vote(slack, fake_slack, user_id="U0NEWBIE", picks=[clients["Van Dijk Transport"]])
    assert answer.json()["response_action"] == "update"
    with session_factory() as session:
        assert session.scalar(select(PollVoter).where(PollVoter.user_id == "U0NEWBIE")).voted
