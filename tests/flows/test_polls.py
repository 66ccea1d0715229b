"""Poll flows without Slack in the way: latest standings for the digest, movement against the previous
poll of the same cadence, client merges, who may vote, and the threshold stored per poll."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient

from bot.domain.ranking import PollStanding
from bot.errors import UserError
from bot.flows.poll_results import build_results
from bot.flows.poll_voters import eligible_voters
from bot.flows.polls import latest_standings
from storage import polls as poll_store
from storage.clients import get_client, merge_clients
from storage.models import Poll
from tests.flows.poll_seeding import seed_poll
from tests.listeners.poll_helpers import STAFF_CHANNEL, VOTERS, add_clients, make_deps, poll_settings, seat_staff

TEAM = "T0DEMO"
ROME_TZ = ZoneInfo("Europe/Rome")


def standings_of(session_factory, *, team_id: str) -> dict[int, PollStanding]:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        return latest_standings(session, team_id=team_id)


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc)


@pytest.fixture
def ids(session_factory) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return add_clients(session_factory, TEAM)


def test_latest_standings_is_empty_without_a_closed_poll_over_the_threshold(session_factory, ids):
    acme = ids["Acme Logistics"]
    assert standings_of(session_factory, team_id=TEAM) == {}
    seed_poll(session_factory, TEAM, "2026", [[acme]] * 5)  # open: never counts
    seed_poll(session_factory, TEAM, "2026-Q3", [[acme]] * 2, closed_at=at("2026-09-20"))  # below the threshold
    assert standings_of(session_factory, team_id=TEAM) == {}


def test_latest_standings_of_the_latest_closed_poll_that_may_be_shown(session_factory, settings, engine, ids):
    acme, gino, girard = ids["Acme Logistics"], ids["Pizzeria Da Gino"], ids["Maison Girard"]
    seed_poll(session_factory, TEAM, "2025", [[acme, gino], [gino], [acme, girard]], closed_at=at("2025-12-15"))
    seed_poll(session_factory, TEAM, "2026-Q1", [[girard]] * 2, closed_at=at("2026-03-15"))  # too few: skipped
    expected = {
        acme: PollStanding("2025", 1, 10, 2, 3, 2),
        gino: PollStanding("2025", 2, 9, 2, 3, 1),
        girard: PollStanding("2025", 3, 4, 1, 3, 0),
    }
    with session_factory() as session:
        assert latest_standings(session, team_id=TEAM) == expected
    assert latest_standings(make_deps(settings, engine, session_factory), team_id=TEAM) == expected
    assert standings_of(session_factory, team_id="T0OTHER") == {}
    seed_poll(session_factory, TEAM, "2026-Q2", [[girard]] * 3, closed_at=at("2026-06-15"))
    assert standings_of(session_factory, team_id=TEAM) == {girard: PollStanding("2026-Q2", 1, 15, 3, 3, 3)}


def test_movement_compares_with_the_previous_poll_of_the_same_cadence(session_factory, ids):
    acme, gino, girard = ids["Acme Logistics"], ids["Pizzeria Da Gino"], ids["Maison Girard"]
    seed_poll(session_factory, TEAM, "2025", [[acme, gino]] * 3, closed_at=at("2025-12-15"))
    seed_poll(session_factory, TEAM, "2026-Q2", [[girard]] * 3, closed_at=at("2026-06-15"))  # quarterly: not compared
    current = seed_poll(session_factory, TEAM, "2026", [[gino, girard]] * 3, closed_at=at("2026-12-15"))
    with session_factory() as session:
        results = build_results(session, session.get(Poll, current.id), ROME_TZ)
    assert results.previous_period == "2025"
    assert results.movement.new == (girard,) and results.movement.up == ((gino, 2, 1),)
    assert results.movement.dropped == ((acme, 1),)


def test_a_previous_poll_below_the_threshold_is_not_compared(session_factory, ids):
    acme = ids["Acme Logistics"]
    seed_poll(session_factory, TEAM, "2025", [[acme]] * 2, closed_at=at("2025-12-15"))
    current = seed_poll(session_factory, TEAM, "2026", [[acme]] * 3, closed_at=at("2026-12-15"))
    with session_factory() as session:
        results = build_results(session, session.get(Poll, current.id), ROME_TZ)
    assert results.movement is None and results.previous_period is None


def test_the_threshold_in_force_when_the_poll_opened_decides(session_factory, ids):
    poll = seed_poll(session_factory, TEAM, "2026", [[ids["Acme Logistics"]]] * 3, closed_at=at("2026-12-15"), threshold=4)
    with session_factory() as session:
        results = build_results(session, session.get(Poll, poll.id), ROME_TZ)
    assert results.ranking is None and results.threshold == 4
    assert standings_of(session_factory, team_id=TEAM) == {}


def test_merging_two_clients_named_on_one_ballot_counts_the_survivor_once(session_factory, ids):
    acme, gino = ids["Acme Logistics"], ids["Pizzeria Da Gino"]
    seed_poll(session_factory, TEAM, "2026", [[acme, gino], [gino], [gino, acme]], closed_at=at("2026-12-15"))
    with session_factory.begin() as session:
        merge_clients(session, get_client(session, acme, team_id=TEAM), get_client(session, gino, team_id=TEAM))
    assert standings_of(session_factory, team_id=TEAM) == {acme: PollStanding("2026", 1, 15, 3, 3, 3)}


def test_closing_erases_the_voter_keys(session_factory, ids):
    poll = seed_poll(session_factory, TEAM, "2026", [[ids["Acme Logistics"]]] * 3)
    with session_factory() as session:
        assert poll_store.get_ballot_entries(session, poll_id=poll.id, voter_key="key-0") == [(ids["Acme Logistics"], None)]
    with session_factory.begin() as session:
        assert poll_store.close_poll(session, session.get(Poll, poll.id), at=at("2026-12-01"))
        assert not poll_store.close_poll(session, session.get(Poll, poll.id), at=at("2026-12-02"))
    with session_factory() as session:
        assert poll_store.get_ballot_entries(session, poll_id=poll.id, voter_key="key-0") == []
        assert len(poll_store.list_ballots(session, poll_id=poll.id)) == 3


def test_who_votes_staff_channel_members_who_are_people(fake_slack, settings):
    seat_staff(fake_slack)
    client = WebClient(token="xoxb-test", base_url=fake_slack.base_url)
    assert [u["id"] for u in eligible_voters(client, poll_settings(settings))] == list(VOTERS)
    chosen = poll_settings(settings, poll_voter_ids=[VOTERS[1], "U0BOTTY", VOTERS[2], "U0NOBODY"])
    assert [u["id"] for u in eligible_voters(client, chosen)] == [VOTERS[1], VOTERS[2]]


def test_a_staff_channel_the_bot_cannot_read_is_explained(fake_slack, settings):
    client = WebClient(token="xoxb-test", base_url=fake_slack.base_url)
    fake_slack.fail("conversations.members", error="not_in_channel")
    with pytest.raises(UserError) as caught:
        eligible_voters(client, poll_settings(settings))
    assert f"<#{STAFF_CHANNEL}>" in str(caught.value) and "not_in_channel" in str(caught.value)
    assert "invite me" in str(caught.value)
