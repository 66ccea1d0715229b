"""The owners' weekly digest as a Block Kit message: at most 50 blocks, every text within its limit.

What does not fit collapses into "…and N more", pointing to App Home or the dossier. Every text is
in the language of the translator `t` (the workspace's LANGUAGE: the digest is a channel post; an
owner's own for the preview modal, `digest_modal`).
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
from slack_sdk.models.views import View

from bot.domain.pareto import ParetoLine
from bot.domain.risk import Mismatch, Quadrant, severity_count
from bot.domain.severity import Severity
from bot.i18n import Msg, Translator, lazy_ngettext
from bot.views.ids import Action
from bot.views.limits import MESSAGE_BLOCKS, and_more, and_more_in_dossier, and_more_in_home, join_within
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
    reasons: tuple[Msg | str, ...]
    quadrant: Quadrant


@dataclass(frozen=True)
class ReportLine:
    report_id: int
    client_id: int
    client_name: str
    severity: Severity
    categories: tuple[Msg | str, ...]  # labels: a default one translatable, an owner's own as written
    description: str
    occurred_on: date
    reporter_user_id: str | None  # None when anonymous


@dataclass(frozen=True)
class AlertLine:
    client_name: str
    line: Msg | str  # mrkdwn, already escaped (bot/views/payments.alert_line)


@dataclass(frozen=True)
class Digest:
    week: str
    start: datetime  # local time
    end: datetime
    so_far: bool  # True for a preview before the slot: the week is not over yet
    new_reports: tuple[ReportLine, ...] = ()
    overdue: Mapping[str, Decimal] = field(default_factory=dict)
    poll_status: str | None = None  # already in the digest's language (bot/flows/signals.poll_status)
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


def short_date(day: date, t: Translator, *, year: bool = False) -> str:
    """Day and month the locale's way: "Nov 16" (en), "16 nov" (it), "16. Nov." (de); with the year "Nov 16, 2026"."""
    return t.date(day, format=t.locale.datetime_skeletons["yMMMd" if year else "MMMd"].pattern)


def change_words(entry: WatchEntry, watch_min: int, t: Translator) -> str:
    if entry.previous is None:
        return ""
    if entry.previous < watch_min:
        return t.gettext("new on the list")
    delta = entry.score - entry.previous
    if delta == 0:
        return t.gettext("unchanged since last week")
    return t.gettext("{arrow} {points} since last week", arrow="▲" if delta > 0 else "▼", points=abs(delta))


def report_line(report: ReportLine, t: Translator, *, show_reporter: bool, with_client: bool = False) -> str:
    parts = [f"*{escape(report.client_name)}*"] if with_client else []
    parts += [t.text(report.severity.label), escape(", ".join(t.text(c) for c in report.categories)),
              short_date(report.occurred_on, t)]
    if show_reporter and report.reporter_user_id:
        parts.append(t.gettext("by {person}", person=f"<@{report.reporter_user_id}>"))
    return (f"{SEVERITY_EMOJI[report.severity]} {' · '.join(parts)}\n"
            f"      “{escape(excerpt(report.description, EXCERPT))}”")


def watch_section(entry: WatchEntry, position: int, t: Translator, *, watch_min: int,
                  dossier_button: bool = True) -> SectionBlock:
    reasons = "\n".join(f"• {escape(t.text(r))}" for r in entry.reasons)
    head = [f"*{position}. {escape(entry.name)}*", t.gettext("score *{score}*", score=entry.score)]
    if change := change_words(entry, watch_min, t):
        head.append(change)
    text = f"{' · '.join(head)}\n{reasons}\n{QUADRANT_EMOJI[entry.quadrant]} _{t.text(entry.quadrant.label)}_"
    button = ButtonElement(text=t.gettext("Dossier"), action_id=Action.DOSSIER_OPEN, value=str(entry.client_id))
    return SectionBlock(text=MarkdownTextObject(text=text[:3000]), accessory=button if dossier_button else None)


def quadrant_lines(quadrants: Mapping[Quadrant, Sequence[str]], t: Translator) -> list[str]:
    lines = []
    for where in (Quadrant.BOTH, Quadrant.PAYMENT, Quadrant.BEHAVIOUR):
        names = quadrants.get(where) or ()
        if names:
            shown = ", ".join(escape(n) for n in names[:8])
            if len(names) > 8:
                shown = t.ngettext("{names} and {n} more", "{names} and {n} more", len(names) - 8, names=shown)
            lines.append(f"{QUADRANT_EMOJI[where]} *{t.text(where.label)}*: {shown}\n      → {t.text(where.action)}")
    return lines


