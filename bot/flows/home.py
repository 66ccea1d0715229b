"""App Home: what an owner or a staff member sees in Redflag's Home tab."""

from __future__ import annotations

from datetime import timedelta

from slack_sdk.models.views import View

from bot.deps import Deps
from bot.domain.risk import WATCH_MIN_SCORE, quadrant, score_all, watch_list
from bot.domain.severity import Severity
from bot.flows.digest import report_line
from bot.flows.signals import open_poll, payment_alerts, team_signals
from bot.i18n import Translator
from bot.views.digest import WatchEntry
from bot.views.home import OwnerHome, StaffHome, owner_home, staff_home
from storage import reports as report_store

OWN_REPORTS = 20
NEWEST = 5
ALERTS_SINCE = timedelta(days=90)


def home_view(deps: Deps, t: Translator, *, team_id: str, user_id: str) -> View:
    """The Home tab of `user_id`, in `t`'s language (their own)."""
    with deps.session_factory.begin() as session:
        signals = team_signals(session, team_id=team_id, today=deps.today())
        own = [report_line(r, signals) for r in
               report_store.list_reports(session, team_id=team_id, reporter_user_id=user_id, limit=OWN_REPORTS)]
        poll = open_poll(session, team_id=team_id)
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
