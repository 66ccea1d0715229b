"""One structured log line per HTTP request from Slack: team, surface, outcome, time.

Never tokens, user-typed text or user ids.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from bot.slack_compat import strict_parse_body

log = logging.getLogger("redflag.requests")


def surface_of(body: dict[str, Any]) -> str:
    """A short name for what Slack sent: "/redflag", "view_submission:report.submit", "event:app_home_opened"."""
    if "command" in body:
        return str(body["command"])
    kind = body.get("type", "unknown")
    if kind == "event_callback":
        return "event:" + str((body.get("event") or {}).get("type"))
    if kind == "view_submission":
        return "view_submission:" + str((body.get("view") or {}).get("callback_id"))
    if kind in ("shortcut", "message_action"):
        return f"{kind}:{body.get('callback_id')}"
    if kind == "block_actions":
        return "block_actions:" + ",".join(str(a.get("action_id")) for a in body.get("actions") or [])
    if kind == "block_suggestion":
        return "block_suggestion:" + str(body.get("action_id"))
    return str(kind)


def log_slack_request(raw_body: str, content_type: str | None, status: int, ms: float,
                      retry_num: str | None) -> None:
    try:
        body = strict_parse_body(raw_body, content_type)
    except ValueError:
        body = {}
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    line = {"team": team, "surface": surface_of(body), "status": status, "ms": round(ms, 1)}
    if retry_num:
        line["retry"] = retry_num
    log.info(json.dumps(line))
