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
from bot.i18n import N_
from bot.sandbox import demo_data as data
from bot.sandbox.fake_slack import TEAM_ID
from bot.sandbox.forms import fill
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
    (0, [("acme", N_("Shouts at us on Saturday nights for password resets")), ("girard", ""), ("gino", "")]),
    (1, [("girard", N_("Reinstalls the remote-access tool we removed")), ("acme", N_("Calls Daan 'their assistant'"))]),
    (2, [("acme", N_("Yelled at Sanne on a non-urgent call")), ("girard", N_("Shared the admin password by WhatsApp")),
         ("bianchi", "")]),
    (3, [("bianchi", N_("Disputes every invoice line")), ("acme", ""), ("gino", N_("Personal phone repairs, again"))]),
    (4, [("girard", ""), ("bianchi", N_("Third reminder unanswered")), ("acme", "")]),
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
    world.say(world.t.ngettext("On record: last year's poll ({year}), {n} ballot, closed.",
                               "On record: last year's poll ({year}), {n} ballots, closed.", len(LAST_YEAR),
                               year=str(year)))


def _pick(world: DemoWorld, typed: str, user_id: str) -> tuple[str, str]:
    options = world.slack.suggest(Action.POLL_CLIENT_PICK, typed, user_id=user_id, block_id=rank_block(1)).json()
    first = options["options"][0]
    return first["value"], first["text"]["text"]


def cast_ballots(world: DemoWorld, button_value: str, button_label: str) -> None:
    t = world.t
    for index, picks in BALLOTS:
        user_id, name = data.STAFF[index]
        before = len(world.fake.calls("views.open"))
        world.slack.click(Action.POLL_VOTE, button_value, user_id=user_id)
        view = world.fake.wait_for("views.open", before + 1)[-1].params["view"]
        answers: dict[str, object] = {}
        for rank, (typed, why) in enumerate(picks, 1):
            answers[rank_block(rank)] = _pick(world, typed, user_id)
            answers[why_block(rank)] = t.text(why)
        if index == 2:  # a slip first: the same client twice is answered inside the modal
            slip = dict(answers, **{rank_block(3): answers[rank_block(1)]})
            errors = world.slack.submit(view, fill(view, slip), user_id=user_id).json()["errors"]
            world.say(t.gettext("{name} names {client} twice → inline error: {error}", name=name,
                                client=answers[rank_block(1)][1], error=errors[rank_block(3)]))
        answer = world.slack.submit(view, fill(view, answers), user_id=user_id, view_id=f"VPOLL{index}")
        chosen = ", ".join(str(answers[rank_block(r)][1]) for r in range(1, len(picks) + 1))  # type: ignore[index]
        world.say(t.gettext("{name} clicks “{button}”, types in the pickers, saves → HTTP {status} ({title}). Picks "
                            "(only {first_name} sees them): {picks}", name=name, button=button_label,
                            status=str(answer.status), title=answer.json()["view"]["title"]["text"],
                            first_name=name.split()[0], picks=chosen))


def run_poll(world: DemoWorld) -> None:
    t = world.t
    world.section(t.gettext("The worst-clients poll (/worstclients): private, ranked, compared with last year"))
    deps = Deps(settings=world.settings, engine=world.sessions.kw["bind"], session_factory=world.sessions)
    client = make_web_client(world.settings)
    seed_last_year(world, deps.today().year - 1)
    owner, name = data.OWNER
    posted = len(world.fake.calls("chat.postMessage"))
    answer = world.slack.command(Command.WORSTCLIENTS, "start", user_id=owner)
    world.say(t.gettext("{name}: /worstclients start → “{answer}”", name=name, answer=answer.text))
    summary = world.fake.wait_for("response_url")[-1].params["text"]
    world.say("   " + t.gettext("then, just for her: {summary}", summary=world.text_of(
        [{"type": "section", "text": {"type": "mrkdwn", "text": summary}}])))
    calls = world.fake.wait_for("chat.postMessage", posted + 1 + len(data.STAFF))[posted:]
    announcement = next(c for c in calls if c.params["channel"] == data.STAFF_CHANNEL)
    world.say("\n" + t.ngettext("In the staff channel (and once by DM to each of the {n} staff member):",
                                "In the staff channel (and once by DM to each of the {n} staff):", len(data.STAFF))
              + "\n")
    world.say(world.text_of(announcement.params["blocks"], "   ") + "\n")
    button = next(e for b in announcement.params["blocks"] if b["type"] == "actions" for e in b["elements"])
    cast_ballots(world, button["value"], button["text"]["text"])

    with world.sessions() as session:
        poll = session.get(Poll, int(button["value"]))
        assert poll is not None
    remind_at = poll.closes_at - timedelta(days=world.settings.poll_reminder_days) + timedelta(hours=1)
    before = len(world.fake.calls("chat.postMessage"))
    send_reminders(deps, client, remind_at)
    reminded = [world.names[c.params["channel"]] for c in world.fake.calls("chat.postMessage")[before:]]
    world.say("\n" + t.ngettext("{n} day before closing, the reminder job DMs only who has not voted: {names}",
                                "{n} days before closing, the reminder job DMs only who has not voted: {names}",
                                world.settings.poll_reminder_days, names=", ".join(reminded)))
    close_due_polls(deps, client, poll.closes_at + timedelta(minutes=1))
    world.say("\n" + t.gettext("At the deadline the poll closes by itself; posted once to the owners' channel:") + "\n")
    results = [c for c in world.fake.calls("chat.postMessage") if c.params["channel"] == data.OWNERS_CHANNEL][-1]
    world.say(world.text_of(results.params["blocks"], "   ") + "\n")
    late_user, late_name = data.STAFF[5]
    before = len(world.fake.calls("views.open"))
    world.slack.click(Action.POLL_VOTE, button["value"], user_id=late_user)
    late = world.fake.wait_for("views.open", before + 1)[-1].params["view"]
    world.say(t.gettext("{name} clicks the button afterwards: {answer}", name=late_name,
                        answer=world.text_of(late["blocks"])))
