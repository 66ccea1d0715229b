"""Submitting the report modal: stored, confirmed, owners alerted; bad input answered inline."""

from __future__ import annotations

from babel.dates import format_date

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from bot.views.ids import Block
from storage.clients import add_client
from storage.models import Client, Report
from tests.conftest import OWNERS_CHANNEL, STAFF
from tests.listeners.helpers import open_report_modal, submit, valid_answers


@pytest.fixture
def acme(session_factory, slack):  # type: ignore[no-untyped-def]
    with session_factory.begin() as session:
        client = add_client(session, team_id=slack.signer.team_id, name="Acme Inc.")
    return (str(client.id), client.name)


def reports(session_factory) -> list[Report]:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        return list(session.scalars(select(Report)))


def test_a_valid_submission_is_stored_and_confirmed_privately(slack, fake_slack, session_factory, acme):
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    answer = submit(slack, view, valid_answers(acme, REPORT_CATEGORIES=["abusive", "payment"]), user_id=STAFF)
    assert answer.status == 200 and answer.text == ""
    [stored] = reports(session_factory)
    assert (stored.client_id, stored.severity, stored.categories) == (int(acme[0]), "concern", ["abusive", "payment"])
    assert stored.reporter_user_id == STAFF and stored.anonymous is False
    assert stored.created_at.tzinfo is not None
    confirmation = fake_slack.wait_for("chat.postMessage")[0]
    assert confirmation.params["channel"] == STAFF
    assert "Acme Inc." in confirmation.params["text"]


def test_a_note_or_concern_does_not_reach_the_owners(slack, fake_slack, session_factory, acme):
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    submit(slack, view, valid_answers(acme, REPORT_SEVERITY="note"), user_id=STAFF)
    fake_slack.wait_for("chat.postMessage")
    # A second, later message would show up after the confirmation; make sure none goes to owners.
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    submit(slack, view, valid_answers(acme), user_id=STAFF, view_id="V2")
    posts = fake_slack.wait_for("chat.postMessage", 2)
    assert all(p.params["channel"] != OWNERS_CHANNEL for p in posts)


def test_a_dealbreaker_reaches_the_owners_channel_with_the_facts(slack, fake_slack, acme):
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    submit(slack, view, valid_answers(acme, REPORT_SEVERITY="dealbreaker"), user_id=STAFF)
    alert = fake_slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == OWNERS_CHANNEL)[0]
    text = str(alert.params["blocks"])
    for fact in ("Acme Inc.", "Dealbreaker", "Abusive or unprofessional treatment", "Shouted at the helpdesk",
                 format_date(datetime.now(ZoneInfo("Europe/Rome")).date(), "medium", locale="en"), f"<@{STAFF}>"):
        assert fact in text


def test_an_anonymous_dealbreaker_does_not_name_the_reporter(slack, fake_slack, acme):
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    submit(slack, view, valid_answers(acme, REPORT_SEVERITY="dealbreaker", REPORT_ANONYMOUS=["anonymous"]), user_id=STAFF)
    alert = fake_slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == OWNERS_CHANNEL)[0]
    assert STAFF not in str(alert.params)
    assert "anonymous" in str(alert.params["blocks"])


INVALID = [
    ("no client", {"REPORT_CLIENT": None}, Block.REPORT_CLIENT, "Pick a client"),
    ("empty description", {"REPORT_DESCRIPTION": "  \n "}, Block.REPORT_DESCRIPTION, "Describe what happened"),
    ("future date", {"REPORT_WHEN": date(2026, 3, 12)}, Block.REPORT_WHEN, "in the future"),
    ("no category", {"REPORT_CATEGORIES": []}, Block.REPORT_CATEGORIES, "at least one kind"),
    ("unknown category", {"REPORT_CATEGORIES": ["made_up"]}, Block.REPORT_CATEGORIES, "no longer exist"),
    ("no severity", {"REPORT_SEVERITY": None}, Block.REPORT_SEVERITY, "how bad"),
    ("bogus client value", {"REPORT_CLIENT": ("abc", "abc")}, Block.REPORT_CLIENT, "not valid"),
    ("merged client", {"REPORT_CLIENT": ("999", "Gone")}, Block.REPORT_CLIENT, "merged or removed"),
    ("new name too long", {"REPORT_CLIENT": ("new:" + "x" * 80, "x")}, Block.REPORT_CLIENT, "at most 75"),
]


