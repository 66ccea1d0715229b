"""Reading values out of a submitted view's `state.values` (block id → action id → value).

Tolerant of malformed payloads: a value of the wrong shape reads as missing, and the
modal's validation then says what to fill in, instead of the request failing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

Values = dict[str, dict[str, dict[str, Any]]]


def _leaf(values: Values, block_id: str, action_id: str) -> dict[str, Any]:
    block = values.get(block_id) if isinstance(values, dict) else None
    leaf = block.get(action_id) if isinstance(block, dict) else None
    return leaf if isinstance(leaf, dict) else {}


def _value_of(option: object) -> str | None:
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) else None


def text_value(values: Values, block_id: str, action_id: str) -> str:
    value = _leaf(values, block_id, action_id).get("value")
    return value if isinstance(value, str) else ""


def selected_value(values: Values, block_id: str, action_id: str) -> str | None:
    return _value_of(_leaf(values, block_id, action_id).get("selected_option"))


def selected_values(values: Values, block_id: str, action_id: str) -> list[str]:
    options = _leaf(values, block_id, action_id).get("selected_options")
    found = [_value_of(o) for o in options] if isinstance(options, list) else []
    return [v for v in found if v is not None]


def selected_date(values: Values, block_id: str, action_id: str) -> date | None:
    raw = _leaf(values, block_id, action_id).get("selected_date")
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) and raw else None
    except ValueError:
        return None
