"""The client risk score: red flags, payment lateness and the poll, with its reasons in plain words.

Points, added up per client (every weight is here, so an owner's "why?" has an answer):

- Red flags: note 1, concern 3, dealbreaker 10, each fading by half every
  half-life (default 90 days) since the day it happened.
- Payment: money open past due, per aging bucket: 1–30 days 1, 31–60 days 3,
  61–90 days 5, 90+ days 8, times the amount's size against the client's
  monthly revenue in the same currency (½× to 2×) when that is known; the
  lateness trend, 1 point per 5 days paid later on average than in the 90
  days before (at most 4); 2 per disputed invoice (at most 3 counted); ½ per
  late payment in the last 12 months (at most 3 points).
- Poll: 8 × the share of ballots that named the client, and 2 more for #1.

score = 100 × (1 − e^(−points / 12)): points add up, the score never passes 100.
A single note is 1 point (score 8), below the watch list's bar of 15: one
report is a note, not a verdict.

Every text here (reasons, quadrant labels and actions, disagreements) is a `Msg`,
translated by whoever shows it (`t.text(...)`); amounts in them are `Totals`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from bot.domain.periods import shown_period
from bot.domain.severity import Severity
from bot.i18n import N_, Msg, Totals, lazy_ngettext

SEVERITY_POINTS = {Severity.NOTE: 1.0, Severity.CONCERN: 3.0, Severity.DEALBREAKER: 10.0}
AGING_BUCKETS = ("1-30", "31-60", "61-90", "90+")
BUCKET_POINTS = {"1-30": 1.0, "31-60": 3.0, "61-90": 5.0, "90+": 8.0}
DAYS_LATER_PER_POINT, TREND_MAX, TREND_MIN_DAYS = 5.0, 4.0, 3.0
DISPUTE_POINTS, DISPUTES_COUNTED = 2.0, 3
LATE_POINTS, LATE_MAX = 0.5, 3.0
POLL_SHARE_POINTS, POLL_FIRST_BONUS = 8.0, 2.0
SCALE = 12.0
WATCH_MIN_SCORE = 15
TEAM_MIN, PAYMENT_MIN = 2.5, 3.0  # points that make "mistreats the team" / "pays late" true
RECENT_DAYS = 90


@dataclass(frozen=True, slots=True)
class ReportFact:
    severity: Severity
    occurred_on: date
    categories: tuple[str, ...] = ()
    count: int = 1  # reports alike in severity and day, counted together (categories then left out)


@dataclass(frozen=True)
class Overdue:
    bucket: str  # one of AGING_BUCKETS
    currency: str
    amount: Decimal


@dataclass(frozen=True)
class PaymentSignal:
    overdue: tuple[Overdue, ...] = ()
    days_late_recent: float | None = None  # average days late, last 90 days
    days_late_before: float | None = None  # the 90 days before that
    disputed: int = 0
    late_last_12_months: int = 0


@dataclass(frozen=True)
class PollSignal:
    period: str  # "2026", "2026-Q4"
    rank: int
    named: int  # ballots that named the client
    ballots: int  # ballots cast


@dataclass(frozen=True)
class ClientFacts:
    client_id: int
    name: str
    reports: tuple[ReportFact, ...] = ()
    payment: PaymentSignal | None = None  # None: no invoices known
    poll: PollSignal | None = None  # None: not named in the latest poll (or no poll)
    mrr: Decimal | None = None
    currency: str | None = None


class Part(StrEnum):
    BEHAVIOUR = "behaviour"
    PAYMENT = "payment"
    POLL = "poll"


@dataclass(frozen=True)
class Reason:
    part: Part
    points: float
    text: Msg  # shown with t.text(reason.text)


@dataclass(frozen=True)
class RiskScore:
    client_id: int
    name: str
    score: int  # 0–100
    reasons: tuple[Reason, ...]  # strongest first

    def part(self, part: Part) -> float:
        return sum(r.points for r in self.reasons if r.part is part)

    @property
    def points(self) -> float:
        return sum(r.points for r in self.reasons)

    @property
    def team(self) -> float:
        """What the team says: red flags and the poll."""
        return self.part(Part.BEHAVIOUR) + self.part(Part.POLL)

    @property
    def payment(self) -> float:
        return self.part(Part.PAYMENT)

    def top_reasons(self, count: int = 3) -> tuple[Msg, ...]:
        return tuple(r.text for r in self.reasons[:count])


def add_by_currency(items: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    """Amounts added up per currency (code → total), never across currencies: the `Totals` of a `Msg`."""
    totals: dict[str, Decimal] = {}
    for currency, amount in items:
        totals[currency] = totals.get(currency, Decimal(0)) + amount
    return totals


def severity_count(severity: Severity, count: int) -> Msg:
    """"1 dealbreaker", "3 concerns"."""
    if severity is Severity.DEALBREAKER:
        return lazy_ngettext("{n} dealbreaker", "{n} dealbreakers", count)
    if severity is Severity.CONCERN:
        return lazy_ngettext("{n} concern", "{n} concerns", count)
    return lazy_ngettext("{n} note", "{n} notes", count)


def score_client(facts: ClientFacts, *, today: date, half_life_days: float = 90) -> RiskScore:
    """The score of one client on `today`, with every reason that contributed."""
    reasons = [
        *_report_reasons(facts.reports, today, half_life_days),
        *_payment_reasons(facts.payment, facts.mrr, facts.currency),
        *_poll_reasons(facts.poll),
    ]
    reasons = sorted((r for r in reasons if r.points > 0), key=lambda r: -r.points)
    points = sum(r.points for r in reasons)
    return RiskScore(facts.client_id, facts.name, round(100 * (1 - math.exp(-points / SCALE))), tuple(reasons))


def score_all(facts: Iterable[ClientFacts], *, today: date, half_life_days: float = 90) -> list[RiskScore]:
    """Scores of all clients, highest first (ties: more points, then name)."""
    scores = [score_client(f, today=today, half_life_days=half_life_days) for f in facts]
    return sorted(scores, key=lambda s: (-s.score, -s.points, s.name.casefold()))


def watch_list(scores: Sequence[RiskScore]) -> list[RiskScore]:
    """Clients worth an owner's attention, riskiest first. A single note never qualifies."""
    return [s for s in sorted(scores, key=lambda s: (-s.score, -s.points, s.name.casefold()))
            if s.score >= WATCH_MIN_SCORE]


