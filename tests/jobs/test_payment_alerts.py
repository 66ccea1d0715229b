"""Payment alerts in the owners' channel: each sent once across repeated imports and job runs, as days pass."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from bot.app import make_web_client
from bot.cli import main
from bot.deps import Deps
from bot.domain.alerts import AlertKind
from bot.flows.csv_source import CsvRow
from bot.flows.invoice_import import import_invoice_rows
from bot.flows.lateness import payment_facts, recent_payment_alerts
from bot.flows.payment_alerts import raise_payment_alerts
from bot.domain.invoice_rows import InvoiceFormat
from bot.domain.lateness import Bucket
from bot.jobs import JOBS
from bot.sandbox.fake_slack import TEAM_ID
from storage.clients import add_client
from storage.models.invoices import PaymentAlert
from tests.conftest import OWNERS_CHANNEL
from tests.invoice_helpers import FIXTURES, SAMPLES, client_id, seed_directory

PAYMENTS_JOB = next(job for job_id, job, _ in JOBS if job_id == "payments.alerts")
GENERIC = ["client", "invoice_number", "issue_date", "due_date", "amount", "currency", "paid_date", "amount_paid"]


@pytest.fixture(autouse=True)
def directory(session_factory, tmp_path):  # type: ignore[no-untyped-def]
    seed_directory(session_factory, tmp_path)


@pytest.fixture
def deps(settings, engine, session_factory) -> Deps:  # type: ignore[no-untyped-def]
    return Deps(settings=settings, engine=engine, session_factory=session_factory)


def owner_posts(fake_slack) -> list[dict]:  # type: ignore[no-untyped-def]
    return [c.params for c in fake_slack.calls("chat.postMessage") if c.params.get("channel") == OWNERS_CHANNEL]


def run_job(deps: Deps) -> None:
    PAYMENTS_JOB(deps, make_web_client(deps.settings), datetime.now(timezone.utc))


def cli_import(monkeypatch, settings) -> int:  # type: ignore[no-untyped-def]
    for name, value in (("DATABASE_URL", settings.database_url), ("SLACK_TEAM_ID", TEAM_ID), ("TIMEZONE", "Europe/Rome"),
                        ("SLACK_BOT_TOKEN", "xoxb-test"), ("SLACK_API_URL", settings.slack_api_url),
                        ("OWNERS_CHANNEL", OWNERS_CHANNEL)):
        monkeypatch.setenv(name, value)
    return main(["invoices", "import", str(FIXTURES / "xero_invoices.csv"), "--dayfirst",
                 "--payments", str(SAMPLES / "payments_xero.csv")])


def import_rows(deps: Deps, *rows: list[str]) -> None:
    summary = import_invoice_rows(deps.session_factory, GENERIC, [CsvRow(i, dict(zip(GENERIC, r))) for i, r in enumerate(rows)],
                                  team_id=TEAM_ID, fmt=InvoiceFormat.GENERIC, today=deps.today(), now=deps.now())
    assert summary.failed == 0, summary.errors


def test_alerts_go_out_once_across_repeated_imports_and_job_runs(deps, fake_slack, monkeypatch, tmp_path, capsys):
    with freeze_time("2025-03-31 10:00:00"):
        cli_import(monkeypatch, deps.settings)
        assert "alerts: 5 new posted to the owners' channel" in capsys.readouterr().out  # Acme has two, in one message
        first = owner_posts(fake_slack)
        texts = {p["text"].split(":")[1].strip(): p for p in first}
        assert set(texts) == {"Maison Girard Immobilier", "Bianchi Costruzioni S.p.A.", "Acme Logistics S.r.l.",
                              "Hotel Bellavista"}
        acme = "\n".join(b["text"]["text"] for b in texts["Acme Logistics S.r.l."]["blocks"] if b.get("text"))
        assert "Invoice INV-0153: €4,200 open, 31 days past due (due Feb 28, 2025)" in acme
        assert "Paying later: 31 days late on average over the last 90 days, against 5.3 in the 90 days before" in acme
        assert "Invoice INV-0130: €1,234 open, 28 days past due" in str(texts["Hotel Bellavista"]["blocks"])
        cli_import(monkeypatch, deps.settings)
        assert "alerts: 0 new posted" in capsys.readouterr().out
        run_job(deps)
        run_job(deps)
        assert len(owner_posts(fake_slack)) == 4
    with freeze_time("2025-04-14 21:59:00"):  # 23:59 in Rome: INV-0154 and INV-0166 are 14 days past due
        run_job(deps)
        assert len(owner_posts(fake_slack)) == 4
    with freeze_time("2025-04-14 22:01:00"):  # 00:01 on 15 April in Rome: 15 days
        run_job(deps)
        new = owner_posts(fake_slack)[4:]
        assert sorted(p["text"].split(":")[1].strip() for p in new) == ["Acme Logistics S.r.l.", "Van Dijk Transport B.V."]
        assert "Invoice INV-0154: €3,600 open, 15 days past due" in str(new)
        assert "Paying later" not in str(new)  # still worse than before, but already said within 90 days
        run_job(deps)
        cli_import(monkeypatch, deps.settings)
        assert len(owner_posts(fake_slack)) == 6
    with deps.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(PaymentAlert)) == 7  # 6 overdue + 1 worsening
        assert session.scalar(select(func.count()).where(PaymentAlert.sent_at.is_(None))) == 0


def test_a_failed_post_is_retried_by_a_later_run_and_sent_once(deps, fake_slack):
    with freeze_time("2025-03-31 10:00:00"):
        import_rows(deps, ["Acme", "A-1", "2025-01-01", "2025-02-01", "100.00", "EUR", "", ""],
                    ["Van Dijk", "V-1", "2025-01-01", "2025-02-01", "250.00", "USD", "", ""])
        fake_slack.fail("chat.postMessage", error="channel_not_found")
        run_job(deps)
        assert len(fake_slack.calls("chat.postMessage")) == 2  # one failed, the other went out
        run_job(deps)  # within the claim lease: the failed one is not retried yet
        assert len(fake_slack.calls("chat.postMessage")) == 2
    with freeze_time("2025-03-31 10:11:00"):
        run_job(deps)
        run_job(deps)
    calls = fake_slack.calls("chat.postMessage")
    assert len(calls) == 3
    assert calls[1].params["text"] != calls[2].params["text"]
    assert calls[0].params["text"] == calls[2].params["text"]  # the same alert, retried


def test_two_runs_at_once_send_each_alert_once(deps, fake_slack):
    with freeze_time("2025-03-31 10:00:00", tick=True):
        import_rows(deps, *[[name, f"{name}-1", "2025-01-01", "2025-02-01", "100.00", "EUR", "", ""]
                            for name in ("Acme", "Van Dijk", "Girard", "Galli", "Sorriso", "Mulder")])
        threads = [threading.Thread(target=run_job, args=(deps,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(owner_posts(fake_slack)) == 6


def test_strict_policy_alerts_the_first_late_payment_once(settings, engine, session_factory, fake_slack):
    strict = Deps(settings=settings.model_copy(update={"strict_payer_policy": True}), engine=engine,
                  session_factory=session_factory)
    with freeze_time("2025-03-31 10:00:00"):
        import_rows(strict, ["Mulder", "M-1", "2025-01-01", "2025-01-31", "450.00", "EUR", "2025-02-02", ""],
                    ["Mulder", "M-2", "2025-02-01", "2025-03-03", "450.00", "EUR", "2025-03-20", ""],
                    ["Galli", "G-1", "2025-02-01", "2025-03-03", "340.00", "EUR", "2025-03-01", ""])
        run_job(strict)
        run_job(strict)
    [post] = owner_posts(fake_slack)
    assert "Bakkerij Mulder" in post["text"]
    assert ("First late payment on record: invoice M-1 (€450), paid 2 days after its due date Jan 31, 2025"
            in str(post["blocks"]))


def test_nothing_is_recorded_until_alerts_can_be_sent(settings, engine, session_factory, fake_slack):
    silent = Deps(settings=settings.model_copy(update={"owners_channel": None}), engine=engine, session_factory=session_factory)
    with freeze_time("2025-03-31 10:00:00"):
        import_rows(silent, ["Acme", "A-1", "2025-01-01", "2025-02-01", "100.00", "EUR", "", ""])
        run_job(silent)
        assert fake_slack.calls("chat.postMessage") == []
        with session_factory() as session:
            assert session.scalar(select(func.count()).select_from(PaymentAlert)) == 0
        run_job(Deps(settings=settings, engine=engine, session_factory=session_factory))
    assert len(owner_posts(fake_slack)) == 1


def test_client_names_are_escaped_and_amounts_shown_in_their_currency(deps, fake_slack):
    with deps.session_factory.begin() as session:
        add_client(session, team_id=TEAM_ID, name="<!channel> Evil & Co")
    with freeze_time("2025-03-31 10:00:00"):
        import_rows(deps, ["<!channel> Evil & Co", "E-1", "2025-01-01", "2025-02-01", "1,250.50", "USD", "", ""],
                    ["<!channel> Evil & Co", "E-2", "2025-01-01", "2025-02-01", "£99", "", "", ""])
        sent = raise_payment_alerts(deps.session_factory, make_web_client(deps.settings), deps.settings, team_id=TEAM_ID,
                                    today=deps.today(), now=deps.now())
    assert {(a.kind, a.invoice_number) for a in sent} == {(AlertKind.OVERDUE, "E-1"), (AlertKind.OVERDUE, "E-2")}
    [post] = owner_posts(fake_slack)
    everything = post["text"] + str(post["blocks"])
    assert "<!channel>" not in everything and "&lt;!channel&gt; Evil &amp; Co" in everything
    assert "$1,250.50 open" in everything and "£99 open" in everything


def test_facts_and_recent_alerts_for_the_digest(deps, fake_slack):
    with freeze_time("2025-03-31 10:00:00"):
        import_rows(deps, ["Acme", "A-1", "2025-01-01", "2025-02-01", "100.00", "EUR", "", ""],
                    ["Acme", "A-2", "2025-01-01", "2025-03-31", "70.00", "USD", "", ""])
        run_job(deps)
        since = datetime.now(timezone.utc) - timedelta(days=7)
        acme = client_id(deps.session_factory, "Acme")
        with deps.session_factory() as session:
            facts = payment_facts(session, team_id=TEAM_ID, today=deps.today())
            recent = recent_payment_alerts(session, team_id=TEAM_ID, since=since)
            none_yet = recent_payment_alerts(session, team_id=TEAM_ID, since=since + timedelta(days=8))
            other_team = payment_facts(session, team_id="T0OTHER", today=deps.today())
    assert set(facts) == {acme} and other_team == {}
    assert facts[acme].open_by_bucket["EUR"][Bucket.DAYS_31_60] == Decimal("100.00")
    assert facts[acme].open_by_bucket["USD"][Bucket.CURRENT] == Decimal("70.00")
    [alert] = recent
    assert (alert.alert.kind, alert.alert.invoice_number, alert.alert.client_id) == (AlertKind.OVERDUE, "A-1", acme)
    assert alert.sent_at is not None and none_yet == []
