"""The worst-clients poll speaks each voter's Slack language (ballot, inline errors, thanks, invitation and
reminder DMs, answers to /worstclients) and the workspace's LANGUAGE in channels (the staff announcement,
the owners' results), all through the real request path and the fake Slack."""

from __future__ import annotations

from collections import Counter

import pytest
from freezegun import freeze_time
from slack_sdk import WebClient

from bot.jobs.polls import close_polls, remind_voters
from bot.views.ids import Action
from bot.views.poll import rank_block, why_block
from tests.conftest import OWNER, OWNERS_CHANNEL
from tests.listeners.poll_helpers import (
    STAFF_CHANNEL,
    VOTERS,
    add_clients,
    command,
    make_deps,
    open_ballot,
    poll_settings,
    seat_staff,
    start,
    vote,
)

VOTER = VOTERS[0]
# The poll runs 1–15 December 2026 (Rome): "2026 closes 2026-12-15".
BALLOT = {
    "it-IT": {"title": "Scheda 2026", "submit": "Salva scheda", "close": "Annulla",
              "rank1": "1º peggiore (5 punti)", "rank5": "5º peggiore (1 punto)",
              "why": "Perché? (facoltativo, mostrato senza il tuo nome)", "placeholder": "Scrivi il nome di un cliente",
              "intro": "*Quali clienti mettono più in difficoltà il team?* Indicane fino a cinque, partendo dal "
                       "peggiore: il 1º prende 5 punti, il 5º 1. Anche meno di cinque va bene. Puoi modificare la tua "
                       "scheda fino a martedì 15 dicembre 2026 compreso.",
              "privacy": "Cosa vedono i titolari:* la classifica complessiva"},
    "nl-NL": {"title": "Stembiljet 2026", "submit": "Stem opslaan", "close": "Annuleren",
              "rank1": "1e lastigste (5 punten)", "rank5": "5e lastigste (1 punt)",
              "why": "Waarom? (optioneel, getoond zonder je naam)", "placeholder": "Typ de naam van een klant",
              "intro": "*Welke klanten maken het team het lastigst?* Noem er maximaal vijf, de lastigste eerst: de 1e "
                       "krijgt 5 punten, de 5e 1. Minder dan vijf mag ook. Je kunt je stem wijzigen tot het einde van "
                       "dinsdag 15 december 2026.",
              "privacy": "Wat de eigenaren zien:* de gezamenlijke ranglijst"},
}
ERRORS = {
    "it-IT": {"twice": "Acme Logistics è già alla tua posizione 1. Indica ogni cliente una sola volta.",
              "gap": "Compila la posizione 1 prima della 2: non lasciare buchi, sposta in su le tue scelte.",
              "stray": "Scegli un cliente per la posizione 2 oppure lascia vuoto questo campo.",
              "none": "Indica almeno un cliente."},
    "nl-NL": {"twice": "Acme Logistics staat al op jouw plek 1. Noem elke klant maar één keer.",
              "gap": "Vul plek 1 in vóór plek 2: laat geen gaten, schuif je keuzes omhoog.",
              "stray": "Kies een klant voor plek 2, of laat dit leeg.",
              "none": "Noem minstens één klant."},
}


@pytest.fixture
def settings(settings):  # type: ignore[no-untyped-def]
    return poll_settings(settings)


@pytest.fixture
def clock():  # type: ignore[no-untyped-def]
    with freeze_time("2026-12-01 08:00:00", tick=True) as frozen:
        yield frozen


def begin(slack, fake_slack, session_factory, **locales: str) -> dict[str, tuple[int, str]]:  # type: ignore[no-untyped-def]
    """Staff seated (user id → Slack locale for some; Redflag reads a locale once a day, so before anything
    else), clients in the directory, and the 2026 poll started by the owner. Returns name → (id, name)."""
    seat_staff(fake_slack)
    for user_id, locale in locales.items():
        fake_slack.add_user(user_id, user_id.removeprefix("U0").title(), locale=locale)
    ids = add_clients(session_factory, slack.signer.team_id)
    start(slack, fake_slack, "2026 closes 2026-12-15")
    fake_slack.wait_for("chat.postMessage", 1 + len(VOTERS))
    return {name: (cid, name) for name, cid in ids.items()}


