"""Fifty reports submitted at the same moment are all stored (SQLite WAL + busy timeout)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from bot.sandbox.driver import SlackDriver, wsgi_transport
from bot.sandbox.forms import fill
from storage.clients import add_client
from storage.models import Report
from tests.listeners.helpers import open_report_modal, valid_answers

SUBMISSIONS = 50


def test_fifty_concurrent_submissions_are_all_stored(slack, fake_slack, session_factory, web):
    with session_factory.begin() as session:
        client = add_client(session, team_id=slack.signer.team_id, name="Acme Inc.")
    view = open_report_modal(slack, fake_slack, user_id="U0STAFF")
    values = fill(view, valid_answers((str(client.id), client.name)))

    def send(n: int) -> int:
        driver = SlackDriver(slack.signer, wsgi_transport(web))  # one HTTP client per "user"
        return driver.submit(view, values, user_id=f"U0STAFF{n:02d}", view_id=f"V{n:04d}").status

    with ThreadPoolExecutor(max_workers=SUBMISSIONS) as pool:
        statuses = list(pool.map(send, range(SUBMISSIONS)))
    assert statuses == [200] * SUBMISSIONS
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == SUBMISSIONS
    fake_slack.wait_for("chat.postMessage", SUBMISSIONS, timeout=30)
