"""Configuration, read from the environment and an optional `.env` file.

Every setting is documented in README.md (a test checks this). A missing or
malformed value raises `ConfigError` whose message names the variable and
what is expected, so the CLI can print one clear line instead of a traceback.
"""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from typing_extensions import Annotated

from bot.i18n import DEFAULT_LANGUAGE, language_of
from bot.domain.periods import MAX_DAYS_OPEN, AutoOpen, parse_auto_open
from bot.domain.ranking import MIN_ANONYMITY_THRESHOLD

SLACK_API_URL_DEFAULT = "https://slack.com/api/"

# What each variable expects, in words, for error messages.
EXPECTED = {
    "SLACK_BOT_TOKEN": "the bot token (xoxb-…) from your Slack app's OAuth & Permissions page",
    "SLACK_SIGNING_SECRET": "the Signing Secret from your Slack app's Basic Information page",
    "SLACK_APP_TOKEN": "an app-level token (xapp-…) with connections:write, for Socket Mode",
    "SLACK_CLIENT_ID": "the Client ID from your Slack app's Basic Information page (multi-workspace installs)",
    "SLACK_CLIENT_SECRET": "the Client Secret from your Slack app's Basic Information page",
    "SLACK_API_URL": "an http(s) URL of the Slack Web API, e.g. https://slack.com/api/",
    "DATABASE_URL": "an SQLAlchemy URL, e.g. sqlite:///redflag.sqlite3 or postgresql+psycopg://user@host/db",
    "OWNER_USER_IDS": "comma-separated Slack user ids, e.g. U012AB3CD,U045EF6GH",
    "OWNERS_CHANNEL": "a Slack channel id, e.g. C012AB3CD",
    "TIMEZONE": "an IANA time zone name, e.g. Europe/Rome",
    "LANGUAGE": "a language code: en, it, nl, fr or de (Slack locales such as it-IT work too)",
    "PORT": "a TCP port number, e.g. 3000",
    "DIGEST_DAY": "a day of the week in English, e.g. monday",
    "DIGEST_TIME": "a time of day as HH:MM (24-hour clock), e.g. 09:00",
    "DIGEST_GRACE_HOURS": "a whole number of hours from 1 to 168, e.g. 24",
    "RISK_HALF_LIFE_DAYS": "a whole number of days from 1 to 3650, e.g. 90",
    "DIGEST_SHOW_REPORTERS": "true or false",
    "DAYFIRST": "true or false: whether numeric dates in invoice exports are day-first (14/03/2025)",
    "LATENESS_ALERT_DAYS": "a whole number of days past due from 1 to 365, e.g. 15",
    "STRICT_PAYER_POLICY": "true or false",
    "LATENESS_WORSENING_DAYS": "a whole number of days from 1 to 365, e.g. 10",
    "INVOICE_WEBHOOK_TOKEN": "a long random secret (at least 16 characters), sent as 'Authorization: Bearer …'",
    "STAFF_CHANNEL": "a Slack channel id, e.g. C012AB3CD, whose members vote in worst-client polls",
    "POLL_VOTER_IDS": "comma-separated Slack user ids who vote instead of the staff channel's members",
    "POLL_SECRET": "a long random secret (at least 16 characters) that keys ballots, e.g. from `openssl rand -hex 32`",
    "POLL_ANONYMITY_THRESHOLD": "a whole number of ballots, 3 or more (default 3)",
    "POLL_REMINDER_DAYS": "a whole number of days before closing from 0 (no reminder) to 60, e.g. 3",
    "POLL_DURATION_DAYS": "a whole number of days from 1 to 90, e.g. 14",
    "POLL_AUTO_OPEN": "off, yearly MM-DD (e.g. yearly 12-01) or quarterly [DD] (day of each quarter's last month)",
}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the variable."""


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    slack_api_url: str = SLACK_API_URL_DEFAULT
    slack_team_id: str | None = None
    database_url: str = "sqlite:///redflag.sqlite3"
    owner_user_ids: Annotated[list[str], NoDecode] = Field(default_factory=list)
    owners_channel: str | None = None
    timezone: str = "UTC"
    language: str = DEFAULT_LANGUAGE  # of channel posts; people see their own Slack locale
    port: int = Field(default=3000, ge=1, le=65535)
    digest_day: str = "monday"
    digest_time: str = "09:00"
    digest_grace_hours: int = Field(default=24, ge=1, le=168)
    risk_half_life_days: int = Field(default=90, ge=1, le=3650)
    digest_show_reporters: bool = False
    dayfirst: bool = False
    lateness_alert_days: int = Field(default=15, ge=1, le=365)
    strict_payer_policy: bool = False
    lateness_worsening_days: int = Field(default=10, ge=1, le=365)
    invoice_webhook_token: str | None = Field(default=None, min_length=16)
    staff_channel: str | None = None
    poll_voter_ids: Annotated[list[str], NoDecode] = Field(default_factory=list)
    poll_secret: str | None = Field(default=None, min_length=16)
    poll_anonymity_threshold: int = Field(default=MIN_ANONYMITY_THRESHOLD, le=1000)
    poll_reminder_days: int = Field(default=3, ge=0, le=60)
    poll_duration_days: int = Field(default=14, ge=1, le=MAX_DAYS_OPEN)
    poll_auto_open: str = "off"  # after the fields its validator checks

    @field_validator("owner_user_ids", "poll_voter_ids", mode="before")
    @classmethod
    def _owner_ids(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("owner_user_ids", "poll_voter_ids")
    @classmethod
    def _owner_ids_look_like_users(cls, value: list[str]) -> list[str]:
        for item in value:
            if not item[:1] in ("U", "W") or not item.isalnum():
                raise ValueError(f"{item!r} is not a Slack user id")
        return value

    @field_validator("poll_anonymity_threshold")
    @classmethod
    def _anonymity_threshold(cls, value: int) -> int:
        if value < MIN_ANONYMITY_THRESHOLD:
            raise ValueError(f"{value} is below {MIN_ANONYMITY_THRESHOLD}: with fewer ballots one person's picks could show")
        return value

    @field_validator("poll_auto_open")
    @classmethod
    def _poll_schedule(cls, value: str, info: ValidationInfo) -> str:
        if parse_auto_open(value) is not None:
            missing = [n.upper() for n in ("poll_secret", "slack_team_id") if not info.data.get(n)]
            if not (info.data.get("staff_channel") or info.data.get("poll_voter_ids")):
                missing.append("STAFF_CHANNEL")
            if missing:
                raise ValueError(f"automatic polls also need {' and '.join(missing)} set")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        language = language_of(value)
        if language is None:
            raise ValueError(f"{value!r} is not a language Redflag speaks")
        return language

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("digest_day")
    @classmethod
    def _weekday(cls, value: str) -> str:
        day = value.strip().lower()
        matches = [d for d in WEEKDAYS if len(day) >= 3 and d.startswith(day)]
        if len(matches) != 1:
            raise ValueError(f"{value!r} is not a day of the week")
        return matches[0]

    @field_validator("digest_time")
    @classmethod
    def _time_of_day(cls, value: str) -> str:
        hours, _, minutes = value.strip().partition(":")
        if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and int(hours) < 24 and int(minutes) < 60):
            raise ValueError(f"{value!r} is not a time such as 09:00")
        return f"{int(hours):02d}:{minutes}"

    @property
    def digest_weekday(self) -> int:
        """DIGEST_DAY as Monday=0 … Sunday=6."""
        return WEEKDAYS.index(self.digest_day)

    @property
    def digest_at(self) -> time:
        hours, minutes = self.digest_time.split(":")
        return time(int(hours), int(minutes))

    @property
    def oauth_enabled(self) -> bool:
        """Multi-workspace mode: Slack's OAuth install flow instead of one bot token."""
        return bool(self.slack_client_id and self.slack_client_secret)

    @property
    def poll_schedule(self) -> AutoOpen | None:
        return parse_auto_open(self.poll_auto_open)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def require(self, *names: str) -> None:
        """Raise ConfigError naming the first of `names` (lower-case fields) that is unset."""
        for name in names:
            if not getattr(self, name):
                var = name.upper()
                raise ConfigError(f"{var} is not set: expected {EXPECTED.get(var, 'a value')}")


def load_settings(**overrides: object) -> Settings:
    """Build Settings from the environment (plus overrides) or raise ConfigError."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            var = str(problem["loc"][0]).upper() if problem["loc"] else "settings"
            reason = problem["msg"].removeprefix("Value error, ")
            lines.append(f"{var} is invalid ({reason}): expected {EXPECTED.get(var, 'a valid value')}")
        raise ConfigError("; ".join(lines)) from None


class _GivenOnly(Settings):
    """Settings from the given values alone: no environment, no .env file."""

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,  # type: ignore[no-untyped-def, override]
                                   file_secret_settings):
        return (init_settings,)


def isolated_settings(**values: object) -> Settings:
    """Settings that ignore the environment, for the offline demo and the tests (a stray
    DIGEST_DAY or POLL_ANONYMITY_THRESHOLD in the shell must not change or break them)."""
    return _GivenOnly(**values)
