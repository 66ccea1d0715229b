"""Shared fixtures: a database (SQLite, or PostgreSQL via TEST_DATABASE_URL), the fake Slack
Web API, the real app behind Flask, and a driver that sends it signed requests as Slack does."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox.driver import SlackDriver, wsgi_transport
from bot.sandbox.fake_slack import TEAM_ID, FakeSlack
from bot.sandbox.signer import SlackSigner
from bot.settings import Settings, isolated_settings
from bot.web import create_web_app
from storage.db import make_engine, make_session_factory
from storage.models import Base

SIGNING_SECRET = "test-signing-secret"
OWNER = "U0OWNER"
STAFF = "U0STAFF"
OWNERS_CHANNEL = "C0OWNERS"
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


def postgres_url() -> str:
    """TEST_DATABASE_URL, or skip with the reason. With REDFLAG_REQUIRE_POSTGRES=1 (CI) fail instead."""
    if TEST_DATABASE_URL:
        return TEST_DATABASE_URL
    reason = "needs PostgreSQL: set TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test"
    if os.environ.get("REDFLAG_REQUIRE_POSTGRES"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def _postgres_schema() -> Iterator[Engine | None]:
    """On PostgreSQL the schema is built once per run; each test truncates the tables."""
    if not TEST_DATABASE_URL:
        yield None
        return
    engine = make_engine(TEST_DATABASE_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def database_url(tmp_path: Path, _postgres_schema: Engine | None) -> str:
    if _postgres_schema is None:
        return f"sqlite:///{tmp_path / 'redflag.sqlite3'}"
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with _postgres_schema.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    return TEST_DATABASE_URL  # type: ignore[return-value]


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    if engine.dialect.name == "sqlite":
        Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """The fake Slack; a test fails when the app sent it a view or message Slack would refuse
    (Block Kit limits, bot/sandbox/block_kit.py), in whichever language."""
    with FakeSlack() as fake:
        yield fake
    assert not fake.refused, f"Slack would refuse these calls: {fake.refused}"


@pytest.fixture
def settings(fake_slack: FakeSlack, database_url: str) -> Settings:
    return isolated_settings(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=fake_slack.base_url,
        slack_team_id=TEAM_ID,
        database_url=database_url,
        owner_user_ids=[OWNER],
        owners_channel=OWNERS_CHANNEL,
        timezone="Europe/Rome",
    )


@pytest.fixture
def web(settings: Settings, engine: Engine):  # type: ignore[no-untyped-def]
    """The app behind Flask. Teardown waits for listeners still running after their ack."""
    executor = ThreadPoolExecutor(max_workers=16, thread_name_prefix="listener")
    yield create_web_app(settings, engine=engine, listener_executor=executor)
    executor.shutdown(wait=True)


@pytest.fixture
def slack(web, fake_slack: FakeSlack) -> SlackDriver:  # type: ignore[no-untyped-def]
    """Sends signed requests into the app through its WSGI stack, exactly as Slack's HTTP calls.

    Their response_url points at the fake Slack: `fake_slack.wait_for("response_url")` sees respond().
    """
    return SlackDriver(SlackSigner(SIGNING_SECRET, response_url=fake_slack.response_url), wsgi_transport(web))
