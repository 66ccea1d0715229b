"""Shared by the invoice tests: the demo's client directory, the fixture files, and reading invoices back."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox.demo_data import CLIENTS_CSV
from bot.sandbox.fake_slack import TEAM_ID
from storage import clients as client_store
from storage.models import Client
from storage.models.invoices import Invoice

FIXTURES = Path(__file__).parent / "fixtures" / "invoices"
SAMPLES = Path(__file__).parents[1] / "bot" / "sandbox" / "samples"


def seed_directory(sessions: sessionmaker[Session], tmp_path: Path, team_id: str = TEAM_ID) -> None:
    """The demo's 16 clients, with their aliases, imported as `redflag clients import` does."""
    from bot.flows.client_import import import_clients

    path = tmp_path / "directory.csv"
    path.write_text(CLIENTS_CSV, encoding="utf-8")
    summary = import_clients(sessions, path, team_id=team_id)
    assert summary.failed == 0, summary.errors


def invoices(sessions: sessionmaker[Session], team_id: str = TEAM_ID) -> dict[tuple[str, str], Invoice]:
    """(client name, invoice number) → the stored row."""
    with sessions() as session:
        rows = session.execute(select(Client.name, Invoice).join(Client, Client.id == Invoice.client_id)
                               .where(Invoice.team_id == team_id)).all()
        session.expunge_all()
    return {(name, invoice.number): invoice for name, invoice in rows}


def client_id(sessions: sessionmaker[Session], name: str, team_id: str = TEAM_ID) -> int:
    with sessions() as session:
        client = client_store.find_client(session, name, team_id=team_id)
        assert client is not None, name
        return client.id


def client_names(sessions: sessionmaker[Session], team_id: str = TEAM_ID) -> set[str]:
    with sessions() as session:
        return set(session.scalars(select(Client.name).where(Client.team_id == team_id)))
