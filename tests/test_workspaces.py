"""Multi-workspace mode: OAuth install, per-workspace tokens and data, uninstall, deleting a team."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import func, select

from bot.app import BOT_SCOPES, installation_store
from bot.cli import main
from bot.sandbox.driver import SlackDriver, wsgi_transport
from bot.sandbox.signer import SlackSigner
from bot.settings import ConfigError
from bot.views.ids import Action
from bot.web import create_web_app
from storage.clients import add_client
from storage.models import Client, Report
from storage.models.slack import installations
from tests.conftest import SIGNING_SECRET
from tests.listeners.helpers import open_report_modal, submit, valid_answers
from tests.test_wiring import MANIFEST

ONE, TWO = "T0ONE", "T0TWO"


@pytest.fixture
def oauth_web(settings, engine):  # type: ignore[no-untyped-def]
    multi = settings.model_copy(update={"slack_bot_token": None, "slack_client_id": "111.222",
                                        "slack_client_secret": "client-secret"})
    executor = ThreadPoolExecutor(max_workers=8)
    web = create_web_app(multi, engine=engine, listener_executor=executor)
    web.extensions["test_executor"] = executor  # tests shut it down to wait for listeners run after ack
    yield multi, web
    executor.shutdown(wait=True)


def install(web, team_id: str) -> None:  # type: ignore[no-untyped-def]
    browser = web.test_client()
    page = browser.get("/slack/install")
    assert page.status_code == 200
    authorize = next(part for part in page.get_data(as_text=True).split('"') if "oauth/v2/authorize" in part)
    state = parse_qs(urlparse(authorize.replace("&amp;", "&")).query)["state"][0]
    done = browser.get(f"/slack/oauth_redirect?code=code-{team_id}&state={state}")
    assert done.status_code == 200, done.get_data(as_text=True)


def driver_for(web, fake_slack, team_id: str) -> SlackDriver:  # type: ignore[no-untyped-def]
    return SlackDriver(SlackSigner(SIGNING_SECRET, team_id=team_id, response_url=fake_slack.response_url),
                       wsgi_transport(web))


def test_the_app_asks_for_the_scopes_the_manifest_declares():
    assert set(BOT_SCOPES) == set(MANIFEST["oauth_config"]["scopes"]["bot"])


def test_half_the_oauth_credentials_is_a_clear_config_error(settings, engine):
    with pytest.raises(ConfigError, match="SLACK_CLIENT_SECRET is not set"):
        create_web_app(settings.model_copy(update={"slack_client_id": "111.222"}), engine=engine)


def test_two_workspaces_install_and_never_see_each_others_data(oauth_web, fake_slack, session_factory):
    multi, web = oauth_web
    install(web, ONE)
    install(web, TWO)
    store = installation_store(multi, session_factory.kw["bind"])
    assert store.find_bot(enterprise_id=None, team_id=TWO).bot_token == f"xoxb-{TWO}-bot"
    with session_factory.begin() as session:
        add_client(session, team_id=ONE, name="Acme One")
        add_client(session, team_id=TWO, name="Acme Two")
    one, two = driver_for(web, fake_slack, ONE), driver_for(web, fake_slack, TWO)
    assert "Acme Two" not in str(one.suggest(Action.CLIENT_PICK, "acme", user_id="U0A").json())
    picked = two.suggest(Action.CLIENT_PICK, "acme two", user_id="U0B").json()["options"]
    assert [o["text"]["text"] for o in picked] == ["Acme Two"]

    view = open_report_modal(two, fake_slack, user_id="U0B")
    assert fake_slack.calls("views.open")[-1].token == f"xoxb-{TWO}-bot"  # that workspace's own token
    submit(two, view, valid_answers((picked[0]["value"], "Acme Two")), user_id="U0B")
    with session_factory() as session:
        assert session.execute(select(Report.team_id)).scalars().all() == [TWO]
    # Team ONE cannot file against team TWO's client by forging its id.
    view = open_report_modal(one, fake_slack, user_id="U0A")
    answer = submit(one, view, valid_answers((picked[0]["value"], "Acme Two")), user_id="U0A", view_id="V9")
    assert "merged or removed" in answer.json()["errors"]["report.client"]


def test_uninstall_and_revocation_remove_that_workspaces_tokens(oauth_web, fake_slack, session_factory):
    multi, web = oauth_web
    install(web, ONE)
    install(web, TWO)
    store = installation_store(multi, session_factory.kw["bind"])
    one, two = driver_for(web, fake_slack, ONE), driver_for(web, fake_slack, TWO)
    assert two.event({"type": "tokens_revoked", "tokens": {"oauth": ["U0INSTALLER"], "bot": ["U0REDFLAG"]}},
                     event_id="Ev1").status == 200
    assert one.event({"type": "app_uninstalled"}, event_id="Ev2").status == 200
    web.extensions["test_executor"].shutdown(wait=True)  # events are acked first, handled after
    with session_factory() as session:
        tokens = dict(session.execute(select(installations.c.team_id, installations.c.bot_token)).all())
    assert tokens.get(ONE) is None and tokens.get(TWO) is None
    assert store.find_bot(enterprise_id=None, team_id=ONE) is None
    assert store.find_bot(enterprise_id=None, team_id=TWO) is None


def test_team_delete_removes_every_row_of_that_team_only(monkeypatch, database_url, session_factory, capsys):
    monkeypatch.setenv("DATABASE_URL", database_url)
    with session_factory.begin() as session:
        add_client(session, team_id=ONE, name="Acme", aliases=["Acme Holding"])
        add_client(session, team_id=TWO, name="Acme")
    assert main(["team", "delete", ONE]) == 0
    assert "would delete 2 rows" in capsys.readouterr().out
    assert main(["team", "delete", ONE, "--yes"]) == 0
    assert "deleted 2 rows of workspace T0ONE" in capsys.readouterr().out
    with session_factory() as session:
        assert session.scalars(select(Client.team_id)).all() == [TWO]
        assert session.scalar(select(func.count()).select_from(Client)) == 1


def test_an_event_slack_delivers_again_is_processed_once(oauth_web, fake_slack, session_factory):
    multi, web = oauth_web
    store = installation_store(multi, session_factory.kw["bind"])
    two = driver_for(web, fake_slack, TWO)
    revoke = two.signer.event({"type": "tokens_revoked", "tokens": {"bot": ["U0REDFLAG"]}}, event_id="EvRETRY")
    install(web, TWO)
    assert two.send(revoke).status == 200
    web.extensions["test_executor"].shutdown(wait=True)
    assert store.find_bot(enterprise_id=None, team_id=TWO) is None
    install(web, TWO)  # reinstalled; now Slack re-sends the old delivery
    retried = type(revoke)(revoke.body, {**revoke.headers, "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"})
    assert two.send(retried).status == 200
    assert store.find_bot(enterprise_id=None, team_id=TWO).bot_token == f"xoxb-{TWO}-bot"
