"""What listeners and jobs need from the outside world, injected by the app factory."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from slack_sdk.oauth.installation_store import InstallationStore
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from storage.db import read_session_factory
from bot.user_languages import UserLanguageCache
from bot.workspace_settings import WorkspaceSettingsCache


@dataclass(frozen=True)
class Deps:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    installations: InstallationStore | None = None  # multi-workspace mode only
    workspaces: WorkspaceSettingsCache = field(default_factory=WorkspaceSettingsCache, compare=False, repr=False)
    user_languages: UserLanguageCache = field(default_factory=UserLanguageCache, compare=False, repr=False)
    global_settings: Settings | None = field(default=None, compare=False, repr=False)  # set on a team's Deps
    # Sessions for requests that only read (see storage.db.read_session_factory); built once, shared by
    # every team's copy of these deps.
    read_sessions: sessionmaker[Session] = field(default=None, compare=False, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.read_sessions is None:
            object.__setattr__(self, "read_sessions", read_session_factory(self.engine))

    def for_team(self, team_id: str) -> Deps:
        """These deps for one workspace: `settings` are the global settings with that workspace's own
        (`redflag team configure`) on top, and `settings.slack_team_id` is `team_id`."""
        base = self.global_settings or self.settings
        return replace(self, settings=self.workspaces.settings_for(base, team_id, self.session_factory),
                       global_settings=base)

    @property
    def team_id(self) -> str:
        """The workspace these deps are for; jobs and per-workspace flows act on its rows only."""
        if not self.settings.slack_team_id:
            raise RuntimeError("these deps are for no workspace: use deps.for_team(team_id)")
        return self.settings.slack_team_id

    def now(self) -> datetime:
        """The current time in the team's timezone."""
        return datetime.now(self.settings.tz)

    def today(self) -> date:
        return self.now().date()

    def is_owner(self, user_id: str) -> bool:
        return user_id in self.settings.owner_user_ids
