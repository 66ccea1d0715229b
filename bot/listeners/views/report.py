"""Submission of the report modal: inline errors, or store, confirm and alert owners."""

from __future__ import annotations

import logging

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.reports import ReportInput
from bot.domain.severity import Severity
from bot.errors import ValidationFailed
from bot.flows import locales, reports
from bot.i18n import N_, Translator
from bot.listeners.state import Values, selected_date, selected_value, selected_values, text_value
from bot.views.ids import ANONYMOUS_VALUE, NEW_CLIENT_PREFIX, Action, Block
from bot.views.report import (
    REPORT_NOT_SAVED,
    FiledReport,
    dealbreaker_alert,
    owners_not_alerted,
    report_confirmation,
    report_not_saved,
)
from storage.db import UNAVAILABLE

log = logging.getLogger(__name__)

FIELD_BLOCKS = {
    "client": Block.REPORT_CLIENT,
    "categories": Block.REPORT_CATEGORIES,
    "severity": Block.REPORT_SEVERITY,
    "description": Block.REPORT_DESCRIPTION,
    "when": Block.REPORT_WHEN,
}


def read_report_form(values: Values) -> ReportInput:
    picked = selected_value(values, Block.REPORT_CLIENT, Action.CLIENT_PICK) or ""
    client_id, new_name, problems = None, None, {}
    if picked.startswith(NEW_CLIENT_PREFIX):
        new_name = picked.removeprefix(NEW_CLIENT_PREFIX)
    elif picked:
        if picked.isascii() and picked.isdigit() and len(picked) <= 18:  # a database id: not "²", not 40 digits
            client_id = int(picked)
        else:
            problems["client"] = N_("That client choice is not valid any more. Pick the client again.")
    return ReportInput(
        client_id=client_id,
        new_client_name=new_name,
        categories=tuple(selected_values(values, Block.REPORT_CATEGORIES, Action.REPORT_CATEGORIES)),
        severity=selected_value(values, Block.REPORT_SEVERITY, Action.REPORT_SEVERITY),
        description=text_value(values, Block.REPORT_DESCRIPTION, Action.REPORT_DESCRIPTION),
        occurred_on=selected_date(values, Block.REPORT_WHEN, Action.REPORT_WHEN),
        anonymous=ANONYMOUS_VALUE in selected_values(values, Block.REPORT_ANONYMOUS, Action.REPORT_ANONYMOUS),
        problems=problems,
    )


def handle_report_submission(ack: Ack, body: dict, view: dict, client: WebClient, context: dict) -> None:
    deps, user_id = context["deps"], body["user"]["id"]
    t = locales.for_user(deps, client, user_id)
    form = read_report_form((view.get("state") or {}).get("values") or {})
    try:
        filed, created = reports.file_report(
            deps, team_id=context["team_id"], user_id=user_id, form=form, submission_key=view.get("id")
        )
    except ValidationFailed as failed:
        ack(response_action="errors", errors={FIELD_BLOCKS[k]: t.text(v) for k, v in failed.problems.items()})
        return
    except UNAVAILABLE:
        # Keep the modal open with everything typed, and DM the text as a copy.
        ack(response_action="errors", errors={Block.REPORT_DESCRIPTION: t.text(REPORT_NOT_SAVED)})
        text, blocks = report_not_saved(form.description, t)
        client.chat_postMessage(channel=user_id, text=text, blocks=blocks)
        return
    ack()
    if created:
        announce(client, filed, user_id=user_id, owners_channel=deps.settings.owners_channel, t=t,
                 owners_t=locales.for_team(deps))


def announce(client: WebClient, filed: FiledReport, *, user_id: str, owners_channel: str | None, t: Translator,
             owners_t: Translator) -> None:
    """Confirm privately to the reporter (in their language); alert the owners' channel (in the workspace's)
    at once for a dealbreaker."""
    text, blocks = report_confirmation(filed, t)
    client.chat_postMessage(channel=user_id, text=text, blocks=blocks)
    if filed.severity is Severity.DEALBREAKER and owners_channel:
        text, blocks = dealbreaker_alert(filed, owners_t)
        try:
            client.chat_postMessage(channel=owners_channel, text=text, blocks=blocks)
        except SlackApiError as error:  # e.g. the bot is not in the owners' channel: say so, don't hide it
            log.error("dealbreaker alert not posted: %s", error.response.get("error"))
            client.chat_postMessage(channel=user_id, text=owners_not_alerted(str(error.response.get("error")), t))
