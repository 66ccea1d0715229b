"""Buttons of App Home and the digest: "Report a red flag", a client's "Dossier", and the owners' "Preview this
week's digest"."""

from __future__ import annotations

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.errors import DATABASE_DOWN_READING, UserError
from bot.flows import dossier, home, locales, reports
from bot.flows.loading import open_then_fill
from bot.i18n import N_
from bot.views.home import preview_loading
from storage.db import UNAVAILABLE

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
        if not (value.isascii() and value.isdigit()):
            raise UserError(STALE_BUTTON)
        target = dossier.target_for_id(deps, team_id=context["team_id"], user_id=user_id, client_id=int(value))
    except UserError as refusal:  # said here, not raised: see bot/listeners/commands/client.py
        _refuse(t.text(refusal.message), body=body, client=client, respond=respond)
        return
    except UNAVAILABLE:
        _refuse(t.text(DATABASE_DOWN_READING), body=body, client=client, respond=respond)
        return
    dossier.show(deps, client, t, team_id=context["team_id"], trigger_id=body["trigger_id"], target=target)


def handle_digest_preview(ack: Ack, body: dict, client: WebClient, respond: Respond, context: dict) -> None:
    """This week's digest so far, in the clicking owner's language: a loading modal while the trigger is fresh,
    then the digest (or why there is none) in it. Anyone else is refused and no modal opens."""
    ack()
    deps, user_id = context["deps"], body["user"]["id"]
    t = locales.for_user(deps, client, user_id)
    try:
        home.check_preview(deps, user_id)
    except UserError as refusal:
        _refuse(t.text(refusal.message), body=body, client=client, respond=respond)
        return
    open_then_fill(client, trigger_id=body["trigger_id"], loading=preview_loading(t),
                   what="digest preview",  # untranslated: for the log
                   fill=lambda: home.digest_preview_or_reason(deps, t, team_id=context["team_id"], user_id=user_id))


def _refuse(text: str, *, body: dict, client: WebClient, respond: Respond) -> None:
    """Only to the person who clicked: ephemeral where Slack gave a response_url, else by DM (App Home has none)."""
    if body.get("response_url"):
        respond(text=text, response_type="ephemeral", replace_original=False)
    else:
        client.chat_postMessage(channel=body["user"]["id"], text=text)