@dataclass
class _Tally:
    """Red flags of one severity, recent or older: decayed points, how many, youngest and oldest age."""

    points: float = 0.0
    count: int = 0
    youngest: int = 1 << 30
    oldest: int = -1


def _report_reasons(reports: Sequence[ReportFact], today: date, half_life: float) -> list[Reason]:
    tallies: dict[tuple[Severity, bool], _Tally] = {}
    day = today.toordinal()
    for report in reports:  # one pass: the digest scores ~130,000 counted rows twice, so no calls per row
        age = day - report.occurred_on.toordinal()
        if age < 0:
            continue
        tally = tallies.get(key := (report.severity, age <= RECENT_DAYS))
        if tally is None:
            tally = tallies[key] = _Tally()
        tally.points += report.count * SEVERITY_POINTS[report.severity] * 0.5 ** (age / half_life)  # halves every half_life days
        tally.count += report.count
        if age < tally.youngest:
            tally.youngest = age
        if age > tally.oldest:
            tally.oldest = age
    reasons = []
    for severity in (Severity.DEALBREAKER, Severity.CONCERN, Severity.NOTE):
        if recent := tallies.get((severity, True)):
            reasons.append(Reason(Part.BEHAVIOUR, recent.points, N_(
                "{reports} in the last {days} days", reports=severity_count(severity, recent.count),
                days=_window(recent.oldest))))
        if older := tallies.get((severity, False)):
            low, high = older.youngest // 30, older.oldest // 30
            counted = severity_count(severity, older.count)
            when = (N_("{reports} {months} months ago, fading", reports=counted, months=low) if low == high else
                    N_("{reports} {low}–{high} months ago, fading", reports=counted, low=low, high=high))
            reasons.append(Reason(Part.BEHAVIOUR, older.points, when))
    return reasons


def _window(age: int) -> int:
    """The shortest of 7, 30 and 90 days that covers `age`."""
    return next((days for days in (7, 30) if age <= days), RECENT_DAYS)


def _payment_reasons(payment: PaymentSignal | None, mrr: Decimal | None, currency: str | None) -> list[Reason]:
    if payment is None:
        return []
    reasons = []
    for bucket in AGING_BUCKETS:
        totals = add_by_currency((o.currency, o.amount) for o in payment.overdue if o.bucket == bucket and o.amount > 0)
        if not totals:
            continue
        size = sum(float(amount / mrr) if mrr and currency == cur else 1.0 for cur, amount in totals.items())
        points = BUCKET_POINTS[bucket] * min(max(size, 0.5), 2.0)
        reasons.append(Reason(Part.PAYMENT, points, _overdue_text(bucket, Totals(totals))))
    if payment.days_late_recent is not None and payment.days_late_before is not None:
        worse = payment.days_late_recent - payment.days_late_before
        if worse >= TREND_MIN_DAYS:
            reasons.append(Reason(Part.PAYMENT, min(TREND_MAX, worse / DAYS_LATER_PER_POINT), N_(
                "Paying {days} days later than in the 90 days before ({before} → {recent} days late on average)",
                days=round(worse), before=round(payment.days_late_before), recent=round(payment.days_late_recent))))
    if payment.disputed:
        reasons.append(Reason(Part.PAYMENT, DISPUTE_POINTS * min(payment.disputed, DISPUTES_COUNTED),
                              lazy_ngettext("{n} disputed invoice", "{n} disputed invoices", payment.disputed)))
    if payment.late_last_12_months:
        reasons.append(Reason(Part.PAYMENT, min(LATE_MAX, LATE_POINTS * payment.late_last_12_months),
                              lazy_ngettext("{n} late payment in the last 12 months",
                                            "{n} late payments in the last 12 months", payment.late_last_12_months)))
    return reasons


