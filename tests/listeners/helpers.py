"""Small helpers for listener tests: open the report modal and submit it with answers."""

from __future__ import annotations

from typing import Any

from bot.sandbox.forms import fill
from bot.views.ids import Block, Command


def open_report_modal(slack, fake_slack, *, user_id: str, text: str = "") -> dict[str, Any]:  # type: ignore[no-untyped-def]
    before = len(fake_slack.calls("views.open"))
    assert slack.command(Command.REDFLAG, text, user_id=user_id).status == 200
    return fake_slack.wait_for("views.open", before + 1)[-1].params["view"]


def valid_answers(client: tuple[str, str], **overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        Block.REPORT_CLIENT: client,
        Block.REPORT_CATEGORIES: ["abusive"],
        Block.REPORT_SEVERITY: "concern",
        Block.REPORT_DESCRIPTION: "Shouted at the helpdesk for ten minutes.",
    }
    answers.update({getattr(Block, k): v for k, v in overrides.items()})
    return answers


def submit(slack, view: dict[str, Any], answers: dict[str, Any], *, user_id: str, view_id: str = "V1"):  # type: ignore[no-untyped-def]
    return slack.submit(view, fill(view, answers), user_id=user_id, view_id=view_id)
