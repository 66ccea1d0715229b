"""`redflag digest preview|send|status` and `redflag clock` (the scheduler process)."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from bot.cli.common import add_team_option, open_deps, open_team
from bot.deps import Deps
from bot.domain.schedule import parse_week, week_of
from bot.errors import UserError
from bot.i18n import N_, Translator
from bot.settings import load_settings



def add_commands(sub: argparse._SubParsersAction) -> None:
    digest = sub.add_parser("digest", help="the owners' weekly digest")
    dsub = digest.add_subparsers(dest="digest_command", required=True, metavar="ACTION")
    preview = dsub.add_parser("preview", help="print a week's digest without sending it")
    preview.add_argument("--json", action="store_true", help="print the Block Kit JSON instead of readable text")
    preview.add_argument("--chart", type=Path, metavar="FILE.png", help="also write the Pareto chart here")
    preview.set_defaults(run=run_preview)
    send = dsub.add_parser("send", help="send a week's digest to OWNERS_CHANNEL now (once per week)")
    send.add_argument("--force", action="store_true", help="send even if that week's digest is recorded as sent")
    send.set_defaults(run=run_send)
    status = dsub.add_parser("status", help="the last weekly digests: sent, failed, skipped or in doubt")
    status.set_defaults(run=run_status)
    for parser in (preview, send):
        parser.add_argument("--week", type=_week, help="ISO week such as 2026-W48 (default: this week)")
    for parser in (preview, send, status):
        add_team_option(parser)
    clock = sub.add_parser("clock", help="run the scheduled jobs (weekly digest, payment alerts, …); one per deployment")
    clock.set_defaults(run=run_clock)


def _week(text: str) -> str:
    try:
        return parse_week(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def run_preview(args: argparse.Namespace) -> int:
    from bot.flows.digest import render_week
    from bot.sandbox.render import blocks_to_text

    deps, t = open_team(args)
    now = deps.now()
    week = args.week or week_of(now, deps.settings.tz)
    rendered = render_week(deps, team_id=deps.team_id, week=week, now=now)
    if args.json:
        print(json.dumps({"text": rendered.text, "blocks": rendered.blocks}, indent=2, ensure_ascii=False))
    else:
        print(blocks_to_text(rendered.blocks, t=t))
    if args.chart:
        if rendered.chart is None:
            raise UserError(N_("no chart this week: it needs clients with a monthly revenue (mrr) and red flags"))
        args.chart.write_bytes(rendered.chart)
        print("\n" + t.gettext("chart written to {file}", file=str(args.chart)))
    return 0


def run_send(args: argparse.Namespace) -> int:
    from bot.app import make_web_client
    from bot.flows.digest_delivery import Outcome, deliver, send_unrecorded

    deps, t = open_team(args)
    client = make_web_client(deps.settings, token=_bot_token(deps))
    if not deps.settings.owners_channel:
        raise UserError(N_("workspace {team} has no owners' channel: set OWNERS_CHANNEL, or "
                           "`redflag team configure {team} --owners-channel C…`", team=deps.team_id))
    now = deps.now()
    week = args.week or week_of(now, deps.settings.tz)
    team = deps.team_id
    if args.force:
        delivery = send_unrecorded(deps, client, team_id=team, week=week, now=now)
    else:
        delivery = deliver(deps, client, team_id=team, week=week, now=now, revive_skipped=True)
    if delivery.outcome is Outcome.TAKEN:
        raise UserError(N_("{problem}. Check the owners' channel; `--force` sends it again.",
                           problem=delivery.message))
    if delivery.outcome is not Outcome.SENT:
        raise UserError(delivery.message)
    print(t.text(delivery.message))
    return 0


def _bot_token(deps: Deps) -> str:
    """SLACK_BOT_TOKEN, or in multi-workspace mode the token the workspace got when it installed the app."""
    if not deps.settings.oauth_enabled:
        deps.settings.require("slack_bot_token")
        return deps.settings.slack_bot_token or ""
    from storage.workspaces import installed_bot_tokens

    with deps.session_factory() as session:
        token = installed_bot_tokens(session, client_id=deps.settings.slack_client_id or "").get(deps.team_id)
    if not token:
        raise UserError(N_("workspace {team} has not installed the app (or uninstalled it): no bot token",
                           team=deps.team_id))
    return token


def run_status(args: argparse.Namespace) -> int:
    from storage.digests import list_runs

    deps, t = open_team(args)
    with deps.session_factory() as session:
        found = list_runs(session, team_id=deps.team_id)
    for run in found:
        print(status_line(run, t, deps))
    if not found:
        print(t.gettext("no digest sent yet"))
    return 0


def status_line(run, t: Translator, deps: Deps) -> str:  # type: ignore[no-untyped-def]
    """One digest run: week, status, when it was sent (in the workspace's zone), attempts, Slack's error."""
    from bot.flows.digest_delivery import status_word

    status = t.text(status_word(run.status))
    when = t.datetime(run.sent_at.astimezone(deps.settings.tz), format="EEE d MMM HH:mm") if run.sent_at else ""
    attempts = t.ngettext("{n} attempt", "{n} attempts", run.attempts)
    line = f"{run.week}  {status:<8} {when:<16} {attempts}  {run.error or ''}"
    if run.status == "posting":
        line += "  " + t.gettext("(in doubt: it may or may not have reached Slack; check the channel)")
    return line


def run_clock(args: argparse.Namespace) -> int:
    from bot.app import check_credentials, make_web_client
    from bot.jobs.scheduler import build_scheduler

    settings = load_settings()
    check_credentials(settings, socket_mode=True)  # the clock answers no Slack requests: no signing secret
    client = None
    if not settings.oauth_enabled:  # one workspace: ask Slack which, once, rather than on every tick
        client = make_web_client(settings)
        settings = settings.model_copy(update={"slack_team_id": settings.slack_team_id or client.auth_test()["team_id"]})
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    scheduler = build_scheduler(open_deps(settings), client)
    print(f"clock: running {', '.join(job.id for job in scheduler.get_jobs())} (Ctrl-C stops)", flush=True)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    return 0
