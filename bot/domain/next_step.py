"""What an owner could do next about a client, and, for an exit, how to end it well.

The steps come from the domain brief: keep watching; talk to the client and set
clear expectations; raise the price of a client who is difficult but
profitable; plan an exit. For an exit: the offboarding checklist and a short
termination letter built from the recorded facts, for the owner to edit. The
letter names kinds of problems and payment facts, never who reported what.

Every text is a `Msg` (the step's label and reasons, each checklist item, the
whole letter), translated by whoever shows it with `t.text(...)`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from bot.domain.risk import WATCH_MIN_SCORE, ClientFacts, Quadrant, ReportFact, RiskScore, add_by_currency, quadrant
from bot.domain.severity import Severity
from bot.domain.taxonomy import shown_label
from bot.i18n import N_, Money, Msg, Totals, lazy_ngettext

EXIT_SCORE = 60
YEAR = 365


class Step(StrEnum):
    KEEP_WATCHING = "watch"
    TALK = "talk"
    RAISE_PRICES = "raise"
    PLAN_EXIT = "exit"

    @property
    def label(self) -> Msg:
        return STEP_LABELS[self]


STEP_LABELS = {
    Step.KEEP_WATCHING: N_("Keep watching"),
    Step.TALK: N_("Talk to the client"),
    Step.RAISE_PRICES: N_("Raise prices (difficult but profitable)"),
    Step.PLAN_EXIT: N_("Plan an exit"),
}
# Why talk: the quadrant as a reason, in lower case after a bullet.
QUADRANT_REASONS = {
    Quadrant.BOTH: N_("pays late and mistreats the team"),
    Quadrant.PAYMENT: N_("pays late only"),
    Quadrant.BEHAVIOUR: N_("mistreats the team only"),
}


@dataclass(frozen=True)
class NextStep:
    step: Step
    reasons: tuple[Msg, ...]


@dataclass(frozen=True)
class LetterReason:
    """One reason to end it, as it reads inside a sentence ("our advice was …") and as a sentence of its own."""

    inline: Msg
    sentence: Msg


# How a kind of problem reads in a letter to the client: factual, professional, nobody named.
LETTER_REASONS = {
    "abusive": LetterReason(N_("our staff were repeatedly treated in an unprofessional way"),
                            N_("Our staff were repeatedly treated in an unprofessional way.")),
    "ignores_advice": LetterReason(N_("our expert advice was repeatedly not followed"),
                                   N_("Our expert advice was repeatedly not followed.")),
    "security": LetterReason(N_("our security recommendations were not followed, a risk we cannot carry for you"),
                             N_("Our security recommendations were not followed, a risk we cannot carry for you.")),
    "scope_creep": LetterReason(N_("requests regularly went beyond the agreed scope of our contract"),
                                N_("Requests regularly went beyond the agreed scope of our contract.")),
    "payment": LetterReason(N_("invoices were disputed or paid late"), N_("Invoices were disputed or paid late.")),
    "communication": LetterReason(N_("communication became erratic, which made it hard to deliver a good service"),
                                  N_("Communication became erratic, which made it hard to deliver a good service.")),
}


def joined(parts: Sequence[Msg | str], separator: str, *, prefix: str = "") -> Msg:
    """Texts translated one by one, each after `prefix`, joined by `separator`: a Msg made of placeholders
    and punctuation only, so no catalog has it and `t.text` just fills in the translated parts."""
    if not parts:
        return Msg("{nothing}", params={"nothing": ""})  # gettext("") would answer the catalog's header
    names = [f"part{i}" for i in range(len(parts))]
    layout = separator.replace("{", "{{").replace("}", "}}").join(prefix + "{" + name + "}" for name in names)
    return Msg(layout, params=dict(zip(names, parts, strict=True)))


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
            why.insert(0, N_("abusive treatment of staff reported as a dealbreaker: grounds for an immediate exit"))
        elif len(dealbreakers) >= 2:
            why.insert(0, lazy_ngettext("{n} dealbreaker in the last 12 months",
                                        "{n} dealbreakers in the last 12 months", len(dealbreakers)))
        else:
            why.insert(0, N_("pays late and mistreats the team (score {score})", score=score.score))
        return NextStep(Step.PLAN_EXIT, tuple(why))
    if where is Quadrant.BEHAVIOUR and profitable:
        if facts.mrr is not None:
            why.insert(0, N_("difficult but profitable ({revenue} a month, in the top half of your clients): a higher "
                             "price pays for the extra effort", revenue=Money(facts.mrr, facts.currency)))
        else:
            why.insert(0, N_("difficult but profitable (in the top half of your clients): a higher price pays for the "
                             "extra effort"))
        return NextStep(Step.RAISE_PRICES, tuple(why))
    if where is not Quadrant.FINE or score.score >= WATCH_MIN_SCORE:
        why.insert(0, QUADRANT_REASONS[where] if where is not Quadrant.FINE
                   else N_("on the watch list (score {score})", score=score.score))
        return NextStep(Step.TALK, tuple(why))
    return NextStep(Step.KEEP_WATCHING, tuple(why) or (N_("nothing recorded that needs action"),))


def letter_reasons(facts: ClientFacts, *, today: date, labels: Mapping[str, str]) -> list[LetterReason]:
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
            label = shown_label(key, labels.get(key, key))  # an owner's own category, as written
            reasons.append(LetterReason(N_("recurring problems: {category}", category=label),
                                        N_("Recurring problems: {category}.", category=label)))
    payment = facts.payment
    if payment is not None:
        open_totals = _overdue(facts)
        if open_totals:
            reasons.append(LetterReason(N_("{amount} is overdue", amount=Totals(open_totals)),
                                        N_("{amount} is overdue.", amount=Totals(open_totals))))
        if late := payment.late_last_12_months:
            reasons.append(LetterReason(
                lazy_ngettext("{n} payment arrived late in the last 12 months",
                              "{n} payments arrived late in the last 12 months", late),
                lazy_ngettext("{n} payment arrived late in the last 12 months.",
                              "{n} payments arrived late in the last 12 months.", late)))
    return reasons


def _overdue(facts: ClientFacts) -> dict[str, Decimal]:
    if facts.payment is None:
        return {}
    return add_by_currency((o.currency, o.amount) for o in facts.payment.overdue if o.amount > 0)


def offboarding_checklist(facts: ClientFacts, *, today: date, labels: Mapping[str, str]) -> list[Msg]:
    """The steps of ending it well (domain brief), filled in with this client's facts."""
    abusive = any("abusive" in r.categories and r.severity is Severity.DEALBREAKER for r in _last_year(facts, today))
    reasons = letter_reasons(facts, today=today, labels=labels)
    items = [
        N_("Check the contract's termination clause and notice period before you say anything."),
        N_("Give precise, professional reasons: {reasons}.", reasons=joined([r.inline for r in reasons], "; "))
        if reasons else N_("Give precise, professional reasons: write them down first."),
        N_("The client has been abusive: you need not finish the contracted work first.")
        if abusive else N_("Finish the work already contracted before the end date."),
        N_("Help with the transition: documentation, credentials and a handover call with the next provider."),
        N_("Refer them to a provider better suited to them."),
        N_("Prepare a short script for the conversation, and have it in person or on a call, not by mail."),
        N_("Refund prepaid amounts where owed (yearly licences, prepaid hours)."),
    ]
    if overdue := _overdue(facts):
        items.append(N_("Agree how the {amount} still open is settled before the handover.", amount=Totals(overdue)))
    return items