@pytest.mark.parametrize(("case", "overrides", "block_id", "message"), INVALID, ids=[c[0] for c in INVALID])
@freeze_time("2026-03-10 23:30:00", tz_offset=0)
def test_invalid_input_comes_back_inline_and_stores_nothing(slack, fake_slack, session_factory, acme,
                                                            case, overrides, block_id, message):
    # 23:30 UTC is already 00:30 on 11 March in Rome: 11 March is today there, 12 March the future.
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    answer = submit(slack, view, valid_answers(acme, **overrides), user_id=STAFF)
    assert answer.status == 200
    body = answer.json()
    assert body["response_action"] == "errors"
    assert message in body["errors"][block_id]
    assert reports(session_factory) == []


@freeze_time("2026-03-10 23:30:00", tz_offset=0)
def test_today_in_the_team_timezone_is_not_the_future(slack, fake_slack, session_factory, acme):
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    when = next(b for b in view["blocks"] if b["block_id"] == Block.REPORT_WHEN)["element"]["initial_date"]
    assert when == "2026-03-11"  # Europe/Rome, not UTC
    assert submit(slack, view, valid_answers(acme, REPORT_WHEN=date(2026, 3, 11)), user_id=STAFF).text == ""
    assert len(reports(session_factory)) == 1


def test_a_new_client_named_in_the_modal_is_created_once(slack, fake_slack, session_factory):
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    submit(slack, view, valid_answers(("new:Zeta Design Studio", "Add")), user_id=STAFF)
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    submit(slack, view, valid_answers(("new:zeta design studio ltd.", "Add")), user_id=STAFF, view_id="V2")
    with session_factory() as session:
        assert session.scalars(select(Client.name)).all() == ["Zeta Design Studio"]
    assert len({r.client_id for r in reports(session_factory)}) == 1


def test_the_same_modal_submitted_twice_creates_one_report(slack, fake_slack, session_factory, acme):
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    first = submit(slack, view, valid_answers(acme), user_id=STAFF, view_id="VSAME")
    second = submit(slack, view, valid_answers(acme), user_id=STAFF, view_id="VSAME")
    assert first.status == second.status == 200
    assert len(reports(session_factory)) == 1
    fake_slack.wait_for("chat.postMessage")
    assert len(fake_slack.calls("chat.postMessage")) == 1


def test_a_report_on_a_day_in_the_past_keeps_that_day(slack, fake_slack, session_factory, acme):
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    past = date.today() - timedelta(days=40)
    submit(slack, view, valid_answers(acme, REPORT_WHEN=past), user_id=STAFF)
    assert reports(session_factory)[0].occurred_on == past
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 1


def test_a_dealbreaker_the_owners_channel_refuses_is_reported_back(slack, fake_slack, session_factory, acme):
    fake_slack.fail("chat.postMessage", error="not_in_channel", where=lambda p: p["channel"] == OWNERS_CHANNEL)
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    submit(slack, view, valid_answers(acme, REPORT_SEVERITY="dealbreaker"), user_id=STAFF)
    posts = fake_slack.wait_for("chat.postMessage", 3)
    assert "not_in_channel" in posts[-1].params["text"] and posts[-1].params["channel"] == STAFF
    assert len(reports(session_factory)) == 1


@pytest.mark.parametrize("value", ["²", "١٢", "1" * 40, "12abc"])
def test_a_forged_client_value_is_answered_inline_and_stores_nothing(slack, fake_slack, session_factory, value):
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    answer = submit(slack, view, valid_answers((value, "Forged")), user_id=STAFF)
    assert answer.status == 200
    assert "not valid any more" in answer.json()["errors"][Block.REPORT_CLIENT]
    assert reports(session_factory) == []
