"""Voting: opening the ballot (or saying why not) and storing a submitted ballot.

The voter's Slack id is only used to compute the HMAC key and to tick "has voted";
it is never stored with, logged with or returned with the picks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from slack_sdk import WebClient
from slack_sdk.models.views import View

from bot.deps import Deps
from bot.domain.ballots import PickInput, ballot_entries, rank_key, validate_ballot, voter_key
from bot.domain.periods import next_opening
from bot.errors import UserError, ValidationFailed
from bot.flows.poll_results import poll_info
from bot.flows.poll_voters import may_vote
from bot.i18n import N_, Translator
from bot.views.poll import (
    CurrentPick,
    ballot_modal,
    closed_notice,
    not_eligible_text,
    nothing_open_text,
    poll_notice,
    thanks_modal,
)
from storage import clients as client_store
from storage import polls as poll_store
from storage.models import Poll


def secret_of(deps: Deps) -> str:
    if not deps.settings.poll_secret:
        raise UserError(N_("Polls are not set up: POLL_SECRET is missing. An admin sets it (a long random string) "
                           "and restarts Redflag."))
    return deps.settings.poll_secret


def is_open(poll: Poll, now: datetime) -> bool:
    return poll.closed_at is None and now < poll.closes_at


def ballot_view(deps: Deps, client: WebClient, t: Translator, *, team_id: str, user_id: str,
                poll_id: int | None = None) -> View:
    """The ballot with the person's current picks, or a notice saying why there is none, in `t`'s language."""
    tz, now = deps.settings.tz, deps.now()
    with deps.session_factory() as session:
        poll = (poll_store.get_poll(session, poll_id, team_id=team_id) if poll_id is not None
                else poll_store.get_open_poll(session, team_id=team_id))
        if poll is None:
            closed = poll_store.list_closed_polls(session, team_id=team_id)
            latest = poll_info(closed[0], tz) if closed else None
            return poll_notice(nothing_open_text(latest, _upcoming(deps), t), t)
        info = poll_info(poll, tz)
        if not is_open(poll, now):
            return closed_notice(info, t)
        invited = poll_store.get_voter(session, poll.id, user_id) is not None
    try:
        if not invited and not _admit_late_voter(deps, client, poll, user_id):
            return poll_notice(not_eligible_text(deps.settings.staff_channel, t), t)
        key = voter_key(secret_of(deps), team_id=team_id, poll_id=poll.id, user_id=user_id)
    except UserError as error:  # shown in the modal: the command was acked already
        return poll_notice(t.text(error.message), t)
    with deps.session_factory() as session:
        entries = poll_store.get_ballot_entries(session, poll_id=poll.id, voter_key=key)
        names = {c.client_id: c.name for c in client_store.list_candidates(session, team_id=team_id)}
    current = [CurrentPick(cid, names[cid], why) for cid, why in entries if cid in names]
    return ballot_modal(info, t, current)


def _admit_late_voter(deps: Deps, client: WebClient, poll: Poll, user_id: str) -> bool:
    """Someone not invited at the start (joined the staff channel since) joins the voters if eligible."""
    if not may_vote(client, deps.settings, user_id):
        return False
    with deps.session_factory.begin() as session:
        poll_store.add_voters(session, poll, [user_id])
    return True


def _upcoming(deps: Deps) -> tuple[str, date] | None:
    schedule = deps.settings.poll_schedule
    if schedule is None:
        return None
    period, day = next_opening(schedule, deps.today())
    return period.label, day


def cast_ballot(deps: Deps, t: Translator, *, team_id: str, user_id: str, poll_id: int,
                picks: Sequence[PickInput]) -> View:
    """Store the ballot, replacing the voter's earlier one; the view to show next (in `t`'s language).

    Raises ValidationFailed keyed `rank.N` / `why.N`. A poll that closed meanwhile
    (or a person not on the voters' list) gets a notice, and nothing is stored.
    """
    problems = validate_ballot(picks)
    if problems:
        raise ValidationFailed(problems)
    entries = ballot_entries(picks)
    try:
        secret = secret_of(deps)
    except UserError as error:
        raise ValidationFailed({rank_key(1): error.message}) from None
    key = voter_key(secret, team_id=team_id, poll_id=poll_id, user_id=user_id)
    with deps.session_factory.begin() as session:
        poll = poll_store.get_poll(session, poll_id, team_id=team_id, for_update=True)  # closing waits for us
        if poll is None:
            return poll_notice(nothing_open_text(None, None, t), t)
        info = poll_info(poll, deps.settings.tz)
        if not is_open(poll, deps.now()):
            return closed_notice(info, t)
        if poll_store.get_voter(session, poll.id, user_id) is None:
            return poll_notice(not_eligible_text(deps.settings.staff_channel, t), t)
        known = {c.client_id for c in client_store.list_candidates(session, team_id=team_id)}
        gone = {rank_key(r): N_("That client was merged or removed meanwhile. Pick it again.")
                for r, (cid, _) in enumerate(entries, 1) if cid not in known}
        if gone:
            raise ValidationFailed(gone)
        replaced = poll_store.save_ballot(session, team_id=team_id, poll_id=poll.id, voter_key=key, entries=entries)
        poll_store.mark_voted(session, poll.id, user_id)
    return thanks_modal(info, t, replaced=replaced)
