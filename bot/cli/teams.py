"""`redflag team configure|show|delete T…`: one workspace's own settings, and deleting all it stored."""

from __future__ import annotations

import argparse

from bot.cli.common import open_deps, speak
from bot.errors import UserError, ValidationFailed
from bot.flows.workspaces import TeamSetting, configure_team, installed_teams, team_view
from bot.i18n import N_, Translator
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
    "risk_half_life_days": ("--risk-half-life-days", "RISK_HALF_LIFE_DAYS", "DAYS"),
    "digest_show_reporters": ("--show-reporters", "DIGEST_SHOW_REPORTERS", "true|false"),
    "lateness_alert_days": ("--lateness-alert-days", "LATENESS_ALERT_DAYS", "DAYS"),
    "strict_payer_policy": ("--strict-payer-policy", "STRICT_PAYER_POLICY", "true|false"),
    "lateness_worsening_days": ("--lateness-worsening-days", "LATENESS_WORSENING_DAYS", "DAYS"),
    "poll_anonymity_threshold": ("--poll-anonymity-threshold", "POLL_ANONYMITY_THRESHOLD", "N"),
    "poll_reminder_days": ("--poll-reminder-days", "POLL_REMINDER_DAYS", "DAYS"),
    "poll_duration_days": ("--poll-duration-days", "POLL_DURATION_DAYS", "DAYS"),
    "poll_auto_open": ("--poll-auto-open", "POLL_AUTO_OPEN", "SCHEDULE"),
}


def add_commands(sub: argparse._SubParsersAction) -> None:
    team = sub.add_parser("team", help="workspace-level settings and data")
    tsub = team.add_subparsers(dest="team_command", required=True, metavar="ACTION")
    configure = tsub.add_parser("configure", help="set this workspace's own owners, channels, time zone, digest "
                                                  "slot, language, and lateness, risk and poll policies (instead of "
                                                  "the global settings); \"\" puts one back")
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
    deps = open_deps()
    t = speak(args, deps.for_team(args.team_id))
    if not changes:
        raise UserError(N_("nothing to change: give at least one of {options}",
                           options=", ".join(o for o, _, _ in OPTIONS.values())))
    try:
        shown = configure_team(deps, args.team_id, changes)
    except ValidationFailed as error:  # the problems come from the settings' validators, in English
        lines = [f"  {OPTIONS[name][0] if name in OPTIONS else name}: {t.text(problem)}"
                 for name, problem in error.problems.items()]
        raise UserError(t.gettext("nothing was changed for workspace {team}:", team=args.team_id) + "\n"
                        + "\n".join(lines)) from None
    t = speak(args, deps.for_team(args.team_id))  # in the language just set, if --language changed it
    print(t.gettext("workspace {team} updated", team=args.team_id))
    _print(shown, t)
    return 0


def run_show(args: argparse.Namespace) -> int:
    deps = open_deps()
    t = speak(args, deps.for_team(args.team_id))
    installed = installed_teams(deps)
    if installed is None:
        print(t.gettext("workspace {team}", team=args.team_id))
    elif args.team_id in installed:
        print(t.gettext("workspace {team} (installed)", team=args.team_id))
    else:
        print(t.gettext("workspace {team} (not installed)", team=args.team_id))
    _print(team_view(deps, args.team_id), t)
    return 0


def _print(settings: list[TeamSetting], t: Translator) -> None:
    for setting in settings:
        option, var, _ = OPTIONS[setting.field]
        source = t.gettext("this workspace's") if setting.own else t.gettext("global {variable}", variable=var)
        print(f"  {option.removeprefix('--'):<24} {setting.value or '—':<30} {source}")


def run_delete(args: argparse.Namespace) -> int:
    deps = open_deps()
    t = speak(args, deps.for_team(args.team_id))  # read before its settings go
    session = deps.session_factory()
    try:
        deleted = delete_team_data(session, team_id=args.team_id)
        if args.yes:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()
    total = sum(deleted.values())
    detail = ", ".join(f"{t.number(n)} {table}" for table, n in sorted(deleted.items())) or t.gettext("nothing")
    if args.yes:
        print(t.ngettext("deleted {n} row of workspace {team}: {detail}", "deleted {n} rows of workspace {team}: "
                         "{detail}", total, team=args.team_id, detail=detail))
    else:
        print(t.ngettext("would delete {n} row of workspace {team}: {detail}. Run again with --yes to delete.",
                         "would delete {n} rows of workspace {team}: {detail}. Run again with --yes to delete.",
                         total, team=args.team_id, detail=detail))
    return 0
