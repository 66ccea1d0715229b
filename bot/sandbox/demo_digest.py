"""The demo's last step: the owners' weekly digest, as the clock process sends it at the next slot,
the Pareto chart it uploads (written into the demo directory), and an owner's /client dossier.

It runs last so the digest sums up everything the earlier steps did: reports, poll, invoices.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from bot.app import make_web_client
from bot.flows.digest_delivery import status_word
from bot.deps import Deps
from bot.domain.schedule import slot_in_week, week_of
from bot.flows.digest import weekly_slot
from bot.jobs.digest import weekly_digest
from bot.sandbox import demo_data as data
from bot.views.ids import Command
from storage import digests as runs

if TYPE_CHECKING:
    from bot.sandbox.demo import DemoWorld


def next_slot(deps: Deps, now: datetime) -> tuple[str, datetime]:
    slot = weekly_slot(deps.settings)
    week = week_of(now, slot.tz)
    at = slot_in_week(slot, week)
    if at <= now:
        week = week_of(at + timedelta(days=7), slot.tz)
        at = slot_in_week(slot, week)
    return week, at


def show_digest(world: DemoWorld) -> None:
    deps = Deps(settings=world.settings, engine=world.sessions.kw["bind"], session_factory=world.sessions)
    week, at = next_slot(deps, datetime.now(timezone.utc))
    t = world.t
    local = at.astimezone(world.settings.tz)
    world.section(t.gettext("The owners' weekly digest: the clock sends it at {when} ({zone})",
                            when=t.datetime(local, format="EEEE d MMM HH:mm"), zone=world.settings.timezone))
    client = make_web_client(world.settings)
    before = world.show_messages(data.OWNERS_CHANNEL, since=1_000_000)  # count only
    for minutes in (1, 2):  # two ticks of the job (or two clock processes): one message
        weekly_digest(deps, client, at + timedelta(minutes=minutes))
    posted = [c for c in world.fake.calls("chat.postMessage") if c.params.get("channel") == data.OWNERS_CHANNEL][before:]
    with world.sessions() as session:
        run = runs.get_run(session, team_id=world.settings.slack_team_id or "", week=week)
        status = (t.ngettext("{status}, {n} attempt", "{status}, {n} attempts", run.attempts,
                             status=status_word(run.status)) if run else t.gettext("no record"))
    world.say(t.ngettext("Two ticks of the digest job → {n} message in the owners' channel (digest {week}: {status}).",
                         "Two ticks of the digest job → {n} messages in the owners' channel (digest {week}: {status}).",
                         len(posted), week=week, status=status) + "\n")
    for call in posted:
        world.say(world.text_of(call.params["blocks"]) + "\n")
    uploads = world.fake.calls("files.completeUploadExternal")
    if uploads and world.fake.uploads:
        file_id = uploads[-1].params["files"][0]["id"]
        path = world.directory / f"digest-{week}-pareto.png"
        path.write_bytes(world.fake.uploads[file_id])
        world.say(t.gettext("In the digest's thread: “{comment}” with the chart (revenue share against red-flag share "
                            "per client).", comment=uploads[-1].params.get("initial_comment", "")))
        world.say(t.gettext("Chart written to {path}", path=str(path)))
    show_dossier(world)


def show_dossier(world: DemoWorld) -> None:
    owner, owner_name = data.OWNER
    staff, staff_name = data.STAFF[0]
    t = world.t
    world.section(t.gettext("/client Acme: the dossier, for owners only"))
    before = len(world.fake.calls("views.update"))  # views.open shows "loading"; the dossier replaces it
    world.slack.command(Command.CLIENT, "Acme", user_id=owner)
    view = world.fake.wait_for("views.update", before + 1)[-1].params["view"]
    world.say(t.gettext("{name}: /client Acme → a modal only she sees:", name=owner_name) + "\n")
    world.say(world.text_of(view["blocks"]) + "\n")
    answer = world.slack.command(Command.CLIENT, "Acme", user_id=staff)
    world.say(t.gettext("{name}: /client Acme → “{answer}”", name=staff_name, answer=answer.text))
