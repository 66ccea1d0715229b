"""Block Kit's size limits as Slack enforces them, for the fake Slack to refuse what Slack would refuse.

slack_sdk's models check some limits when a view is built from them, but not option descriptions or
plain dicts; a translation that grows a text past a limit must fail in the tests, not in production.
Limits: https://docs.slack.dev/reference/block-kit (see ../shared/slack-platform.md).
"""

from __future__ import annotations

from typing import Any

MODAL_TITLE = 24  # also submit and close
HEADER = 150
SECTION_TEXT = 3000
SECTION_FIELD = 2000
OPTION_TEXT = 75  # also an option's description and an option group's label
OPTION_VALUE = 150
BUTTON_TEXT = 75
PLACEHOLDER = 150
LABEL = 2000  # input label and hint
CONTEXT_ELEMENTS = 10
MESSAGE_BLOCKS, VIEW_BLOCKS = 50, 100


def _text(obj: Any) -> str:
    return obj.get("text", "") if isinstance(obj, dict) else ""


def view_problems(view: dict[str, Any]) -> list[str]:
    problems = []
    for key in ("title", "submit", "close"):
        if len(_text(view.get(key))) > MODAL_TITLE:
            problems.append(f"view {key} longer than {MODAL_TITLE}: {_text(view.get(key))!r}")
    blocks = view.get("blocks") or []
    if len(blocks) > VIEW_BLOCKS:
        problems.append(f"{len(blocks)} blocks in a view (at most {VIEW_BLOCKS})")
    return problems + blocks_problems(blocks)


def message_problems(blocks: list[Any]) -> list[str]:
    found = [f"{len(blocks)} blocks in a message (at most {MESSAGE_BLOCKS})"] if len(blocks) > MESSAGE_BLOCKS else []
    return found + blocks_problems(blocks)


def blocks_problems(blocks: list[Any]) -> list[str]:
    problems: list[str] = []
    for block in blocks:
        _walk(block, problems)
    return problems


def _too_long(problems: list[str], what: str, text: str, limit: int) -> None:
    if len(text) > limit:
        problems.append(f"{what} longer than {limit} ({len(text)}): {text[:80]!r}")


def _walk(node: Any, problems: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, problems)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if kind == "header":
        _too_long(problems, "header", _text(node.get("text")), HEADER)
    if kind == "section":
        _too_long(problems, "section text", _text(node.get("text")), SECTION_TEXT)
        for field in node.get("fields") or []:
            _too_long(problems, "section field", _text(field), SECTION_FIELD)
    if kind == "context" and len(node.get("elements") or []) > CONTEXT_ELEMENTS:
        problems.append(f"context with more than {CONTEXT_ELEMENTS} elements")
    if kind == "input":
        _too_long(problems, "input label", _text(node.get("label")), LABEL)
        _too_long(problems, "input hint", _text(node.get("hint")), LABEL)
    if kind == "button":
        _too_long(problems, "button text", _text(node.get("text")), BUTTON_TEXT)
    if "placeholder" in node:
        _too_long(problems, "placeholder", _text(node.get("placeholder")), PLACEHOLDER)
    for group in node.get("option_groups") or []:
        _too_long(problems, "option group label", _text(group.get("label")), OPTION_TEXT)
    for option in [*(node.get("options") or []), *(o for g in node.get("option_groups") or [] for o in g.get("options") or [])]:
        _too_long(problems, "option text", _text(option.get("text")), OPTION_TEXT)
        _too_long(problems, "option description", _text(option.get("description")), OPTION_TEXT)
        _too_long(problems, "option value", str(option.get("value", "")), OPTION_VALUE)
    for key, value in node.items():
        if key not in ("options", "option_groups") and isinstance(value, (dict, list)):
            _walk(value, problems)
