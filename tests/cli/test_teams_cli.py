"""`redflag team configure|show T…`: a workspace's own settings, validated per option, all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.cli import main
from storage.models.workspaces import WorkspaceSettings
from storage.workspaces import get_overrides

TEAM = "T0TWO"


@pytest.fixture(autouse=True)
def environment(monkeypatch, database_url, engine):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("OWNERS_CHANNEL", "C0GLOBAL")
    monkeypatch.setenv("TIMEZONE", "Europe/Rome")


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--owners", "U0ANNA,anna", "--owners: 'anna' is not a Slack user id: expected comma-separated Slack user ids"),
    ("--owners", "@anna", "--owners: '@anna' is not a Slack user id"),
    ("--owners-channel", "#owners", "--owners-channel: '#owners' is not a channel id: expected a Slack channel id, e.g. C012AB3CD"),
    ("--owners-channel", "U0ANNA", "--owners-channel: 'U0ANNA' is not a channel id"),
    ("--staff-channel", "staff", "--staff-channel: 'staff' is not a channel id: expected a Slack channel id"),
    ("--poll-voters", "U0A,B0BOT", "--poll-voters: 'B0BOT' is not a Slack user id: expected comma-separated Slack user ids"),
    ("--timezone", "Europe/Rom", "--timezone: unknown time zone 'Europe/Rom': expected an IANA time zone name, e.g. Europe/Rome"),
    ("--timezone", "CEST+2", "--timezone: unknown time zone 'CEST+2'"),
    ("--digest-day", "funday", "--digest-day: 'funday' is not a day of the week: expected a day of the week in English"),
    ("--digest-day", "t", "--digest-day: 't' is not a day of the week"),  # tuesday or thursday?
    ("--digest-time", "25:00", "--digest-time: '25:00' is not a time such as 09:00: expected a time of day as HH:MM"),
    ("--digest-time", "9am", "--digest-time: '9am' is not a time such as 09:00"),
])
def test_a_bad_value_names_the_option_and_what_it_expects_and_changes_nothing(option, value, message, capsys,
                                                                              session_factory):
    assert main(["team", "configure", TEAM, "--timezone", "Asia/Tokyo", option, value]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"redflag: nothing was changed for workspace {TEAM}:\n")
    assert message in err and err.count("\n  --") == 1  # only the bad option is named
    with session_factory() as session:
        assert session.scalars(select(WorkspaceSettings)).all() == []


def test_several_bad_values_are_all_named_at_once(capsys):
    assert main(["team", "configure", TEAM, "--owners", "x", "--timezone", "Nowhere", "--digest-time", "7"]) == 1
    err = capsys.readouterr().err
    assert [line.split(":")[0] for line in err.splitlines()[1:]] == ["  --owners", "  --timezone", "  --digest-time"]


def test_values_are_stored_normalised_shown_and_put_back_to_global_with_an_empty_value(capsys, session_factory):
    assert main(["team", "configure", TEAM, "--owners", "U0ANNA, U0BEN", "--owners-channel", "C0TWOOWNERS",
                 "--digest-day", "fri", "--digest-time", "7:30", "--timezone", "America/New_York"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"workspace {TEAM} updated\n")
    with session_factory() as session:
        assert get_overrides(session, team_id=TEAM) == {
            "owner_user_ids": "U0ANNA,U0BEN", "owners_channel": "C0TWOOWNERS", "digest_day": "friday",
            "digest_time": "07:30", "timezone": "America/New_York"}

    assert main(["team", "configure", TEAM, "--owners-channel", "", "--staff-channel", "C0STAFF"]) == 0
    capsys.readouterr()
    assert main(["team", "show", TEAM]) == 0
    shown = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert shown == [
        ["workspace", TEAM],
        ["owners", "U0ANNA,U0BEN", "this", "workspace's"],
        ["owners-channel", "C0GLOBAL", "global", "OWNERS_CHANNEL"],
        ["staff-channel", "C0STAFF", "this", "workspace's"],
        ["poll-voters", "—", "global", "POLL_VOTER_IDS"],
        ["timezone", "America/New_York", "this", "workspace's"],
        ["digest-day", "friday", "this", "workspace's"],
        ["digest-time", "07:30", "this", "workspace's"],
        ["language", "en", "global", "LANGUAGE"],
    ]
    assert main(["team", "show", "T0ONE"]) == 0  # another workspace is untouched
    assert "Europe/Rome" in capsys.readouterr().out


def test_configure_needs_something_to_change_and_a_workspace_id(capsys):
    assert main(["team", "configure", TEAM]) == 1
    assert "nothing to change: give at least one of --owners, --owners-channel" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["team", "configure", "general", "--timezone", "UTC"])
    assert "“general” is not a workspace id" in capsys.readouterr().err


def test_show_says_whether_a_workspace_installed_the_app_in_multi_workspace_mode(monkeypatch, capsys):
    monkeypatch.setenv("SLACK_CLIENT_ID", "111.222")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "client-secret")
    assert main(["team", "show", TEAM]) == 0
    assert capsys.readouterr().out.startswith(f"workspace {TEAM} (not installed)\n")


def test_team_delete_removes_the_workspace_s_settings_too(capsys, session_factory):
    assert main(["team", "configure", TEAM, "--timezone", "Asia/Tokyo"]) == 0
    assert main(["team", "delete", TEAM, "--yes"]) == 0
    assert "1 workspace_settings" in capsys.readouterr().out
    with session_factory() as session:
        assert get_overrides(session, team_id=TEAM) == {}
