"""Helpers for poll tests: a staff channel in the fake Slack, settings for polls, and voting through
the real request path (/worstclients → views.open → type-ahead → view_submission)."""

from __future__ import annotations

from typing import Any

from bot.deps import Deps
from bot.sandbox.forms import fill
from bot.settings import Settings
from bot.views.ids import Action, Command
from bot.views.poll import rank_block, why_block
from storage.clients import add_client
from tests.conftest import OWNER

STAFF_CHANNEL = "C0STAFF"
POLL_SECRET = "test-poll-secret-0123456789abcdef"
VOTERS = ("U0ANNA", "U0BRAM", "U0CLAIRE", "U0DIRK", OWNER)
NOT_VOTERS = {"U0BOTTY": {"is_bot": True}, "U0GONE": {"deleted": True}, "U0GUEST": {"guest": True}}
CLIENT_NAMES = ("Acme Logistics", "Bianchi Costruzioni", "Maison Girard", "Hotel Bellavista", "Pizzeria Da Gino",
                "Van Dijk Transport")


def poll_settings(settings: Settings, **overrides: Any) -> Settings:
    return settings.model_copy(update={"staff_channel": STAFF_CHANNEL, "poll_secret": POLL_SECRET, **overrides})


def seat_staff(fake_slack) -> None:  # type: ignore[no-untyped-def]
    for user_id in VOTERS:
        fake_slack.add_user(user_id, user_id.removeprefix("U0").title())
    for user_id, flags in NOT_VOTERS.items():
        fake_slack.add_user(user_id, user_id, **flags)
    fake_slack.channel_members[STAFF_CHANNEL] = [*VOTERS, *NOT_VOTERS]


def add_clients(session_factory, team_id: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with session_factory.begin() as session:
        return {name: add_client(session, team_id=team_id, name=name).id for name in CLIENT_NAMES}


def make_deps(settings: Settings, engine, session_factory) -> Deps:  # type: ignore[no-untyped-def]
    return Deps(settings=settings, engine=engine, session_factory=session_factory)


def command(slack, fake_slack, text: str, *, user_id: str) -> Any:  # type: ignore[no-untyped-def]
    """Send /worstclients TEXT; returns the HTTP answer."""
    answer = slack.command(Command.WORSTCLIENTS, text, user_id=user_id)
    assert answer.status == 200
    return answer


def start(slack, fake_slack, text: str = "", *, user_id: str = OWNER) -> str:  # type: ignore[no-untyped-def]
    """Start a poll as an owner and wait for the summary; returns the summary text."""
    before = len(fake_slack.calls("response_url"))
    command(slack, fake_slack, f"start {text}".strip(), user_id=user_id)
    return fake_slack.wait_for("response_url", before + 1)[-1].params["text"]


def open_ballot(slack, fake_slack, *, user_id: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    before = len(fake_slack.calls("views.open"))
    command(slack, fake_slack, "", user_id=user_id)
    return fake_slack.wait_for("views.open", before + 1)[-1].params["view"]


def answers(picks: list[tuple[int, str] | None], whys: dict[int, str] | None = None) -> dict[str, Any]:
    """Form answers: picks[i] is rank i+1 as (client id, name) or None; whys by rank."""
    padded = [*picks, *[None] * (5 - len(picks))]
    given: dict[str, Any] = {rank_block(r): (str(p[0]), p[1]) if p else None for r, p in enumerate(padded, 1)}
    given.update({why_block(r): (whys or {}).get(r, "") for r in range(1, 6)})
    return given


def vote(slack, fake_slack, *, user_id: str, picks: list[tuple[int, str] | None],  # type: ignore[no-untyped-def]
         whys: dict[int, str] | None = None, view_id: str = "V0BALLOT") -> Any:
    view = open_ballot(slack, fake_slack, user_id=user_id)
    return slack.submit(view, fill(view, answers(picks, whys)), user_id=user_id, view_id=view_id)


def suggest(slack, typed: str, *, user_id: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return slack.suggest(Action.POLL_CLIENT_PICK, typed, user_id=user_id, block_id=rank_block(1)).json()
