"""The one escape function for user-typed text, and small text helpers."""

from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"
# Bare "@channel"-style words: harmless without link_names, but never let them through.
_BROADCAST_WORDS = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)


def escape(text: str) -> str:
    """Make user-typed text inert in mrkdwn.

    `&`, `<`, `>` become entities (so `<!channel>`, `<@U123>`, `<#C1>`,
    `<!subteam^S1>` and `<http://x|y>` show as typed and never ping or link),
    and a zero-width space after "@" defuses bare @channel/@here/@everyone.
    """
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST_WORDS.sub(lambda m: "@" + ZERO_WIDTH_SPACE + m.group(1), escaped)


def excerpt(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with an ellipsis."""
    text = " ".join(text.split()) if "\n" not in text[:limit] else text
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def quote(text: str) -> str:
    """Escaped text as an mrkdwn block quote."""
    return "\n".join("&gt; " + line for line in escape(text).splitlines() or [""])


def quote_within(text: str, limit: int) -> str:
    """`quote(text)`, the text cut (with an ellipsis) so the escaped, quoted result fits `limit` characters.

    Escaping and quoting lengthen text ("<" becomes "&lt;", every line gains "&gt; "), so the cut
    is made on the raw text until the result fits.
    """
    keep = limit
    while True:
        quoted = quote(excerpt(text, keep))
        if len(quoted) <= limit or keep <= 1:
            return quoted[:limit]
        keep -= max(len(quoted) - limit, 1)
