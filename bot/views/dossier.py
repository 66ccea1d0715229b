"""The client dossier modal: score and reasons, next step (with an exit plan), red flags, payments, poll."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.domain.lateness import ClientPaymentFacts
from bot.domain.next_step import NextStep, Step
from bot.domain.risk import Mismatch, PollSignal, Quadrant, RiskScore
from bot.i18n import Money, Msg, Translator
from bot.views.digest import QUADRANT_EMOJI, ReportLine, report_line
from bot.views.limits import HEADER_TEXT, and_more, and_older_reports, join_within
from bot.views.payments import fact_lines
from bot.views.poll import period_text
from bot.views.text import escape, excerpt

STEP_EMOJI = {Step.KEEP_WATCHING: ":mag:", Step.TALK: ":calendar:", Step.RAISE_PRICES: ":chart_with_upwards_trend:",
              Step.PLAN_EXIT: ":warning:"}


@dataclass(frozen=True)
class Dossier:
    name: str
    revenue: Money | None  # monthly
    score: RiskScore
    quadrant: Quadrant
    mismatch: Mismatch | None
    step: NextStep
    checklist: tuple[Msg | str, ...]  # only for an exit
    letter: Msg | str | None  # only for an exit
    timeline: tuple[ReportLine, ...]  # newest first
    payments: ClientPaymentFacts | None  # None: no invoices imported
    polls: tuple[PollSignal, ...]  # latest first
    show_reporters: bool


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _bullets(lines: list[str], head: str, empty: str, t: Translator) -> str:
    """`head` in bold, then the lines as bullets (as many as fit), or `empty` when there are none."""
    return (join_within([f"• {line}" for line in lines], head=f"*{head}*", more=and_more(t)) if lines
            else f"*{head}*\n{empty}")


def _score_blocks(dossier: Dossier, t: Translator) -> list[Block]:
    score, where = dossier.score, dossier.quadrant
    reasons = [escape(t.text(r.text)) for r in score.reasons] or [t.gettext("nothing recorded yet")]
    title = "*" + t.gettext("Risk score {score}/100", score=score.score) + "*"
    if dossier.revenue is not None:
        title += " · " + t.gettext("{amount} a month", amount=dossier.revenue)
    head = f"{title}\n{QUADRANT_EMOJI[where]} _{t.text(where.label)}_ → {t.text(where.action)}"
    blocks: list[Block] = [_section(join_within([f"• {reason}" for reason in reasons], head=head, more=and_more(t)))]
    if dossier.mismatch is not None:
        title = t.gettext("The team and the numbers disagree")
        blocks.append(_section(f"*{title}*\n{escape(t.text(dossier.mismatch.text))} {t.text(dossier.mismatch.action)}"))
    return blocks


def _step_blocks(dossier: Dossier, t: Translator) -> list[Block]:
    step = dossier.step
    suggested = t.gettext("Suggested next step: {step}", step=step.step.label)
    head = f"{STEP_EMOJI[step.step]} *{suggested}*"
    blocks: list[Block] = [_section(join_within([f"• {escape(t.text(r))}" for r in step.reasons], head=head,
                                                       more=and_more(t)))]
    if dossier.checklist:
        items = [f"{i}. {escape(t.text(item))}" for i, item in enumerate(dossier.checklist, 1)]
        checklist = t.gettext("Offboarding checklist")
        blocks.append(_section(join_within(items, head=f"*{checklist}*", more=and_more(t))))
    if dossier.letter:
        letter = excerpt(t.text(dossier.letter), 2800)
        title = t.gettext("*Draft termination letter* (copy it and make it yours)")
        blocks.append(_section(f"{title}\n```{escape(letter)}```"))
    return blocks


def _facts_blocks(dossier: Dossier, t: Translator) -> list[Block]:
    lines = [report_line(r, t, show_reporter=dossier.show_reporters) for r in dossier.timeline]

    flags = (join_within(lines, head=t.gettext("*Red flags* · {n} in total, newest first", n=len(lines)), more=and_older_reports(t))
             if lines else _bullets([], t.gettext("Red flags"), t.gettext("None reported."), t))
    facts = [escape(line) for line in fact_lines(dossier.payments, t)] if dossier.payments is not None else []
    payments = _bullets(facts, t.gettext("Payments"), t.gettext("No invoices imported for this client."), t)
    polls = _bullets([escape(_poll_line(p, t)) for p in dossier.polls], t.gettext("Worst-client polls"),
                     t.gettext("Not named in any poll with a ranking."), t)
    return [_section(flags), _section(payments), _section(polls)]


def _poll_line(poll: PollSignal, t: Translator) -> str:
    return t.ngettext("{period}: #{rank}, named on {named} of {n} ballot",
                      "{period}: #{rank}, named on {named} of {n} ballots", poll.ballots,
                      period=period_text(poll.period, t), rank=str(poll.rank), named=poll.named)


def dossier_modal(dossier: Dossier, t: Translator) -> View:
    """The /client modal in `t`'s language (the owner who opened it)."""
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=excerpt(dossier.name, HEADER_TEXT), emoji=False)),
        *_score_blocks(dossier, t),
        DividerBlock(),
        *_step_blocks(dossier, t),
        DividerBlock(),
        *_facts_blocks(dossier, t),
        ContextBlock(elements=[MarkdownTextObject(
            text=t.gettext("Only owners can open a dossier. Anonymous reports never show who filed them."))]),
    ]
    return View(type="modal", title=t.gettext("Client dossier"), close=t.gettext("Close"), blocks=blocks)


def loading_modal(name: str, t: Translator) -> View:
    """What views.open shows at once while the dossier of `name` is gathered (Slack's trigger lasts 3 seconds)."""
    text = t.gettext(":hourglass_flowing_sand: Gathering the dossier of *{client}*…", client=escape(name))
    return View(type="modal", title=t.gettext("Client dossier"), close=t.gettext("Close"),
                blocks=[_section(text)])


def unavailable_modal(name: str, reason: Msg | str, t: Translator) -> View:
    """The loading modal's replacement when the dossier of `name` could not be gathered: why, in words."""
    head = t.gettext("The dossier of *{client}* could not be gathered.", client=escape(name))
    return View(type="modal", title=t.gettext("Client dossier"), close=t.gettext("Close"),
                blocks=[_section(f":warning: {head}\n{t.text(reason)}")])
