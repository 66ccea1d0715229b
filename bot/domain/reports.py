"""What makes a red-flag report valid. Plain data in, field → message out."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from bot.domain.severity import Severity
from bot.i18n import N_, Msg

NEW_CLIENT_NAME_MAX = 75


@dataclass(frozen=True)
class ReportInput:
    """A report as submitted, before it is stored. Exactly one of client_id / new_client_name is set."""

    client_id: int | None
    new_client_name: str | None
    categories: tuple[str, ...]
    severity: str | None
    description: str
    occurred_on: date | None
    anonymous: bool
    problems: dict[str, Msg] = field(default_factory=dict)  # field -> message found while parsing


def validate_report(report: ReportInput, *, today: date, known_categories: Collection[str]) -> dict[str, Msg]:
    """Problems keyed by field name (client, categories, severity, description, when); empty if valid."""
    problems = dict(report.problems)
    if report.client_id is None and not (report.new_client_name or "").strip():
        problems.setdefault("client", N_("Pick a client. Not in the list? Type its full name and choose “Add … as a new client”."))
    elif report.new_client_name is not None and len(report.new_client_name.strip()) > NEW_CLIENT_NAME_MAX:
        problems.setdefault("client", N_("A client name can be at most {max} characters.", max=NEW_CLIENT_NAME_MAX))
    if not report.categories:
        problems.setdefault("categories", N_("Pick at least one kind of problem."))
    elif unknown := [c for c in report.categories if c not in known_categories]:
        problems.setdefault("categories", N_("These categories no longer exist, pick again: {categories}.",
                                                  categories=", ".join(unknown)))
    if report.severity not in {s.value for s in Severity}:
        problems.setdefault("severity", N_("Pick how bad it is: note, concern or dealbreaker."))
    if not report.description.strip():
        problems.setdefault("description", N_("Describe what happened. A sentence or two is enough."))
    if report.occurred_on is None:
        problems.setdefault("when", N_("Pick the day it happened."))
    elif report.occurred_on > today:
        problems.setdefault("when", N_("That date is in the future. Pick the day it happened ({today} at the latest).",
                                             today=today))
    return problems
