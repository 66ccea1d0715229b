"""`redflag team delete T… --yes`: delete everything one workspace stored."""

from __future__ import annotations

import argparse

from bot.cli.common import open_database
from bot.errors import UserError
from storage.teams import delete_team_data


def add_commands(sub: argparse._SubParsersAction) -> None:
    team = sub.add_parser("team", help="workspace-level data")
    tsub = team.add_subparsers(dest="team_command", required=True, metavar="ACTION")
    delete = tsub.add_parser("delete", help="delete ALL data of one workspace: clients, reports, polls, invoices, "
                                            "alerts, digests and its Slack tokens")
    delete.add_argument("team_id", help="the workspace id, T…")
    delete.add_argument("--yes", action="store_true", help="really delete (without it, only count what would go)")
    delete.set_defaults(run=run_delete)


def run_delete(args: argparse.Namespace) -> int:
    if not args.team_id.startswith(("T", "E")):
        raise UserError(f"“{args.team_id}” is not a workspace id (they start with T)")
    _, sessions = open_database()
    session = sessions()
    try:
        deleted = delete_team_data(session, team_id=args.team_id)
        if args.yes:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()
    total = sum(deleted.values())
    detail = ", ".join(f"{n} {table}" for table, n in sorted(deleted.items())) or "nothing"
    if args.yes:
        print(f"deleted {total} rows of workspace {args.team_id}: {detail}")
    else:
        print(f"would delete {total} rows of workspace {args.team_id}: {detail}. Run again with --yes to delete.")
    return 0
