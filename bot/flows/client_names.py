"""Client names from accounting exports, matched to the directory as `/redflag` matches them.

Case, accents, punctuation and legal suffixes do not matter ("ACME LOGISTICS SRL"
finds "Acme Logistics S.r.l."), aliases count, and a small typo in a name of
four letters or more is forgiven when exactly one client is that close.
Answers are cached per name, so a million rows cost one lookup per distinct name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import DamerauLevenshtein
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.matching import Candidate, candidate, exact_match, match_clients, normalize
from storage import clients as client_store
from storage.clients import ClientNameTaken

TYPO_MIN_LENGTH = 4
NAMES_CACHED = 100_000


def typo_match(name: str, candidates: list[Candidate]) -> int | None:
    """The one client whose name or alias is within a typo of `name` (1 edit; 2 for long names)."""
    wanted = normalize(name)
    if len(wanted) < TYPO_MIN_LENGTH:
        return None
    allowed = 1 if len(wanted) <= 8 else 2
    close = {
        m.client_id for m in match_clients(name, candidates, limit=5, min_score=80.0)
        if min(DamerauLevenshtein.distance(wanted, s) for s in _spellings(m.client_id, candidates)) <= allowed
    }
    return close.pop() if len(close) == 1 else None


def _spellings(client_id: int, candidates: list[Candidate]) -> tuple[str, ...]:
    return next(c.spellings for c in candidates if c.client_id == client_id)


@dataclass
class ClientNames:
    sessions: sessionmaker[Session]
    team_id: str
    create: bool
    candidates: list[Candidate]
    cache: dict[str, int | None] = field(default_factory=dict)  # by normalized name
    seen: dict[str, int | None] = field(default_factory=dict)  # by name as written
    created: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, sessions: sessionmaker[Session], *, team_id: str, create: bool = False) -> ClientNames:
        with sessions() as session:
            return cls(sessions, team_id, create, client_store.list_candidates(session, team_id=team_id))

    def resolve(self, name: str) -> int | None:
        """The client id for `name`, creating the client when allowed; None when unmatched."""
        if name in self.seen:
            return self.seen[name]
        client_id = self._resolve(name)
        if len(self.seen) < NAMES_CACHED:
            self.seen[name] = client_id
        return client_id

    def _resolve(self, name: str) -> int | None:
        key = normalize(name)
        if key in self.cache:
            return self.cache[key]
        hit = exact_match(name, self.candidates)
        client_id = hit.client_id if hit else typo_match(name, self.candidates)
        if client_id is None and self.create:
            client_id = self._add(name)
        if len(self.cache) < NAMES_CACHED:
            self.cache[key] = client_id
        return client_id

    def _add(self, name: str) -> int | None:
        try:
            with self.sessions.begin() as session:
                client = client_store.add_client(session, team_id=self.team_id, name=name[:75])
                client_id = client.id
        except ClientNameTaken:  # created meanwhile by someone else under that spelling
            with self.sessions() as session:
                found = client_store.find_client(session, name, team_id=self.team_id)
                return found.id if found else None
        self.candidates.append(candidate(client_id, name[:75]))
        self.created.append(name[:75])
        return client_id
