"""The event stream that resumes by seq.

Reads events over the WebSocket when the `websockets` module is importable (else, or on request, by
long-polling GET /api/v1/events?wait=). When the connection drops (a reset, a restart of the service,
a CLIENT_TOO_SLOW or SERVER_SHUTTING_DOWN close, three missed heartbeats) it reconnects with
since=<the last seq it yielded>. Every event it yields has a larger seq than the one before for its
trader, so the overlap of a replay is never yielded twice. Refusals (a bad parameter, wrong
credentials) are not retried: they are the caller's to fix.
"""
from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Iterator

from .errors import ApiError, ConnectionFailed
from .models import OrderEvent

if TYPE_CHECKING:
    from .client import Client

try:  # optional: Debian's python3-websockets (10.4) or newer
    import websockets
    import websockets.exceptions
except ImportError:  # pragma: no cover - depends on the machine
    websockets = None  # type: ignore[assignment]

# How long one blocking read waits before looking at the stop flag again.
_TICK = 0.5


@dataclass(frozen=True)
class StreamNotice:
    """News about the connection: "connected", "replay_complete" or "disconnected" (with the reason)."""

    kind: str
    last_seq: int | None
    detail: str | None = None


class EventStream:
    """An iterator of OrderEvent that survives drops; see Client.events."""

    def __init__(self, client: "Client", *, since: int | None, symbol: str | None, order_id: str | None,
                 trader_id: str | None, transport: str, poll_wait: int,
                 on_notice: Callable[[StreamNotice], None] | None, stop: threading.Event | None):
        if transport == "auto":
            transport = "websocket" if websockets is not None else "poll"
        if transport == "websocket" and websockets is None:
            raise ImportError("the websocket transport needs the websockets module (Debian: python3-websockets)")
        self.client = client
        self.transport = transport
        self.symbol, self.order_id, self.trader_id = symbol, order_id, trader_id
        self.poll_wait = poll_wait
        self.on_notice = on_notice
        self.stop = stop or threading.Event()
        self.resume_after = since
        self._last_by_trader: dict[str, int] = {}
        self._failures = 0

    def __iter__(self) -> Iterator[OrderEvent]:
        source = self._socket_events if self.transport == "websocket" else self._polled_events
        while not self.stop.is_set():
            try:
                for event in source():
                    if self._is_new(event):
                        self._failures = 0
                        yield event
            except ApiError as refused:
                if refused.status < 500 and refused.status != 429:
                    raise
                self._dropped(str(refused))
            except (ConnectionFailed, OSError, asyncio.TimeoutError, _Drop) as lost:
                self._dropped(str(lost) or type(lost).__name__)
            except Exception as lost:  # websockets' own errors (closed, refused upgrade with a 5xx)
                if websockets is None or not isinstance(lost, websockets.exceptions.WebSocketException):
                    raise
                self._dropped(str(lost))

    def _is_new(self, event: OrderEvent) -> bool:
        """Advances the trader's last seq; False for an event at or below it (a replay's overlap)."""
        last = self._last_by_trader.get(event.trader_id)
        if last is not None and event.seq <= last:
            return False
        self._last_by_trader[event.trader_id] = event.seq
        # Seqs are per trader: resuming by seq is possible only on one trader's stream.
        self.resume_after = event.seq if len(self._last_by_trader) == 1 or self.trader_id else None
        return True

    def _wanted(self, event: OrderEvent) -> bool:
        return (self.symbol is None or event.symbol.upper() == self.symbol.upper()) \
            and (self.order_id is None or event.order_id == self.order_id)

    def _dropped(self, reason: str) -> None:
        self._failures += 1
        self._notify("disconnected", reason)
        http = self.client.http
        delay = min(http.retry_base_delay * 2 ** min(self._failures - 1, 10), http.max_retry_delay)
        self.stop.wait(delay)

    def _notify(self, kind: str, detail: str | None = None) -> None:
        if self.on_notice is not None:
            self.on_notice(StreamNotice(kind, self.resume_after, detail))

    # ---- long-poll

    def _polled_events(self) -> Iterator[OrderEvent]:
        first = True
        while not self.stop.is_set():
            after = self.resume_after or 0
            events, last_seq = self.client.poll_events(after, limit=1000, wait=self.poll_wait,
                                                       trader_id=self.trader_id)
            if first:
                self._notify("connected")
                first = False
            for event in events:
                if self._wanted(event):
                    yield event
                else:
                    self._is_new(event)   # skipped by the filter, yet read: the next poll starts past it
            if self.resume_after is None or last_seq > self.resume_after:
                self.resume_after = last_seq

    # ---- WebSocket

    def _socket_events(self) -> Iterator[OrderEvent]:
        loop = asyncio.new_event_loop()
        try:
            socket = loop.run_until_complete(self._connect())
            try:
                yield from self._frames(loop, socket)
            finally:
                loop.run_until_complete(_close(socket))
        finally:
            loop.close()

    async def _connect(self) -> Any:
        http = self.client.http
        parts = urllib.parse.urlsplit(http.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        params = {k: v for k, v in dict(since=self.resume_after, symbol=self.symbol, order_id=self.order_id,
                                        trader_id=self.trader_id).items() if v is not None}
        url = f"{scheme}://{parts.netloc}{parts.path}/ws/orders/events"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        headers = self.client.auth_headers()
        try:
            return await _open(url, headers, http.timeout)
        except Exception as refused:  # a refused upgrade names its status
            status = _status_of(refused)
            if status in (400, 401, 403, 404):
                raise ApiError(status, _CODES.get(status, f"HTTP_{status}"), "WebSocket upgrade refused",
                               f"The service refused the event stream with {status}; the same query over plain "
                               "HTTP shows the problem document.") from None
            raise

    def _frames(self, loop: asyncio.AbstractEventLoop, socket: Any) -> Iterator[OrderEvent]:
        heartbeat = 15.0
        silent_since = time.monotonic()
        while not self.stop.is_set():
            try:
                text = loop.run_until_complete(asyncio.wait_for(socket.recv(), _TICK))
            except asyncio.TimeoutError:
                if time.monotonic() - silent_since > 3 * heartbeat:
                    raise _Drop("three heartbeats missed") from None
                continue
            silent_since = time.monotonic()
            frame = json.loads(text, parse_float=Decimal)
            if "seq" in frame:
                yield OrderEvent.from_json(frame)
            elif frame.get("event") == "subscribed":
                heartbeat = float(frame.get("heartbeat_seconds") or heartbeat)
                self._notify("connected")
            elif frame.get("event") == "replay_complete":
                self._notify("replay_complete")
            elif frame.get("event") == "closing":
                raise _Drop(f"{frame.get('code')}: {frame.get('reason')}")


class _Drop(Exception):
    """The connection ended in a way that calls for a reconnect."""


_CODES = {400: "VALIDATION_FAILED", 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND"}


async def _open(url: str, headers: dict[str, str], timeout: float) -> Any:
    # websockets 10-13 (Debian bookworm has 10.4) take extra_headers; 14 and later additional_headers.
    major = int(websockets.__version__.split(".")[0])
    key = "additional_headers" if major >= 14 else "extra_headers"
    return await websockets.connect(url, open_timeout=timeout, ping_interval=None, max_size=None,
                                    **{key: headers})


async def _close(socket: Any) -> None:
    try:
        await asyncio.wait_for(socket.close(), 2)
    except Exception:  # noqa: BLE001 - the connection is going away anyway
        pass


def _status_of(error: Exception) -> int | None:
    status = getattr(error, "status_code", None)  # websockets 10-13: InvalidStatusCode
    response = getattr(error, "response", None)  # websockets 14+: InvalidStatus
    return status if status is not None else getattr(response, "status_code", None)
