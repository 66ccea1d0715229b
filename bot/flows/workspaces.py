"""A workspace's own settings: set them (validated first, all or nothing) and show them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import ValidationError

from bot.deps import Deps
from bot.domain.periods import AutoOpen, Cadence
from bot.errors import ValidationFailed
from bot.settings import Settings
from bot.workspace_settings import override_problems, team_settings
from storage import workspaces as store
from storage.models.workspaces import TEAM_FIELDS


@dataclass(frozen=True)
class TeamSetting:
    field: str  # the Settings field, e.g. owners_channel
    value: str  # in effect for the workspace, as text; "" when unset
    own: bool  # set for this workspace; otherwise the global setting applies


def configure_team(deps: Deps, team_id: str, changes: Mapping[str, str]) -> list[TeamSetting]:
    """Set some of the workspace's own settings (field → text; "" puts a field back to the global
    setting). Nothing is written if any value is invalid: ValidationFailed maps field → problem."""
    base = deps.global_settings or deps.settings
    with deps.session_factory.begin() as session:
        stored = store.get_overrides(session, team_id=team_id)
        wanted = {name: value for name, value in {**stored, **changes}.items() if value.strip()}
        problems = override_problems(base, team_id, wanted)
        if problems:
            raise ValidationFailed(problems)
        effective = team_settings(base, team_id, wanted)
        store.save_overrides(session, team_id=team_id,
                             values={name: as_text(effective, name) if name in wanted else None for name in changes})
    deps.workspaces.invalidate(team_id)
    return team_view(deps, team_id)


def team_view(deps: Deps, team_id: str) -> list[TeamSetting]:
    """Every per-workspace setting in effect for the workspace, and whether it is its own."""
    base = deps.global_settings or deps.settings
    with deps.session_factory() as session:
        own = store.get_overrides(session, team_id=team_id)
    try:
        effective = team_settings(base, team_id, own)
    except ValidationError:  # shown as the workspace runs: on the global settings (see bot/workspace_settings.py)
        effective, own = team_settings(base, team_id, {}), {}
    return [TeamSetting(name, as_text(effective, name), name in own) for name in TEAM_FIELDS]


def installed_teams(deps: Deps) -> set[str] | None:
    """Workspaces that installed the app and still have a bot token; None in single-workspace mode."""
    settings = deps.global_settings or deps.settings
    if not settings.oauth_enabled:
        return None
    with deps.session_factory() as session:
        return set(store.installed_bot_tokens(session, client_id=settings.slack_client_id or ""))


def as_text(settings: Settings, name: str) -> str:
    """A setting as the environment would give it, normalised: `U1,U2`, `true`, `15`, `quarterly 15`."""
    value = getattr(settings, name)
    if name == "poll_auto_open":
        return schedule_text(settings.poll_schedule)
    if isinstance(value, list):
        return ",".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def schedule_text(schedule: AutoOpen | None) -> str:
    """POLL_AUTO_OPEN's canonical spelling: `off`, `yearly 12-01` or `quarterly 15`."""
    if schedule is None:
        return "off"
    if schedule.cadence is Cadence.YEARLY:
        return f"yearly {schedule.month:02d}-{schedule.day:02d}"
    return f"quarterly {schedule.day}"
