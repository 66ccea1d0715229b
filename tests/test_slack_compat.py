"""Our fixes for slack-bolt 1.30: bodies containing "payload", and errors raised right after ack()."""

from __future__ import annotations

from flask import Flask, request
from slack_bolt import App
from slack_bolt.adapter.flask import SlackRequestHandler

from bot.app import GENERIC_FAILURE, handle_error, make_web_client
from bot.errors import UserError
from bot.sandbox.driver import SlackDriver, wsgi_transport
from bot.slack_compat import guard_after_ack, strict_parse_body


def test_strict_parser_keeps_form_fields_that_mention_payload():
    assert strict_parse_body("text=send+payload+now&command=%2Fx", None) == {"text": "send payload now", "command": "/x"}
    assert strict_parse_body('payload=%7B%22type%22%3A%22shortcut%22%7D', None) == {"type": "shortcut"}
    assert strict_parse_body('{"type": "event_callback"}', "application/json") == {"type": "event_callback"}


def boom_app(signing_secret: str, client) -> App:  # type: ignore[no-untyped-def]
    app = App(signing_secret=signing_secret, client=client, token_verification_enabled=False)

    @app.command("/boom")
    def handle_boom(ack, command):  # type: ignore[no-untyped-def]
        ack()
        raise UserError(f"exploded on {command['text']}") if command["text"] else RuntimeError("bug")

    app.error(handle_error)
    guard_after_ack(app, handle_error)
    return app


def test_an_error_right_after_ack_keeps_the_ack_and_tells_the_user(settings, fake_slack, slack):
    handler = SlackRequestHandler(boom_app(settings.slack_signing_secret, make_web_client(settings)))
    web = Flask("boom")
    web.post("/slack/events")(lambda: handler.handle(request))
    driver = SlackDriver(slack.signer, wsgi_transport(web))
    for _ in range(20):  # without the guard, some of these come back 404 after 3 s
        assert driver.command("/boom", "now", user_id="U0STAFF").status == 200
    messages = [c.params["text"] for c in fake_slack.wait_for("response_url", 20)]
    assert set(messages) == {"exploded on now"}
    assert driver.command("/boom", "", user_id="U0STAFF").status == 200
    assert fake_slack.wait_for("response_url", 21)[-1].params["text"] == str(GENERIC_FAILURE)
