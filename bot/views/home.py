"""App Home: owners see the watch list, the newest dealbreakers and payment alerts, and a button that previews
this week's digest (the preview's loading and failure modals are here); staff see their own reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

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

from bot.i18n import Msg, Translator
from bot.views.digest import AlertLine, ReportLine, WatchEntry, alert_lines, report_line, watch_section
from bot.views.ids import Action
from bot.views.limits import and_more, and_older_reports, join_within
from bot.views.poll import period_text

WATCH_SHOWN = 15


@dataclass(frozen=True)
class OpenPoll:
    poll_id: int
    period: str
    closes_in: timedelta  # from now


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


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


def _listed(lines: Sequence[str], head: str, empty: str, t: Translator) -> SectionBlock:
    """`head` in bold, then as many lines as fit (and "…and N more"), or `empty` when there are none."""
    if not lines:
        return _section(f"*{head}*\n{empty}")
    return _section(join_within(lines, head=f"*{head}*",
                                more=and_more(t)))


def _buttons(poll: OpenPoll | None, t: Translator, *, owner: bool = False) -> ActionsBlock:
    elements = [ButtonElement(text=t.gettext("Report a red flag"), action_id=Action.REPORT_OPEN, style="primary")]
    if poll is not None:
        elements.append(ButtonElement(text=t.gettext("Vote in the {period} poll", period=period_text(poll.period, t)),
                                      action_id=Action.POLL_VOTE, value=str(poll.poll_id)))
    if owner:
        elements.append(ButtonElement(text=t.gettext("Preview this week's digest"), action_id=Action.DIGEST_PREVIEW))
    return ActionsBlock(elements=elements)


def _poll_closing(poll: OpenPoll | None, t: Translator) -> list[ContextBlock]:
    """"The Q4 2026 poll closes in 3 days": a relative time in the reader's language."""
    if poll is None:
        return []
    text = t.gettext("The {period} poll closes {when}.", period=period_text(poll.period, t),
                     when=t.relative(poll.closes_in, granularity="hour"))
    return [_context(text)]


def _own_reports(reports: Sequence[ReportLine], t: Translator) -> SectionBlock:
    if not reports:
        return _listed([], t.gettext("Your reports"), t.gettext("Nothing filed under your name yet. Anonymous "
                                                                "reports are not listed here: they are not linked to "
                                                                "you anywhere."), t)
    lines = [report_line(r, t, show_reporter=False, with_client=True) for r in reports]
    return _section(join_within(lines, head=t.gettext("*Your reports* · newest first (anonymous ones are not linked "
                                                      "to you)"), more=and_older_reports(t)))




def staff_home(home: StaffHome, t: Translator) -> View:
    """A staff member's Home tab, in `t`'s language (their own)."""
    blocks: list[Block] = [
        HeaderBlock(text="Redflag"),
        _section(t.gettext("Seen something worrying about a client? Report it: owners read every report, and you can "
                           "file it anonymously. `/redflag` works anywhere too.")),
        _buttons(home.poll, t),
        *_poll_closing(home.poll, t),
        DividerBlock(),
        _own_reports(home.own_reports, t),
    ]
    return View(type="home", blocks=blocks)


def owner_home(home: OwnerHome, t: Translator) -> View:
    """An owner's Home tab, in `t`'s language (their own)."""
    blocks: list[Block] = [HeaderBlock(text=t.gettext("Redflag · owners")), _buttons(home.poll, t, owner=True),
                           *_poll_closing(home.poll, t), DividerBlock()]
    if home.watch:
        blocks.append(_section(t.ngettext("*Watch list* · {n} client, riskiest first",
                                          "*Watch list* · {n} clients, riskiest first", len(home.watch))))
        blocks += [watch_section(w, i, t, watch_min=home.watch_min) for i, w in enumerate(home.watch[:WATCH_SHOWN], 1)]
        if len(home.watch) > WATCH_SHOWN:
            blocks.append(_context(t.ngettext("…and {n} more: `/client NAME` opens any client's dossier.",
                                              "…and {n} more: `/client NAME` opens any client's dossier.",
                                              len(home.watch) - WATCH_SHOWN)))
    else:
        blocks.append(_listed([], t.gettext("Watch list"), t.gettext("No client needs attention right now."), t))
    blocks.append(DividerBlock())
    dealbreakers = [report_line(r, t, show_reporter=home.show_reporters, with_client=True) for r in home.dealbreakers]
    blocks.append(_listed(dealbreakers, t.gettext("Newest dealbreakers"), t.gettext("None reported."), t))
    blocks.append(_listed(alert_lines(home.payment_alerts, t), t.gettext("Newest payment alerts"), t.gettext("None."), t))
    blocks += [DividerBlock(), _own_reports(home.own_reports, t)]
    blocks.append(_context(t.gettext("`/client NAME` opens a client's dossier. The weekly digest goes to the owners' "
                                     "channel.")))
    return View(type="home", blocks=blocks)


def preview_loading(t: Translator) -> View:
    """What views.open shows at once while this week's digest is gathered (Slack's trigger lasts 3 seconds)."""
    return _preview_modal(t.gettext(":hourglass_flowing_sand: Gathering this week's digest so far…"), t)


def preview_failed(reason: Msg | str, t: Translator) -> View:
    """The loading modal's replacement when the digest could not be gathered: why, in words."""
    head = t.gettext("This week's digest could not be gathered.")
    return _preview_modal(f":warning: {head}\n{t.text(reason)}", t)


def _preview_modal(text: str, t: Translator) -> View:
    return View(type="modal", title=t.gettext("This week so far"), close=t.gettext("Close"), blocks=[_section(text)])
