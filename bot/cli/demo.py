"""`redflag demo`: the whole product offline, as owners and staff would see it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_commands(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="run a realistic offline demo (no Slack account needed)")
    demo.add_argument("--dir", type=Path, help="where to keep the demo database and files (default: a new temp dir)")
    demo.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from bot.sandbox.demo import run_demo

    directory = run_demo(args.dir, sys.stdout)
    print(f"\nDemo finished. Database and files are in {directory}")
    return 0
