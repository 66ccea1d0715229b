"""The gunicorn target: `gunicorn 'bot.wsgi:create()'` (a factory, so nothing is built at import)."""

from __future__ import annotations

from flask import Flask

from bot.settings import load_settings
from bot.web import create_web_app


def create() -> Flask:
    return create_web_app(load_settings())
