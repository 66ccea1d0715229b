"""Fuzzing the input surfaces with hypothesis: no request ever gets a 500 or an unhandled exception."""

from __future__ import annotations

import json
import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.sandbox.forms import fill
from bot.web import create_web_app
from bot.views.ids import Action, Block, Command
from storage.clients import add_client
from tests.listeners.helpers import open_report_modal
from tests.listeners.test_escaping import live_markup_in

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MARKUP = st.sampled_from(["<!channel>", "<@U0BOSS>", "<#C0GEN>", "<!subteam^S1>", "&", "<", ">", "payload", "=", "%",
                          "\u0000", "\u202e", "😡", "\n", "acme", "ACME Inc.", "\\", '"', "'"])
TEXT = st.lists(st.one_of(st.text(max_size=40), MARKUP), max_size=12).map("".join)


class FailOnErrorLogs(logging.Handler):
    """Any ERROR logged by Bolt or our listeners ("listener failed", unhandled exceptions) fails the test."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def watching_errors() -> FailOnErrorLogs:
    handler = FailOnErrorLogs()
    logging.getLogger().addHandler(handler)
    return handler


@FUZZ
@given(text=TEXT)
def test_any_redflag_command_text_opens_a_valid_modal(slack, fake_slack, text):
    errors = watching_errors()
    try:
        before = len(fake_slack.calls("views.open"))
        answer = slack.command(Command.REDFLAG, text, user_id="U0STAFF")
        assert answer.status == 200, answer.text
        view = fake_slack.wait_for("views.open", before + 1)[-1].params["view"]
        description = next(b for b in view["blocks"] if b["block_id"] == Block.REPORT_DESCRIPTION)["element"]
        assert len(description.get("initial_value", "")) <= 3000
    finally:
        logging.getLogger().removeHandler(errors)
    assert not errors.records, [r.getMessage() for r in errors.records]


@FUZZ
@given(typed=TEXT)
def test_any_picker_query_gets_valid_options(slack, typed):
    body = slack.suggest(Action.CLIENT_PICK, typed, user_id="U0STAFF").json()
    options = body["options"] if "options" in body else [o for g in body["option_groups"] for o in g["options"]]
    assert all(1 <= len(o["text"]["text"]) <= 75 and len(o["value"]) <= 150 for o in options)


@FUZZ
@given(
    description=TEXT,
    client=st.one_of(st.none(), st.text(max_size=20), TEXT.map(lambda t: "new:" + t)),
    categories=st.lists(st.one_of(st.sampled_from(["abusive", "security", "other"]), st.text(max_size=8)), max_size=4),
    severity=st.one_of(st.none(), st.sampled_from(["note", "concern", "dealbreaker"]), st.text(max_size=10)),
    when=st.one_of(st.none(), st.dates().map(str), st.text(max_size=12)),
    anonymous=st.lists(st.sampled_from(["anonymous", "x"]), max_size=2),
)
def test_any_report_submission_is_stored_or_answered_inline(slack, fake_slack, session_factory, description, client,
                                                           categories, severity, when, anonymous):
    errors = watching_errors()
    try:
        view = open_report_modal(slack, fake_slack, user_id="U0STAFF")
        values = fill(view, {Block.REPORT_DESCRIPTION: description, Block.REPORT_CATEGORIES: categories,
                             Block.REPORT_SEVERITY: severity, Block.REPORT_ANONYMOUS: anonymous,
                             Block.REPORT_CLIENT: None if client is None else (client, client)})
        values[Block.REPORT_WHEN][Action.REPORT_WHEN]["selected_date"] = when
        posted = len(fake_slack.calls("chat.postMessage"))
        answer = slack.submit(view, values, user_id="U0STAFF", view_id=f"V{abs(hash((description, client, when)))}")
        assert answer.status == 200, answer.text
        if answer.text:
            body = answer.json()
            assert body["response_action"] == "errors" and body["errors"]
            assert set(body["errors"]) <= {b["block_id"] for b in view["blocks"]}
        else:
            for call in fake_slack.wait_for("chat.postMessage", posted + 1)[posted:]:
                assert not live_markup_in({"text": call.params["text"], "blocks": call.params["blocks"]})
    finally:
        logging.getLogger().removeHandler(errors)
    assert not errors.records, [r.getMessage() for r in errors.records]


@FUZZ
@given(rows=st.lists(st.tuples(TEXT, TEXT, st.one_of(TEXT, st.decimals(allow_nan=False).map(str)), TEXT), max_size=8))
def test_any_client_csv_imports_without_crashing(tmp_path_factory, session_factory, rows):
    import csv

    from bot.flows.client_import import import_clients
    from bot.i18n import translator

    path = tmp_path_factory.mktemp("csv") / "clients.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "aliases", "mrr", "currency"])
        writer.writerows(rows)
    summary = import_clients(session_factory, path, team_id="T0FUZZ")
    assert summary.new + summary.updated + summary.unchanged + summary.failed >= 0
    assert all(e.line >= 2 for e in summary.errors)
    assert json.dumps([translator("it").text(e.reason) for e in summary.errors])  # every reason can be shown


@FUZZ
@given(leaf=st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=2),
                      st.fixed_dictionaries({"selected_option": st.one_of(st.text(max_size=3), st.integers())}),
                      st.fixed_dictionaries({"selected_options": st.one_of(st.text(max_size=3), st.none())}),
                      st.fixed_dictionaries({"selected_date": st.one_of(st.integers(), st.none())}),
                      st.fixed_dictionaries({"value": st.one_of(st.integers(), st.lists(st.text(), max_size=2))})),
       block=st.sampled_from([b.value for b in Block if b.name.startswith("REPORT_")]))
def test_malformed_state_values_are_answered_inline(slack, fake_slack, block, leaf):
    view = open_report_modal(slack, fake_slack, user_id="U0STAFF")
    values = fill(view, {})
    action = next(iter(values[block]))
    values[block][action] = leaf
    answer = slack.submit(view, values, user_id="U0STAFF", view_id="VMALFORMED")
    assert answer.status == 200
    assert answer.text == "" or answer.json()["response_action"] == "errors"


JSONISH = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                 st.text(max_size=12), MARKUP),
                       lambda inner: st.one_of(st.lists(inner, max_size=4),
                                               st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                       max_leaves=20)
INVOICE_FIELDS = ["client", "invoice_number", "issue_date", "due_date", "amount", "currency", "paid_date",
                  "amount_paid", "disputed"]


@FUZZ
@given(body=st.one_of(
    JSONISH,
    st.fixed_dictionaries({"invoices": st.lists(st.dictionaries(st.sampled_from(INVOICE_FIELDS), JSONISH, max_size=9),
                                                max_size=4)},
                          optional={"dayfirst": JSONISH, "create_clients": JSONISH}),
))
def test_any_webhook_body_gets_a_clear_answer_never_a_500(settings, engine, body):
    from tests.test_webhooks import TOKEN

    web = create_web_app(settings.model_copy(update={"invoice_webhook_token": TOKEN}), engine=engine)
    answer = web.test_client().post("/webhooks/invoices", data=json.dumps(body), content_type="application/json",
                                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code in (200, 400, 413, 422), answer.get_data(as_text=True)
    assert answer.is_json and (answer.status_code == 200 or answer.json.get("error") or answer.json.get("errors"))
