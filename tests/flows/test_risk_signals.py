"""The payment and poll parts reach the digest, the dossier and App Home from their own features' data."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import make_web_client
from bot.deps import Deps
from bot.flows.digest import render_week
from bot.flows.dossier import dossier_for_text
from bot.flows.home import home_view
from bot.flows.invoice_import import import_invoice_rows, open_invoice_file
from bot.flows.payment_alerts import raise_payment_alerts
from bot.i18n import translator
from bot.sandbox.fake_slack import TEAM_ID
from bot.sandbox.render import blocks_to_text
from bot.views.ids import Action
from tests.conftest import OWNER, STAFF
from tests.flows.poll_seeding import seed_poll
from tests.flows.seeding import client, flag

ROME = ZoneInfo("Europe/Rome")
EN = translator("en")
SLOT = datetime(2026, 11, 23, 9, 0, tzinfo=ROME)  # ISO week 2026-W48
AFTER = SLOT.astimezone(timezone.utc) + timedelta(minutes=1)
INVOICES = """client,invoice_number,issue_date,due_date,amount,currency,paid_date,amount_paid,disputed
Bakkerij Mulder,M-1,2026-08-11,2026-09-10,"3,100.00",EUR,,,no
Studio Conti,C-1,2026-08-01,2026-08-31,"1,000.00",EUR,2026-08-30,,no
Acme Logistics,A-1,2026-08-01,2026-08-31,"4,200.00",EUR,2026-08-28,,no
"""


@pytest.fixture
def deps(settings, engine, session_factory) -> Deps:  # type: ignore[no-untyped-def]
    return Deps(settings=settings, engine=engine, session_factory=session_factory)


@pytest.fixture
def world(deps, session_factory, tmp_path: Path, fake_slack) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with session_factory.begin() as session:
        acme = client(session, TEAM_ID, "Acme Logistics", "4200")
        ids = {c.name: c.id for c in (acme, client(session, TEAM_ID, "Bakkerij Mulder", "450"),
                                      client(session, TEAM_ID, "Studio Conti", "1000"))}
        flag(session, TEAM_ID, acme, "concern", at=SLOT - timedelta(days=3))
    path = tmp_path / "invoices.csv"
    path.write_text(INVOICES, encoding="utf-8")
    fmt, headers, rows = open_invoice_file(path)
    summary = import_invoice_rows(session_factory, headers, rows, team_id=TEAM_ID, fmt=fmt,
                                  today=(SLOT - timedelta(days=2)).date(), now=SLOT - timedelta(days=2))
    assert summary.failed == 0
    day_before = SLOT - timedelta(days=1)
    assert raise_payment_alerts(session_factory, make_web_client(deps.settings), deps.settings, team_id=TEAM_ID,
                                today=day_before.date(), now=day_before.astimezone(timezone.utc))
    conti = ids["Studio Conti"]
    seed_poll(session_factory, TEAM_ID, "2026", [[conti], [conti], [conti]],
              closed_at=datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc))
    fake_slack.clear()
    return ids


def test_the_digest_reads_payments_alerts_and_the_poll(deps, world):
    rendered = render_week(deps, team_id=TEAM_ID, week="2026-W48", now=AFTER)
    text = blocks_to_text(rendered.blocks)
    assert "Overdue: €3,100" in text
    assert "Poll: none open; the 2026 poll closed Nov 20, 2026" in text
    assert "• €3,100 overdue 61–90 days" in text  # Mulder's reason on the watch list
    assert "• #1 in the 2026 poll, named on 3 of 3 ballots" in text  # Conti's
    assert "Studio Conti · score 57 · new on the list" in text  # the poll closed this week
    assert "Bakkerij Mulder · score 58 · unchanged since last week" in text  # 61–90 days a week ago too
    assert "Where the team and the numbers disagree" in text
    assert ("Studio Conti: The team named it #1 in the 2026 poll (3 of 3 ballots), yet it pays on time. "
            "Ask the team what they see that the numbers don't.") in text
    assert ("Bakkerij Mulder: €3,100 overdue 61–90 days, yet nobody has reported a problem in the last 12 months."
            in text)
    assert "Payment alerts this week" in text
    assert "Bakkerij Mulder: Invoice M-1: €3,100 open, 73 days past due (due Sep 10, 2026)" in text
    assert "Pays late only: Bakkerij Mulder" in text


def test_the_dossier_shows_aging_and_poll_history(deps, world):
    mulder = json.dumps(dossier_for_text(deps, EN, team_id=TEAM_ID, user_id=OWNER, text="mulder").to_dict()["blocks"],
                        ensure_ascii=False)
    assert "past due: €3,100" in mulder and "61–90 days €3,100" in mulder
    conti = json.dumps(dossier_for_text(deps, EN, team_id=TEAM_ID, user_id=OWNER, text="conti").to_dict()["blocks"],
                       ensure_ascii=False)
    assert "2026: #1, named on 3 of 3 ballots" in conti and "on time 100%" in conti


def test_owners_home_lists_payment_alerts_and_staff_get_a_vote_button_while_a_poll_is_open(deps, world,
                                                                                           session_factory):
    owner = json.dumps(home_view(deps, EN, team_id=TEAM_ID, user_id=OWNER).to_dict()["blocks"], ensure_ascii=False)
    assert "Newest payment alerts" in owner and "Invoice M-1: €3,100 open" in owner
    staff = home_view(deps, EN, team_id=TEAM_ID, user_id=STAFF).to_dict()
    assert [e["action_id"] for b in staff["blocks"] if b["type"] == "actions" for e in b["elements"]] == [Action.REPORT_OPEN]
    poll = seed_poll(session_factory, TEAM_ID, "2027", [], closed_at=None)
    staff = home_view(deps, EN, team_id=TEAM_ID, user_id=STAFF).to_dict()
    buttons = [e for b in staff["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(b["action_id"], b.get("value")) for b in buttons] == [(Action.REPORT_OPEN, None), (Action.POLL_VOTE, str(poll.id))]
    assert buttons[1]["text"]["text"] == "Vote in the 2027 poll"


def test_the_poll_headline_is_as_it_stood_at_the_end_of_the_week(deps, world, session_factory):
    seed_poll(session_factory, TEAM_ID, "2026-Q4", [], closed_at=None)  # opened 1 Oct, still open
    text = blocks_to_text(render_week(deps, team_id=TEAM_ID, week="2026-W48", now=AFTER).blocks)
    # The same words as every other poll message (views.poll.moment_text): 00:00 UTC is 02:00 in Rome.
    assert "Poll: Q4 2026 poll open until Thursday, October 15, 2026 at 2:00\u202fAM: 0 of 0 voted" in text
    september = blocks_to_text(render_week(deps, team_id=TEAM_ID, week="2026-W40", now=AFTER).blocks)
    assert "Poll: 2026 poll open until Friday, December 4, 2026 at 1:00\u202fPM: 0 of 0 voted" in september  # it ran from January to 20 Nov
    earlier = blocks_to_text(render_week(deps, team_id=TEAM_ID, week="2025-W50", now=AFTER).blocks)
    assert "Poll: no poll open" in earlier  # before either poll opened
