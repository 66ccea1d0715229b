"""PostgreSQL going away while the app runs: clear messages, nothing typed is lost, recovery
without a restart, /healthz 503 meanwhile. The database link really breaks (a TCP proxy is cut)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bot.errors import DATABASE_DOWN
from bot.sandbox.driver import SlackDriver, wsgi_transport
from bot.sandbox.signer import SlackSigner
from bot.views.ids import Block, Command
from bot.web import create_web_app
from storage.clients import add_client
from storage.db import make_engine
from storage.models import Report
from tests.conftest import SIGNING_SECRET, STAFF, postgres_url
from tests.listeners.helpers import open_report_modal, submit, valid_answers
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.postgres

TYPED = "Called Luca an idiot in front of the whole office. Second time this month."


@pytest.fixture
def proxied(settings, fake_slack, engine):  # type: ignore[no-untyped-def]
    url = make_url(postgres_url())
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    through = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    app_engine = make_engine(through, pool_timeout=2, connect_args={"connect_timeout": 2})
    executor = ThreadPoolExecutor(max_workers=4)
    web = create_web_app(settings.model_copy(update={"database_url": through}), engine=app_engine,
                         listener_executor=executor)
    driver = SlackDriver(SlackSigner(SIGNING_SECRET, response_url=fake_slack.response_url), wsgi_transport(web))
    yield proxy, web, driver
    executor.shutdown(wait=True)
    app_engine.dispose()
    proxy.close()


def test_a_report_submitted_while_the_database_is_down_keeps_its_text(proxied, fake_slack, session_factory):
    proxy, web, slack = proxied
    with session_factory.begin() as session:
        client = add_client(session, team_id=slack.signer.team_id, name="Acme Inc.")
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    assert web.test_client().get("/healthz").status_code == 200

    proxy.cut()
    assert web.test_client().get("/healthz").status_code == 503
    answer = submit(slack, view, valid_answers((str(client.id), client.name), REPORT_DESCRIPTION=TYPED), user_id=STAFF)
    assert answer.status == 200
    assert "can't reach its database" in answer.json()["errors"][Block.REPORT_DESCRIPTION]
    copy = fake_slack.wait_for("chat.postMessage")[0]
    assert copy.params["channel"] == STAFF and "Second time this month" in str(copy.params["blocks"])

    refused = slack.command(Command.REDFLAG, "", user_id=STAFF)
    assert (refused.status, refused.text) == (200, str(DATABASE_DOWN))

    proxy.restore()  # the same app, no restart
    assert web.test_client().get("/healthz").status_code == 200
    assert submit(slack, view, valid_answers((str(client.id), client.name), REPORT_DESCRIPTION=TYPED),
                  user_id=STAFF).text == ""
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 1
