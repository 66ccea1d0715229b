"""Slack listeners, one package per surface (as in Slack's Bolt starter template).

Each handler acks, parses, calls a flow and renders; `register_all` wires them.
"""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, events, options, shortcuts, views


def register_all(app: App) -> None:
    for surface in (commands, shortcuts, views, options, actions, events):
        surface.register(app)
