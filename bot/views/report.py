"""Block Kit for red-flag reports: the modal, the owners' alert and the confirmation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from slack_sdk.models.blocks import (
    CheckboxesElement,
    ContextBlock,
    DatePickerElement,
    ExternalDataSelectElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
    StaticMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.severity import Severity
from bot.views.ids import ANONYMOUS_VALUE, Action, Block, Callback
from bot.views.limits import SECTION_TEXT
from bot.views.text import escape, excerpt, quote_within

DESCRIPTION_MAX = 3000
WHAT_HAPPENED = "*What happened*\n"
ANONYMOUS_MEANS = (
    "Anonymous means your Slack account is not stored with this report at all: "
    "owners see the report, never who filed it, and you won't see it under your reports."
)
SEVERITY_EMOJI = {Severity.NOTE: ":large_yellow_circle:", Severity.CONCERN: ":large_orange_circle:", Severity.DEALBREAKER: ":red_circle:"}


@dataclass(frozen=True)
class ModalPrefill:
    """What the modal opens with: a client already picked, a description, today's date."""

    today: date
    client: tuple[int, str] | None = None  # (id, name)
    description: str = ""


@dataclass(frozen=True)
class FiledReport:
    """A stored report as the messages show it."""

    report_id: int
    client_name: str
    categories: Sequence[str]  # labels
    severity: Severity
    description: str
    occurred_on: date
    reporter_user_id: str | None  # None when anonymous


def client_option(client_id: int, name: str) -> Option:
    return Option(value=str(client_id), text=PlainTextObject(text=excerpt(name, 75), emoji=False))


def report_modal(categories: Sequence[tuple[str, str]], prefill: ModalPrefill) -> View:
    """The /redflag modal. `categories` are (key, label) pairs in display order."""
    client_select = ExternalDataSelectElement(
        action_id=Action.CLIENT_PICK,
        placeholder="Type a client's name",
        min_query_length=0,
        initial_option=client_option(*prefill.client) if prefill.client else None,
    )
    blocks = [
        InputBlock(
            block_id=Block.REPORT_CLIENT,
            label="Client",
            element=client_select,
            hint="Type to search names and aliases. Not in the list? Type the full name and pick “Add … as a new client”.",
        ),
        InputBlock(
            block_id=Block.REPORT_CATEGORIES,
            label="What kind of problem",
            element=StaticMultiSelectElement(
                action_id=Action.REPORT_CATEGORIES,
                placeholder="Pick one or more",
                options=[Option(value=key, text=PlainTextObject(text=label, emoji=False)) for key, label in categories],
            ),
        ),
        InputBlock(
            block_id=Block.REPORT_SEVERITY,
            label="How bad is it",
            element=RadioButtonsElement(
                action_id=Action.REPORT_SEVERITY,
                options=[
                    Option(value=s.value, label=s.label, description=s.explanation) for s in Severity
                ],
            ),
        ),
        InputBlock(
            block_id=Block.REPORT_DESCRIPTION,
            label="What happened",
            element=PlainTextInputElement(
                action_id=Action.REPORT_DESCRIPTION,
                multiline=True,
                max_length=DESCRIPTION_MAX,
                initial_value=prefill.description[:DESCRIPTION_MAX] or None,
                placeholder="Facts first: what was said or done, by whom, and what it cost the team.",
            ),
        ),
        InputBlock(
            block_id=Block.REPORT_WHEN,
            label="When",
            element=DatePickerElement(action_id=Action.REPORT_WHEN, initial_date=prefill.today.isoformat()),
            hint="The day it happened. Not in the future.",
        ),
        InputBlock(
            block_id=Block.REPORT_ANONYMOUS,
            label="Anonymity",
            optional=True,
            element=CheckboxesElement(
                action_id=Action.REPORT_ANONYMOUS,
                options=[Option(value=ANONYMOUS_VALUE, label="Post anonymously")],
            ),
            hint=ANONYMOUS_MEANS,
        ),
    ]
    return View(
        type="modal",
        callback_id=Callback.REPORT,
        title="Report a red flag",
        submit="File report",
        close="Cancel",
        blocks=blocks,
    )


def _report_fields(report: FiledReport) -> list[SectionBlock | ContextBlock]:
    who = "anonymous" if report.reporter_user_id is None else f"<@{report.reporter_user_id}>"
    return [
        SectionBlock(
            fields=[
                MarkdownTextObject(text=f"*Client*\n{escape(report.client_name)}"),
                MarkdownTextObject(text=f"*Severity*\n{SEVERITY_EMOJI[report.severity]} {report.severity.label}"),
                MarkdownTextObject(text=f"*What kind*\n{escape(', '.join(report.categories))}"),
                MarkdownTextObject(text=f"*When*\n{report.occurred_on.isoformat()}"),
            ]
        ),
        SectionBlock(text=MarkdownTextObject(text=WHAT_HAPPENED + quote_within(report.description, SECTION_TEXT - len(WHAT_HAPPENED)))),
        ContextBlock(elements=[MarkdownTextObject(text=f"Reported by {who} · report #{report.report_id}")]),
    ]


def dealbreaker_alert(report: FiledReport) -> tuple[str, list[dict]]:
    """(fallback text, blocks) for the owners' channel when a dealbreaker is filed."""
    text = f":red_circle: Dealbreaker reported about {escape(report.client_name)}"
    blocks = [SectionBlock(text=MarkdownTextObject(text=f"*{text}*")), *_report_fields(report)]
    return text, [b.to_dict() for b in blocks]


REPORT_NOT_SAVED = ("Not saved: Redflag can't reach its database. Your text is still here (and in a DM "
                    "from Redflag). Please submit again in a few minutes.")


def owners_not_alerted(slack_error: str) -> str:
    """To the reporter of a dealbreaker whose alert Slack refused."""
    return (f":warning: Your report is saved, but the owners' channel could not be alerted (Slack said "
            f"`{escape(slack_error)}`; maybe Redflag is not in that channel). Please tell an owner directly.")


def report_not_saved(description: str) -> tuple[str, list[dict]]:
    """(fallback text, blocks) DM'd to a reporter whose report could not be stored, with their text."""
    text = ":warning: Your red flag could not be saved (our database is unreachable). Here is what you wrote, so nothing is lost:"
    blocks = [SectionBlock(text=MarkdownTextObject(text=text))]
    if description.strip():
        blocks.append(SectionBlock(text=MarkdownTextObject(text=quote_within(description, SECTION_TEXT))))
    return text, [b.to_dict() for b in blocks]


def report_confirmation(report: FiledReport) -> tuple[str, list[dict]]:
    """(fallback text, blocks) sent privately to the reporter once the report is stored."""
    alerted = " Owners have been alerted." if report.severity is Severity.DEALBREAKER else ""
    anonymous = " It was filed anonymously: your name is not stored with it." if report.reporter_user_id is None else ""
    text = f":white_check_mark: Thanks, your red flag about {escape(report.client_name)} is filed.{alerted}{anonymous}"
    blocks = [SectionBlock(text=MarkdownTextObject(text=text)), *_report_fields(report)]
    return text, [b.to_dict() for b in blocks]
