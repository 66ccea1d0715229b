"""The dossier, App Home and payment alerts in the reader's language, through signed requests and the
payments job into the fake Slack: a person's own Slack locale for the dossier, App Home and refusals,
the workspace's LANGUAGE for alerts in the owners' channel."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from bot.app import make_web_client
from bot.deps import Deps
from bot.domain.invoice_rows import InvoiceFormat
from bot.flows.csv_source import CsvRow
from bot.flows.invoice_import import import_invoice_rows
from bot.flows.payment_alerts import raise_payment_alerts
from bot.jobs import JOBS
from bot.sandbox.fake_slack import TEAM_ID
from bot.views.ids import Action, Command
from tests.conftest import OWNER, OWNERS_CHANNEL, STAFF
from tests.flows.poll_seeding import seed_poll
from tests.flows.seeding import client, flag

NOW = datetime.now(timezone.utc)
TODAY = NOW.astimezone(ZoneInfo("Europe/Rome")).date()
DUE = TODAY - timedelta(days=40)
REPORTED = (NOW - timedelta(days=3)).date()
IT_MONTHS = "gen feb mar apr mag giu lug ago set ott nov dic".split()
NL_MONTHS = "jan feb mrt apr mei jun jul aug sep okt nov dec".split()
GENERIC = ["client", "invoice_number", "issue_date", "due_date", "amount", "currency", "paid_date", "amount_paid",
           "disputed"]
PAYMENTS_JOB = next(job for job_id, job, _ in JOBS if job_id == "payments.alerts")


def import_rows(session_factory, *rows: list[str], today: date, now: datetime) -> None:  # type: ignore[no-untyped-def]
    summary = import_invoice_rows(session_factory, GENERIC, [CsvRow(i, dict(zip(GENERIC, r))) for i, r in enumerate(rows)],
                                  team_id=TEAM_ID, fmt=InvoiceFormat.GENERIC, today=today, now=now)
    assert summary.failed == 0, summary.errors


def seed(session_factory) -> int:  # type: ignore[no-untyped-def]
    """Acme: €1,234.56 a month, an abusive dealbreaker (so an exit plan), and €1,234.56 forty days past due."""
    with session_factory.begin() as session:
        acme = client(session, TEAM_ID, "Acme", "1234.56")
        flag(session, TEAM_ID, acme, "dealbreaker", at=NOW - timedelta(days=3), reporter=STAFF,
             text="Ha urlato al telefono per dieci minuti.")
        flag(session, TEAM_ID, acme, "concern", at=NOW - timedelta(days=20), categories=("scope_creep",))
        acme_id = acme.id
    import_rows(session_factory, ["Acme", "A-1", (DUE - timedelta(days=30)).isoformat(), DUE.isoformat(), "1234.56",
                                  "EUR", "", "", "no"], today=TODAY, now=NOW)
    return acme_id


def dossier_text(slack, fake_slack, user_id: str, text: str = "Acme") -> dict:  # type: ignore[no-untyped-def]
    assert slack.command(Command.CLIENT, text, user_id=user_id).status == 200
    return fake_slack.wait_for("views.update")[-1].params["view"]  # what replaced the loading modal


def open_home(slack, fake_slack, user_id: str) -> dict:  # type: ignore[no-untyped-def]
    assert slack.event({"type": "app_home_opened", "user": user_id, "channel": "D0HOME", "tab": "home",
                        "event_ts": "1.1"}, event_id=f"Ev{user_id}").status == 200
    call = fake_slack.wait_for("views.publish")[-1]
    assert call.params["user_id"] == user_id
    return call.params["view"]


def test_client_acme_from_an_italian_owner_opens_the_dossier_in_italian(slack, fake_slack, session_factory):
    seed(session_factory)
    fake_slack.add_user(OWNER, "Giulia", locale="it-IT")
    view = dossier_text(slack, fake_slack, OWNER)
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert (view["title"]["text"], view["close"]["text"]) == ("Dossier cliente", "Chiudi")
    assert "*Punteggio di rischio " in text and "/100* · 1.234,56\xa0€ al mese" in text
    assert "Prossimo passo consigliato:" in text and "*Checklist per chiudere il rapporto*" in text
    assert "*Bozza della lettera di recesso* (copiala e adattala a te)" in text
    assert "*Red flag* · 2 in tutto, dal più recente" in text
    assert f"{REPORTED.day} {IT_MONTHS[REPORTED.month - 1]}" in text  # the timeline's dates, the Italian way
    assert "• da pagare: 1.234,56\xa0€; scaduto: 1.234,56\xa0€" in text
    assert "• scadenzario (EUR): 31–60 giorni 1.234,56\xa0€" in text
    assert "*Sondaggi sui clienti peggiori*\\nNon indicato in nessun sondaggio con classifica." in text
    assert "Solo i titolari possono aprire un dossier." in text
    for english in ("Risk score", "a month", "Suggested next step", "Offboarding", "*Payments*", "open:", "aging",
                    "in total", "€1,234.56"):
        assert english not in text, english


@pytest.mark.parametrize(("locale", "title", "revenue", "open_line"), [
    ("it-IT", "Dossier cliente", "1.234,56\xa0€ al mese", "da pagare: 1.234,56\xa0€"),
    ("nl-NL", "Klantdossier", "€\xa01.234,56 per maand", "openstaand: €\xa01.234,56"),
    ("fr-FR", "Dossier client", "1\u202f234,56\xa0€ par mois", "restant dû : 1\u202f234,56\xa0€"),
    ("de-DE", "Kundendossier", "1.234,56\xa0€ im Monat", "offen: 1.234,56\xa0€"),
    ("en-US", "Client dossier", "€1,234.56 a month", "open: €1,234.56"),
])
def test_the_dossier_speaks_each_owner_s_slack_language(slack, fake_slack, session_factory, locale, title, revenue,
                                                         open_line):
    seed(session_factory)
    fake_slack.add_user(OWNER, "Owner", locale=locale)
    view = dossier_text(slack, fake_slack, OWNER)
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert view["title"]["text"] == title and revenue in text and open_line in text


def test_refusals_are_in_the_typist_s_language(slack, fake_slack, session_factory):
    seed(session_factory)
    fake_slack.add_user(STAFF, "Marco", locale="it-IT")
    fake_slack.add_user(OWNER, "Sanne", locale="nl-NL")
    assert slack.command(Command.CLIENT, "Acme", user_id=STAFF).text == (
        "I dossier dei clienti sono riservati ai titolari. Per segnalare qualcosa su un cliente ai titolari usa "
        "`/redflag` (puoi farlo anche in forma anonima).")
    assert slack.command(Command.CLIENT, "<!here> Zeta", user_id=OWNER).text == (
        "Geen klant komt overeen met “&lt;!here&gt; Zeta”. `redflag clients list` toont ze allemaal.")
    assert slack.command(Command.CLIENT, " ", user_id=OWNER).text.startswith("Welke klant? Typ de naam na het commando")
    assert fake_slack.calls("views.open") == []


def test_the_dossier_button_speaks_the_clicker_s_language(slack, fake_slack, session_factory):
    acme = seed(session_factory)
    fake_slack.add_user(OWNER, "Sanne", locale="nl-NL")
    assert slack.click(Action.DOSSIER_OPEN, str(acme), user_id=OWNER).status == 200
    view = fake_slack.wait_for("views.update")[0].params["view"]
    assert view["title"]["text"] == "Klantdossier" and "Voorgestelde volgende stap" in json.dumps(view["blocks"])
    slack.click(Action.DOSSIER_OPEN, "not-a-client", user_id=OWNER)
    assert fake_slack.wait_for("response_url")[0].params["text"] == (
        "Die knop verwijst niet meer naar een klant. Gebruik in plaats daarvan `/client NAAM`.")


def test_app_home_is_published_in_dutch_for_a_dutch_owner(slack, fake_slack, session_factory, settings):
    seed(session_factory)
    assert raise_payment_alerts(session_factory, make_web_client(settings), settings, team_id=TEAM_ID, today=TODAY,
                                now=NOW)  # posted in the workspace's language (English)
    [posted] = [c.params for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == OWNERS_CHANNEL]
    assert posted["text"].startswith("Payment alert: Acme: Invoice A-1: €1,234.56 open, 40 days past due")
    fake_slack.add_user(OWNER, "Sanne", locale="nl-NL")
    view = open_home(slack, fake_slack, OWNER)
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert view["blocks"][0]["text"]["text"] == "Redflag · eigenaren"
    assert "*Aandachtslijst* · 1 klant, meeste risico eerst" in text
    assert "*Nieuwste dealbreakers*" in text and "*Nieuwste betalingswaarschuwingen*" in text
    due = f"{DUE.day} {NL_MONTHS[DUE.month - 1]} {DUE.year}"
    assert f"• *Acme*: Factuur A-1: €\xa01.234,56 openstaand, 40 dagen te laat (vervaldatum {due})" in text
    assert "`/client NAAM` opent het dossier van een klant." in text
    for english in ("Watch list", "Newest", "Your reports", "Invoice A-1", "owners' channel"):
        assert english not in text, english


def test_a_dutch_staff_member_s_app_home_with_a_poll_open(slack, fake_slack, session_factory):
    seed(session_factory)
    poll = seed_poll(session_factory, TEAM_ID, "2027", [], closed_at=None)
    fake_slack.add_user(STAFF, "Daan", locale="nl-NL")
    view = open_home(slack, fake_slack, STAFF)
    text = json.dumps(view["blocks"], ensure_ascii=False)
    buttons = [(e["text"]["text"], e["action_id"], e.get("value")) for b in view["blocks"] if b["type"] == "actions"
               for e in b["elements"]]
    assert buttons == [("Meld een red flag", Action.REPORT_OPEN, None),
                       ("Stem in de peiling van 2027", Action.POLL_VOTE, str(poll.id))]
    assert "Iets zorgwekkends gezien bij een klant?" in text
    assert "*Je meldingen* · nieuwste eerst (anonieme meldingen zijn niet aan jou gekoppeld)" in text
    assert "Ha urlato al telefono" in text and "Aandachtslijst" not in text


@pytest.mark.parametrize(("locale", "header", "empty"), [
    ("it-IT", "Redflag · titolari", "*Le tue segnalazioni*\\nAncora nessuna segnalazione a tuo nome."),
    ("nl-NL", "Redflag · eigenaren", "*Je meldingen*\\nNog niets op jouw naam gemeld."),
    ("fr-FR", "Redflag · dirigeants", "*Vos signalements*\\nAucun signalement à votre nom pour l'instant."),
    ("de-DE", "Redflag · Inhaber", "*Deine Meldungen*\\nNoch nichts unter deinem Namen gemeldet."),
])
def test_an_owner_s_app_home_in_each_language(slack, fake_slack, session_factory, locale, header, empty):
    seed(session_factory)
    fake_slack.add_user(OWNER, "Owner", locale=locale)
    view = open_home(slack, fake_slack, OWNER)
    assert view["blocks"][0]["text"]["text"] == header and empty in json.dumps(view["blocks"], ensure_ascii=False)


def test_the_payments_job_posts_alerts_in_the_workspace_language(settings, engine, session_factory, fake_slack):
    italian = Deps(settings=settings.model_copy(update={"language": "it"}), engine=engine,
                   session_factory=session_factory)
    fake_slack.add_user(OWNER, "Sanne", locale="nl-NL")  # a channel post: nobody's own language counts
    with session_factory.begin() as session:
        client(session, TEAM_ID, "Acme")
    with freeze_time("2025-03-31 10:00:00"):
        import_rows(session_factory, ["Acme", "A-1", "2025-01-01", "2025-02-01", "1234.56", "EUR", "", "", "no"],
                    ["Acme", "A-2", "2025-01-01", "2025-02-01", "300", "USD", "", "", "yes"],
                    today=italian.today(), now=italian.now())
        PAYMENTS_JOB(italian, make_web_client(italian.settings), datetime.now(timezone.utc))
    [post] = [c.params for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == OWNERS_CHANNEL]
    assert post["text"] == (
        "Avviso di pagamento: Acme: Fattura A-1: 1.234,56\xa0€ da pagare, scaduta da 58 giorni (scadenza 1 feb 2025); "
        "Fattura A-2: 300\xa0USD da pagare, scaduta da 58 giorni (scadenza 1 feb 2025) (contestata)")
    texts = [b["text"]["text"] if b["type"] == "section" else b["elements"][0]["text"] for b in post["blocks"]]
    assert texts == [
        "*:money_with_wings: Avviso di pagamento: Acme*",
        "• Fattura A-1: 1.234,56\xa0€ da pagare, scaduta da 58 giorni (scadenza 1 feb 2025)\n"
        "• Fattura A-2: 300\xa0USD da pagare, scaduta da 58 giorni (scadenza 1 feb 2025) (contestata)",
        "Le fatture vengono segnalate quando sono scadute da 15 giorni. Ogni avviso viene inviato una sola volta.",
    ]


@pytest.mark.parametrize(("locale", "closing"), [
    ("nl-NL", "De peiling 2027 sluit over 3 dagen."),
    ("it-IT", "Il sondaggio 2027 si chiude tra 3 giorni."),
    ("en-US", "The 2027 poll closes in 3 days."),
])
def test_app_home_says_when_the_open_poll_closes_as_a_relative_time(slack, fake_slack, session_factory, locale,
                                                                     closing):
    seed(session_factory)
    seed_poll(session_factory, TEAM_ID, "2027", [], closed_at=None)  # closes 2027-01-15 00:00 UTC
    fake_slack.add_user(STAFF, "Daan", locale=locale)
    with freeze_time("2027-01-12 00:00:00"):
        view = open_home(slack, fake_slack, STAFF)
    contexts = [e["text"] for b in view["blocks"] if b["type"] == "context" for e in b["elements"]]
    assert closing in contexts
