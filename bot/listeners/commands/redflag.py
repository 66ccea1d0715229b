"""/redflag [client] [what happened] — opens the report modal, pre-filled from the text."""

from __future__ import annotations

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.errors import DATABASE_DOWN
from bot.flows import reports
from storage.db import UNAVAILABLE


def handle_redflag(ack: Ack, command: dict, client: WebClient, context: dict) -> None:
    # The modal is built before ack (a few ms) so that a database outage is answered in the ack
    # itself: an exception right after ack() can make Bolt 1.30 drop the ack and answer 404.
    try:
        view = reports.modal_for(context["deps"], team_id=context["team_id"], text=command.get("text") or "")
    except UNAVAILABLE:
        ack(DATABASE_DOWN)
        return
    ack()
    client.views_open(trigger_id=command["trigger_id"], view=view)
