"""The risk score: decay, severity weights, payment and poll parts, wording, one minor report."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from bot.domain.risk import (
    ClientFacts,
    Disagreement,
    Overdue,
    Part,
    PaymentSignal,
    PollSignal,
    Quadrant,
    ReportFact,
    mismatch,
    quadrant,
    score_all,
    score_client,
    watch_list,
)
from bot.domain.severity import Severity

TODAY = date(2026, 11, 30)
NOTE, CONCERN, DEALBREAKER = Severity.NOTE, Severity.CONCERN, Severity.DEALBREAKER


def report(severity: Severity, days_ago: int, *categories: str) -> ReportFact:
    return ReportFact(severity, TODAY - timedelta(days=days_ago), categories)


def facts(name: str = "Acme", *reports: ReportFact, client_id: int = 1, **kw: object) -> ClientFacts:
    return ClientFacts(client_id, name, tuple(reports), **kw)  # type: ignore[arg-type]


def score(*reports: ReportFact, half_life: float = 90, **kw: object):  # type: ignore[no-untyped-def]
    return score_client(facts("Acme", *reports, **kw), today=TODAY, half_life_days=half_life)


def english(texts) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """Reasons are Msgs, translated where shown; str() is the English text."""
    return tuple(str(text) for text in texts)


@pytest.mark.parametrize(("days_ago", "half_life", "points"), [
    (0, 90, 3.0), (90, 90, 1.5), (180, 90, 0.75), (30, 30, 1.5), (60, 30, 0.75), (365, 365, 1.5),
])
def test_a_red_flag_fades_by_half_every_half_life(days_ago, half_life, points):
    assert score(report(CONCERN, days_ago), half_life=half_life).part(Part.BEHAVIOUR) == pytest.approx(points)


def test_reports_dated_after_today_do_not_count_yet():
    assert score(report(DEALBREAKER, -3)).score == 0


@pytest.mark.parametrize(("severity", "points"), [(NOTE, 1.0), (CONCERN, 3.0), (DEALBREAKER, 10.0)])
def test_severity_weights(severity, points):
    assert score(report(severity, 0)).points == pytest.approx(points)


def test_more_and_fresher_evidence_scores_higher_but_never_past_100():
    one = score(report(CONCERN, 10)).score
    two = score(report(CONCERN, 10), report(CONCERN, 20)).score
    older = score(report(CONCERN, 200), report(CONCERN, 220)).score
    assert older < one < two
    flood = score(*[report(DEALBREAKER, d) for d in range(40)]).score
    assert flood <= 100 and flood > two


def test_reasons_count_reports_by_severity_in_plain_words():
    reasons = score(report(DEALBREAKER, 3), report(DEALBREAKER, 25), report(CONCERN, 50), report(NOTE, 2)).top_reasons()
    reasons = english(reasons)
    assert reasons == ("2 dealbreakers in the last 30 days", "1 concern in the last 90 days", "1 note in the last 7 days")


def test_older_reports_are_named_as_fading():
    reasons = english(score(report(CONCERN, 100), report(CONCERN, 160)).top_reasons())
    assert reasons == ("2 concerns 3–5 months ago, fading",)


def test_payment_part_by_aging_bucket_sized_against_revenue():
    payment = PaymentSignal(overdue=(Overdue("61-90", "EUR", Decimal("4200")), Overdue("1-30", "EUR", Decimal("800"))))
    same_size = score(payment=payment, mrr=Decimal("4200"), currency="EUR")
    assert english(same_size.top_reasons()) == ("€4,200 overdue 61–90 days", "€800 overdue 1–30 days")
    assert same_size.payment == pytest.approx(5.0 + 1.0 * 0.5)  # 61–90 is 5 points × 1; a small 1–30 counts ½
    double = score(payment=payment, mrr=Decimal("2100"), currency="EUR")
    assert double.reasons[0].points == pytest.approx(10.0)  # twice the monthly revenue: capped at 2×
    unknown = score(payment=payment)
    assert unknown.reasons[0].points == pytest.approx(5.0)


def test_amounts_in_different_currencies_are_never_summed():
    payment = PaymentSignal(overdue=(Overdue("90+", "EUR", Decimal("1200.50")), Overdue("90+", "USD", Decimal("300")),
                                     Overdue("90+", "EUR", Decimal("800"))))
    assert english(score(payment=payment).top_reasons()) == ("€2,000.50 + $300 overdue more than 90 days",)


def test_lateness_trend_disputes_and_late_payments():
    payment = PaymentSignal(days_late_recent=20.0, days_late_before=8.0, disputed=2, late_last_12_months=5)
    result = score(payment=payment)
    assert english(result.top_reasons()) == (
        "2 disputed invoices",
        "5 late payments in the last 12 months",
        "Paying 12 days later than in the 90 days before (8 → 20 days late on average)",
    )
    assert result.payment == pytest.approx(4.0 + 2.5 + 12 / 5)


def test_an_improving_payer_gets_no_trend_points():
    assert score(payment=PaymentSignal(days_late_recent=4.0, days_late_before=20.0)).score == 0


def test_poll_part():
    first = score(poll=PollSignal("2026", rank=1, named=5, ballots=7))
    assert english(first.top_reasons()) == ("#1 in the 2026 poll, named on 5 of 7 ballots",)
    assert first.part(Part.POLL) == pytest.approx(8 * 5 / 7 + 2)
    third = score(poll=PollSignal("2026-Q4", rank=3, named=2, ballots=7))
    assert third.part(Part.POLL) == pytest.approx(8 * 2 / 7)
    assert score(poll=PollSignal("2026", rank=9, named=0, ballots=7)).score == 0


def test_a_single_minor_report_never_tops_the_watch_list():
    note_today = facts("Pizzeria", report(NOTE, 0), client_id=1)
    older_concerns = facts("Bianchi", report(CONCERN, 60), report(CONCERN, 75), client_id=2)
    faded = facts("Conti", report(CONCERN, 300), client_id=3)
    scores = score_all([note_today, older_concerns, faded], today=TODAY)
    assert [s.name for s in watch_list(scores)] == ["Bianchi"]
    alone = score_all([note_today, facts("Quiet", client_id=4)], today=TODAY)
    assert watch_list(alone) == []


def test_a_single_dealbreaker_does_reach_the_watch_list():
    scores = score_all([facts("Acme", report(DEALBREAKER, 1))], today=TODAY)
    assert [s.name for s in watch_list(scores)] == ["Acme"]


@pytest.mark.parametrize(("reports", "payment", "expected"), [
    ((), None, Quadrant.FINE),
    ((report(CONCERN, 1),), None, Quadrant.BEHAVIOUR),
    ((), PaymentSignal(overdue=(Overdue("31-60", "EUR", Decimal(900)),)), Quadrant.PAYMENT),
    ((report(DEALBREAKER, 5),), PaymentSignal(overdue=(Overdue("90+", "EUR", Decimal(900)),)), Quadrant.BOTH),
    ((report(NOTE, 1),), PaymentSignal(overdue=(Overdue("1-30", "EUR", Decimal(50)),)), Quadrant.FINE),
])
def test_quadrant(reports, payment, expected):
    result = score(*reports, payment=payment)
    assert quadrant(result) is expected
    assert str(expected.action)


def test_disagreement_team_names_it_but_numbers_are_fine():
    client = facts("Conti", poll=PollSignal("2026", rank=2, named=4, ballots=7), payment=PaymentSignal())
    found = mismatch(client, score_client(client, today=TODAY), today=TODAY)
    assert found is not None and found.kind is Disagreement.TEAM_ONLY
    assert str(found.text) == "The team named it #2 in the 2026 poll (4 of 7 ballots), yet it pays on time."


def test_disagreement_numbers_bad_but_nobody_complains():
    client = facts("Mulder", payment=PaymentSignal(overdue=(Overdue("61-90", "EUR", Decimal("3100")),)))
    found = mismatch(client, score_client(client, today=TODAY), today=TODAY)
    assert found is not None and found.kind is Disagreement.NUMBERS_ONLY
    assert str(found.text) == "€3,100 overdue 61–90 days, yet nobody has reported a problem in the last 12 months."


def test_no_disagreement_without_invoices_or_when_both_agree():
    named = facts("Conti", poll=PollSignal("2026", rank=2, named=4, ballots=7))
    assert mismatch(named, score_client(named, today=TODAY), today=TODAY) is None
    both = facts("Acme", report(CONCERN, 10), payment=PaymentSignal(overdue=(Overdue("90+", "EUR", Decimal(500)),)))
    assert mismatch(both, score_client(both, today=TODAY), today=TODAY) is None
