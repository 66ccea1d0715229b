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

from bot.domain.next_step import NextStep, Step
from bot.domain.risk import Mismatch, Quadrant, RiskScore
from bot.views.digest import QUADRANT_EMOJI, ReportLine, report_line
from bot.views.limits import HEADER_TEXT, and_more, join_within
from bot.views.text import escape, excerpt

STEP_EMOJI = {Step.KEEP_WATCHING: ":mag:", Step.TALK: ":calendar:", Step.RAISE_PRICES: ":chart_with_upwards_trend:",
              Step.PLAN_EXIT: ":warning:"}


@dataclass(frozen=True)
class Dossier:
    name: str
    revenue: str | None  # "€4,200 a month"
    score: RiskScore
    quadrant: Quadrant
    mismatch: Mismatch | None
    step: NextStep
    checklist: tuple[str, ...]  # only for an exit
    letter: str | None  # only for an exit
    timeline: tuple[ReportLine, ...]  # newest first
    payment_lines: tuple[str, ...]  # plain text
    poll_lines: tuple[str, ...]
    show_reporters: bool


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _score_blocks(dossier: Dossier) -> list[Block]:
    reasons = [f"• {escape(r.text)}" for r in dossier.score.reasons] or ["• nothing recorded yet"]
    revenue = f" · {escape(dossier.revenue)}" if dossier.revenue else ""
    head = (f"*Risk score {dossier.score.score}/100*{revenue}\n"
            f"{QUADRANT_EMOJI[dossier.quadrant]} _{dossier.quadrant.label}_ → {dossier.quadrant.action}")
    blocks: list[Block] = [_section(join_within(reasons, head=head))]
    if dossier.mismatch is not None:
        blocks.append(_section(f"*The team and the numbers disagree*\n{escape(dossier.mismatch.text)} "
                               f"{dossier.mismatch.action}"))
    return blocks


def _step_blocks(dossier: Dossier) -> list[Block]:
    step = dossier.step
    blocks: list[Block] = [_section(join_within([f"• {escape(r)}" for r in step.reasons],
                                                head=f"{STEP_EMOJI[step.step]} *Suggested next step: {step.step.label}*"))]
    if dossier.checklist:
        items = [f"{i}. {escape(item)}" for i, item in enumerate(dossier.checklist, 1)]
        blocks.append(_section(join_within(items, head="*Offboarding checklist*")))
    if dossier.letter:
        letter = excerpt(dossier.letter, 2800)
        blocks.append(_section(f"*Draft termination letter* (copy it and make it yours)\n```{escape(letter)}```"))
    return blocks


def _facts_blocks(dossier: Dossier) -> list[Block]:
    lines = [report_line(r, show_reporter=dossier.show_reporters) for r in dossier.timeline]
    flags = join_within(lines, head=f"*Red flags* · {len(dossier.timeline)} in total, newest first",
                        more=lambda n: and_more(n, "older")) if lines else "*Red flags*\nNone reported."
    payments = (join_within([f"• {escape(line)}" for line in dossier.payment_lines], head="*Payments*")
                if dossier.payment_lines else "*Payments*\nNo invoices imported for this client.")
    polls = (join_within([f"• {escape(line)}" for line in dossier.poll_lines], head="*Worst-client polls*")
             if dossier.poll_lines else "*Worst-client polls*\nNot named in any poll with a ranking.")
    return [_section(flags), _section(payments), _section(polls)]


def dossier_modal(dossier: Dossier) -> View:
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=excerpt(dossier.name, HEADER_TEXT), emoji=False)),
        *_score_blocks(dossier),
        DividerBlock(),
        *_step_blocks(dossier),
        DividerBlock(),
        *_facts_blocks(dossier),
        ContextBlock(elements=[MarkdownTextObject(
            text="Only owners can open a dossier. Anonymous reports never show who filed them.")]),
    ]
    return View(type="modal", title="Client dossier", close="Close", blocks=blocks)
