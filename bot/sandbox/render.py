"""Block Kit as readable terminal text, for the demo and `--text` previews."""

from __future__ import annotations

import html
import re
from typing import Any

from bot.i18n import Translator, translator

_USER = re.compile(r"<@([UW][A-Z0-9]+)>")
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|([^>]*))?>")


def mrkdwn_to_text(text: str, names: dict[str, str] | None = None) -> str:
    names = names or {}
    text = _USER.sub(lambda m: "@" + names.get(m.group(1), m.group(1)), text)
    text = _CHANNEL.sub(lambda m: "#" + (m.group(2) or names.get(m.group(1), m.group(1))), text)
    text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2 (\1)", text)
    text = re.sub(r":([a-z0-9_+-]+):", lambda m: EMOJI.get(m.group(1), m.group(0)), text)
    text = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"\1", text)  # *bold* reads fine without stars
    text = re.sub(r"(?<![\w_])_([^_\n]+)_(?![\w_])", r"\1", text)  # and _italics_ without underscores
    return html.unescape(text).replace("\u200b", "")


EMOJI = {"red_circle": "🔴", "large_orange_circle": "🟠", "large_yellow_circle": "🟡", "white_check_mark": "✅",
         "warning": "⚠️", "chart_with_upwards_trend": "📈", "bar_chart": "📊", "ballot_box_with_ballot": "🗳",
         "money_with_wings": "💸", "mag": "🔍", "calendar": "📅", "zzz": "💤", "sunny": "☀️", "lock": "🔒",
         "new": "🆕", "ballot_box": "🗳", "arrow_up": "⬆️", "arrow_down": "⬇️", "x": "❌", "hourglass": "⌛",
         "bell": "🔔", "clipboard": "📋", "memo": "📝", "busts_in_silhouette": "👥", "moneybag": "💰",
         "heavy_check_mark": "✔️", "information_source": "ℹ️", "door": "🚪", "eyes": "👀"}


def _text(obj: dict[str, Any] | None, names: dict[str, str]) -> str:
    if not obj:
        return ""
    return mrkdwn_to_text(obj.get("text", ""), names) if obj.get("type") == "mrkdwn" else obj.get("text", "")


def blocks_to_text(blocks: list[dict[str, Any]], *, names: dict[str, str] | None = None, width: int = 78,
                   t: Translator | None = None) -> str:
    """The blocks as plain text; `t` words the placeholders for what a terminal cannot show (images)."""
    names, t = names or {}, t or translator(None)
    out: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = _text(block.get("text"), names)
            out += ["", title, "=" * min(len(title), width)]
        elif kind == "section":
            if block.get("text"):
                out.append(_text(block["text"], names))
            for field in block.get("fields", []):
                out.append("  " + _text(field, names).replace("\n", ": ", 1))
        elif kind == "context":
            out.append("  " + " · ".join(_text(e, names) for e in block.get("elements", []) if e.get("type") != "image"))
        elif kind == "divider":
            out.append("-" * width)
        elif kind == "actions":
            out.append("  " + "  ".join(f"[ {_text(e.get('text'), names)} ]" for e in block.get("elements", [])))
        elif kind == "image":
            out.append("  " + t.gettext("[image: {description}]", description=block.get("alt_text", "")))
        elif kind == "rich_text":
            out.append("  " + t.gettext("(rich text)"))
    return "\n".join(out).strip("\n")
