"""`redflag serve` (HTTP, under gunicorn) and `redflag socket` (Socket Mode, for development)."""

from __future__ import annotations

import argparse
import os

from bot.settings import ConfigError, load_settings


def add_commands(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="serve the Slack app over HTTP (POST /slack/events, GET /healthz)")
    serve.add_argument("--port", type=int, help="default PORT (3000)")
    serve.add_argument("--workers", type=int, help="gunicorn worker processes (default WEB_CONCURRENCY, else 2)")
    serve.add_argument("--threads", type=int, help="threads per worker (default WEB_THREADS, else 8)")
    serve.set_defaults(run=run_serve)
    socket = sub.add_parser("socket", help="run the app over Socket Mode (needs SLACK_APP_TOKEN)")
    socket.set_defaults(run=run_socket)


def run_serve(args: argparse.Namespace) -> int:
    from gunicorn.app.base import BaseApplication

    settings = load_settings()
    settings.require("slack_signing_secret", *(() if settings.oauth_enabled else ("slack_bot_token",)))
    port = args.port or settings.port
    workers = args.workers or _whole_number("WEB_CONCURRENCY", 2)
    threads = args.threads or _whole_number("WEB_THREADS", 8)

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"0.0.0.0:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("timeout", 30)

        def load(self):  # type: ignore[no-untyped-def]
            from bot.wsgi import create

            return create()

    Server().run()
    return 0


def _whole_number(variable: str, default: int) -> int:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{variable} is invalid ({raw!r}): expected a whole number of 1 or more, e.g. {default}")
    return int(raw)


def run_socket(args: argparse.Namespace) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import create_app

    settings = load_settings()
    settings.require("slack_app_token", "slack_bot_token")
    SocketModeHandler(create_app(settings, socket_mode=True), settings.slack_app_token).start()
    return 0
