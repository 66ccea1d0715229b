"""Filling a "loading" modal: what to show when gathering fails after the modal already opened."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk.models.views import View

from bot.errors import DATABASE_DOWN_READING, GENERIC_FAILURE, UserError
from bot.i18n import Msg
from storage.db import UNAVAILABLE

log = logging.getLogger(__name__)


def gathered_or_reason(build: Callable[[], View], failed: Callable[[Msg | str], View], *, what: str) -> View:
    """`build()`; if it fails, `failed(reason)`, so nobody is left watching a spinner: a UserError's own
    message, the database being down, or (logged with its traceback) the app's generic apology."""
    try:
        return build()
    except UserError as error:
        return failed(error.message)
    except UNAVAILABLE as error:
        log.error("%s not gathered: database unavailable (%s)", what, type(error).__name__)
        return failed(DATABASE_DOWN_READING)
    except Exception:  # noqa: BLE001 - shown to the person instead of a modal that never finishes loading
        log.exception("%s not gathered", what)
        return failed(GENERIC_FAILURE)
