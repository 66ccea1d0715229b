"""Borda ranking: points, ties at every level, shared ranks, short ballots, the threshold, movement."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.ranking import (
    BORDA_POINTS,
    PollStanding,
    Ranking,
    ballots_needed,
    distinct_picks,
    movement,
    rank_ballots,
    standings,
    visible_reasons,
)

A, B, C, D, E = 1, 2, 3, 4, 5
_filler = itertools.count(1000)


def placed(client: int, rank: int) -> list[int]:
    """A ballot with `client` at `rank` and fresh filler clients above it."""
    return [next(_filler) for _ in range(rank - 1)] + [client]


def by_id(ranking: Ranking) -> dict[int, tuple[int, int, int]]:
    return {s.client_id: (s.rank, s.points, s.ballots) for s in ranking.scores}


def test_borda_points_five_down_to_one():
    ranking = rank_ballots([[A, B, C, D, E]])
    assert [(s.client_id, s.rank, s.points) for s in ranking.scores] == [(A, 1, 5), (B, 2, 4), (C, 3, 3), (D, 4, 2), (E, 5, 1)]
    assert ranking.total_ballots == 1


def test_points_add_up_over_ballots_and_unnamed_clients_get_nothing():
    ranking = rank_ballots([[A, B], [B, A, C], [B]])
    assert by_id(ranking) == {B: (1, 14, 3), A: (2, 9, 2), C: (3, 3, 1)}
    assert D not in by_id(ranking)


def test_ballots_with_fewer_than_five_picks_count_in_the_total():
    ranking = rank_ballots([[A], [A, B], [C, B, A]])
    assert ranking.total_ballots == 3
    assert by_id(ranking)[A] == (1, 5 + 5 + 3, 3)
    assert next(s for s in ranking.scores if s.client_id == A).places == (2, 0, 1, 0, 0)


def test_an_empty_poll_ranks_nothing():
    ranking = rank_ballots([])
    assert ranking.total_ballots == 0 and ranking.scores == ()


def test_equal_points_broken_by_ballots_naming_the_client():
    # A: 5 points from one ballot; B: 5 points from three ballots (4th, 4th, 5th).
    ranking = rank_ballots([placed(A, 1), placed(B, 4), placed(B, 4), placed(B, 5)])
    ranks = ranking.ranks()
    assert by_id(ranking)[A][1] == by_id(ranking)[B][1] == 5
    assert ranks[B] < ranks[A]


def test_equal_points_and_ballots_broken_by_first_places():
    # A: 1st + 5th = 6; B: 2nd + 4th = 6; both on two ballots.
    ranking = rank_ballots([placed(A, 1), placed(A, 5), placed(B, 2), placed(B, 4)])
    assert ranking.ranks()[A] < ranking.ranks()[B]


def test_then_by_second_places():
    # A: 2nd + 4th = 6; B: 3rd + 3rd = 6; no first places either way.
    ranking = rank_ballots([placed(B, 3), placed(B, 3), placed(A, 2), placed(A, 4)])
    assert ranking.ranks()[A] < ranking.ranks()[B]


def test_then_by_third_places():
    # A: 3rd + 5th + 5th = 5; B: 4th + 4th + 5th = 5; three ballots each, no 1st or 2nd.
    # (With points, ballots and 1st–3rd places equal, 4th and 5th places are equal too.)
    ranking = rank_ballots([placed(B, 4), placed(B, 4), placed(B, 5), placed(A, 3), placed(A, 5), placed(A, 5)])
    assert ranking.ranks()[A] < ranking.ranks()[B]


def test_clients_tied_on_everything_share_the_rank_and_the_next_rank_is_skipped():
    ranking = rank_ballots([[A, C], [B, C], [D]])
    # A, B and D: 5 points, one ballot, one first place each. C: 8 points.
    assert by_id(ranking) == {C: (1, 8, 2), A: (2, 5, 1), B: (2, 5, 1), D: (2, 5, 1)}
    assert [s.client_id for s in ranking.scores] == [C, A, B, D]  # tied clients in a stable order


def test_a_tie_below_the_top_does_not_change_ranks_above_or_below():
    ranking = rank_ballots([[A, B, C], [A, C, B], [A, D]])
    assert by_id(ranking)[A][0] == 1
    assert by_id(ranking)[B][0] == by_id(ranking)[C][0] == 2
    assert by_id(ranking)[D][0] == 4


def test_a_client_named_twice_on_one_ballot_after_a_merge_counts_once_at_the_higher_rank():
    assert distinct_picks([A, B, A, C]) == [A, B, C]
    ranking = rank_ballots([[A, B, A]])
    assert by_id(ranking) == {A: (1, 5, 1), B: (2, 4, 1)}


@pytest.mark.parametrize(("ballots", "threshold", "needed"), [
    (0, 3, 3), (2, 3, 1), (3, 3, 0), (9, 3, 0), (4, 5, 1), (5, 5, 0),
    (2, 1, 1),  # a threshold below 3 is never honoured
])
def test_ballots_needed_before_a_ranking_may_be_shown(ballots, threshold, needed):
    assert ballots_needed(ballots, threshold) == needed


def test_why_texts_only_for_clients_named_on_at_least_the_threshold_and_shuffled():
    ranking = rank_ballots([[A, B], [A, B], [A], [C]])
    reasons = {A: ["rude", "  ", "late", "loud"], B: ["pays late", "shouts"], C: ["x"]}
    shown = visible_reasons(reasons, ranking, 3, shuffle=list.reverse)
    assert shown == {A: ["loud", "late", "rude"]}  # blank dropped, order changed by the shuffle
    # A threshold below 3 is never honoured: B, named on two ballots, stays hidden.
    assert visible_reasons(reasons, ranking, 2, shuffle=list.reverse).keys() == {A}
    assert visible_reasons(reasons, ranking, 1, shuffle=list.reverse).keys() == {A}
    more = rank_ballots([[A, B], [A, B], [B], [C]])
    assert visible_reasons(reasons, more, 3, shuffle=list.reverse).keys() == {B}
    assert visible_reasons(reasons, ranking, 4, shuffle=list.reverse) == {}


def test_movement_against_the_previous_poll():
    previous = rank_ballots([[A, B, C, D]])  # A1 B2 C3 D4
    current = rank_ballots([[C, A, B, E]])  # C1 A2 B3 E4
    moved = movement(current, previous)
    assert moved.new == (E,)
    assert moved.up == ((C, 3, 1),)
    assert set(moved.down) == {(A, 1, 2), (B, 2, 3)}
    assert moved.unchanged == ()
    assert moved.dropped == ((D, 4),)


def test_standings_for_the_digest():
    ranking = rank_ballots([[A, B], [A], [B, A]])
    result = standings(ranking, "2026-Q4")
    assert result[A] == PollStanding(period="2026-Q4", rank=1, points=14, ballots_naming=3, total_ballots=3, first_places=2)
    assert result[B].rank == 2 and result[B].first_places == 1


@given(st.lists(st.lists(st.integers(1, 8), min_size=1, max_size=5, unique=True), max_size=30))
def test_ranking_invariants(ballots):
    ranking = rank_ballots(ballots)
    assert sum(s.points for s in ranking.scores) == sum(sum(BORDA_POINTS[: len(b)]) for b in ballots)
    ranks = [s.rank for s in ranking.scores]
    assert ranks == sorted(ranks)
    for index, (before, after) in enumerate(zip(ranking.scores, ranking.scores[1:]), 1):
        same = (before.points, before.ballots, before.places) == (after.points, after.ballots, after.places)
        assert (after.rank == before.rank) if same else (after.rank == index + 1)
        assert (before.points, before.ballots, before.places) >= (after.points, after.ballots, after.places)