def alert_lines(alerts: Sequence[AlertLine], t: Translator) -> list[str]:
    return [f"• *{escape(a.client_name)}*: {t.text(a.line)}" for a in alerts]


def mismatch_lines(mismatches: Sequence[Mismatch], t: Translator) -> list[str]:
    return [f"• *{escape(m.name)}*: {escape(t.text(m.text))} {t.text(m.action)}" for m in mismatches]


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text[:3000])])


def _bold(text: str) -> str:
    return f"*{text}*"


def _header(digest: Digest, t: Translator) -> HeaderBlock:
    start, end = short_date(digest.start.date(), t), short_date(digest.end.date(), t, year=True)
    title = (t.gettext("Weekly digest · {start} – {end} (so far)", start=start, end=end) if digest.so_far
             else t.gettext("Weekly digest · {start} – {end}", start=start, end=end))
    return HeaderBlock(text=PlainTextObject(text=title, emoji=False))


def _new_flags(count: int, dealbreakers: int, t: Translator) -> str:
    """ "2 new red flags (1 dealbreaker)"."""
    flags = t.ngettext("{n} new red flag", "{n} new red flags", count)
    return f"{flags} ({t.text(severity_count(Severity.DEALBREAKER, dealbreakers))})" if dealbreakers else flags


def _headline(digest: Digest, watch_count: int, t: Translator) -> SectionBlock:
    fields = [(t.gettext("Red flags this week"), _new_flags(len(digest.new_reports), digest.dealbreakers, t)),
              (t.gettext("Overdue"), t.money_totals(digest.overdue) or t.gettext("nothing overdue")),
              (t.gettext("Watch list"), t.ngettext("{n} client", "{n} clients", watch_count)),
              (t.gettext("Poll"), escape(digest.poll_status or t.gettext("no poll open")))]
    return SectionBlock(fields=[MarkdownTextObject(text=f"*{title}*\n{value}") for title, value in fields])


def _footer(digest: Digest, t: Translator) -> ContextBlock:
    return _context(t.gettext("Week {week}. Risk score 0–100 from red flags (each counts half after {days} days), "
                              "overdue money and the poll. Full story: `/client NAME`. Everything else: Redflag's Home "
                              "tab.", week=digest.week, days=digest.half_life_days))


def _grouped(reports: Sequence[ReportLine]) -> list[tuple[str, list[ReportLine]]]:
    groups: dict[int, list[ReportLine]] = {}
    for report in reports:
        groups.setdefault(report.client_id, []).append(report)
    order = sorted(groups.values(), key=lambda rs: (-max(_weight(r) for r in rs), -len(rs), rs[0].client_name.casefold()))
    return [(rs[0].client_name, sorted(rs, key=lambda r: (-_weight(r), r.occurred_on))) for rs in order]


def _weight(report: ReportLine) -> int:
    return list(Severity).index(report.severity)


def _new_flag_blocks(digest: Digest, budget: int, t: Translator) -> list[Block]:
    groups = _grouped(digest.new_reports)
    title = t.gettext("*New red flags* · {reports} about {clients}",
                      reports=lazy_ngettext("{n} report", "{n} reports", len(digest.new_reports)),
                      clients=lazy_ngettext("{n} client", "{n} clients", len(groups)))
    shown = groups if len(groups) <= budget - 1 else groups[: max(budget - 2, 0)]
    blocks: list[Block] = [_section(title)]
    for name, reports in shown:
        dealbreakers = sum(1 for r in reports if r.severity is Severity.DEALBREAKER)
        news = t.ngettext("{n} new", "{n} new", len(reports))
        if dealbreakers:
            news += f" ({t.text(severity_count(Severity.DEALBREAKER, dealbreakers))})"
        lines = [report_line(r, t, show_reporter=digest.show_reporters) for r in reports]
        blocks.append(_section(join_within(lines, head=f"*{escape(name)}* · {news}", more=and_more_in_dossier(t))))
    if len(shown) < len(groups):
        rest = groups[len(shown):]
        blocks.append(_context(t.gettext(
            "…and {clients} with {flags}: see App Home or `/client NAME`.",
            clients=lazy_ngettext("{n} more client", "{n} more clients", len(rest)),
            flags=lazy_ngettext("{n} new red flag", "{n} new red flags", sum(len(rs) for _, rs in rest)))))
    return blocks


