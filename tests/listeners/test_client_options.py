"""The client picker's options load requests (block_suggestion) through the real request path."""

from __future__ import annotations

import pytest

from bot.views.ids import Action
from storage.clients import add_client
from tests.conftest import STAFF


@pytest.fixture
def directory(session_factory, slack):  # type: ignore[no-untyped-def]
    with session_factory.begin() as session:
        acme = add_client(session, team_id=slack.signer.team_id, name="Acme", aliases=["ACME Corporation"])
        add_client(session, team_id=slack.signer.team_id, name="Acorn Media B.V.")
        add_client(session, team_id=slack.signer.team_id, name="Bianchi S.r.l.")
        add_client(session, team_id="T0OTHER", name="Acme Elsewhere")
    return acme.id


def values(answer) -> list[str]:  # type: ignore[no-untyped-def]
    body = answer.json()
    options = body.get("options") or [o for g in body.get("option_groups", []) for o in g["options"]]
    return [o["value"] for o in options]


@pytest.mark.parametrize("typed", ["acme", "ACME inc", "acmee", "Acme Corp.", "acme corporation"])
def test_spellings_and_typos_find_the_same_client_first(slack, directory, typed):
    answer = slack.suggest(Action.CLIENT_PICK, typed, user_id=STAFF)
    assert answer.status == 200
    assert values(answer)[0] == str(directory)


def test_other_workspaces_clients_never_show(slack, directory):
    for typed in ("acme", "elsewhere", "acme elsewhere"):
        assert "Acme Elsewhere" not in str(slack.suggest(Action.CLIENT_PICK, typed, user_id=STAFF).json())


def test_an_unknown_name_offers_near_duplicates_before_adding_it(slack, directory):
    body = slack.suggest(Action.CLIENT_PICK, "Acmee Holding", user_id=STAFF).json()
    groups = {g["label"]["text"]: g["options"] for g in body["option_groups"]}
    assert [o["value"] for o in groups["Did you mean"]][0] == str(directory)
    assert groups["Not in the directory?"][0]["value"] == "new:Acmee Holding"


def test_an_exact_name_offers_no_new_client(slack, directory):
    body = slack.suggest(Action.CLIENT_PICK, "bianchi srl", user_id=STAFF).json()
    assert "option_groups" not in body and len(body["options"]) == 1


def test_an_empty_query_lists_clients_by_name(slack, directory):
    body = slack.suggest(Action.CLIENT_PICK, "", user_id=STAFF).json()
    assert [o["text"]["text"] for o in body["options"]] == ["Acme", "Acorn Media B.V.", "Bianchi S.r.l."]
