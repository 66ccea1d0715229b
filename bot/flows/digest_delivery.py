"""Posting the weekly digest exactly once per team and ISO week, and its chart in the thread.

The claim → posting → sent steps, and why a crash while posting is never
retried by itself, are described in storage/models/digests.py. The digest and
its chart speak the workspace's LANGUAGE; a Delivery's message is a Msg (English
in logs, the owner's language where the CLI shows it).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.deps import Deps
from bot.domain.schedule import Verdict, decide
from bot.flows import locales
from bot.flows.digest import RenderedDigest, render_week, weekly_slot
from bot.i18n import N_, Msg
from storage import digests as runs
from storage.digests import RunStatus

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # how long a claim that has not started posting keeps others away
RETRY_AFTER = timedelta(minutes=5)  # after Slack refused a digest, wait this long before trying again
METADATA_TYPE = "redflag_digest"


class Outcome(StrEnum):
    SENT = "sent"
    NOT_DUE = "not due"  # untranslated: an id, logged
    SKIPPED = "skipped"
    TAKEN = "taken"  # another process has it, or it is done
    FAILED = "failed"
    NO_CHANNEL = "no channel"  # untranslated: an id, logged


STATUS_WORDS = {RunStatus.CLAIMED: N_("claimed"), RunStatus.POSTING: N_("posting"), RunStatus.SENT: N_("sent"),
                RunStatus.FAILED: N_("failed"), RunStatus.SKIPPED: N_("skipped")}
NO_CHANNEL = N_("OWNERS_CHANNEL is not set: there is nowhere to post the digest")


@dataclass(frozen=True)
class Delivery:
    outcome: Outcome
    week: str
    message: Msg
    ts: str | None = None


def status_word(status: str) -> Msg | str:
    """A run's status in words ("sent", "posting", …), translatable."""
    return STATUS_WORDS.get(status, status)  # type: ignore[call-overload]


