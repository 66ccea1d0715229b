"""`redflag team configure|show|delete T…`: one workspace's own settings, and deleting all it stored."""

from __future__ import annotations

import argparse

from bot.cli.common import open_database, open_deps
from bot.errors import UserError, ValidationFailed
from bot.flows.workspaces import TeamSetting, configure_team, installed_teams, team_view
from storage.teams import delete_team_data

# Settings field → (option of `team configure`, its environment variable, what the option takes)
OPTIONS = {
    "owner_user_ids": ("--owners", "OWNER_USER_IDS", "U1,U2"),
    "owners_channel": ("--owners-channel", "OWNERS_CHANNEL", "C…"),
    "staff_channel": ("--staff-channel", "STAFF_CHANNEL", "C…"),
    "poll_voter_ids": ("--poll-voters", "POLL_VOTER_IDS", "U1,U2"),
    "timezone": ("--timezone", "TIMEZONE", "ZONE"),
    "language": ("--language", "LANGUAGE", "LANG"),
    "digest_day": ("--digest-day", "DIGEST_DAY", "DAY"),
    "digest_time": ("--digest-time", "DIGEST_TIME", "HH:MM"),
}


def add_commands(sub: argparse._SubParsersAction) -> None:
    team = sub.add_parser("team", help="workspace-level settings and data")
    tsub = team.add_subparsers(dest="team_command", required=True, metavar="ACTION")
    configure = tsub.add_parser("configure", help="set this workspace's own owners, channels, time zone and digest "
                                                  "slot (instead of the global settings); \"\" puts one back")
    configure.add_argument("team_id", type=_team_id, help="the workspace id, T…")
    for name, (option, var, metavar) in OPTIONS.items():
        configure.add_argument(option, dest=name, metavar=metavar, help=f"instead of {var}")
    configure.set_defaults(run=run_configure)
    show = tsub.add_parser("show", help="the settings one workspace runs on, and which are its own")
    show.add_argument("team_id", type=_team_id, help="the workspace id, T…")
    show.set_defaults(run=run_show)
    delete = tsub.add_parser("delete", help="delete ALL data of one workspace: clients, reports, polls, invoices, "
                                            "alerts, digests, its settings and its Slack tokens")
    delete.add_argument("team_id", type=_team_id, help="the workspace id, T…")
    delete.add_argument("--yes", action="store_true", help="really delete (without it, only count what would go)")
    delete.set_defaults(run=run_delete)


def _team_id(text: str) -> str:
    if not (text[:1] in ("T", "E") and text.isalnum()):
        raise argparse.ArgumentTypeError(f"“{text}” is not a workspace id (they start with T)")
    return text


def run_configure(args: argparse.Namespace) -> int:
    changes = {name: value for name in OPTIONS if (value := getattr(args, name)) is not None}
    if not changes:
        raise UserError(f"nothing to change: give at least one of {', '.join(o for o, _, _ in OPTIONS.values())}")
    deps = open_deps()
    try:
        shown = configure_team(deps, args.team_id, changes)
    except ValidationFailed as error:
        lines = [f"  {OPTIONS[name][0] if name in OPTIONS else name}: {problem}" for name, problem in error.problems.items()]
        raise UserError(f"nothing was changed for workspace {args.team_id}:\n" + "\n".join(lines)) from None
    print(f"workspace {args.team_id} updated")
    _print(shown)
    return 0


def run_show(args: argparse.Namespace) -> int:
    deps = open_deps()
    installed = installed_teams(deps)
    note = "" if installed is None else " (installed)" if args.team_id in installed else " (not installed)"
    print(f"workspace {args.team_id}{note}")
    _print(team_view(deps, args.team_id))
    return 0


def _print(settings: list[TeamSetting]) -> None:
    for setting in settings:
        option, var, _ = OPTIONS[setting.field]
        source = "this workspace's" if setting.own else f"global {var}"
        print(f"  {option.removeprefix('--'):<15} {setting.value or '—':<30} {source}")


def run_delete(args: argparse.Namespace) -> int:
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
