"""The API's objects as dataclasses (docs/api.md): orders and fills, events, the account with its
positions and limits, instruments, audit entries and the chain's verdict, API keys. Money and prices
are Decimals; enums are the API's strings ("BUY", "LIMIT", "PENDING", ...); times are the API's ISO
8601 strings. Answers are read leniently: fields the contract adds later are kept in `raw` and never
break an older client.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

T = TypeVar("T")

TERMINAL_STATUSES = frozenset({"FILLED", "CANCELLED", "REJECTED", "DENIED", "EXPIRED", "FAILED"})


def _build(cls: type[T], data: dict[str, Any]) -> T:
    """The dataclass from a JSON object: known fields taken, nested ones built by their `build` metadata,
    whole numbers of a Decimal field made Decimals (JSON writes 100000.00 as 100000 as well)."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name == "raw":
            values["raw"] = data
        elif f.name in data:
            build = f.metadata.get("build")
            value = data[f.name]
            if isinstance(value, int) and not isinstance(value, bool) and "Decimal" in str(f.type):
                value = Decimal(value)
            values[f.name] = build(value) if build and value is not None else value
    return cls(**values)


@dataclass
class Fill:
    """One execution of an order (counted once per venue and execution id)."""

    id: str
    execution_id: str
    quantity_filled: int
    price_at_fill: Decimal
    venue: str | None = None
    commission: Decimal | None = None
    timestamp: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Order:
    """An order as the service answers it; `fills` and `legs` only on GET /orders/{id}."""

    id: str
    trader_id: str
    symbol: str
    side: str
    quantity: int
    status: str
    client_order_id: str | None = None
    order_type: str | None = None
    price: Decimal | None = None
    stop_price: Decimal | None = None
    time_in_force: str | None = None
    stop_loss: Decimal | None = None
    take_profit: Decimal | None = None
    filled_quantity: int = 0
    average_fill_price: Decimal | None = None
    order_class: str | None = None
    leg_role: str | None = None
    parent_order_id: str | None = None
    trigger_price: Decimal | None = None
    reason: str | None = None
    venue: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    fills: list[Fill] | None = field(default=None, metadata={"build": lambda v: [_build(Fill, x) for x in v]})
    legs: list["Order"] | None = field(default=None,
                                       metadata={"build": lambda v: [_build(Order, x) for x in v]})
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def is_terminal(self) -> bool:
        """True when the order can change no more (FILLED, CANCELLED, REJECTED, DENIED, EXPIRED, FAILED)."""
        return self.status in TERMINAL_STATUSES

    def leg(self, role: str) -> "Order | None":
        """The exit with this leg role (TAKE_PROFIT, STOP_LOSS), if this order has legs."""
        return next((l for l in self.legs or [] if l.leg_role == role), None)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Order":
        return _build(cls, data)


@dataclass
class EventFill:
    """The fill an order.filled / order.partially_filled event carries."""

    execution_id: str
    quantity: int
    price: Decimal
    venue: str | None = None
    commission: Decimal | None = None
    timestamp: str | None = None


@dataclass
class EventPosition:
    """The trader's position in the symbol right after a fill."""

    symbol: str
    quantity: int
    average_cost: Decimal | None = None


@dataclass
class OrderEvent:
    """One order event (docs/streaming.md), numbered per trader by a gap-free `seq`."""

    seq: int
    event: str
    order_id: str
    trader_id: str
    symbol: str
    status: str
    side: str | None = None
    client_order_id: str | None = None
    quantity: int = 0
    filled_quantity: int = 0
    average_fill_price: Decimal | None = None
    fill: EventFill | None = field(default=None, metadata={"build": lambda v: _build(EventFill, v)})
    position: EventPosition | None = field(default=None, metadata={"build": lambda v: _build(EventPosition, v)})
    reason: str | None = None
    order_class: str | None = None
    parent_order_id: str | None = None
    timestamp: str | None = None
    recorded_at: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "OrderEvent":
        return _build(cls, data)


@dataclass
class Page(Generic[T]):
    """A page of a list: `data`, the `total` matching, and the page's `limit` and `offset`."""

    data: list[T]
    total: int
    limit: int
    offset: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.data) < self.total


@dataclass
class SubmitResult:
    """A submit's answer: the order, and whether it was already there (the same client order id)."""

    order: Order
    replayed: bool


def _omit_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


