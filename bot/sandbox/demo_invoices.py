"""The demo's invoices: the sample Xero export and payments export imported for the demo's clients,
the lateness facts they give, and the alerts the owners get (once, however often it is imported).

The samples in `bot/sandbox/samples/` were exported on EXPORT_DAY; the demo moves every date by the
same number of days so that the export looks made today, and the story stays the same: Acme pays
later and later, Girard has owed money for over 90 days, Van Dijk pays on time.
"""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from bot.app import make_web_client
from bot.cli.invoices import alerts_line, payments_line, print_errors
from bot.domain.dates import parse_date
from bot.flows.invoice_import import ImportSummary, import_invoice_rows, open_invoice_file
from bot.flows.lateness import payment_facts
from bot.flows.payment_alerts import raise_payment_alerts
from bot.flows.payment_import import import_payment_file
from bot.sandbox import demo_data as data
from bot.sandbox.fake_slack import TEAM_ID
from bot.views.payments import facts_text
from storage import clients as client_store

if TYPE_CHECKING:
    from bot.sandbox.demo import DemoWorld

SAMPLES = Path(__file__).parent / "samples"
EXPORT_DAY = date(2025, 3, 31)
DATE_COLUMNS = ("InvoiceDate", "DueDate", "Date")
SHOWN = ("Acme Logistics S.r.l.", "Maison Girard Immobilier", "Hotel Bellavista", "Van Dijk Transport B.V.")


def dated_copy(sample: Path, target: Path, today: date) -> Path:
    """The sample with every date moved so that EXPORT_DAY becomes `today` (day-first, as Xero wrote it)."""
    shift = today - EXPORT_DAY
    with sample.open(newline="", encoding="utf-8") as source, target.open("w", newline="", encoding="utf-8") as out:
        reader = csv.DictReader(source)
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [], lineterminator="\r\n")
        writer.writeheader()
        for row in reader:
            for column in DATE_COLUMNS:
                if row.get(column):
                    row[column] = (parse_date(row[column], dayfirst=True) + shift).strftime("%d/%m/%Y")
            writer.writerow(row)
    return target


def _report(world: DemoWorld, summary: ImportSummary) -> None:
    t = world.t
    world.say("  " + t.gettext("invoices: {summary}", summary=summary.line(t)))
    print_errors(summary, t, indent="    ", file=world.out)
    for name, count in summary.unmatched.items():
        world.say("    " + t.ngettext("not in the directory: {name} ({n} line); --create-clients would add it",
                                      "not in the directory: {name} ({n} lines); --create-clients would add it",
                                      count, name=name))


def _import(world: DemoWorld, invoices: Path, payments: Path, now: datetime) -> int:
    t = world.t
    today = now.astimezone(world.settings.tz).date()
    fmt, headers, rows = open_invoice_file(invoices)
    world.say(f"$ redflag invoices import {invoices.name} --dayfirst --payments {payments.name}   "
              + t.gettext("({format} export)", format=fmt.value))
    _report(world, import_invoice_rows(world.sessions, headers, rows, team_id=TEAM_ID, fmt=fmt, today=today, now=now,
                                       dayfirst=True))
    paid = import_payment_file(world.sessions, payments, team_id=TEAM_ID, now=now, dayfirst=True)
    world.say("  " + payments_line(paid, t))
    sent = raise_payment_alerts(world.sessions, make_web_client(world.settings), world.settings, team_id=TEAM_ID,
                                today=today, now=now)
    world.say("  " + alerts_line(len(sent), t))
    return len(sent)


def import_invoices(world: DemoWorld) -> None:
    t = world.t
    world.section(t.gettext("Payment lateness: the accounting export (Xero invoices + payments), facts and alerts"))
    now = datetime.now(timezone.utc)
    today = now.astimezone(world.settings.tz).date()
    invoices = dated_copy(SAMPLES / "invoices_xero.csv", world.directory / "invoices_xero.csv", today)
    payments = dated_copy(SAMPLES / "payments_xero.csv", world.directory / "payments_xero.csv", today)
    before = world.show_messages(data.OWNERS_CHANNEL, since=1_000_000)  # count only
    _import(world, invoices, payments, now)
    world.say("\n" + t.gettext("Posted to the owners' channel:") + "\n")
    after = world.show_messages(data.OWNERS_CHANNEL, since=before)
    world.say(t.gettext("The same export imported again an hour later (idempotent; no alert is sent twice):"))
    _import(world, invoices, payments, now + timedelta(hours=1))
    again = world.show_messages(data.OWNERS_CHANNEL, since=1_000_000)
    world.say("  " + t.ngettext("owners' channel: {n} payment alert message in all, {new} new",
                                "owners' channel: {n} payment alert messages in all, {new} new", after - before,
                                new=again - after))
    world.say("\n" + t.gettext("Lateness facts on {today} (redflag invoices facts):", today=today) + "\n")
    with world.sessions() as session:
        facts = payment_facts(session, team_id=TEAM_ID, today=today)
        names = {c.id: c.name for c in client_store.list_clients(session, team_id=TEAM_ID)}
    for client_id, client_facts in sorted(facts.items(), key=lambda item: names[item[0]]):
        if names[client_id] in SHOWN:
            world.say(facts_text(names[client_id], client_facts, t) + "\n")
    others = sorted(names[c] for c in facts if names[c] not in SHOWN)
    world.say(t.ngettext("(and {n} more client with invoices: {names})",
                         "(and {n} more clients with invoices: {names})", len(others), names=", ".join(others)))
