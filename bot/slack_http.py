"""Web API calls over kept-alive HTTP connections instead of slack_sdk's one new connection per call.

slack_sdk's WebClient opens (and for slack.com, TLS-handshakes) a fresh connection for every call
through urllib. `KeepAliveWebClient` sends the same request over a connection kept open per thread
and host, and answers exactly as urllib would: 2xx as a response dict, anything else as an
`HTTPError` carrying the body (so the retry handlers see 429s and their Retry-After as before),
and a failure to connect or send as `URLError` (errors after the request was sent are raised as they
are, as urllib's). It never re-sends a request itself; retries stay with the retry handlers, as before. A connection idle for more than IDLE_SECONDS, or one the server
closed meanwhile, is replaced before use, so a stale connection is not where a call goes.
"""

from __future__ import annotations

import http.client
import io
import select
import threading
import time
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request

from slack_sdk import WebClient

IDLE_SECONDS = 5.0  # well below the idle timeouts of common servers and load balancers (60 s and more)

_connections = threading.local()  # .pool: (scheme, host:port) → (idle connection, when last used)


class KeepAliveWebClient(WebClient):
    """A WebClient whose calls reuse this thread's open connection to the API host."""

    @classmethod
    def like(cls, client: WebClient) -> KeepAliveWebClient:
        """The same client (token, URL, timeout, retry handlers…), keeping its connections alive."""
        return cls(token=client.token, base_url=client.base_url, timeout=client.timeout, ssl=client.ssl,
                   proxy=client.proxy, headers=dict(client.headers), team_id=client.default_params.get("team_id"),
                   logger=client.logger,
                   retry_handlers=list(client.retry_handlers))

    def _perform_urllib_http_request_internal(self, url: str, req: Request) -> dict[str, Any]:
        parts = urlsplit(url)
        if self.proxy is not None or parts.scheme not in ("http", "https"):
            return super()._perform_urllib_http_request_internal(url, req)
        key = (parts.scheme, parts.netloc)
        connection = _open_connection(key, self.ssl, self.timeout)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            try:
                connection.request(req.get_method(), path, body=req.data, headers=dict(req.header_items()))
            except OSError as error:  # not sent (connecting, sending): a URLError, retried, as urllib's
                raise URLError(error) from error
            # Sent: errors from here on are raised as they are, as urllib's are, so that a timeout after
            # Slack got the call is not retried (it may have posted).
            response = connection.getresponse()
            body = response.read()
        except BaseException:
            connection.close()
            raise
        if response.will_close:
            connection.close()
        else:
            _connections.pool[key] = (connection, time.monotonic())
        if not 200 <= response.status < 300:
            raise HTTPError(url, response.status, response.reason, response.msg, io.BytesIO(body))
        if response.msg.get_content_type() == "application/gzip":
            return {"status": response.status, "headers": response.msg, "body": body}
        return {"status": response.status, "headers": response.msg,
                "body": body.decode(response.msg.get_content_charset() or "utf-8")}


def _open_connection(key: tuple[str, str], ssl: Any, timeout: float) -> http.client.HTTPConnection:
    """This thread's connection to `key`, if it is still fresh and open; else a new one (connected on use)."""
    pool: dict = getattr(_connections, "pool", None) or {}
    _connections.pool = pool
    kept = pool.pop(key, None)
    if kept is not None:
        connection, last_used = kept
        if time.monotonic() - last_used <= IDLE_SECONDS and connection.sock is not None and not _closed(connection.sock):
            connection.sock.settimeout(timeout)
            return connection
        connection.close()
    scheme, host = key
    if scheme == "https":
        return http.client.HTTPSConnection(host, timeout=timeout, context=ssl)
    return http.client.HTTPConnection(host, timeout=timeout)


def _closed(sock: Any) -> bool:
    """An idle connection with something to read has been closed by the server (or is out of step)."""
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))

