"""`redflag demo`: a small provider, driven through the real app exactly as Slack would drive it.

Everything runs offline: a SQLite database in the demo directory, the fake
Slack Web API on 127.0.0.1, and the app served over real HTTP on 127.0.0.1.
Each step is a function of `DemoWorld`; later features add their steps to STEPS.
In another language (`redflag demo --lang it`) the workspace's LANGUAGE is that
language and its people's Slack locale matches, so what staff and owners see, the
staff's own words and the narration are all in it.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO

from sqlalchemy.orm import Session, sessionmaker
from werkzeug.serving import WSGIRequestHandler, make_server

from bot.domain.severity import Severity
from bot.errors import UserError
from bot.i18n import DEFAULT_LANGUAGE, N_, Translator, translator
from bot.sandbox import demo_data as data
from bot.sandbox.driver import SlackDriver, http_transport
from bot.sandbox.fake_slack import TEAM_ID, FakeSlack
from bot.sandbox.forms import fill
from bot.sandbox.render import blocks_to_text
from bot.sandbox.signer import SlackSigner
from bot.settings import Settings, isolated_settings
from bot.views.ids import Action, Block, Command
from bot.web import create_web_app
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade

SIGNING_SECRET = "demo-signing-secret"
SLACK_LOCALES = {"en": "en-US", "it": "it-IT", "nl": "nl-NL", "fr": "fr-FR", "de": "de-DE"}  # language → Slack's


@dataclass
class DemoWorld:
    directory: Path
    settings: Settings
    fake: FakeSlack
    slack: SlackDriver
    sessions: sessionmaker[Session]
    out: TextIO
    names: dict[str, str] = field(default_factory=dict)
    t: Translator = field(default_factory=lambda: translator(DEFAULT_LANGUAGE))  # the workspace's language

    def section(self, title: str) -> None:
        print(f"\n{'━' * 78}\n{title}\n{'━' * 78}", file=self.out)

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def show_messages(self, channel: str, since: int = 0) -> int:
        """Print what the bot posted to `channel` (from call number `since`); returns the new count."""
        posts = [c for c in self.fake.calls("chat.postMessage") if c.params.get("channel") == channel]
        for call in posts[since:]:
            self.say(self.text_of(call.params.get("blocks") or []) or call.params.get("text", ""))
            self.say("")
        return len(posts)

    def text_of(self, blocks: list[dict], indent: str = "") -> str:
        """Block Kit as the terminal shows it, each line indented by `indent`."""
        return indent + blocks_to_text(blocks, names=self.names, t=self.t).replace("\n", "\n" + indent)


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: object) -> None:
        pass


@contextmanager
def demo_world(directory: Path, out: TextIO, *, language: str = DEFAULT_LANGUAGE) -> Iterator[DemoWorld]:
    directory.mkdir(parents=True, exist_ok=True)
    database_url = f"sqlite:///{directory / 'redflag.sqlite3'}"
    upgrade(database_url)
    with FakeSlack() as fake:
        for user_id, name in (data.OWNER, *data.STAFF):
            fake.add_user(user_id, name, locale=SLACK_LOCALES[language])
        fake.channel_members[data.STAFF_CHANNEL] = [u for u, _ in data.STAFF]
        settings = isolated_settings(
            slack_bot_token="xoxb-demo", slack_signing_secret=SIGNING_SECRET,
            slack_api_url=fake.base_url, slack_team_id=TEAM_ID, database_url=database_url,
            owner_user_ids=[data.OWNER[0]], owners_channel=data.OWNERS_CHANNEL, timezone="Europe/Rome",
            staff_channel=data.STAFF_CHANNEL, poll_secret="demo-poll-secret-" + "0" * 16, language=language,
        )
        engine = make_engine(database_url)
        server = make_server("127.0.0.1", 0, create_web_app(settings, engine=engine), threaded=True,
                             request_handler=QuietHandler)
        threading.Thread(target=server.serve_forever, daemon=True, name="demo-web").start()
        try:
            driver = SlackDriver(SlackSigner(SIGNING_SECRET, response_url=fake.response_url),
                                 http_transport(f"http://127.0.0.1:{server.server_port}"))
            names = {u: n for u, n in (data.OWNER, *data.STAFF)}
            names.update({data.OWNERS_CHANNEL: "owners", data.STAFF_CHANNEL: "staff"})
            yield DemoWorld(directory, settings, fake, driver, make_session_factory(engine), out, names,
                            translator(language))
        finally:
            server.shutdown()
            engine.dispose()


def seed_directory(world: DemoWorld) -> None:
    from bot.flows.client_import import import_clients

    t = world.t
    world.section(t.gettext("1. The client directory (redflag clients import clients.csv)"))
    path = world.directory / "clients.csv"
    path.write_text(data.CLIENTS_CSV, encoding="utf-8")
    summary = import_clients(world.sessions, path, team_id=TEAM_ID)
    world.say(t.gettext("Imported {path}: {summary}", path=str(path), summary=summary.line(t)))
    again = import_clients(world.sessions, path, team_id=TEAM_ID)
    world.say(t.gettext("Imported it again (idempotent): {summary}", summary=again.line(t)))


def seed_history(world: DemoWorld) -> None:
    from storage import clients as client_store
    from storage import reports as report_store

    t = world.t
    world.section(t.gettext("2. Four months of history"))
    now = datetime.now(timezone.utc)
    with world.sessions.begin() as session:
        for days_ago, client_name, categories, severity, reporter, text in data.HISTORY:
            client = client_store.find_client(session, client_name, team_id=TEAM_ID)
            assert client is not None, client_name
            report = report_store.add_report(
                session, team_id=TEAM_ID, client_id=client.id, severity=severity, categories=categories,
                description=t.text(text), occurred_on=(now - timedelta(days=days_ago)).date(),
                reporter_user_id=None if reporter is None else data.STAFF[reporter][0],
            )
            report.created_at = now - timedelta(days=days_ago)
    world.say(t.ngettext("{n} earlier red flag about {clients} clients.",
                         "{n} earlier red flags about {clients} clients.", len(data.HISTORY),
                         clients=len({h[1] for h in data.HISTORY})))


def open_modal(world: DemoWorld, text: str, user_id: str) -> tuple[int, dict]:
    """Send /redflag and return (HTTP status, the modal the app opened)."""
    before = len(world.fake.calls("views.open"))
    answer = world.slack.command(Command.REDFLAG, text, user_id=user_id)
    return answer.status, world.fake.wait_for("views.open", before + 1)[-1].params["view"]


def file_live_reports(world: DemoWorld) -> None:
    t = world.t
    world.section(t.gettext("3. Staff file red flags with /redflag (signed requests → modal → submission)"))
    for reporter, typed, typed_client, categories, severity, anonymous in data.LIVE_REPORTS:
        user_id, name = data.STAFF[reporter]
        text = t.text(typed)
        status, view = open_modal(world, text, user_id)
        world.say(t.gettext("{name}: /redflag {text}  → HTTP {status}, modal opened", name=name,
                            text=text[:60] + ("…" if len(text) > 60 else ""), status=str(status)))
        answers: dict[str, object] = {Block.REPORT_CATEGORIES: categories, Block.REPORT_SEVERITY: severity,
                                      Block.REPORT_ANONYMOUS: ["anonymous"] if anonymous else []}
        if typed_client:
            options = world.slack.suggest(Action.CLIENT_PICK, typed_client, user_id=user_id).json()
            first = (options.get("options") or options["option_groups"][0]["options"])[0]
            world.say("   " + t.gettext("typed “{typed}” in the client picker → {client}", typed=typed_client,
                                        client=first["text"]["text"]))
            answers[Block.REPORT_CLIENT] = (first["value"], first["text"]["text"])
            answers[Block.REPORT_DESCRIPTION] = t.text(data.TYPED_DESCRIPTION)
        posted = len(world.fake.calls("chat.postMessage"))
        result = world.slack.submit(view, fill(view, answers), user_id=user_id, view_id=f"VDEMO{reporter}{severity}")
        facts = {"severity": Severity(severity).label, "status": str(result.status)}
        world.say("   " + (t.gettext("submitted: {severity}, anonymously → HTTP {status}", **facts) if anonymous
                           else t.gettext("submitted: {severity} → HTTP {status}", **facts)))
        expected = posted + (2 if severity == "dealbreaker" else 1)
        for call in world.fake.wait_for("chat.postMessage", expected)[posted:]:
            if call.params["channel"] == data.OWNERS_CHANNEL:
                world.say("\n   " + t.gettext("Posted at once to the owners' channel:") + "\n")
                world.say(world.text_of(call.params["blocks"], "   ") + "\n")
    world.say(t.gettext("A bad submission is answered inside the modal, and nothing is stored:"))
    _, view = open_modal(world, "", data.STAFF[1][0])
    bad = world.slack.submit(view, fill(view, {Block.REPORT_CATEGORIES: ["other"], Block.REPORT_SEVERITY: "note",
                                               Block.REPORT_DESCRIPTION: "   "}), user_id=data.STAFF[1][0])
    for block_id, message in (bad.json() or {}).get("errors", {}).items():
        world.say(f"   {block_id}: {message}")


STEPS: list[Callable[[DemoWorld], None]] = [seed_directory, seed_history, file_live_reports]

from bot.sandbox.demo_polls import run_poll  # noqa: E402 - feature steps register after STEPS exists

STEPS.append(run_poll)

from bot.sandbox.demo_invoices import import_invoices  # noqa: E402

STEPS.append(import_invoices)

from bot.sandbox.demo_digest import show_digest  # noqa: E402 - the digest sums up every step before it: keep it last

STEPS.append(show_digest)


def run_demo(directory: Path | None, out: TextIO, *, language: str = DEFAULT_LANGUAGE) -> Path:
    """Run every step in a new (or empty) directory, in `language`; raises UserError for a directory in use."""
    if directory is not None and directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise UserError(N_("{directory} is not an empty directory: the demo starts from scratch, so give it a new one",
                           directory=str(directory)))
    directory = directory or Path(tempfile.mkdtemp(prefix="redflag-demo-"))
    with demo_world(directory, out, language=language) as world:
        world.say(world.t.gettext("Redflag demo — everything offline. Database and files: {directory}",
                                  directory=str(directory)))
        for step in STEPS:
            step(world)
    return directory
