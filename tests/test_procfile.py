"""The Procfile's web line really serves the app: gunicorn, signed request in, views.open out."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot.sandbox.driver import SlackDriver, http_transport
from bot.sandbox.signer import SlackSigner
from bot.views.ids import Command
from storage.migrate import upgrade
from tests.conftest import SIGNING_SECRET

ROOT = Path(__file__).resolve().parents[1]
PROCFILE = dict(line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if ":" in line)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_procfile_declares_release_and_web():
    assert PROCFILE["release"].strip() == "redflag db upgrade"
    assert "gunicorn" in PROCFILE["web"] and "$PORT" in PROCFILE["web"]


def test_the_web_process_serves_signed_slack_requests(fake_slack, tmp_path):
    database_url = f"sqlite:///{tmp_path / 'web.sqlite3'}"
    upgrade(database_url)
    port = free_port()
    env = {**os.environ, "PORT": str(port), "WEB_CONCURRENCY": "1", "WEB_THREADS": "4",
           "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": fake_slack.base_url, "DATABASE_URL": database_url,
           "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    command = PROCFILE["web"].strip().replace("0.0.0.0", "127.0.0.1")
    server = subprocess.Popen(["bash", "-c", command], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    assert response.status == 200
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("web process did not start: " + server.stdout.read().decode()[-2000:])
                time.sleep(0.1)  # waiting for a process to boot, not testing time
        driver = SlackDriver(SlackSigner(SIGNING_SECRET), http_transport(f"http://127.0.0.1:{port}"))
        assert driver.command(Command.REDFLAG, "", user_id="U0STAFF").status == 200
        assert fake_slack.wait_for("views.open", timeout=10)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=10)
    assert shlex.split(command)[0] == "gunicorn"
