"""The app factory: the one place the Bolt app is assembled."""

from __future__ import annotations

import logging
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.deps import Deps
from bot.errors import DATABASE_DOWN, GENERIC_FAILURE, UserError
from bot.flows import locales
from bot.i18n import N_, translator
from bot.listeners import register_all
from bot.middleware import inject_deps, keep_connections_alive, skip_repeated_events
from bot.settings import ConfigError, Settings
from bot.slack_compat import guard_after_ack, install_strict_body_parser
from bot.slack_http import KeepAliveWebClient
from storage.db import UNAVAILABLE, make_engine, make_session_factory
from storage.models.slack import BOTS_TABLE, INSTALLATIONS_TABLE, OAUTH_STATES_TABLE

log = logging.getLogger(__name__)

LISTENER_THREADS = 32
OAUTH_STATE_SECONDS = 600
# The bot scopes the app asks for at install; manifest.yml declares the same (a test checks).
BOT_SCOPES = ("commands", "chat:write", "chat:write.public", "im:write", "users:read", "channels:read",
              "groups:read", "files:write")


def make_web_client(settings: Settings, token: str | None = None) -> WebClient:
    """A WebClient for the configured API URL, retrying rate limits (429 waits for Retry-After)
    and dropped connections a bounded number of times, over kept-alive connections."""
    return KeepAliveWebClient(
        token=token if token is not None else settings.slack_bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=2), RateLimitErrorRetryHandler(max_retry_count=2)],
    )


def installation_store(settings: Settings, engine: Engine) -> SQLAlchemyInstallationStore:
    return SQLAlchemyInstallationStore(settings.slack_client_id or "", engine, bots_table_name=BOTS_TABLE,
                                       installations_table_name=INSTALLATIONS_TABLE)


def _oauth_settings(settings: Settings, engine: Engine) -> OAuthSettings:
    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        installation_store=installation_store(settings, engine),
        state_store=SQLAlchemyOAuthStateStore(OAUTH_STATE_SECONDS, engine, table_name=OAUTH_STATES_TABLE),
    )


def check_credentials(settings: Settings, socket_mode: bool) -> None:
    if bool(settings.slack_client_id) != bool(settings.slack_client_secret):
        missing = "SLACK_CLIENT_SECRET" if settings.slack_client_id else "SLACK_CLIENT_ID"
        raise ConfigError(f"{missing} is not set: multi-workspace mode needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    if not settings.oauth_enabled:
        settings.require("slack_bot_token")
    if not socket_mode:
        settings.require("slack_signing_secret")


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

    With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET the app serves Slack's OAuth install flow
    and keeps one bot token per workspace in the database; otherwise it uses SLACK_BOT_TOKEN.
    Over HTTP every request's signature is checked; Socket Mode needs no signing secret.
    """
    install_strict_body_parser()
    check_credentials(settings, socket_mode)
    engine = engine or make_engine(settings.database_url)
    oauth = _oauth_settings(settings, engine) if settings.oauth_enabled else None
    deps = Deps(settings=settings, engine=engine, session_factory=session_factory or make_session_factory(engine),
                installations=oauth.installation_store if oauth else None)
    app = App(
        signing_secret=settings.slack_signing_secret,
        client=client or make_web_client(settings),
        oauth_settings=oauth,
        token_verification_enabled=False,
        request_verification_enabled=not socket_mode,
        # Listeners run here after the request thread acks; Bolt's default pool has only 5 threads.
        listener_executor=listener_executor or ThreadPoolExecutor(max_workers=LISTENER_THREADS),
        raise_error_for_unhandled_request=False,
    )
    app.use(keep_connections_alive)
    app.use(inject_deps(deps))
    app.use(skip_repeated_events(deps))
    app.error(handle_error)
    register_all(app)
    guard_after_ack(app, handle_error)
    return app


def handle_error(error: Exception, body: dict, respond: Any, logger: logging.Logger, context: dict,
                 client: WebClient) -> None:
    """Domain errors become their message to the user (in their language); anything else a generic apology."""
    if isinstance(error, UserError):
        message = error.message
    elif isinstance(error, UNAVAILABLE):
        logger.error("database unavailable: %s", type(error).__name__)
        message = DATABASE_DOWN
    else:
        logger.exception("listener failed", exc_info=error)
        message = GENERIC_FAILURE
    if body.get("response_url") or body.get("response_urls"):
        respond(text=_user_translator(body, context, client).text(message), response_type="ephemeral",
                replace_original=False)


def _user_translator(body: dict, context: dict, client: WebClient):  # type: ignore[no-untyped-def]
    deps, user_id = context.get("deps"), body.get("user_id") or (body.get("user") or {}).get("id")
    if deps is None:
        return translator(None)
    if not user_id:
        return locales.for_team(deps)
    return locales.for_user(deps, client, user_id)
