"""POST /webhooks/invoices through the real WSGI stack: good token, bad or missing token, malformed bodies."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from bot.app import make_web_client
from bot.deps import Deps
from bot.domain.invoice_rows import InvoiceFormat
from bot.flows.csv_source import CsvRow
from bot.flows.invoice_import import import_invoice_rows
from bot.jobs.payments import payment_alerts
from bot.sandbox.fake_slack import TEAM_ID
from bot.web import create_web_app
from storage.models.invoices import Invoice, PaymentAlert
from tests.conftest import OWNERS_CHANNEL
from tests.invoice_helpers import invoices, seed_directory

TOKEN = "webhook-token-0123456789abcdef"
ACME_OPEN = {"client": "ACME logistics srl", "invoice_number": "W-1", "issue_date": "2025-02-01",
             "due_date": "2025-03-03", "amount": 4200.10, "currency": "EUR", "paid_date": None,
             "amount_paid": None, "disputed": True}
GALLI_PAID = {"client": "Tipografia Galli", "invoice_number": "W-2", "due_date": "2025-03-31", "amount": "340,00",
              "currency": "EUR", "paid_date": "2025-03-30"}


@pytest.fixture
def client(settings, engine, session_factory, tmp_path):  # type: ignore[no-untyped-def]
    seed_directory(session_factory, tmp_path)
    app = create_web_app(settings.model_copy(update={"invoice_webhook_token": TOKEN}), engine=engine)
    return app.test_client()


def post(client, body, token: str | None = TOKEN, **headers):  # type: ignore[no-untyped-def]
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post("/webhooks/invoices", data=data, headers=headers, content_type="application/json")


def stored_count(session_factory) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(Invoice))


@freeze_time("2025-03-31 10:00:00")
def test_good_token_imports_and_alerts(client, session_factory, fake_slack):
    answer = post(client, {"invoices": [ACME_OPEN, GALLI_PAID]})
    assert answer.status_code == 200
    assert answer.json == {"new": 2, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 0, "errors": [],
                           "unmatched_clients": [], "created_clients": [], "alerts_posted": 1}
    stored = invoices(session_factory)
    acme = stored[("Acme Logistics S.r.l.", "W-1")]
    assert (acme.amount, acme.disputed, acme.source) == (Decimal("4200.10"), True, "webhook")
    assert stored[("Tipografia Galli", "W-2")].paid_on.isoformat() == "2025-03-30"
    [alert] = [c for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == OWNERS_CHANNEL]
    assert "Invoice W-1: €4,200.10 open, 28 days past due (due Mar 3, 2025) (disputed)" in str(alert.params["blocks"])
    again = post(client, {"invoices": [ACME_OPEN, GALLI_PAID]})
    assert (again.status_code, again.json["unchanged"], again.json["alerts_posted"]) == (200, 2, 0)
    paid = post(client, {"invoices": [ACME_OPEN | {"paid_date": "2025-03-30"}]})
    assert (paid.json["updated"], paid.json["unchanged"]) == (1, 0)
    assert stored_count(session_factory) == 2


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token-0123456789", f"Basic {TOKEN}", f"bearer {TOKEN}x", ""])
def test_missing_or_wrong_token_is_401_and_stores_nothing(client, session_factory, fake_slack, authorization):
    headers = {} if authorization is None else {"Authorization": authorization}
    answer = post(client, {"invoices": [ACME_OPEN]}, token=None, **headers)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert "W-1" not in answer.get_data(as_text=True)
    assert stored_count(session_factory) == 0 and fake_slack.calls() == []


@pytest.mark.parametrize(("body", "words"), [
    (b"not json", "the body is not JSON"),
    ("[]", 'expected a JSON object with a list "invoices"'),
    ({"invoices": {"client": "Acme"}}, 'expected a JSON object with a list "invoices"'),
    ({"invoices": [ACME_OPEN, "Acme;W-3"]}, "invoices[1] is not an object"),
    ({"invoices": [ACME_OPEN | {"amount": [1, 2]}]}, "invoices[0]: [1, 2] is not a text, number or true/false"),
    ({"invoices": [ACME_OPEN], "dayfirst": "yes"}, '"dayfirst" and "create_clients" are true or false'),
])
def test_a_malformed_body_is_400_and_stores_nothing(client, session_factory, body, words):
    answer = post(client, body)
    assert answer.status_code == 400
    assert answer.json["error"] == words
    assert stored_count(session_factory) == 0


@freeze_time("2025-03-31 10:00:00")
def test_bad_rows_are_422_with_reasons_and_good_rows_are_stored(client, session_factory):
    rows = [ACME_OPEN, {**GALLI_PAID, "due_date": "31/03/2025"}, {**GALLI_PAID, "invoice_number": "W-3", "amount": "abc"},
            {**GALLI_PAID, "client": "Nobody We Know", "invoice_number": "W-4"}]
    answer = post(client, {"invoices": rows})
    assert answer.status_code == 422
    assert answer.json["new"] == 1 and answer.json["failed"] == 3
    assert answer.json["errors"] == [
        {"index": 1, "error": "due date: “31/03/2025” is not a month-first (MM/DD/YYYY) date; if the file writes dates "
                              "the other way, use --dayfirst (or DAYFIRST=true)"},
        {"index": 2, "error": "amount: “abc” is not an amount"},
        {"index": 3, "error": "no client “Nobody We Know” in the directory"},
    ]
    assert answer.json["unmatched_clients"] == ["Nobody We Know"]
    fixed = post(client, {"invoices": rows[1:2], "dayfirst": True})
    assert (fixed.status_code, fixed.json["new"]) == (200, 1)
    created = post(client, {"invoices": rows[3:], "create_clients": True})
    assert (created.status_code, created.json["created_clients"]) == (200, ["Nobody We Know"])
    assert stored_count(session_factory) == 3


def test_too_many_rows_is_413(client, session_factory):
    answer = post(client, {"invoices": [GALLI_PAID] * 10_001})
    assert answer.status_code == 413 and stored_count(session_factory) == 0


def test_without_a_configured_token_the_webhook_is_off(settings, engine, session_factory):
    app = create_web_app(settings, engine=engine)  # no INVOICE_WEBHOOK_TOKEN
    answer = post(app.test_client(), {"invoices": [ACME_OPEN]}, token="")
    assert answer.status_code == 503 and "INVOICE_WEBHOOK_TOKEN" in answer.json["error"]
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(PaymentAlert)) == 0
    assert stored_count(session_factory) == 0


@freeze_time("2025-03-31 10:00:00")
def test_after_a_webhook_only_its_clients_are_looked_at_and_the_job_does_the_rest(client, session_factory, fake_slack,
                                                                                    settings, engine):
    galli_overdue = {**GALLI_PAID, "invoice_number": "W-9", "due_date": "2025-02-01", "paid_date": ""}
    summary = import_invoice_rows(session_factory, list(galli_overdue), [CsvRow(2, galli_overdue)], team_id=TEAM_ID,
                                  fmt=InvoiceFormat.GENERIC, today=date(2025, 3, 31), now=datetime.now(timezone.utc))
    assert summary.new == 1  # stored without alerting, as by an import that could not post
    answer = post(client, {"invoices": [ACME_OPEN]})
    assert answer.json["alerts_posted"] == 1
    assert [c.params["text"].split(":")[1] for c in fake_slack.calls("chat.postMessage")] == [" Acme Logistics S.r.l."]
    payment_alerts(Deps(settings=settings, engine=engine, session_factory=session_factory), make_web_client(settings),
                   datetime.now(timezone.utc))
    texts = [c.params["text"] for c in fake_slack.calls("chat.postMessage")]
    assert len(texts) == 2 and "Tipografia Galli" in texts[1]
