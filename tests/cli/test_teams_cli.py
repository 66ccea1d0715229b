"""`redflag team configure|show T…`: a workspace's own settings, validated per option, all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.cli.common import open_deps
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
    ("--risk-half-life-days", "0", "--risk-half-life-days: Input should be greater than or equal to 1: expected a whole "
                                   "number of days from 1 to 3650"),
    ("--show-reporters", "maybe", "--show-reporters: Input should be a valid boolean, unable to interpret input: "
                                  "expected true or false"),
    ("--lateness-alert-days", "fifteen", "--lateness-alert-days: Input should be a valid integer"),
    ("--lateness-alert-days", "366", "--lateness-alert-days: Input should be less than or equal to 365: expected a "
                                     "whole number of days past due from 1 to 365, e.g. 15"),
    ("--strict-payer-policy", "sometimes", "--strict-payer-policy: Input should be a valid boolean"),
    ("--lateness-worsening-days", "0", "--lateness-worsening-days: Input should be greater than or equal to 1"),
    ("--poll-anonymity-threshold", "2", "--poll-anonymity-threshold: 2 is below 3: with fewer ballots one person's "
                                        "picks could show"),
    ("--poll-reminder-days", "61", "--poll-reminder-days: Input should be less than or equal to 60"),
    ("--poll-duration-days", "0", "--poll-duration-days: Input should be greater than or equal to 1: expected a whole "
                                  "number of days from 1 to 90"),
    ("--poll-auto-open", "weekly", "--poll-auto-open: “weekly” is not a poll schedule"),
    ("--poll-auto-open", "yearly 12-01", "--poll-auto-open: automatic polls also need POLL_SECRET and STAFF_CHANNEL set"),
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
        ["risk-half-life-days", "90", "global", "RISK_HALF_LIFE_DAYS"],
        ["show-reporters", "false", "global", "DIGEST_SHOW_REPORTERS"],
        ["lateness-alert-days", "15", "global", "LATENESS_ALERT_DAYS"],
        ["strict-payer-policy", "false", "global", "STRICT_PAYER_POLICY"],
        ["lateness-worsening-days", "10", "global", "LATENESS_WORSENING_DAYS"],
        ["poll-anonymity-threshold", "3", "global", "POLL_ANONYMITY_THRESHOLD"],
        ["poll-reminder-days", "3", "global", "POLL_REMINDER_DAYS"],
        ["poll-duration-days", "14", "global", "POLL_DURATION_DAYS"],
        ["poll-auto-open", "off", "global", "POLL_AUTO_OPEN"],
    ]
    assert main(["team", "show", "T0ONE"]) == 0  # another workspace is untouched
    assert "Europe/Rome" in capsys.readouterr().out


def test_the_lateness_risk_and_poll_policies_round_trip(capsys, session_factory, monkeypatch):
    monkeypatch.setenv("POLL_SECRET", "test-poll-secret-0123456789abcdef")
    assert main(["team", "configure", TEAM, "--risk-half-life-days", "30", "--show-reporters", "yes",
                 "--lateness-alert-days", "7", "--strict-payer-policy", "on", "--lateness-worsening-days", "5",
                 "--poll-anonymity-threshold", "4", "--poll-reminder-days", "0", "--poll-duration-days", "21",
                 "--staff-channel", "C0STAFF", "--poll-auto-open", " Quarterly  15 "]) == 0
    capsys.readouterr()
    with session_factory() as session:  # stored as the environment would give them, normalised
        assert get_overrides(session, team_id=TEAM) == {
            "risk_half_life_days": "30", "digest_show_reporters": "true", "lateness_alert_days": "7",
            "strict_payer_policy": "true", "lateness_worsening_days": "5", "poll_anonymity_threshold": "4",
            "poll_reminder_days": "0", "poll_duration_days": "21", "staff_channel": "C0STAFF",
            "poll_auto_open": "quarterly 15"}
    assert main(["team", "show", TEAM]) == 0
    shown = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()[1:]}
    assert {option: shown[option] for option in ("risk-half-life-days", "show-reporters", "poll-auto-open")} == {
        "risk-half-life-days": ["30", "this", "workspace's"], "show-reporters": ["true", "this", "workspace's"],
        "poll-auto-open": ["quarterly", "15", "this", "workspace's"]}

    settings = open_deps().for_team(TEAM).settings  # what listeners and jobs of this workspace run on
    assert (settings.risk_half_life_days, settings.digest_show_reporters, settings.lateness_alert_days,
            settings.strict_payer_policy, settings.lateness_worsening_days, settings.poll_anonymity_threshold,
            settings.poll_reminder_days, settings.poll_duration_days, settings.poll_auto_open) == (
        30, True, 7, True, 5, 4, 0, 21, "quarterly 15")

    assert main(["team", "configure", TEAM, "--poll-auto-open", "", "--lateness-alert-days", ""]) == 0
    with session_factory() as session:
        overrides = get_overrides(session, team_id=TEAM)
    assert "poll_auto_open" not in overrides and "lateness_alert_days" not in overrides
    assert overrides["risk_half_life_days"] == "30"
    assert open_deps().for_team(TEAM).settings.lateness_alert_days == 15  # the global default again


def test_a_policy_that_stops_fitting_another_is_refused_with_nothing_written(capsys, session_factory, monkeypatch):
    monkeypatch.setenv("POLL_SECRET", "test-poll-secret-0123456789abcdef")
    assert main(["team", "configure", TEAM, "--staff-channel", "C0STAFF", "--poll-auto-open", "yearly 12-01"]) == 0
    capsys.readouterr()
    assert main(["team", "configure", TEAM, "--staff-channel", "", "--lateness-alert-days", "9"]) == 1
    assert "--poll-auto-open: automatic polls also need STAFF_CHANNEL set" in capsys.readouterr().err
    with session_factory() as session:
        assert get_overrides(session, team_id=TEAM) == {"staff_channel": "C0STAFF", "poll_auto_open": "yearly 12-01"}


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
