"""/client and the Dossier button answer within Slack's 3-second trigger however long the dossier takes:
a loading modal opens at once (views.open), and the dossier replaces it (views.update, same view id and
hash) once gathered; if gathering fails, the modal says so instead of loading for ever."""

from __future__ import annotations

import json
import threading

import pytest
from slack_sdk import WebClient
from sqlalchemy.exc import OperationalError

from bot.errors import DATABASE_DOWN_READING
from bot.flows import dossier as dossier_flow
from bot.views.ids import Action, Command
from tests.conftest import OWNER, STAFF
from tests.listeners.test_client_dossier import seed
from tests.test_database_outage import proxied  # noqa: F401 - a fixture

LOADING = "Gathering the dossier of *Acme Logistics*…"


def texts(view: dict) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


@pytest.fixture
def slow_gathering(monkeypatch):  # type: ignore[no-untyped-def]
    """Gathering the dossier waits until the test sets the returned event (as on a very large database)."""
    release, real = threading.Event(), dossier_flow.build

    def build(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert release.wait(10), "the test never let the dossier be gathered"
        return real(*args, **kwargs)

    monkeypatch.setattr(dossier_flow, "build", build)
    yield release
    release.set()


def acme_id(session_factory, team_id: str) -> int:  # type: ignore[no-untyped-def]
    from storage.clients import find_client

    with session_factory() as session:
        return find_client(session, "Acme Logistics", team_id=team_id).id  # type: ignore[union-attr]


def test_the_loading_modal_opens_before_the_dossier_is_gathered_then_the_dossier_replaces_it(
        slack, fake_slack, session_factory, slow_gathering):
    seed(session_factory, slack.signer.team_id)
    answer = slack.command(Command.CLIENT, "acme", user_id=OWNER)
    assert (answer.status, answer.text) == (200, "")
    [opened] = fake_slack.wait_for("views.open")  # while the dossier is still being gathered
    assert opened.params["trigger_id"] and fake_slack.calls("views.update") == []
    assert opened.params["view"]["title"]["text"] == "Client dossier" and LOADING in texts(opened.params["view"])

    slow_gathering.set()
    [updated] = fake_slack.wait_for("views.update")
    methods = [c.method for c in fake_slack.calls() if c.method.startswith("views.")]
    assert methods == ["views.open", "views.update"]
    assert updated.params["view"]["blocks"][0]["text"]["text"] == "Acme Logistics"
    assert "Suggested next step: Plan an exit" in texts(updated.params["view"]) and LOADING not in texts(updated.params["view"])


def test_views_update_names_the_view_and_hash_views_open_returned(slack, fake_slack, session_factory, monkeypatch):
    seed(session_factory, slack.signer.team_id)
    answers, original = [], WebClient.views_open

    def views_open(self, **kwargs):  # type: ignore[no-untyped-def]
        response = original(self, **kwargs)
        answers.append(response["view"])  # what Slack answered: the new view's id and hash
        return response

    monkeypatch.setattr(WebClient, "views_open", views_open)
    assert slack.command(Command.CLIENT, "acme", user_id=OWNER).status == 200
    [updated] = fake_slack.wait_for("views.update")
    [opened] = answers
    assert (updated.params["view_id"], updated.params["hash"]) == (opened["id"], opened["hash"])


def test_the_dossier_button_opens_the_loading_modal_first_too(slack, fake_slack, session_factory, slow_gathering):
    seed(session_factory, slack.signer.team_id)
    assert slack.click(Action.DOSSIER_OPEN, str(acme_id(session_factory, slack.signer.team_id)),
                       user_id=OWNER).status == 200
    [opened] = fake_slack.wait_for("views.open")
    assert LOADING in texts(opened.params["view"]) and fake_slack.calls("views.update") == []
    slow_gathering.set()
    [updated] = fake_slack.wait_for("views.update")
    assert updated.params["view"]["blocks"][0]["text"]["text"] == "Acme Logistics"


def test_the_loading_modal_speaks_the_owner_s_language(slack, fake_slack, session_factory, slow_gathering):
    seed(session_factory, slack.signer.team_id)
    fake_slack.add_user(OWNER, "Giulia", locale="it-IT")
    assert slack.command(Command.CLIENT, "acme", user_id=OWNER).status == 200
    view = fake_slack.wait_for("views.open")[0].params["view"]
    assert view["title"]["text"] == "Dossier cliente" and view["close"]["text"] == "Chiudi"
    assert "Sto raccogliendo il dossier di *Acme Logistics*…" in texts(view)
    slow_gathering.set()
    assert fake_slack.wait_for("views.update")[0].params["view"]["title"]["text"] == "Dossier cliente"


@pytest.mark.parametrize(("failure", "reason"), [
    (RuntimeError("a bug"), "Sorry, something went wrong on our side and nothing was changed."),
    (OperationalError("SELECT 1", {}, Exception("server closed the connection")),
     "Redflag can't reach its database right now. Please try again in a few minutes."),
])
def test_a_failure_while_gathering_turns_the_loading_modal_into_a_clear_message(
        slack, fake_slack, session_factory, monkeypatch, caplog, failure, reason):
    seed(session_factory, slack.signer.team_id)

    def build(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise failure

    monkeypatch.setattr(dossier_flow, "build", build)
    assert slack.command(Command.CLIENT, "acme", user_id=OWNER).status == 200
    [opened] = fake_slack.wait_for("views.open")
    [updated] = fake_slack.wait_for("views.update")
    view = updated.params["view"]
    assert view["title"]["text"] == "Client dossier" and LOADING not in texts(view)
    assert ":warning: The dossier of *Acme Logistics* could not be gathered." in texts(view) and reason in texts(view)
    assert "dossier of client" in caplog.text  # logged for whoever runs Redflag, without the owner's words


def test_an_owner_who_closed_the_loading_modal_is_not_told_anything_went_wrong(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    fake_slack.fail("views.update", error="not_found")  # what Slack answers for a modal already closed
    assert slack.command(Command.CLIENT, "acme", user_id=OWNER).status == 200
    fake_slack.wait_for("views.update")
    slack.command(Command.CLIENT, "acme", user_id=OWNER)  # the next one works, and nothing was said in between
    assert len(fake_slack.wait_for("views.update", 2)) == 2 and fake_slack.calls("response_url") == []


def test_refusals_still_come_in_the_ack_and_open_no_modal(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    for text, user in (("acme", STAFF), ("", OWNER), ("Zeta", OWNER)):
        assert slack.command(Command.CLIENT, text, user_id=user).text
    assert fake_slack.calls("views.open") == fake_slack.calls("views.update") == []


def test_a_stale_dossier_button_is_refused_without_a_modal(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    slack.click(Action.DOSSIER_OPEN, "999999", user_id=OWNER)
    assert fake_slack.wait_for("response_url")[0].params["text"] == (
        "That client is no longer in the directory (merged or removed).")
    assert fake_slack.calls("views.open") == []


def test_the_directory_unreachable_before_the_modal_is_answered_in_the_ack(slack, fake_slack, session_factory,
                                                                            monkeypatch):
    seed(session_factory, slack.signer.team_id)

    def unreachable(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("SELECT", {}, Exception("connection refused"))

    monkeypatch.setattr(dossier_flow, "list_candidates", unreachable)
    answer = slack.command(Command.CLIENT, "acme", user_id=OWNER)
    assert (answer.status, answer.text) == (200, str(DATABASE_DOWN_READING))
    assert fake_slack.calls("views.open") == []


@pytest.mark.postgres
def test_postgres_going_away_while_gathering_tells_the_owner_and_recovers(proxied, fake_slack,  # noqa: F811
                                                                         session_factory, slow_gathering):
    proxy, _, slack = proxied
    seed(session_factory, slack.signer.team_id)
    assert slack.command(Command.CLIENT, "acme", user_id=OWNER).status == 200
    fake_slack.wait_for("views.open")
    proxy.cut()  # the database goes away while the dossier is gathered
    slow_gathering.set()
    [updated] = fake_slack.wait_for("views.update", timeout=15)
    assert "Redflag can't reach its database right now." in texts(updated.params["view"])
    answer = slack.command(Command.CLIENT, "acme", user_id=OWNER)  # the cheap check can't run either
    assert answer.text == str(DATABASE_DOWN_READING)
    proxy.restore()
    assert slack.command(Command.CLIENT, "acme", user_id=OWNER).status == 200
    updated = fake_slack.wait_for("views.update", 2, timeout=15)[-1]
    assert updated.params["view"]["blocks"][0]["text"]["text"] == "Acme Logistics"


def test_the_directory_unreachable_when_a_dossier_button_is_clicked_is_said(slack, fake_slack, session_factory,
                                                                           monkeypatch):
    seed(session_factory, slack.signer.team_id)

    def unreachable(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("SELECT", {}, Exception("connection refused"))

    monkeypatch.setattr(dossier_flow, "get_client", unreachable)
    assert slack.click(Action.DOSSIER_OPEN, "1", user_id=OWNER).status == 200
    [answer] = fake_slack.wait_for("response_url")
    assert answer.params["text"] == str(DATABASE_DOWN_READING)
    assert fake_slack.calls("views.open") == []
