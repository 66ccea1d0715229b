"""App Home through signed app_home_opened events: views.publish for owners and for staff."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

from bot.sandbox.driver import SlackDriver, wsgi_transport
from bot.sandbox.signer import SlackSigner
from bot.views.ids import Action, Callback
from bot.web import create_web_app
from tests.conftest import OWNER, SIGNING_SECRET, STAFF
from tests.flows.seeding import client, flag

NOW = datetime.now(timezone.utc)
OTHER = "U0OTHER"


def seed(session_factory, team_id: str) -> None:  # type: ignore[no-untyped-def]
    with session_factory.begin() as session:
        acme = client(session, team_id, "Acme <Logistics>", "4200")
        mulder = client(session, team_id, "Bakkerij Mulder", "450")
        flag(session, team_id, acme, "dealbreaker", at=NOW - timedelta(days=2), reporter=STAFF,
             text="Threatened to sue us over a printer.")
        flag(session, team_id, acme, "concern", at=NOW - timedelta(days=9), reporter=OTHER, text="Other person's report")
        flag(session, team_id, mulder, "note", at=NOW - timedelta(days=1), reporter=None, text="My anonymous note")


def open_home(slack, fake_slack, user_id: str, count: int = 1) -> dict:  # type: ignore[no-untyped-def]
    assert slack.event({"type": "app_home_opened", "user": user_id, "channel": "D0HOME", "tab": "home",
                        "event_ts": "1.1"}, event_id=f"Ev{user_id}{count}").status == 200
    call = fake_slack.wait_for("views.publish", count)[-1]
    assert call.params["user_id"] == user_id
    return call.params["view"]


def texts(view: dict) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def test_owners_see_the_watch_list_and_newest_dealbreakers(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    view = open_home(slack, fake_slack, OWNER)
    assert view["type"] == "home"
    text = texts(view)
    assert "*Watch list* · 1 client, riskiest first" in text
    assert "Acme &lt;Logistics&gt;" in text and "<Logistics>" not in text
    assert "1 dealbreaker in the last 7 days" in text
    assert "Newest dealbreakers" in text and "Threatened to sue us" in text
    assert "Bakkerij Mulder" not in text.split("Newest dealbreakers")[0]  # one note: not on the watch list
    buttons = [e for b in view["blocks"] for e in ([b.get("accessory")] if b.get("accessory") else []) + b.get("elements", [])
               if e.get("type") == "button"]
    assert {b["action_id"] for b in buttons} >= {Action.DOSSIER_OPEN, Action.REPORT_OPEN}


def test_staff_see_only_their_own_named_reports_and_the_report_button(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    view = open_home(slack, fake_slack, STAFF)
    text = texts(view)
    assert "Your reports" in text and "Threatened to sue us" in text
    assert "Other person's report" not in text and "My anonymous note" not in text
    assert "Watch list" not in text and "score" not in text and "Dossier" not in text
    actions = [e["action_id"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert actions == [Action.REPORT_OPEN]  # no poll open: no Vote button


def test_someone_with_no_reports_is_told_anonymous_ones_are_not_listed(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    assert "not linked to you anywhere" in texts(open_home(slack, fake_slack, "U0NEWBIE"))


def test_the_report_button_opens_the_report_modal(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    assert slack.click(Action.REPORT_OPEN, user_id=STAFF, container={"type": "view", "view_id": "VHOME"}).status == 200
    assert fake_slack.wait_for("views.open")[0].params["view"]["callback_id"] == Callback.REPORT


def test_opening_the_messages_tab_publishes_nothing(settings, engine, fake_slack):
    executor = ThreadPoolExecutor(max_workers=2)
    driver = SlackDriver(SlackSigner(SIGNING_SECRET), wsgi_transport(
        create_web_app(settings, engine=engine, listener_executor=executor)))
    assert driver.event({"type": "app_home_opened", "user": OWNER, "channel": "D0HOME", "tab": "messages",
                         "event_ts": "1.1"}).status == 200
    executor.shutdown(wait=True)  # the listener has finished
    assert fake_slack.calls("views.publish") == []


def test_app_home_under_a_frozen_clock_counts_days_from_the_team_s_today(slack, fake_slack, session_factory):
    """Signed while frozen: Bolt checks the request timestamp against the same frozen clock."""
    from freezegun import freeze_time

    with session_factory.begin() as session:
        acme = client(session, slack.signer.team_id, "Acme Logistics", "4200")
        flag(session, slack.signer.team_id, acme, "dealbreaker", at=datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc))
    with freeze_time("2026-03-20 10:00:00"):
        nineteen_days = texts(open_home(slack, fake_slack, OWNER))
    with freeze_time("2026-06-20 10:00:00"):
        later = texts(open_home(slack, fake_slack, OWNER, count=2))
    assert "1 dealbreaker in the last 30 days" in nineteen_days
    assert "1 dealbreaker 3 months ago, fading" in later
