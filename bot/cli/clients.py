"""`redflag clients …` and `redflag categories …`: the client directory and the red-flag taxonomy."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from bot.cli.common import add_team_option, open_team
from bot.domain.client_rows import client_name
from bot.domain.taxonomy import shown_label
from bot.errors import UserError
from bot.flows.client_import import import_clients, name_taken
from bot.flows.csv_source import CsvError, reason
from bot.i18n import N_, Translator
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
    deps, t = open_team(args)
    try:
        summary = import_clients(deps.session_factory, args.file, team_id=deps.team_id)
    except CsvError as error:
        raise UserError(error.message) from None
    for error in summary.errors:
        print(t.gettext("line {line}: {problem}", line=str(error.line), problem=error.reason), file=sys.stderr)
    print(t.gettext("clients: {summary}", summary=summary.line(t)))
    return 1 if summary.errors else 0


def run_list(args: argparse.Namespace) -> int:
    deps, t = open_team(args)
    with deps.session_factory() as session:
        for client in store.list_clients(session, team_id=deps.team_id):
            aliases = ", ".join(a.alias for a in client.aliases)
            mrr = t.money(client.mrr, client.currency) if client.mrr is not None else "-"
            print(f"{client.id:>5}  {client.name:<40} {mrr:>14}  {aliases}")
    return 0


def _find(session, name: str, team: str):  # type: ignore[no-untyped-def]
    client = store.find_client(session, name, team_id=team)
    if client is None:
        raise UserError(N_("no client called “{name}” (see `redflag clients list`)", name=name))
    return client


def run_rename(args: argparse.Namespace) -> int:
    deps, t = open_team(args)
    try:
        new_name = client_name(args.new_name)
        with deps.session_factory.begin() as session:
            client = _find(session, args.client, deps.team_id)
            old = client.name
            store.rename_client(session, client, new_name)
    except ClientNameTaken as error:
        raise UserError(N_("cannot rename: {problem}", problem=name_taken(error))) from None
    except ValueError as error:
        raise UserError(N_("cannot rename: {problem}", problem=reason(error))) from None
    print(t.gettext("renamed “{old}” to “{new}”; “{old}” still finds it", old=old, new=new_name))
    return 0


def run_merge(args: argparse.Namespace) -> int:
    deps, t = open_team(args)
    with deps.session_factory.begin() as session:
        survivor = _find(session, args.survivor, deps.team_id)
        absorbed = _find(session, args.absorbed, deps.team_id)
        if survivor.id == absorbed.id:
            raise UserError(N_("“{survivor}” and “{absorbed}” are already the same client", survivor=args.survivor,
                               absorbed=args.absorbed))
        names = survivor.name, absorbed.name
        store.merge_clients(session, survivor, absorbed)
    print(t.gettext("merged “{absorbed}” into “{survivor}”: its reports and data moved, its names are aliases now",
                    absorbed=names[1], survivor=names[0]))
    return 0


def run_categories(args: argparse.Namespace) -> int:
    deps, t = open_team(args)
    with deps.session_factory.begin() as session:
        for category in store.list_categories(session, team_id=deps.team_id, active_only=False):
            label = t.text(shown_label(category.key, category.label))
            print(f"{category.key:<20} {_category_line(t, label, retired=not category.active)}")
    return 0


def _category_line(t: Translator, label: str, *, retired: bool) -> str:
    return t.gettext("{label} (retired)", label=label) if retired else label


def run_set_category(args: argparse.Namespace) -> int:
    deps, t = open_team(args)
    label = " ".join(args.label.split())
    if not label or len(label) > 75:
        raise UserError(N_("a category label needs 1 to 75 characters"))
    if not re.fullmatch(r"[A-Za-z0-9_]{1,50}", args.key):
        raise UserError(N_("a category key is 1 to 50 letters, digits and _ (e.g. late_materials)"))
    with deps.session_factory.begin() as session:
        store.save_category(session, team_id=deps.team_id, key=args.key, label=label, active=not args.retire)
    print(t.gettext("category {key}: {label}", key=args.key, label=_category_line(t, label, retired=args.retire)))
    return 0
