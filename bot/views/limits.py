"""Block Kit's size limits, and fitting a list of lines into them with "and N more"."""

from __future__ import annotations

from collections.abc import Callable, Sequence

MESSAGE_BLOCKS = 50  # a message's blocks (slack_sdk does not check this one)
SECTION_TEXT = 3000
HEADER_TEXT = 150


def and_more(count: int, where: str = "") -> str:
    return f"_…and {count} more{(' ' + where) if where else ''}_"


def join_within(lines: Sequence[str], *, limit: int = SECTION_TEXT, more: Callable[[int], str] = and_more,
                head: str = "") -> str:
    """`head` and as many of `lines` as fit in `limit` characters, then "…and N more" for the rest."""
    text = head
    for index, line in enumerate(lines):
        candidate = f"{text}\n{line}" if text else line
        rest = len(lines) - index - 1
        tail = f"\n{more(rest)}" if rest else ""
        if len(candidate) + len(tail) > limit:
            closing = more(len(lines) - index)
            return f"{text}\n{closing}" if text else closing
        text = candidate
    return text
