"""What listeners and jobs need from the outside world, injected by the app factory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from slack_sdk.oauth.installation_store import InstallationStore
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings


@dataclass(frozen=True)
class Deps:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    installations: InstallationStore | None = None  # multi-workspace mode only

    def now(self) -> datetime:
        """The current time in the team's timezone."""
        return datetime.now(self.settings.tz)

    def today(self) -> date:
        return self.now().date()

    def is_owner(self, user_id: str) -> bool:
        return user_id in self.settings.owner_user_ids
