"""`redflag digest preview|send|status` against a real database and the fake Slack."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from bot.cli import main
from tests.conftest import OWNERS_CHANNEL
from tests.flows.seeding import client, flag

TEAM = "T0DEMO"
SLOT = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/Rome"))


@pytest.fixture(autouse=True)
def environment(monkeypatch, database_url, engine, fake_slack, session_factory):  # type: ignore[no-untyped-def]
    for name, value in {"DATABASE_URL": database_url, "SLACK_TEAM_ID": TEAM, "TIMEZONE": "Europe/Rome",
                        "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake_slack.base_url,
                        "OWNERS_CHANNEL": OWNERS_CHANNEL}.items():
        monkeypatch.setenv(name, value)
    with session_factory.begin() as session:
        acme = client(session, TEAM, "Acme Logistics", "4200")
        flag(session, TEAM, acme, "dealbreaker", at=SLOT - timedelta(days=2))


def test_preview_prints_readable_text_and_sends_nothing(capsys, fake_slack):
    with freeze_time("2026-11-25 10:00:00"):
        assert main(["digest", "preview"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Weekly digest · Nov 16 – Nov 23, 2026\n")
    assert "1. Acme Logistics · score" in out and "1 dealbreaker in the last 7 days" in out
    assert fake_slack.calls() == []


def test_preview_json_of_a_named_week_and_the_chart(capsys, tmp_path):
    chart = tmp_path / "pareto.png"
    with freeze_time("2026-12-10 10:00:00"):
        assert main(["digest", "preview", "--week", "2026w48", "--json", "--chart", str(chart)]) == 0
    out = capsys.readouterr().out
    message = json.loads(out[: out.rindex("}") + 1])
    assert message["blocks"][0]["text"]["text"] == "Weekly digest · Nov 16 – Nov 23, 2026"
    assert len(message["blocks"]) <= 50 and message["text"].startswith("Weekly digest 2026-W48")
    assert chart.read_bytes().startswith(b"\x89PNG") and f"chart written to {chart}" in out


def test_a_malformed_week_is_refused_by_name(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["digest", "preview", "--week", "2026-W60"])
    assert exit_.value.code == 2 and "2026 has no week 60" in capsys.readouterr().err


def test_send_posts_once_then_refuses_unless_forced_and_status_shows_it(capsys, fake_slack):
    with freeze_time("2026-11-25 10:00:00"):
        assert main(["digest", "send"]) == 0
        assert "digest 2026-W48 posted to C0OWNERS" in capsys.readouterr().out
        assert main(["digest", "send"]) == 1
        assert "is sent" in capsys.readouterr().err
        assert main(["digest", "send", "--force"]) == 0
        assert main(["digest", "status"]) == 0
    assert len(fake_slack.calls("chat.postMessage")) == 2
    status = capsys.readouterr().out.splitlines()[-1]
    assert status.startswith("2026-W48  sent     Wed 25 Nov 11:00")


@pytest.mark.parametrize(("language", "said"), [
    ("en", "workspace T0DEMO has no owners' channel: set OWNERS_CHANNEL"),
    ("it", "il workspace T0DEMO non ha un canale dei titolari: imposta OWNERS_CHANNEL"),
])
def test_send_without_an_owners_channel_says_how_to_set_one_in_the_workspace_language(
        capsys, monkeypatch, fake_slack, language, said):
    monkeypatch.delenv("OWNERS_CHANNEL")
    monkeypatch.setenv("LANGUAGE", language)
    with freeze_time("2026-11-25 10:00:00"):
        assert main(["digest", "send"]) == 1
    assert said in capsys.readouterr().err
    assert fake_slack.calls("chat.postMessage") == []
