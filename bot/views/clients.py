"""Options for the client type-ahead (external select), shared by every modal that picks a client."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.matching import Match
from bot.views.ids import NEW_CLIENT_PREFIX
from bot.views.text import excerpt

OPTION_TEXT_MAX = 75
OPTION_VALUE_MAX = 150


def _option(text: str, value: str) -> dict:
    return {"text": {"type": "plain_text", "text": excerpt(text, OPTION_TEXT_MAX), "emoji": False}, "value": value}


def client_picker_options(matches: Sequence[Match], *, typed: str, allow_new: bool) -> dict:
    """The options response: matching clients, and an "add as new client" choice for unknown names.

    Near-duplicates are offered above the "add" choice, so the person sees
    "Acme Inc." before creating "Acmee".
    """
    existing = [_option(m.name, str(m.client_id)) for m in matches]
    typed = " ".join(typed.split())
    if not allow_new or not typed or any(m.exact for m in matches) or len(typed) > OPTION_TEXT_MAX:
        return {"options": existing[:100]}
    new = _option(f"➕ Add “{typed}” as a new client", (NEW_CLIENT_PREFIX + typed)[:OPTION_VALUE_MAX])
    groups = []
    if existing:
        groups.append({"label": {"type": "plain_text", "text": "Did you mean"}, "options": existing[:99]})
    groups.append({"label": {"type": "plain_text", "text": "Not in the directory?"}, "options": [new]})
    return {"option_groups": groups}
