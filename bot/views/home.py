"""App Home: owners see the watch list, the newest dealbreakers and payment alerts; staff their own reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.domain.risk import plural
from bot.views.digest import AlertLine, ReportLine, WatchEntry, alert_lines, report_line, watch_section
from bot.views.ids import Action
from bot.views.limits import and_more, join_within

WATCH_SHOWN = 15


@dataclass(frozen=True)
class OpenPoll:
    poll_id: int
    period: str


@dataclass(frozen=True)
class OwnerHome:
    watch: tuple[WatchEntry, ...]
    dealbreakers: tuple[ReportLine, ...]  # newest first
    payment_alerts: tuple[AlertLine, ...]  # newest first
    own_reports: tuple[ReportLine, ...]
    poll: OpenPoll | None
    watch_min: int
    show_reporters: bool


@dataclass(frozen=True)
class StaffHome:
    own_reports: tuple[ReportLine, ...]  # newest first, non-anonymous only (anonymous ones are not linked)
    poll: OpenPoll | None


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _buttons(poll: OpenPoll | None) -> ActionsBlock:
    elements = [ButtonElement(text="Report a red flag", action_id=Action.REPORT_OPEN, style="primary")]
    if poll is not None:
        elements.append(ButtonElement(text=f"Vote in the {poll.period} poll", action_id=Action.POLL_VOTE,
                                      value=str(poll.poll_id)))
    return ActionsBlock(elements=elements)


def _own_reports(reports: Sequence[ReportLine]) -> SectionBlock:
    if not reports:
        return _section("*Your reports*\nNothing filed under your name yet. Anonymous reports are not listed "
                        "here: they are not linked to you anywhere.")
    lines = [report_line(r, show_reporter=False, with_client=True) for r in reports]
    return _section(join_within(lines, head="*Your reports* · newest first (anonymous ones are not linked to you)",
                                more=lambda n: and_more(n, "older")))


def staff_home(home: StaffHome) -> View:
    blocks: list[Block] = [
        HeaderBlock(text="Redflag"),
        _section("Seen something worrying about a client? Report it: owners read every report, and you can "
                 "file it anonymously. `/redflag` works anywhere too."),
        _buttons(home.poll),
        DividerBlock(),
        _own_reports(home.own_reports),
    ]
    return View(type="home", blocks=blocks)


def owner_home(home: OwnerHome) -> View:
    blocks: list[Block] = [HeaderBlock(text="Redflag · owners"), _buttons(home.poll), DividerBlock()]
    if home.watch:
        blocks.append(_section(f"*Watch list* · {plural(len(home.watch), 'client')}, riskiest first"))
        blocks += [watch_section(w, i, watch_min=home.watch_min) for i, w in enumerate(home.watch[:WATCH_SHOWN], 1)]
        if len(home.watch) > WATCH_SHOWN:
            blocks.append(ContextBlock(elements=[MarkdownTextObject(
                text=f"…and {len(home.watch) - WATCH_SHOWN} more: `/client NAME` opens any client's dossier.")]))
    else:
        blocks.append(_section("*Watch list*\nNo client needs attention right now."))
    blocks.append(DividerBlock())
    lines = [report_line(r, show_reporter=home.show_reporters, with_client=True) for r in home.dealbreakers]
    blocks.append(_section(join_within(lines, head="*Newest dealbreakers*") if lines
                           else "*Newest dealbreakers*\nNone reported."))
    alerts = alert_lines(home.payment_alerts)
    blocks.append(_section(join_within(alerts, head="*Newest payment alerts*") if alerts
                           else "*Newest payment alerts*\nNone."))
    blocks += [DividerBlock(), _own_reports(home.own_reports)]
    blocks.append(ContextBlock(elements=[MarkdownTextObject(
        text="`/client NAME` opens a client's dossier. The weekly digest goes to the owners' channel.")]))
    return View(type="home", blocks=blocks)
