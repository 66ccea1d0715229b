"""The owners' results message of a worst-clients poll.

Built only from aggregates: the ranking, the participation counts, the movement
since the previous poll, and "why" texts already filtered by the anonymity
threshold and shuffled. It has no way to say who voted for whom, or in what order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk.models.blocks import ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.domain.ranking import BORDA_POINTS, ClientScore, Movement, Ranking
from bot.views.poll import closed_phrase, ordinal
from bot.views.text import escape, excerpt

SHOWN_CLIENTS = 20  # one section each; the rest are summed up in one line
WHY_SHOWN_CHARS = 280
SECTION_MAX = 3000


@dataclass(frozen=True)
class PollResults:
    period: str
    cadence: str
    closed_at: datetime  # team time zone
    eligible: int
    ballots: int
    threshold: int
    ranking: Ranking | None  # None below the threshold: nothing about the picks may show
    names: Mapping[int, str] = field(default_factory=dict)
    reasons: Mapping[int, Sequence[str]] = field(default_factory=dict)  # filtered and shuffled already
    previous_period: str | None = None
    movement: Movement | None = None


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def _participation(results: PollResults) -> str:
    return (f"{results.ballots} of {results.eligible} eligible {'person' if results.eligible == 1 else 'people'} voted "
            f"({_percent(results.ballots, results.eligible)}) · closed {closed_phrase(results.closed_at)}")


def _marker(client_id: int, movement: Movement | None) -> str:
    if movement is None:
        return ""
    if client_id in movement.new:
        return " · :new: new"
    for cid, before, now in movement.up:
        if cid == client_id:
            return f" · ↑{before - now} (was {ordinal(before)})"
    for cid, before, now in movement.down:
        if cid == client_id:
            return f" · ↓{now - before} (was {ordinal(before)})"
    return " · = same place"


def _client_section(score: ClientScore, results: PollResults) -> SectionBlock:
    name = escape(results.names.get(score.client_id, f"client #{score.client_id}"))
    total = results.ballots
    line = (f"*{score.rank}. {name}* · {score.points} points · named on {score.ballots} of {total} ballots "
            f"({_percent(score.ballots, total)}) · {score.first_places}× 1st{_marker(score.client_id, results.movement)}")
    text = line
    for why in results.reasons.get(score.client_id, ()):
        quoted = "\n> " + escape(excerpt(why, WHY_SHOWN_CHARS)).replace("\n", " ")
        if len(text) + len(quoted) > SECTION_MAX - 40:
            text += "\n> _…more not shown_"
            break
        text += quoted
    return SectionBlock(text=MarkdownTextObject(text=text))


def _movement_text(results: PollResults) -> str:
    moved = results.movement
    if moved is None or results.previous_period is None:
        return f"_No earlier {results.cadence} poll with enough ballots to compare with._"

    def name(client_id: int) -> str:
        return escape(results.names.get(client_id, f"#{client_id}"))

    def listed(items: list[str]) -> str:
        return ", ".join(items) or "none"

    parts = [
        f"*New:* {listed([name(c) for c in moved.new])}",
        f"*Up:* {listed([f'{name(c)} ({ordinal(b)} → {ordinal(n)})' for c, b, n in moved.up])}",
        f"*Down:* {listed([f'{name(c)} ({ordinal(b)} → {ordinal(n)})' for c, b, n in moved.down])}",
        f"*Dropped out:* {listed([f'{name(c)} (was {ordinal(b)})' for c, b in moved.dropped])}",
    ]
    return excerpt(f"*Since {results.previous_period}:*\n" + "\n".join(parts), SECTION_MAX)


def results_message(results: PollResults) -> tuple[str, list[dict]]:
    """(fallback text, blocks) for the owners' channel and `/worstclients results`."""
    title = f"Worst clients poll {results.period}: results"
    blocks: list = [HeaderBlock(text=title), ContextBlock(elements=[MarkdownTextObject(text=_participation(results))])]
    if results.ranking is None:
        needed = max(results.threshold - results.ballots, 0)
        text = (f":lock: Not enough ballots to show a ranking: {results.ballots} cast, at least {results.threshold} are "
                f"needed, so {needed} more {'was' if needed == 1 else 'were'} needed. To protect individual answers, "
                "nothing about the picks is shown.")
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text)))
        return f"{title}: not enough ballots to show a ranking", [b.to_dict() for b in blocks]
    scores = sorted(results.ranking.scores, key=lambda s: (s.rank, results.names.get(s.client_id, "").casefold()))
    if not scores:
        blocks.append(SectionBlock(text=MarkdownTextObject(text="No client was named.")))
    blocks += [_client_section(score, results) for score in scores[:SHOWN_CLIENTS]]
    if rest := scores[SHOWN_CLIENTS:]:
        names = ", ".join(escape(results.names.get(s.client_id, f"#{s.client_id}")) for s in rest)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=excerpt(f"_Also named:_ {names}", SECTION_MAX))))
    blocks += [DividerBlock(), SectionBlock(text=MarkdownTextObject(text=_movement_text(results)))]
    points = ", ".join(f"{ordinal(r)} = {p}" for r, p in enumerate(BORDA_POINTS, 1))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=(
        f"Borda points: {points}. Ties: more ballots naming the client, then more 1st places, 2nd places, … "
        f"“Why” texts are unsigned and shuffled, shown only for clients named on at least {results.threshold} ballots. "
        "Individual ballots are never shown."))]))
    top = ", ".join(escape(results.names.get(s.client_id, "")) for s in scores[:3])
    return f"{title}: {top}" if top else title, [b.to_dict() for b in blocks]
