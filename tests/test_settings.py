"""Settings: defaults, clear one-line errors naming the variable, and every setting documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import ConfigError, Settings, load_settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults():
    settings = load_settings()
    assert settings.database_url == "sqlite:///redflag.sqlite3"
    assert settings.timezone == "UTC" and settings.port == 3000
    assert settings.slack_api_url == "https://slack.com/api/"


def test_values_come_from_the_environment_and_a_dot_env_file(monkeypatch, tmp_path):
    (tmp_path / ".env").write_text("OWNERS_CHANNEL=C0FROMFILE\nTIMEZONE=Europe/Amsterdam\n")
    monkeypatch.setenv("OWNER_USER_IDS", "U0AAA, U0BBB")
    settings = load_settings()
    assert settings.owner_user_ids == ["U0AAA", "U0BBB"]
    assert settings.owners_channel == "C0FROMFILE" and settings.timezone == "Europe/Amsterdam"


@pytest.mark.parametrize(("variable", "value", "words"), [
    ("TIMEZONE", "Mars/Olympus", "IANA time zone"),
    ("PORT", "eighty", "TCP port"),
    ("PORT", "70000", "TCP port"),
    ("OWNER_USER_IDS", "U0AAA,#general", "Slack user ids"),
    ("SLACK_API_URL", "slack.com/api", "http(s) URL"),
])
def test_a_malformed_value_names_the_variable_and_what_is_expected(monkeypatch, variable, value, words):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(variable) and words in message and "\n" not in message


def test_a_missing_secret_is_one_clear_line_from_the_cli(monkeypatch, capsys):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    code = main(["serve"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().count("\n") == 0
    assert "SLACK_SIGNING_SECRET is not set" in err and "Traceback" not in err


def test_a_malformed_value_is_one_clear_line_from_the_cli(monkeypatch, capsys):
    monkeypatch.setenv("TIMEZONE", "Nowhere/Special")
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert "TIMEZONE is invalid" in err and "Traceback" not in err


def test_every_setting_is_documented_in_the_readme():
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", README, flags=re.MULTILINE))
    missing = {name.upper() for name in Settings.model_fields} - documented
    assert not missing, f"settings missing from README's table: {sorted(missing)}"
