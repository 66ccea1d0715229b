"""`redflag clients import FILE.csv`: idempotent upsert of the client directory with per-line errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from bot.domain.client_rows import ClientRow, parse_client_row
from bot.flows.csv_source import RowError, read_csv, reason
from bot.i18n import N_, Msg, Translator
from storage import clients as store
from storage.clients import ClientNameTaken
from storage.models import Client

SessionFactory = sessionmaker[Session]


@dataclass
class ImportSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def line(self, t: Translator) -> str:
        return t.gettext("{new} new, {updated} updated, {unchanged} unchanged, {failed} failed", new=self.new,
                         updated=self.updated, unchanged=self.unchanged, failed=self.failed)


def import_clients(session_factory: SessionFactory, path: Path, *, team_id: str) -> ImportSummary:
    """Each line is applied in its own transaction, so a bad line never undoes good ones."""
    summary = ImportSummary()
    seen: dict[int, int] = {}  # client id -> the line that set it
    _, rows = read_csv(path, required=("name",))
    for row in rows:
        if row.problem:
            summary.errors.append(RowError(row.line, row.problem))
            continue
        try:
            parsed = parse_client_row(row.values)
            with session_factory.begin() as session:
                client_id, outcome = _upsert(session, parsed, team_id=team_id, seen=seen)
        except ValueError as error:
            summary.errors.append(RowError(row.line, reason(error)))
            continue
        except ClientNameTaken as error:
            summary.errors.append(RowError(row.line, name_taken(error)))
            continue
        seen[client_id] = row.line
        setattr(summary, outcome, getattr(summary, outcome) + 1)
    return summary


def _upsert(session, row: ClientRow, *, team_id: str, seen: dict[int, int]) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    # The external id, when given, identifies the client (so a changed name is a rename);
    # otherwise the name or any alias does.
    by_id = store.find_client_by_external_id(session, row.external_id, team_id=team_id) if row.external_id else None
    client = by_id or store.find_client(session, row.name, team_id=team_id)
    if client is None:
        client = store.add_client(session, team_id=team_id, name=row.name, aliases=row.aliases, mrr=row.mrr,
                                  currency=row.currency, external_id=row.external_id, account_owner=row.account_owner)
        return client.id, "new"
    if client.id in seen:
        raise ValueError(N_("“{name}” is the same client as line {line} ({client}); list each client once",
                            name=row.name, line=str(seen[client.id]), client=client.name))
    changed = False
    if by_id is not None and client.name != row.name:
        store.rename_client(session, client, row.name, keep_old_as_alias=False)
        changed = True
    changed |= _set(client, row)
    changed |= store.set_aliases(session, client, row.aliases)
    return client.id, ("updated" if changed else "unchanged")


def name_taken(error: ClientNameTaken) -> Msg:
    """The clash, translatable: the spelling another client already has, and that client."""
    return N_("“{name}” is already the name or an alias of client “{existing}”", name=error.name,
              existing=error.existing)


def _set(client: Client, row: ClientRow) -> bool:
    changed = False
    for attr in ("mrr", "currency", "external_id", "account_owner"):
        new = getattr(row, attr)
        old = getattr(client, attr)
        if new != old:
            setattr(client, attr, new)
            changed = True
    return changed
