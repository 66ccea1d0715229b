"""Block Kit for red-flag reports: the modal, the owners' alert and the confirmation."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

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
from bot.i18n import N_, Msg, Translator
from bot.views.ids import ANONYMOUS_VALUE, Action, Block, Callback
from bot.views.limits import SECTION_TEXT
from bot.views.text import escape, excerpt, quote_within

DESCRIPTION_MAX = 3000
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
    categories: Sequence[Msg | str]  # labels: a default one translatable, an owner's own as written
    severity: Severity
    description: str
    occurred_on: date
    reporter_user_id: str | None  # None when anonymous


def client_option(client_id: int, name: str) -> Option:
    return Option(value=str(client_id), text=PlainTextObject(text=excerpt(name, 75), emoji=False))


def report_modal(categories: Sequence[tuple[str, str]], prefill: ModalPrefill, t: Translator) -> dict:
    """The /redflag modal, as views.open takes it. `categories` are (key, label) pairs in display order,
    labels as shown.

    The modal without its pre-filled values is built (and checked by slack_sdk's models) once per
    language and category list; each request only fills in the client, the text and the date. Building
    and validating the whole view was most of the CPU a /redflag costs (benchmarks/, ack).
    """
    view = json.loads(_blank_modal(tuple(categories), t))  # a fresh copy: nothing shares the cached one
    filled = {
        Block.REPORT_CLIENT: {"initial_option": client_option(*prefill.client).to_dict()} if prefill.client else {},
        Block.REPORT_DESCRIPTION: {"initial_value": prefill.description[:DESCRIPTION_MAX]} if prefill.description else {},
        Block.REPORT_WHEN: {"initial_date": prefill.today.isoformat()},
    }
    blocks = [{**block, "element": {**block["element"], **filled[block["block_id"]]}} if filled.get(block["block_id"])
              else block for block in view["blocks"]]
    return {**view, "blocks": blocks}


@lru_cache(maxsize=64)
def _blank_modal(categories: tuple[tuple[str, str], ...], t: Translator) -> str:
    _ = t.gettext
    client_select = ExternalDataSelectElement(
        action_id=Action.CLIENT_PICK,
        placeholder=_("Type a client's name"),
        min_query_length=0,
    )
    blocks = [
        InputBlock(
            block_id=Block.REPORT_CLIENT,
            label=_("Client"),
            element=client_select,
            hint=_("Type to search names and aliases. Not in the list? Type the full name and pick “Add … as a new client”."),
        ),
        InputBlock(
            block_id=Block.REPORT_CATEGORIES,
            label=_("What kind of problem"),
            element=StaticMultiSelectElement(
                action_id=Action.REPORT_CATEGORIES,
                placeholder=_("Pick one or more"),
                options=[Option(value=key, text=PlainTextObject(text=label, emoji=False)) for key, label in categories],
            ),
        ),
        InputBlock(
            block_id=Block.REPORT_SEVERITY,
            label=_("How bad is it"),
            element=RadioButtonsElement(
                action_id=Action.REPORT_SEVERITY,
                options=[
                    Option(value=s.value, label=t.text(s.label), description=t.text(s.explanation)) for s in Severity
                ],
            ),
        ),
        InputBlock(
            block_id=Block.REPORT_DESCRIPTION,
            label=_("What happened"),
            element=PlainTextInputElement(
                action_id=Action.REPORT_DESCRIPTION,
                multiline=True,
                max_length=DESCRIPTION_MAX,
                placeholder=_("Facts first: what was said or done, by whom, and what it cost the team."),
            ),
        ),
        InputBlock(
            block_id=Block.REPORT_WHEN,
            label=_("When"),
            element=DatePickerElement(action_id=Action.REPORT_WHEN),
            hint=_("The day it happened. Not in the future."),
        ),
        InputBlock(
            block_id=Block.REPORT_ANONYMOUS,
            label=_("Anonymity"),
            optional=True,
            element=CheckboxesElement(
                action_id=Action.REPORT_ANONYMOUS,
                options=[Option(value=ANONYMOUS_VALUE, label=_("Post anonymously"))],
            ),
            hint=_("Anonymous means your Slack account is not stored with this report at all: owners see the "
                   "report, never who filed it, and you won't see it under your reports."),
        ),
    ]
    return json.dumps(View(
        type="modal",
        callback_id=Callback.REPORT,
        title=_("Report a red flag"),
        submit=_("File report"),
        close=_("Cancel"),
        blocks=blocks,
    ).to_dict())


def _report_fields(report: FiledReport, t: Translator) -> list[SectionBlock | ContextBlock]:
    _ = t.gettext
    what_happened = "*" + _("What happened") + "*\n"
    reported_by = (_("Reported anonymously · report #{id}", id=str(report.report_id))
                   if report.reporter_user_id is None
                   else _("Reported by {person} · report #{id}", person=f"<@{report.reporter_user_id}>",
                          id=str(report.report_id)))
    return [
        SectionBlock(
            fields=[
                MarkdownTextObject(text="*" + _("Client") + f"*\n{escape(report.client_name)}"),
                MarkdownTextObject(text="*" + _("Severity") + f"*\n{SEVERITY_EMOJI[report.severity]} "
                                   + t.text(report.severity.label)),
                MarkdownTextObject(text="*" + _("What kind") + f"*\n{escape(', '.join(t.text(c) for c in report.categories))}"),
                MarkdownTextObject(text="*" + _("When") + f"*\n{t.date(report.occurred_on)}"),
            ]
        ),
        SectionBlock(text=MarkdownTextObject(
            text=what_happened + quote_within(report.description, SECTION_TEXT - len(what_happened)))),
        ContextBlock(elements=[MarkdownTextObject(text=reported_by)]),
    ]


def dealbreaker_alert(report: FiledReport, t: Translator) -> tuple[str, list[dict]]:
    """(fallback text, blocks) for the owners' channel when a dealbreaker is filed."""
    text = ":red_circle: " + t.gettext("Dealbreaker reported about {client}", client=escape(report.client_name))
    blocks = [SectionBlock(text=MarkdownTextObject(text=f"*{text}*")), *_report_fields(report, t)]
    return text, [b.to_dict() for b in blocks]


REPORT_NOT_SAVED = N_("Not saved: Redflag can't reach its database. Your text is still here (and in a DM "
                      "from Redflag). Please submit again in a few minutes.")


def owners_not_alerted(slack_error: str, t: Translator) -> str:
    """To the reporter of a dealbreaker whose alert Slack refused."""
    return ":warning: " + t.gettext(
        "Your report is saved, but the owners' channel could not be alerted (Slack said `{error}`; maybe "
        "Redflag is not in that channel). Please tell an owner directly.", error=escape(slack_error))


def report_not_saved(description: str, t: Translator) -> tuple[str, list[dict]]:
    """(fallback text, blocks) DM'd to a reporter whose report could not be stored, with their text."""
    text = ":warning: " + t.gettext("Your red flag could not be saved (our database is unreachable). "
                                    "Here is what you wrote, so nothing is lost:")
    blocks = [SectionBlock(text=MarkdownTextObject(text=text))]
    if description.strip():
        blocks.append(SectionBlock(text=MarkdownTextObject(text=quote_within(description, SECTION_TEXT))))
    return text, [b.to_dict() for b in blocks]


def report_confirmation(report: FiledReport, t: Translator) -> tuple[str, list[dict]]:
    """(fallback text, blocks) sent privately to the reporter once the report is stored."""
    _ = t.gettext
    sentences = [_("Thanks, your red flag about {client} is filed.", client=escape(report.client_name))]
    if report.severity is Severity.DEALBREAKER:
        sentences.append(_("Owners have been alerted."))
    if report.reporter_user_id is None:
        sentences.append(_("It was filed anonymously: your name is not stored with it."))
    text = ":white_check_mark: " + " ".join(sentences)
    blocks = [SectionBlock(text=MarkdownTextObject(text=text)), *_report_fields(report, t)]
    return text, [b.to_dict() for b in blocks]
