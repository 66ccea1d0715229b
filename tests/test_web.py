"""The HTTP surface: health check, and the gunicorn factory builds nothing at import."""

from __future__ import annotations

import importlib
import subprocess
import sys

from sqlalchemy.pool import NullPool

from bot.web import create_web_app
from storage.db import make_engine


def test_healthz_is_200_while_the_database_answers(web):
    response = web.test_client().get("/healthz")
    assert response.status_code == 200 and response.json["database"] == "ok"


def test_healthz_is_503_when_the_database_does_not_answer(settings, tmp_path):
    broken = settings.model_copy(update={"database_url": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    app = create_web_app(broken, engine=make_engine(broken.database_url, poolclass=NullPool))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.json["status"] == "unavailable"


def test_importing_the_app_modules_builds_nothing():
    """No app, engine, settings or scheduler at import: importing works with an empty environment."""
    code = "import bot.wsgi, bot.app, bot.web, bot.cli, storage.db, storage.models, bot.jobs; print('ok')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin"}, timeout=60)
    assert result.stdout.strip() == "ok", result.stderr
    assert importlib.import_module("bot.wsgi").create  # the gunicorn target is a factory


def test_each_slack_request_logs_one_line_without_secrets_or_user_text(slack, fake_slack, caplog):
    import json
    import logging

    from bot.views.ids import Command

    with caplog.at_level(logging.INFO, logger="redflag.requests"):
        slack.command(Command.REDFLAG, "Acme secret story about Marco", user_id="U0TATTLER")
    lines = [r.getMessage() for r in caplog.records if r.name == "redflag.requests"]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert (entry["team"], entry["surface"], entry["status"]) == (slack.signer.team_id, "/redflag", 200)
    for secret in ("secret story", "U0TATTLER", "xoxb", "legacy"):
        assert secret not in lines[0]
