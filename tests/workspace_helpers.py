"""Two workspaces installed over OAuth, each configured with `redflag team configure`:
different owners, owners' channels and time zones."""

from __future__ import annotations

import pytest

from bot.cli import main
from tests.test_workspaces import ONE, TWO, install, oauth_web  # noqa: F401 - oauth_web is a fixture

ONE_OWNER, TWO_OWNER = "U0ONEBOSS", "U0TWOBOSS"
ONE_CHANNEL, TWO_CHANNEL = "C0ONEOWNERS", "C0TWOOWNERS"
ONE_ZONE, TWO_ZONE = "Europe/Rome", "America/New_York"


def token_of(team_id: str) -> str:
    """The bot token the fake Slack hands a workspace at install."""
    return f"xoxb-{team_id}-bot"


@pytest.fixture
def two_workspaces(oauth_web, monkeypatch, database_url):  # type: ignore[no-untyped-def]  # noqa: F811
    multi, web = oauth_web
    install(web, ONE)
    install(web, TWO)
    monkeypatch.setenv("DATABASE_URL", database_url)
    for team, owner, channel, zone in ((ONE, ONE_OWNER, ONE_CHANNEL, ONE_ZONE), (TWO, TWO_OWNER, TWO_CHANNEL, TWO_ZONE)):
        assert main(["team", "configure", team, "--owners", owner, "--owners-channel", channel, "--timezone", zone]) == 0
    return multi, web
