"""/redflag [client] [what happened] — opens the report modal, pre-filled from the text."""

from __future__ import annotations

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.errors import DATABASE_DOWN
from bot.flows import locales, reports
from storage.db import UNAVAILABLE


def handle_redflag(ack: Ack, command: dict, client: WebClient, context: dict) -> None:
    # The modal is built before the ack (about 2 ms of CPU; benchmarks/, ack): acking first gave the same
    # ack times and a later views.open under load. A database outage is answered in the ack.
    deps = context["deps"]
    t = locales.for_user(deps, client, command["user_id"])
    try:
        view = reports.modal_for(deps, t, team_id=context["team_id"], text=command.get("text") or "")
    except UNAVAILABLE:
        ack(t.text(DATABASE_DOWN))
        return
    ack()
    client.views_open(trigger_id=command["trigger_id"], view=view)
