"""The errors the client raises on purpose.

ApiError: the service refused (a problem document, RFC 9457, with Fillmore's stable `code`, the
per-field `errors` and a suggested fix). ConnectionFailed: the service could not be reached after
every attempt the call allowed. Both carry the submit's client order id when there was one: submit
again with it to learn what became of the order; it can never create a second one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class FillmoreError(Exception):
    """Base of every error this client raises on purpose."""

    client_order_id: str | None = None


@dataclass(frozen=True)
class ProblemError:
    """One problem of a refusal: the field, its code, the message and the suggested fix."""

    field: str | None
    code: str
    message: str
    suggestion: str
    details: dict[str, Any] | None = None


class ApiError(FillmoreError):
    """A refusal by the service. `code` is what programs switch on (docs/errors.md)."""

    def __init__(self, status: int, code: str, title: str, detail: str,
                 errors: list[ProblemError] | None = None, order_id: str | None = None,
                 retry_after: float | None = None, body: dict[str, Any] | None = None):
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.errors = errors or []
        self.order_id = order_id
        self.retry_after = retry_after
        self.body = body or {}

    @property
    def suggestion(self) -> str | None:
        """The service's suggested fix (the first problem's), if it gave one."""
        return next((e.suggestion for e in self.errors if e.suggestion), None)

    def has(self, code: str) -> bool:
        """True when `code` is the problem's code or one of its errors' codes."""
        return self.code == code or any(e.code == code for e in self.errors)

    @classmethod
    def from_problem(cls, status: int, body: dict[str, Any] | None, text: str,
                     retry_after: float | None) -> "ApiError":
        """Builds the error from a problem document, or from a bare status when the body is not one."""
        if not body or not body.get("code"):
            return cls(status, f"HTTP_{status}", "", text[:500], retry_after=retry_after)
        errors = [ProblemError(e.get("field"), e.get("code", ""), e.get("message", ""),
                               e.get("suggestion") or "", e.get("details"))
                  for e in body.get("errors") or []]
        return cls(status, body["code"], body.get("title", ""), body.get("detail", ""), errors,
                   body.get("order_id"), retry_after, body)


@dataclass
class ConnectionFailed(FillmoreError):
    """The service could not be reached (or did not answer) within the attempts the call allowed."""

    message: str
    attempts: int
    client_order_id: str | None = field(default=None)

    def __str__(self) -> str:
        return self.message
