"""Buttons of App Home and the digest: "Report a red flag" and a client's "Dossier"."""

from __future__ import annotations

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.errors import UserError
from bot.flows import dossier, locales, reports
from bot.i18n import N_

STALE_BUTTON = N_("That button no longer points at a client. Use `/client NAME` instead.")


def handle_report_open(ack: Ack, body: dict, client: WebClient, context: dict) -> None:
    ack()
    deps = context["deps"]
    view = reports.modal_for(deps, locales.for_user(deps, client, body["user"]["id"]), team_id=context["team_id"])
    client.views_open(trigger_id=body["trigger_id"], view=view)


def handle_dossier_open(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: dict) -> None:
    ack()
    deps, user_id, value = context["deps"], body["user"]["id"], action.get("value") or ""
    t = locales.for_user(deps, client, user_id)
    try:
        if not value.isdigit():
            raise UserError(STALE_BUTTON)
        view = dossier.dossier_for_id(deps, t, team_id=context["team_id"], user_id=user_id, client_id=int(value))
    except UserError as refusal:  # said here, not raised: see bot/listeners/commands/client.py
        if body.get("response_url"):
            respond(text=t.text(refusal.message), response_type="ephemeral", replace_original=False)
        else:  # App Home has no response_url
            client.chat_postMessage(channel=user_id, text=t.text(refusal.message))
        return
    client.views_open(trigger_id=body["trigger_id"], view=view)
