"""App Home: what an owner or a staff member sees in Redflag's Home tab, and the owners' digest preview.

The preview is this week's digest so far (what the next slot will post), in the clicking owner's own
language. Gathering it takes the digest's team-wide signals, longer than Slack's 3-second trigger at
scale, so the listener opens a loading modal first (`views.home.preview_loading`) and puts
`digest_preview_or_reason` in it.
"""

from __future__ import annotations

from datetime import timedelta

from slack_sdk.models.views import View

from bot.deps import Deps
from bot.domain.risk import WATCH_MIN_SCORE, quadrant, score_all, watch_list
from bot.domain.severity import Severity
from bot.errors import NotAllowed
from bot.flows.digest import preview_week, report_line
from bot.flows.loading import gathered_or_reason
from bot.flows.signals import open_poll, payment_alerts, team_signals
from bot.i18n import N_, Translator
from bot.views.digest import WatchEntry, digest_modal
from bot.views.home import OwnerHome, StaffHome, owner_home, preview_failed, staff_home
from storage import reports as report_store


OWN_REPORTS = 20
NEWEST = 5
ALERTS_SINCE = timedelta(days=90)
PREVIEW_OWNERS_ONLY = N_("The digest preview is for owners only. To tell the owners about a client, use `/redflag` "
                         "(you can file it anonymously).")


def home_view(deps: Deps, t: Translator, *, team_id: str, user_id: str) -> View:
    """The Home tab of `user_id`, in `t`'s language (their own)."""
    with deps.session_factory.begin() as session:
        signals = team_signals(session, team_id=team_id, today=deps.today())
        own = [report_line(r, signals) for r in
               report_store.list_reports(session, team_id=team_id, reporter_user_id=user_id, limit=OWN_REPORTS)]
        poll = open_poll(session, team_id=team_id, now=deps.now())
        if not deps.is_owner(user_id):
            return staff_home(StaffHome(tuple(own), poll), t)
        scores = score_all(signals.facts, today=deps.today(), half_life_days=deps.settings.risk_half_life_days)
        watch = tuple(WatchEntry(s.client_id, s.name, s.score, None, s.top_reasons(), quadrant(s))
                      for s in watch_list(scores))
        dealbreakers = tuple(report_line(r, signals) for r in signals.reports
                             if r.severity == Severity.DEALBREAKER)[:NEWEST]
        alerts = tuple(payment_alerts(session, team_id=team_id, signals=signals,
                                      since=deps.now() - ALERTS_SINCE)[:NEWEST])
        return owner_home(OwnerHome(watch, dealbreakers, alerts, tuple(own), poll, WATCH_MIN_SCORE,
                                    deps.settings.digest_show_reporters), t)


def check_preview(deps: Deps, user_id: str) -> None:
    """NotAllowed unless `user_id` is an owner: checked before any modal opens."""
    if not deps.is_owner(user_id):
        raise NotAllowed(PREVIEW_OWNERS_ONLY)


def digest_preview(deps: Deps, t: Translator, *, team_id: str, user_id: str) -> View:
    """This week's digest so far as a modal, in `t`'s language (the owner's own); NotAllowed for anyone else."""
    check_preview(deps, user_id)
    return digest_modal(preview_week(deps, t, team_id=team_id, now=deps.now()), t, watch_min=WATCH_MIN_SCORE)


def digest_preview_or_reason(deps: Deps, t: Translator, *, team_id: str, user_id: str) -> View:
    """The preview modal; if it cannot be gathered, a modal that says why, so nobody is left watching a spinner."""
    return gathered_or_reason(lambda: digest_preview(deps, t, team_id=team_id, user_id=user_id),
                              lambda reason: preview_failed(reason, t),
                              what="digest preview")  # untranslated: for the log
