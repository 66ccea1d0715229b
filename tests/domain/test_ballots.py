"""Ballot validation (duplicates, gaps, stray whys) and the voter key."""

from __future__ import annotations

import pytest

from bot.domain.ballots import PickInput, ballot_entries, validate_ballot, voter_key
from bot.i18n import Msg

EMPTY = PickInput(None)


def ballot(*picks: PickInput) -> list[PickInput]:
    return [*picks, *[EMPTY] * (5 - len(picks))]


def pick(client_id: int, label: str = "", why: str = "") -> PickInput:
    return PickInput(client_id, label or f"Client {client_id}", why)


@pytest.mark.parametrize(("picks", "problems"), [
    (ballot(pick(1)), {}),
    (ballot(pick(1), pick(2), pick(3), pick(4), pick(5)), {}),
    (ballot(), {"rank.1": "Name at least one client."}),
    (ballot(EMPTY, pick(2)), {"rank.1": "Fill rank 1 before rank 2: leave no gaps, move your picks up."}),
    (ballot(pick(1), EMPTY, EMPTY, pick(4)), {
        "rank.2": "Fill rank 2 before rank 4: leave no gaps, move your picks up.",
        "rank.3": "Fill rank 3 before rank 4: leave no gaps, move your picks up."}),
    (ballot(pick(1, "Acme"), pick(2), pick(1, "Acme")), {"rank.3": "Acme is already your rank 1. Name each client once."}),
    (ballot(pick(1), PickInput(None, why="they shout")), {"why.2": "Pick a client for rank 2, or leave this empty."}),
    (ballot(pick(1), PickInput(None, label="➕ Add", unreadable=True)),
     {"rank.2": "That choice is not a client from the directory. Pick one from the list."}),
    (ballot(pick(1, why="x" * 301)), {"why.1": "Keep it under 300 characters (301 now)."}),
    (ballot(pick(1, why="   ")), {}),
])
def test_validate_ballot(picks, problems):
    found = validate_ballot(picks)
    assert all(isinstance(message, Msg) for message in found.values())  # translated by whoever shows them
    assert {key: str(message) for key, message in found.items()} == problems


def test_a_pick_without_a_label_is_named_that_client():
    found = validate_ballot(ballot(PickInput(1), PickInput(1)))
    assert str(found["rank.2"]) == "That client is already your rank 1. Name each client once."


def test_entries_keep_rank_order_and_drop_blank_whys():
    picks = ballot(pick(7, why=" shouts "), pick(3), pick(9, why=""))
    assert ballot_entries(picks) == [(7, "shouts"), (3, None), (9, None)]


def test_voter_key_is_stable_per_poll_and_names_nobody_without_the_secret():
    key = voter_key("s" * 32, team_id="T1", poll_id=1, user_id="U0MARCO")
    assert key == voter_key("s" * 32, team_id="T1", poll_id=1, user_id="U0MARCO")
    assert len(key) == 64 and "U0MARCO" not in key
    others = {
        voter_key("s" * 32, team_id="T1", poll_id=2, user_id="U0MARCO"),
        voter_key("s" * 32, team_id="T2", poll_id=1, user_id="U0MARCO"),
        voter_key("s" * 32, team_id="T1", poll_id=1, user_id="U0SANNE"),
        voter_key("t" * 32, team_id="T1", poll_id=1, user_id="U0MARCO"),
    }
    assert key not in others and len(others) == 4
