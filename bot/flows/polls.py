"""Running worst-clients polls: start, close and results for owners; reminders, deadlines and
scheduled openings for the jobs; and `latest_standings` for the digest and the risk score."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.domain.periods import Period, closing_moment, due_opening, parse_period, parse_start
from bot.domain.ranking import PollStanding, standings
from bot.errors import NotAllowed, UserError
from bot.flows import locales
from bot.flows.ballots import secret_of
from bot.flows.poll_results import build_results, poll_info, shown_ranking
from bot.flows.poll_voters import eligible_voters
from bot.i18n import N_, Msg, Translator
from bot.views.poll import (PollInfo, closed_phrase, invitation, moment_text, open_status_text, period_text,
                             started_text)
from bot.views.poll_results import results_message
from bot.views.text import escape
from storage import polls as poll_store
from storage.models import Poll

log = logging.getLogger(__name__)

ONLY_OWNERS_START = N_("Only owners can start a poll. Your own ballot is always yours to fill in while a poll is "
                       "open: type `/worstclients`.")
ONLY_OWNERS_CLOSE = N_("Only owners can close a poll. Your own ballot is always yours to fill in while a poll is "
                       "open: type `/worstclients`.")
ONLY_OWNERS_RESULTS = N_("Only owners can see poll results. Your own ballot is always yours to fill in while a poll "
                         "is open: type `/worstclients`.")


class PollExists(UserError):
    """A poll for that period exists already, or another poll is still open."""


@dataclass(frozen=True)
class StartPlan:
    team_id: str
    period: Period
    closes_on: date
    opened_by: str | None  # None: opened on schedule


@dataclass(frozen=True)
class Started:
    info: PollInfo
    announced_in: str | None
    invited: int
    undelivered: int

    def summary(self, owners_channel: str | None, t: Translator) -> str:
        return started_text(self.info, t, channel=self.announced_in, invited=self.invited,
                            undelivered=self.undelivered, owners_channel=owners_channel)


def require_owner(deps: Deps, user_id: str, refusal: Msg) -> None:
    if not deps.is_owner(user_id):
        raise NotAllowed(refusal)


def _check_free(session: Session, deps: Deps, t: Translator, *, team_id: str, period: Period) -> None:
    """PollExists (its text in `t`'s language) when the period has a poll or another poll is open."""
    tz, shown = deps.settings.tz, t.text(period.shown)
    if existing := poll_store.get_poll_by_period(session, period.label, team_id=team_id):
        if existing.closed_at is None:
            raise PollExists(t.gettext("There already is a {period} poll (open until {moment}). Only one poll per "
                                       "period.", period=shown,
                                       moment=moment_text(existing.closes_at.astimezone(tz), t)))
        raise PollExists(t.gettext("There already is a {period} poll (closed {when}). Only one poll per period.",
                                   period=shown, when=closed_phrase(existing.closed_at.astimezone(tz), t)))
    if open_poll := poll_store.get_open_poll(session, team_id=team_id):
        raise PollExists(t.gettext("The {period} poll is still open until {moment}. Close it first with `{command}`.",
                                   period=period_text(open_poll.period, t),
                                   moment=moment_text(open_poll.closes_at.astimezone(tz), t),
                                   command="/worstclients close"))


def _escaped(message: Msg | str) -> Msg | str:
    """`message` with the text someone typed (its str values) escaped for Slack mrkdwn."""
    if isinstance(message, str):
        return escape(message)
    return replace(message, params={k: escape(v) if isinstance(v, str) else v for k, v in message.params.items()})


def plan_start(deps: Deps, t: Translator, *, team_id: str, user_id: str, text: str) -> StartPlan:
    """Check everything that can be checked without Slack (fast enough to answer the command with);
    refusals in `t`'s language (the owner's)."""
    require_owner(deps, user_id, ONLY_OWNERS_START)
    secret_of(deps)
    if not (deps.settings.staff_channel or deps.settings.poll_voter_ids):
        raise UserError(N_("Polls need to know who votes: set STAFF_CHANNEL to the staff channel's id and restart."))
    try:
        request = parse_start(text, today=deps.today(), days_open=deps.settings.poll_duration_days)
    except ValueError as error:
        raise UserError(_escaped(error.args[0])) from None  # it quotes what was typed
    with deps.session_factory() as session:
        _check_free(session, deps, t, team_id=team_id, period=request.period)
    return StartPlan(team_id, request.period, request.closes_on, user_id)


def start_poll(deps: Deps, client: WebClient, plan: StartPlan, t: Translator) -> Started:
    """Open the poll: store it with its eligible voters, announce it in the staff channel (the workspace's
    language), and DM each voter once (in their own). Refusals are in `t`'s language (whoever started it)."""
    people = eligible_voters(client, deps.settings)
    for person in people:  # their invitation DMs need no second users.info for the language
        locales.remember(deps, person)
    voters = [person["id"] for person in people]
    if not voters:
        raise UserError(N_("Nobody could vote: the staff channel has no members who are people "
                           "(bots, deactivated accounts and guests do not vote)."))
    try:
        with deps.session_factory.begin() as session:
            _check_free(session, deps, t, team_id=plan.team_id, period=plan.period)
            poll = poll_store.add_poll(
                session, team_id=plan.team_id, period=plan.period.label, cadence=plan.period.cadence.value,
                opened_at=deps.now(), closes_at=closing_moment(plan.closes_on, deps.settings.tz),
                threshold=deps.settings.poll_anonymity_threshold, opened_by=plan.opened_by)
            added = poll_store.add_voters(session, poll, voters)
            info = poll_info(poll, deps.settings.tz)
    except IntegrityError:
        raise PollExists(N_("There already is a {period} poll. Only one poll per period.",
                            period=plan.period.shown)) from None
    text, blocks = invitation(info, locales.for_team(deps))
    announced_in = _announce(deps, client, info, text, blocks)
    delivered = []
    for voter in added:
        text, blocks = invitation(info, locales.for_user(deps, client, voter.user_id))
        try:
            client.chat_postMessage(channel=voter.user_id, text=text, blocks=blocks)
            delivered.append(voter.id)
        except SlackApiError as error:
            log.warning("poll %s: invitation DM not delivered (%s)", info.poll_id, error.response.get("error"))
    with deps.session_factory.begin() as session:
        poll_store.mark_invited(session, delivered, at=deps.now())
    return Started(info, announced_in, len(delivered), len(added) - len(delivered))


def _announce(deps: Deps, client: WebClient, info: PollInfo, text: str, blocks: list[dict]) -> str | None:
    channel = deps.settings.staff_channel
    if not channel:
        return None
    try:
        posted = client.chat_postMessage(channel=channel, text=text, blocks=blocks)
    except SlackApiError as error:
        log.warning("poll %s: announcement in %s failed (%s)", info.poll_id, channel, error.response.get("error"))
        return None
    with deps.session_factory.begin() as session:
        poll_store.set_announcement(session, info.poll_id, channel=channel, ts=posted.get("ts"))
    return channel


def close_open_poll(deps: Deps, *, team_id: str, user_id: str) -> tuple[PollInfo, int, int]:
    """Close the open poll now (owners). Returns (poll, voted, eligible); results are posted separately."""
    require_owner(deps, user_id, ONLY_OWNERS_CLOSE)
    with deps.session_factory.begin() as session:
        poll = poll_store.get_open_poll(session, team_id=team_id)
        if poll is None:
            raise UserError(N_("No poll is open, so there is nothing to close."))
        poll_store.close_poll(session, poll, at=deps.now())
        voted, eligible = poll_store.participation(session, poll_id=poll.id)
        return poll_info(poll, deps.settings.tz), voted, eligible


def publish_results(deps: Deps, client: WebClient, poll_id: int, *, now: datetime) -> bool:
    """Post a closed poll's results to the owners' channel (in the workspace's language), once (False if
    already posted)."""
    with deps.session_factory.begin() as session:
        if not poll_store.claim_results(session, poll_id, at=now):
            return False
    with deps.session_factory() as session:
        poll = session.get(Poll, poll_id)
        assert poll is not None
        text, blocks = results_message(build_results(session, poll, deps.settings.tz), locales.for_team(deps))
    channel = deps.settings.owners_channel
    if not channel:
        log.warning("poll %s closed but OWNERS_CHANNEL is not set: owners can read it with /worstclients results", poll_id)
        return False
    try:
        client.chat_postMessage(channel=channel, text=text, blocks=blocks)
    except SlackApiError:
        with deps.session_factory.begin() as session:
            poll_store.release_results(session, poll_id)  # the next run of the job tries again
        raise
    return True


def results_for(deps: Deps, t: Translator, *, team_id: str, user_id: str, text: str = "") -> tuple[str, list[dict]]:
    """The latest (or a named) closed poll's results message, for an owner's eyes only (in `t`'s language)."""
    require_owner(deps, user_id, ONLY_OWNERS_RESULTS)
    tz = deps.settings.tz
    with deps.session_factory() as session:
        if text.strip():
            try:
                period = parse_period(text)
            except ValueError as error:
                raise UserError(_escaped(error.args[0])) from None  # it quotes what was typed
            poll = poll_store.get_poll_by_period(session, period.label, team_id=team_id)
            if poll is None:
                raise UserError(N_("There was no {period} poll.", period=period.shown))
        else:
            closed = poll_store.list_closed_polls(session, team_id=team_id)
            poll = closed[0] if closed else poll_store.get_open_poll(session, team_id=team_id)
            if poll is None:
                raise UserError(N_("No poll has been run yet. Start one with `/worstclients start`."))
        if poll.closed_at is None:
            voted, eligible = poll_store.participation(session, poll_id=poll.id)
            return open_status_text(poll_info(poll, tz), t, voted=voted, eligible=eligible), []
        return results_message(build_results(session, poll, tz), t)


def latest_standings(deps_or_session: Deps | Session, *, team_id: str) -> dict[int, PollStanding]:
    """client id → standing in the latest closed poll with enough ballots; {} when there is none."""
    if isinstance(deps_or_session, Session):
        return _latest_standings(deps_or_session, team_id)
    with deps_or_session.session_factory() as session:
        return _latest_standings(session, team_id)


def _latest_standings(session: Session, team_id: str) -> dict[int, PollStanding]:
    for poll in poll_store.list_closed_polls(session, team_id=team_id):
        ranking = shown_ranking(session, poll)
        if ranking is not None:
            return standings(ranking, poll.period)
    return {}


def close_due_polls(deps: Deps, client: WebClient, now: datetime) -> list[int]:
    """Close the workspace's polls past their deadline and post results not posted yet. Returns the polls closed."""
    closed = []
    with deps.session_factory.begin() as session:
        for poll in poll_store.list_open_polls(session, team_id=deps.team_id):
            if poll.closes_at <= now and poll_store.close_poll(session, poll, at=poll.closes_at):
                closed.append(poll.id)
        unposted = [p.id for p in poll_store.list_unposted_results(session, team_id=deps.team_id)]
    for poll_id in unposted:
        publish_results(deps, client, poll_id, now=now)
    return closed


def send_reminders(deps: Deps, client: WebClient, now: datetime) -> int:
    """One reminder DM to each eligible person who has not voted, POLL_REMINDER_DAYS before closing, in
    their own language."""
    days = deps.settings.poll_reminder_days
    if not days:
        return 0
    sent = 0
    with deps.session_factory() as session:
        due = [p for p in poll_store.list_open_polls(session, team_id=deps.team_id)
               if p.opened_at < p.closes_at - timedelta(days=days) <= now < p.closes_at]
        todo = [(p, [v.id for v in poll_store.list_voters(session, poll_id=p.id, voted=False) if v.reminded_at is None],
                 {v.id: v.user_id for v in poll_store.list_voters(session, poll_id=p.id)}) for p in due]
    for poll, voter_ids, users in todo:
        info = poll_info(poll, deps.settings.tz)
        for voter_id in voter_ids:
            with deps.session_factory.begin() as session:
                if not poll_store.claim_reminder(session, voter_id, at=now):
                    continue
            text, blocks = invitation(info, locales.for_user(deps, client, users[voter_id]), reminder=True)
            try:
                client.chat_postMessage(channel=users[voter_id], text=text, blocks=blocks)
                sent += 1
            except SlackApiError as error:
                log.warning("poll %s: reminder not delivered (%s); retried next run", poll.id, error.response.get("error"))
                with deps.session_factory.begin() as session:
                    poll_store.release_reminder(session, voter_id)
    return sent


def open_scheduled_poll(deps: Deps, client: WebClient, now: datetime) -> Started | None:
    """Open the poll POLL_AUTO_OPEN says is due (once), and tell the owners (in the workspace's language)."""
    schedule, team_id = deps.settings.poll_schedule, deps.settings.slack_team_id
    if schedule is None or not team_id:
        return None
    due = due_opening(schedule, now.astimezone(deps.settings.tz).date(), days_open=deps.settings.poll_duration_days)
    if due is None:
        return None
    t = locales.for_team(deps)
    try:
        with deps.session_factory() as session:
            _check_free(session, deps, t, team_id=team_id, period=due.period)
        started = start_poll(deps, client, StartPlan(team_id, due.period, due.closes_on, None), t)
    except PollExists:
        return None
    if deps.settings.owners_channel:
        client.chat_postMessage(channel=deps.settings.owners_channel,
                                text=started.summary(deps.settings.owners_channel, t) + " "
                                + t.gettext("(opened on schedule)"))
    return started
