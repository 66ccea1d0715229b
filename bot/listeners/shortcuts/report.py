"""The "Report a red flag" shortcuts: global (empty modal) and on a message (pre-filled)."""

from __future__ import annotations

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.flows import locales, reports


def handle_report_global(ack: Ack, shortcut: dict, client: WebClient, context: dict) -> None:
    ack()
    deps = context["deps"]
    view = reports.modal_for(deps, locales.for_user(deps, client, shortcut["user"]["id"]), team_id=context["team_id"])
    client.views_open(trigger_id=shortcut["trigger_id"], view=view)


def handle_report_from_message(ack: Ack, shortcut: dict, client: WebClient, context: dict) -> None:
    ack()
    deps = context["deps"]
    t = locales.for_user(deps, client, shortcut["user"]["id"])
    message = shortcut.get("message") or {}
    text = message.get("text") or ""
    try:
        link = client.chat_getPermalink(channel=shortcut["channel"]["id"], message_ts=shortcut["message_ts"])["permalink"]
        text = f"{text}\n\n" + t.gettext("Original message: {link}", link=link)
    except (SlackApiError, KeyError):
        pass  # a private channel the bot is not in: the text alone still helps
    view = reports.modal_for(deps, t, team_id=context["team_id"], text=text, match_client=False)
    client.views_open(trigger_id=shortcut["trigger_id"], view=view)