@dataclass
class OrderRequest:
    """The body of POST /api/v1/orders. Leave client_order_id None and Client.submit_order makes one,
    reused on every retry of that call; set it yourself to stay idempotent across restarts of your bot."""

    symbol: str
    side: str
    quantity: int
    order_type: str | None = None
    price: Decimal | float | None = None
    stop_price: Decimal | float | None = None
    time_in_force: str | None = None
    expire_at: str | None = None
    stop_loss: Decimal | float | None = None
    take_profit: Decimal | float | None = None
    stop_loss_limit_price: Decimal | float | None = None
    trail_price: Decimal | float | None = None
    trail_percent: Decimal | float | None = None
    order_class: str | None = None
    max_slippage_bps: Decimal | float | None = None
    max_wait_seconds: int | None = None
    client_order_id: str | None = None
    venue: str | None = None
    """A venue's name (Client.venues()) or "SMART" (Fillmore chooses; Client.routing() says why); None: the
    service's default venue."""

    def to_json(self) -> dict[str, Any]:
        """The JSON body: fields left None are left out (the API reads them as not given)."""
        return _omit_none(dataclasses.asdict(self))

    @classmethod
    def market(cls, symbol: str, side: str, quantity: int, **more: Any) -> "OrderRequest":
        return cls(symbol, side, quantity, order_type="MARKET", **more)

    @classmethod
    def limit(cls, symbol: str, side: str, quantity: int, price: Decimal | float, **more: Any) -> "OrderRequest":
        return cls(symbol, side, quantity, order_type="LIMIT", price=price, **more)

    @classmethod
    def stop(cls, symbol: str, side: str, quantity: int, stop_price: Decimal | float, **more: Any) -> "OrderRequest":
        return cls(symbol, side, quantity, order_type="STOP", stop_price=stop_price, **more)

    @classmethod
    def bracket(cls, symbol: str, side: str, quantity: int, *, stop_loss: Decimal | float,
                take_profit: Decimal | float, price: Decimal | float | None = None,
                stop_price: Decimal | float | None = None, **more: Any) -> "OrderRequest":
        """An entry (LIMIT at `price`, or STOP at `stop_price`) with a stop-loss and a take-profit (GTC)."""
        order_type = "STOP" if stop_price is not None and price is None else "LIMIT"
        more.setdefault("time_in_force", "GTC")
        return cls(symbol, side, quantity, order_type=order_type, price=price, stop_price=stop_price,
                   stop_loss=stop_loss, take_profit=take_profit, order_class="BRACKET", **more)

    @classmethod
    def oco(cls, symbol: str, side: str, quantity: int, *, take_profit: Decimal | float,
            stop_loss: Decimal | float, **more: Any) -> "OrderRequest":
        """Two exits for a position you hold: a take-profit LIMIT and a stop-loss; one cancels the other."""
        more.setdefault("time_in_force", "GTC")
        return cls(symbol, side, quantity, order_class="OCO", take_profit=take_profit, stop_loss=stop_loss, **more)


@dataclass
class Position:
    """One non-zero position of an account, marked to market (at the quote's mid price)."""

    symbol: str
    quantity: int
    average_cost: Decimal
    market_price: Decimal | None = None
    market_value: Decimal | None = None
    unrealised_pnl: Decimal | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class LimitUsage:
    """One risk limit and how much of it is used now; `limit` is None on an account without limits.
    `unit` says what the numbers count (shares, USD, orders; short_selling_enabled: 1 allowed, 0 not)."""

    name: str
    limit: Decimal | None = None
    current: Decimal | None = None
    unit: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Account:
    """GET /api/v1/account: cash, what open buys reserve, buying power, positions, today's P&L, limits."""

    trader_id: str
    cash: Decimal
    reserved: Decimal = Decimal(0)
    buying_power: Decimal = Decimal(0)
    trading_day: str | None = None
    realised_pnl_today: Decimal = Decimal(0)
    unrealised_pnl: Decimal = Decimal(0)
    trading_halted: bool = False
    global_halt_reason: str | None = None
    positions: list[Position] = field(default_factory=list,
                                      metadata={"build": lambda v: [_build(Position, x) for x in v]})
    limits: list[LimitUsage] = field(default_factory=list,
                                     metadata={"build": lambda v: [_build(LimitUsage, x) for x in v]})
    default_max_slippage_bps: Decimal | None = None
    max_slippage_bps: Decimal | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def position(self, symbol: str) -> Position | None:
        """The position in `symbol`, if there is one."""
        return next((p for p in self.positions if p.symbol == symbol), None)

    def limit(self, name: str) -> LimitUsage | None:
        """The limit named `name` (max_open_orders, daily_loss_limit, ...), if the answer has it."""
        return next((u for u in self.limits if u.name == name), None)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Account":
        return _build(cls, data)


