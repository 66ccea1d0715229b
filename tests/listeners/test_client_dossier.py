"""/client <name> through signed requests: owners get the dossier modal, anyone else a refusal."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

from bot.flows.dossier import OWNERS_ONLY as REFUSAL
from bot.views.ids import Action, Command
from tests.conftest import OWNER, STAFF
from tests.flows.seeding import client, flag

NOW = datetime.now(timezone.utc)
OWNERS_ONLY = str(REFUSAL)  # in English: the fake Slack does not know these people, so the workspace's language


def seed(session_factory, team_id: str) -> None:  # type: ignore[no-untyped-def]
    with session_factory.begin() as session:
        acme = client(session, team_id, "Acme Logistics", "4200")
        flag(session, team_id, acme, "dealbreaker", at=NOW - timedelta(days=3), reporter="U0MARCO",
             text="Yelled at Marco at 21:00 on a Saturday <!channel>")
        flag(session, team_id, acme, "concern", at=NOW - timedelta(days=40), categories=("scope_creep",),
             reporter=None, text="Wanted the warehouse Wi-Fi done for free.")
        client(session, team_id, "Bakkerij Mulder", "450")


def dossier_of(slack, fake_slack, text: str, user_id: str = OWNER) -> dict:  # type: ignore[no-untyped-def]
    """The dossier that replaced the loading modal (views.update)."""
    assert slack.command(Command.CLIENT, text, user_id=user_id).status == 200
    return fake_slack.wait_for("views.update")[-1].params["view"]


def test_an_owner_gets_score_reasons_timeline_and_an_exit_plan(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    view = dossier_of(slack, fake_slack, "acme")
    assert view["type"] == "modal" and view["title"]["text"] == "Client dossier"
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert view["blocks"][0] == {"type": "header", "text": {"type": "plain_text", "text": "Acme Logistics", "emoji": False}}
    assert "Risk score" in text and "1 dealbreaker in the last 7 days" in text and "1 concern in the last 90 days" in text
    assert "Suggested next step: Plan an exit" in text
    assert "Offboarding checklist" in text and "termination clause" in text and "you need not finish" in text
    assert "Draft termination letter" in text and "Dear Acme Logistics" in text
    assert "our staff were repeatedly treated in an unprofessional way" in text
    assert "Yelled at Marco" in text  # the timeline, escaped:
    assert "&lt;!channel&gt;" in text and "<!channel>" not in text
    letter = next(b["text"]["text"] for b in view["blocks"] if "Draft termination letter" in b.get("text", {}).get("text", ""))
    assert "Marco" not in letter and "U0MARCO" not in letter and "Wi-Fi" not in letter  # the letter names no one
    assert "No invoices imported" in text and len(view["blocks"]) <= 100


def test_a_quiet_client_gets_keep_watching(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    view = dossier_of(slack, fake_slack, "Mulder")
    text = json.dumps(view["blocks"])
    assert "Risk score 0/100" in text and "Keep watching" in text and "Offboarding" not in text
    assert "None reported." in text


def test_reporters_are_shown_only_when_the_setting_allows(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    assert "U0MARCO" not in json.dumps(dossier_of(slack, fake_slack, "acme")["blocks"])


def refusal(slack, text: str, user_id: str) -> str:  # type: ignore[no-untyped-def]
    """The command's immediate answer, which only the person who typed it sees."""
    started = time.monotonic()
    answer = slack.command(Command.CLIENT, text, user_id=user_id)
    assert answer.status == 200 and time.monotonic() - started < 1.0
    return answer.text


def test_non_owners_get_the_same_polite_refusal_whatever_they_type(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    answers = [refusal(slack, typed, STAFF) for typed in ("acme", "no such client", "", "Acme Logistics")]
    assert answers == [OWNERS_ONLY] * 4
    assert "Acme" not in OWNERS_ONLY
    assert {c.method for c in fake_slack.calls()} <= {"auth.test", "users.info"}  # nothing opened or posted


def test_an_owner_is_told_when_no_client_matches_and_the_name_is_escaped(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    assert refusal(slack, "<!here> Zeta", OWNER).startswith("No client matches “&lt;!here&gt; Zeta”")
    assert "Type its name after the command" in refusal(slack, "  ", OWNER)
    assert fake_slack.calls("views.open") == []


def test_the_dossier_button_opens_it_for_owners_only(slack, fake_slack, session_factory):
    seed(session_factory, slack.signer.team_id)
    with session_factory() as session:
        from storage.clients import find_client

        acme_id = find_client(session, "Acme Logistics", team_id=slack.signer.team_id).id  # type: ignore[union-attr]
    assert slack.click(Action.DOSSIER_OPEN, str(acme_id), user_id=OWNER).status == 200
    assert fake_slack.wait_for("views.update")[0].params["view"]["blocks"][0]["text"]["text"] == "Acme Logistics"
    slack.click(Action.DOSSIER_OPEN, str(acme_id), user_id=STAFF)
    assert fake_slack.wait_for("response_url")[0].params["text"] == OWNERS_ONLY
    assert len(fake_slack.calls("views.open")) == len(fake_slack.calls("views.update")) == 1


def test_a_dossier_button_clicked_in_app_home_by_a_non_owner_gets_a_direct_message(slack, fake_slack):
    payload = {"type": "block_actions", "user": {"id": STAFF, "team_id": slack.signer.team_id}, "trigger_id": "1.1.t",
               "container": {"type": "view", "view_id": "VHOME"}, "view": {"id": "VHOME", "type": "home"},
               "actions": [{"action_id": Action.DOSSIER_OPEN, "block_id": "b", "value": "1", "type": "button",
                            "action_ts": "1.1"}]}
    assert slack.send(slack.signer.interaction(payload)).status == 200
    [message] = fake_slack.wait_for("chat.postMessage")
    assert (message.params["channel"], message.params["text"]) == (STAFF, OWNERS_ONLY)
    assert fake_slack.calls("views.open") == []
