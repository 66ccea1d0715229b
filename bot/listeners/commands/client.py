"""/client <name> — an owner's client dossier in a modal; anyone else gets a polite refusal."""

from __future__ import annotations

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.flows import dossier


def handle_client(ack: Ack, command: dict, client: WebClient, context: dict) -> None:
    ack()
    view = dossier.dossier_for_text(context["deps"], team_id=context["team_id"], user_id=command["user_id"],
                                    text=command.get("text") or "")
    client.views_open(trigger_id=command["trigger_id"], view=view)
