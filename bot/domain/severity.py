"""How bad a red flag is: staff say how bad, not only that something happened."""

from __future__ import annotations

from enum import StrEnum

from bot.i18n import N_, Msg


class Severity(StrEnum):
    NOTE = "note"
    CONCERN = "concern"
    DEALBREAKER = "dealbreaker"

    @property
    def label(self) -> Msg:
        return LABELS[self]

    @property
    def explanation(self) -> Msg:
        return EXPLANATIONS[self]


LABELS = {
    Severity.NOTE: N_("Note"),
    Severity.CONCERN: N_("Concern"),
    Severity.DEALBREAKER: N_("Dealbreaker"),
}

EXPLANATIONS = {
    Severity.NOTE: N_("Worth knowing. A one-off, or just difficult (not bad)."),
    Severity.CONCERN: N_("A pattern to watch: it has happened before or keeps getting worse."),
    Severity.DEALBREAKER: N_("Leave-now territory (abuse, serious risk). Owners are alerted at once."),
}