def blocks_by_id(view: dict) -> dict[str, dict]:
    return {b.get("block_id"): b for b in view["blocks"]}


def texts(blocks: list[dict]) -> str:
    """Every text in the blocks, one per line, as people read them."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return "\n".join(found)


@pytest.mark.parametrize("locale", BALLOT)
def test_the_ballot_opens_in_the_voters_slack_language(slack, fake_slack, session_factory, clock, locale):
    begin(slack, fake_slack, session_factory, **{VOTER: locale})
    expected = BALLOT[locale]
    view = open_ballot(slack, fake_slack, user_id=VOTER)  # what reached views.open
    assert view["title"]["text"] == expected["title"]
    assert view["submit"]["text"] == expected["submit"] and view["close"]["text"] == expected["close"]
    blocks = blocks_by_id(view)
    assert blocks[rank_block(1)]["label"]["text"] == expected["rank1"]
    assert blocks[rank_block(5)]["label"]["text"] == expected["rank5"]
    assert blocks[rank_block(1)]["element"]["placeholder"]["text"] == expected["placeholder"]
    assert blocks[why_block(1)]["label"]["text"] == expected["why"]
    assert view["blocks"][0]["text"]["text"] == expected["intro"]
    assert expected["privacy"] in view["blocks"][1]["elements"][0]["text"]
    assert "Worst" not in str(view) and "owners" not in str(view)  # nothing left in English


@pytest.mark.parametrize("locale", BALLOT)
def test_the_button_in_the_announcement_opens_the_ballot_in_the_voters_language(slack, fake_slack, session_factory,
                                                                                clock, locale):
    begin(slack, fake_slack, session_factory, **{VOTER: locale})
    post = next(c for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == STAFF_CHANNEL)
    button = next(e for b in post.params["blocks"] if b["type"] == "actions" for e in b["elements"])
    assert slack.click(Action.POLL_VOTE, button["value"], user_id=VOTER).status == 200
    view = fake_slack.wait_for("views.open")[0].params["view"]
    assert view["title"]["text"] == BALLOT[locale]["title"]


@pytest.mark.parametrize("locale", ERRORS)
def test_ballot_mistakes_come_back_inline_in_the_voters_language(slack, fake_slack, session_factory, clock, locale):
    clients = begin(slack, fake_slack, session_factory, **{VOTER: locale})
    expected = ERRORS[locale]
    acme, gino = clients["Acme Logistics"], clients["Pizzeria Da Gino"]
    twice = vote(slack, fake_slack, user_id=VOTER, picks=[acme, gino, acme]).json()
    assert twice == {"response_action": "errors", "errors": {rank_block(3): expected["twice"]}}
    gap = vote(slack, fake_slack, user_id=VOTER, picks=[None, gino]).json()
    assert gap == {"response_action": "errors", "errors": {rank_block(1): expected["gap"]}}
    stray = vote(slack, fake_slack, user_id=VOTER, picks=[gino], whys={2: "urla"}).json()
    assert stray["errors"] == {why_block(2): expected["stray"]}
    assert vote(slack, fake_slack, user_id=VOTER, picks=[]).json()["errors"] == {rank_block(1): expected["none"]}


def test_the_thanks_are_in_the_voters_language(slack, fake_slack, session_factory, clock):
    clients = begin(slack, fake_slack, session_factory, **{VOTER: "it-IT"})
    first = vote(slack, fake_slack, user_id=VOTER, picks=[clients["Acme Logistics"]]).json()
    assert first["response_action"] == "update" and first["view"]["title"]["text"] == "Scheda salvata"
    thanks = first["view"]["blocks"][0]["text"]["text"]
    assert thanks.startswith(":white_check_mark: *Grazie, la tua scheda per il 2026 è stata registrata.*\n"
                             "Puoi modificarla fino a martedì 15 dicembre 2026 compreso: scrivi `/worstclients`")
    again = vote(slack, fake_slack, user_id=VOTER, picks=[clients["Maison Girard"]], view_id="V2").json()
    assert "Sostituisce la scheda che avevi inviato prima." in again["view"]["blocks"][0]["text"]["text"]


def test_the_announcement_speaks_the_workspace_language_and_each_dm_its_readers(slack, fake_slack, session_factory,
                                                                                 clock):
    begin(slack, fake_slack, session_factory, **{VOTERS[0]: "it-IT", VOTERS[1]: "nl-NL", OWNER: "de-DE"})
    summary = fake_slack.calls("response_url")[-1].params["text"]
    posts = {c.params["channel"]: c.params for c in fake_slack.calls("chat.postMessage")}
    assert posts[STAFF_CHANNEL]["text"] == (":ballot_box_with_ballot: The 2026 worst-clients poll is open until the end of "
                                            "Tuesday, December 15, 2026.")  # LANGUAGE=en
    assert posts[VOTERS[0]]["text"] == (":ballot_box_with_ballot: Il sondaggio sui clienti peggiori del 2026 è aperto "
                                        "fino a martedì 15 dicembre 2026 compreso.")
    assert posts[VOTERS[1]]["text"] == (":ballot_box_with_ballot: De peiling over de lastigste klanten van 2026 staat "
                                        "open tot het einde van dinsdag 15 december 2026.")
    assert posts[VOTERS[2]]["text"] == posts[STAFF_CHANNEL]["text"]  # an en-US voter
    buttons = [e["text"]["text"] for p in (posts[VOTERS[0]], posts[VOTERS[1]]) for b in p["blocks"]
               if b["type"] == "actions" for e in b["elements"]]
    assert buttons == ["Compila la scheda", "Vul je stembiljet in"]
    # The owner who started it reads the summary in their own language (de-DE).
    assert summary.startswith(":ballot_box_with_ballot: Die Umfrage für 2026 läuft bis Dienstag, 15. Dezember 2026, "
                              "24 Uhr: angekündigt in <#C0STAFF>, Stimmzettel per DM an 5 Personen geschickt.")


def test_starting_a_poll_asks_slack_about_each_voter_once(slack, fake_slack, session_factory, clock):
    """The eligibility lookup brings the locale along: no second users.info per voter for the invitation DM."""
    begin(slack, fake_slack, session_factory, **{VOTERS[0]: "it-IT", VOTERS[1]: "nl-NL", OWNER: "de-DE"})
    asked = Counter(c.params["user"] for c in fake_slack.calls("users.info"))
    assert OWNER in VOTERS and asked[OWNER] == 2  # the owner's language for the command, then eligibility
    assert {voter: asked[voter] for voter in VOTERS if voter != OWNER} == {v: 1 for v in VOTERS if v != OWNER}
    dms = {c.params["channel"]: c.params["text"] for c in fake_slack.calls("chat.postMessage")}
    assert dms[VOTERS[0]].startswith(":ballot_box_with_ballot: Il sondaggio")  # the language came along


def test_the_reminder_dm_is_in_the_voters_language(slack, fake_slack, settings, engine, session_factory, clock):
    begin(slack, fake_slack, session_factory, **{VOTERS[3]: "nl-NL"})
    deps = make_deps(settings, engine, session_factory)
    clock.move_to("2026-12-13 08:00:00")
    remind_voters(deps, WebClient(token="xoxb-test", base_url=fake_slack.base_url), deps.now())
    [_, reminder] = [c for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == VOTERS[3]]
    assert reminder.params["text"] == (":ballot_box_with_ballot: Herinnering: de peiling over de lastigste klanten van "
                                       "2026 sluit aan het einde van dinsdag 15 december 2026 en je stembiljet is nog "
                                       "leeg.")


def test_owners_read_their_answers_in_their_language_and_the_channel_in_the_workspaces(
        slack, fake_slack, settings, session_factory, clock):
    settings.language = "fr"  # this test's own settings object: the workspace speaks French
    clients = begin(slack, fake_slack, session_factory, **{OWNER: "de-DE"})
    acme = clients["Acme Logistics"]
    for n, voter in enumerate(VOTERS[:3]):
        vote(slack, fake_slack, user_id=voter, picks=[acme], view_id=f"V{n}")
    assert command(slack, fake_slack, "close", user_id=OWNER).text == (
        "Umfrage für 2026 beendet: 3 von 5 haben abgestimmt. Die Ergebnisse werden in <#C0OWNERS> gepostet.")
    posted = fake_slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == OWNERS_CHANNEL)[0].params
    assert posted["text"] == "Sondage sur les pires clients (2026) : Acme Logistics"
    assert "Votants : 3 sur 5 personnes appelées à voter (60\u00a0%)" in texts(posted["blocks"])
    assert "*1. Acme Logistics* · 15 points · cité sur 3 des 3 bulletins (100\u00a0%) · 3× 1er" in texts(posted["blocks"])
    mine = command(slack, fake_slack, "results", user_id=OWNER).json()  # just for the owner: German
    assert mine["text"] == "Umfrage zu den schlimmsten Kunden (2026): Acme Logistics"
    assert "*1. Acme Logistics* · 15 Punkte · auf 3 von 3 Stimmzetteln genannt (100\u00a0%) · 3× Platz 1" in texts(
        mine["blocks"])
    assert "Abgestimmt: 3 von 5 Stimmberechtigten (60\u00a0%) · beendet am" in texts(mine["blocks"])


@pytest.mark.parametrize(("locale", "refusal", "unknown", "bad_period"), [
    ("it-IT", "Solo i titolari possono avviare un sondaggio.", "Non conosco “boh”. Prova `/worstclients help`.",
     "“prossimo” non è un periodo valido"),
    ("nl-NL", "Alleen eigenaren kunnen een peiling starten.", "Ik ken ‘boh’ niet. Probeer `/worstclients help`.",
     "‘prossimo’ is geen peilingperiode"),
])
def test_command_answers_are_in_the_typists_language(slack, fake_slack, session_factory, clock, locale, refusal,
                                                     unknown, bad_period):
    begin(slack, fake_slack, session_factory, **{VOTER: locale, OWNER: locale})
    assert command(slack, fake_slack, "start", user_id=VOTER).text.startswith(refusal)
    assert command(slack, fake_slack, "boh", user_id=VOTER).text == unknown
    assert command(slack, fake_slack, "results prossimo", user_id=OWNER).text.startswith(bad_period)
    assert "/worstclients" in command(slack, fake_slack, "help", user_id=VOTER).text


def test_a_closed_poll_is_explained_in_the_voters_language(slack, fake_slack, settings, engine, session_factory,
                                                            clock):
    begin(slack, fake_slack, session_factory, **{VOTER: "nl-NL"})
    clock.move_to("2026-12-16 08:00:00")
    deps = make_deps(settings, engine, session_factory)
    close_polls(deps, WebClient(token="xoxb-test", base_url=fake_slack.base_url), deps.now())
    view = open_ballot(slack, fake_slack, user_id=VOTER)
    assert view["title"]["text"] == "Lastigste klanten" and "submit" not in view
    assert view["blocks"][0]["text"]["text"].startswith(
        "De peiling over de lastigste klanten van 2026 is aan het einde van dinsdag 15 december 2026 gesloten")
