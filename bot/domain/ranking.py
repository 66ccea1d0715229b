"""Ranking the "five worst clients" ballots: Borda points, tie-breaks, shared ranks, the anonymity
threshold and movement against the previous poll. Pure functions over client ids.

Borda: rank 1 earns 5 points … rank 5 earns 1; a client a ballot does not name earns 0.
Ties are broken by how many ballots name the client, then by countback (more first
places, then more second places, …). Clients still tied share the rank ("1, 2, 2, 4").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

MAX_PICKS = 5
BORDA_POINTS = tuple(range(MAX_PICKS, 0, -1))  # (5, 4, 3, 2, 1)
MIN_ANONYMITY_THRESHOLD = 3  # the lowest minimum the established survey tools allow

Ballot = Sequence[int]  # client ids, rank 1 first


@dataclass(frozen=True)
class ClientScore:
    client_id: int
    rank: int
    points: int
    ballots: int  # how many ballots name the client
    places: tuple[int, ...]  # how many ballots put it 1st, 2nd, … 5th

    @property
    def first_places(self) -> int:
        return self.places[0]

    def share(self, total_ballots: int) -> float:
        """The share of ballots naming the client, 0..1."""
        return self.ballots / total_ballots if total_ballots else 0.0


@dataclass(frozen=True)
class Ranking:
    total_ballots: int
    scores: tuple[ClientScore, ...]  # by rank, then client id

    def ranks(self) -> dict[int, int]:
        return {s.client_id: s.rank for s in self.scores}


@dataclass(frozen=True)
class PollStanding:
    """One client's place in a closed poll, for the digest and the risk score."""

    period: str  # "2026" or "2026-Q4"
    rank: int
    points: int
    ballots_naming: int
    total_ballots: int
    first_places: int


def distinct_picks(ballot: Iterable[int]) -> list[int]:
    """A ballot's clients in rank order, each once (a merge of two named clients keeps the higher rank)."""
    seen: list[int] = []
    for client_id in ballot:
        if client_id not in seen:
            seen.append(client_id)
    return seen[:MAX_PICKS]


def rank_ballots(ballots: Sequence[Ballot]) -> Ranking:
    """Borda ranking of `ballots`; every ballot counts towards the total, even one naming fewer than five."""
    places: dict[int, list[int]] = {}
    for ballot in ballots:
        for position, client_id in enumerate(distinct_picks(ballot)):
            places.setdefault(client_id, [0] * MAX_PICKS)[position] += 1
    unranked = [
        (cid, sum(n * p for n, p in zip(counts, BORDA_POINTS)), sum(counts), tuple(counts))
        for cid, counts in places.items()
    ]
    unranked.sort(key=lambda s: (_strength(s[1], s[2], s[3]), s[0]))
    scores: list[ClientScore] = []
    for index, (cid, points, named, counts) in enumerate(unranked):
        tied = scores and _strength(points, named, counts) == _strength(scores[-1].points, scores[-1].ballots, scores[-1].places)
        rank = scores[-1].rank if tied else index + 1
        scores.append(ClientScore(cid, rank, points, named, counts))
    return Ranking(len(ballots), tuple(scores))


def _strength(points: int, named: int, counts: tuple[int, ...]) -> tuple[int, ...]:
    """Sort key, strongest first: points, then ballots naming, then countback."""
    return (-points, -named, *(-c for c in counts))


def ballots_needed(total_ballots: int, threshold: int) -> int:
    """How many more ballots a poll needs before any ranking may be shown (0 when it may)."""
    return max(0, max(threshold, MIN_ANONYMITY_THRESHOLD) - total_ballots)


def standings(ranking: Ranking, period: str) -> dict[int, PollStanding]:
    return {
        s.client_id: PollStanding(period, s.rank, s.points, s.ballots, ranking.total_ballots, s.first_places)
        for s in ranking.scores
    }


def visible_reasons(
    reasons: Mapping[int, Sequence[str]],
    ranking: Ranking,
    threshold: int,
    shuffle: Callable[[list[str]], None],
) -> dict[int, list[str]]:
    """The "why" texts owners may read: only for clients named on at least `threshold` ballots,
    blank ones dropped, and shuffled so their order says nothing about who wrote them or when."""
    minimum = max(threshold, MIN_ANONYMITY_THRESHOLD)
    shown: dict[int, list[str]] = {}
    for score in ranking.scores:
        texts = [t.strip() for t in reasons.get(score.client_id, ()) if t and t.strip()]
        if score.ballots >= minimum and texts:
            shuffle(texts)
            shown[score.client_id] = texts
    return shown


@dataclass(frozen=True)
class Movement:
    """How a ranking changed since the previous poll of the same cadence."""

    new: tuple[int, ...]  # ranked now, not named before
    up: tuple[tuple[int, int, int], ...]  # (client, rank before, rank now)
    down: tuple[tuple[int, int, int], ...]
    unchanged: tuple[int, ...]
    dropped: tuple[tuple[int, int], ...]  # (client, rank before): named before, not now


def movement(current: Ranking, previous: Ranking) -> Movement:
    before, now = previous.ranks(), current.ranks()
    new, up, down, same = [], [], [], []
    for score in current.scores:
        was = before.get(score.client_id)
        if was is None:
            new.append(score.client_id)
        elif was > score.rank:
            up.append((score.client_id, was, score.rank))
        elif was < score.rank:
            down.append((score.client_id, was, score.rank))
        else:
            same.append(score.client_id)
    dropped = tuple((s.client_id, s.rank) for s in previous.scores if s.client_id not in now)
    return Movement(tuple(new), tuple(up), tuple(down), tuple(same), dropped)
