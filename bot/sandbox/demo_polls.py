"""The demo's worst-clients poll: last year's poll on record, this year's started by the owner,
ballots cast by the seeded staff through the real request path, the reminder and the deadline
run by the poll jobs at the right moments, and the owners' results printed."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from bot.app import make_web_client
from bot.deps import Deps
from bot.flows.polls import close_due_polls, send_reminders
from bot.sandbox import demo_data as data
from bot.sandbox.fake_slack import TEAM_ID
from bot.sandbox.forms import fill
from bot.sandbox.render import blocks_to_text
from bot.views.ids import Action, Command
from bot.views.poll import rank_block, why_block
from storage import clients as client_store
from storage import polls as poll_store
from storage.models import Poll

if TYPE_CHECKING:
    from bot.sandbox.demo import DemoWorld

# Last year's ballots (client names, worst first), stored as they would be after closing.
LAST_YEAR = (
    ("Bianchi Costruzioni", "Acme Logistics", "Hotel Bellavista"),
    ("Bianchi Costruzioni", "Studio Legale Conti"),
    ("Acme Logistics", "Bianchi Costruzioni", "Bakkerij Mulder"),
    ("Studio Legale Conti", "Bianchi Costruzioni", "Acme Logistics"),
)
# This year: (staff index, [(what they type in the picker, why)]). Élodie (5) does not vote.
BALLOTS = (
    (0, [("acme", "Shouts at us on Saturday nights for password resets"), ("girard", ""), ("gino", "")]),
    (1, [("girard", "Reinstalls the remote-access tool we removed"), ("acme", "Calls Daan 'their assistant'")]),
    (2, [("acme", "Yelled at Sanne on a non-urgent call"), ("girard", "Shared the admin password by WhatsApp"),
         ("bianchi", "")]),
    (3, [("bianchi", "Disputes every invoice line"), ("acme", ""), ("gino", "Personal phone repairs, again")]),
    (4, [("girard", ""), ("bianchi", "Third reminder unanswered"), ("acme", "")]),
)


def seed_last_year(world: DemoWorld, year: int) -> None:
    with world.sessions.begin() as session:
        ids = {name: client_store.find_client(session, name, team_id=TEAM_ID).id  # type: ignore[union-attr]
               for ballot in LAST_YEAR for name in ballot}
        poll = poll_store.add_poll(session, team_id=TEAM_ID, period=str(year), cadence="yearly",
                                   opened_at=datetime(year, 12, 1, 8, 0, tzinfo=timezone.utc),
                                   closes_at=datetime(year, 12, 15, 23, 0, tzinfo=timezone.utc), threshold=3,
                                   opened_by=data.OWNER[0])
        for ballot in LAST_YEAR:
            poll_store.save_ballot(session, team_id=TEAM_ID, poll_id=poll.id, voter_key=secrets.token_hex(32),
                                   entries=[(ids[name], None) for name in ballot])
        poll_store.close_poll(session, poll, at=poll.closes_at)
        poll.results_posted_at = poll.closes_at
    world.say(f"On record: last year's poll ({year}), {len(LAST_YEAR)} ballots, closed.")


def _pick(world: DemoWorld, typed: str, user_id: str) -> tuple[str, str]:
    options = world.slack.suggest(Action.POLL_CLIENT_PICK, typed, user_id=user_id, block_id=rank_block(1)).json()
    first = options["options"][0]
    return first["value"], first["text"]["text"]


def cast_ballots(world: DemoWorld, button_value: str) -> None:
    for index, picks in BALLOTS:
        user_id, name = data.STAFF[index]
        before = len(world.fake.calls("views.open"))
        world.slack.click(Action.POLL_VOTE, button_value, user_id=user_id)
        view = world.fake.wait_for("views.open", before + 1)[-1].params["view"]
        answers: dict[str, object] = {}
        for rank, (typed, why) in enumerate(picks, 1):
            answers[rank_block(rank)] = _pick(world, typed, user_id)
            answers[why_block(rank)] = why
        if index == 2:  # a slip first: the same client twice is answered inside the modal
            slip = dict(answers, **{rank_block(3): answers[rank_block(1)]})
            errors = world.slack.submit(view, fill(view, slip), user_id=user_id).json()["errors"]
            world.say(f"{name} names {answers[rank_block(1)][1]} twice → inline error: {errors[rank_block(3)]}")
        answer = world.slack.submit(view, fill(view, answers), user_id=user_id, view_id=f"VPOLL{index}")
        chosen = ", ".join(str(answers[rank_block(r)][1]) for r in range(1, len(picks) + 1))  # type: ignore[index]
        world.say(f"{name} clicks “Fill in the ballot”, types in the pickers, saves → HTTP {answer.status} "
                  f"({answer.json()['view']['title']['text']}). Picks (only {name.split()[0]} sees them): {chosen}")


def run_poll(world: DemoWorld) -> None:
    world.section("The worst-clients poll (/worstclients): private, ranked, compared with last year")
    deps = Deps(settings=world.settings, engine=world.sessions.kw["bind"], session_factory=world.sessions)
    client = make_web_client(world.settings)
    seed_last_year(world, deps.today().year - 1)
    owner, name = data.OWNER
    posted = len(world.fake.calls("chat.postMessage"))
    answer = world.slack.command(Command.WORSTCLIENTS, "start", user_id=owner)
    world.say(f"{name}: /worstclients start → “{answer.text}”")
    summary = world.fake.wait_for("response_url")[-1].params["text"]
    world.say("   then, just for her: " + blocks_to_text([{"type": "section", "text": {"type": "mrkdwn", "text": summary}}],
                                                    names=world.names))
    calls = world.fake.wait_for("chat.postMessage", posted + 1 + len(data.STAFF))[posted:]
    announcement = next(c for c in calls if c.params["channel"] == data.STAFF_CHANNEL)
    world.say("\nIn the staff channel (and once by DM to each of the 6 staff):\n")
    world.say("   " + blocks_to_text(announcement.params["blocks"], names=world.names).replace("\n", "\n   ") + "\n")
    button = next(e for b in announcement.params["blocks"] if b["type"] == "actions" for e in b["elements"])
    cast_ballots(world, button["value"])

    with world.sessions() as session:
        poll = session.get(Poll, int(button["value"]))
        assert poll is not None
    remind_at = poll.closes_at - timedelta(days=world.settings.poll_reminder_days) + timedelta(hours=1)
    before = len(world.fake.calls("chat.postMessage"))
    send_reminders(deps, client, remind_at)
    reminded = [world.names[c.params["channel"]] for c in world.fake.calls("chat.postMessage")[before:]]
    world.say(f"\n{world.settings.poll_reminder_days} days before closing, the reminder job DMs only who has not voted: "
              f"{', '.join(reminded)}")
    close_due_polls(deps, client, poll.closes_at + timedelta(minutes=1))
    world.say("\nAt the deadline the poll closes by itself; posted once to the owners' channel:\n")
    results = [c for c in world.fake.calls("chat.postMessage") if c.params["channel"] == data.OWNERS_CHANNEL][-1]
    world.say("   " + blocks_to_text(results.params["blocks"], names=world.names).replace("\n", "\n   ") + "\n")
    late_user, late_name = data.STAFF[5]
    before = len(world.fake.calls("views.open"))
    world.slack.click(Action.POLL_VOTE, button["value"], user_id=late_user)
    late = world.fake.wait_for("views.open", before + 1)[-1].params["view"]
    world.say(f"{late_name} clicks the button afterwards: {blocks_to_text(late['blocks'])}")
