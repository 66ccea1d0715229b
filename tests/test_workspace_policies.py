"""The lateness, risk and poll policies per workspace (`redflag team configure T… --lateness-alert-days …`):
two workspaces on one deployment, the same data, different policies, each honoured by the jobs and
listeners that run for that workspace."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from bot.cli import main
from bot.deps import Deps
from bot.domain.invoice_rows import InvoiceFormat
from bot.flows.csv_source import CsvRow
from bot.flows.invoice_import import import_invoice_rows
from bot.jobs.payments import payment_alerts
from bot.jobs.polls import open_scheduled_polls
from bot.jobs.scheduler import run_job
from bot.views.ids import Command
from storage.clients import add_client
from storage.models import Poll
from tests.flows.seeding import flag
from tests.listeners.poll_helpers import POLL_SECRET
from tests.test_workspaces import ONE, TWO, driver_for, oauth_web  # noqa: F401 - oauth_web is a fixture
from tests.workspace_helpers import ONE_CHANNEL, TWO_CHANNEL, TWO_OWNER, token_of, two_workspaces  # noqa: F401

GENERIC = ["client", "invoice_number", "issue_date", "due_date", "amount", "currency", "paid_date", "amount_paid"]
STAFF_ONE = "C0ONESTAFF"
VOTERS_ONE = ("U0ONEANNA", "U0ONEBRAM", "U0ONECARLA")


def clock(two_workspaces, engine, session_factory, **global_settings) -> Deps:  # type: ignore[no-untyped-def]  # noqa: F811
    """What `redflag clock` builds in OAuth mode: the global deps, each job run once per workspace."""
    multi, _ = two_workspaces
    return Deps(settings=multi.model_copy(update=global_settings), engine=engine, session_factory=session_factory)


def posts(fake_slack, channel: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [c.params for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == channel]


def same_invoices_in_both(session_factory) -> None:  # type: ignore[no-untyped-def]
    """Acme in each workspace, one invoice due on 2 March 2026, never paid."""
    row = ["Acme", "A-1", "2026-02-01", "2026-03-02", "1200.00", "EUR", "", ""]
    now = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
    for team in (ONE, TWO):
        with session_factory.begin() as session:
            add_client(session, team_id=team, name="Acme")
        summary = import_invoice_rows(session_factory, GENERIC, [CsvRow(1, dict(zip(GENERIC, row)))], team_id=team,
                                      fmt=InvoiceFormat.GENERIC, today=now.date(), now=now)
        assert summary.failed == 0, summary.errors


def test_each_workspace_is_alerted_after_its_own_lateness_alert_days(two_workspaces, engine, session_factory,
                                                                     fake_slack):
    assert main(["team", "configure", ONE, "--lateness-alert-days", "5"]) == 0
    assert main(["team", "configure", TWO, "--lateness-alert-days", "20"]) == 0
    same_invoices_in_both(session_factory)
    deps = clock(two_workspaces, engine, session_factory)
    with freeze_time("2026-03-06 12:00:00"):  # 4 days past due in both time zones
        run_job(payment_alerts, deps)
    assert fake_slack.calls("chat.postMessage") == []
    with freeze_time("2026-03-07 12:00:00"):  # 5 days: ONE's threshold, not TWO's
        run_job(payment_alerts, deps)
    [one] = posts(fake_slack, ONE_CHANNEL)
    assert posts(fake_slack, TWO_CHANNEL) == []
    assert "5 days past due" in one["text"] and "flagged once they are 5 days past due" in json.dumps(one["blocks"])
    with freeze_time("2026-03-21 12:00:00"):  # 19 days
        run_job(payment_alerts, deps)
    assert posts(fake_slack, TWO_CHANNEL) == []
    with freeze_time("2026-03-22 12:00:00"):  # 20 days: TWO's turn; ONE was told once already
        run_job(payment_alerts, deps)
    [two] = posts(fake_slack, TWO_CHANNEL)
    assert "20 days past due" in two["text"] and "flagged once they are 20 days past due" in json.dumps(two["blocks"])
    assert len(posts(fake_slack, ONE_CHANNEL)) == 1
    assert fake_slack.calls("chat.postMessage")[-1].token == token_of(TWO)


def test_poll_auto_open_set_for_one_workspace_opens_a_poll_there_only(two_workspaces, engine, session_factory,
                                                                       fake_slack, monkeypatch):
    monkeypatch.setenv("POLL_SECRET", POLL_SECRET)  # the deployment's, as the clock has it
    assert main(["team", "configure", ONE, "--staff-channel", STAFF_ONE, "--poll-auto-open", "quarterly 10",
                 "--poll-duration-days", "7"]) == 0
    for user_id in VOTERS_ONE:
        fake_slack.add_user(user_id, user_id.removeprefix("U0ONE").title())
    fake_slack.channel_members[STAFF_ONE] = list(VOTERS_ONE)
    deps = clock(two_workspaces, engine, session_factory, poll_secret=POLL_SECRET)
    with freeze_time("2026-12-09 12:00:00"):  # the day before
        run_job(open_scheduled_polls, deps)
    with freeze_time("2026-12-10 12:00:00"):
        run_job(open_scheduled_polls, deps)
        run_job(open_scheduled_polls, deps)  # once
    with session_factory() as session:
        polls = session.execute(select(Poll.team_id, Poll.period, Poll.opened_by, Poll.closes_at)).all()
    assert [(team, period, by) for team, period, by, _ in polls] == [(ONE, "2026-Q4", None)]
    assert polls[0].closes_at.date() == datetime(2026, 12, 17).date()  # ONE's own POLL_DURATION_DAYS
    channels = [c.params["channel"] for c in fake_slack.calls("chat.postMessage")]
    assert channels.count(STAFF_ONE) == 1 and channels.count(ONE_CHANNEL) == 1 and TWO_CHANNEL not in channels
    assert sorted(c for c in channels if c.startswith("U")) == sorted(VOTERS_ONE)


def test_show_reporters_and_the_half_life_are_the_workspace_s_own_in_the_dossier(two_workspaces, session_factory,
                                                                                 fake_slack):
    _, web = two_workspaces
    assert main(["team", "configure", TWO, "--show-reporters", "yes", "--risk-half-life-days", "1"]) == 0
    long_ago = datetime.now(timezone.utc) - timedelta(days=20)
    with session_factory.begin() as session:
        for team in (ONE, TWO):
            acme = add_client(session, team_id=team, name="Acme")
            flag(session, team, acme, "dealbreaker", at=long_ago, reporter="U0MARCO")
    one_owner = "U0ONEBOSS"
    views = {}
    for team, owner in ((ONE, one_owner), (TWO, TWO_OWNER)):
        assert driver_for(web, fake_slack, team).command(Command.CLIENT, "acme", user_id=owner).status == 200
        views[team] = json.dumps(fake_slack.wait_for("views.update", len(views) + 1)[-1].params["view"]["blocks"])
    assert "<@U0MARCO>" in views[TWO] and "<@U0MARCO>" not in views[ONE]
    # 20 days at a half-life of 1 day leaves nothing of the dealbreaker in TWO; 90 days keeps most of it in ONE.
    assert "Risk score 0/100" in views[TWO] and "Risk score 0/100" not in views[ONE]


@pytest.mark.parametrize(("option", "value", "field", "typed"), [
    ("--strict-payer-policy", "on", "strict_payer_policy", True),
    ("--lateness-worsening-days", "30", "lateness_worsening_days", 30),
    ("--poll-anonymity-threshold", "5", "poll_anonymity_threshold", 5),
    ("--poll-reminder-days", "0", "poll_reminder_days", 0),
])
def test_a_configured_policy_is_what_that_workspace_s_deps_carry(two_workspaces, engine, session_factory, option,
                                                                value, field, typed):
    assert main(["team", "configure", TWO, option, value]) == 0
    deps = clock(two_workspaces, engine, session_factory)
    assert getattr(deps.for_team(TWO).settings, field) == typed
    assert getattr(deps.for_team(ONE).settings, field) == getattr(deps.settings, field) != typed
