"""Matching what people type to clients in the directory.

"ACME Inc.", "acme corp", "Acme" and "acmee" all find Acme: case and accents
are folded, punctuation and legal suffixes dropped, and small typos tolerated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

# Legal-form words dropped at the end (and anywhere as separate tokens) of a name.
LEGAL_SUFFIXES = frozenset(
    """inc incorporated corp corporation co company llc llp lp ltd limited plc gmbh ag kg
    mbh ug srl srls spa sas sasu sarl sa sca snc eurl bv nv vof cv oy ab as aps sl slu""".split()  # untranslated: words to match
)
# Dotted legal forms ("S.r.l.", "B.V.") collapse to these once the dots are gone.
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)

MIN_SCORE = 80.0


def normalize(name: str) -> str:
    """Lower-case, accent-free, punctuation-free name without legal suffixes."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    # "s.r.l." -> "srl", "b.v." -> "bv" before other punctuation becomes spaces.
    folded = re.sub(r"\b(\w)\.(?=\w\.)", r"\1", folded)
    folded = re.sub(r"\b(\w\w?)\.(\w{1,2})\.?(?=\s|$)", r"\1\2", folded)
    folded = _PUNCT.sub(" ", folded).replace("_", " ")
    words = folded.split()
    kept = [w for w in words if w not in LEGAL_SUFFIXES]
    return " ".join(kept or words)


@dataclass(frozen=True)
class Candidate:
    """A client as the matcher sees it: its id, display name and every known spelling."""

    client_id: int
    name: str
    spellings: tuple[str, ...]  # already normalized: the name and each alias


@dataclass(frozen=True)
class Match:
    client_id: int
    name: str
    score: float  # 0..100
    exact: bool


def candidate(client_id: int, name: str, aliases: Iterable[str] = ()) -> Candidate:
    spellings = {normalize(name)} | {normalize(a) for a in aliases}
    return Candidate(client_id, name, tuple(sorted(s for s in spellings if s)))


def _score(query: str, spelling: str) -> float:
    if query == spelling:
        return 100.0
    if spelling.startswith(query) or spelling.replace(" ", "").startswith(query.replace(" ", "")):
        # Type-ahead: a prefix is a strong match, longer prefixes stronger.
        return 90.0 + 9.0 * len(query) / max(len(spelling), 1)
    allowed = 1 if len(query) <= 5 else 2
    if DamerauLevenshtein.distance(query, spelling) <= allowed and len(query) >= 3:
        return 88.0
    # Typo-tolerant prefix ("acmee ind" vs "acme industries") and word-level matches.
    partial = fuzz.partial_ratio(query, spelling) if len(query) >= 4 else 0.0
    return max(fuzz.ratio(query, spelling), fuzz.token_set_ratio(query, spelling) * 0.95, partial * 0.9)


def match_clients(
    query: str, candidates: Sequence[Candidate], *, limit: int = 20, min_score: float = MIN_SCORE
) -> list[Match]:
    """Clients matching `query`, best first. An empty query lists clients by name."""
    wanted = normalize(query)
    if not wanted:
        ordered = sorted(candidates, key=lambda c: c.name.casefold())
        return [Match(c.client_id, c.name, 0.0, False) for c in ordered[:limit]]
    found = []
    for cand in candidates:
        best = max((_score(wanted, s) for s in cand.spellings), default=0.0)
        if best >= min_score:
            found.append(Match(cand.client_id, cand.name, best, wanted in cand.spellings))
    found.sort(key=lambda m: (-m.score, m.name.casefold()))
    return found[:limit]


def exact_match(query: str, candidates: Sequence[Candidate]) -> Match | None:
    """The client whose name or alias normalizes to exactly `query`, if one does."""
    wanted = normalize(query)
    for cand in candidates:
        if wanted and wanted in cand.spellings:
            return Match(cand.client_id, cand.name, 100.0, True)
    return None


def leading_spellings(text: str, *, max_words: int = 5) -> list[tuple[str, str]]:
    """(normalized spelling, rest of the text) for the first 5, 4, … 1 words of `text`, longest first."""
    words = text.split()
    found = []
    for count in range(min(max_words, len(words)), 0, -1):
        rest = (text.split(None, count)[count] if len(words) > count else "").strip()
        if spelling := normalize(" ".join(words[:count])):
            found.append((spelling, rest))
    return found


def split_leading_client(text: str, candidates: Sequence[Candidate], *, max_words: int = 5) -> tuple[Match | None, str]:
    """Split "/redflag Acme Inc yelled at Marco" into (Acme, "yelled at Marco").

    Tries the longest run of leading words first; exact spellings win, then a
    close typo of a multi-letter first word. Returns (None, text) when nothing matches.
    """
    words = text.split()
    counts = range(min(max_words, len(words)), 0, -1)

    def rest(count: int) -> str:
        return (text.split(None, count)[count] if len(words) > count else "").strip()

    # Exact spellings first, for every length (a set lookup); only then the costlier fuzzy pass.
    spelled = {s: c for c in candidates for s in c.spellings}
    for count in counts:
        if (cand := spelled.get(normalize(" ".join(words[:count])))) is not None:
            return Match(cand.client_id, cand.name, 100.0, True), rest(count)
    for count in counts:
        head = " ".join(words[:count])
        if len(normalize(head)) < 4:
            continue
        close = match_clients(head, candidates, limit=1, min_score=88.0)
        if close and DamerauLevenshtein.distance(normalize(head), _best_spelling(close[0], candidates, head)) <= 1:
            return close[0], rest(count)
    return None, text.strip()


def _best_spelling(match: Match, candidates: Sequence[Candidate], query: str) -> str:
    wanted = normalize(query)
    cand = next(c for c in candidates if c.client_id == match.client_id)
    return min(cand.spellings, key=lambda s: DamerauLevenshtein.distance(wanted, s))
