"""Submission of the worst-clients ballot: inline errors, or store and say thanks (or that it closed)."""

from __future__ import annotations

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.domain.ballots import PickInput
from bot.domain.ranking import MAX_PICKS
from bot.errors import ValidationFailed
from bot.flows import ballots, locales
from bot.listeners.state import Values, text_value
from bot.views.ids import Action, Block
from bot.views.poll import rank_block, why_block

PROBLEM_BLOCKS = {"rank": Block.POLL_RANK, "why": Block.POLL_WHY}


def read_ballot(values: Values) -> list[PickInput]:
    picks = []
    for rank in range(1, MAX_PICKS + 1):
        option = (values.get(rank_block(rank), {}).get(Action.POLL_CLIENT_PICK) or {}).get("selected_option")
        why = text_value(values, why_block(rank), Action.POLL_WHY)
        value, label = (option.get("value") or "", (option.get("text") or {}).get("text", "")) if option else ("", "")
        if not value:
            picks.append(PickInput(None, why=why))
        else:
            picks.append(PickInput(int(value), label, why) if value.isdigit() else PickInput(None, label, why, unreadable=True))
    return picks


def handle_ballot_submission(ack: Ack, body: dict, view: dict, client: WebClient, context: dict) -> None:
    deps, user_id = context["deps"], body["user"]["id"]
    t = locales.for_user(deps, client, user_id)
    poll_id = int(view.get("private_metadata") or 0)
    try:
        answer = ballots.cast_ballot(deps, t, team_id=context["team_id"], user_id=user_id, poll_id=poll_id,
                                     picks=read_ballot(view["state"]["values"]))
    except ValidationFailed as failed:
        errors = {}
        for key, message in failed.problems.items():
            kind, _, rank = key.partition(".")
            errors[f"{PROBLEM_BLOCKS[kind]}.{rank}"] = t.text(message)
        ack(response_action="errors", errors=errors)
        return
    ack(response_action="update", view=answer)
