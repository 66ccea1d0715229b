"""The `redflag` command. Each module in this package adds its subcommands with `add_commands`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sqlalchemy.exc import DBAPIError

from bot.cli import clients, db, demo, digest, invoices, serve, teams
from bot.errors import UserError
from bot.i18n import translator
from bot.settings import ConfigError
from storage.db import UNAVAILABLE

COMMAND_MODULES = (serve, db, clients, invoices, digest, teams, demo)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="redflag",
        description="Redflag: staff red flags, worst-client polls and payment lateness for owners, in Slack.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except ConfigError as error:
        print(f"redflag: configuration problem: {error}", file=sys.stderr)
        return 2
    except UserError as error:  # in the workspace's language once the command knows it (common.speak)
        print(f"redflag: {getattr(args, 'translator', translator(None)).text(error.message)}", file=sys.stderr)
        return 1
    except DBAPIError as error:
        print(f"redflag: {database_problem(error)}", file=sys.stderr)
        return 1


def database_problem(error: DBAPIError) -> str:
    """One line for a database error a command could not handle (no traceback)."""
    text = str(error.orig).lower()
    if "no such table" in text or ("relation" in text and "does not exist" in text):
        return "the database has no Redflag tables yet: run `redflag db upgrade` first (it reads DATABASE_URL)"
    if isinstance(error, UNAVAILABLE):
        return f"cannot reach the database ({str(error.orig).strip().splitlines()[0]}); check DATABASE_URL"
    return f"the database refused the change: {str(error.orig).strip().splitlines()[0]}"


if __name__ == "__main__":
    sys.exit(main())
