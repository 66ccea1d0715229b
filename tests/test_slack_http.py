"""Web API calls reuse a kept-alive connection, and answer exactly as slack_sdk's own urllib path."""

from __future__ import annotations

import socket
import threading

import pytest
from freezegun import freeze_time
from slack_sdk.errors import SlackApiError

from bot.app import make_web_client
from bot.sandbox.fake_slack import DROP_CONNECTION
from bot.slack_http import IDLE_SECONDS, KeepAliveWebClient
from tests.conftest import STAFF
from tests.listeners.helpers import open_report_modal


def test_calls_from_one_thread_share_one_connection(settings, fake_slack):
    client = make_web_client(settings)
    for n in range(5):
        assert client.chat_postMessage(channel="C1", text=f"hi {n}")["ok"]
    assert fake_slack.connections == 1


def test_each_thread_has_its_own_connection(settings, fake_slack):
    client = make_web_client(settings)
    threads = [threading.Thread(target=lambda: [client.auth_test() for _ in range(3)]) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fake_slack.connections == 3 and len(fake_slack.calls("auth.test")) == 9


def test_a_connection_idle_too_long_is_replaced(settings, fake_slack):
    client = make_web_client(settings)
    with freeze_time("2026-11-23 10:00:00") as clock:
        client.auth_test()
        clock.tick(IDLE_SECONDS - 1)
        client.auth_test()
        assert fake_slack.connections == 1
        clock.tick(IDLE_SECONDS + 1)
        client.auth_test()
    assert fake_slack.connections == 2


def test_a_connection_the_server_closed_is_replaced_before_use(settings, fake_slack):
    client = KeepAliveWebClient(token="xoxb-test", base_url=settings.slack_api_url, retry_handlers=[])  # no retries
    client.auth_test()
    fake_slack.hang_up()
    assert client.auth_test()["ok"]  # sent over a new connection, not into the closed one
    assert fake_slack.connections == 2 and len(fake_slack.calls("auth.test")) == 2


def test_errors_reach_the_retry_handlers_as_before(settings, fake_slack):
    fake_slack.fail("chat.postMessage", error="ratelimited", status=429, headers={"Retry-After": "0"})
    fake_slack.fail("chat.update", status=DROP_CONNECTION)
    client = make_web_client(settings)
    assert client.chat_postMessage(channel="C1", text="hi")["ok"]
    assert client.chat_update(channel="C1", ts="1.1", text="hi")["ok"]
    assert len(fake_slack.calls("chat.postMessage")) == 2 and len(fake_slack.calls("chat.update")) == 2


def test_an_api_error_is_raised_with_its_body(settings, fake_slack):
    fake_slack.fail("chat.postMessage", error="channel_not_found", status=404)
    with pytest.raises(SlackApiError) as caught:
        make_web_client(settings).chat_postMessage(channel="C1", text="hi")
    assert caught.value.response.status_code == 404 and caught.value.response["error"] == "channel_not_found"


def test_a_copy_keeps_everything_but_the_connections(settings):
    original = make_web_client(settings)
    original.headers["X-Extra"] = "1"
    original.default_params["team_id"] = "T0OTHER"
    copy = KeepAliveWebClient.like(original)
    kept = ("token", "base_url", "timeout", "ssl", "proxy", "headers", "default_params", "logger")
    assert {k: getattr(copy, k) for k in kept} == {k: getattr(original, k) for k in kept}
    assert [type(h) for h in copy.retry_handlers] == [type(h) for h in original.retry_handlers]


@pytest.fixture
def silent_server():  # type: ignore[no-untyped-def]
    """A server that reads each request and never answers: (its URL, how many requests it received)."""
    listener = socket.create_server(("127.0.0.1", 0))
    received, stop = [], threading.Event()

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            if connection.recv(65536):
                received.append(connection)  # kept open, unanswered

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/api/", received
    stop.set()
    thread.join()
    for connection in received:
        connection.close()
    listener.close()


def test_a_call_sent_but_not_answered_in_time_is_not_sent_again(settings, silent_server):
    """Slack may have acted on it (posted): as with slack_sdk's own client, the timeout is raised, not retried."""
    url, received = silent_server
    client = KeepAliveWebClient.like(make_web_client(settings.model_copy(update={"slack_api_url": url})))
    client.timeout = 0.2
    with pytest.raises(TimeoutError):
        client.chat_postMessage(channel="C1", text="hi")
    assert len(received) == 1


def test_listeners_calls_go_over_kept_alive_connections(slack, fake_slack):
    for _ in range(5):
        open_report_modal(slack, fake_slack, user_id=STAFF)
    calls = len(fake_slack.calls())
    assert calls >= 6  # users.info for the locale, then five views.open
    assert fake_slack.connections < calls
