"""Block Kit's size limits, and fitting a list of lines into them with "and N more"."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.i18n import Translator

MESSAGE_BLOCKS = 50  # a message's blocks (slack_sdk does not check this one)
SECTION_TEXT = 3000
HEADER_TEXT = 150


def and_more(t: Translator) -> Callable[[int], str]:
    """The plain "…and N more" closing line, in t's language."""
    return lambda count: "_" + t.ngettext("…and {n} more", "…and {n} more", count) + "_"


def and_more_in_dossier(t: Translator) -> Callable[[int], str]:
    """"…and N more in the dossier", in t's language."""
    return lambda count: "_" + t.ngettext("…and {n} more in the dossier", "…and {n} more in the dossier", count) + "_"


def and_more_in_home(t: Translator) -> Callable[[int], str]:
    """"…and N more in App Home", in t's language."""
    return lambda count: "_" + t.ngettext("…and {n} more in App Home", "…and {n} more in App Home", count) + "_"


def and_older_reports(t: Translator) -> Callable[[int], str]:
    """"…and N older reports", in t's language, for lists of reports newest first."""
    return lambda count: "_" + t.ngettext("…and {n} older report", "…and {n} older reports", count) + "_"


def join_within(lines: Sequence[str], *, more: Callable[[int], str], limit: int = SECTION_TEXT,
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
