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
from bot.domain.ranking import BORDA_POINTS, MAX_PICKS
from bot.views.ids import Action, Block, Callback, Command
from bot.views.report import client_option
from bot.views.text import escape

ORDINALS = ("1st", "2nd", "3rd", "4th", "5th")


@dataclass(frozen=True)
class PollInfo:
    """A poll as the messages show it; times in the team's time zone."""

    poll_id: int
    period: str
    closes_at: datetime
    closed_at: datetime | None
    threshold: int


@dataclass(frozen=True)
class CurrentPick:
    client_id: int
    name: str
    why: str | None


def ordinal(rank: int) -> str:
    return ORDINALS[rank - 1] if 1 <= rank <= len(ORDINALS) else f"{rank}th"


def day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def moment_text(moment: datetime) -> str:
    """ "the end of Tue 15 Dec 2026" for a midnight, else "Thu 10 Dec 2026 at 14:32"."""
    if moment.time() == time(0, 0):
        return f"the end of {day_text(moment.date() - timedelta(days=1))}"
    return f"{day_text(moment.date())} at {moment:%H:%M}"


def closed_phrase(moment: datetime) -> str:
    """ "at the end of Tue 15 Dec 2026" or "on Thu 10 Dec 2026 at 14:32", after "closed"."""
    text = moment_text(moment)
    return f"at {text}" if text.startswith("the end") else f"on {text}"


def rank_block(rank: int) -> str:
    return f"{Block.POLL_RANK}.{rank}"


def why_block(rank: int) -> str:
    return f"{Block.POLL_WHY}.{rank}"


def privacy_text(threshold: int) -> str:
    return (
        ":lock: *What owners see:* the combined ranking, how many people voted, and the “why” texts without names, "
        f"shuffled, only for clients that at least {threshold} people named. *What they never see:* who named whom, "
        "who wrote which “why”, or in what order ballots came in. Your Slack id is not stored with your picks."
    )


def ballot_modal(poll: PollInfo, current: Sequence[CurrentPick] = ()) -> View:
    """Five ranked client pickers with an optional "why" each; the person's current picks pre-filled."""
    blocks: list = [
        SectionBlock(text=MarkdownTextObject(text=(
            "*Which clients are hardest on the team?* Name up to five, worst first: the 1st gets "
            f"{BORDA_POINTS[0]} points, the 5th {BORDA_POINTS[-1]}. Fewer than five is fine. "
            f"You can change your ballot until {moment_text(poll.closes_at)}."))),
        ContextBlock(elements=[MarkdownTextObject(text=privacy_text(poll.threshold))]),
    ]
    for rank in range(1, MAX_PICKS + 1):
        pick = current[rank - 1] if rank <= len(current) else None
        blocks.append(InputBlock(
            block_id=rank_block(rank), label=f"{ordinal(rank)} worst ({BORDA_POINTS[rank - 1]} points)", optional=True,
            element=ExternalDataSelectElement(
                action_id=Action.POLL_CLIENT_PICK, placeholder="Type a client's name", min_query_length=0,
                initial_option=client_option(pick.client_id, pick.name) if pick else None),
        ))
        blocks.append(InputBlock(
            block_id=why_block(rank), label="Why? (optional, shown without your name)", optional=True,
            element=PlainTextInputElement(
                action_id=Action.POLL_WHY, max_length=WHY_MAX, initial_value=(pick.why if pick and pick.why else None),
                placeholder="One line the owners should know"),
        ))
    return View(type="modal", callback_id=Callback.BALLOT, private_metadata=str(poll.poll_id),
                title=f"Worst clients {poll.period}", submit="Save ballot", close="Cancel", blocks=blocks)


def notice_modal(title: str, text: str) -> View:
    """A modal that only says something (poll closed, no poll open, not eligible, thanks)."""
    return View(type="modal", title=title, close="OK",
                blocks=[SectionBlock(text=MarkdownTextObject(text=text))])


def thanks_modal(poll: PollInfo, *, replaced: bool) -> View:
    again = " It replaces your earlier ballot." if replaced else ""
    text = (f":white_check_mark: *Thanks, your ballot for {poll.period} is in.*{again}\n"
            f"You can change it until {moment_text(poll.closes_at)}: type `{Command.WORSTCLIENTS}` "
            "or use the button again.\n\n" + privacy_text(poll.threshold))
    return notice_modal("Ballot saved", text)


