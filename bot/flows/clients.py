"""Finding clients from what people type."""

from __future__ import annotations

from bot.deps import Deps
from bot.domain.matching import match_clients
from bot.i18n import Translator
from bot.views.clients import client_picker_options
from storage.clients import list_candidates


def picker_options(deps: Deps, *, team_id: str, typed: str, allow_new: bool = True,
                   t: Translator | None = None) -> dict:
    """Options for a client picker; with allow_new (which needs `t`), an "add as a new client" choice."""
    with deps.read_sessions() as session:
        candidates = list_candidates(session, team_id=team_id)
    matches = match_clients(typed, candidates, limit=50)
    return client_picker_options(matches, typed=typed, new_client=t if allow_new else None)
