"""Sending signed requests at a fixed concurrency over keep-alive HTTP, timing each to its answer."""

from __future__ import annotations

import http.client
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from time import perf_counter

from bot.sandbox.signer import SignedRequest

PATH = "/slack/events"


@dataclass(frozen=True)
class Sent:
    index: int
    started: float  # perf_counter() just before the request was written
    finished: float  # … and once the whole answer was read
    status: int

    @property
    def seconds(self) -> float:
        return self.finished - self.started


def send_all(port: int, requests: Sequence[SignedRequest], concurrency: int) -> list[Sent]:
    """Send `requests` from `concurrency` threads, each with its own keep-alive connection to 127.0.0.1."""
    results: list[Sent] = []
    lock, position = threading.Lock(), iter(range(len(requests)))

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while True:
                with lock:
                    index = next(position, None)
                if index is None:
                    return
                sent = _send(connection, index, requests[index])
                with lock:
                    results.append(sent)
        finally:
            connection.close()

    threads = [threading.Thread(target=client, name=f"client-{n}") for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(results, key=lambda s: s.index)


def _send(connection: http.client.HTTPConnection, index: int, signed: SignedRequest) -> Sent:
    for attempt in (1, 2):  # a keep-alive connection the server closed meanwhile is reopened once
        started = perf_counter()
        try:
            connection.request("POST", PATH, body=signed.body.encode(), headers=signed.headers)
            response = connection.getresponse()
            response.read()
            return Sent(index, started, perf_counter(), response.status)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            connection.close()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank percentile (p in 0–100) of `values`."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]
