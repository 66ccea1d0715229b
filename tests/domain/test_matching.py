from __future__ import annotations

import pytest

from bot.domain.matching import candidate, exact_match, match_clients, normalize, split_leading_client

CLIENTS = [
    candidate(1, "Acme Inc.", ["ACME Corporation"]),
    candidate(2, "Bianchi S.r.l."),
    candidate(3, "Acorn Media B.V."),
    candidate(4, "Van Dijk & Zonen"),
    candidate(5, "Société Générale Services SA"),
]


@pytest.mark.parametrize(("raw", "normalized"), [
    ("ACME Inc.", "acme"), ("acme corp", "acme"), ("Acme", "acme"), ("Bianchi S.r.l.", "bianchi"),
    ("Acorn Media B.V.", "acorn media"), ("Société Générale SA", "societe generale"),
    ("Van Dijk & Zonen", "van dijk zonen"), ("Inc.", "inc"),
])
def test_normalize(raw, normalized):
    assert normalize(raw) == normalized


@pytest.mark.parametrize(("typed", "client_id"), [
    ("acme", 1), ("ACME inc", 1), ("acmee", 1), ("acme corporation", 1), ("bianchi srl", 2), ("bianchi", 2),
    ("biancki", 2), ("acorn", 3), ("van dijk", 4), ("vandijk", 4), ("societe generale", 5), ("Société", 5),
])
def test_the_best_match_is_the_expected_client(typed, client_id):
    assert match_clients(typed, CLIENTS)[0].client_id == client_id


@pytest.mark.parametrize("typed", ["zebra", "xyz", "printer broke"])
def test_unrelated_text_matches_nothing(typed):
    assert match_clients(typed, CLIENTS) == []


def test_exact_match_uses_aliases_and_suffixes():
    assert exact_match("Acme Corporation Ltd", CLIENTS).client_id == 1
    assert exact_match("acmee", CLIENTS) is None


@pytest.mark.parametrize(("text", "client_id", "rest"), [
    ("Acme yelled at Marco", 1, "yelled at Marco"),
    ("ACME Inc. yelled at Marco", 1, "yelled at Marco"),
    ("acme corporation never pays", 1, "never pays"),
    ("Van Dijk & Zonen cancelled again", 4, "cancelled again"),
    ("acmee yelled", 1, "yelled"),
    ("the printer broke", None, "the printer broke"),
    ("", None, ""),
])
def test_split_leading_client(text, client_id, rest):
    match, remainder = split_leading_client(text, CLIENTS)
    assert (match.client_id if match else None, remainder) == (client_id, rest)
