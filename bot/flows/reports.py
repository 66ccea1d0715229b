"""Filing red-flag reports: opening the modal, storing a submission, alerting owners."""

from __future__ import annotations

from bot.deps import Deps
from bot.domain.matching import leading_spellings, split_leading_client
from bot.domain.reports import ReportInput, validate_report
from bot.domain.severity import Severity
from bot.domain.taxonomy import shown_label
from bot.errors import ValidationFailed
from bot.i18n import N_, Msg, Translator
from bot.views.report import FiledReport, ModalPrefill, report_modal
from storage import clients as client_store
from storage import reports as report_store
from storage.models import Client


def modal_for(deps: Deps, t: Translator, *, team_id: str, text: str = "", match_client: bool = True) -> dict:
    """The report modal in `t`'s language, pre-filled from text typed after /redflag (client first, then the story).

    With match_client=False (a quoted message) the text goes into the description untouched.
    """
    client, rest = None, text.strip()
    with deps.read_sessions.begin() as session:
        categories = [(key, t.text(shown_label(key, label)))
                      for key, label in client_store.category_choices(session, team_id=team_id)]
        if match_client and rest:
            # An exact name or alias is one indexed lookup; only a typo needs the whole directory.
            heads = leading_spellings(text)
            spelled = client_store.clients_spelled(session, [s for s, _ in heads], team_id=team_id)
            if exact := next(((spelled[s], after) for s, after in heads if s in spelled), None):
                client, rest = exact
            elif candidates := client_store.list_candidates(session, team_id=team_id):
                match, rest = split_leading_client(text, candidates)
                client = (match.client_id, match.name) if match else None
    return report_modal(categories, ModalPrefill(today=deps.today(), client=client, description=rest), t)


def file_report(
    deps: Deps, *, team_id: str, user_id: str, form: ReportInput, submission_key: str | None
) -> tuple[FiledReport, bool]:
    """Validate and store a report. Returns (report, created); raises ValidationFailed keyed by field.

    A second submission with the same key (Slack retrying, a double click) returns
    the first report with created=False.
    """
    with deps.session_factory.begin() as session:
        categories = client_store.list_categories(session, team_id=team_id, active_only=False)
        labels = {c.key: shown_label(c.key, c.label) for c in categories}
        active = {c.key for c in categories if c.active}
        problems = validate_report(form, today=deps.today(), known_categories=active)
        if problems:
            raise ValidationFailed(problems)
        if submission_key and (earlier := report_store.get_report_by_submission(session, submission_key, team_id=team_id)):
            client = client_store.get_client(session, earlier.client_id, team_id=team_id)
            return _filed(earlier, client, labels), False
        client = _resolve_client(session, team_id=team_id, form=form)
        report = report_store.add_report(
            session,
            team_id=team_id,
            client_id=client.id,
            severity=form.severity or "",
            categories=form.categories,
            description=form.description.strip(),
            occurred_on=form.occurred_on,  # type: ignore[arg-type]
            reporter_user_id=None if form.anonymous else user_id,
            submission_key=submission_key,
        )
        return _filed(report, client, labels), True


def _resolve_client(session, *, team_id: str, form: ReportInput) -> Client:  # type: ignore[no-untyped-def]
    if form.client_id is not None:
        client = client_store.get_client(session, form.client_id, team_id=team_id)
        if client is None:
            raise ValidationFailed({"client": N_("That client was merged or removed meanwhile. Pick it again.")})
        return client
    name = " ".join((form.new_client_name or "").split())
    existing = client_store.find_client(session, name, team_id=team_id)
    if existing is not None:
        return existing
    return client_store.add_client(session, team_id=team_id, name=name)


def _filed(report, client, labels: dict[str, Msg | str]) -> FiledReport:  # type: ignore[no-untyped-def]
    return FiledReport(
        report_id=report.id,
        client_name=client.name,
        categories=[labels.get(k, k) for k in report.categories],
        severity=Severity(report.severity),
        description=report.description,
        occurred_on=report.occurred_on,
        reporter_user_id=report.reporter_user_id,
    )
