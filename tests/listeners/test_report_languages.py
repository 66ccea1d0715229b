"""/redflag speaks the reporter's Slack language; the owners' alert speaks the workspace's."""

from __future__ import annotations

import time

import pytest

from bot.views.ids import Block
from storage.clients import add_client, save_category
from tests.conftest import OWNERS_CHANNEL, STAFF
from tests.listeners.helpers import open_report_modal, submit, valid_answers

# What the modal and a validation error look like in each language.
EXPECTED = {
    "it-IT": {"title": "Segnala un red flag", "submit": "Invia segnalazione", "client": "Cliente",
              "severity": "Punto di rottura", "category": "Trattamento offensivo o poco professionale",
              "no_categories": "Scegli almeno un tipo di problema.", "future": "Quella data è nel futuro",
              "thanks": "Grazie, il tuo red flag su Acme Inc. è stato registrato."},
    "nl-NL": {"title": "Meld een red flag", "submit": "Melding versturen", "client": "Klant",
              "severity": "Dealbreaker", "category": "Grensoverschrijdende of onprofessionele behandeling",
              "no_categories": "Kies minstens één soort probleem.", "future": "Die datum ligt in de toekomst",
              "thanks": "Bedankt, je red flag over Acme Inc. is vastgelegd."},
}


@pytest.fixture
def acme(session_factory, slack):  # type: ignore[no-untyped-def]
    with session_factory.begin() as session:
        client = add_client(session, team_id=slack.signer.team_id, name="Acme Inc.")
    return (str(client.id), client.name)


def texts(view: dict) -> str:
    return str(view)


@pytest.mark.parametrize("locale", EXPECTED)
def test_the_modal_opens_in_the_reporters_slack_language(slack, fake_slack, locale):
    fake_slack.add_user(STAFF, "Sara", locale=locale)
    expected = EXPECTED[locale]
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    assert view["title"]["text"] == expected["title"]
    assert view["submit"]["text"] == expected["submit"]
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert blocks[Block.REPORT_CLIENT]["label"]["text"] == expected["client"]
    assert expected["severity"] in texts(blocks[Block.REPORT_SEVERITY])
    assert expected["category"] in texts(blocks[Block.REPORT_CATEGORIES])
    [asked] = fake_slack.calls("users.info")
    assert asked.params["user"] == STAFF and str(asked.params["include_locale"]).lower() in ("1", "true")


@pytest.mark.parametrize("locale", EXPECTED)
def test_validation_errors_come_back_inline_in_the_reporters_language(slack, fake_slack, acme, locale):
    fake_slack.add_user(STAFF, "Sara", locale=locale)
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    answer = submit(slack, view, valid_answers(acme, REPORT_CATEGORIES=[], REPORT_WHEN="2099-01-01"), user_id=STAFF)
    errors = answer.json()["errors"]
    assert errors[Block.REPORT_CATEGORIES] == EXPECTED[locale]["no_categories"]
    assert errors[Block.REPORT_WHEN].startswith(EXPECTED[locale]["future"])


def test_the_confirmation_is_in_the_reporters_language_and_the_owners_alert_in_the_workspaces(
        slack, fake_slack, acme):
    fake_slack.add_user(STAFF, "Sara", locale="it-IT")
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    submit(slack, view, valid_answers(acme, REPORT_SEVERITY="dealbreaker"), user_id=STAFF)
    posts = fake_slack.wait_for("chat.postMessage", 2)
    by_channel = {c.params["channel"]: c.params for c in posts}
    assert by_channel[STAFF]["text"].startswith(":white_check_mark: " + EXPECTED["it-IT"]["thanks"])
    assert "I titolari sono stati avvisati." in by_channel[STAFF]["text"]
    assert by_channel[OWNERS_CHANNEL]["text"] == ":red_circle: Dealbreaker reported about Acme Inc."  # LANGUAGE=en


def test_a_slack_language_we_dont_speak_falls_back_to_the_workspace_language(slack, fake_slack):
    fake_slack.add_user(STAFF, "Sara", locale="es-ES")
    assert open_report_modal(slack, fake_slack, user_id=STAFF)["title"]["text"] == "Report a red flag"


def test_the_locale_is_asked_once_per_person(slack, fake_slack):
    fake_slack.add_user(STAFF, "Sara", locale="nl-NL")
    for _ in range(3):
        assert open_report_modal(slack, fake_slack, user_id=STAFF)["title"]["text"] == "Meld een red flag"
    assert len(fake_slack.calls("users.info")) == 1


def test_an_owners_own_category_label_is_shown_as_written(slack, fake_slack, session_factory):
    with session_factory.begin() as session:
        save_category(session, team_id=slack.signer.team_id, key="security", label="Sicurezza: password in chiaro")
    fake_slack.add_user(STAFF, "Sara", locale="nl-NL")
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    categories = texts({b["block_id"]: b for b in view["blocks"]}[Block.REPORT_CATEGORIES])
    assert "Sicurezza: password in chiaro" in categories  # the owner's label, untranslated
    assert "Beveiligingsrisico" not in categories
    assert "Betalingsproblemen / betwiste facturen" in categories  # defaults still translated


def test_a_rate_limited_locale_lookup_does_not_hold_up_the_modal(slack, fake_slack):
    """Slack's trigger_id lives 3 s: the lookup never waits out a Retry-After; the workspace language applies."""
    fake_slack.add_user(STAFF, "Sara", locale="it-IT")
    fake_slack.fail("users.info", error="ratelimited", status=429, headers={"Retry-After": "30"})
    started = time.monotonic()
    view = open_report_modal(slack, fake_slack, user_id=STAFF)
    assert time.monotonic() - started < 3
    assert view["title"]["text"] == "Report a red flag"
