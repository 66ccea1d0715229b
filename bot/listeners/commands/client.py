"""/client <name> — an owner's client dossier in a modal; anyone else gets a polite refusal.

Refusals and "no such client" are the ack's text (only the person who typed the
command sees it). Not ack() then raise: when a listener raises within Bolt's
10 ms ack poll, Bolt 1.30's thread runner resets the ack and Slack gets a 404
after 3 seconds.
"""

from __future__ import annotations

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.errors import UserError
from bot.flows import dossier, locales


def handle_client(ack: Ack, command: dict, client: WebClient, context: dict) -> None:
    deps = context["deps"]
    t = locales.for_user(deps, client, command["user_id"])  # the dossier and any refusal: in their own language
    try:
        view = dossier.dossier_for_text(deps, t, team_id=context["team_id"], user_id=command["user_id"],
                                        text=command.get("text") or "")
    except UserError as refusal:
        ack(text=t.text(refusal.message))
        return
    ack()
    client.views_open(trigger_id=command["trigger_id"], view=view)
