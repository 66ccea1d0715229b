"""What several subcommands share: settings, the database, which Slack team they act for, and its language.

What a command prints for owners (summaries, per-line errors, confirmations) is in the workspace's
LANGUAGE (`locales.for_team`); argparse help and configuration errors are for operators, in English.
"""

from __future__ import annotations

import argparse

from bot.deps import Deps
from bot.errors import UserError
from bot.flows import locales
from bot.i18n import Translator
from bot.settings import Settings, load_settings
from storage.db import make_engine, make_session_factory


def add_team_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--team", help="Slack team (workspace) id, T…; default SLACK_TEAM_ID")


def team_of(args: argparse.Namespace, settings: Settings) -> str:
    team = getattr(args, "team", None) or settings.slack_team_id
    if not team:
        raise UserError("which workspace? Set SLACK_TEAM_ID (your workspace id, T…) or pass --team T…")
    return team


def open_deps(settings: Settings | None = None) -> Deps:
    """The global deps (settings from the environment); `.for_team(team)` gives one workspace's."""
    settings = settings or load_settings()
    engine = make_engine(settings.database_url)
    return Deps(settings=settings, engine=engine, session_factory=make_session_factory(engine))


def open_team(args: argparse.Namespace) -> tuple[Deps, Translator]:
    """The deps of the workspace the command acts for (--team or SLACK_TEAM_ID, with its own settings)
    and the language to print in."""
    deps = open_deps()
    deps = deps.for_team(team_of(args, deps.settings))
    return deps, speak(args, deps)


def speak(args: argparse.Namespace, deps: Deps) -> Translator:
    """The workspace's language (its LANGUAGE) for what the command prints; a UserError the command raises
    afterwards is shown in it too (`bot.cli.main` reads `args.translator`)."""
    args.translator = locales.for_team(deps)
    return args.translator
