"""Poll settings: the anonymity threshold never below 3, a real secret, a schedule that can run."""

from __future__ import annotations

import pytest

from bot.domain.periods import AutoOpen, Cadence
from bot.settings import ConfigError, Settings, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)


def test_poll_defaults():
    settings = load_settings()
    assert (settings.poll_anonymity_threshold, settings.poll_reminder_days, settings.poll_duration_days) == (3, 3, 14)
    assert settings.poll_schedule is None and settings.poll_secret is None and settings.poll_voter_ids == []


@pytest.mark.parametrize(("variable", "value", "words"), [
    ("POLL_ANONYMITY_THRESHOLD", "2", "2 is below 3"),
    ("POLL_ANONYMITY_THRESHOLD", "0", "0 is below 3"),
    ("POLL_ANONYMITY_THRESHOLD", "three", "3 or more"),
    ("POLL_SECRET", "short", "at least 16 characters"),
    ("POLL_REMINDER_DAYS", "-1", "from 0 (no reminder) to 60"),
    ("POLL_DURATION_DAYS", "0", "from 1 to 90"),
    ("POLL_AUTO_OPEN", "weekly", "not a poll schedule"),
    ("POLL_AUTO_OPEN", "yearly 12-01", "automatic polls also need POLL_SECRET and SLACK_TEAM_ID and STAFF_CHANNEL"),
    ("POLL_VOTER_IDS", "U0ANNA,#staff", "not a Slack user id"),
])
def test_a_bad_poll_setting_names_the_variable(monkeypatch, variable, value, words):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith(variable) and words in str(caught.value)


def test_a_higher_threshold_and_a_complete_schedule_are_accepted(monkeypatch):
    for variable, value in {"POLL_ANONYMITY_THRESHOLD": "5", "POLL_AUTO_OPEN": "quarterly 15", "SLACK_TEAM_ID": "T1",
                            "POLL_SECRET": "x" * 32, "STAFF_CHANNEL": "C0STAFF"}.items():
        monkeypatch.setenv(variable, value)
    settings = load_settings()
    assert settings.poll_anonymity_threshold == 5
    assert settings.poll_schedule == AutoOpen(Cadence.QUARTERLY, 0, 15)
