"""Owners preview this week's digest from App Home, each in their own Slack language, through signed requests
into the app and the fake Slack: the button (owners only), the loading modal opened with the click's trigger,
the digest put in it (views.update), refusals, a database that does not answer, and Block Kit's modal limits."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from freezegun import freeze_time

from bot.deps import Deps
from bot.domain.pareto import ParetoLine
from bot.domain.risk import Disagreement, Mismatch, Quadrant
from bot.domain.severity import Severity
from bot.errors import DATABASE_DOWN_READING
from bot.flows.digest import render_week, upcoming_week, weekly_slot
from bot.i18n import N_, translator
from bot.sandbox.driver import SlackDriver, wsgi_transport
from bot.sandbox.fake_slack import TEAM_ID
from bot.sandbox.render import blocks_to_text
from bot.sandbox.signer import SlackSigner
from bot.views.digest import AlertLine, Digest, ReportLine, WatchEntry, digest_modal
from bot.views.ids import Action
from bot.web import create_web_app
from storage.db import make_engine
from tests.conftest import OWNER, OWNERS_CHANNEL, SIGNING_SECRET, STAFF
from tests.flows.test_risk_signals import world  # noqa: F401 - the digest's world: flags, invoices, alerts, a poll
from tests.views.block_limits import limit_problems

SUNDAY = "2026-11-22 11:00:00"  # 12:00 in Rome: W48's digest (posted Monday 23 Nov 09:00) is still being gathered


@pytest.fixture
def deps(settings, engine, session_factory) -> Deps:  # type: ignore[no-untyped-def]
    return Deps(settings=settings, engine=engine, session_factory=session_factory)


def open_home(slack, fake_slack, user_id: str) -> dict:  # type: ignore[no-untyped-def]
    before = len(fake_slack.calls("views.publish"))
    assert slack.event({"type": "app_home_opened", "user": user_id, "channel": "D0HOME", "tab": "home",
                        "event_ts": "1.1"}, event_id=f"Ev{user_id}").status == 200
    return fake_slack.wait_for("views.publish", before + 1)[-1].params["view"]


def buttons(view: dict) -> list[tuple[str, str]]:
    """(text, action_id) of every button in a view, accessories included."""
    found = []
    for block in view["blocks"]:
        for element in ([block["accessory"]] if block.get("accessory") else []) + block.get("elements", []):
            if element.get("type") == "button":
                found.append((element["text"]["text"], element["action_id"]))
    return found


def click_in_home(slack, user_id: str):  # type: ignore[no-untyped-def]
    """A click on the preview button in App Home, as Slack sends it: from the home view, no response_url."""
    payload = {"type": "block_actions", "user": {"id": user_id, "team_id": slack.signer.team_id},
               "trigger_id": "1.1.preview", "container": {"type": "view", "view_id": "VHOME"},
               "view": {"id": "VHOME", "type": "home"},
               "actions": [{"action_id": Action.DIGEST_PREVIEW, "block_id": "b", "type": "button", "action_ts": "1.1"}]}
    return slack.send(slack.signer.interaction(payload))


def preview(slack, fake_slack, user_id: str) -> tuple[dict, dict]:  # type: ignore[no-untyped-def]
    """(the loading modal views.open showed, the view views.update put in it)."""
    assert click_in_home(slack, user_id).status == 200
    [opened] = fake_slack.wait_for("views.open")
    [updated] = fake_slack.wait_for("views.update")
    assert opened.params["trigger_id"] == "1.1.preview"
    assert updated.params["view_id"].startswith("V") and updated.params["hash"]
    return opened.params["view"], updated.params["view"]


@pytest.mark.parametrize(("locale", "label"), [("it-IT", "Anteprima del riepilogo della settimana"),
                                                ("nl-NL", "Voorbeeld van het weekoverzicht")])
def test_the_preview_button_is_on_owners_app_home_and_not_on_staff(slack, fake_slack, world, locale,  # noqa: F811
                                                                    label):
    fake_slack.add_user(OWNER, "Owner", locale=locale)
    fake_slack.add_user(STAFF, "Staff", locale=locale)
    assert (label, Action.DIGEST_PREVIEW) in buttons(open_home(slack, fake_slack, OWNER))
    staff = buttons(open_home(slack, fake_slack, STAFF))
    assert staff and Action.DIGEST_PREVIEW not in [action for _, action in staff]


@pytest.mark.parametrize(("locale", "expected"), [
    ("it-IT", {
        "loading": ":hourglass_flowing_sand: Sto preparando il riepilogo di questa settimana fino a oggi…",
        "title": "Questa settimana finora", "close": "Chiudi",
        "header": "Riepilogo settimanale · 16 nov – 22 nov 2026 (finora)",
        "fields": ["*Red flag della settimana*\n1 nuovo red flag", "*Scaduto*\n3.100\xa0€",
                   "*Sotto osservazione*\n3 clienti",
                   "*Sondaggio*\nnessuno aperto; il sondaggio del 2026 si è chiuso il 20 nov 2026"],
        "lines": ["1. Bakkerij Mulder · punteggio 58 · invariato rispetto alla settimana scorsa",
                  "• 3.100\xa0€ scaduti da 61–90 giorni",
                  "Preoccupazione · Trattamento offensivo o poco professionale · 20 nov",
                  "• Bakkerij Mulder: Fattura M-1: 3.100\xa0€ da pagare, scaduta da 73 giorni (scadenza 10 set 2026)",
                  "Pareto: 1 cliente vale 74% dell'MRR e 100% dei red flag.",
                  "Su 3 clienti con MRR noto in EUR e i red flag degli ultimi 12 mesi; i principali: Acme Logistics\n",
                  "Tutta la storia: `/client NOME`."],
    }),
    ("nl-NL", {
        "loading": ":hourglass_flowing_sand: Het weekoverzicht van deze week tot nu toe wordt samengesteld…",
        "title": "Deze week tot nu toe", "close": "Sluiten",
        "header": "Weekoverzicht · 16 nov – 22 nov 2026 (tot nu toe)",
        "fields": ["*Red flags deze week*\n1 nieuwe red flag", "*Achterstallig*\n€\xa03.100",
                   "*Aandachtslijst*\n3 klanten", "*Peiling*\ngeen open; de peiling van 2026 sloot op 20 nov 2026"],
        "lines": ["1. Bakkerij Mulder · score 58 · ongewijzigd sinds vorige week",
                  "• €\xa03.100 61–90 dagen achterstallig",
                  " · 20 nov\n",
                  "• Bakkerij Mulder: Factuur M-1: €\xa03.100 openstaand, 73 dagen te laat (vervaldatum 10 sep 2026)",
                  "Pareto: 1 klant is goed voor 74% van de MRR en 100% van de red flags.",
                  "Over 3 klanten met een bekende MRR in EUR en de red flags van de afgelopen 12 maanden; de belangrijkste: "
                  "Acme Logistics\n"],
    }),
])
def test_an_owner_previews_this_week_so_far_in_their_own_language(slack, fake_slack, world, deps,  # noqa: F811
                                                                   locale, expected):
    fake_slack.add_user(OWNER, "Owner", locale=locale)
    with freeze_time(SUNDAY):
        loading, view = preview(slack, fake_slack, OWNER)
        channel_digest = render_week(deps, team_id=TEAM_ID, week="2026-W48", now=deps.now())
    assert loading["blocks"][0]["text"]["text"] == expected["loading"]
    for modal in (loading, view):
        assert (modal["type"], modal["title"]["text"], modal["close"]["text"]) == ("modal", expected["title"],
                                                                                 expected["close"])
    assert view["blocks"][0]["text"]["text"] == expected["header"]
    assert [f["text"] for f in view["blocks"][1]["fields"]] == expected["fields"]
    shown = blocks_to_text(view["blocks"])
    for line in expected["lines"]:
        assert line in shown, line
    raw = json.dumps(view, ensure_ascii=False)
    for english in ("Weekly digest", "Watch list", "overdue", "since last week", "Invoice M-1", "€3,100", "Nov 20",
                    "thread", "Dossier"):
        assert english not in raw, english
    assert buttons(view) == []  # read-only: nothing in it that a modal would have to handle
    assert limit_problems(view["blocks"], max_blocks=100) == []
    # The workspace's LANGUAGE is still English: the channel's digest of the same week, and nothing posted.
    assert deps.settings.language == "en"
    assert channel_digest.blocks[0]["text"]["text"] == "Weekly digest · Nov 16 – Nov 22, 2026 (so far)"
    assert "*Overdue*\n€3,100" in [f["text"] for f in channel_digest.blocks[1]["fields"]]
    assert [c for c in fake_slack.calls("chat.postMessage") if c.params.get("channel") == OWNERS_CHANNEL] == []


def test_a_staff_member_s_forged_click_is_refused_in_their_language(slack, fake_slack, world):  # noqa: F811
    fake_slack.add_user(STAFF, "Marco", locale="it-IT")
    fake_slack.add_user("U0DAAN", "Daan", locale="nl-NL")
    assert click_in_home(slack, STAFF).status == 200  # App Home has no response_url: a direct message
    [message] = fake_slack.wait_for("chat.postMessage")
    assert (message.params["channel"], message.params["text"]) == (
        STAFF, "L'anteprima del riepilogo è riservata ai titolari. Per segnalare qualcosa su un cliente ai titolari "
               "usa `/redflag` (puoi farlo anche in forma anonima).")
    assert slack.click(Action.DIGEST_PREVIEW, user_id="U0DAAN").status == 200  # a button forged into a message
    [answer] = fake_slack.wait_for("response_url")
    assert answer.params["text"].startswith("Het voorbeeld van het weekoverzicht is alleen voor eigenaren.")
    assert answer.params["response_type"] == "ephemeral"
    assert fake_slack.calls("views.open") == [] and fake_slack.calls("views.update") == []


def test_an_owner_who_closed_the_loading_modal_is_told_nothing(slack, fake_slack, world, caplog):  # noqa: F811
    fake_slack.fail("views.update", error="not_found")  # what Slack answers for a modal already closed
    with freeze_time("2026-11-22 12:00:00"):
        assert click_in_home(slack, OWNER).status == 200
        fake_slack.wait_for("views.update")
        assert click_in_home(slack, OWNER).status == 200  # the next click works, nothing was said in between
        second = fake_slack.wait_for("views.update", 2)[1]
    assert second.params["view"]["title"]["text"] == "This week so far"
    assert fake_slack.calls("chat.postMessage") == [] and fake_slack.calls("response_url") == []
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []  # not treated as a failure


def test_with_the_database_down_the_modal_says_so(settings, fake_slack, tmp_path):
    """The app's database cannot be opened at all: the loading modal opens, then says why in the owner's words."""
    executor = ThreadPoolExecutor(max_workers=2)
    unreachable = make_engine(f"sqlite:///{tmp_path / 'no such folder' / 'redflag.sqlite3'}")
    web = create_web_app(settings, engine=unreachable, listener_executor=executor)
    slack = SlackDriver(SlackSigner(SIGNING_SECRET, response_url=fake_slack.response_url), wsgi_transport(web))
    fake_slack.add_user(OWNER, "Giulia", locale="it-IT")
    try:
        loading, view = preview(slack, fake_slack, OWNER)
    finally:
        executor.shutdown(wait=True)
        unreachable.dispose()
    assert loading["title"]["text"] == view["title"]["text"] == "Questa settimana finora"
    assert view["blocks"][0]["text"]["text"] == (
        ":warning: Non è stato possibile preparare il riepilogo di questa settimana.\n"
        "Al momento Redflag non riesce a raggiungere il suo database. Riprova tra qualche minuto.")


@pytest.mark.parametrize(("now", "week"), [
    (datetime(2026, 11, 22, 11, 0, tzinfo=timezone.utc), "2026-W48"),  # Sunday: Monday's digest is gathering
    (datetime(2026, 11, 23, 7, 59, tzinfo=timezone.utc), "2026-W48"),  # Monday 08:59 in Rome: a minute to go
    (datetime(2026, 11, 23, 8, 0, 30, tzinfo=timezone.utc), "2026-W49"),  # 09:00:30: W48 is posted, W49 begins
    (datetime(2026, 12, 27, 12, 0, tzinfo=timezone.utc), "2026-W53"),  # 2026 has 53 ISO weeks
    (datetime(2026, 12, 31, 12, 0, tzinfo=timezone.utc), "2027-W01"),  # W53's slot (Mon 28 Dec) has passed
    (datetime(2027, 1, 4, 9, 0, tzinfo=timezone.utc), "2027-W02"),  # across the new year
])
def test_this_week_is_the_week_of_the_next_slot(settings, now, week):
    assert upcoming_week(weekly_slot(settings), now) == week


def test_a_huge_week_fits_a_modal_in_every_language():
    """slack_sdk validates the modal (title within 24 characters, at most 100 blocks) when it is serialised."""
    long_name = "Client <b> " + "Lungo Nome S.r.l. " * 6
    reports = tuple(ReportLine(i, i % 70, f"{long_name}{i % 70}", list(Severity)[i % 3], ("Abusive",), "story " * 300,
                               date(2026, 11, 20), "U0STAFF") for i in range(700))
    digest = Digest(
        week="2026-W48", start=datetime(2026, 11, 16, 9, tzinfo=timezone.utc),
        end=datetime(2026, 11, 22, 12, tzinfo=timezone.utc), so_far=True, new_reports=reports,
        overdue={"EUR": Decimal("123456.78"), "USD": Decimal("99.5")}, poll_status="open",
        watch=tuple(WatchEntry(i, f"{long_name}{i}", 90 - i, 80, (N_("reason"),) * 5, Quadrant.BOTH)
                    for i in range(40)),
        quadrants={Quadrant.BOTH: tuple(f"{long_name}{i}" for i in range(40))},
        mismatches=tuple(Mismatch(i, f"{long_name}{i}", list(Disagreement)[0], N_("says one thing " * 20),
                                  N_("ask")) for i in range(60)),
        payment_alerts=tuple(AlertLine(f"{long_name}{i}", "Invoice 1: €4,200 open " * 5) for i in range(200)),
        pareto=ParetoLine(tuple(f"{long_name}{i}" for i in range(5)), 0.08, 0.61, 70, "EUR"),
    )
    for language in ("en", "it", "nl", "fr", "de"):
        view = digest_modal(digest, translator(language), watch_min=15).to_dict()
        assert len(view["title"]["text"]) <= 24 and len(view["close"]["text"]) <= 24
        assert limit_problems(view["blocks"], max_blocks=100) == []
        assert buttons(view) == [] and "thread" not in json.dumps(view)
    english = json.dumps(digest_modal(digest, translator("en"), watch_min=15).to_dict(), ensure_ascii=False)
    assert "…and 32 more on the watch list: see App Home." in english
    assert "more clients with" in english and "700 new red flags" in english