def _tail_blocks(digest: Digest, t: Translator, *, chart: bool = True) -> list[Block]:
    """Quadrants, disagreements, payment alerts, the Pareto line; `chart`: a chart follows in the thread."""
    blocks: list[Block] = []
    if lines := quadrant_lines(digest.quadrants, t):
        blocks.append(_section(join_within(lines, head=_bold(t.gettext("Behaviour × payment")), more=and_more(t))))
    if digest.mismatches:
        blocks.append(_section(join_within(mismatch_lines(digest.mismatches, t), more=and_more(t),
                                           head=_bold(t.gettext("Where the team and the numbers disagree")))))
    if digest.payment_alerts:
        lines = alert_lines(digest.payment_alerts, t)
        blocks.append(_section(join_within(lines, head=_bold(t.gettext("Payment alerts this week")),
                                           more=and_more_in_home(t))))
    if digest.pareto is not None:
        line = digest.pareto
        blocks.append(_section(t.gettext(":bar_chart: *Pareto*: {sentence}.", sentence=line.sentence())))
        names = ", ".join(escape(n) for n in line.names)
        if chart:
            over = t.ngettext(
                "Over {n} client with a known {currency} MRR and the red flags of the last 12 months; the few: "
                "{names} (chart in the thread)",
                "Over {n} clients with a known {currency} MRR and the red flags of the last 12 months; the few: "
                "{names} (chart in the thread)", line.clients_counted, currency=line.currency, names=names)
        else:  # the preview modal: no thread, no chart
            over = t.ngettext(
                "Over {n} client with a known {currency} MRR and the red flags of the last 12 months; the few: "
                "{names}",
                "Over {n} clients with a known {currency} MRR and the red flags of the last 12 months; the few: "
                "{names}", line.clients_counted, currency=line.currency, names=names)
        blocks.append(_context(over))
    return blocks


def digest_message(digest: Digest, t: Translator, *, watch_min: int) -> tuple[str, list[dict]]:
    """(notification text, blocks) for the owners' channel, in t's language."""
    text = t.gettext("Weekly digest {week}: {flags}, {clients} on the watch list", week=digest.week,
                     flags=lazy_ngettext("{n} new red flag", "{n} new red flags", len(digest.new_reports)),
                     clients=lazy_ngettext("{n} client", "{n} clients", len(digest.watch)))
    return text, [b.to_dict() for b in _digest_blocks(digest, t, watch_min=watch_min)]


def digest_modal(digest: Digest, t: Translator, *, watch_min: int) -> View:
    """The same digest as a modal for one owner (App Home's preview), in t's language (theirs), without the chart.

    The message's blocks are valid in a modal (at most MESSAGE_BLOCKS of a modal's 100; headers, sections with
    fields, context), less two things: the chart's mention, and the Dossier buttons (a dossier opened with
    views.open from inside a modal does not stack on it; `/client NAME` is named in the footer).
    """
    return View(type="modal", title=t.gettext("This week so far"), close=t.gettext("Close"),
                blocks=_digest_blocks(digest, t, watch_min=watch_min, modal=True))


def _digest_blocks(digest: Digest, t: Translator, *, watch_min: int, modal: bool = False) -> list[Block]:
    watch = list(digest.watch)
    blocks: list[Block] = [_header(digest, t), _headline(digest, len(watch), t)]
    if digest.quiet:
        blocks.append(_section(t.gettext(":zzz: *All quiet*: no new red flags and no payment alerts this week.")))
        if watch:
            names = ", ".join(f"{escape(w.name)} ({t.number(w.score)})" for w in watch[:5])
            if len(watch) > 5:
                names = t.ngettext("{names} and {n} more", "{names} and {n} more", len(watch) - 5, names=names)
            blocks.append(_context(t.gettext("Still on the watch list: {names}", names=names)))
        blocks.append(_footer(digest, t))
        return blocks
    blocks.append(DividerBlock())
    if watch:
        blocks.append(_section(t.gettext("*Watch list* · the riskiest clients and why")))
        blocks += [watch_section(w, i, t, watch_min=watch_min, dossier_button=not modal)
                   for i, w in enumerate(watch[:WATCH_SHOWN], 1)]
        if len(watch) > WATCH_SHOWN:
            blocks.append(_context(t.ngettext("…and {n} more on the watch list: see App Home.",
                                              "…and {n} more on the watch list: see App Home.",
                                              len(watch) - WATCH_SHOWN)))
        blocks.append(DividerBlock())
    tail = _tail_blocks(digest, t, chart=not modal)
    if digest.new_reports:
        budget = MESSAGE_BLOCKS - len(blocks) - len(tail) - 2  # a divider before the tail, the footer
        blocks += _new_flag_blocks(digest, budget, t)
        blocks.append(DividerBlock())
    blocks += tail
    blocks.append(_footer(digest, t))
    return blocks
