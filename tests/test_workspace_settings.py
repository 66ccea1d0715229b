"""Per-workspace settings on Slack's real request path: each workspace's own owners and owners'
channel, its own bot token; the settings cache; a stored bad value never stops a request."""

from __future__ import annotations

import logging
from dataclasses import replace

from sqlalchemy import event

from bot.cli import main
from bot.deps import Deps
from bot.flows.dossier import OWNERS_ONLY
from bot.flows.workspaces import configure_team
from bot.views.ids import Command
from bot.workspace_settings import WorkspaceSettingsCache
from storage.clients import add_client
from storage.db import make_engine, make_session_factory
from storage.workspaces import save_overrides
from tests.conftest import OWNER, OWNERS_CHANNEL
from tests.listeners.helpers import open_report_modal, submit, valid_answers
from tests.test_workspaces import ONE, TWO, driver_for, oauth_web  # noqa: F401 - oauth_web is a fixture
from tests.workspace_helpers import ONE_CHANNEL, ONE_OWNER, TWO_CHANNEL, TWO_OWNER, token_of, two_workspaces  # noqa: F401


def file_dealbreaker(web, fake_slack, session_factory, team_id: str, reporter: str):  # type: ignore[no-untyped-def]
    with session_factory.begin() as session:
        acme = add_client(session, team_id=team_id, name=f"Acme {team_id}")
    driver = driver_for(web, fake_slack, team_id)
    view = open_report_modal(driver, fake_slack, user_id=reporter)
    answers = valid_answers((str(acme.id), acme.name), REPORT_SEVERITY="dealbreaker")
    assert submit(driver, view, answers, user_id=reporter).status == 200


def test_a_dealbreaker_reaches_its_own_workspace_s_owners_with_its_own_token(two_workspaces, fake_slack,
                                                                             session_factory):
    _, web = two_workspaces
    file_dealbreaker(web, fake_slack, session_factory, TWO, "U0STAFFTWO")
    file_dealbreaker(web, fake_slack, session_factory, ONE, "U0STAFFONE")
    web.extensions["test_executor"].shutdown(wait=True)  # the alerts are posted after the ack
    posts = [(c.params["channel"], c.token) for c in fake_slack.calls("chat.postMessage")]
    assert sorted(posts) == sorted([
        ("U0STAFFTWO", token_of(TWO)), (TWO_CHANNEL, token_of(TWO)),  # the reporter's receipt, the owners' alert
        ("U0STAFFONE", token_of(ONE)), (ONE_CHANNEL, token_of(ONE)),
    ])
    alert = next(c for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == TWO_CHANNEL)
    assert "Acme T0TWO" in str(alert.params["blocks"]) and "Acme T0ONE" not in str(alert.params["blocks"])
    assert OWNERS_CHANNEL not in {channel for channel, _ in posts}  # the global channel is nobody's here


def test_the_dossier_is_for_the_workspace_s_own_owners_only(two_workspaces, fake_slack, session_factory):
    _, web = two_workspaces
    with session_factory.begin() as session:
        add_client(session, team_id=TWO, name="Acme Two")
    two = driver_for(web, fake_slack, TWO)
    for outsider in (ONE_OWNER, OWNER):  # ONE's owner, and the global OWNER_USER_IDS
        answer = two.command(Command.CLIENT, "acme", user_id=outsider)
        assert (answer.status, answer.text) == (200, str(OWNERS_ONLY))
    assert fake_slack.calls("views.open") == []
    assert two.command(Command.CLIENT, "acme", user_id=TWO_OWNER).status == 200
    [opened] = fake_slack.wait_for("views.update")  # the dossier, in place of the loading modal
    assert opened.token == token_of(TWO) and opened.params["view"]["blocks"][0]["text"]["text"] == "Acme Two"


def test_a_stored_value_that_no_longer_validates_does_not_stop_requests(two_workspaces, fake_slack, session_factory,
                                                                        caplog):
    _, web = two_workspaces
    with session_factory.begin() as session:  # as if written by hand, past `team configure`'s checks
        save_overrides(session, team_id=TWO, values={"timezone": "Mars/Olympus_Mons"})
        acme = add_client(session, team_id=TWO, name="Acme Two")
    two = driver_for(web, fake_slack, TWO)
    with caplog.at_level(logging.ERROR, logger="bot.workspace_settings"):
        view = open_report_modal(two, fake_slack, user_id="U0STAFFTWO")
        answers = valid_answers((str(acme.id), acme.name), REPORT_SEVERITY="dealbreaker")
        assert submit(two, view, answers, user_id="U0STAFFTWO").text == ""
    web.extensions["test_executor"].shutdown(wait=True)
    assert "T0TWO: its stored settings (timezone) no longer validate" in caplog.text
    # Only the bad field falls back to the global one: TWO's owners still get the alert, with TWO's token.
    alert = next(c for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == TWO_CHANNEL)
    assert alert.token == token_of(TWO)


