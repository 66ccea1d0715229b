"""The owners' weekly digest as a Block Kit message: at most 50 blocks, every text within its limit.

What does not fit collapses into "…and N more", pointing to App Home or the dossier.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.domain.money import format_totals
from bot.domain.pareto import ParetoLine
from bot.domain.risk import Mismatch, Quadrant, plural
from bot.domain.severity import Severity
from bot.views.ids import Action
from bot.views.limits import MESSAGE_BLOCKS, and_more, join_within
from bot.views.report import SEVERITY_EMOJI
from bot.views.text import escape, excerpt

WATCH_SHOWN = 8
EXCERPT = 140
QUADRANT_EMOJI = {Quadrant.BOTH: ":red_circle:", Quadrant.PAYMENT: ":money_with_wings:",
                  Quadrant.BEHAVIOUR: ":warning:", Quadrant.FINE: ":white_check_mark:"}


@dataclass(frozen=True)
class WatchEntry:
    client_id: int
    name: str
    score: int
    previous: int | None  # last week's score (0 when it had none); None: not compared (App Home)
    reasons: tuple[str, ...]
    quadrant: Quadrant


@dataclass(frozen=True)
class ReportLine:
    report_id: int
    client_id: int
    client_name: str
    severity: Severity
    categories: tuple[str, ...]  # labels
    description: str
    occurred_on: date
    reporter_user_id: str | None  # None when anonymous


@dataclass(frozen=True)
class AlertLine:
    client_name: str
    line: str  # mrkdwn, already escaped (bot/views/payments.alert_line)


@dataclass(frozen=True)
class Digest:
    week: str
    start: datetime  # local time
    end: datetime
    so_far: bool  # True for a preview before the slot: the week is not over yet
    new_reports: tuple[ReportLine, ...] = ()
    overdue: Mapping[str, Decimal] = field(default_factory=dict)
    poll_status: str | None = None
    watch: tuple[WatchEntry, ...] = ()
    quadrants: Mapping[Quadrant, tuple[str, ...]] = field(default_factory=dict)  # names, riskiest first
    mismatches: tuple[Mismatch, ...] = ()
    payment_alerts: tuple[AlertLine, ...] = ()  # newest first
    pareto: ParetoLine | None = None
    show_reporters: bool = False
    half_life_days: int = 90

    @property
    def quiet(self) -> bool:
        return not self.new_reports and not self.payment_alerts

    @property
    def dealbreakers(self) -> int:
        return sum(1 for r in self.new_reports if r.severity is Severity.DEALBREAKER)


def short_date(day: date) -> str:
    return f"{day.day} {day:%b}"


def change_words(entry: WatchEntry, watch_min: int) -> str:
    if entry.previous is None:
        return ""
    if entry.previous < watch_min:
        return "new on the list"
    delta = entry.score - entry.previous
    return "unchanged since last week" if delta == 0 else f"{'▲' if delta > 0 else '▼'} {abs(delta)} since last week"


def report_line(report: ReportLine, *, show_reporter: bool, with_client: bool = False) -> str:
    who = f" · by <@{report.reporter_user_id}>" if show_reporter and report.reporter_user_id else ""
    client = f"*{escape(report.client_name)}* · " if with_client else ""
    return (f"{SEVERITY_EMOJI[report.severity]} {client}{report.severity.label} · "
            f"{escape(', '.join(report.categories))} · {short_date(report.occurred_on)}{who}\n"
            f"      “{escape(excerpt(report.description, EXCERPT))}”")


def watch_section(entry: WatchEntry, position: int, *, watch_min: int) -> SectionBlock:
    reasons = "\n".join(f"• {escape(r)}" for r in entry.reasons)
    change = change_words(entry, watch_min)
    text = (f"*{position}. {escape(entry.name)}* · score *{entry.score}*{' · ' + change if change else ''}\n"
            f"{reasons}\n{QUADRANT_EMOJI[entry.quadrant]} _{entry.quadrant.label}_")
    return SectionBlock(text=MarkdownTextObject(text=text[:3000]), accessory=ButtonElement(
        text="Dossier", action_id=Action.DOSSIER_OPEN, value=str(entry.client_id)))


def quadrant_lines(quadrants: Mapping[Quadrant, Sequence[str]]) -> list[str]:
    lines = []
    for where in (Quadrant.BOTH, Quadrant.PAYMENT, Quadrant.BEHAVIOUR):
        names = quadrants.get(where) or ()
        if names:
            shown = ", ".join(escape(n) for n in names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
            lines.append(f"{QUADRANT_EMOJI[where]} *{where.label}*: {shown}\n      → {where.action}")
    return lines


def alert_lines(alerts: Sequence[AlertLine]) -> list[str]:
    return [f"• *{escape(a.client_name)}*: {a.line}" for a in alerts]


def mismatch_lines(mismatches: Sequence[Mismatch]) -> list[str]:
    return [f"• *{escape(m.name)}*: {escape(m.text)} {m.action}" for m in mismatches]


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text[:3000])])


def _header(digest: Digest) -> HeaderBlock:
    span = f"{short_date(digest.start.date())} – {short_date(digest.end.date())} {digest.end:%Y}"
    title = f"Weekly digest · {span}{' (so far)' if digest.so_far else ''}"
    return HeaderBlock(text=PlainTextObject(text=title, emoji=False))


def _headline(digest: Digest, watch_count: int) -> SectionBlock:
    flags = plural(len(digest.new_reports), "new red flag")
    if digest.dealbreakers:
        flags += f" ({plural(digest.dealbreakers, 'dealbreaker')})"
    fields = [f"*Red flags this week*\n{flags}",
              f"*Overdue*\n{format_totals(digest.overdue) or 'nothing overdue'}",
              f"*Watch list*\n{plural(watch_count, 'client')}",
              f"*Poll*\n{escape(digest.poll_status or 'no poll open')}"]
    return SectionBlock(fields=[MarkdownTextObject(text=f) for f in fields])


def _footer(digest: Digest) -> ContextBlock:
    return _context(f"Week {digest.week}. Risk score 0–100 from red flags (each counts half after "
                    f"{digest.half_life_days} days), overdue money and the poll. Full story: `/client NAME`. "
                    "Everything else: Redflag's Home tab.")


def _grouped(reports: Sequence[ReportLine]) -> list[tuple[str, list[ReportLine]]]:
    groups: dict[int, list[ReportLine]] = {}
    for report in reports:
        groups.setdefault(report.client_id, []).append(report)
    order = sorted(groups.values(), key=lambda rs: (-max(_weight(r) for r in rs), -len(rs), rs[0].client_name.casefold()))
    return [(rs[0].client_name, sorted(rs, key=lambda r: (-_weight(r), r.occurred_on))) for rs in order]


def _weight(report: ReportLine) -> int:
    return list(Severity).index(report.severity)


def _new_flag_blocks(digest: Digest, budget: int) -> list[Block]:
    groups = _grouped(digest.new_reports)
    title = _section(f"*New red flags* · {plural(len(digest.new_reports), 'report')} about "
                     f"{plural(len(groups), 'client')}")
    shown = groups if len(groups) <= budget - 1 else groups[: max(budget - 2, 0)]
    blocks: list[Block] = [title]
    for name, reports in shown:
        dealbreakers = sum(1 for r in reports if r.severity is Severity.DEALBREAKER)
        head = f"*{escape(name)}* · {len(reports)} new" + (f" ({plural(dealbreakers, 'dealbreaker')})" if dealbreakers else "")
        lines = [report_line(r, show_reporter=digest.show_reporters) for r in reports]
        blocks.append(_section(join_within(lines, head=head, more=lambda n: and_more(n, "in the dossier"))))
    if len(shown) < len(groups):
        rest = groups[len(shown):]
        blocks.append(_context(f"…and {plural(len(rest), 'more client')} with "
                               f"{plural(sum(len(rs) for _, rs in rest), 'new red flag')}: "
                               "see App Home or `/client NAME`."))
    return blocks


def _tail_blocks(digest: Digest) -> list[Block]:
    blocks: list[Block] = []
    if lines := quadrant_lines(digest.quadrants):
        blocks.append(_section(join_within(lines, head="*Behaviour × payment*")))
    if digest.mismatches:
        blocks.append(_section(join_within(mismatch_lines(digest.mismatches),
                                           head="*Where the team and the numbers disagree*")))
    if digest.payment_alerts:
        lines = alert_lines(digest.payment_alerts)
        blocks.append(_section(join_within(lines, head="*Payment alerts this week*",
                                           more=lambda n: and_more(n, "in App Home"))))
    if digest.pareto is not None:
        line = digest.pareto
        blocks.append(_section(f":bar_chart: *Pareto*: {line.sentence()}."))
        names = ", ".join(escape(n) for n in line.names)
        blocks.append(_context(f"Over {plural(line.clients_counted, 'client')} with a known {line.currency} MRR and "
                               f"the red flags of the last 12 months; the few: {names} (chart in the thread)"))
    return blocks


def digest_message(digest: Digest, *, watch_min: int) -> tuple[str, list[dict]]:
    """(notification text, blocks) for the owners' channel."""
    watch = list(digest.watch)
    text = (f"Weekly digest {digest.week}: {plural(len(digest.new_reports), 'new red flag')}, "
            f"{plural(len(watch), 'client')} on the watch list")
    blocks: list[Block] = [_header(digest), _headline(digest, len(watch))]
    if digest.quiet:
        blocks.append(_section(":zzz: *All quiet*: no new red flags and no payment alerts this week."))
        if watch:
            names = ", ".join(f"{escape(w.name)} ({w.score})" for w in watch[:5])
            blocks.append(_context(f"Still on the watch list: {names}" + (f" and {len(watch) - 5} more" if len(watch) > 5 else "")))
        blocks.append(_footer(digest))
        return text, [b.to_dict() for b in blocks]
    blocks.append(DividerBlock())
    if watch:
        blocks.append(_section("*Watch list* · the riskiest clients and why"))
        blocks += [watch_section(w, i, watch_min=watch_min) for i, w in enumerate(watch[:WATCH_SHOWN], 1)]
        if len(watch) > WATCH_SHOWN:
            blocks.append(_context(f"…and {len(watch) - WATCH_SHOWN} more on the watch list: see App Home."))
        blocks.append(DividerBlock())
    tail = _tail_blocks(digest)
    if digest.new_reports:
        budget = MESSAGE_BLOCKS - len(blocks) - len(tail) - 2  # a divider before the tail, the footer
        blocks += _new_flag_blocks(digest, budget)
        blocks.append(DividerBlock())
    blocks += tail
    blocks.append(_footer(digest))
    return text, [b.to_dict() for b in blocks]
