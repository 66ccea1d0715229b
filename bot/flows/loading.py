"""Filling a "loading" modal: what to show when gathering fails after the modal already opened."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View

from bot.errors import DATABASE_DOWN_READING, GENERIC_FAILURE, UserError
from bot.i18n import Msg
from storage.db import UNAVAILABLE

log = logging.getLogger(__name__)


def open_then_fill(client: WebClient, *, trigger_id: str, loading: View, fill: Callable[[], View], what: str) -> None:
    """Open `loading` while the trigger is fresh (it lives 3 s), then replace it with `fill()`. A modal the
    person closed meanwhile is left alone (Slack answers not_found)."""
    opened = client.views_open(trigger_id=trigger_id, view=loading)["view"]
    view = fill()
    try:
        client.views_update(view_id=opened["id"], hash=opened["hash"], view=view)
    except SlackApiError as error:
        if error.response.get("error") != "not_found":
            raise
        log.info("%s not shown: its modal was closed while loading", what)


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
