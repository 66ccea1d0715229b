"""An owner's client dossier: the score and its reasons, the facts, and a suggested next step."""

from __future__ import annotations

from decimal import Decimal

from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.domain.matching import exact_match, match_clients
from bot.domain.next_step import Step, next_step, offboarding_checklist, termination_letter
from bot.domain.risk import ClientFacts, mismatch, quadrant, score_all
from bot.errors import NotAllowed, UserError
from bot.flows.digest import report_line
from bot.flows.signals import poll_history, team_signals
from bot.i18n import N_, Money, Translator
from bot.views.dossier import Dossier, dossier_modal
from bot.views.text import escape
from storage.clients import list_candidates

OWNERS_ONLY = N_("Client dossiers are for owners only. To tell the owners about a client, use `/redflag` (you can "
                 "file it anonymously).")
USAGE = N_("Which client? Type its name after the command, for example `/client Acme`.")
SURE_MATCH = 90.0


def dossier_for_text(deps: Deps, t: Translator, *, team_id: str, user_id: str, text: str) -> View:
    """The dossier of the client named in `text`, in `t`'s language. NotAllowed for non-owners, before anything
    is looked up."""
    if not deps.is_owner(user_id):
        raise NotAllowed(OWNERS_ONLY)
    typed = " ".join(text.split())
    if not typed:
        raise UserError(USAGE)
    with deps.session_factory.begin() as session:
        candidates = list_candidates(session, team_id=team_id)
        hit = exact_match(typed, candidates)
        if hit is None:
            close = match_clients(typed, candidates, limit=5)
            if not close:
                raise UserError(N_("No client matches “{typed}”. `redflag clients list` shows them all.",
                                   typed=escape(typed)))
            if close[0].score < SURE_MATCH or (len(close) > 1 and close[1].score >= close[0].score):
                names = ", ".join(f"“{escape(m.name)}”" for m in close)
                raise UserError(N_("“{typed}” could be {names}. Type more of the name.", typed=escape(typed),
                                   names=names))
            hit = close[0]
        return dossier_modal(build(session, deps, team_id=team_id, client_id=hit.client_id), t)


def dossier_for_id(deps: Deps, t: Translator, *, team_id: str, user_id: str, client_id: int) -> View:
    if not deps.is_owner(user_id):
        raise NotAllowed(OWNERS_ONLY)
    with deps.session_factory.begin() as session:
        return dossier_modal(build(session, deps, team_id=team_id, client_id=client_id), t)


def build(session: Session, deps: Deps, *, team_id: str, client_id: int) -> Dossier:
    today = deps.today()
    signals = team_signals(session, team_id=team_id, today=today)
    facts = next((f for f in signals.facts if f.client_id == client_id), None)
    if facts is None:
        raise UserError(N_("That client is no longer in the directory (merged or removed)."))
    scores = {s.client_id: s for s in score_all(signals.facts, today=today,
                                                 half_life_days=deps.settings.risk_half_life_days)}
    score = scores[client_id]
    step = next_step(facts, score, today=today, profitable=profitable(facts, signals.facts))
    exit_plan = step.step is Step.PLAN_EXIT
    return Dossier(
        name=facts.name,
        revenue=Money(facts.mrr, facts.currency) if facts.mrr is not None else None,
        score=score,
        quadrant=quadrant(score),
        mismatch=mismatch(facts, score, today=today),
        step=step,
        checklist=tuple(offboarding_checklist(facts, today=today, labels=signals.labels)) if exit_plan else (),
        letter=termination_letter(facts, today=today, labels=signals.labels) if exit_plan else None,
        timeline=tuple(report_line(r, signals) for r in signals.reports if r.client_id == client_id),
        payments=signals.payments.get(client_id),
        polls=tuple(poll_history(session, team_id=team_id, client_id=client_id)),
        show_reporters=deps.settings.digest_show_reporters,
    )


def profitable(facts: ClientFacts, everyone: list[ClientFacts]) -> bool:
    """MRR at or above the median of the clients billed in the same currency."""
    if facts.mrr is None:
        return False
    peers = sorted(f.mrr for f in everyone if f.mrr is not None and f.currency == facts.currency)
    median = peers[len(peers) // 2] if len(peers) % 2 else (peers[len(peers) // 2 - 1] + peers[len(peers) // 2]) / 2
    return facts.mrr >= Decimal(median)

