"""The Procfile's clock line really runs the jobs: `redflag clock` posts a due digest, once."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from storage.migrate import upgrade
from tests.conftest import OWNERS_CHANNEL

ROOT = Path(__file__).resolve().parents[2]
PROCFILE = dict(line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if ":" in line)


def test_the_clock_process_sends_the_due_digest(fake_slack, tmp_path):
    assert PROCFILE["clock"].strip() == "redflag clock"
    database_url = f"sqlite:///{tmp_path / 'clock.sqlite3'}"
    upgrade(database_url)
    now = datetime.now(ZoneInfo("Europe/Rome"))
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake_slack.base_url,
           "DATABASE_URL": database_url, "SLACK_TEAM_ID": "T0DEMO", "OWNERS_CHANNEL": OWNERS_CHANNEL,
           "TIMEZONE": "Europe/Rome", "DIGEST_DAY": now.strftime("%A"), "DIGEST_TIME": now.strftime("%H:%M"),
           "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    clock = subprocess.Popen(["bash", "-c", PROCFILE["clock"].strip()], env=env, cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        [post] = fake_slack.wait_for("chat.postMessage", timeout=30,
                                     where=lambda c: c.params.get("channel") == OWNERS_CHANNEL)
        assert post.params["blocks"][0]["text"]["text"].startswith("Weekly digest")
    finally:
        clock.terminate()
        output = clock.communicate(timeout=30)[0].decode()
    assert "clock: running" in output and "digest.weekly" in output
