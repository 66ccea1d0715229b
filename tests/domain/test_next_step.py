"""The dossier's suggested next step, the offboarding checklist and the draft termination letter."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from bot.domain.next_step import Step, next_step, offboarding_checklist, termination_letter
from bot.domain.risk import ClientFacts, Overdue, PaymentSignal, ReportFact, score_client
from bot.domain.severity import Severity

TODAY = date(2026, 11, 30)
LABELS = {"abusive": "Abusive or unprofessional treatment", "late_materials": "Late with materials"}


def report(severity: str, days_ago: int, *categories: str) -> ReportFact:
    return ReportFact(Severity(severity), TODAY - timedelta(days=days_ago), categories)


def step_of(facts: ClientFacts, *, profitable: bool = False):  # type: ignore[no-untyped-def]
    return next_step(facts, score_client(facts, today=TODAY), today=TODAY, profitable=profitable)


def acme(*reports: ReportFact, **kw: object) -> ClientFacts:
    return ClientFacts(1, "Acme Logistics", tuple(reports), **kw)  # type: ignore[arg-type]


LATE = PaymentSignal(overdue=(Overdue("61-90", "EUR", Decimal("4200")),), late_last_12_months=4)


@pytest.mark.parametrize(("facts", "profitable", "expected", "first_reason"), [
    (acme(), False, Step.KEEP_WATCHING, "nothing recorded that needs action"),
    (acme(report("note", 3)), False, Step.KEEP_WATCHING, "1 note in the last 7 days"),
    (acme(report("concern", 3, "scope_creep")), False, Step.TALK, "mistreats the team only"),
    (acme(report("concern", 3, "scope_creep")), True, Step.RAISE_PRICES, "difficult but profitable (in the top half"),
    (acme(payment=LATE), True, Step.TALK, "pays late only"),
    (acme(report("dealbreaker", 10, "abusive")), False, Step.PLAN_EXIT, "abusive treatment of staff reported as a dealbreaker"),
    (acme(report("dealbreaker", 10, "security"), report("dealbreaker", 200, "security")), False, Step.PLAN_EXIT,
     "2 dealbreakers in the last 12 months"),
    (acme(report("concern", 5), report("concern", 9), report("concern", 20), payment=LATE, mrr=Decimal(2100),
          currency="EUR"), True, Step.PLAN_EXIT, "pays late and mistreats the team (score"),
])
def test_suggested_next_step(facts, profitable, expected, first_reason):
    step = step_of(facts, profitable=profitable)
    assert step.step is expected
    assert str(step.reasons[0]).startswith(first_reason)


def test_raise_prices_names_the_revenue():
    step = step_of(acme(report("concern", 3), mrr=Decimal("4200"), currency="EUR"), profitable=True)
    assert str(step.reasons[0]).startswith("difficult but profitable (€4,200 a month, in the top half of your clients)")


def test_the_checklist_and_letter_come_from_the_facts_and_name_no_one():
    facts = acme(report("dealbreaker", 10, "abusive"), report("concern", 40, "abusive"),
                 report("concern", 50, "late_materials"), report("note", 400, "security"), payment=LATE)
    checklist = [str(item) for item in offboarding_checklist(facts, today=TODAY, labels=LABELS)]
    assert checklist[0].startswith("Check the contract's termination clause")
    assert checklist[1] == ("Give precise, professional reasons: our staff were repeatedly treated in an unprofessional "
                            "way; recurring problems: Late with materials; €4,200 is overdue; 4 payments arrived late "
                            "in the last 12 months.")
    assert "you need not finish the contracted work first" in checklist[2]
    assert any("Refer them" in item for item in checklist) and any("Refund prepaid" in item for item in checklist)
    assert checklist[-1] == "Agree how the €4,200 still open is settled before the handover."
    letter = str(termination_letter(facts, today=TODAY, labels=LABELS))
    assert letter.startswith("Dear Acme Logistics,")
    assert "- Our staff were repeatedly treated in an unprofessional way." in letter
    assert "security" not in letter  # older than 12 months: not a reason any more
    assert "We will complete the work already agreed" not in letter  # abusive: no obligation to finish
    assert "settle the open balance of €4,200" in letter and "[your name]" in letter


def test_without_abuse_the_work_is_finished_first_and_the_letter_says_so():
    facts = acme(report("dealbreaker", 10, "security"), report("dealbreaker", 30, "security"))
    assert "Finish the work already contracted" in str(offboarding_checklist(facts, today=TODAY, labels=LABELS)[2])
    letter = str(termination_letter(facts, today=TODAY, labels=LABELS))
    assert "We will complete the work already agreed." in letter
    assert "- Our security recommendations were not followed" in letter
