"""/worstclients [help | start … | close | results [period]]: vote, or (owners) run the poll."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.deps import Deps
from bot.errors import UserError
from bot.flows import ballots, locales, polls
from bot.i18n import Translator
from bot.views.poll import closing_text, help_text, period_text, unknown_text

T = TypeVar("T")


def handle_worstclients(ack: Ack, command: dict, client: WebClient, respond: Respond, context: dict) -> None:
    """Every answer is in the Slack language of whoever typed the command (it is theirs alone to see)."""
    deps = context["deps"]
    t = locales.for_user(deps, client, command["user_id"])
    word, _, rest = (command.get("text") or "").strip().partition(" ")
    subcommand = SUBCOMMANDS.get(word.lower())
    if subcommand is None:
        ack(text=unknown_text(word, t))
        return
    subcommand(ack, deps, t, client, respond, context["team_id"], command, rest)


def _checked(ack: Ack, t: Translator, compute: Callable[[], T]) -> T | None:
    """Run the fast checks before answering: a refusal or mistake becomes the command's answer."""
    try:
        return compute()
    except UserError as error:
        ack(text=t.text(error.message))
        return None


def vote(ack: Ack, deps: Deps, t: Translator, client: WebClient, respond: Respond, team_id: str, command: dict,
         rest: str) -> None:
    ack()
    view = ballots.ballot_view(deps, client, t, team_id=team_id, user_id=command["user_id"])
    client.views_open(trigger_id=command["trigger_id"], view=view)


def show_help(ack: Ack, deps: Deps, t: Translator, client: WebClient, respond: Respond, team_id: str, command: dict,
              rest: str) -> None:
    ack(text=help_text(t, owner=deps.is_owner(command["user_id"])))


def start(ack: Ack, deps: Deps, t: Translator, client: WebClient, respond: Respond, team_id: str, command: dict,
          rest: str) -> None:
    plan = _checked(ack, t, lambda: polls.plan_start(deps, t, team_id=team_id, user_id=command["user_id"], text=rest))
    if plan is None:
        return
    ack(text=t.gettext("Starting the {period} poll: finding who votes and sending the ballots…",
                       period=period_text(plan.period.label, t)))
    try:
        summary = polls.start_poll(deps, client, plan, t).summary(deps.settings.owners_channel, t)
    except UserError as error:  # answered here: Bolt turns a raise soon after ack() into a 404
        summary = t.text(error.message)
    respond(text=summary, response_type="ephemeral", replace_original=False)


def close(ack: Ack, deps: Deps, t: Translator, client: WebClient, respond: Respond, team_id: str, command: dict,
          rest: str) -> None:
    closed = _checked(ack, t, lambda: polls.close_open_poll(deps, team_id=team_id, user_id=command["user_id"]))
    if closed is None:
        return
    info, voted, eligible = closed
    ack(text=closing_text(info, t, voted=voted, eligible=eligible, owners_channel=deps.settings.owners_channel))
    try:
        polls.publish_results(deps, client, info.poll_id, now=deps.now())
    except SlackApiError as error:  # the polls.close job posts them on its next run
        respond(text=t.gettext("Slack refused the results post ({error}); they will be posted in a few minutes.",
                               error=str(error.response.get("error"))), response_type="ephemeral",
                replace_original=False)


def results(ack: Ack, deps: Deps, t: Translator, client: WebClient, respond: Respond, team_id: str, command: dict,
            rest: str) -> None:
    message = _checked(ack, t, lambda: polls.results_for(deps, t, team_id=team_id, user_id=command["user_id"],
                                                         text=rest))
    if message is not None:
        text, blocks = message
        ack(text=text, blocks=blocks or None, response_type="ephemeral")


SUBCOMMANDS = {"": vote, "vote": vote, "help": show_help, "start": start, "close": close, "results": results}
