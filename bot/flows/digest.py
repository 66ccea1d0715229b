"""Building the owners' weekly digest of one ISO week: the facts, the scores, the message, the chart.

The digest of week W is the one posted at W's slot (DIGEST_DAY DIGEST_TIME in
TIMEZONE); it covers what became known from the previous slot up to that one.
It is a channel post, so it speaks the workspace's LANGUAGE (`locales.for_team`); an owner's preview
from App Home (`preview_week`) speaks that owner's own language.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.charts import pareto_chart
from bot.deps import Deps
from bot.domain.pareto import ClientShare, ShareRow, main_currency, pareto, share_rows
from bot.domain.risk import WATCH_MIN_SCORE, Quadrant, add_by_currency, mismatch, quadrant, score_all, watch_list
from bot.domain.schedule import WeeklySlot, digest_period, latest_slot, week_key
from bot.domain.severity import Severity
from bot.domain.taxonomy import shown_label
from bot.errors import UserError
from bot.flows import locales
from bot.flows.signals import TeamSignals, payment_alerts, poll_status, week_signals
from bot.i18n import N_, Translator
from bot.settings import Settings
from bot.views.digest import Digest, ReportLine, WatchEntry, digest_message
from storage.models import Report


@dataclass(frozen=True)
class RenderedDigest:
    digest: Digest
    text: str
    blocks: list[dict]
    chart: bytes | None  # PNG, when monthly revenue is known


def weekly_slot(settings: Settings) -> WeeklySlot:
    return WeeklySlot(settings.digest_weekday, settings.digest_at, settings.tz)


def render_week(deps: Deps, *, team_id: str, week: str, now: datetime) -> RenderedDigest:
    """The digest of `week` as it stands at `now` (a week still running is shown "so far"), in the workspace's
    LANGUAGE (a channel post)."""
    t = locales.for_team(deps)
    digest, shares = collect_week(deps, t, team_id=team_id, week=week, now=now)
    text, blocks = digest_message(digest, t, watch_min=WATCH_MIN_SCORE)
    chart = None
    if digest.pareto is not None and shares:
        chart = pareto_chart(shares, t, title=t.gettext("Share of revenue against share of red flags"),
                             subtitle=t.gettext("{sentence} (week {week})", sentence=digest.pareto.sentence(),
                                                week=week))
    return RenderedDigest(digest, text, blocks, chart)


def preview_week(deps: Deps, t: Translator, *, team_id: str, now: datetime) -> Digest:
    """This week's digest so far, in `t`'s language (an owner's own, for the App Home preview): what the next slot
    will post, from the last slot up to `now`. No chart."""
    return collect_week(deps, t, team_id=team_id, week=upcoming_week(weekly_slot(deps.settings), now), now=now)[0]


def upcoming_week(slot: WeeklySlot, now: datetime) -> str:
    """The ISO week of the first slot after `now`: the digest that is being gathered."""
    _, last = latest_slot(slot, now)
    return week_key(last.astimezone(slot.tz).date() + timedelta(days=7))


def collect_week(deps: Deps, t: Translator, *, team_id: str, week: str,
                 now: datetime) -> tuple[Digest, list[ShareRow]]:
    """`week`'s digest contents as they stand at `now`, and the chart's rows; UserError before the week started."""
    start, end = digest_period(weekly_slot(deps.settings), week)
    if start > now:
        raise UserError(N_("Week {week} has not started yet: its digest covers from {start}.", week=week,
                           start=start.astimezone(deps.settings.tz)))
    with deps.session_factory.begin() as session, _cyclic_gc_paused():
        return collect(session, deps.settings, t, team_id=team_id, week=week, start=start, end=min(end, now),
                       so_far=end > now)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Gathering a large team's week allocates some 500,000 small objects (counted red flags, facts, scores)
    that live until the digest is built; Python's cyclic collector kept re-scanning them and took half of
    the CPU (benchmarks/, digest). Reference counting still frees everything; the collector resumes after.
    Safe with several threads: whoever paused it resumes it, a nested or concurrent pause changes nothing."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def collect(session: Session, settings: Settings, t: Translator, *, team_id: str, week: str, start: datetime,
            end: datetime, so_far: bool) -> tuple[Digest, list[ShareRow]]:
    """The digest's contents from storage, and the chart's rows; the poll headline in t's language."""
    tz, half_life = settings.tz, settings.risk_half_life_days
    today, then = end.astimezone(tz).date(), start.astimezone(tz).date()
    both = week_signals(session, team_id=team_id, start=start, end=end, today=today, then=then)
    now_signals = both.now
    scores = score_all(now_signals.facts, today=today, half_life_days=half_life)
    previous = {s.client_id: s.score for s in score_all(both.then, today=then, half_life_days=half_life)}
    facts = {f.client_id: f for f in now_signals.facts}
    quadrants: dict[Quadrant, list[str]] = {}
    for score in scores:
        quadrants.setdefault(quadrant(score), []).append(score.name)
    new = now_signals.reports  # those that became known in the week, newest first
    rows, currency = pareto_rows(now_signals, both.flagged_last_year)
    digest = Digest(
        week=week, start=start.astimezone(tz), end=end.astimezone(tz), so_far=so_far,
        new_reports=tuple(report_line(r, now_signals) for r in new),
        overdue=add_by_currency((o.currency, o.amount) for f in now_signals.facts if f.payment
                                for o in f.payment.overdue if o.amount > 0),
        watch=tuple(WatchEntry(s.client_id, s.name, s.score, previous.get(s.client_id, 0), s.top_reasons(), quadrant(s))
                    for s in watch_list(scores)),
        quadrants={q: tuple(names) for q, names in quadrants.items() if q is not Quadrant.FINE},
        mismatches=tuple(m for s in scores if (m := mismatch(facts[s.client_id], s, today=today))),
        poll_status=poll_status(session, t, team_id=team_id, at=end, tz=tz),
        payment_alerts=tuple(payment_alerts(session, team_id=team_id, signals=now_signals, since=start, until=end)),
        pareto=pareto(rows, currency=currency) if currency else None,
        show_reporters=settings.digest_show_reporters,
        half_life_days=half_life,
    )
    return digest, share_rows(rows)


def report_line(report: Report, signals: TeamSignals) -> ReportLine:
    """A report as the digest, App Home and the dossier list it: default category labels translatable."""
    client = signals.clients.get(report.client_id)
    labels = tuple(shown_label(k, signals.labels.get(k, k)) for k in report.categories)
    return ReportLine(report.id, report.client_id, client.name if client else f"#{report.client_id}",
                      Severity(report.severity), labels, report.description, report.occurred_on, report.reporter_user_id)


def pareto_rows(signals: TeamSignals, flagged: dict[int, int]) -> tuple[list[ClientShare], str | None]:
    """Clients with a known MRR in the main currency, with their red flags of the last 12 months (`flagged`)."""
    known = [c for c in signals.clients.values() if c.mrr is not None]
    currency = main_currency([c.currency for c in known])
    rows = [ClientShare(c.id, c.name, c.mrr, flagged.get(c.id, 0))  # type: ignore[arg-type]
            for c in known if c.currency == currency]
    return rows, currency
