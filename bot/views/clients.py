"""Options for the client type-ahead (external select), shared by every modal that picks a client."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.matching import Match
from bot.i18n import Translator
from bot.views.ids import NEW_CLIENT_PREFIX
from bot.views.text import excerpt

OPTION_TEXT_MAX = 75
OPTION_VALUE_MAX = 150


def _option(text: str, value: str) -> dict:
    return {"text": {"type": "plain_text", "text": excerpt(text, OPTION_TEXT_MAX), "emoji": False}, "value": value}


def client_picker_options(matches: Sequence[Match], *, typed: str, new_client: Translator | None) -> dict:
    """The options response: matching clients, and an "add as new client" choice for unknown names.

    Near-duplicates are offered above the "add" choice, so the person sees
    "Acme Inc." before creating "Acmee". `new_client`: the language to offer the "add" choice in; None
    offers none (a ballot never creates a client).
    """
    existing = [_option(m.name, str(m.client_id)) for m in matches]
    typed = " ".join(typed.split())
    if new_client is None or not typed or any(m.exact for m in matches) or len(typed) > OPTION_TEXT_MAX:
        return {"options": existing[:100]}
    _ = new_client.gettext
    new = _option("➕ " + _("Add “{name}” as a new client", name=typed), (NEW_CLIENT_PREFIX + typed)[:OPTION_VALUE_MAX])
    groups = []
    if existing:
        groups.append({"label": {"type": "plain_text", "text": _("Did you mean")}, "options": existing[:99]})
    groups.append({"label": {"type": "plain_text", "text": _("Not in the directory?")}, "options": [new]})
    return {"option_groups": groups}
