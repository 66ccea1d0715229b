"""Global Bolt middleware (runs before listeners): kept-alive Web API client, dependencies, event de-duplication."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import BoltResponse

from bot.deps import Deps
from bot.slack_http import KeepAliveWebClient
from storage.events import claim_event


def keep_connections_alive(context: dict, next: Callable[[], BoltResponse]) -> BoltResponse:  # noqa: A002
    """Bolt gives each request a plain WebClient; listeners get the same one keeping its connection to
    Slack open between calls (bot/slack_http.py), which spares a connection (and TLS handshake) per call."""
    context["client"] = KeepAliveWebClient.like(context["client"])
    return next()


def inject_deps(deps: Deps) -> Callable[..., BoltResponse]:
    """`context["deps"]`: the deps of the workspace the request comes from (its own owners, channels,
    time zone; see bot/workspace_settings.py), or the global ones when Slack names no workspace."""

    def middleware(context: dict, next: Callable[[], BoltResponse]) -> BoltResponse:  # noqa: A002 - Bolt's name
        team_id = context.get("team_id")
        context["deps"] = deps.for_team(team_id) if team_id else deps
        return next()

    return middleware


def skip_repeated_events(deps: Deps) -> Callable[..., BoltResponse]:
    """Slack re-sends an event it thinks we missed (X-Slack-Retry-Num); handle each event_id once."""

    def middleware(body: dict, context: dict, next: Callable[[], BoltResponse]) -> BoltResponse:  # noqa: A002
        event_id = body.get("event_id")
        if body.get("type") != "event_callback" or not event_id:
            return next()
        with deps.session_factory.begin() as session:
            first = claim_event(session, team_id=context.get("team_id") or "", event_id=str(event_id))
        return next() if first else BoltResponse(status=200, body="")

    return middleware
