"""Domain errors that listeners raise; the app's one error handler turns them into friendly text."""

from __future__ import annotations


DATABASE_DOWN = "Redflag can't reach its database right now, so nothing was saved. Please try again in a few minutes."


class UserError(Exception):
    """Something the user can fix; the message is shown to them as is."""


class NotAllowed(UserError):
    """The user may not do this (e.g. owner-only commands)."""


class ValidationFailed(Exception):
    """Modal input is invalid; `problems` maps block ids to messages for response_action=errors."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems
