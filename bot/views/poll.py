"""Block Kit for the worst-clients poll as staff see it: the ballot, notices, announcement and DMs,
and the short texts owners get back from /worstclients. Owners' results are in `poll_results.py`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    ExternalDataSelectElement,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.domain.ballots import WHY_MAX
from bot.domain.periods import shown_period
from bot.domain.ranking import BORDA_POINTS, MAX_PICKS
from bot.i18n import Translator
from bot.views.ids import Action, Block, Callback, Command
from bot.views.report import client_option
from bot.views.text import escape


@dataclass(frozen=True)
class PollInfo:
    """A poll as the messages show it; times in the team's time zone."""

    poll_id: int
    period: str  # the stored label, "2026" or "2026-Q4"; `period_text` shows it
    closes_at: datetime
    closed_at: datetime | None
    threshold: int


@dataclass(frozen=True)
class CurrentPick:
    client_id: int
    name: str
    why: str | None


def ordinal(rank: int, t: Translator) -> str:
    """ "1st", "2nd", … in English; "1º" (it), "1e" (nl), "1er"/"2e" (fr), "1." (de)."""
    if rank == 1:
        return t.gettext("1st")
    number, last = str(rank), 0 if rank % 100 in (11, 12, 13) else rank % 10
    if last == 1:
        return t.gettext("{rank}st", rank=number)
    if last == 2:
        return t.gettext("{rank}nd", rank=number)
    if last == 3:
        return t.gettext("{rank}rd", rank=number)
    return t.gettext("{rank}th", rank=number)


def period_text(label: str, t: Translator) -> str:
    """A stored period label as people read it: "2026", "Q4 2026" / "4º trimestre 2026"."""
    return t.text(shown_period(label))


def day_text(day: date, t: Translator) -> str:
    """ "Tuesday, December 15, 2026" / "martedì 15 dicembre 2026"."""
    return t.date(day, format="full")


def _end_of_day(moment: datetime) -> date | None:
    """The day a midnight ends (a poll closes at the end of its closing day), else None."""
    return moment.date() - timedelta(days=1) if moment.time() == time(0, 0) else None


def moment_text(moment: datetime, t: Translator) -> str:
    """ "the end of Tuesday, December 15, 2026" for a midnight, else "Thursday, December 10, 2026 at 2:32 PM"
    (each language its own way); it reads well after "until"."""
    if (day := _end_of_day(moment)) is not None:
        return t.gettext("the end of {day}", day=day_text(day, t))
    return t.gettext("{day} at {time}", day=day_text(moment.date(), t), time=t.time(moment))


def closed_phrase(moment: datetime, t: Translator) -> str:
    """ "at the end of Tuesday, December 15, 2026" or "on Thursday, December 10, 2026 at 2:32 PM", after
    "closed" or "closes"."""
    if (day := _end_of_day(moment)) is not None:
        return t.gettext("at the end of {day}", day=day_text(day, t))
    return t.gettext("on {day} at {time}", day=day_text(moment.date(), t), time=t.time(moment))


def rank_block(rank: int) -> str:
    return f"{Block.POLL_RANK}.{rank}"


def why_block(rank: int) -> str:
    return f"{Block.POLL_WHY}.{rank}"


def privacy_text(threshold: int, t: Translator) -> str:
    return t.gettext(
        ":lock: *What owners see:* the combined ranking, how many people voted, and the “why” texts without names, "
        "shuffled, only for clients that at least {threshold} people named. *What they never see:* who named whom, "
        "who wrote which “why”, or in what order ballots came in. Your Slack id is not stored with your picks.",
        threshold=threshold)


