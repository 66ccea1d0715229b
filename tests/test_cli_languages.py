"""Owners' CLI output, per-line import errors and the offline demo in the workspace's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from freezegun import freeze_time

from bot.cli import main
from bot.domain.invoice_rows import InvoiceFormat, column_map, parse_invoice_row
from bot.flows.csv_source import reason
from bot.i18n import translator
from bot.sandbox.fake_slack import TEAM_ID
from tests.invoice_helpers import FIXTURES, seed_directory

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def demo_it(tmp_path_factory: pytest.TempPathFactory) -> str:
    return run_demo(tmp_path_factory.mktemp("demo") / "it", "it")


def run_demo(directory: Path, language: str) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["demo", "--lang", language, "--dir", str(directory)]) == 0
    return out.getvalue()


def test_the_demo_in_italian_narrates_in_italian(demo_it: str) -> None:
    assert demo_it.startswith("Demo di Redflag — tutto offline.")
    assert "1. L'anagrafica clienti (redflag clients import clients.csv)" in demo_it
    assert "clients.csv: nuovi: 16, aggiornati: 0, invariati: 0, non riusciti: 0" in demo_it
    assert "12 red flag precedenti su 6 clienti." in demo_it
    assert "Ritardi nei pagamenti: l'export contabile" in demo_it
    assert "(export xero)" in demo_it and "pagamenti: 12 con data di pagamento" in demo_it
    assert "    riga 20: nessun cliente “Nuova Pasticceria Rossi” nell'anagrafica" in demo_it
    assert re.search(r"Dati sui ritardi al \d{1,2} (gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic) \d{4}", demo_it)
    assert re.search(r"il clock lo invia (lunedì) \d{1,2} [a-z]{3} 09:00 \(Europe/Rome\)", demo_it)
    assert "Demo terminata. Database e file sono in" in demo_it
    for english in ("Four months of history", "Imported it again", "Posted to the owners' channel", "line 20:",
                    "Lateness facts on", "Demo finished"):
        assert english not in demo_it


def test_the_demo_in_italian_shows_staff_and_owners_what_slack_shows_them_in_italian(demo_it: str) -> None:
    # The staff's own words, the /redflag modal's inline errors and the owners' alert (people with it-IT).
    assert "Marco Bianchi: /redflag Acme ha di nuovo urlato contro Marco al telefono" in demo_it
    assert "inviato: Punto di rottura → HTTP 200" in demo_it and "inviato: Preoccupazione, in forma anonima" in demo_it
    assert "Segnalato un punto di rottura su Acme Logistics S.r.l." in demo_it
    assert "Scegli un cliente." in demo_it
    # The poll: button, DM'd ballot and results, in Italian.
    assert "Marco Bianchi clicca su “Compila la scheda”" in demo_it and "(Scheda salvata)" in demo_it
    assert "Ci urla contro il sabato sera per i reset delle password" in demo_it
    # Money and dates the Italian way: "5.900,01 €" (the symbol after, a decimal comma), "23 nov 2026".
    assert f"5.900,01{NBSP}€" in demo_it and "€5,900.01" not in demo_it
    assert re.search(r"\d{1,2} (gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic) \d{4}", demo_it)
    # Channel posts in the workspace's LANGUAGE: poll results, payment alerts, the weekly digest.
    assert "Sondaggio sui clienti peggiori del 2026: risultati" in demo_it
    assert f"💸 Avviso di pagamento: Maison Girard Immobilier\n• Fattura INV-0090: 5.900,01{NBSP}€ da pagare" in demo_it
    assert "Riepilogo settimanale · " in demo_it and "Weekly digest" not in demo_it
    assert "(riepilogo 2026-W" in demo_it and ": inviato, 1 tentativo)." in demo_it
    # An owner's /client dossier (her Slack is in Italian) and the refusal a staff member gets.
    assert "Prossimo passo consigliato: Pianifica l'uscita" in demo_it
    assert "I dossier dei clienti sono riservati ai titolari." in demo_it


def test_the_demo_in_dutch(tmp_path: Path) -> None:
    text = run_demo(tmp_path / "nl", "nl")
    assert text.startswith("Redflag-demo — alles offline.")
    assert "2. Vier maanden geschiedenis" in text and "12 eerdere red flags over 6 klanten." in text
    assert "clients.csv geïmporteerd: 16 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 mislukt" in text
    assert "Marco Bianchi: /redflag Acme schreeuwde weer tegen Marco aan de telefoon" in text
    assert "regel 20: geen klant “Nuova Pasticceria Rossi” in het klantenbestand" in text
    assert f"€{NBSP}5.900,01" in text  # the Dutch way: symbol first, decimal comma
    assert "Vul je stembiljet in" in text and "Weekoverzicht · " in text
    assert "Demo klaar." in text and "Four months of history" not in text


@pytest.fixture
def environment(monkeypatch, database_url, engine, session_factory, tmp_path):  # type: ignore[no-untyped-def]
    for name in ("SLACK_BOT_TOKEN", "OWNERS_CHANNEL", "DAYFIRST", "SLACK_API_URL", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SLACK_TEAM_ID", TEAM_ID)
    monkeypatch.setenv("TIMEZONE", "Europe/Rome")
    monkeypatch.chdir(tmp_path)  # no stray .env
    seed_directory(session_factory, tmp_path)


@freeze_time("2025-03-31 10:00:00")
def test_an_invoice_import_reports_each_bad_line_in_the_workspace_s_language(environment, capsys) -> None:
    assert main(["team", "configure", TEAM_ID, "--language", "it"]) == 0
    assert capsys.readouterr().out.startswith(f"workspace {TEAM_ID} aggiornato\n")
    assert main(["invoices", "import", str(FIXTURES / "generic_semicolon_dayfirst.csv"), "--dayfirst"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "riga 7: la data di scadenza 14 gen 2025 è precedente alla data di emissione 15 gen 2025",
        "riga 8: la valuta “CHF €” non è un codice di 3 lettere come EUR",
        "riga 9: data di emissione: “32/01/2025” non è una data",
        f"riga 11: l'importo pagato 300{NBSP}€ è maggiore dell'importo 290{NBSP}€",
        "riga 12: contestata: “forse” non è né sì né no",
    ]
    assert "fatture (export generic): nuovi: 6, aggiornati: 0, invariati: 0, non riusciti: 5" in out
    assert "avvisi: non pubblicati da qui" in out


@freeze_time("2025-03-31 10:00:00")
def test_a_wrong_file_and_an_unknown_client_are_told_in_the_workspace_s_language(environment, monkeypatch,
                                                                               capsys, tmp_path) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")  # the global setting, when the workspace has none of its own
    assert main(["invoices", "import", str(tmp_path / "nope.csv")]) == 1
    assert capsys.readouterr().err.strip() == f"redflag: {tmp_path / 'nope.csv'} : fichier introuvable"
    assert main(["clients", "rename", "Nobody", "Somebody"]) == 1
    assert "aucun client ne s'appelle « Nobody »" in capsys.readouterr().err
    assert main(["clients", "rename", "Acme", "Van Dijk"]) == 1
    assert "impossible de renommer : « Van Dijk » est déjà le nom ou un alias du client « Van Dijk Transport B.V. »" \
        in capsys.readouterr().err
    assert main(["clients", "list"]) == 0
    assert re.search(r"Acme Logistics S\.r\.l\.\s+4\u202f200\xa0€", capsys.readouterr().out)


def test_client_import_errors_and_team_show_in_the_workspace_s_language(environment, capsys, tmp_path) -> None:
    assert main(["team", "configure", TEAM_ID, "--language", "de"]) == 0
    capsys.readouterr()
    path = tmp_path / "more.csv"
    path.write_text("name,aliases,mrr,currency\n,,100,EUR\nZu Reich,,viel,EUR\nNeu GmbH,,1.500,EUR\n", encoding="utf-8")
    assert main(["clients", "import", str(path)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == ["Zeile 2: der Name ist leer",
                                "Zeile 3: monatlich wiederkehrender Umsatz: „viel“ ist kein Betrag"]
    assert out.strip() == "Kunden: 1 neu, 0 aktualisiert, 0 unverändert, 2 fehlgeschlagen"
    assert main(["team", "show", TEAM_ID]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown[0] == f"Workspace {TEAM_ID}"
    assert next(line.split() for line in shown if line.split()[0] == "language") == [
        "language", "de", "eigene", "dieses", "Workspace"]
    assert "global OWNERS_CHANNEL" in "\n".join(shown)
    assert main(["team", "delete", TEAM_ID]) == 0
    assert "Starte erneut mit --yes, um zu löschen." in capsys.readouterr().out


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "amount paid: “12,345.678” has more than 2 decimals"),
    ("it", "importo pagato: “12,345.678” ha più di 2 decimali"),
    ("nl", "betaald bedrag: “12,345.678” heeft meer dan 2 decimalen"),
    ("fr", "montant payé : « 12,345.678 » a plus de 2 décimales"),
    ("de", "gezahlter Betrag: „12,345.678“ hat mehr als 2 Nachkommastellen"),
])
def test_a_bad_cell_is_named_and_explained_in_each_language(language: str, expected: str) -> None:
    headers = ["client", "invoice_number", "due_date", "amount", "currency", "amount_paid"]
    values = dict(zip(headers, ["Acme", "F-1", "2025-03-31", "100", "EUR", "12,345.678"]))
    with pytest.raises(ValueError) as caught:
        parse_invoice_row(values, column_map(headers, InvoiceFormat.GENERIC), InvoiceFormat.GENERIC)
    assert translator(language).text(reason(caught.value)) == expected
    assert str(caught.value) == "amount paid: “12,345.678” has more than 2 decimals"  # logs and the webhook: English


def test_an_amount_too_large_says_the_limit_the_locale_s_way() -> None:
    headers = ["client", "invoice_number", "due_date", "amount", "currency"]
    values = dict(zip(headers, ["Acme", "F-1", "2025-03-31", "1.000.000.000.000,00", "EUR"]))
    with pytest.raises(ValueError) as caught:
        parse_invoice_row(values, column_map(headers, InvoiceFormat.GENERIC), InvoiceFormat.GENERIC)
    assert translator("it").text(reason(caught.value)).endswith("è troppo grande (al massimo 999.999.999.999,99)")
