"""The app factory: the one place the Bolt app is assembled."""

from __future__ import annotations

import logging
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.deps import Deps
from bot.errors import UserError
from bot.listeners import register_all
from bot.settings import Settings
from bot.slack_compat import install_strict_body_parser
from storage.db import make_engine, make_session_factory

log = logging.getLogger(__name__)

LISTENER_THREADS = 32
GENERIC_FAILURE = "Sorry, something went wrong on our side and nothing was changed. Please try again in a minute."


def make_web_client(settings: Settings) -> WebClient:
    """A WebClient for the configured API URL, retrying rate limits and dropped connections."""
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=2), RateLimitErrorRetryHandler(max_retry_count=2)],
    )


def create_app(
    settings: Settings,
    *,
    client: WebClient | None = None,
    engine: Engine | None = None,
    session_factory: sessionmaker[Session] | None = None,
    socket_mode: bool = False,
    listener_executor: Executor | None = None,
) -> App:
    """Assemble the Bolt app. Nothing here runs at import time.

    Over HTTP every request's signature is checked; Socket Mode needs no signing secret.
    """
    install_strict_body_parser()
    settings.require("slack_bot_token", *(() if socket_mode else ("slack_signing_secret",)))
    engine = engine or make_engine(settings.database_url)
    deps = Deps(settings=settings, engine=engine, session_factory=session_factory or make_session_factory(engine))
    app = App(
        signing_secret=settings.slack_signing_secret,
        client=client or make_web_client(settings),
        token_verification_enabled=False,
        request_verification_enabled=not socket_mode,
        # Listeners run here after the request thread acks; Bolt's default pool has only 5 threads.
        listener_executor=listener_executor or ThreadPoolExecutor(max_workers=LISTENER_THREADS),
        raise_error_for_unhandled_request=False,
    )

    @app.middleware
    def inject_deps(context: dict, next: Any) -> BoltResponse:  # noqa: A002 - Bolt injects by name
        context["deps"] = deps
        return next()

    app.error(handle_error)
    register_all(app)
    return app


def handle_error(error: Exception, body: dict, respond: Any, logger: logging.Logger) -> None:
    """Domain errors become their message to the user; anything else a generic apology."""
    if isinstance(error, UserError):
        message = str(error)
    else:
        logger.exception("listener failed", exc_info=error)
        message = GENERIC_FAILURE
    if body.get("response_url") or body.get("response_urls"):
        respond(text=message, response_type="ephemeral", replace_original=False)
