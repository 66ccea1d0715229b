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
from bot.i18n import Translator
from bot.views.poll import closed_phrase, ordinal, period_text
from bot.views.text import escape, excerpt

SHOWN_CLIENTS = 20  # one section each; the rest are summed up in one line
WHY_SHOWN_CHARS = 280
SECTION_MAX = 3000


@dataclass(frozen=True)
class PollResults:
    period: str  # the stored label ("2026", "2026-Q4")
    cadence: str  # "yearly" or "quarterly"
    closed_at: datetime  # team time zone
    eligible: int
    ballots: int
    threshold: int
    ranking: Ranking | None  # None below the threshold: nothing about the picks may show
    names: Mapping[int, str] = field(default_factory=dict)
    reasons: Mapping[int, Sequence[str]] = field(default_factory=dict)  # filtered and shuffled already
    previous_period: str | None = None
    movement: Movement | None = None


def _percent(part: int, whole: int, t: Translator) -> str:
    return t.percent(part / whole if whole else 0)


def _participation(results: PollResults, t: Translator) -> str:
    return t.gettext("Voted: {voted} of {eligible} eligible ({percent}) · closed {when}", voted=results.ballots,
                     eligible=results.eligible, percent=_percent(results.ballots, results.eligible, t),
                     when=closed_phrase(results.closed_at, t))


def _marker(client_id: int, movement: Movement | None, t: Translator) -> str:
    if movement is None:
        return ""
    if client_id in movement.new:
        return " · " + t.gettext(":new: new")
    for cid, before, now in movement.up:
        if cid == client_id:
            return " · " + t.gettext("↑{n} (was {ordinal})", n=before - now, ordinal=ordinal(before, t))
    for cid, before, now in movement.down:
        if cid == client_id:
            return " · " + t.gettext("↓{n} (was {ordinal})", n=now - before, ordinal=ordinal(before, t))
    return " · " + t.gettext("= same place")


def _client_name(results: PollResults, client_id: int, t: Translator) -> str:
    return escape(results.names.get(client_id) or t.gettext("client #{id}", id=str(client_id)))


def _client_section(score: ClientScore, results: PollResults, t: Translator) -> SectionBlock:
    total = results.ballots
    line = " · ".join([
        f"*{score.rank}. {_client_name(results, score.client_id, t)}*",
        t.ngettext("{n} point", "{n} points", score.points),
        t.ngettext("named on {count} of {n} ballot ({percent})", "named on {count} of {n} ballots ({percent})", total,
                   count=score.ballots, percent=_percent(score.ballots, total, t)),
        t.ngettext("{n}× 1st", "{n}× 1st", score.first_places),
    ]) + _marker(score.client_id, results.movement, t)
    text = line
    for why in results.reasons.get(score.client_id, ()):
        quoted = "\n> " + escape(excerpt(why, WHY_SHOWN_CHARS)).replace("\n", " ")
        if len(text) + len(quoted) > SECTION_MAX - 40:
            text += "\n> _" + t.gettext("…more not shown") + "_"
            break
        text += quoted
    return SectionBlock(text=MarkdownTextObject(text=text))


def _movement_text(results: PollResults, t: Translator) -> str:
    _ = t.gettext
    moved = results.movement
    if moved is None or results.previous_period is None:
        if results.cadence == "quarterly":
            return "_" + _("No earlier quarterly poll with enough ballots to compare with.") + "_"
        return "_" + _("No earlier yearly poll with enough ballots to compare with.") + "_"

    def name(client_id: int) -> str:
        return _client_name(results, client_id, t)

    def listed(items: list[str]) -> str:
        return ", ".join(items) or _("none")

    def change(client_id: int, before: int, now: int) -> str:
        return f"{name(client_id)} ({ordinal(before, t)} → {ordinal(now, t)})"

    dropped = [_("{client} (was {ordinal})", client=name(c), ordinal=ordinal(b, t)) for c, b in moved.dropped]
    parts = [
        _("*New:* {clients}", clients=listed([name(c) for c in moved.new])),
        _("*Up:* {clients}", clients=listed([change(c, b, n) for c, b, n in moved.up])),
        _("*Down:* {clients}", clients=listed([change(c, b, n) for c, b, n in moved.down])),
        _("*Dropped out:* {clients}", clients=listed(dropped)),
    ]
    since = _("*Since {period}:*", period=period_text(results.previous_period, t))
    return excerpt(since + "\n" + "\n".join(parts), SECTION_MAX)


def results_message(results: PollResults, t: Translator) -> tuple[str, list[dict]]:
    """(fallback text, blocks) for the owners' channel and `/worstclients results`, in `t`'s language."""
    _ = t.gettext
    period = period_text(results.period, t)
    title = _("Worst clients poll {period}: results", period=period)
    blocks: list = [HeaderBlock(text=title),
                    ContextBlock(elements=[MarkdownTextObject(text=_participation(results, t))])]
    if results.ranking is None:
        needed = max(results.threshold - results.ballots, 0)
        text = t.ngettext(
            ":lock: Not enough ballots to show a ranking: {ballots} cast, at least {threshold} are needed, so {n} more "
            "was needed. To protect individual answers, nothing about the picks is shown.",
            ":lock: Not enough ballots to show a ranking: {ballots} cast, at least {threshold} are needed, so {n} more "
            "were needed. To protect individual answers, nothing about the picks is shown.",
            needed, ballots=results.ballots, threshold=results.threshold)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text)))
        return (_("Worst clients poll {period}: not enough ballots to show a ranking", period=period),
                [b.to_dict() for b in blocks])
    scores = sorted(results.ranking.scores, key=lambda s: (s.rank, results.names.get(s.client_id, "").casefold()))
    if not scores:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_("No client was named."))))
    blocks += [_client_section(score, results, t) for score in scores[:SHOWN_CLIENTS]]
    if rest := scores[SHOWN_CLIENTS:]:
        names = ", ".join(_client_name(results, s.client_id, t) for s in rest)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=excerpt(
            _("_Also named:_ {clients}", clients=names), SECTION_MAX))))
    blocks += [DividerBlock(), SectionBlock(text=MarkdownTextObject(text=_movement_text(results, t)))]
    points = ", ".join(f"{ordinal(r, t)} = {t.number(p)}" for r, p in enumerate(BORDA_POINTS, 1))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_(
        "Borda points: {points}. Ties: more ballots naming the client, then more 1st places, 2nd places, … "
        "“Why” texts are unsigned and shuffled, shown only for clients named on at least {threshold} ballots. "
        "Individual ballots are never shown.", points=points, threshold=results.threshold))]))
    top = ", ".join(_client_name(results, s.client_id, t) for s in scores[:3])
    return (_("Worst clients poll {period}: {clients}", period=period, clients=top) if top else title,
            [b.to_dict() for b in blocks])
