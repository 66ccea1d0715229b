"""What several subcommands share: settings, the database, and which Slack team they act for."""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session, sessionmaker

from bot.deps import Deps
from bot.errors import UserError
from bot.settings import Settings, load_settings
from storage.db import make_engine, make_session_factory


def add_team_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--team", help="Slack team (workspace) id, T…; default SLACK_TEAM_ID")


def team_of(args: argparse.Namespace, settings: Settings) -> str:
    team = getattr(args, "team", None) or settings.slack_team_id
    if not team:
        raise UserError("which workspace? Set SLACK_TEAM_ID (your workspace id, T…) or pass --team T…")
    return team


def open_database(settings: Settings | None = None) -> tuple[Settings, sessionmaker[Session]]:
    settings = settings or load_settings()
    return settings, make_session_factory(make_engine(settings.database_url))


def open_deps(settings: Settings | None = None) -> Deps:
    """The global deps (settings from the environment); `.for_team(team)` gives one workspace's."""
    settings = settings or load_settings()
    engine = make_engine(settings.database_url)
    return Deps(settings=settings, engine=engine, session_factory=make_session_factory(engine))
