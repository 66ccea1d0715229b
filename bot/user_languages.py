"""Each person's language, read from their Slack locale (`users.info` with `include_locale`) and kept.

Slack sends no locale with commands, actions or submissions, so the first request of a person asks
Slack once; the answer is kept DAY_SECONDS (a person rarely changes their Slack language). When
Slack cannot say (no such user, an error, a locale we don't speak) the workspace's LANGUAGE applies;
a failed lookup is asked again after RETRY_SECONDS.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.i18n import language_of
from bot.slack_http import KeepAliveWebClient

log = logging.getLogger(__name__)

DAY_SECONDS = 24 * 3600.0
RETRY_SECONDS = 300.0
# The lookup runs before a modal opens, inside Slack's 3-second trigger window: it never waits out a
# rate limit (Retry-After) or retries; an answer that is late or refused means the workspace language.
LOOKUP_TIMEOUT_SECONDS = 1.0
MAX_PEOPLE = 50_000


class UserLanguageCache:
    """(team, user) → language code or None (Slack gave none we speak); thread-safe, bounded."""

    def __init__(self, *, seconds: float = DAY_SECONDS, clock: Callable[[], float] = time.monotonic,
                 max_people: int = MAX_PEOPLE) -> None:
        self._seconds, self._clock, self._max = seconds, clock, max_people
        self._entries: OrderedDict[tuple[str, str], tuple[str | None, float]] = OrderedDict()
        self._lock = threading.Lock()

    def language(self, client: WebClient, *, team_id: str, user_id: str) -> str | None:
        key, now = (team_id, user_id), self._clock()
        with self._lock:
            entry = self._entries.get(key)
        if entry is not None and now < entry[1]:
            return entry[0]
        language, keep = self._ask(client, user_id)
        self._keep(key, language, now + keep)
        return language

    def remember(self, *, team_id: str, user: dict) -> None:
        """Keep the language of a `users.info` answer asked with include_locale elsewhere (a poll's
        voters), so that person's first message costs no second lookup."""
        self._keep((team_id, user["id"]), language_of(user.get("locale")), self._clock() + self._seconds)

    def _keep(self, key: tuple[str, str], language: str | None, until: float) -> None:
        with self._lock:
            self._entries[key] = (language, until)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def _ask(self, client: WebClient, user_id: str) -> tuple[str | None, float]:
        quick = KeepAliveWebClient(token=client.token, base_url=client.base_url, timeout=LOOKUP_TIMEOUT_SECONDS,
                                   retry_handlers=[])
        try:
            user = quick.users_info(user=user_id, include_locale=True)["user"]
        except (SlackApiError, SlackClientError, OSError, KeyError, TypeError) as error:
            reason = error.response.get("error") if isinstance(error, SlackApiError) else type(error).__name__
            log.warning("locale of %s not read (%s): the workspace language applies", user_id, reason)
            return None, RETRY_SECONDS
        return language_of(user.get("locale")), self._seconds
