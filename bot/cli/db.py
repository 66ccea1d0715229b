"""`redflag db upgrade`: create or migrate the database at DATABASE_URL."""

from __future__ import annotations

import argparse

from bot.settings import load_settings
from storage.migrate import upgrade


def add_commands(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = db_sub.add_parser("upgrade", help="apply all migrations to DATABASE_URL")
    up.set_defaults(run=run_upgrade)


def run_upgrade(args: argparse.Namespace) -> int:
    settings = load_settings()
    upgrade(settings.database_url)
    print(f"database at {settings.database_url} is up to date")
    return 0
