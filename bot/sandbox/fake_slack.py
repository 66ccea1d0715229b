"""A fake Slack Web API on 127.0.0.1 that answers like Slack and records every call.

Point the app at it with `SLACK_API_URL=<fake.base_url>`. Answers carry the
fields the app relies on (`ok`, `ts`, `channel`, `view.id`, `error`); failures
can be scripted per method (`fail("chat.postMessage", error="ratelimited", status=429)`).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from bot.sandbox.block_kit import message_problems, view_problems

TEAM_ID = "T0DEMO"
BOT_USER_ID = "U0REDFLAG"
RESPONSE_URL = "response_url"
DROP_CONNECTION = 0  # fail(..., status=DROP_CONNECTION) closes the connection without answering
JSON_FIELDS = ("view", "blocks", "attachments", "files", "metadata")


class _Server(ThreadingHTTPServer):
    # socketserver's default listen backlog is 5: under load (the ack benchmark opens a connection per Web
    # API call, as slack_sdk does) further connects were dropped and retried by the kernel after 1 s.
    request_queue_size = 128


def team_of_token(token: str | None) -> str | None:
    """Tokens the fake hands out at install look like xoxb-<TEAM>-bot."""
    parts = (token or "").split("-")
    return parts[1] if len(parts) == 3 and parts[1].startswith("T") else None


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None


@dataclass
class Failure:
    error: str
    status: int
    times: int
    headers: dict[str, str] = field(default_factory=dict)
    where: Callable[[dict[str, Any]], bool] | None = None  # only calls whose params match


class FakeSlack:
    """Start with `start()` (or as a context manager); `calls()` lists what the app sent."""

    def __init__(self) -> None:
        self._calls: list[Call] = []
        self._failures: dict[str, list[Failure]] = {}
        self._cond = threading.Condition()
        self._counter = itertools.count(1)
        self.users: dict[str, dict[str, Any]] = {}
        self.channel_members: dict[str, list[str]] = {}
        self.uploads: dict[str, bytes] = {}
        self.refused: list[tuple[str, list[str]]] = []  # calls refused for breaking Block Kit's limits
        self.connections = 0  # HTTP connections accepted (calls over a kept-alive connection share one)
        self._open: set[Any] = set()  # sockets of the connections still open
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle -------------------------------------------------------
    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Slack's API servers; every answer has a content-length

            # Headers and body go out in two writes: with Nagle's algorithm the body waits for the client's
            # delayed ACK (~40 ms) on a kept-alive connection.
            disable_nagle_algorithm = True

            def setup(self) -> None:
                super().setup()
                with fake._cond:
                    fake.connections += 1
                    fake._open.add(self.connection)

            def finish(self) -> None:
                with fake._cond:
                    fake._open.discard(self.connection)
                super().finish()

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                fake._handle(self)

            do_GET = do_POST  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True, name="fake-slack").start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self.hang_up()  # kept-alive connections would outlive the server
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def hang_up(self) -> None:
        """Close every open connection, as a server does with idle kept-alive ones."""
        with self._cond:
            for sock in self._open:
                with contextlib.suppress(OSError):  # the client may have closed it already
                    sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() the fake first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    @property
    def response_url(self) -> str:
        """A response_url for signed requests; what the app sends there is recorded as "response_url"."""
        return self.base_url.replace("/api/", "/response/1")

    # -- scripting and inspection ---------------------------------------
    def add_user(self, user_id: str, name: str, *, is_bot: bool = False, deleted: bool = False,
                 guest: bool = False, tz: str = "Europe/Rome", locale: str = "en-US") -> None:
        self.users[user_id] = {
            "id": user_id, "team_id": TEAM_ID, "name": name, "real_name": name, "deleted": deleted,
            "is_bot": is_bot, "is_restricted": guest, "is_ultra_restricted": False, "tz": tz,
            "profile": {"real_name": name, "display_name": name}, "locale": locale,
        }

    def fail(self, method: str, *, error: str = "internal_error", status: int = 200, times: int = 1,
             headers: dict[str, str] | None = None, where: Callable[[dict[str, Any]], bool] | None = None) -> None:
        """Make the next `times` calls of `method` (whose params match `where`) fail with `error` (HTTP `status`)."""
        with self._cond:
            self._failures.setdefault(method, []).append(Failure(error, status, times, headers or {}, where))

    def calls(self, method: str | None = None) -> list[Call]:
        with self._cond:
            return [c for c in self._calls if method is None or c.method == method]

    def clear(self) -> None:
        with self._cond:
            self._calls.clear()

    def wait_for(self, method: str, count: int = 1, *, timeout: float = 5.0,
                 where: Callable[[Call], bool] | None = None) -> list[Call]:
        """Block until `count` matching calls arrived (listeners run after ack, in threads)."""
        deadline = time.monotonic() + timeout
        def matching() -> list[Call]:
            return [c for c in self._calls if c.method == method and (where is None or where(c))]
        with self._cond:
            while len(found := matching()) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = sorted({c.method for c in self._calls})
                    raise AssertionError(f"expected {count} {method} call(s), got {len(found)}; methods seen: {seen}")
                self._cond.wait(remaining)
            return found

    # -- the server side -------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("content-length") or 0)
        raw = request.rfile.read(length) if length else b""
        path = request.path.split("?", 1)[0]
        if path.startswith("/upload/"):
            self.uploads[path.removeprefix("/upload/")] = raw
            self._send(request, 200, {"ok": True})
            return
        if path.startswith("/response/"):  # a response_url: respond() lands here as method "response_url"
            with self._cond:
                self._calls.append(Call(RESPONSE_URL, json.loads(raw or b"{}"), None))
                self._cond.notify_all()
            self._send(request, 200, {"ok": True})
            return
        method = path.removeprefix("/api/")
        params = self._params(request.headers.get("content-type") or "", raw, request.path)
        auth = request.headers.get("authorization") or ""
        token = auth.removeprefix("Bearer ") or params.get("token")
        with self._cond:
            self._calls.append(Call(method, params, token))
            failure = self._take_failure(method, params)
            self._cond.notify_all()
        if failure is not None and failure.status == DROP_CONNECTION:
            request.close_connection = True
            request.connection.shutdown(2)  # no answer at all, as when a connection is reset
            return
        if failure is not None:
            self._send(request, failure.status, {"ok": False, "error": failure.error}, failure.headers)
            return
        self._send(request, 200, self._answer(method, params, token))

    @staticmethod
    def _params(content_type: str, raw: bytes, full_path: str) -> dict[str, Any]:
        text = raw.decode("utf-8") if raw else ""
        if "json" in content_type and text:
            return json.loads(text)
        params: dict[str, Any] = dict(parse_qsl(text or full_path.partition("?")[2], keep_blank_values=True))
        for key in JSON_FIELDS:
            if isinstance(params.get(key), str):
                try:
                    params[key] = json.loads(params[key])
                except ValueError:
                    pass
        return params

    def _take_failure(self, method: str, params: dict[str, Any]) -> Failure | None:
        queue = self._failures.get(method) or []
        failure = next((f for f in queue if f.where is None or f.where(params)), None)
        if failure is None:
            return None
        failure.times -= 1
        if failure.times <= 0:
            queue.remove(failure)
        return failure

    @staticmethod
    def _send(request: BaseHTTPRequestHandler, status: int, body: dict[str, Any],
              headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        request.send_response(status)
        request.send_header("content-type", "application/json; charset=utf-8")
        request.send_header("content-length", str(len(data)))
        for key, value in (headers or {}).items():
            request.send_header(key, value)
        request.end_headers()
        request.wfile.write(data)

    @staticmethod
    def _block_kit_problems(method: str, params: dict[str, Any]) -> list[str]:
        if method in ("views.open", "views.update", "views.push", "views.publish"):
            view = params.get("view")
            return view_problems(view) if isinstance(view, dict) else []
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            blocks = params.get("blocks")
            return message_problems(blocks) if isinstance(blocks, list) else []
        return []

    def _answer(self, method: str, params: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        n = next(self._counter)
        ts = f"{1_700_000_000 + n}.{n:06d}"
        channel = str(params.get("channel") or params.get("channel_id") or "")
        if channel[:1] in ("U", "W"):
            channel = "D" + channel[1:]
        if method == "auth.test":
            team = team_of_token(token) or TEAM_ID
            return {"ok": True, "url": "https://fake.slack.test/", "team": team, "user": "redflag",
                    "team_id": team, "user_id": BOT_USER_ID, "bot_id": "B0" + team}
        if method == "oauth.v2.access":  # code "code-T0TWO" installs workspace T0TWO
            team = str(params.get("code", "")).removeprefix("code-") or TEAM_ID
            return {"ok": True, "app_id": "A0REDFLAG", "authed_user": {"id": "U0INSTALLER"}, "token_type": "bot",
                    "scope": "commands,chat:write", "access_token": f"xoxb-{team}-bot", "bot_user_id": BOT_USER_ID,
                    "team": {"id": team, "name": f"Workspace {team}"}, "enterprise": None,
                    "is_enterprise_install": False}
        if problems := self._block_kit_problems(method, params):
            # As Slack: the call is refused. The tests' fake_slack fixture fails a test that caused one.
            with self._cond:
                self.refused.append((method, problems))
            return {"ok": False, "error": "invalid_blocks" if method.startswith("chat.") else "invalid_arguments",
                    "response_metadata": {"messages": problems}}
        if method in ("chat.postMessage", "chat.update"):
            message = {"text": params.get("text", ""), "blocks": params.get("blocks", []), "ts": ts, "bot_id": "B0REDFLAG"}
            return {"ok": True, "channel": channel, "ts": params.get("ts", ts), "message": message}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.getPermalink":
            return {"ok": True, "channel": channel,
                    "permalink": f"https://fake.slack.test/archives/{channel}/p{str(params.get('message_ts', ts)).replace('.', '')}"}
        if method.startswith("views."):
            view = dict(params.get("view") or {})
            view.update({"id": str(params.get("view_id") or f"V{n:08d}"), "hash": f"{n}.hash"})  # update: same id
            return {"ok": True, "view": view}
        if method == "conversations.open":
            users = str(params.get("users", ""))
            return {"ok": True, "channel": {"id": "D" + users.split(",")[0][1:]}}
        if method == "conversations.members":
            return {"ok": True, "members": self.channel_members.get(channel, []), "response_metadata": {"next_cursor": ""}}
        if method == "users.info":
            user = self.users.get(str(params.get("user")))
            if not user:
                return {"ok": False, "error": "user_not_found"}
            if str(params.get("include_locale")).lower() not in ("1", "true"):  # as Slack: only when asked
                user = {k: v for k, v in user.items() if k != "locale"}
            return {"ok": True, "user": user}
        if method == "users.list":
            return {"ok": True, "members": list(self.users.values()), "response_metadata": {"next_cursor": ""}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{n:08d}"
            return {"ok": True, "upload_url": self.base_url.replace("/api/", f"/upload/{file_id}"), "file_id": file_id}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title", "")} for f in params.get("files", [])]}
        return {"ok": True}
