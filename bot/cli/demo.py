"""`redflag demo`: the whole product offline, as owners and staff would see it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.i18n import LANGUAGES, translator


def add_commands(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="run a realistic offline demo (no Slack account needed)")
    demo.add_argument("--dir", type=Path, help="where to keep the demo database and files (default: a new temp dir)")
    demo.add_argument("--lang", choices=list(LANGUAGES), default="en",
                      help="the demo workspace's LANGUAGE and its people's Slack language (default: en)")
    demo.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from bot.sandbox.demo import run_demo

    args.translator = t = translator(args.lang)  # also for an error (bot.cli.main)
    directory = run_demo(args.dir, sys.stdout, language=args.lang)
    print("\n" + t.gettext("Demo finished. Database and files are in {directory}", directory=str(directory)))
    return 0
