"""What makes a ballot valid, and the keyed hash that lets a re-vote replace a ballot.

A ballot ranks up to five distinct clients, rank 1 first, without gaps; each
pick may carry a short "why". Problems are keyed `rank.N` / `why.N` (N = 1…5).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.ranking import MAX_PICKS
from bot.i18n import N_, Msg

WHY_MAX = 300


@dataclass(frozen=True)
class PickInput:
    """One rank as submitted. `label` is the client's name as the picker showed it."""

    client_id: int | None
    label: str = ""
    why: str = ""
    unreadable: bool = False  # something was picked that is not a client id


def rank_key(rank: int) -> str:
    return f"rank.{rank}"


def why_key(rank: int) -> str:
    return f"why.{rank}"


def validate_ballot(picks: Sequence[PickInput]) -> dict[str, Msg]:
    """Problems keyed by `rank.N` / `why.N`; empty when the ballot can be stored."""
    problems: dict[str, Msg] = {}
    filled = [r for r, p in enumerate(picks, 1) if p.client_id is not None or p.unreadable]
    if not filled:
        problems[rank_key(1)] = N_("Name at least one client.")
    last = max(filled, default=0)
    seen: dict[int, int] = {}
    for rank, pick in enumerate(picks, 1):
        if pick.unreadable:
            problems[rank_key(rank)] = N_("That choice is not a client from the directory. Pick one from the list.")
        elif pick.client_id is None and rank < last:
            problems[rank_key(rank)] = N_("Fill rank {rank} before rank {last}: leave no gaps, move your picks up.",
                                          rank=rank, last=last)
        elif pick.client_id is not None and pick.client_id in seen:
            problems[rank_key(rank)] = (
                N_("{name} is already your rank {rank}. Name each client once.", name=pick.label,
                   rank=seen[pick.client_id]) if pick.label
                else N_("That client is already your rank {rank}. Name each client once.", rank=seen[pick.client_id]))
        elif pick.client_id is not None:
            seen[pick.client_id] = rank
        why = pick.why.strip()
        if why and pick.client_id is None and not pick.unreadable:
            problems[why_key(rank)] = N_("Pick a client for rank {rank}, or leave this empty.", rank=rank)
        elif len(why) > WHY_MAX:
            problems[why_key(rank)] = N_("Keep it under {max} characters ({n} now).", max=WHY_MAX, n=len(why))
    if len(picks) > MAX_PICKS:
        problems[rank_key(MAX_PICKS)] = N_("A ballot names at most {max} clients.", max=MAX_PICKS)
    return problems


def ballot_entries(picks: Sequence[PickInput]) -> list[tuple[int, str | None]]:
    """(client id, why or None) in rank order, for a ballot that passed `validate_ballot`."""
    return [(p.client_id, p.why.strip() or None) for p in picks if p.client_id is not None]


def voter_key(secret: str, *, team_id: str, poll_id: int, user_id: str) -> str:
    """HMAC-SHA256 of team, poll and person under the poll secret: the same person gets the same
    key in one poll (so a re-vote replaces the ballot), and without the secret the key names nobody."""
    message = f"{team_id}:{poll_id}:{user_id}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
