"""A fix for a slack-bolt 1.30 form-parsing bug, applied by the app factory.

Bolt's `parse_body` treats any form body containing the substring "payload"
as an interactivity payload and, finding no `payload=` field, returns `{}`,
so `/redflag Acme sent a payload of spam` was answered 404. This parser
only looks for a real `payload` field.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

import slack_bolt.request.request as bolt_request


def strict_parse_body(body: str, content_type: str | None) -> dict[str, Any]:
    if not body:
        return {}
    if content_type == "application/json" or body.startswith("{"):
        return json.loads(body)
    params = dict(parse_qsl(body, keep_blank_values=True))
    if "payload" in params:
        return json.loads(params["payload"])
    return params


def install_strict_body_parser() -> None:
    """Idempotent. `BoltRequest` looks `parse_body` up in its own module (we use no async Bolt)."""
    bolt_request.parse_body = strict_parse_body  # type: ignore[assignment]
