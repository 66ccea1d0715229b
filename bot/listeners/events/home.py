"""app_home_opened — publish the Home tab: owners' watch list, or a staff member's own reports."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.flows import home, locales


def handle_app_home_opened(event: dict, client: WebClient, context: dict) -> None:
    if event.get("tab", "home") != "home":
        return  # the Messages tab opened: nothing to publish
    deps = context["deps"]
    t = locales.for_user(deps, client, event["user"])  # their own Home tab: their own language
    view = home.home_view(deps, t, team_id=context["team_id"], user_id=event["user"])
    client.views_publish(user_id=event["user"], view=view)
