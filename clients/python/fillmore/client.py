"""The client of Fillmore's HTTP API (docs/api.md) and event stream (docs/streaming.md).

Every refusal raises ApiError with the service's code, errors and suggestion. Submits are idempotent:
each carries a client order id (yours, or one generated once per call) on every attempt, so a lost
answer is retried without ever creating a second order. Calls that are not safe to repeat (amend,
retry, acknowledge) are sent once. One Client may be shared by threads.
"""
from __future__ import annotations

import uuid
from typing import Any, Callable, Iterator

from ._http import Http, query
from .models import (Account, ApiKey, AuditEntry, AuditVerification, Instrument, Order, OrderEvent, OrderRequest,
                     Page, Routing, SubmitResult, TradingVenue)
from .stream import EventStream, StreamNotice


class Client:
    """A client of one Fillmore service with an API key or a JWT (`token`, or `token_provider` to refresh it)."""

    def __init__(self, base_url: str = "http://127.0.0.1:5080", *, api_key: str | None = None,
                 token: str | None = None, token_provider: Callable[[], str] | None = None,
                 max_retries: int = 4, retry_base_delay: float = 0.2, max_retry_delay: float = 5.0,
                 max_retry_after: float = 60.0, timeout: float = 30.0):
        self._api_key = api_key
        self._token = token
        self._token_provider = token_provider
        self.http = Http(base_url, self.auth_headers, max_retries, retry_base_delay, max_retry_delay,
                         max_retry_after, timeout)

    def auth_headers(self) -> dict[str, str]:
        """The credential headers, for HTTP and for the WebSocket upgrade."""
        if self._token_provider is not None:
            return {"Authorization": "Bearer " + self._token_provider()}
        if self._token is not None:
            return {"Authorization": "Bearer " + self._token}
        return {"X-API-Key": self._api_key} if self._api_key else {}

    # ---- Orders

    def submit_order(self, order: OrderRequest) -> SubmitResult:
        """Submits an order. Without a client_order_id one is generated now and sent with every attempt;
        a lost answer, a 5xx or a 429 is retried with it and the service answers the original order
        (replayed=True) instead of making a second one. A 422 raises ApiError whose order_id is the
        stored DENIED order."""
        body = order.to_json()
        body.setdefault("client_order_id", "py-" + uuid.uuid4().hex)
        status, data, _ = self.http.call("POST", "/api/v1/orders", body, safe=True,
                                         client_order_id=body["client_order_id"])
        return SubmitResult(Order.from_json(data), replayed=status == 200)

    def get_order(self, order_id: str) -> Order:
        """The order with its fills and, for a first order with exits, its legs."""
        return Order.from_json(self._get(f"/api/v1/orders/{order_id}"))

    def list_orders(self, *, status: str | None = None, symbol: str | None = None, limit: int | None = None,
                    offset: int | None = None, trader_id: str | None = None) -> Page[Order]:
        """A page of orders, newest first."""
        data = self._get("/api/v1/orders" + query(status=status, symbol=symbol, limit=limit, offset=offset,
                                                  trader_id=trader_id))
        return _page(data)

    def amend_order(self, order_id: str, *, quantity: int | None = None, price: Any = None, stop_price: Any = None,
                    trail_price: Any = None, trail_percent: Any = None) -> tuple[Order, bool]:
        """Changes a held or working order's terms; (order, sent_to_venue). Sent once: an amend whose answer
        was lost is for you to check (get_order) before sending another."""
        body = {k: v for k, v in dict(quantity=quantity, price=price, stop_price=stop_price,
                                      trail_price=trail_price, trail_percent=trail_percent).items() if v is not None}
        status, data, _ = self.http.call("PATCH", f"/api/v1/orders/{order_id}", body, safe=False)
        return Order.from_json(data), status == 202

    def cancel_order(self, order_id: str) -> Order:
        """Cancels an order (CANCELLED at once when held, else PENDING_CANCEL until the venue confirms).
        Safe to repeat."""
        return Order.from_json(self.http.call("POST", f"/api/v1/orders/{order_id}/cancel", safe=True)[1])

    def cancel_all(self, symbol: str | None = None) -> list[Order]:
        """Cancels every open and held order (of one symbol when given); the orders it touched."""
        return _page(self.http.call("DELETE", "/api/v1/orders" + query(symbol=symbol), safe=True)[1]).data

    def retry_order(self, order_id: str) -> Order:
        """Re-sends a FAILED (or in-doubt) order under its id, the venue asked first. Sent once."""
        return Order.from_json(self.http.call("POST", f"/api/v1/orders/{order_id}/retry", safe=False)[1])

    def acknowledge_order(self, order_id: str) -> Order:
        """Closes out a FAILED (or in-doubt) order. Sent once."""
        return Order.from_json(self.http.call("POST", f"/api/v1/orders/{order_id}/acknowledge", safe=False)[1])

    def order_audit(self, order_id: str) -> list[AuditEntry]:
        """The order's audit entries, oldest first."""
        return [AuditEntry.from_json(e) for e in self._get(f"/api/v1/orders/{order_id}/audit")["data"]]

    # ---- Account, instruments, admin

    def account(self, trader_id: str | None = None) -> Account:
        """Your account (compliance: `trader_id`'s): cash, reserved, buying power, positions, P&L and limits."""
        return Account.from_json(self._get("/api/v1/account" + query(trader_id=trader_id)))

    def instruments(self) -> list[Instrument]:
        """The instruments with their live quotes (bid, ask, last) and tick sizes, by symbol."""
        return [Instrument.from_json(i) for i in self._get("/api/v1/instruments")["data"]]

    def venues(self) -> tuple[str, list[TradingVenue]]:
        """The default venue (a name, or SMART) and the venues an order may name, with what each takes and charges."""
        data = self._get("/api/v1/venues")
        return data["default_venue"], [TradingVenue.from_json(v) for v in data["data"]]

    def routing(self, order_id: str) -> Routing:
        """How the order's venue was chosen: every venue the SMART router considered, and why."""
        return Routing.from_json(self._get(f"/api/v1/orders/{order_id}/routing"))

    def set_price(self, symbol: str, price: Any) -> Instrument:
        """Admin, Development only: moves the paper exchange's price; the instrument with its new quote."""
        return Instrument.from_json(self.http.call("POST", "/api/v1/admin/prices",
                                                   {"symbol": symbol, "price": price}, safe=True)[1])

    def verify_audit(self) -> AuditVerification:
        """Compliance: recomputes the whole audit chain on the service."""
        return AuditVerification.from_json(self._get("/api/v1/audit/verify"))

    def create_api_key(self, user: str, scope: str = "trade", *, label: str | None = None,
                       expires_at: str | None = None) -> ApiKey:
        """Admin: a new key for `user` (scope trade, read-only, compliance or admin); its `key` is in this
        answer only. Sent once: a repeat would make a second key."""
        body = {k: v for k, v in dict(user=user, scope=scope, label=label, expires_at=expires_at).items()
                if v is not None}
        return ApiKey.from_json(self.http.call("POST", "/api/v1/admin/api-keys", body, safe=False)[1])

    def api_keys(self, user: str | None = None) -> list[ApiKey]:
        """Admin: every key made through the admin API (of `user` only, when given), newest first."""
        return [ApiKey.from_json(k) for k in self._get("/api/v1/admin/api-keys" + query(user=user))["keys"]]

    def rotate_api_key(self, key_id: str, grace_seconds: int | None = None) -> tuple[ApiKey, ApiKey]:
        """Admin: (the new key, with its `key` shown once; the one it replaced, revoked now or expiring after
        `grace_seconds`). Sent once."""
        data = self.http.call("POST", f"/api/v1/admin/api-keys/{key_id}/rotate" + query(grace_seconds=grace_seconds),
                              safe=False)[1]
        return ApiKey.from_json(data["key"]), ApiKey.from_json(data["replaced"])

    def revoke_api_key(self, key_id: str, reason: str | None = None) -> ApiKey:
        """Admin: revokes a key on every node; `reason` goes into the audit trail. Sent once."""
        return ApiKey.from_json(self.http.call("POST", f"/api/v1/admin/api-keys/{key_id}/revoke"
                                               + query(reason=reason), safe=False)[1])

    def is_ready(self) -> bool:
        """True once the service has finished start-up recovery (GET /health/ready answers 200)."""
        try:
            self.http.call("GET", "/health/ready", safe=False)
            return True
        except Exception:  # noqa: BLE001 - any failure means "not ready yet"
            return False

    # ---- Events

    def poll_events(self, after: int = 0, *, limit: int | None = None, wait: int | None = None,
                    trader_id: str | None = None) -> tuple[list[OrderEvent], int]:
        """One poll of GET /api/v1/events: (events after `after`, the seq to poll after next)."""
        data = self.http.call("GET", "/api/v1/events" + query(after=after, limit=limit, wait=wait,
                                                              trader_id=trader_id),
                              safe=True, extra_timeout=float(wait or 0))[1]
        return [OrderEvent.from_json(e) for e in data["data"]], data["last_seq"]

    def events(self, since: int | None = None, *, symbol: str | None = None, order_id: str | None = None,
               trader_id: str | None = None, transport: str = "auto", poll_wait: int = 25,
               on_notice: Callable[[StreamNotice], None] | None = None,
               stop: Any = None) -> Iterator[OrderEvent]:
        """Your order events, live, for as long as you iterate (or until `stop`, a threading.Event, is set).

        A drop (network, restart of the service, a slow-client close) is resumed with since = the last seq
        yielded: no event is missed and none is yielded twice. Pass `since` (the seq of the last event you
        processed; 0 for everything) to resume across restarts of your program. `transport`: "websocket"
        (needs the websockets module), "poll" (GET /api/v1/events?wait=), or "auto" (the first when it can).
        """
        stream = EventStream(self, since=since, symbol=symbol, order_id=order_id, trader_id=trader_id,
                             transport=transport, poll_wait=poll_wait, on_notice=on_notice, stop=stop)
        return iter(stream)

    def _get(self, path: str) -> Any:
        return self.http.call("GET", path, safe=True)[1]


def _page(data: dict[str, Any]) -> Page[Order]:
    return Page([Order.from_json(o) for o in data["data"]], data["total"], data["limit"], data["offset"])
