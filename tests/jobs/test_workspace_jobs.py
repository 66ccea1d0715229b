"""The clock with several workspaces: each tick runs every job once per installed workspace, with
that workspace's settings (its owners' channel, its time zone) and its own bot token."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from bot.cli import main
from bot.deps import Deps
from bot.jobs.digest import weekly_digest
from bot.jobs.polls import close_polls
from bot.jobs.scheduler import run_job
from bot.web import create_web_app
from storage.migrate import upgrade
from tests.flows.poll_seeding import seed_poll
from tests.jobs.test_clock_process import PROCFILE
from tests.test_workspaces import ONE, TWO, driver_for, install, oauth_web  # noqa: F401 - oauth_web is a fixture
from tests.workspace_helpers import ONE_CHANNEL, TWO_CHANNEL, token_of, two_workspaces  # noqa: F401


@pytest.fixture
def clock_deps(two_workspaces, engine, session_factory) -> Deps:  # type: ignore[no-untyped-def]
    """What `redflag clock` builds in OAuth mode: the global deps; no bot token of its own."""
    multi, _ = two_workspaces
    return Deps(settings=multi, engine=engine, session_factory=session_factory)


def posts(fake_slack) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return [(c.params["channel"], c.token) for c in fake_slack.calls("chat.postMessage")]


def job_lines(caplog) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "bot.jobs.scheduler"]
    caplog.clear()
    return [(line["job"], line["team"], line["outcome"]) for line in lines]


def test_each_workspace_gets_its_digest_at_its_own_local_time_with_its_own_token(clock_deps, fake_slack, caplog):
    # Both post on Monday at 09:00 (the global DIGEST_DAY/TIME), ONE in Rome and TWO in New York.
    with caplog.at_level(logging.INFO, logger="bot.jobs.scheduler"):
        with freeze_time("2026-11-23 08:00:30"):  # 09:00 in Rome, 03:00 in New York
            run_job(weekly_digest, clock_deps)
        assert posts(fake_slack) == [(ONE_CHANNEL, token_of(ONE))]
        assert sorted(job_lines(caplog)) == [("weekly_digest", ONE, "ok"), ("weekly_digest", TWO, "ok")]
        with freeze_time("2026-11-23 13:59:30"):  # 08:59 in New York
            run_job(weekly_digest, clock_deps)
        assert len(posts(fake_slack)) == 1
        with freeze_time("2026-11-23 14:00:30"):  # 09:00 in New York
            run_job(weekly_digest, clock_deps)
        assert posts(fake_slack) == [(ONE_CHANNEL, token_of(ONE)), (TWO_CHANNEL, token_of(TWO))]
    for call in fake_slack.calls("chat.postMessage"):
        assert call.params["metadata"]["event_payload"] == {"week": "2026-W48"}


def test_polls_close_per_workspace_and_results_go_to_its_owners_with_its_token(clock_deps, fake_slack,
                                                                                 session_factory):
    # TWO's poll is due first; ONE's run comes first in each tick, and must leave TWO's poll alone.
    two = seed_poll(session_factory, TWO, "2026-Q3", [])  # open 1–15 July
    one = seed_poll(session_factory, ONE, "2026-Q4", [])  # open 1–15 October
    with freeze_time("2026-07-20 12:00:00"):
        run_job(close_polls, clock_deps)
    assert posts(fake_slack) == [(TWO_CHANNEL, token_of(TWO))]
    assert "Q3 2026" in str(fake_slack.calls("chat.postMessage")[0].params)  # the 2026-Q3 poll, as shown
    with freeze_time("2026-10-20 12:00:00"):
        run_job(close_polls, clock_deps)
        run_job(close_polls, clock_deps)  # a second tick posts nothing again
    assert posts(fake_slack) == [(TWO_CHANNEL, token_of(TWO)), (ONE_CHANNEL, token_of(ONE))]
    assert "Q4 2026" in str(fake_slack.calls("chat.postMessage")[1].params) and one.id != two.id


def test_a_workspace_that_uninstalled_the_app_is_left_out(clock_deps, two_workspaces, fake_slack, caplog):
    _, web = two_workspaces
    assert driver_for(web, fake_slack, ONE).event({"type": "app_uninstalled"}, event_id="EvGone").status == 200
    web.extensions["test_executor"].shutdown(wait=True)
    ran = []
    with caplog.at_level(logging.INFO, logger="bot.jobs.scheduler"):
        run_job(lambda deps, client, now: ran.append((deps.team_id, client.token)), clock_deps)
    assert ran == [(TWO, token_of(TWO))]
    assert job_lines(caplog) == [("<lambda>", TWO, "ok")]


def test_one_workspace_failing_does_not_keep_the_others_from_running(clock_deps, caplog):
    ran = []

    def fails_in_one(deps: Deps, client, now: datetime) -> None:  # type: ignore[no-untyped-def]
        ran.append((deps.team_id, client.token, deps.settings.timezone))
        if deps.team_id == ONE:
            raise RuntimeError("channel_not_found")

    with caplog.at_level(logging.INFO, logger="bot.jobs.scheduler"), pytest.raises(RuntimeError, match="channel_not"):
        run_job(fails_in_one, clock_deps)
    assert sorted(ran) == [(ONE, token_of(ONE), "Europe/Rome"), (TWO, token_of(TWO), "America/New_York")]
    assert sorted(job_lines(caplog)) == [("fails_in_one", ONE, "error"), ("fails_in_one", TWO, "ok")]

    def fails_everywhere(deps: Deps, client, now: datetime) -> None:  # type: ignore[no-untyped-def]
        raise RuntimeError(f"not in {deps.team_id}")

    with pytest.raises(ExceptionGroup, match="job fails_everywhere failed in 2 workspaces") as raised:
        run_job(fails_everywhere, clock_deps)
    assert sorted(str(e) for e in raised.value.exceptions) == [f"not in {ONE}", f"not in {TWO}"]


def test_the_clock_process_runs_in_oauth_mode_without_a_bot_token(fake_slack, settings, tmp_path, monkeypatch):
    database_url = f"sqlite:///{tmp_path / 'clock.sqlite3'}"
    upgrade(database_url)
    multi = settings.model_copy(update={"slack_bot_token": None, "slack_team_id": None, "database_url": database_url,
                                        "slack_client_id": "111.222", "slack_client_secret": "client-secret"})
    install(create_web_app(multi), TWO)
    now = datetime.now(ZoneInfo("America/New_York"))
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["team", "configure", TWO, "--owners-channel", TWO_CHANNEL, "--timezone", "America/New_York",
                 "--digest-day", now.strftime("%A"), "--digest-time", now.strftime("%H:%M")]) == 0
    env = {key: value for key, value in os.environ.items() if not key.startswith("SLACK_")}
    env.update({"SLACK_CLIENT_ID": "111.222", "SLACK_CLIENT_SECRET": "client-secret", "SLACK_API_URL": fake_slack.base_url,
                "DATABASE_URL": database_url, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"})
    clock = subprocess.Popen(["bash", "-c", PROCFILE["clock"].strip()], env=env, cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        [post] = fake_slack.wait_for("chat.postMessage", timeout=30, where=lambda c: c.params.get("channel") == TWO_CHANNEL)
    finally:
        clock.terminate()
        output = clock.communicate(timeout=30)[0].decode()
    assert post.token == token_of(TWO) and post.params["blocks"][0]["text"]["text"].startswith("Weekly digest")
    assert "clock: running" in output and "SLACK_BOT_TOKEN" not in output


def test_token_mode_runs_once_for_the_token_s_workspace_asking_slack_when_slack_team_id_is_unset(
        settings, engine, session_factory, fake_slack):
    deps = Deps(settings=settings.model_copy(update={"slack_team_id": None}), engine=engine,
                session_factory=session_factory)
    ran = []
    run_job(lambda deps, client, now: ran.append((deps.team_id, client.token, now.tzinfo)), deps)
    assert ran == [("T0DEMO", "xoxb-test", settings.tz)]  # the fake Slack's auth.test answers T0DEMO
    assert len(fake_slack.calls("auth.test")) == 1
