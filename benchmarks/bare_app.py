"""The baseline of the acknowledgement benchmark: a Bolt app that only acks /redflag.

Served by the same gunicorn command and Flask adapter as the product (`bot.wsgi:create()`),
with the same signature check and the same Web API URL (Bolt asks auth.test who it is once
per worker), so the difference is what the product does before its ack.
"""

from __future__ import annotations

import os

from flask import Flask, Response, request
from slack_bolt import Ack, App
from slack_bolt.adapter.flask import SlackRequestHandler
from slack_sdk import WebClient


def create() -> Flask:
    client = WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    bolt = App(signing_secret=os.environ["SLACK_SIGNING_SECRET"], client=client, token_verification_enabled=False)

    @bolt.command("/redflag")
    def handle_redflag(ack: Ack) -> None:
        ack()

    handler = SlackRequestHandler(bolt)
    web = Flask("bare")

    @web.post("/slack/events")
    def slack_events() -> Response:
        return handler.handle(request)

    @web.get("/healthz")
    def healthz() -> tuple[dict, int]:
        return {"status": "ok"}, 200

    return web