def _overdue_text(bucket: str, amount: Totals) -> Msg:
    """One whole sentence per aging bucket, so that each language words it its own way."""
    if bucket == "1-30":
        return N_("{amount} overdue 1–30 days", amount=amount)
    if bucket == "31-60":
        return N_("{amount} overdue 31–60 days", amount=amount)
    if bucket == "61-90":
        return N_("{amount} overdue 61–90 days", amount=amount)
    return N_("{amount} overdue more than 90 days", amount=amount)


def _poll_reasons(poll: PollSignal | None) -> list[Reason]:
    if poll is None or poll.named <= 0 or poll.ballots <= 0:
        return []
    points = POLL_SHARE_POINTS * poll.named / poll.ballots + (POLL_FIRST_BONUS if poll.rank == 1 else 0.0)
    return [Reason(Part.POLL, points, N_("#{rank} in the {period} poll, named on {named} of {ballots} ballots",
                                         rank=poll.rank, period=shown_period(poll.period), named=poll.named,
                                         ballots=poll.ballots))]


class Quadrant(StrEnum):
    """Behaviour × payment: what the team says against what the numbers say."""

    BOTH = "both"
    PAYMENT = "payment"
    BEHAVIOUR = "behaviour"
    FINE = "fine"

    @property
    def label(self) -> Msg:
        return QUADRANT_WORDS[self][0]

    @property
    def action(self) -> Msg:
        return QUADRANT_WORDS[self][1]


QUADRANT_WORDS: dict[Quadrant, tuple[Msg, Msg]] = {
    Quadrant.BOTH: (N_("Pays late and mistreats the team"),
                    N_("Plan an exit: check the contract's termination clause; the dossier has the checklist.")),
    Quadrant.PAYMENT: (N_("Pays late only"),
                       N_("Tighten the terms: payment in advance or by direct debit, and chase what is open.")),
    Quadrant.BEHAVIOUR: (N_("Mistreats the team only"),
                         N_("Talk to the client and set clear expectations; raise the price if it is profitable, "
                            "plan an exit if it is abusive.")),
    Quadrant.FINE: (N_("Fine"), N_("Nothing to do: keep watching.")),
}


def quadrant(score: RiskScore) -> Quadrant:
    bad_team, bad_payment = score.team >= TEAM_MIN, score.payment >= PAYMENT_MIN
    if bad_team and bad_payment:
        return Quadrant.BOTH
    if bad_payment:
        return Quadrant.PAYMENT
    return Quadrant.BEHAVIOUR if bad_team else Quadrant.FINE


class Disagreement(StrEnum):
    TEAM_ONLY = "team"  # the team names it among the worst, the numbers look fine
    NUMBERS_ONLY = "numbers"  # the numbers are bad, nobody complains


@dataclass(frozen=True)
class Mismatch:
    client_id: int
    name: str
    kind: Disagreement
    text: Msg
    action: Msg


def mismatch(facts: ClientFacts, score: RiskScore, *, today: date) -> Mismatch | None:
    """Where the team and the numbers disagree about a client, if they do.

    The team's side needs the poll (it names the worst clients); the numbers'
    side needs invoices: without invoices there is nothing to disagree with.
    """
    if facts.payment is None:
        return None
    poll = facts.poll
    if poll is not None and poll.named > 0 and poll.rank <= 5 and score.payment < 1.0:
        return Mismatch(facts.client_id, facts.name, Disagreement.TEAM_ONLY,
                        N_("The team named it #{rank} in the {period} poll ({named} of {ballots} ballots), yet it pays "
                           "on time.", rank=poll.rank, period=shown_period(poll.period), named=poll.named,
                           ballots=poll.ballots),
                        N_("Ask the team what they see that the numbers don't."))
    complaints = [r for r in facts.reports if 0 <= (today - r.occurred_on).days <= 365]
    if score.payment >= PAYMENT_MIN and not complaints and (poll is None or poll.named == 0):
        worst = next(r.text for r in score.reasons if r.part is Part.PAYMENT)
        return Mismatch(facts.client_id, facts.name, Disagreement.NUMBERS_ONLY,
                        N_("{reason}, yet nobody has reported a problem in the last 12 months.", reason=worst),
                        N_("Ask the account manager what is going on before it sours."))
    return None
