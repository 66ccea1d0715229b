"""Reading values out of a submitted view's `state.values` (block id → action id → value)."""

from __future__ import annotations

from datetime import date
from typing import Any

Values = dict[str, dict[str, dict[str, Any]]]


def _leaf(values: Values, block_id: str, action_id: str) -> dict[str, Any]:
    return values.get(block_id, {}).get(action_id) or {}


def text_value(values: Values, block_id: str, action_id: str) -> str:
    return _leaf(values, block_id, action_id).get("value") or ""


def selected_value(values: Values, block_id: str, action_id: str) -> str | None:
    option = _leaf(values, block_id, action_id).get("selected_option")
    return option.get("value") if option else None


def selected_values(values: Values, block_id: str, action_id: str) -> list[str]:
    return [o["value"] for o in _leaf(values, block_id, action_id).get("selected_options") or []]


def selected_date(values: Values, block_id: str, action_id: str) -> date | None:
    raw = _leaf(values, block_id, action_id).get("selected_date")
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None
