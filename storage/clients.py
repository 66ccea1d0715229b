"""Queries for the client directory and the category taxonomy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from sqlalchemy import Column, Table, UniqueConstraint, bindparam, delete, exists, select, update
from sqlalchemy.orm import Session, selectinload

from bot.domain.matching import Candidate, normalize
from bot.domain.taxonomy import DEFAULT_CATEGORIES
from storage.models import Base, Category, Client, ClientAlias


class ClientNameTaken(Exception):
    def __init__(self, name: str, existing: str) -> None:
        super().__init__(f"“{name}” is already the name or an alias of client “{existing}”")
        self.name, self.existing = name, existing


def list_candidates(session: Session, *, team_id: str) -> list[Candidate]:
    """Every client of the team with all its spellings, for the matcher."""
    names = session.execute(
        select(Client.id, Client.name, Client.normalized_name).where(Client.team_id == team_id)).all()
    spellings: dict[int, set[str]] = {cid: {key} for cid, _, key in names}
    for client_id, key in session.execute(
        select(ClientAlias.client_id, ClientAlias.normalized).where(ClientAlias.team_id == team_id)
    ):
        spellings[client_id].add(key)
    # The stored normalized forms: normalizing every name again on each keystroke cost ~4 ms per 200 clients.
    return [Candidate(cid, name, tuple(sorted(s for s in spellings[cid] if s))) for cid, name, _ in names]


# Built once, not per call: /redflag runs this on every command, and building a statement costs more than
# running it (benchmarks/, ack).
# Plain table columns, so the session runs it as a Core statement (no ORM compile step).
_clients, _aliases, _categories = Client.__table__.c, ClientAlias.__table__.c, Category.__table__.c
_SPELLED = select(_clients.normalized_name, _clients.id, _clients.name).where(
    _clients.team_id == bindparam("team_id"), _clients.normalized_name.in_(bindparam("spellings", expanding=True))
).union_all(select(_aliases.normalized, _clients.id, _clients.name).join_from(
    ClientAlias.__table__, Client.__table__, _clients.id == _aliases.client_id).where(
    _aliases.team_id == bindparam("team_id"), _aliases.normalized.in_(bindparam("spellings", expanding=True))))


def clients_spelled(session: Session, spellings: Sequence[str], *, team_id: str) -> dict[str, tuple[int, str]]:
    """normalized spelling → (client id, name) for those of `spellings` that are a client's name or alias."""
    if not spellings:
        return {}
    found = session.execute(_SPELLED, {"team_id": team_id, "spellings": list(spellings)})
    return {spelling: (cid, name) for spelling, cid, name in found}


def get_client(session: Session, client_id: int, *, team_id: str) -> Client | None:
    return session.scalar(select(Client).where(Client.id == client_id, Client.team_id == team_id))


def list_clients(session: Session, *, team_id: str) -> Sequence[Client]:
    return session.scalars(
        select(Client).where(Client.team_id == team_id).options(selectinload(Client.aliases)).order_by(Client.name)
    ).all()


def find_client(session: Session, name: str, *, team_id: str) -> Client | None:
    """The client whose name or alias normalizes like `name`."""
    key = normalize(name)
    found = session.scalar(select(Client).where(Client.team_id == team_id, Client.normalized_name == key))
    if found is None:
        found = session.scalar(
            select(Client).join(ClientAlias).where(ClientAlias.team_id == team_id, ClientAlias.normalized == key)
        )
    return found


def find_client_by_external_id(session: Session, external_id: str, *, team_id: str) -> Client | None:
    return session.scalar(select(Client).where(Client.team_id == team_id, Client.external_id == external_id))


def _check_free(session: Session, name: str, *, team_id: str, owner_id: int | None) -> None:
    holder = find_client(session, name, team_id=team_id)
    if holder is not None and holder.id != owner_id:
        raise ClientNameTaken(name, holder.name)


def add_client(
    session: Session,
    *,
    team_id: str,
    name: str,
    aliases: Iterable[str] = (),
    mrr: Decimal | None = None,
    currency: str | None = None,
    external_id: str | None = None,
    account_owner: str | None = None,
) -> Client:
    _check_free(session, name, team_id=team_id, owner_id=None)
    client = Client(
        team_id=team_id,
        name=name,
        normalized_name=normalize(name),
        mrr=mrr,
        currency=currency,
        external_id=external_id,
        account_owner=account_owner,
    )
    session.add(client)
    session.flush()
    set_aliases(session, client, aliases)
    return client


def set_aliases(session: Session, client: Client, aliases: Iterable[str]) -> bool:
    """Make the client's aliases exactly `aliases`; True if anything changed."""
    wanted: dict[str, str] = {}
    for alias in aliases:
        key = normalize(alias)
        if key and key != client.normalized_name and key not in wanted:
            _check_free(session, alias, team_id=client.team_id, owner_id=client.id)
            wanted[key] = alias.strip()
    current = {a.normalized: a for a in client.aliases}
    changed = False
    for key, alias in current.items():
        if key not in wanted:
            client.aliases.remove(alias)
            changed = True
    for key, text in wanted.items():
        if key not in current:
            client.aliases.append(ClientAlias(team_id=client.team_id, alias=text, normalized=key))
            changed = True
        elif current[key].alias != text:
            current[key].alias = text
            changed = True
    session.flush()
    return changed


