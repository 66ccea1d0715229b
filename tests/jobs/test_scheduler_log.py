"""Every job tick leaves one structured log line: which job, which team, the outcome, how long."""

from __future__ import annotations

import json
import logging

import pytest

from bot.deps import Deps
from bot.jobs.scheduler import run_job


def test_each_job_run_logs_one_json_line(settings, engine, session_factory, caplog):
    deps = Deps(settings=settings, engine=engine, session_factory=session_factory)

    def fine(deps, client, now):  # type: ignore[no-untyped-def]
        return None

    def broken(deps, client, now):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    with caplog.at_level(logging.INFO, logger="bot.jobs.scheduler"):
        run_job(fine, deps, client=None)  # type: ignore[arg-type]
        with pytest.raises(RuntimeError):
            run_job(broken, deps, client=None)  # type: ignore[arg-type]
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "bot.jobs.scheduler"]
    assert [(line["job"], line["outcome"], line["team"]) for line in lines] == [
        ("fine", "ok", settings.slack_team_id), ("broken", "error", settings.slack_team_id)]
    assert all(isinstance(line["ms"], float) for line in lines)