def test_without_its_own_settings_a_workspace_runs_on_the_global_ones(settings, engine, session_factory):
    deps = Deps(settings=settings, engine=engine, session_factory=session_factory)
    team = deps.for_team("T0OTHER")
    assert team.settings == settings.model_copy(update={"slack_team_id": "T0OTHER"})
    assert team.team_id == "T0OTHER" and deps.settings.slack_team_id == settings.slack_team_id
    assert team.for_team("T0THIRD").settings.owners_channel == settings.owners_channel


def test_settings_are_read_once_per_cache_period_and_again_after_a_change(settings, engine, session_factory):
    clock = [1000.0]
    deps = Deps(settings=settings, engine=engine, session_factory=session_factory,
                workspaces=WorkspaceSettingsCache(seconds=30, clock=lambda: clock[0]))
    reads = []
    event.listen(engine, "before_cursor_execute",
                 lambda *args: reads.append(1) if "workspace_settings" in args[2] and "SELECT" in args[2] else None)
    assert deps.for_team(TWO).settings.timezone == settings.timezone
    clock[0] += 29
    assert deps.for_team(TWO).settings.timezone == settings.timezone
    assert len(reads) == 1  # the second request cost no query

    configure_team(deps.for_team(TWO), TWO, {"timezone": "Asia/Tokyo", "owners_channel": "C0TOKYO"})
    team = deps.for_team(TWO)  # a change made in this process is seen at once
    assert (team.settings.timezone, team.settings.owners_channel, team.now().utcoffset().total_seconds()) == (
        "Asia/Tokyo", "C0TOKYO", 9 * 3600)
    assert deps.for_team(ONE).settings.timezone == settings.timezone

    with session_factory.begin() as session:  # another process (the CLI) changes it: seen after the period
        save_overrides(session, team_id=TWO, values={"timezone": "Europe/Lisbon"})
    clock[0] += 10
    assert deps.for_team(TWO).settings.timezone == "Asia/Tokyo"
    clock[0] += 30
    assert deps.for_team(TWO).settings.timezone == "Europe/Lisbon"


def test_while_the_database_does_not_answer_the_last_known_settings_are_used(settings, engine, session_factory,
                                                                             tmp_path, caplog):
    clock = [1000.0]
    deps = Deps(settings=settings, engine=engine, session_factory=session_factory,
                workspaces=WorkspaceSettingsCache(seconds=30, clock=lambda: clock[0]))
    configure_team(deps, TWO, {"owners_channel": "C0TWOOWNERS"})
    assert deps.for_team(TWO).settings.owners_channel == "C0TWOOWNERS"
    gone = make_engine(f"sqlite:///{tmp_path / 'no such folder' / 'db.sqlite3'}")  # every connect fails
    down = replace(deps, engine=gone, session_factory=make_session_factory(gone))
    clock[0] += 31
    with caplog.at_level(logging.WARNING, logger="bot.workspace_settings"):
        assert down.for_team(TWO).settings.owners_channel == "C0TWOOWNERS"
        assert down.for_team(ONE).settings == settings.model_copy(update={"slack_team_id": ONE})
    assert "workspace T0TWO: settings not read (OperationalError); using the last known settings" in caplog.text
    assert "workspace T0ONE: settings not read (OperationalError); using the global settings" in caplog.text
    clock[0] += 6  # the database is back: read again
    assert deps.for_team(TWO).settings.owners_channel == "C0TWOOWNERS" and len(caplog.records) == 2


def test_digest_send_for_one_workspace_uses_its_token_and_channel(two_workspaces, fake_slack, capsys, monkeypatch):
    monkeypatch.setenv("SLACK_CLIENT_ID", "111.222")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "client-secret")
    monkeypatch.setenv("SLACK_API_URL", fake_slack.base_url)
    assert main(["digest", "send", "--team", TWO]) == 0
    assert f"posted to {TWO_CHANNEL}" in capsys.readouterr().out
    [post] = fake_slack.calls("chat.postMessage")
    assert (post.params["channel"], post.token) == (TWO_CHANNEL, token_of(TWO))
    assert main(["digest", "send", "--team", "T0NEVER"]) == 1
    assert "workspace T0NEVER has not installed the app" in capsys.readouterr().err
