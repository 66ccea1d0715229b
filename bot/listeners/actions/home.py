"""Buttons of App Home and the digest: "Report a red flag" and a client's "Dossier"."""

from __future__ import annotations

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.errors import UserError
from bot.flows import dossier, reports


def handle_report_open(ack: Ack, body: dict, client: WebClient, context: dict) -> None:
    ack()
    view = reports.modal_for(context["deps"], team_id=context["team_id"])
    client.views_open(trigger_id=body["trigger_id"], view=view)


def handle_dossier_open(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
    ack()
    value = action.get("value") or ""
    if not value.isdigit():
        raise UserError("That button no longer points at a client. Use `/client NAME` instead.")
    view = dossier.dossier_for_id(context["deps"], team_id=context["team_id"], user_id=body["user"]["id"],
                                  client_id=int(value))
    client.views_open(trigger_id=body["trigger_id"], view=view)