def closed_text(poll: PollInfo) -> str:
    when = closed_phrase(poll.closed_at or poll.closes_at)
    return (f"The {poll.period} worst-clients poll closed {when}, so ballots can no longer be cast or changed. "
            "Thanks all the same!")


def nothing_open_text(latest: PollInfo | None, upcoming: tuple[str, date] | None) -> str:
    """No poll is open: when the latest one closed, and when the next opens (if on a schedule)."""
    text = (closed_text(latest) + "\n") if latest else ""
    text += "No worst-clients poll is open right now."
    if upcoming:
        period, day = upcoming
        return f"{text} The next one ({period}) opens on {day_text(day)}."
    return f"{text} Owners start one with `{Command.WORSTCLIENTS} start`."


def not_eligible_text(channel: str | None) -> str:
    where = f"the members of <#{channel}>" if channel else "the people the owners chose"
    return f"This poll is for {where}. If you think you should be voting, ask an owner."


def _vote_button(poll: PollInfo) -> ActionsBlock:
    return ActionsBlock(elements=[ButtonElement(text="Fill in the ballot", action_id=Action.POLL_VOTE,
                                                value=str(poll.poll_id), style="primary")])


def invitation(poll: PollInfo, *, reminder: bool = False) -> tuple[str, list[dict]]:
    """(fallback text, blocks) for the staff channel announcement and the personal DMs."""
    if reminder:
        text = (f":ballot_box_with_ballot: Reminder: the {poll.period} worst-clients poll closes "
                f"{moment_text(poll.closes_at)} and your ballot is still empty.")
    else:
        text = f":ballot_box_with_ballot: The {poll.period} worst-clients poll is open until {moment_text(poll.closes_at)}."
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=(
            f"*{text}*\nWhich clients are hardest on the team? Name up to five, worst first, with an optional why. "
            "It takes two minutes."))),
        _vote_button(poll),
        ContextBlock(elements=[MarkdownTextObject(text=privacy_text(poll.threshold))]),
    ]
    return text, [b.to_dict() for b in blocks]


def started_text(poll: PollInfo, *, channel: str | None, invited: int, undelivered: int, owners_channel: str | None) -> str:
    where = f"announced in <#{channel}>, " if channel else ""
    missed = f" {undelivered} DM(s) could not be delivered; those people can still use the announcement." if undelivered else ""
    results = f"<#{owners_channel}>" if owners_channel else "the owners' channel (set OWNERS_CHANNEL)"
    return (f":ballot_box_with_ballot: The {poll.period} poll is open until {moment_text(poll.closes_at)}: {where}"
            f"ballot sent by DM to {invited} {'person' if invited == 1 else 'people'}.{missed} "
            f"The results go to {results} when it closes.")


def closing_text(poll: PollInfo, *, voted: int, eligible: int, owners_channel: str | None) -> str:
    where = f"<#{owners_channel}>" if owners_channel else "the owners' channel"
    return f"Closed the {poll.period} poll: {voted} of {eligible} voted. The results are being posted in {where}."


def open_status_text(poll: PollInfo, *, voted: int, eligible: int) -> str:
    return (f"The {poll.period} poll is still open until {moment_text(poll.closes_at)} ({voted} of {eligible} voted "
            "so far). Results are shown only once it closes.")


def help_text(*, owner: bool) -> str:
    cmd = Command.WORSTCLIENTS
    lines = [
        f"*{cmd}*: the team's “name your five worst clients” poll, yearly or quarterly.",
        f"• `{cmd}`: fill in or change your ballot while a poll is open (or press the button in the announcement).",
        f"• `{cmd} help`: this help.",
        "Privacy: owners see the combined ranking and unsigned, shuffled “why” texts, never who named whom. "
        "With too few ballots no ranking is shown at all.",
    ]
    owner_lines = [
        "*Owners:*",
        f"• `{cmd} start`: this year's poll, open for the configured number of days (POLL_DURATION_DAYS). "
        f"`{cmd} start quarterly`: this quarter's. `{cmd} start 2026-Q4 closes 2026-12-15`: a given period and closing day.",
        f"• `{cmd} close`: close the open poll now and post the results to the owners' channel.",
        f"• `{cmd} results [2026-Q4]`: the latest (or a given) closed poll's results, just for you.",
    ]
    return "\n".join(lines[:3] + (owner_lines if owner else ["_Starting, closing and results are for owners._"]) + lines[3:])


def unknown_text(words: str) -> str:
    return f"I don't know “{escape(words)}”. Try `{Command.WORSTCLIENTS} help`."
