"""The Procfile's `web:` server, started as a subprocess on 127.0.0.1 for the benchmarks.

The command is read from the Procfile itself ($PORT and ${VAR:-default} expanded as a shell
would), so the benchmark measures what a Procfile platform runs; only the bind address is
narrowed to 127.0.0.1 and, for the bare app, the WSGI target is swapped.
"""

from __future__ import annotations

import http.client
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT_TARGET = "bot.wsgi:create()"
BARE_TARGET = "benchmarks.bare_app:create()"
STARTUP_SECONDS = 60
# Settings that would switch the app into another mode than the one measured.
DROPPED_ENV = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_APP_TOKEN", "INVOICE_WEBHOOK_TOKEN")


def web_command(port: int, env: Mapping[str, str], target: str = PRODUCT_TARGET) -> list[str]:
    """The Procfile's web: line as argv, bound to 127.0.0.1:port, serving `target`."""
    procfile = (ROOT / "Procfile").read_text()
    line = next(ln for ln in procfile.splitlines() if ln.startswith("web:")).removeprefix("web:")
    values = {**env, "PORT": str(port)}
    line = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: values.get(m.group(1)) or m.group(2), line)
    line = re.sub(r"\$(\w+)", lambda m: values.get(m.group(1), ""), line)
    argv = shlex.split(line)
    if argv[0] != "gunicorn" or PRODUCT_TARGET not in argv:
        raise RuntimeError(f"the Procfile's web: line is not `gunicorn '{PRODUCT_TARGET}' …`: {line.strip()}")
    argv = [sys.executable, "-m", "gunicorn", *argv[1:]]
    argv[argv.index(PRODUCT_TARGET)] = target
    return [re.sub(r"^0\.0\.0\.0:", "127.0.0.1:", arg) for arg in argv]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Served:
    port: int
    pid: int  # gunicorn's master; its workers are its children

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the master and its live workers."""
        return sum(cpu_seconds(pid) for pid in (self.pid, *children(self.pid)))


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            pass
    return found


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process (Linux /proc), 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def serve(target: str, env: Mapping[str, str], log_path: Path) -> Iterator[Served]:
    """Run gunicorn serving `target` with `env`; yields its port and pid once /healthz answers 200."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    environment.update(env)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environment.get("PYTHONPATH")]))
    command = web_command(port, environment, target)
    with log_path.open("w") as log:
        # In a directory of its own, so no developer's .env is read.
        process = subprocess.Popen(command, cwd=log_path.parent, env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(port, process, log_path)
        yield Served(port, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_healthy(port: int, process: subprocess.Popen, log_path: Path) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {STARTUP_SECONDS} s:\n{log_path.read_text()[-3000:]}")
