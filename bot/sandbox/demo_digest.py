"""The demo's last step: the owners' weekly digest, as the clock process sends it at the next slot,
the Pareto chart it uploads (written into the demo directory), and an owner's /client dossier.

It runs last so the digest sums up everything the earlier steps did: reports, poll, invoices.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from bot.app import make_web_client
from bot.deps import Deps
from bot.domain.schedule import slot_in_week, week_of
from bot.flows.digest import weekly_slot
from bot.jobs.digest import weekly_digest
from bot.sandbox import demo_data as data
from bot.sandbox.render import blocks_to_text
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
    local = at.astimezone(world.settings.tz)
    world.section(f"The owners' weekly digest: the clock sends it at {local:%A %d %b %H:%M} ({world.settings.timezone})")
    client = make_web_client(world.settings)
    before = world.show_messages(data.OWNERS_CHANNEL, since=1_000_000)  # count only
    for minutes in (1, 2):  # two ticks of the job (or two clock processes): one message
        weekly_digest(deps, client, at + timedelta(minutes=minutes))
    posted = [c for c in world.fake.calls("chat.postMessage") if c.params.get("channel") == data.OWNERS_CHANNEL][before:]
    with world.sessions() as session:
        run = runs.get_run(session, team_id=world.settings.slack_team_id or "", week=week)
        status = f"{run.status}, attempts {run.attempts}" if run else "no record"
    world.say(f"Two ticks of the digest job → {len(posted)} message in the owners' channel (digest {week}: {status}).\n")
    for call in posted:
        world.say(blocks_to_text(call.params["blocks"], names=world.names) + "\n")
    uploads = world.fake.calls("files.completeUploadExternal")
    if uploads and world.fake.uploads:
        file_id = uploads[-1].params["files"][0]["id"]
        path = world.directory / f"digest-{week}-pareto.png"
        path.write_bytes(world.fake.uploads[file_id])
        world.say(f"In the digest's thread: “{uploads[-1].params.get('initial_comment', '')}” with the chart "
                  f"(revenue share against red-flag share per client).\nChart written to {path}")
    show_dossier(world)


def show_dossier(world: DemoWorld) -> None:
    owner, owner_name = data.OWNER
    staff, staff_name = data.STAFF[0]
    world.section("/client Acme: the dossier, for owners only")
    before = len(world.fake.calls("views.open"))
    world.slack.command(Command.CLIENT, "Acme", user_id=owner)
    view = world.fake.wait_for("views.open", before + 1)[-1].params["view"]
    world.say(f"{owner_name}: /client Acme → a modal only she sees:\n")
    world.say(blocks_to_text(view["blocks"], names=world.names) + "\n")
    answer = world.slack.command(Command.CLIENT, "Acme", user_id=staff)
    world.say(f"{staff_name}: /client Acme → “{answer.text}”")
