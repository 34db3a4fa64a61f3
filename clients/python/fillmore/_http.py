"""One API call with the client's credentials, retried only where that is safe.

Reads, cancels and submits that carry their client order id are repeated after a lost answer, a
5xx or a 429 (waiting out Retry-After when it is short enough); everything else is sent once, so no
retry can ever do a thing twice. Standard library only (urllib).
"""
from __future__ import annotations

import http.client
import json
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal
from typing import Any, Callable

from .errors import ApiError, ConnectionFailed

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
TRANSPORT_ERRORS = (urllib.error.URLError, ConnectionError, socket.timeout, TimeoutError,
                    http.client.HTTPException, OSError)


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)   # prices have a few decimals: the float prints them exactly
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def query(**params: Any) -> str:
    """A query string of the parameters that are not None ('' when there are none)."""
    given = {k: v for k, v in params.items() if v is not None}
    return "?" + urllib.parse.urlencode(given) if given else ""


class Http:
    """Sends requests to one service with one credential; shared by the client and its stream."""

    def __init__(self, base_url: str, headers: Callable[[], dict[str, str]], max_retries: int,
                 retry_base_delay: float, max_retry_delay: float, max_retry_after: float, timeout: float,
                 sleep: Callable[[float], None] = time.sleep):
        self.base_url = base_url.rstrip("/")
        self.headers = headers
        self.max_retries = max_retries
        self.retry_base_delay = retry_base_delay
        self.max_retry_delay = max_retry_delay
        self.max_retry_after = max_retry_after
        self.timeout = timeout
        self.sleep = sleep

    def call(self, method: str, path: str, body: Any = None, *, safe: bool,
             client_order_id: str | None = None, extra_timeout: float = 0.0) -> tuple[int, Any, str]:
        """(status, parsed JSON or None, text) of a 2xx answer; raises ApiError or ConnectionFailed."""
        attempts = self.max_retries + 1 if safe else 1
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._once(method, path, body, client_order_id, self.timeout + extra_timeout)
            except ApiError as refused:
                delay = self._delay(attempt, refused.retry_after) \
                    if refused.status in RETRYABLE_STATUSES and attempt < attempts else None
                if delay is None:
                    refused.client_order_id = client_order_id
                    raise
            except TRANSPORT_ERRORS as lost:
                if attempt >= attempts:
                    raise ConnectionFailed(f"{method} {path} failed after {attempt} attempt(s): {lost}",
                                           attempt, client_order_id) from lost
                delay = self._delay(attempt, None)
            self.sleep(delay if delay is not None else self.max_retry_delay)

    def _once(self, method: str, path: str, body: Any, client_order_id: str | None,
              timeout: float) -> tuple[int, Any, str]:
        data = None if body is None else json.dumps(body, default=_encode).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        for name, value in self.headers().items():
            request.add_header(name, value)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if client_order_id:
            request.add_header("Idempotency-Key", client_order_id)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                text = response.read().decode()
                return response.status, _parse(text, response.headers.get_content_type()), text
        except urllib.error.HTTPError as error:
            text = error.read().decode(errors="replace")
            body_json = _parse(text, error.headers.get_content_type() if error.headers else "")
            raise ApiError.from_problem(error.code, body_json if isinstance(body_json, dict) else None, text,
                                        _retry_after(error.headers)) from None

    def _delay(self, attempt: int, retry_after: float | None) -> float | None:
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_after else None
        backoff = min(self.retry_base_delay * 2 ** (attempt - 1), self.max_retry_delay)
        return backoff * (0.8 + 0.4 * random.random())


def _parse(text: str, content_type: str) -> Any:
    if not text or "json" not in content_type:
        return None
    try:
        return json.loads(text, parse_float=Decimal)
    except ValueError:
        return None


def _retry_after(headers: Any) -> float | None:
    value = headers.get("Retry-After") if headers else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
