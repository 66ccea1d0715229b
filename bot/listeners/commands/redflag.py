"""/redflag [client] [what happened] — opens the report modal, pre-filled from the text."""

from __future__ import annotations

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.flows import reports


def handle_redflag(ack: Ack, command: dict, client: WebClient, context: dict) -> None:
    # Ack first: building the modal reads the directory, and Slack's 3 s include the trip to views.open.
    # A database outage after the ack reaches the user through the error handler (bot/app.py).
    ack()
    view = reports.modal_for(context["deps"], team_id=context["team_id"], text=command.get("text") or "")
    client.views_open(trigger_id=command["trigger_id"], view=view)