def termination_letter(facts: ClientFacts, *, today: date, labels: Mapping[str, str]) -> Msg:
    """A short draft termination letter for the owner to edit: one Msg, paragraphs separated by blank lines."""
    reasons = [r.sentence for r in letter_reasons(facts, today=today, labels=labels)] or [
        N_("[write the reasons here]")]
    abusive = any("abusive" in r.categories and r.severity is Severity.DEALBREAKER for r in _last_year(facts, today))
    overdue = _overdue(facts)
    transition = N_("We will help with a smooth transition: we will hand over documentation, credentials and "
                    "configuration to you or your new provider, and we are happy to recommend a provider better suited "
                    "to your needs. Any amount prepaid for services after the end date will be refunded.")
    paragraphs = [
        N_("Dear {name},", name=facts.name),
        N_("After careful consideration we have decided to end our agreement, in line with the notice period in our "
           "contract ([clause — check it]). Our last day of service will be [date]."),
        N_("Our reasons:\n{reasons}", reasons=joined(reasons, "\n", prefix="- ")),
        transition if abusive else joined([N_("We will complete the work already agreed."), transition], " "),
        *([N_("We ask you to settle the open balance of {amount} before the handover.", amount=Totals(overdue))]
          if overdue else []),
        N_("Kind regards,\n[your name]"),
    ]
    return joined(paragraphs, "\n\n")