def ballot_modal(poll: PollInfo, t: Translator, current: Sequence[CurrentPick] = ()) -> View:
    """Five ranked client pickers with an optional "why" each; the person's current picks pre-filled."""
    _ = t.gettext
    blocks: list = [
        SectionBlock(text=MarkdownTextObject(text=_(
            "*Which clients are hardest on the team?* Name up to five, worst first: the 1st gets {first} points, "
            "the 5th {last}. Fewer than five is fine. You can change your ballot until {moment}.",
            first=BORDA_POINTS[0], last=BORDA_POINTS[-1], moment=moment_text(poll.closes_at, t)))),
        ContextBlock(elements=[MarkdownTextObject(text=privacy_text(poll.threshold, t))]),
    ]
    for rank in range(1, MAX_PICKS + 1):
        pick = current[rank - 1] if rank <= len(current) else None
        points = BORDA_POINTS[rank - 1]
        blocks.append(InputBlock(
            block_id=rank_block(rank), optional=True,
            label=t.ngettext("{ordinal} worst ({n} point)", "{ordinal} worst ({n} points)", points,
                             ordinal=ordinal(rank, t)),
            element=ExternalDataSelectElement(
                action_id=Action.POLL_CLIENT_PICK, placeholder=_("Type a client's name"), min_query_length=0,
                initial_option=client_option(pick.client_id, pick.name) if pick else None),
        ))
        blocks.append(InputBlock(
            block_id=why_block(rank), label=_("Why? (optional, shown without your name)"), optional=True,
            element=PlainTextInputElement(
                action_id=Action.POLL_WHY, max_length=WHY_MAX, initial_value=(pick.why if pick and pick.why else None),
                placeholder=_("One line the owners should know")),
        ))
    return View(type="modal", callback_id=Callback.BALLOT, private_metadata=str(poll.poll_id),
                title=_("Worst clients {period}", period=period_text(poll.period, t)), submit=_("Save ballot"),
                close=_("Cancel"), blocks=blocks)


def notice_modal(title: str, text: str, t: Translator) -> View:
    """A modal that only says something (poll closed, no poll open, not eligible, thanks); texts already in
    the person's language."""
    return View(type="modal", title=title, close=t.gettext("OK"),
                blocks=[SectionBlock(text=MarkdownTextObject(text=text))])


def poll_notice(text: str, t: Translator) -> View:
    """A notice titled after the poll ("Worst clients poll")."""
    return notice_modal(t.gettext("Worst clients poll"), text, t)


def closed_notice(poll: PollInfo, t: Translator) -> View:
    return notice_modal(t.gettext("Poll closed"), closed_text(poll, t), t)


def thanks_modal(poll: PollInfo, t: Translator, *, replaced: bool) -> View:
    _ = t.gettext
    thanks = _(":white_check_mark: *Thanks, your ballot for {period} is in.*", period=period_text(poll.period, t))
    if replaced:
        thanks += " " + _("It replaces your earlier ballot.")
    text = (thanks + "\n" + _("You can change it until {moment}: type `{command}` or use the button again.",
                              moment=moment_text(poll.closes_at, t), command=Command.WORSTCLIENTS)
            + "\n\n" + privacy_text(poll.threshold, t))
    return notice_modal(_("Ballot saved"), text, t)


def closed_text(poll: PollInfo, t: Translator) -> str:
    return t.gettext("The {period} worst-clients poll closed {when}, so ballots can no longer be cast or changed. "
                     "Thanks all the same!", period=period_text(poll.period, t),
                     when=closed_phrase(poll.closed_at or poll.closes_at, t))


def nothing_open_text(latest: PollInfo | None, upcoming: tuple[str, date] | None, t: Translator) -> str:
    """No poll is open: when the latest one closed, and when the next opens (if on a schedule).
    `upcoming` is (period label, opening day)."""
    _ = t.gettext
    text = (closed_text(latest, t) + "\n") if latest else ""
    text += _("No worst-clients poll is open right now.")
    if upcoming:
        period, day = upcoming
        return text + " " + _("The next one ({period}) opens on {day}.", period=period_text(period, t),
                              day=day_text(day, t))
    return text + " " + _("Owners start one with `{command}`.", command=f"{Command.WORSTCLIENTS} start")


def not_eligible_text(channel: str | None, t: Translator) -> str:
    if channel:
        return t.gettext("This poll is for the members of {channel}. If you think you should be voting, ask an owner.",
                         channel=f"<#{channel}>")
    return t.gettext("This poll is for the people the owners chose. If you think you should be voting, ask an owner.")


def _vote_button(poll: PollInfo, t: Translator) -> ActionsBlock:
    return ActionsBlock(elements=[ButtonElement(text=t.gettext("Fill in the ballot"), action_id=Action.POLL_VOTE,
                                                value=str(poll.poll_id), style="primary")])


def invitation(poll: PollInfo, t: Translator, *, reminder: bool = False) -> tuple[str, list[dict]]:
    """(fallback text, blocks) for the staff channel announcement and the personal DMs."""
    _ = t.gettext
    period = period_text(poll.period, t)
    if reminder:
        text = _(":ballot_box_with_ballot: Reminder: the {period} worst-clients poll closes {when} and your ballot is "
                 "still empty.", period=period, when=closed_phrase(poll.closes_at, t))
    else:
        text = _(":ballot_box_with_ballot: The {period} worst-clients poll is open until {moment}.", period=period,
                 moment=moment_text(poll.closes_at, t))
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=f"*{text}*\n" + _(
            "Which clients are hardest on the team? Name up to five, worst first, with an optional why. "
            "It takes two minutes."))),
        _vote_button(poll, t),
        ContextBlock(elements=[MarkdownTextObject(text=privacy_text(poll.threshold, t))]),
    ]
    return text, [b.to_dict() for b in blocks]