def holder_id() -> str:
    """Who claims: host, process and a nonce (two schedulers in one process are still two holders)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def send_due_digest(deps: Deps, client: WebClient, now: datetime) -> Delivery:
    """The scheduler's tick: send this week's digest if its slot has come and it is not sent yet."""
    team_id = deps.team_id
    grace = timedelta(hours=deps.settings.digest_grace_hours)
    decision = decide(weekly_slot(deps.settings), now, grace=grace)
    with deps.session_factory.begin() as session:
        existing = runs.get_run(session, team_id=team_id, week=decision.week)
        if decision.verdict is Verdict.MISSED:
            if existing is None and runs.record_skipped(session, team_id=team_id, week=decision.week, now=now):
                log.warning("digest %s skipped: its slot %s passed more than %s ago", decision.week,
                            decision.slot_at.isoformat(), grace)
            return Delivery(Outcome.SKIPPED, decision.week, N_("the slot passed beyond the grace period"))
        if existing is not None and existing.status in (RunStatus.SENT, RunStatus.POSTING, RunStatus.SKIPPED):
            return Delivery(Outcome.TAKEN, decision.week, N_("already {status}", status=status_word(existing.status)))
        if existing is not None and existing.status == RunStatus.FAILED and now - existing.updated_at < RETRY_AFTER:
            return Delivery(Outcome.NOT_DUE, decision.week, N_("Slack refused it at {moment}; retrying later",
                                                               moment=existing.updated_at))
    return deliver(deps, client, team_id=team_id, week=decision.week, now=now)


def deliver(deps: Deps, client: WebClient, *, team_id: str, week: str, now: datetime,
            revive_skipped: bool = False) -> Delivery:
    """Claim the week, build the digest, post it, and mark it sent only once Slack said ok."""
    channel = deps.settings.owners_channel
    if not channel:
        return Delivery(Outcome.NO_CHANNEL, week, NO_CHANNEL)
    holder = holder_id()
    with deps.session_factory.begin() as session:
        run = runs.claim_run(session, team_id=team_id, week=week, holder=holder, now=now, lease=LEASE,
                             revive_skipped=revive_skipped)
        if run is None:
            existing = runs.get_run(session, team_id=team_id, week=week)
            state = status_word(existing.status) if existing else N_("unknown")
            return Delivery(Outcome.TAKEN, week, N_(
                "the digest of {week} is {state} (another process or an earlier run)", week=week, state=state))
        run_id = run.id
    rendered = render_week(deps, team_id=team_id, week=week, now=now)
    with deps.session_factory.begin() as session:
        if not runs.mark_posting(session, run_id, holder=holder, now=now):
            return Delivery(Outcome.TAKEN, week,
                            N_("another process took the digest over while this one was building it"))
    try:
        answer = post(client, channel, rendered, week=week)
    except SlackApiError as error:
        reason = str(error.response.get("error") or error)
        with deps.session_factory.begin() as session:
            runs.mark_failed(session, run_id, holder=holder, now=now, error=f"chat.postMessage: {reason}")
        log.warning("digest %s not sent: Slack answered %s; it is retried on the next tick within the grace period",
                    week, reason)
        return Delivery(Outcome.FAILED, week, N_("Slack refused the digest ({reason}); nothing was marked sent",
                                                 reason=reason))
    with deps.session_factory.begin() as session:
        runs.mark_sent(session, run_id, holder=holder, now=now, channel=answer["channel"], message_ts=answer["ts"])
    chart_note = upload_chart(deps, client, rendered, channel=answer["channel"], thread_ts=answer["ts"], run_id=run_id)
    return Delivery(Outcome.SENT, week, N_("digest {week} posted to {channel}{chart}", week=week, channel=channel,
                                           chart=chart_note), answer["ts"])


def post(client: WebClient, channel: str, rendered: RenderedDigest, *, week: str) -> dict:
    """chat.postMessage, retried only on 429 (Slack certainly posted nothing). A connection dropped
    after Slack received the call may mean it did post: that raises, and the run stays "posting"."""
    once = WebClient(token=client.token, base_url=client.base_url, timeout=client.timeout,
                     retry_handlers=[h for h in client.retry_handlers if isinstance(h, RateLimitErrorRetryHandler)])
    answer = once.chat_postMessage(
        channel=channel, text=rendered.text, blocks=rendered.blocks, unfurl_links=False, unfurl_media=False,
        metadata={"event_type": METADATA_TYPE, "event_payload": {"week": week}},
    )
    return {"channel": answer["channel"], "ts": answer["ts"]}


def upload_chart(deps: Deps, client: WebClient, rendered: RenderedDigest, *, channel: str, thread_ts: str,
                 run_id: int | None) -> Msg | str:
    """Upload the Pareto chart as a reply to the digest; a refused upload is recorded, the digest stays sent.
    Returns what to add to the delivery's message: ", chart F…", " (chart not uploaded: …)" or ""."""
    if rendered.chart is None:
        return ""
    line = rendered.digest.pareto
    t = locales.for_team(deps)
    try:
        answer = client.files_upload_v2(
            channel=channel, thread_ts=thread_ts, file=rendered.chart, filename=f"redflag-pareto-{rendered.digest.week}.png",
            title=t.gettext("Revenue share against red-flag share"),
            initial_comment=t.text(line.sentence()) if line else None,
        )
    except SlackApiError as error:
        reason = str(error.response.get("error") or error)
        log.warning("digest %s: chart upload refused (%s)", rendered.digest.week, reason)
        file_id, problem = None, reason
    else:
        file_id, problem = (answer.get("files") or [{}])[0].get("id"), None
    if run_id is not None:
        with deps.session_factory.begin() as session:
            runs.record_chart(session, run_id, file_id=file_id,
                              error=f"chart upload: {problem}" if problem else None)  # untranslated: the run's record
    return N_(", chart {file}", file=file_id) if file_id else N_(" (chart not uploaded: {problem})", problem=problem)


def send_unrecorded(deps: Deps, client: WebClient, *, team_id: str, week: str, now: datetime) -> Delivery:
    """`redflag digest send --force`: post again regardless of the record (an owner checked the channel)."""
    channel = deps.settings.owners_channel
    if not channel:
        return Delivery(Outcome.NO_CHANNEL, week, NO_CHANNEL)
    rendered = render_week(deps, team_id=team_id, week=week, now=now)
    answer = post(client, channel, rendered, week=week)
    note = upload_chart(deps, client, rendered, channel=answer["channel"], thread_ts=answer["ts"], run_id=None)
    return Delivery(Outcome.SENT, week, N_("digest {week} posted again to {channel}{chart}", week=week, channel=channel,
                                           chart=note), answer["ts"])
