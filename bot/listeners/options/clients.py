"""The client type-ahead: answers Slack's options load requests for every client picker."""

from __future__ import annotations

from slack_bolt import Ack

from bot.flows import clients


def handle_client_options(ack: Ack, body: dict, context: dict) -> None:
    answer = clients.picker_options(context["deps"], team_id=context["team_id"], typed=body.get("value") or "")
    ack(**answer)
