"""`redflag clients …` and `redflag categories …` against a real database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from storage.clients import add_client, find_client, list_clients
from storage.models import Report
from storage.reports import add_report

TEAM = "T0DEMO"
GOOD = """name,aliases,mrr,currency,external_id,account_owner
Acme Logistics S.r.l.,Acme;ACME Log,"4.200,00",EUR,CRM-1,Giulia
Van Dijk B.V.,Van Dijk|VDT,"1,250.50",EUR,CRM-2,Sanne
Boulangerie Lefèvre,,380 €,,,
"""


@pytest.fixture(autouse=True)
def environment(monkeypatch, database_url, engine):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SLACK_TEAM_ID", TEAM)


def write(tmp_path: Path, text: str, name: str = "clients.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return str(path)


def clients(session_factory) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        return {c.name: (c.mrr, c.currency, sorted(a.alias for a in c.aliases)) for c in list_clients(session, team_id=TEAM)}


def test_import_creates_clients_then_is_idempotent(tmp_path, session_factory, capsys):
    path = write(tmp_path, GOOD)
    assert main(["clients", "import", path]) == 0
    assert "3 new, 0 updated, 0 unchanged, 0 failed" in capsys.readouterr().out
    first = clients(session_factory)
    assert first["Acme Logistics S.r.l."] == (Decimal("4200.00"), "EUR", ["ACME Log", "Acme"])
    assert first["Van Dijk B.V."][0] == Decimal("1250.50")
    assert first["Boulangerie Lefèvre"][:2] == (Decimal("380.00"), "EUR")
    assert main(["clients", "import", path]) == 0
    assert "0 new, 0 updated, 3 unchanged, 0 failed" in capsys.readouterr().out
    assert clients(session_factory) == first


def test_an_updated_file_updates(tmp_path, session_factory, capsys):
    main(["clients", "import", write(tmp_path, GOOD)])
    updated = GOOD.replace('"4.200,00"', '"4.500,00"').replace("Van Dijk B.V.", "Van Dijk Transport B.V.")
    assert main(["clients", "import", write(tmp_path, updated, "v2.csv")]) == 0
    assert "0 new, 2 updated, 1 unchanged" in capsys.readouterr().out
    after = clients(session_factory)
    assert after["Acme Logistics S.r.l."][0] == Decimal("4500.00")
    assert "Van Dijk Transport B.V." in after and "Van Dijk B.V." not in after  # same external id: a rename


def test_bad_lines_are_reported_with_line_numbers_and_good_lines_kept(tmp_path, session_factory, capsys):
    text = GOOD + ",,100,EUR,,\nToo Rich,,lots,EUR,,\nWrong Money,,100,euro,,\nNo Currency,,100,,,\nAcme,,,,,\n"
    code = main(["clients", "import", write(tmp_path, text)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "3 new, 0 updated, 0 unchanged, 5 failed" in out
    assert "line 5: the name is empty" in err
    assert "line 6: monthly recurring revenue: “lots” is not an amount" in err
    assert "line 7: currency “EURO” is not a 3-letter code" in err
    assert "line 8: monthly recurring revenue needs a currency" in err
    assert "line 9: “Acme” is the same client as line 2 (Acme Logistics S.r.l.)" in err
    assert clients(session_factory)["Acme Logistics S.r.l."][0] == Decimal("4200.00")


def test_semicolons_bom_and_windows_1252_are_read(tmp_path, session_factory):
    text = "\ufeffname;aliases;mrr;currency\nCafé Dubois;Dubois;1.234,56;EUR\n"
    assert main(["clients", "import", write(tmp_path, text, encoding="utf-8")]) == 0
    text = "name;mrr;currency\nGarage Moreau & Fils;620,00;EUR\nBoucherie Frère;90;EUR\n"
    assert main(["clients", "import", write(tmp_path, text, "cp.csv", encoding="cp1252")]) == 0
    assert set(clients(session_factory)) == {"Café Dubois", "Garage Moreau & Fils", "Boucherie Frère"}


def test_a_file_without_a_name_column_says_so(tmp_path, capsys):
    assert main(["clients", "import", write(tmp_path, "client,mrr\nAcme,1\n")]) == 1
    assert "missing column(s) name" in capsys.readouterr().err


def test_rename_keeps_the_old_name_findable(session_factory, capsys):
    with session_factory.begin() as session:
        add_client(session, team_id=TEAM, name="Acme")
    assert main(["clients", "rename", "acme", "Acme Group"]) == 0
    with session_factory() as session:
        assert find_client(session, "Acme", team_id=TEAM).name == "Acme Group"
    assert main(["clients", "rename", "nobody", "x"]) == 1
    assert "no client called “nobody”" in capsys.readouterr().err


def test_merge_moves_every_report_to_the_survivor(session_factory, capsys):
    from datetime import date

    with session_factory.begin() as session:
        keep = add_client(session, team_id=TEAM, name="Acme Logistics")
        dup = add_client(session, team_id=TEAM, name="ACME Log. Srl", aliases=["AcmeLog"])
        for client in (keep, dup, dup):
            add_report(session, team_id=TEAM, client_id=client.id, severity="note", categories=["other"],
                       description="x", occurred_on=date(2026, 1, 5), reporter_user_id=None)
        keep_id = keep.id
    assert main(["clients", "merge", "Acme Logistics", "ACME Log. Srl"]) == 0
    with session_factory() as session:
        assert set(session.scalars(select(Report.client_id))) == {keep_id}
        assert find_client(session, "acmelog", team_id=TEAM).id == keep_id
        assert find_client(session, "ACME Log. Srl", team_id=TEAM).id == keep_id
    assert main(["clients", "merge", "Acme Logistics", "AcmeLog"]) == 1
    assert "already the same client" in capsys.readouterr().err


def test_categories_are_data_owners_can_change(capsys):
    assert main(["categories", "set", "late_materials", "Late with materials, expects us to absorb it"]) == 0
    assert main(["categories", "set", "abusive", "Abusive treatment of staff"]) == 0
    assert main(["categories", "set", "other", "Other", "--retire"]) == 0
    capsys.readouterr()
    main(["categories", "list"])
    out = capsys.readouterr().out
    assert "Late with materials" in out and "Abusive treatment of staff" in out and "(retired)" in out
    assert main(["categories", "set", "bad key!", "x"]) == 1


def test_commands_need_a_team(monkeypatch, capsys):
    monkeypatch.delenv("SLACK_TEAM_ID")
    assert main(["clients", "list"]) == 1
    assert "SLACK_TEAM_ID" in capsys.readouterr().err


def test_merge_keeps_one_copy_of_an_invoice_imported_under_both_names(session_factory):
    from datetime import date
    from decimal import Decimal

    from storage.models import Invoice

    with session_factory.begin() as session:
        keep = add_client(session, team_id=TEAM, name="Acme Logistics")
        dup = add_client(session, team_id=TEAM, name="ACME Log")
        ids = keep.id, dup.id
    rows = [("INV-1", ids[0]), ("INV-1", ids[1]), ("INV-2", ids[1])]
    with session_factory.begin() as session:
        for number, client_id in rows:
            session.add(Invoice(team_id=TEAM, client_id=client_id, number=number, due_on=date(2026, 1, 31),
                                amount=Decimal("100"), currency="EUR", source="test"))
    assert main(["clients", "merge", "Acme Logistics", "ACME Log"]) == 0
    with session_factory() as session:
        assert sorted(session.execute(select(Invoice.number, Invoice.client_id)).all()) == [
            ("INV-1", ids[0]), ("INV-2", ids[0])]