def started_text(poll: PollInfo, t: Translator, *, channel: str | None, invited: int, undelivered: int,
                 owners_channel: str | None) -> str:
    period, moment = period_text(poll.period, t), moment_text(poll.closes_at, t)
    if channel:
        text = t.ngettext(
            ":ballot_box_with_ballot: The {period} poll is open until {moment}: announced in {channel}, ballot sent by "
            "DM to {n} person.",
            ":ballot_box_with_ballot: The {period} poll is open until {moment}: announced in {channel}, ballot sent by "
            "DM to {n} people.", invited, period=period, moment=moment, channel=f"<#{channel}>")
    else:
        text = t.ngettext(
            ":ballot_box_with_ballot: The {period} poll is open until {moment}: ballot sent by DM to {n} person.",
            ":ballot_box_with_ballot: The {period} poll is open until {moment}: ballot sent by DM to {n} people.",
            invited, period=period, moment=moment)
    if undelivered:
        text += " " + t.ngettext(
            "{n} DM could not be delivered; that person can still use the announcement.",
            "{n} DMs could not be delivered; those people can still use the announcement.", undelivered)
    if owners_channel:
        return text + " " + t.gettext("The results go to {channel} when it closes.", channel=f"<#{owners_channel}>")
    return text + " " + t.gettext("The results go to the owners' channel (set OWNERS_CHANNEL) when it closes.")


def closing_text(poll: PollInfo, t: Translator, *, voted: int, eligible: int, owners_channel: str | None) -> str:
    text = t.ngettext("Closed the {period} poll: {n} of {eligible} voted.",
                      "Closed the {period} poll: {n} of {eligible} voted.", voted,
                      period=period_text(poll.period, t), eligible=eligible)
    if owners_channel:
        return text + " " + t.gettext("The results are being posted in {channel}.", channel=f"<#{owners_channel}>")
    return text + " " + t.gettext("The results are being posted in the owners' channel.")


def open_status_text(poll: PollInfo, t: Translator, *, voted: int, eligible: int) -> str:
    return t.ngettext(
        "The {period} poll is still open until {moment} ({n} of {eligible} voted so far). Results are shown only once "
        "it closes.",
        "The {period} poll is still open until {moment} ({n} of {eligible} voted so far). Results are shown only once "
        "it closes.", voted, period=period_text(poll.period, t), moment=moment_text(poll.closes_at, t),
        eligible=eligible)


def help_text(t: Translator, *, owner: bool) -> str:
    _ = t.gettext
    cmd = Command.WORSTCLIENTS
    lines = [
        _("*{command}*: the team's “name your five worst clients” poll, yearly or quarterly.", command=cmd),
        _("• `{command}`: fill in or change your ballot while a poll is open (or press the button in the "
          "announcement).", command=cmd),
        _("• `{command}`: this help.", command=f"{cmd} help"),
        _("Privacy: owners see the combined ranking and unsigned, shuffled “why” texts, never who named whom. "
          "With too few ballots no ranking is shown at all."),
    ]
    owner_lines = [
        _("*Owners:*"),
        _("• `{start}`: this year's poll, open for the configured number of days (POLL_DURATION_DAYS). "
          "`{quarterly}`: this quarter's. `{given}`: a given period and closing day.", start=f"{cmd} start",
          quarterly=f"{cmd} start quarterly", given=f"{cmd} start 2026-Q4 closes 2026-12-15"),
        _("• `{command}`: close the open poll now and post the results to the owners' channel.",
          command=f"{cmd} close"),
        _("• `{command}`: the latest (or a given) closed poll's results, just for you.",
          command=f"{cmd} results [2026-Q4]"),
    ]
    staff_only = [_("_Starting, closing and results are for owners._")]
    return "\n".join(lines[:3] + (owner_lines if owner else staff_only) + lines[3:])


def unknown_text(words: str, t: Translator) -> str:
    return t.gettext("I don't know “{words}”. Try `{command}`.", words=escape(words),
                     command=f"{Command.WORSTCLIENTS} help")
