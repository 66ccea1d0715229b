"""The weekly digest speaks the workspace's language: Italian after `redflag team configure T… --language it`,
Dutch with LANGUAGE=nl. The scheduler's job posts it at the slot to the fake Slack; the words, money and dates
in the chat.postMessage (and the chart's comment in its thread) are Italian / Dutch."""

from __future__ import annotations

import json

import pytest
from freezegun import freeze_time

from bot.cli import main
from bot.deps import Deps
from bot.jobs.digest import weekly_digest
from bot.jobs.scheduler import run_job
from bot.sandbox.fake_slack import TEAM_ID
from bot.sandbox.render import blocks_to_text
from tests.conftest import OWNERS_CHANNEL
from tests.flows.test_risk_signals import world  # noqa: F401 - the digest's world: flags, invoices, alerts, a poll

SLOT_UTC = "2026-11-23 08:00:30"  # Monday 09:00:30 in Rome: the slot of ISO week 2026-W48


@pytest.fixture
def deps(settings, engine, session_factory) -> Deps:  # type: ignore[no-untyped-def]
    return Deps(settings=settings, engine=engine, session_factory=session_factory)


def posted_digest(fake_slack) -> tuple[str, list[dict], str]:  # type: ignore[no-untyped-def]
    """(notification text, blocks, their JSON) of the one digest that reached the owners' channel."""
    [post] = [c for c in fake_slack.calls("chat.postMessage") if c.params.get("channel") == OWNERS_CHANNEL]
    blocks = post.params["blocks"]
    return post.params["text"], blocks, json.dumps(blocks, ensure_ascii=False)


def chart_comment(fake_slack) -> str:  # type: ignore[no-untyped-def]
    [complete] = fake_slack.calls("files.completeUploadExternal")
    return complete.params["initial_comment"]


def test_a_workspace_configured_in_italian_gets_its_digest_in_italian(deps, world, fake_slack, monkeypatch,  # noqa: F811
                                                                       database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["team", "configure", TEAM_ID, "--language", "it"]) == 0
    with freeze_time(SLOT_UTC):
        run_job(weekly_digest, deps)  # as `redflag clock` runs it: the workspace's own settings on top
    text, blocks, raw = posted_digest(fake_slack)
    assert text == "Riepilogo settimanale 2026-W48: 1 nuovo red flag, 3 clienti sotto osservazione"
    assert blocks[0]["text"]["text"] == "Riepilogo settimanale · 16 nov – 23 nov 2026"
    fields = [f["text"] for f in blocks[1]["fields"]]
    assert fields == ["*Red flag della settimana*\n1 nuovo red flag", "*Scaduto*\n3.100\xa0€",
                      "*Sotto osservazione*\n3 clienti",
                      "*Sondaggio*\nnessuno aperto; il sondaggio del 2026 si è chiuso il 20 nov 2026"]
    shown = blocks_to_text(blocks)
    assert "1. Bakkerij Mulder · punteggio 58 · invariato rispetto alla settimana scorsa" in shown
    assert "• 3.100\xa0€ scaduti da 61–90 giorni" in shown
    assert "• 1º nel sondaggio del 2026, indicato in 3 su 3 schede" in shown
    assert "• 1 preoccupazione negli ultimi 7 giorni" in shown and "Solo comportamento scorretto con il team" in shown
    assert "Preoccupazione · Trattamento offensivo o poco professionale · 20 nov" in shown
    assert ("Bakkerij Mulder: 3.100\xa0€ scaduti da 61–90 giorni, eppure nessuno ha segnalato problemi negli ultimi "
            "12 mesi. Chiedi all'account manager") in shown
    assert "Pareto*: 1 cliente vale 74% dell'MRR e 100% dei red flag." in raw
    assert "`/client NOME`" in raw and "Dossier" in raw
    for english in ("Weekly digest", "Watch list", "overdue", "since last week", "red flags this week", "poll closed"):
        assert english not in raw
    assert chart_comment(fake_slack) == "1 cliente vale 74% dell'MRR e 100% dei red flag"


def test_with_language_nl_the_digest_is_dutch(deps, world, fake_slack):  # noqa: F811
    dutch = Deps(settings=deps.settings.model_copy(update={"language": "nl"}), engine=deps.engine,
                 session_factory=deps.session_factory)
    with freeze_time(SLOT_UTC):
        run_job(weekly_digest, dutch)
    text, blocks, raw = posted_digest(fake_slack)
    assert text == "Weekoverzicht 2026-W48: 1 nieuwe red flag, 3 klanten op de aandachtslijst"
    assert blocks[0]["text"]["text"] == "Weekoverzicht · 16 nov – 23 nov 2026"
    fields = [f["text"] for f in blocks[1]["fields"]]
    assert fields == ["*Red flags deze week*\n1 nieuwe red flag", "*Achterstallig*\n€\xa03.100",
                      "*Aandachtslijst*\n3 klanten", "*Peiling*\ngeen open; de peiling van 2026 sloot op 20 nov 2026"]
    shown = blocks_to_text(blocks)
    assert "1. Bakkerij Mulder · score 58 · ongewijzigd sinds vorige week" in shown
    assert "• €\xa03.100 61–90 dagen achterstallig" in shown
    assert "• 1 late betaling in de afgelopen 12 maanden" in shown
    assert "• #1 in de peiling van 2026, genoemd op 3 van de 3 stembiljetten" in shown
    assert "Nieuwe red flags · 1 melding over 1 klant" in shown and "Zorgpunt · " in shown and " · 20 nov\n" in shown
    assert "Alleen late betalingen: Bakkerij Mulder" in shown
    assert "Pareto*: 1 klant is goed voor 74% van de MRR en 100% van de red flags." in raw
    for english in ("Weekly digest", "Watch list", "overdue", "since last week", "red flags this week", "poll closed"):
        assert english not in raw
    assert chart_comment(fake_slack) == "1 klant is goed voor 74% van de MRR en 100% van de red flags"


def test_the_default_workspace_language_is_still_english(deps, world, fake_slack):  # noqa: F811
    with freeze_time(SLOT_UTC):
        run_job(weekly_digest, deps)
    text, blocks, _ = posted_digest(fake_slack)
    assert text == "Weekly digest 2026-W48: 1 new red flag, 3 clients on the watch list"
    assert blocks[0]["text"]["text"] == "Weekly digest · Nov 16 – Nov 23, 2026"
    assert "*Overdue*\n€3,100" in [f["text"] for f in blocks[1]["fields"]]
