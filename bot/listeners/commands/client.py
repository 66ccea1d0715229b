"""/client <name> — an owner's client dossier in a modal; anyone else gets a polite refusal.

Refusals and "no such client" are the ack's text (only the person who typed the
command sees it). Not ack() then raise: when a listener raises within Bolt's
10 ms ack poll, Bolt 1.30's thread runner resets the ack and Slack gets a 404
after 3 seconds. Those cheap checks come first; then a loading modal opens while
the trigger is fresh, and the dossier replaces it once gathered (flows.dossier.show).
"""

from __future__ import annotations

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.errors import DATABASE_DOWN_READING, UserError
from bot.flows import dossier, locales
from storage.db import UNAVAILABLE


def handle_client(ack: Ack, command: dict, client: WebClient, context: dict) -> None:
    deps, team_id = context["deps"], context["team_id"]
    t = locales.for_user(deps, client, command["user_id"])  # the dossier and any refusal: in their own language
    try:
        target = dossier.target_for_text(deps, team_id=team_id, user_id=command["user_id"],
                                         text=command.get("text") or "")
    except UserError as refusal:
        ack(text=t.text(refusal.message))
        return
    except UNAVAILABLE:
        ack(text=t.text(DATABASE_DOWN_READING))
        return
    ack()
    dossier.show(deps, client, t, team_id=team_id, trigger_id=command["trigger_id"], target=target)
