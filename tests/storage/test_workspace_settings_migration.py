"""Migration 0007 (a workspace's language and its lateness, risk and poll policies) upgrades and downgrades
cleanly on SQLite and PostgreSQL, keeping the workspace's other settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import inspect, text

from storage.db import make_engine
from storage.migrate import alembic_config, upgrade
from storage.models.workspaces import TEAM_FIELDS
from tests.conftest import postgres_url
from tests.storage.test_migrations import assert_matches_models

ADDED = ("language", "risk_half_life_days", "digest_show_reporters", "lateness_alert_days", "strict_payer_policy",
         "lateness_worsening_days", "poll_anonymity_threshold", "poll_reminder_days", "poll_duration_days",
         "poll_auto_open")


def columns(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {c["name"] for c in inspect(engine).get_columns("workspace_settings")}
    finally:
        engine.dispose()


def rows(url: str, sql: str, **params: object) -> list[tuple]:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(sql), params)
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


def down_and_up(url: str) -> None:
    assert_matches_models(url)
    assert set(ADDED) <= columns(url) and set(ADDED) <= set(TEAM_FIELDS)
    rows(url, "INSERT INTO workspace_settings (team_id, timezone, language, lateness_alert_days, poll_auto_open, "
              "updated_at) VALUES ('T0TWO', 'Asia/Tokyo', 'it', '5', 'quarterly 15', CURRENT_TIMESTAMP)")

    command.downgrade(alembic_config(url), "0007@-1")  # 0007 only: the other branches stay
    assert not set(ADDED) & columns(url)
    assert rows(url, "SELECT team_id, timezone FROM workspace_settings") == [("T0TWO", "Asia/Tokyo")]
    assert "0006" in {v for (v,) in rows(url, "SELECT version_num FROM alembic_version")}

    upgrade(url)
    assert_matches_models(url)
    assert rows(url, "SELECT timezone, language, lateness_alert_days FROM workspace_settings") == [
        ("Asia/Tokyo", None, None)]


def test_0007_downgrades_and_upgrades_on_sqlite(tmp_path):
    down_and_up(f"sqlite:///{tmp_path / 'migrations.sqlite3'}")


@pytest.fixture
def postgres_schema() -> Iterator[str]:
    """A fresh schema of the PostgreSQL test database, dropped afterwards."""
    url = postgres_url()
    rows(url, "DROP SCHEMA IF EXISTS migration_0007 CASCADE; CREATE SCHEMA migration_0007")
    try:
        yield url + ("&" if "?" in url else "?") + "options=-csearch_path%3Dmigration_0007"
    finally:
        rows(url, "DROP SCHEMA migration_0007 CASCADE")


@pytest.mark.postgres
def test_0007_downgrades_and_upgrades_on_postgres(postgres_schema):
    down_and_up(postgres_schema)
