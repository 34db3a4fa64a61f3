"""Fillmore's Python client.

    from fillmore import Client, OrderRequest, ApiError
    client = Client("http://127.0.0.1:5080", api_key="alice-demo-key")
    order = client.submit_order(OrderRequest.bracket("AAPL", "BUY", 10, price=189, stop_loss=180, take_profit=200))
    for event in client.events(since=0):
        print(event.seq, event.event, event.status)

Submits are idempotent (a client order id is generated once per call and sent with every attempt),
refusals raise ApiError with the service's code, errors and suggestion, and the event stream
resumes by seq after any drop without yielding an event twice.
"""
from .client import Client
from .errors import ApiError, ConnectionFailed, FillmoreError, ProblemError
from .models import (Account, ApiKey, AuditEntry, AuditVerification, EventFill, EventPosition, FeeSchedule, Fill,
                     Instrument, LimitUsage, Order, OrderEvent, OrderRequest, Page, Position, RouteOption, Routing,
                     SubmitResult, TradingVenue)
from .stream import StreamNotice

__all__ = [
    "Client", "ApiError", "ConnectionFailed", "FillmoreError", "Account", "ApiKey", "AuditEntry",
    "AuditVerification", "EventFill", "EventPosition", "Fill", "Instrument", "LimitUsage", "Order",
    "OrderEvent", "OrderRequest", "Page", "Position", "ProblemError", "SubmitResult", "StreamNotice",
    "FeeSchedule", "RouteOption", "Routing", "TradingVenue",
]
