"""Filling in a modal the way Slack reports it: `state.values` built from the view's own ids."""

from __future__ import annotations

from datetime import date
from typing import Any


def fill(view: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """state.values for `view` with `answers` (block_id → value) typed in.

    Values: str for text inputs, a (value, text) pair or None for selects,
    a list of values for multi-selects and checkboxes, a date for date pickers.
    Blocks without an answer keep the element's initial value, as Slack does.
    """
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block.get("type") != "input":
            continue
        element = block["element"]
        kind = element["type"]
        block_id = block["block_id"]
        given = answers.get(block_id, _initial(element))
        values[block_id] = {element["action_id"]: _leaf(kind, element, given)}
    return values


def _initial(element: dict[str, Any]) -> Any:
    kind = element["type"]
    if kind == "plain_text_input":
        return element.get("initial_value", "")
    if kind == "datepicker":
        return date.fromisoformat(element["initial_date"]) if element.get("initial_date") else None
    if kind in ("external_select", "static_select", "radio_buttons"):
        option = element.get("initial_option")
        return (option["value"], option["text"]["text"]) if option else None
    if kind in ("checkboxes", "multi_static_select", "multi_external_select"):
        return [o["value"] for o in element.get("initial_options", [])]
    return None


def _option(element: dict[str, Any], value: str) -> dict[str, Any]:
    for option in element.get("options", []):
        if option["value"] == value:
            return option
    return {"text": {"type": "plain_text", "text": value}, "value": value}


def _leaf(kind: str, element: dict[str, Any], given: Any) -> dict[str, Any]:
    if kind == "plain_text_input":
        return {"type": kind, "value": given or None}
    if kind == "datepicker":
        return {"type": kind, "selected_date": given.isoformat() if isinstance(given, date) else given}
    if kind in ("external_select", "static_select", "radio_buttons"):
        if given is None:
            return {"type": kind, "selected_option": None}
        value, text = given if isinstance(given, tuple) else (given, given)
        option = _option(element, value) if kind != "external_select" else {
            "text": {"type": "plain_text", "text": text}, "value": value}
        return {"type": kind, "selected_option": option}
    if kind in ("checkboxes", "multi_static_select", "multi_external_select"):
        return {"type": kind, "selected_options": [_option(element, v) for v in given or []]}
    raise ValueError(f"fill() does not know {kind} elements yet")
