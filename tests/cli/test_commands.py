"""`redflag db upgrade`, `redflag socket` set-up errors, and categories reaching the modal."""

from __future__ import annotations

from sqlalchemy import inspect

from bot.cli import main
from bot.views.ids import Block
from storage.db import make_engine
from tests.listeners.helpers import open_report_modal


def test_db_upgrade_creates_the_schema(monkeypatch, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0
    assert "is up to date" in capsys.readouterr().out
    engine = make_engine(url)
    assert {"clients", "reports", "categories", "alembic_version"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_socket_mode_without_an_app_token_says_what_is_missing(monkeypatch, capsys):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    assert main(["socket"]) == 2
    assert "SLACK_APP_TOKEN is not set: expected an app-level token (xapp-…)" in capsys.readouterr().err


def test_a_category_an_owner_adds_appears_in_the_modal(monkeypatch, database_url, engine, slack, fake_slack):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SLACK_TEAM_ID", slack.signer.team_id)
    assert main(["categories", "set", "late_materials", "Late with materials"]) == 0
    assert main(["categories", "set", "other", "Other", "--retire"]) == 0
    view = open_report_modal(slack, fake_slack, user_id="U0STAFF")
    element = next(b for b in view["blocks"] if b["block_id"] == Block.REPORT_CATEGORIES)["element"]
    labels = [o["text"]["text"] for o in element["options"]]
    assert "Late with materials" in labels and "Other" not in labels


def test_an_unmigrated_database_says_to_run_db_upgrade(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    monkeypatch.setenv("SLACK_TEAM_ID", "T0DEMO")
    assert main(["clients", "list"]) == 1
    err = capsys.readouterr().err
    assert "run `redflag db upgrade`" in err and "Traceback" not in err


def test_rename_to_an_empty_or_overlong_name_is_refused(monkeypatch, database_url, engine, session_factory, capsys):
    from storage.clients import add_client

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SLACK_TEAM_ID", "T0DEMO")
    with session_factory.begin() as session:
        add_client(session, team_id="T0DEMO", name="Acme")
    assert main(["clients", "rename", "Acme", "  "]) == 1
    assert "the name is empty" in capsys.readouterr().err
    assert main(["clients", "rename", "Acme", "x" * 76]) == 1
    assert "longer than 75" in capsys.readouterr().err
