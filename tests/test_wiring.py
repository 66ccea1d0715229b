"""manifest.yml and the code agree: every declared command and shortcut has a listener, and back."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.views.ids import Command, Shortcut

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = yaml.safe_load((ROOT / "manifest.yml").read_text())


def manifest_commands() -> set[str]:
    return {c["command"] for c in MANIFEST["features"]["slash_commands"]}


def manifest_shortcuts() -> set[str]:
    return {s["callback_id"] for s in MANIFEST["features"]["shortcuts"]}


def test_manifest_declares_exactly_the_commands_and_shortcuts_the_code_knows():
    assert manifest_commands() == {c.value for c in Command}
    assert manifest_shortcuts() == {s.value for s in Shortcut}


@pytest.mark.parametrize("command", sorted(manifest_commands()))
def test_every_manifest_command_has_a_listener(slack, command):
    # Bolt answers 404 for a request no listener takes.
    assert slack.command(command, "help", user_id="U0STAFF").status == 200


@pytest.mark.parametrize("callback_id", sorted(manifest_shortcuts()))
def test_every_manifest_shortcut_has_a_listener(slack, callback_id):
    kind = next(s["type"] for s in MANIFEST["features"]["shortcuts"] if s["callback_id"] == callback_id)
    message = {"text": "hello", "ts": "1.1"} if kind == "message" else None
    assert slack.shortcut(callback_id, user_id="U0STAFF", message=message).status == 200


def test_an_undeclared_command_is_not_handled(slack):
    assert slack.command("/not-ours", "", user_id="U0STAFF").status == 404


def test_manifest_points_every_url_at_the_bolt_endpoint():
    urls = [c["url"] for c in MANIFEST["features"]["slash_commands"]]
    settings = MANIFEST["settings"]
    urls += [settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"],
             settings["interactivity"]["message_menu_options_url"]]
    assert all(u.endswith("/slack/events") for u in urls)


def test_manifest_respects_slack_limits():
    info = MANIFEST["display_information"]
    assert len(info["name"]) <= 35 and len(info["description"]) <= 140
    assert 175 <= len(info["long_description"]) <= 4000
    for shortcut in MANIFEST["features"]["shortcuts"]:
        assert len(shortcut["name"]) <= 24 and len(shortcut["description"]) <= 150
    for command in MANIFEST["features"]["slash_commands"]:
        assert command["description"] and len(command["command"]) <= 32
