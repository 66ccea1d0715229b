"""An owner's client dossier: the score and its reasons, the facts, and a suggested next step.

Gathering it takes team-wide signals over every invoice, longer than Slack's 3-second trigger at
scale, so `show` opens a small "loading" modal at once and then replaces it (views.update) with the
dossier, or with what went wrong. The cheap checks (`target_for_text`, `target_for_id`) come before:
a refusal is answered where the request came from, and no modal opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.domain.matching import exact_match, match_clients
from bot.domain.next_step import Step, next_step, offboarding_checklist, termination_letter
from bot.domain.risk import ClientFacts, mismatch, quadrant, score_all
from bot.errors import NotAllowed, UserError
from bot.flows.digest import report_line
from bot.flows.loading import gathered_or_reason, open_then_fill
from bot.flows.signals import poll_history, team_signals
from bot.i18n import N_, Money, Translator
from bot.views.dossier import Dossier, dossier_modal, loading_modal, unavailable_modal
from bot.views.text import escape
from storage.clients import get_client, list_candidates


OWNERS_ONLY = N_("Client dossiers are for owners only. To tell the owners about a client, use `/redflag` (you can "
                 "file it anonymously).")
USAGE = N_("Which client? Type its name after the command, for example `/client Acme`.")
GONE = N_("That client is no longer in the directory (merged or removed).")
SURE_MATCH = 90.0


@dataclass(frozen=True)
class Target:
    """The client whose dossier an owner asked for: found by the cheap checks, before any modal opens."""
    client_id: int
    name: str


def target_for_text(deps: Deps, *, team_id: str, user_id: str, text: str) -> Target:
    """The client named in `text`. NotAllowed for non-owners (before anything is looked up), UserError for an
    empty name, no match or several close ones."""
    if not deps.is_owner(user_id):
        raise NotAllowed(OWNERS_ONLY)
    typed = " ".join(text.split())
    if not typed:
        raise UserError(USAGE)
    with deps.read_sessions() as session:  # a read: on SQLite it never waits for a writer
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
    return Target(hit.client_id, hit.name)


def target_for_id(deps: Deps, *, team_id: str, user_id: str, client_id: int) -> Target:
    """The client of a Dossier button. NotAllowed for non-owners, UserError for a client no longer there."""
    if not deps.is_owner(user_id):
        raise NotAllowed(OWNERS_ONLY)
    with deps.read_sessions() as session:
        found = get_client(session, client_id, team_id=team_id)
        if found is None:
            raise UserError(GONE)
        return Target(found.id, found.name)


def show(deps: Deps, client: WebClient, t: Translator, *, team_id: str, trigger_id: str, target: Target) -> None:
    """Open the loading modal while the trigger is fresh, then put the dossier (or why there is none) in it."""
    open_then_fill(client, trigger_id=trigger_id, loading=loading_modal(target.name, t),
                   fill=lambda: dossier_or_reason(deps, t, team_id=team_id, target=target),
                   what=f"dossier of client {target.client_id}")  # untranslated: for the log


def dossier_or_reason(deps: Deps, t: Translator, *, team_id: str, target: Target) -> View:
    """The dossier modal; if it cannot be gathered, a modal that says why, so nobody is left watching a spinner."""
    return gathered_or_reason(lambda: dossier_view(deps, t, team_id=team_id, target=target),
                              lambda reason: unavailable_modal(target.name, reason, t),
                              what=f"dossier of client {target.client_id}")  # untranslated: for the log


def dossier_view(deps: Deps, t: Translator, *, team_id: str, target: Target) -> View:
    """The dossier modal of `target`, in `t`'s language (the owner who asked)."""
    with deps.read_sessions() as session:
        return dossier_modal(build(session, deps, team_id=team_id, client_id=target.client_id), t)


def dossier_for_text(deps: Deps, t: Translator, *, team_id: str, user_id: str, text: str) -> View:
    """The whole dossier of the client named in `text` at once (no modal to keep alive: the tests, a script)."""
    return dossier_view(deps, t, team_id=team_id,
                        target=target_for_text(deps, team_id=team_id, user_id=user_id, text=text))


def build(session: Session, deps: Deps, *, team_id: str, client_id: int) -> Dossier:
    today = deps.today()
    signals = team_signals(session, team_id=team_id, today=today)
    facts = next((f for f in signals.facts if f.client_id == client_id), None)
    if facts is None:
        raise UserError(GONE)
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

