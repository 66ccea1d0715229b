"""Domain errors that listeners raise; the app's one error handler turns them into friendly text."""

from __future__ import annotations

from collections.abc import Mapping

from bot.i18n import N_, Msg

GENERIC_FAILURE = N_("Sorry, something went wrong on our side and nothing was changed. Please try again in a minute.")
DATABASE_DOWN_READING = N_("Redflag can't reach its database right now. Please try again in a few minutes.")
DATABASE_DOWN = N_("Redflag can't reach its database right now, so nothing was saved. Please try again in a few "
                   "minutes.")


class UserError(Exception):
    """Something the user can fix; `message` (a Msg, or text already in their language) is shown to them."""

    def __init__(self, message: Msg | str) -> None:
        super().__init__(str(message))
        self.message = message


class NotAllowed(UserError):
    """The user may not do this (e.g. owner-only commands)."""


class ValidationFailed(Exception):
    """Input is invalid; `problems` maps fields (or block ids) to messages for response_action=errors."""

    def __init__(self, problems: Mapping[str, Msg | str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems
