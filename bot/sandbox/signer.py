"""Builds Slack-shaped, correctly signed HTTP requests, as Slack sends them to /slack/events."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from bot.sandbox.fake_slack import TEAM_ID


@dataclass(frozen=True)
class SignedRequest:
    body: str
    headers: dict[str, str]


class SlackSigner:
    """Makes the bodies and headers of commands, interactivity payloads and events."""

    def __init__(self, signing_secret: str, *, team_id: str = TEAM_ID,
                 response_url: str = "https://hooks.slack.test/commands/1") -> None:
        self.verifier = SignatureVerifier(signing_secret)
        self.team_id = team_id
        self.response_url = response_url
        self._triggers = 0

    def sign(self, body: str, content_type: str, *, timestamp: int | None = None) -> SignedRequest:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        return SignedRequest(body, {
            "content-type": content_type,
            "x-slack-request-timestamp": ts,
            "x-slack-signature": self.verifier.generate_signature(timestamp=ts, body=body),
        })

    def trigger_id(self) -> str:
        self._triggers += 1
        return f"{self._triggers}.{int(time.time())}.trigger"

    def command(self, command: str, text: str = "", *, user_id: str, channel_id: str = "C0GENERAL",
                **signing: Any) -> SignedRequest:
        fields = {
            "token": "legacy", "team_id": self.team_id, "team_domain": "demo", "channel_id": channel_id,
            "channel_name": "general", "user_id": user_id, "user_name": user_id.lower(), "command": command,
            "text": text, "response_url": self.response_url, "trigger_id": self.trigger_id(),
            "api_app_id": "A0REDFLAG", "is_enterprise_install": "false",
        }
        return self.sign(urlencode(fields), "application/x-www-form-urlencoded", **signing)

    def interaction(self, payload: dict[str, Any], **signing: Any) -> SignedRequest:
        payload = {"team": {"id": self.team_id, "domain": "demo"}, "api_app_id": "A0REDFLAG", "token": "legacy", **payload}
        return self.sign(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded", **signing)

    def view_submission(self, view: dict[str, Any], values: dict[str, Any], *, user_id: str,
                        view_id: str = "V0000001", **signing: Any) -> SignedRequest:
        submitted = {**view, "id": view_id, "team_id": self.team_id, "state": {"values": values}}
        return self.interaction({"type": "view_submission", "user": _user(user_id, self.team_id),
                                 "trigger_id": self.trigger_id(), "view": submitted, "response_urls": []}, **signing)

    def block_suggestion(self, action_id: str, value: str, *, user_id: str, block_id: str = "",
                         **signing: Any) -> SignedRequest:
        return self.interaction({"type": "block_suggestion", "user": _user(user_id, self.team_id),
                                 "action_id": action_id, "block_id": block_id, "value": value,
                                 "container": {"type": "view", "view_id": "V0000001"}}, **signing)

    def block_action(self, action_id: str, value: str = "", *, user_id: str, block_id: str = "b",
                     container: dict[str, Any] | None = None, view: dict[str, Any] | None = None,
                     **signing: Any) -> SignedRequest:
        payload: dict[str, Any] = {
            "type": "block_actions", "user": _user(user_id, self.team_id), "trigger_id": self.trigger_id(),
            "container": container or {"type": "message", "message_ts": "1.1", "channel_id": "C0GENERAL"},
            "channel": {"id": "C0GENERAL", "name": "general"},
            "response_url": self.response_url,
            "actions": [{"action_id": action_id, "block_id": block_id, "value": value, "type": "button",
                         "action_ts": f"{int(time.time())}.000001"}],
        }
        if view is not None:
            payload["view"] = view
        return self.interaction(payload, **signing)

    def shortcut(self, callback_id: str, *, user_id: str, message: dict[str, Any] | None = None,
                 channel_id: str = "C0GENERAL", **signing: Any) -> SignedRequest:
        payload: dict[str, Any] = {"type": "shortcut", "callback_id": callback_id, "user": _user(user_id, self.team_id),
                                   "trigger_id": self.trigger_id(), "action_ts": f"{int(time.time())}.000001"}
        if message is not None:
            payload.update(type="message_action", message=message, message_ts=message.get("ts", "1.1"),
                           channel={"id": channel_id, "name": "general"},
                           response_url=self.response_url)
        return self.interaction(payload, **signing)

    def event(self, event: dict[str, Any], *, event_id: str = "Ev0001", **signing: Any) -> SignedRequest:
        envelope = {"token": "legacy", "team_id": self.team_id, "api_app_id": "A0REDFLAG", "event": event,
                    "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
                    "authorizations": [{"team_id": self.team_id, "user_id": "U0REDFLAG", "is_bot": True}]}
        return self.sign(json.dumps(envelope), "application/json", **signing)


def _user(user_id: str, team_id: str) -> dict[str, str]:
    return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id}
