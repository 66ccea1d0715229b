"""What the weekly digest says, built from the database: watch list, new flags, Pareto, quiet weeks, limits."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.deps import Deps
from bot.errors import UserError
from bot.flows.digest import render_week
from bot.sandbox.fake_slack import TEAM_ID
from bot.sandbox.render import blocks_to_text
from storage.models import Report
from tests.flows.seeding import client, flag
from tests.views.block_limits import limit_problems

ROME = ZoneInfo("Europe/Rome")
SLOT = datetime(2026, 11, 23, 9, 0, tzinfo=ROME)  # the slot of ISO week 2026-W48
AFTER = SLOT.astimezone(timezone.utc) + timedelta(minutes=1)


@pytest.fixture
def deps(settings, engine, session_factory) -> Deps:  # type: ignore[no-untyped-def]
    return Deps(settings=settings, engine=engine, session_factory=session_factory)


@pytest.fixture
def seeded(session_factory) -> None:  # type: ignore[no-untyped-def]
    with session_factory.begin() as session:
        acme = client(session, TEAM_ID, "Acme Logistics", "4200")
        mulder = client(session, TEAM_ID, "<!channel> Mulder & Zn", "450")
        conti = client(session, TEAM_ID, "Studio Conti", "1000")
        flag(session, TEAM_ID, acme, "concern", at=SLOT - timedelta(days=30), reporter="U0SANNE")
        flag(session, TEAM_ID, acme, "dealbreaker", at=SLOT - timedelta(days=2), reporter="U0MARCO",
             text="Yelled at Marco at 21:00 on a Saturday. " + "Then again. " * 40)
        flag(session, TEAM_ID, mulder, "note", at=SLOT - timedelta(days=1), reporter=None, categories=("communication",),
             text="Fifteen mails <@U0GIULIA> in one morning")
        flag(session, TEAM_ID, conti, "concern", at=SLOT - timedelta(days=100))


def text_of(rendered) -> str:  # type: ignore[no-untyped-def]
    return blocks_to_text(rendered.blocks)


def test_the_week_s_digest(deps, seeded):
    rendered = render_week(deps, team_id=TEAM_ID, week="2026-W48", now=AFTER)
    text = text_of(rendered)
    assert text.splitlines()[0] == "Weekly digest · Nov 16 – Nov 23, 2026"
    assert "Red flags this week: 2 new red flags (1 dealbreaker)" in text
    assert "Overdue: nothing overdue" in text and "Poll: no poll open" in text
    # 10×½^(2/90) + 3×½^(30/90) = 12.23 points → 64; a week earlier 3×½^(23/90) = 2.51 points → 19
    assert "1. Acme Logistics · score 64 · ▲ 45 since last week" in text
    assert "• 1 dealbreaker in the last 7 days" in text and "• 1 concern in the last 30 days" in text
    assert "Mistreats the team only" in text
    assert "New red flags · 2 reports about 2 clients" in text
    acme_flags = text.index("Acme Logistics · 1 new (1 dealbreaker)")
    assert acme_flags < text.index("<!channel> Mulder & Zn · 1 new")  # dealbreakers first; read as typed
    assert "“Yelled at Marco at 21:00 on a Saturday. Then again." in text and "…”" in text  # a short excerpt
    assert "Pareto: 1 client brings 74% of MRR and 50% of red flags." in text
    assert rendered.chart is not None and rendered.chart.startswith(b"\x89PNG")
    raw = json.dumps(rendered.blocks)
    assert "<!channel>" not in raw and "&lt;!channel&gt; Mulder &amp; Zn" in raw and "<@U0GIULIA>" not in raw
    assert "U0MARCO" not in raw and "U0SANNE" not in raw  # reporters only with DIGEST_SHOW_REPORTERS
    assert limit_problems(rendered.blocks) == []


def test_reporters_of_named_reports_appear_when_the_setting_allows(deps, seeded):
    shown = Deps(settings=deps.settings.model_copy(update={"digest_show_reporters": True}), engine=deps.engine,
                 session_factory=deps.session_factory)
    raw = json.dumps(render_week(shown, team_id=TEAM_ID, week="2026-W48", now=AFTER).blocks)
    assert "by <@U0MARCO>" in raw and "anonymous" not in raw.lower().replace("anonymous ones", "")


def test_a_quiet_week_gets_a_short_all_quiet_digest(deps, seeded):
    rendered = render_week(deps, team_id=TEAM_ID, week="2026-W50", now=AFTER + timedelta(days=14))
    text = text_of(rendered)
    assert "All quiet: no new red flags and no payment alerts this week." in text
    assert "Still on the watch list: Acme Logistics (" in text
    assert len(rendered.blocks) <= 5 and "New red flags" not in text


def test_a_preview_before_the_slot_says_so_far_and_a_future_week_is_refused(deps, seeded):
    rendered = render_week(deps, team_id=TEAM_ID, week="2026-W49", now=AFTER + timedelta(days=3))
    assert "(so far)" in text_of(rendered).splitlines()[0]
    with pytest.raises(UserError, match="has not started yet"):
        render_week(deps, team_id=TEAM_ID, week="2026-W51", now=AFTER)


def test_a_huge_week_stays_within_block_kit_limits_and_says_and_n_more(deps, session_factory):
    rng = random.Random(48)
    with session_factory.begin() as session:
        clients = [client(session, TEAM_ID, f"Client {i:03d} " + "Lungo Nome S.r.l. " * 3, str(100 + i * 7))
                   for i in range(150)]
        session.add_all(Report(team_id=TEAM_ID, client_id=rng.choice(clients).id,
                               severity=rng.choice(["note", "concern", "dealbreaker"]), categories=["abusive", "other"],
                               description="<!here> " + "very long story " * 200, anonymous=False,
                               occurred_on=(SLOT - timedelta(days=rng.randint(0, 6))).date(), reporter_user_id="U0X",
                               created_at=SLOT - timedelta(hours=rng.randint(1, 160)))
                        for _ in range(1500))
    rendered = render_week(deps, team_id=TEAM_ID, week="2026-W48", now=AFTER)
    assert limit_problems(rendered.blocks) == []
    text = text_of(rendered)
    assert "more on the watch list: see App Home" in text
    assert "more clients with" in text and "see App Home or `/client NAME`" in text
    assert "1,500 new red flags" in text
    assert "<!here>" not in json.dumps(rendered.blocks)
