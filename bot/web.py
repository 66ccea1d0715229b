"""The HTTP surface: Slack's single request URL, a health check, and automation webhooks."""

from __future__ import annotations

import time
from concurrent.futures import Executor

from flask import Flask, Response, request
from slack_bolt.adapter.flask import SlackRequestHandler
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.request_log import log_slack_request
from bot.settings import Settings
from bot.webhooks import invoice_webhooks
from storage.db import make_engine, ping


def create_web_app(
    settings: Settings,
    *,
    client: WebClient | None = None,
    engine: Engine | None = None,
    listener_executor: Executor | None = None,
) -> Flask:
    """Flask app serving POST /slack/events (commands, interactivity, options, events), GET /healthz,
    and in multi-workspace mode Slack's install pages (GET /slack/install, /slack/oauth_redirect)."""
    engine = engine or make_engine(settings.database_url)
    bolt = create_app(settings, client=client, engine=engine, listener_executor=listener_executor)
    handler = SlackRequestHandler(bolt)
    web = Flask("redflag")
    web.extensions["bolt"] = bolt

    @web.route("/slack/events", methods=["POST"])
    @web.route("/slack/install", methods=["GET"])
    @web.route("/slack/oauth_redirect", methods=["GET"])
    def slack_events() -> Response:
        started = time.monotonic()
        response = handler.handle(request)
        if request.method == "POST":
            log_slack_request(request.get_data(as_text=True), request.content_type, response.status_code,
                              (time.monotonic() - started) * 1000, request.headers.get("x-slack-retry-num"))
        return response

    @web.get("/healthz")
    def healthz() -> tuple[dict, int]:
        if ping(engine):
            return {"status": "ok", "database": "ok"}, 200
        return {"status": "unavailable", "database": "not answering"}, 503

    web.register_blueprint(invoice_webhooks(settings, engine, bolt.client))
    return web
