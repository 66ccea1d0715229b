"""Webhooks for automation: `POST /webhooks/invoices` takes invoices as JSON in the generic format.

    Authorization: Bearer <INVOICE_WEBHOOK_TOKEN>
    {"invoices": [{"client": "Acme", "invoice_number": "2025-001", "issue_date": "2025-03-01",
                   "due_date": "2025-03-31", "amount": "1234.56", "currency": "EUR",
                   "paid_date": null, "amount_paid": null, "disputed": false}],
     "dayfirst": false, "create_clients": false}

Same validation and idempotence as the CLI import. Answers 200 with the
summary, 422 when any row failed (the good rows are stored; `errors` lists the
bad ones by index), 400 for a body that is not such JSON, 401 for a missing or
wrong token (nothing is read or stored), 413 for too much at once, 503 when
the webhook is not configured.
"""

from __future__ import annotations

import hmac
import json
from decimal import Decimal
from typing import Any

from flask import Blueprint, Response, jsonify, request
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.deps import Deps
from bot.domain.invoice_rows import InvoiceFormat
from bot.flows.csv_source import CsvRow
from bot.flows.invoice_import import import_invoice_rows
from bot.flows.payment_alerts import raise_payment_alerts
from bot.settings import Settings
from storage.db import make_session_factory

MAX_BYTES = 5_000_000
MAX_ROWS = 10_000


class BadBody(ValueError):
    """The request body is not what the webhook takes; the message says why (400)."""


class TooLarge(BadBody):
    """More invoices than one request may carry (413)."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (str, int, Decimal)):
        return str(value)
    raise BadBody(f"{json.dumps(value, default=str)[:40]} is not a text, number or true/false")


def webhook_rows(raw: bytes) -> tuple[list[str], list[CsvRow], dict[str, Any]]:
    """(headers, rows, options) from a request body; BadBody says what is wrong with it."""
    try:
        body = json.loads(raw, parse_float=Decimal)
    except ValueError:
        raise BadBody("the body is not JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("invoices"), list):
        raise BadBody('expected a JSON object with a list "invoices"')
    if len(body["invoices"]) > MAX_ROWS:
        raise TooLarge(f"at most {MAX_ROWS} invoices per request")
    rows, headers = [], {}
    for index, item in enumerate(body["invoices"]):
        if not isinstance(item, dict):
            raise BadBody(f"invoices[{index}] is not an object")
        try:
            values = {str(k).strip().lower(): _cell(v).strip() for k, v in item.items()}
        except BadBody as error:
            raise BadBody(f"invoices[{index}]: {error}") from None
        headers.update(dict.fromkeys(values))
        rows.append(CsvRow(index, values))
    options = {name: body.get(name) for name in ("dayfirst", "create_clients")}
    if any(value not in (None, True, False) for value in options.values()):
        raise BadBody('"dayfirst" and "create_clients" are true or false')
    return list(headers), rows, options


def _error(message: str, status: int, **headers: str) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    response.headers.update(headers)
    return response


def invoice_webhooks(settings: Settings, engine: Engine, client: WebClient | None = None) -> Blueprint:
    """The blueprint serving POST /webhooks/invoices."""
    deps = Deps(settings=settings, engine=engine, session_factory=make_session_factory(engine))
    blueprint = Blueprint("webhooks", __name__, url_prefix="/webhooks")

    @blueprint.post("/invoices")
    def invoices() -> Response:
        token, team_id = settings.invoice_webhook_token, settings.slack_team_id
        if not token or not team_id:
            return _error("the invoice webhook is off: set INVOICE_WEBHOOK_TOKEN and SLACK_TEAM_ID", 503)
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return _error("missing or wrong bearer token", 401, **{"WWW-Authenticate": 'Bearer realm="redflag"'})
        if (request.content_length or 0) > MAX_BYTES:
            return _error(f"the body is larger than {MAX_BYTES} bytes; send fewer invoices per request", 413)
        try:
            headers, rows, options = webhook_rows(request.get_data())
        except BadBody as error:
            return _error(str(error), 413 if isinstance(error, TooLarge) else 400)
        team = deps.for_team(team_id)  # that workspace's owners channel and time zone
        summary = import_invoice_rows(
            deps.session_factory, headers, rows, team_id=team_id, fmt=InvoiceFormat.GENERIC, today=team.today(),
            now=team.now(), dayfirst=bool(options["dayfirst"] if options["dayfirst"] is not None else settings.dayfirst),
            create_clients=bool(options["create_clients"]), source="webhook")
        alerts = raise_payment_alerts(deps.session_factory, client, team.settings, team_id=team_id,
                                      today=team.today(), now=team.now(), client_ids=summary.clients)
        answer = jsonify({
            "new": summary.new, "updated": summary.updated, "unchanged": summary.unchanged,
            "skipped": summary.skipped, "failed": summary.failed,
            "errors": [{"index": e.line, "error": e.message} for e in summary.errors],
            "unmatched_clients": sorted(summary.unmatched), "created_clients": summary.created_clients,
            "alerts_posted": len(alerts),
        })
        answer.status_code = 422 if summary.failed else 200
        return answer

    return blueprint
