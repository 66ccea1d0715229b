"""The ballot's client type-ahead: existing clients only (a ballot never creates a client)."""

from __future__ import annotations

from slack_bolt import Ack

from bot.flows import clients


def handle_poll_client_options(ack: Ack, body: dict, context: dict) -> None:
    ack(**clients.picker_options(context["deps"], team_id=context["team_id"], typed=body.get("value") or "",
                                 allow_new=False))
