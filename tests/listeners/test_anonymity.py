"""Anonymous means anonymous: the reporter's id is nowhere in the database afterwards."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import MetaData, select

from storage.clients import add_client
from tests.conftest import OWNERS_CHANNEL
from tests.listeners.helpers import open_report_modal, submit, valid_answers

REPORTER = "U0WHISTLE42"


def every_value_in_the_database(engine) -> list[str]:  # type: ignore[no-untyped-def]
    metadata = MetaData()
    metadata.reflect(engine)
    values = []
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                values.extend(str(v) for v in row)
    return values


def test_an_anonymous_report_leaves_no_trace_of_the_reporter(slack, fake_slack, session_factory, engine):
    with session_factory.begin() as session:
        client = add_client(session, team_id=slack.signer.team_id, name="Acme Inc.")
    view = open_report_modal(slack, fake_slack, user_id=REPORTER)
    answers = valid_answers((str(client.id), client.name), REPORT_SEVERITY="dealbreaker", REPORT_ANONYMOUS=["anonymous"])
    assert submit(slack, view, answers, user_id=REPORTER).text == ""
    fake_slack.wait_for("chat.postMessage", 2)

    values = every_value_in_the_database(engine)
    assert any("Shouted at the helpdesk" in v for v in values)  # the search does see the report
    assert not [v for v in values if REPORTER in v]
    if engine.dialect.name == "sqlite":  # the raw files too, including the write-ahead log
        database = Path(engine.url.database)
        for path in (database, Path(f"{database}-wal")):
            if path.exists():
                assert REPORTER.encode() not in path.read_bytes()
    owner_posts = [c for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == OWNERS_CHANNEL]
    assert owner_posts and REPORTER not in str(owner_posts[0].params)


def test_the_same_search_finds_a_named_reporter(slack, fake_slack, session_factory, engine):
    """The search above is able to fail: without the box ticked, the id is stored."""
    with session_factory.begin() as session:
        client = add_client(session, team_id=slack.signer.team_id, name="Acme Inc.")
    view = open_report_modal(slack, fake_slack, user_id=REPORTER)
    submit(slack, view, valid_answers((str(client.id), client.name)), user_id=REPORTER)
    assert [v for v in every_value_in_the_database(engine) if REPORTER in v]
