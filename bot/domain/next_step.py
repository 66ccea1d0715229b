"""What an owner could do next about a client, and, for an exit, how to end it well.

The steps come from the domain brief: keep watching; talk to the client and set
clear expectations; raise the price of a client who is difficult but
profitable; plan an exit. For an exit: the offboarding checklist and a short
termination letter built from the recorded facts, for the owner to edit. The
letter names kinds of problems and payment facts, never who reported what.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from bot.domain.money import add_by_currency, format_money, format_totals
from bot.domain.risk import WATCH_MIN_SCORE, ClientFacts, Quadrant, ReportFact, RiskScore, plural, quadrant
from bot.domain.severity import Severity

EXIT_SCORE = 60
YEAR = 365


class Step(StrEnum):
    KEEP_WATCHING = "watch"
    TALK = "talk"
    RAISE_PRICES = "raise"
    PLAN_EXIT = "exit"

    @property
    def label(self) -> str:
        return {"watch": "Keep watching", "talk": "Talk to the client",
                "raise": "Raise prices (difficult but profitable)", "exit": "Plan an exit"}[self.value]


@dataclass(frozen=True)
class NextStep:
    step: Step
    reasons: tuple[str, ...]


# How a kind of problem reads in a letter to the client: factual, professional, nobody named.
LETTER_REASONS = {
    "abusive": "our staff were repeatedly treated in an unprofessional way",
    "ignores_advice": "our expert advice was repeatedly not followed",
    "security": "our security recommendations were not followed, a risk we cannot carry for you",
    "scope_creep": "requests regularly went beyond the agreed scope of our contract",
    "payment": "invoices were disputed or paid late",
    "communication": "communication became erratic, which made it hard to deliver a good service",
}


def _last_year(facts: ClientFacts, today: date) -> list[ReportFact]:
    return [r for r in facts.reports if 0 <= (today - r.occurred_on).days <= YEAR]


def next_step(facts: ClientFacts, score: RiskScore, *, today: date, profitable: bool) -> NextStep:
    """The suggested step with the reasons behind it. `profitable`: MRR in the top half of clients."""
    recent = _last_year(facts, today)
    dealbreakers = [r for r in recent if r.severity is Severity.DEALBREAKER]
    abusive = [r for r in dealbreakers if "abusive" in r.categories]
    where = quadrant(score)
    why = list(score.top_reasons())
    if abusive or len(dealbreakers) >= 2 or (where is Quadrant.BOTH and score.score >= EXIT_SCORE):
        if abusive:
            why.insert(0, "abusive treatment of staff reported as a dealbreaker: grounds for an immediate exit")
        elif len(dealbreakers) >= 2:
            why.insert(0, f"{plural(len(dealbreakers), 'dealbreaker')} in the last 12 months")
        else:
            why.insert(0, f"pays late and mistreats the team (score {score.score})")
        return NextStep(Step.PLAN_EXIT, tuple(why))
    if where is Quadrant.BEHAVIOUR and profitable:
        revenue = f"{format_money(facts.mrr, facts.currency)} a month, " if facts.mrr is not None else ""
        why.insert(0, f"difficult but profitable ({revenue}in the top half of your clients): "
                      "a higher price pays for the extra effort")
        return NextStep(Step.RAISE_PRICES, tuple(why))
    if where is not Quadrant.FINE or score.score >= WATCH_MIN_SCORE:
        why.insert(0, where.label.lower() if where is not Quadrant.FINE else f"on the watch list (score {score.score})")
        return NextStep(Step.TALK, tuple(why))
    return NextStep(Step.KEEP_WATCHING, tuple(why) or ("nothing recorded that needs action",))


def letter_reasons(facts: ClientFacts, *, today: date, labels: Mapping[str, str]) -> list[str]:
    """Precise, professional reasons drawn from the recorded facts (kinds of problems, payments)."""
    counts: dict[str, int] = {}
    for report in _last_year(facts, today):
        for key in report.categories:
            counts[key] = counts.get(key, 0) + 1
    reasons = []
    for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if key in LETTER_REASONS:
            reasons.append(LETTER_REASONS[key])
        elif key != "other":
            reasons.append(f"recurring problems: {labels.get(key, key).lower()}")
    payment = facts.payment
    if payment is not None:
        open_totals = _overdue(facts)
        if open_totals:
            reasons.append(f"{format_totals(open_totals)} is overdue")
        if payment.late_last_12_months:
            reasons.append(f"{plural(payment.late_last_12_months, 'payment')} arrived late in the last 12 months")
    return reasons


def _overdue(facts: ClientFacts) -> dict[str, Decimal]:
    if facts.payment is None:
        return {}
    return add_by_currency((o.currency, o.amount) for o in facts.payment.overdue if o.amount > 0)


def offboarding_checklist(facts: ClientFacts, *, today: date, labels: Mapping[str, str]) -> list[str]:
    """The steps of ending it well (domain brief), filled in with this client's facts."""
    abusive = any("abusive" in r.categories and r.severity is Severity.DEALBREAKER for r in _last_year(facts, today))
    reasons = letter_reasons(facts, today=today, labels=labels)
    items = [
        "Check the contract's termination clause and notice period before you say anything.",
        "Give precise, professional reasons: " + ("; ".join(reasons) if reasons else "write them down first") + ".",
        "The client has been abusive: you need not finish the contracted work first."
        if abusive else "Finish the work already contracted before the end date.",
        "Help with the transition: documentation, credentials and a handover call with the next provider.",
        "Refer them to a provider better suited to them.",
        "Prepare a short script for the conversation, and have it in person or on a call, not by mail.",
        "Refund prepaid amounts where owed (yearly licences, prepaid hours).",
    ]
    if overdue := _overdue(facts):
        items.append(f"Agree how the {format_totals(overdue)} still open is settled before the handover.")
    return items


def termination_letter(facts: ClientFacts, *, today: date, labels: Mapping[str, str]) -> str:
    """A short draft termination letter for the owner to edit."""
    reasons = letter_reasons(facts, today=today, labels=labels) or ["[write the reasons here]"]
    abusive = any("abusive" in r.categories and r.severity is Severity.DEALBREAKER for r in _last_year(facts, today))
    finish = "" if abusive else "We will complete the work already agreed. "
    overdue = _overdue(facts)
    settle = f"\n\nWe ask you to settle the open balance of {format_totals(overdue)} before the handover." if overdue else ""
    lines = "\n".join(f"- {r[:1].upper()}{r[1:]}." for r in reasons)
    return (
        f"Dear {facts.name},\n\n"
        "After careful consideration we have decided to end our agreement, in line with the notice period "
        "in our contract ([clause — check it]). Our last day of service will be [date].\n\n"
        f"Our reasons:\n{lines}\n\n"
        f"{finish}We will help with a smooth transition: we will hand over documentation, credentials and "
        "configuration to you or your new provider, and we are happy to recommend a provider better suited "
        "to your needs. Any amount prepaid for services after the end date will be refunded."
        f"{settle}\n\nKind regards,\n[your name]"
    )
