"""Each workspace's settings: the global ones with that workspace's own overrides on top.

Several workspaces share one deployment, so owners, channels, time zone, the
digest slot, the language and the lateness, risk and poll policies are chosen per
workspace (`redflag team configure`, stored in `workspace_settings`; the fields are
`storage.models.workspaces.TEAM_FIELDS`). Whatever reads one of them reads the
workspace's `deps.settings`, never the global settings. `Deps.for_team` asks
`WorkspaceSettingsCache` for them on every Slack request and job run; it reads
the database at most once per CACHE_SECONDS per workspace. A change made in this
process is seen at once; one made by another process (the CLI) within CACHE_SECONDS.

Overrides are validated when they are written (`override_problems`), by the same
validators as the environment. Reading them back never stops a request: should a
stored value no longer validate (say, a global setting changed since), the global
value applies in its place and the problem is logged.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import EXPECTED, Settings
from storage.db import UNAVAILABLE
from storage.workspaces import get_overrides

log = logging.getLogger(__name__)

CACHE_SECONDS = 30.0
RETRY_SECONDS = 5.0  # while the database does not answer, ask again at most this often
CHANNEL_FIELDS = ("owners_channel", "staff_channel")


def team_settings(base: Settings, team_id: str, overrides: Mapping[str, str]) -> Settings:
    """`base` with the workspace's overrides and its id, through Settings' own validators.

    Raises pydantic's ValidationError; with no overrides it cannot fail (base was validated).
    """
    if not overrides:
        return base.model_copy(update={"slack_team_id": team_id})
    # Every field is given: what pydantic-settings also reads from the environment and .env never wins.
    return Settings.model_validate({**base.model_dump(), **overrides, "slack_team_id": team_id})


def override_problems(base: Settings, team_id: str, overrides: Mapping[str, str]) -> dict[str, str]:
    """field → what is wrong with it and what is expected; {} when the overrides are valid together."""
    problems = {name: f"{overrides[name]!r} is not a channel id: expected {EXPECTED[name.upper()]}"
                for name in CHANNEL_FIELDS if name in overrides and not _looks_like_channel(overrides[name])}
    try:
        team_settings(base, team_id, overrides)
    except ValidationError as error:
        for problem in error.errors():
            name = str(problem["loc"][0]) if problem["loc"] else "settings"
            reason = problem["msg"].removeprefix("Value error, ")
            problems.setdefault(name, f"{reason}: expected {EXPECTED.get(name.upper(), 'a valid value')}")
    return problems


def _looks_like_channel(value: str) -> bool:
    return value[:1] in ("C", "G") and value.isalnum() and value.isupper()


@dataclass(frozen=True)
class _Entry:
    base: Settings
    settings: Settings
    fresh_until: float


class WorkspaceSettingsCache:
    """team id → its Settings, kept CACHE_SECONDS; thread-safe (listeners run in a thread pool)."""

    def __init__(self, seconds: float = CACHE_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self._seconds, self._clock = seconds, clock
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def settings_for(self, base: Settings, team_id: str, sessions: sessionmaker[Session]) -> Settings:
        now = self._clock()
        with self._lock:
            entry = self._entries.get(team_id)
        if entry is not None and entry.base is not base:
            entry = None  # made from other global settings
        if entry is not None and now < entry.fresh_until:
            return entry.settings
        try:
            with sessions() as session:
                overrides = get_overrides(session, team_id=team_id)
        except UNAVAILABLE as error:
            # The listener's own queries fail next and tell the user; until then, the last known settings.
            log.warning("workspace %s: settings not read (%s); using the %s settings", team_id,
                        type(error).__name__, "last known" if entry else "global")
            settings = entry.settings if entry else team_settings(base, team_id, {})
            self._keep(team_id, _Entry(base, settings, now + RETRY_SECONDS))
            return settings
        settings = self._resolve(base, team_id, overrides)
        self._keep(team_id, _Entry(base, settings, now + self._seconds))
        return settings

    def invalidate(self, team_id: str) -> None:
        with self._lock:
            self._entries.pop(team_id, None)

    def _keep(self, team_id: str, entry: _Entry) -> None:
        with self._lock:
            self._entries[team_id] = entry

    @staticmethod
    def _resolve(base: Settings, team_id: str, overrides: Mapping[str, str]) -> Settings:
        """The workspace's settings; a stored field that does not validate falls back to the global one."""
        try:
            return team_settings(base, team_id, overrides)
        except ValidationError as error:
            bad = sorted({str(p["loc"][0]) for p in error.errors() if p["loc"]})
        log.error("workspace %s: its stored settings (%s) no longer validate; the global ones apply instead "
                  "until `redflag team configure %s` fixes them", team_id, ", ".join(bad), team_id)
        try:
            return team_settings(base, team_id, {k: v for k, v in overrides.items() if k not in bad})
        except ValidationError:
            return team_settings(base, team_id, {})
