"""`redflag invoices import FILE` and `redflag invoices facts`: invoices in, lateness facts out."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from bot.app import make_web_client
from bot.cli.common import add_team_option, open_team
from bot.cli.progress import ProgressBar
from bot.domain.invoice_rows import InvoiceFormat
from bot.flows.invoice_import import ImportSummary, import_invoice_rows, open_invoice_file
from bot.flows.lateness import payment_facts
from bot.flows.payment_alerts import raise_payment_alerts
from bot.flows.payment_import import import_payment_file
from bot.i18n import Translator
from bot.views.payments import facts_text
from storage import clients as client_store

FORMATS_HELP = ("generic: client, invoice_number, issue_date, due_date, amount, currency, paid_date, amount_paid, "
                "disputed. quickbooks: QuickBooks Online's Invoice List report. xero: Xero's invoice export. "
                "The README lists the columns each format maps.")


def add_commands(sub: argparse._SubParsersAction) -> None:
    invoices = sub.add_parser("invoices", help="invoices and payment lateness")
    isub = invoices.add_subparsers(dest="invoices_command", required=True, metavar="ACTION")
    imp = isub.add_parser("import", help="import an invoice export (idempotent; per-line errors, good lines kept)",
                          description=FORMATS_HELP)
    imp.add_argument("file", type=Path)
    imp.add_argument("--format", choices=[f.value for f in InvoiceFormat],
                     help="the export's format (default: told from the header)")
    imp.add_argument("--dayfirst", action="store_true", default=None,
                     help="numeric dates are day-first, 14/03/2025 (default: the DAYFIRST setting)")
    imp.add_argument("--currency", type=_currency_code, metavar="CODE",
                     help="currency of lines that name none, e.g. EUR for a single-currency QuickBooks company")
    imp.add_argument("--payments", type=Path, metavar="FILE",
                     help="a payments export (invoice number, payment date) giving exact payment days")
    imp.add_argument("--create-clients", action="store_true", help="add clients that are not in the directory")
    imp.set_defaults(run=run_import)
    facts = isub.add_parser("facts", help="each client's open balance by aging bucket and lateness, today")
    facts.set_defaults(run=run_facts)
    for parser in (imp, facts):
        add_team_option(parser)


def _currency_code(text: str) -> str:
    code = text.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise argparse.ArgumentTypeError(f"“{text}” is not a 3-letter currency code such as EUR")
    return code


def print_errors(summary: ImportSummary, t: Translator, *, indent: str = "", file: TextIO | None = None) -> None:
    """Each refused line as "line N: reason" (on stderr unless told), then how many more were not kept."""
    for error in summary.errors:
        print(indent + t.gettext("line {line}: {problem}", line=str(error.line), problem=error.reason),
              file=file or sys.stderr)
    if summary.failed > len(summary.errors):
        print(indent + t.ngettext("… and {n} more failed line", "… and {n} more failed lines",
                                  summary.failed - len(summary.errors)), file=file or sys.stderr)


def payments_line(summary: ImportSummary, t: Translator) -> str:
    return t.gettext("payments: {updated} gave a payment day, {unchanged} changed nothing, {failed} failed",
                     updated=summary.updated, unchanged=summary.unchanged, failed=summary.failed)


def alerts_line(sent: int, t: Translator) -> str:
    return t.ngettext("alerts: {n} new posted to the owners' channel", "alerts: {n} new posted to the owners' channel",
                      sent)


def run_import(args: argparse.Namespace) -> int:
    deps, t = open_team(args)
    settings, sessions, team = deps.settings, deps.session_factory, deps.team_id  # the workspace's channel and zone
    dayfirst = settings.dayfirst if args.dayfirst is None else args.dayfirst
    now = datetime.now(timezone.utc)
    today = now.astimezone(settings.tz).date()
    bar = ProgressBar(t.gettext("importing {file}", file=args.file.name))
    fmt, headers, rows = open_invoice_file(args.file, fmt=InvoiceFormat(args.format) if args.format else None,
                                           progress=bar.update)
    summary = import_invoice_rows(sessions, headers, rows, team_id=team, fmt=fmt, today=today, now=now,
                                  dayfirst=dayfirst, currency=args.currency, create_clients=args.create_clients)
    bar.finish()
    print_errors(summary, t)
    print(t.gettext("invoices ({format} export): {summary}", format=fmt.value, summary=summary.line(t)))
    if summary.unmatched:
        print(t.gettext("not in the client directory (import them with `redflag clients import`, add them as "
                        "aliases, or run again with --create-clients):"))
        for name, count in sorted(summary.unmatched.items()):
            print("  " + t.ngettext("{name} ({n} line)", "{name} ({n} lines)", count, name=name))
    if summary.created_clients:
        print(t.gettext("clients created: {names}", names=", ".join(summary.created_clients)))
    failed = summary.failed
    if args.payments:
        bar = ProgressBar(t.gettext("importing {file}", file=args.payments.name))
        payments = import_payment_file(sessions, args.payments, team_id=team, now=now, dayfirst=dayfirst,
                                       progress=bar.update)
        bar.finish()
        print_errors(payments, t)
        print(payments_line(payments, t))
        failed += payments.failed
    client = make_web_client(settings) if settings.slack_bot_token else None
    if client is None or not settings.owners_channel:
        print(t.gettext("alerts: not posted from here (set SLACK_BOT_TOKEN and OWNERS_CHANNEL); the payments job "
                        "posts them"))
    else:
        sent = raise_payment_alerts(sessions, client, settings, team_id=team, today=today, now=now,
                                    client_ids=summary.clients)
        print(alerts_line(len(sent), t))
    return 1 if failed else 0


def run_facts(args: argparse.Namespace) -> int:
    deps, t = open_team(args)
    today = deps.today()
    with deps.session_factory() as session:
        facts = payment_facts(session, team_id=deps.team_id, today=today)
        names = {c.id: c.name for c in client_store.list_clients(session, team_id=deps.team_id)}
    if not facts:
        print(t.gettext("no invoices imported yet (see `redflag invoices import --help`)"))
    for client_id, client_facts in sorted(facts.items(), key=lambda item: names.get(item[0], "").casefold()):
        name = names.get(client_id) or t.gettext("client {id}", id=str(client_id))
        print(facts_text(name, client_facts, t) + "\n")
    return 0