def rename_client(session: Session, client: Client, new_name: str, *, keep_old_as_alias: bool = True) -> None:
    """Rename; the old name stays findable as an alias unless told otherwise."""
    _check_free(session, new_name, team_id=client.team_id, owner_id=client.id)
    old = client.name
    new_key = normalize(new_name)
    for alias in list(client.aliases):
        if alias.normalized == new_key:
            client.aliases.remove(alias)
    session.flush()
    client.name = new_name
    client.normalized_name = new_key
    if keep_old_as_alias and normalize(old) != new_key:
        client.aliases.append(ClientAlias(team_id=client.team_id, alias=old, normalized=normalize(old)))
    session.flush()


def merge_clients(session: Session, survivor: Client, absorbed: Client) -> None:
    """Move everything that points at `absorbed` to `survivor`, keep its names as aliases, delete it.

    Every column with a foreign key to clients.id is moved, so data added by later
    features follows a merge without changes here.
    """
    if survivor.id == absorbed.id or survivor.team_id != absorbed.team_id:
        raise ValueError("merge needs two different clients of the same team")
    names = [absorbed.name, *(a.alias for a in absorbed.aliases)]
    for table, column in _client_references():
        _drop_colliding_rows(session, table, column, survivor_id=survivor.id, absorbed_id=absorbed.id)
        session.execute(update(table).where(column == absorbed.id).values({column.name: survivor.id}))
    if survivor.mrr is None and absorbed.mrr is not None:
        survivor.mrr, survivor.currency = absorbed.mrr, absorbed.currency
    session.delete(absorbed)
    session.flush()
    session.expire(survivor, ["aliases"])
    existing = {survivor.normalized_name, *(a.normalized for a in survivor.aliases)}
    for name in names:
        key = normalize(name)
        if key and key not in existing:
            survivor.aliases.append(ClientAlias(team_id=survivor.team_id, alias=name, normalized=key))
            existing.add(key)
    session.flush()


def _drop_colliding_rows(session: Session, table: Table, column: Column, *, survivor_id: int, absorbed_id: int) -> None:
    """Before moving rows, delete the absorbed client's rows that would break a unique key the
    survivor already holds (the same invoice number imported under both names): the survivor's copy stays."""
    for constraint in table.constraints:
        if not isinstance(constraint, UniqueConstraint) or column.name not in constraint.columns:
            continue
        twin = table.alias("twin")
        same = [twin.c[c.name] == c for c in constraint.columns if c.name != column.name]
        session.execute(delete(table).where(
            column == absorbed_id, exists().where(twin.c[column.name] == survivor_id, *same)))


def _client_references():  # type: ignore[no-untyped-def]
    """(table, column) for every column except the aliases' that references clients.id."""
    clients_id = Client.__table__.c.id
    for table in Base.metadata.sorted_tables:
        if table.name == ClientAlias.__tablename__:
            continue
        for column in table.c:
            if any(fk.column is clients_id for fk in column.foreign_keys):
                yield table, column


def list_categories(session: Session, *, team_id: str, active_only: bool = True) -> list[Category]:
    """The team's categories in display order, seeding the defaults on first use."""
    query = select(Category).where(Category.team_id == team_id).order_by(Category.position, Category.id)
    found = list(session.scalars(query))
    if not found:
        for position, (key, label) in enumerate(DEFAULT_CATEGORIES):
            session.add(Category(team_id=team_id, key=key, label=label, position=position))
        session.flush()
        found = list(session.scalars(query))
    return [c for c in found if c.active or not active_only]


_CATEGORY_ROWS = select(_categories.key, _categories.label, _categories.active).where(
    _categories.team_id == bindparam("team_id")).order_by(_categories.position, _categories.id)


def category_choices(session: Session, *, team_id: str) -> list[tuple[str, str]]:
    """(key, label) of the team's active categories in display order, as rows (the /redflag modal's options,
    on every command); the defaults are seeded on first use as by list_categories."""
    rows = session.execute(_CATEGORY_ROWS, {"team_id": team_id}).all()
    if not rows:
        return [(c.key, c.label) for c in list_categories(session, team_id=team_id)]
    return [(key, label) for key, label, active in rows if active]


def category_labels(session: Session, *, team_id: str) -> dict[str, str]:
    """key → label for every category the team ever had (old reports keep their labels)."""
    return {c.key: c.label for c in list_categories(session, team_id=team_id, active_only=False)}


def save_category(session: Session, *, team_id: str, key: str, label: str, active: bool = True) -> Category:
    """Add a category, or relabel / (de)activate an existing one."""
    existing = {c.key: c for c in list_categories(session, team_id=team_id, active_only=False)}
    category = existing.get(key)
    if category is None:
        category = Category(team_id=team_id, key=key, label=label, position=len(existing), active=active)
        session.add(category)
    else:
        category.label, category.active = label, active
    session.flush()
    return category
