"""Run one measurement in a fresh Python process, so peak memory belongs to that run alone.

`measure("benchmarks.digest:build_digest", url=...)` starts
`python -m benchmarks.child benchmarks.digest:build_digest '{"url": ...}'`; the child calls the
function (which returns a dict of its timings and counts), adds its own peak RSS
(`ru_maxrss`, the whole process: interpreter, imports and the work) and its RSS before the
call, and prints the dict as JSON on its last line.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


class ChildFailed(RuntimeError):
    pass


def measure(target: str, **kwargs: Any) -> dict[str, Any]:
    """The dict `target(**kwargs)` returned in a child process, plus `peak_rss_mb` and `start_rss_mb`."""
    done = subprocess.run([sys.executable, "-m", "benchmarks.child", target, json.dumps(kwargs)],
                          cwd=ROOT, capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise ChildFailed(f"{target} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(target: str, arguments: str) -> None:
    module, _, name = target.partition(":")
    function = getattr(importlib.import_module(module), name)
    start = _rss_mb("VmRSS")
    result = function(**json.loads(arguments))
    result["start_rss_mb"] = start
    result["peak_rss_mb"] = _rss_mb("VmHWM")
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:3])
