"""Benchmark 1: how fast /redflag is acknowledged, and how soon its modal opens, under load.

Signed `/redflag <client> <story>` requests at a fixed concurrency against the Procfile's
gunicorn serving the product (`bot.wsgi:create()`, a migrated SQLite database with a client
directory, Slack's Web API played by the fake Slack in a process of its own), and against a bare
Bolt app that only acks, served the same way. Both servers run side by side and are measured
in alternating rounds, so a slower or busier moment of the machine falls on both.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any
from urllib.parse import parse_qs

from benchmarks import data
from benchmarks.child import ROOT
from benchmarks.databases import Databases
from benchmarks.load import Sent, percentile, send_all
from benchmarks.server import BARE_TARGET, PRODUCT_TARGET, cpu_seconds, serve
from benchmarks.sizes import Size
from benchmarks.table import Line
from bot.sandbox.fake_slack import TEAM_ID, FakeSlack
from bot.sandbox.signer import SignedRequest, SlackSigner
from storage.db import make_engine

SIGNING_SECRET = "benchmark-signing-secret"
DIRECTORY_CLIENTS = 200
ROUNDS = 4
VIEWS_OPEN_WAIT_SECONDS = 60
TARGET_RATIO, TARGET_VIEWS_OPEN_MS = 1.3, 1000.0
STORY = "called the on-call line at 21:00 on a Saturday about a printer"


class TimedFakeSlack(FakeSlack):
    """The fake Slack, also noting when each views.open arrives (perf_counter, by trigger_id).

    perf_counter is CLOCK_MONOTONIC on Linux, one clock for every process, so these times compare
    with the load generator's in the parent.
    """

    def __init__(self) -> None:
        super().__init__()
        self.opened: dict[str, float] = {}
        self._opened_lock = threading.Lock()

    def _answer(self, method: str, params: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        if method == "views.open":
            with self._opened_lock:
                self.opened[str(params.get("trigger_id"))] = perf_counter()
        return super()._answer(method, params, token)


def serve_fake_slack() -> None:
    """In a child process (`python -m benchmarks.ack`): the timed fake Slack, answering over stdin/stdout.

    Prints its base_url first; then for each JSON list of trigger ids read, prints the JSON
    {trigger: time} of those already opened. End of input stops it.
    """
    with TimedFakeSlack() as fake:
        print(fake.base_url, flush=True)
        for line in sys.stdin:
            with fake._opened_lock:  # noqa: SLF001 - its own subclass
                print(json.dumps({t: fake.opened[t] for t in json.loads(line) if t in fake.opened}), flush=True)


class FakeSlackProcess:
    """The fake Slack in a process of its own, so its work (parsing and checking every modal) does not
    hold the load generator's GIL and delay the timing of the product's answers."""

    def __enter__(self) -> FakeSlackProcess:
        self._process = subprocess.Popen([sys.executable, "-m", "benchmarks.ack"], cwd=ROOT, text=True,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self._process.stdin and self._process.stdout
        self._in, self._out = self._process.stdin, self._process.stdout
        self.pid = self._process.pid
        self.base_url = self._out.readline().strip()
        if not self.base_url:
            raise RuntimeError(f"the fake Slack process exited with {self._process.wait()}")
        self.response_url = self.base_url.replace("/api/", "/response/1")
        return self

    def __exit__(self, *exc: object) -> None:
        self._in.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()

    def wait_opened(self, triggers: list[str], timeout: float) -> dict[str, float]:
        """trigger id → when its views.open arrived, waiting up to `timeout` seconds for all of them."""
        deadline, opened = time.monotonic() + timeout, {}
        while True:
            self._in.write(json.dumps([t for t in triggers if t not in opened]) + "\n")
            self._in.flush()
            opened.update(json.loads(self._out.readline()))
            if len(opened) == len(triggers) or time.monotonic() >= deadline:
                return opened
            time.sleep(0.05)


def _requests(signer: SlackSigner, names: list[str], count: int, start: int) -> list[SignedRequest]:
    return [signer.command("/redflag", f"{names[(start + n) % len(names)]} {STORY}", user_id=f"U0STAFF{n % 40:02d}")
            for n in range(count)]


def _trigger(signed: SignedRequest) -> str:
    return parse_qs(signed.body)["trigger_id"][0]


def _round(port: int, signer: SlackSigner, names: list[str], count: int, concurrency: int,
           start: int) -> tuple[list[SignedRequest], list[Sent]]:
    requests = _requests(signer, names, count, start)
    return requests, send_all(port, requests, concurrency)


@dataclass
class Timings:
    """Seconds to each answer (whatever its status), answers other than 200, and seconds to views.open."""

    answers: dict[str, list[float]] = field(default_factory=lambda: {"bare": [], "product": []})
    not_200: dict[str, list[int]] = field(default_factory=lambda: {"bare": [], "product": []})
    views_open: list[float] = field(default_factory=list)
    not_opened: int = 0
    wall: dict[str, float] = field(default_factory=lambda: {"bare": 0.0, "product": 0.0})  # seconds of all rounds
    cpu: dict[str, float] = field(default_factory=lambda: {"bare": 0.0, "product": 0.0})  # servers' CPU seconds
    fake_cpu: float = 0.0  # the fake Slack's CPU seconds during the product's rounds

    def rate(self, label: str) -> float:
        return len(self.answers[label]) / self.wall[label]

    def cpu_ms(self, label: str) -> float:
        return self.cpu[label] / len(self.answers[label]) * 1000


def _timings(directory: Path, url: str, names: list[str], size: Size, log: Any) -> Timings:
    """Both apps' answer times and the product's views.open times, over all measured rounds."""
    found = Timings()
    with FakeSlackProcess() as fake:
        env = {"SLACK_API_URL": fake.base_url, "DATABASE_URL": url, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
               "SLACK_BOT_TOKEN": "xoxb-benchmark", "SLACK_TEAM_ID": TEAM_ID}
        signer = SlackSigner(SIGNING_SECRET, response_url=fake.response_url)
        with serve(BARE_TARGET, env, directory / "gunicorn-bare.log") as bare, \
                serve(PRODUCT_TARGET, env, directory / "gunicorn-product.log") as product:
            servers = {"bare": bare, "product": product}
            for label, server in servers.items():
                log(f"ack: warming up the {label} app with {size.warmup} requests")
                _round(server.port, signer, names, size.warmup, size.concurrency, 0)
            per_round = size.requests // ROUNDS
            for number in range(ROUNDS):
                for label, server in servers.items():
                    log(f"ack: round {number + 1} of {ROUNDS}: {per_round} requests to the {label} app")
                    cpu, fake_cpu, started = server.cpu_seconds(), cpu_seconds(fake.pid), perf_counter()
                    requests, sent = _round(server.port, signer, names, per_round, size.concurrency,
                                            number * per_round)
                    found.wall[label] += perf_counter() - started
                    found.answers[label] += [s.seconds for s in sent]
                    found.not_200[label] += [s.status for s in sent if s.status != 200]
                    if label == "product":
                        _views_open(fake, requests, sent, found)  # its work is done once its modals opened
                        found.fake_cpu += cpu_seconds(fake.pid) - fake_cpu
                    found.cpu[label] += server.cpu_seconds() - cpu
    return found


def _views_open(fake: FakeSlackProcess, requests: list[SignedRequest], sent: list[Sent], found: Timings) -> None:
    """Seconds from sending each acknowledged request to its views.open reaching the fake Slack."""
    acked = [(_trigger(r), s) for r, s in zip(requests, sent) if s.status == 200]
    opened = fake.wait_opened([t for t, _ in acked], VIEWS_OPEN_WAIT_SECONDS)
    found.not_opened += len(acked) - len(opened)
    found.views_open += [opened[t] - s.started for t, s in acked if t in opened]


def run(databases: Databases, kind: str, size: Size, log: Any) -> list[Line]:
    url = databases.fresh(kind, "ack")
    engine = make_engine(url)
    names = data.add_clients(engine, DIRECTORY_CLIENTS)
    engine.dispose()
    found = _timings(databases.directory, url, names, size, log)
    name, total = f"ack ({kind})", len(found.answers["product"])

    def ms(values: list[float], p: float) -> float:
        return percentile(values, p) * 1000

    def failures(label: str) -> str:
        statuses = Counter(found.not_200[label])
        return ", ".join(f"{count} × {status}" for status, count in sorted(statuses.items())) or "none"

    log(f"{name}: answers other than 200: product {failures('product')}, bare {failures('bare')}; "
        f"modals not opened: {found.not_opened}")
    return [
        Line(name, "p50 ack, ms", ms(found.answers["product"], 50), ms(found.answers["bare"], 50)),
        Line(name, "p99 ack, ms", ms(found.answers["product"], 99), ms(found.answers["bare"], 99),
             f"≤ {TARGET_RATIO:g}× bare", lambda _v, ratio: ratio is not None and ratio <= TARGET_RATIO),
        Line(name, "requests per second", found.rate("product"), found.rate("bare")),
        Line(name, "server CPU per request, ms", found.cpu_ms("product"), found.cpu_ms("bare")),
        Line(name, "fake Slack CPU per request, ms", found.fake_cpu / len(found.answers["product"]) * 1000),
        Line(name, f"answers other than 200 (of {total:,})", len(found.not_200["product"]),
             len(found.not_200["bare"]), "0", lambda value, _r: value == 0),
        Line(name, "p50 views.open, ms", ms(found.views_open, 50)),
        Line(name, "p99 views.open, ms", ms(found.views_open, 99), target=f"< {TARGET_VIEWS_OPEN_MS:g} ms",
             check=lambda value, _r: value < TARGET_VIEWS_OPEN_MS),
        Line(name, "modals never opened", found.not_opened, target="0", check=lambda value, _r: value == 0),
    ]


if __name__ == "__main__":
    serve_fake_slack()
