"""`redflag clients …` and `redflag categories …`: the client directory and the red-flag taxonomy."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from bot.cli.common import add_team_option, open_database, team_of
from bot.domain.client_rows import client_name
from bot.errors import UserError
from bot.flows.client_import import import_clients
from bot.flows.csv_source import CsvError
from storage import clients as store
from storage.clients import ClientNameTaken


def add_commands(sub: argparse._SubParsersAction) -> None:
    clients = sub.add_parser("clients", help="the client directory")
    csub = clients.add_subparsers(dest="clients_command", required=True, metavar="ACTION")
    imp = csub.add_parser("import", help="add or update clients from a CSV file (idempotent)",
                          description="Columns: name, aliases (separated by ; or |), mrr, currency, "
                                      "external_id, account_owner. Only name is required.")
    imp.add_argument("file", type=Path)
    imp.set_defaults(run=run_import)
    lst = csub.add_parser("list", help="list clients with their aliases")
    lst.set_defaults(run=run_list)
    ren = csub.add_parser("rename", help="rename a client (the old name stays as an alias)")
    ren.add_argument("client", help="current name or alias")
    ren.add_argument("new_name")
    ren.set_defaults(run=run_rename)
    mer = csub.add_parser("merge", help="merge ABSORBED into SURVIVOR: all reports and data move over")
    mer.add_argument("survivor")
    mer.add_argument("absorbed")
    mer.set_defaults(run=run_merge)
    for parser in (imp, lst, ren, mer):
        add_team_option(parser)

    cats = sub.add_parser("categories", help="the kinds of problem a red flag can name")
    ksub = cats.add_subparsers(dest="categories_command", required=True, metavar="ACTION")
    klist = ksub.add_parser("list", help="list categories")
    klist.set_defaults(run=run_categories)
    kset = ksub.add_parser("set", help="add a category or change its label")
    kset.add_argument("key", help="short id, e.g. late_materials")
    kset.add_argument("label", help="what staff see, e.g. 'Late with materials'")
    kset.add_argument("--retire", action="store_true", help="hide it from new reports (old ones keep it)")
    kset.set_defaults(run=run_set_category)
    for parser in (klist, kset):
        add_team_option(parser)


def run_import(args: argparse.Namespace) -> int:
    settings, sessions = open_database()
    try:
        summary = import_clients(sessions, args.file, team_id=team_of(args, settings))
    except CsvError as error:
        raise UserError(str(error)) from None
    for error in summary.errors:
        print(error, file=sys.stderr)
    print(f"clients: {summary.line()}")
    return 1 if summary.errors else 0


def run_list(args: argparse.Namespace) -> int:
    settings, sessions = open_database()
    with sessions() as session:
        for client in store.list_clients(session, team_id=team_of(args, settings)):
            aliases = ", ".join(a.alias for a in client.aliases)
            mrr = f"{client.mrr} {client.currency}" if client.mrr is not None else "-"
            print(f"{client.id:>5}  {client.name:<40} {mrr:>14}  {aliases}")
    return 0


def _find(session, name: str, team: str):  # type: ignore[no-untyped-def]
    client = store.find_client(session, name, team_id=team)
    if client is None:
        raise UserError(f"no client called “{name}” (see `redflag clients list`)")
    return client


def run_rename(args: argparse.Namespace) -> int:
    settings, sessions = open_database()
    team = team_of(args, settings)
    try:
        new_name = client_name(args.new_name)
        with sessions.begin() as session:
            client = _find(session, args.client, team)
            old = client.name
            store.rename_client(session, client, new_name)
    except (ClientNameTaken, ValueError) as error:
        raise UserError(f"cannot rename: {error}") from None
    print(f"renamed “{old}” to “{new_name}”; “{old}” still finds it")
    return 0


def run_merge(args: argparse.Namespace) -> int:
    settings, sessions = open_database()
    team = team_of(args, settings)
    with sessions.begin() as session:
        survivor, absorbed = _find(session, args.survivor, team), _find(session, args.absorbed, team)
        if survivor.id == absorbed.id:
            raise UserError(f"“{args.survivor}” and “{args.absorbed}” are already the same client")
        names = survivor.name, absorbed.name
        store.merge_clients(session, survivor, absorbed)
    print(f"merged “{names[1]}” into “{names[0]}”: its reports and data moved, its names are aliases now")
    return 0


def run_categories(args: argparse.Namespace) -> int:
    settings, sessions = open_database()
    with sessions.begin() as session:
        for category in store.list_categories(session, team_id=team_of(args, settings), active_only=False):
            state = "" if category.active else "  (retired)"
            print(f"{category.key:<20} {category.label}{state}")
    return 0


def run_set_category(args: argparse.Namespace) -> int:
    settings, sessions = open_database()
    label = " ".join(args.label.split())
    if not label or len(label) > 75:
        raise UserError("a category label needs 1 to 75 characters")
    if not re.fullmatch(r"[A-Za-z0-9_]{1,50}", args.key):
        raise UserError("a category key is 1 to 50 letters, digits and _ (e.g. late_materials)")
    with sessions.begin() as session:
        store.save_category(session, team_id=team_of(args, settings), key=args.key, label=label, active=not args.retire)
    print(f"category {args.key}: {label}{' (retired)' if args.retire else ''}")
    return 0
