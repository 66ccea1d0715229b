"""`redflag demo`'s poll step runs with the seeded staff and prints the owners' results."""

from __future__ import annotations

import io

from bot.sandbox.demo import demo_world, seed_directory
from bot.sandbox.demo_polls import run_poll


def test_the_demo_runs_a_poll_with_the_seeded_staff_and_prints_its_results(tmp_path):
    out = io.StringIO()
    with demo_world(tmp_path / "demo", out) as world:
        seed_directory(world)
        run_poll(world)
    text = out.getvalue()
    assert "ballot sent by DM to 6 people" in text
    assert text.count("saves → HTTP 200") == 5 and "inline error: " in text
    assert "DMs only who has not voted: Élodie Martin\n" in text
    results = text.split("posted once to the owners' channel:")[1]
    assert "Voted: 5 of 6 eligible (83%)" in results
    assert "1. Acme Logistics S.r.l. · 21 points · named on 5 of 5 ballots (100%)" in results
    assert "Since 20" in results and "Dropped out: Studio Legale Conti" in results
    assert "closed at the end of" in text.split("clicks the button afterwards:")[1]
    for user_id, _ in world.names.items():
        assert user_id not in results
