"""Plays Slack's side: sends signed requests to the app and returns its HTTP answers."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.sandbox.signer import SignedRequest, SlackSigner

EVENTS_PATH = "/slack/events"


@dataclass(frozen=True)
class Answer:
    status: int
    text: str

    def json(self) -> Any:
        return json.loads(self.text) if self.text else None


Transport = Callable[[str, SignedRequest], Answer]


def http_transport(base_url: str, *, timeout: float = 10.0) -> Transport:
    """POST over real HTTP to a running server, e.g. http://127.0.0.1:3000."""

    def send(path: str, request: SignedRequest) -> Answer:
        req = urllib.request.Request(base_url.rstrip("/") + path, data=request.body.encode(),
                                     headers=request.headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310 - loopback only
                return Answer(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode())

    return send


def wsgi_transport(flask_app: Any) -> Transport:
    """POST through a Flask app's WSGI stack in-process (Flask's test client)."""
    test_client = flask_app.test_client()

    def send(path: str, request: SignedRequest) -> Answer:
        response = test_client.post(path, data=request.body, headers=request.headers)
        return Answer(response.status_code, response.get_data(as_text=True))

    return send


class SlackDriver:
    """`driver.command("/redflag", "Acme …", user_id="U1")` → the app's HTTP answer."""

    def __init__(self, signer: SlackSigner, transport: Transport) -> None:
        self.signer = signer
        self.transport = transport

    def send(self, request: SignedRequest, path: str = EVENTS_PATH) -> Answer:
        return self.transport(path, request)

    def command(self, command: str, text: str = "", **kwargs: Any) -> Answer:
        return self.send(self.signer.command(command, text, **kwargs))

    def submit(self, view: dict[str, Any], values: dict[str, Any], **kwargs: Any) -> Answer:
        return self.send(self.signer.view_submission(view, values, **kwargs))

    def suggest(self, action_id: str, value: str, **kwargs: Any) -> Answer:
        return self.send(self.signer.block_suggestion(action_id, value, **kwargs))

    def click(self, action_id: str, value: str = "", **kwargs: Any) -> Answer:
        return self.send(self.signer.block_action(action_id, value, **kwargs))

    def shortcut(self, callback_id: str, **kwargs: Any) -> Answer:
        return self.send(self.signer.shortcut(callback_id, **kwargs))

    def event(self, event: dict[str, Any], **kwargs: Any) -> Answer:
        return self.send(self.signer.event(event, **kwargs))