@dataclass
class Instrument:
    """An instrument of the venue with its quote (None: no quote). `status`: ACTIVE, HALTED or DELISTED."""

    symbol: str
    name: str | None = None
    status: str | None = None
    tick_size: Decimal | None = None
    bid: Decimal | None = None
    ask: Decimal | None = None
    last: Decimal | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Instrument":
        return _build(cls, data)


@dataclass
class FeeSchedule:
    """What a venue charges, as the SMART router assumes it (docs/routing.md, "Fees")."""

    taker_bps: Decimal = Decimal(0)
    taker_per_share: Decimal = Decimal(0)
    maker_rebate_per_share: Decimal = Decimal(0)
    per_order: Decimal = Decimal(0)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "FeeSchedule":
        return _build(cls, data)


@dataclass
class TradingVenue:
    """A venue an order may name: whether you may use it, whether orders can go there now, what it takes and
    charges."""

    name: str
    allowed: bool = True
    halted: bool = False
    connected: bool = True
    reachable: bool = True
    order_types: list[str] = field(default_factory=list)
    times_in_force: list[str] = field(default_factory=list)
    fees: FeeSchedule = field(default_factory=FeeSchedule, metadata={"build": FeeSchedule.from_json})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "TradingVenue":
        return _build(cls, data)


@dataclass
class RouteOption:
    """One venue the SMART router considered: its quote then, this order's price, fees a share and effective
    price there, its health, and why it was left out (None: it could have taken the order)."""

    venue: str
    bid: Decimal | None = None
    ask: Decimal | None = None
    displayed_size: int | None = None
    price: Decimal | None = None
    fee_per_share: Decimal | None = None
    effective_price: Decimal | None = None
    liquidity: str = ""
    health: str = ""
    eligible: bool = False
    excluded: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "RouteOption":
        return _build(cls, data)


@dataclass
class Routing:
    """How an order's venue was chosen: `smart` False when the order named it; else the router's rationale."""

    order_id: str
    venue: str
    smart: bool
    reason: str
    decided_at: str | None = None
    considered: list[RouteOption] = field(default_factory=list,
                                          metadata={"build": lambda xs: [RouteOption.from_json(x) for x in xs]})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Routing":
        return _build(cls, data)


@dataclass
class AuditEntry:
    """One entry of the hash-chained audit trail. A control entry (a halt, an account change, an API key)
    has the nil order id and no status, symbol, side or execution path."""

    id: int
    order_id: str
    trader_id: str
    action: str
    timestamp: str
    actor: str
    previous_hash: str
    hash: str
    status: str | None = None
    reason: str | None = None
    retry_attempt: int | None = None
    error_code: str | None = None
    symbol: str | None = None
    side: str | None = None
    quantity: int = 0
    price: Decimal | None = None
    venue: str | None = None
    execution_path: str | None = None
    partition: int | None = None
    partition_seq: int | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "AuditEntry":
        return _build(cls, data)


@dataclass
class AuditVerification:
    """The trail's verdict (GET /api/v1/audit/verify). When broken, entries/head_id/head_hash describe what
    verified intact, `problem` is CHANGED, REMOVED, INSERTED or REORDERED, and a broken entry in a partition
    is named by first_broken_partition and first_broken_seq (first_broken_id while its row exists)."""

    valid: bool
    entries: int
    head_id: int
    head_hash: str
    verified_at: str | None = None
    first_broken_id: int | None = None
    problem: str | None = None
    detail: str | None = None
    first_broken_partition: int | None = None
    first_broken_seq: int | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "AuditVerification":
        return _build(cls, data)


@dataclass
class ApiKey:
    """An API key as the admin API shows it: its id (the key's prefix), never its hash. `key` is the key
    itself, only in the answer that made it (create_api_key, rotate_api_key): shown once."""

    id: str
    user: str
    scope: str
    status: str
    created_at: str
    created_by: str
    label: str | None = None
    expires_at: str | None = None
    revoked_at: str | None = None
    last_used_at: str | None = None
    replaced_by: str | None = None
    key: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ApiKey":
        return _build(cls, data)
