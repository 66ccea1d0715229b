"""How bad a red flag is: staff say how bad, not only that something happened."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    NOTE = "note"
    CONCERN = "concern"
    DEALBREAKER = "dealbreaker"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def explanation(self) -> str:
        return EXPLANATIONS[self]


LABELS = {
    Severity.NOTE: "Note",
    Severity.CONCERN: "Concern",
    Severity.DEALBREAKER: "Dealbreaker",
}

EXPLANATIONS = {
    Severity.NOTE: "Worth knowing. A one-off, or just difficult (not bad).",
    Severity.CONCERN: "A pattern to watch: it has happened before or keeps getting worse.",
    Severity.DEALBREAKER: "Leave-now territory (abuse, serious risk). Owners are alerted at once.",
}
