"""The `redflag` command. Each module in this package adds its subcommands with `add_commands`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.cli import clients, db, demo, serve, teams
from bot.cli import invoices
from bot.cli import digest
from bot.errors import UserError
from bot.settings import ConfigError

COMMAND_MODULES = (serve, db, clients, demo, teams)
COMMAND_MODULES += (invoices,)
COMMAND_MODULES += (digest,)


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
    except UserError as error:
        print(f"redflag: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
