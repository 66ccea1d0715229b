"""Fixes for two slack-bolt 1.30 bugs, applied by the app factory.

1. Bolt's `parse_body` treats any form body containing the substring "payload"
   as an interactivity payload and, finding no `payload=` field, returns `{}`,
   so `/redflag Acme sent a payload of spam` was answered 404. This parser
   only looks for a real `payload` field.
2. When a listener raises shortly after calling `ack()`, Bolt's thread runner
   sets the ack's response back to None (`ack.response = response` with
   `response = None` "because already acknowledged"), and if the request thread
   has not yet seen the ack it waits 3 s and answers 404. `guard_after_ack`
   wraps every listener so an error after ack goes straight to our error
   handler and the ack stands.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import App

import slack_bolt.request.request as bolt_request


def strict_parse_body(body: str, content_type: str | None) -> dict[str, Any]:
    """The request body as Bolt expects it. Unparseable JSON gives {}, so that the signature
    check (which comes later) answers 401 instead of the parser raising a 500."""
    if not body:
        return {}
    try:
        if content_type == "application/json" or body.startswith("{"):
            parsed = json.loads(body)
        else:
            params = dict(parse_qsl(body, keep_blank_values=True))
            parsed = json.loads(params["payload"]) if "payload" in params else params
    except (ValueError, RecursionError):
        return {}
    return parsed if isinstance(parsed, dict) else {}


def install_strict_body_parser() -> None:
    """Idempotent. `BoltRequest` looks `parse_body` up in its own module (we use no async Bolt)."""
    bolt_request.parse_body = strict_parse_body  # type: ignore[assignment]


ErrorHandler = Callable[..., None]  # called as handler(error=, body=, respond=, logger=, context=, client=)
_GUARD_ARGS = ("ack", "body", "respond", "logger", "context", "client")


def guard_after_ack(app: App, on_error: ErrorHandler) -> None:
    """Route exceptions raised after ack() to `on_error` instead of letting Bolt drop the ack.

    Exceptions before ack() still reach Bolt (and its error handler) as usual. Event listeners,
    which Bolt acknowledges itself before running them, are left alone.
    """
    for listener in app._listeners:  # noqa: SLF001 - Bolt keeps no public list
        if listener.auto_acknowledgement or getattr(listener.ack_function, "guarded", False):
            continue
        listener.ack_function = _guarded(listener.ack_function, list(listener.arg_names), on_error)
        listener.arg_names = list(dict.fromkeys([*listener.arg_names, *_GUARD_ARGS]))


def _guarded(function: Callable[..., Any], names: list[str], on_error: ErrorHandler) -> Callable[..., Any]:
    def guarded(**kwargs: Any) -> Any:
        try:
            return function(**{name: kwargs[name] for name in names if name in kwargs})
        except Exception as error:
            if kwargs["ack"].response is None:
                raise
            logger: logging.Logger = kwargs["logger"]
            on_error(error=error, body=kwargs["body"], respond=kwargs["respond"], logger=logger,
                     context=kwargs["context"], client=kwargs["client"])
            return None

    guarded.guarded = True  # type: ignore[attr-defined]
    guarded.__name__ = getattr(function, "__name__", "listener")
    return guarded
