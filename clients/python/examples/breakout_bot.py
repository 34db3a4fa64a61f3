"""A small breakout bot on the fillmore client: it keeps trading correctly across a restart of the
service, a drop of its event stream and a restart of itself.

Each round it buys a breakout with one bracket: a TRAILING_STOP entry that buys once the price climbs
`breakout` above its lowest since the order was placed, a take-profit `target` above the breakout
level and a stop-loss `risk` below it. Fillmore itself holds all three until the price acts, so they
survive a restart of the service. When the entry and both exits are finished the next round starts.

What makes it safe:
- Every bracket has a client order id of its own (`breakout-<round>`), and the request is written to
  the state file *before* it is sent: a retry after a lost answer, or after a restart of the bot,
  sends the same id and fields and gets the same order back, never a second one.
- The seq of the last event it processed is in the state file too: the stream resumes from it
  after any drop or restart, so no event is missed or handled twice.
- A service that is down (restarting) is waited for: calls are retried until it answers.

    python3 examples/breakout_bot.py --url http://127.0.0.1:5080 --key alice-demo-key --rounds 3
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # run from a clone without installing

from fillmore import Client, ConnectionFailed, Order, OrderEvent, OrderRequest  # noqa: E402

T = TypeVar("T")


@dataclasses.dataclass
class BotState:
    """What the bot must remember across its own restarts."""

    round: int = 1
    last_seq: int = 0
    request: dict[str, Any] | None = None   # the current round's bracket, as sent (or about to be)
    entry_id: str | None = None


class BreakoutBot:
    def __init__(self, client: Client, state_path: str, *, symbol: str = "AAPL", rounds: int = 3,
                 quantity: int = 10, breakout: Decimal = Decimal(1), target: Decimal = Decimal(2),
                 risk: Decimal = Decimal(3), transport: str = "auto", log: Callable[[str], None] = print):
        self.client = client
        self.state_path = state_path
        self.symbol, self.rounds, self.quantity = symbol, rounds, quantity
        self.breakout, self.target, self.risk = breakout, target, risk
        self.transport = transport
        self.log = log
        self.state = self._load()
        self.processed: list[int] = []      # the seq of every event handled, in order (for the tests)
        self.position: int | None = None    # the position after each finished round, as the account says

    def run(self, stop: threading.Event | None = None) -> None:
        """Trades until `rounds` brackets are finished or `stop` is set."""
        stop = stop or threading.Event()
        if self.state.round <= self.rounds:
            self._place_bracket()
        events = self.client.events(since=self.state.last_seq, stop=stop, transport=self.transport, poll_wait=5,
                                    on_notice=lambda n: self.log(f"stream {n.kind} (after seq {n.last_seq})"))
        for event in events:
            self._handle(event)
            if self.state.round > self.rounds:
                self.log("all rounds done")
                return

    def _handle(self, event: OrderEvent) -> None:
        self.processed.append(event.seq)
        self.log(f"#{event.seq} {event.event} {event.order_id[:8]} {event.status}")
        if self.state.entry_id is not None and self._finished(self._patiently(
                lambda: self.client.get_order(self.state.entry_id))):
            # The state may be ahead of this event (the stream brings the rest later): read the account.
            held = self._patiently(self.client.account).position(self.symbol)
            self.position = held.quantity if held else 0
            self.log(f"round {self.state.round} done; position {self.position}")
            self.state = BotState(self.state.round + 1, event.seq)
            self._save()
            if self.state.round <= self.rounds:
                self._place_bracket()
        self.state.last_seq = event.seq
        self._save()

    @staticmethod
    def _finished(entry: Order) -> bool:
        return entry.is_terminal and all(leg.is_terminal for leg in entry.legs or [])

    def _place_bracket(self) -> None:
        if self.state.request is None:
            last = next(i for i in self._patiently(self.client.instruments) if i.symbol == self.symbol).last
            level = last + self.breakout
            request = OrderRequest(self.symbol, "BUY", self.quantity, order_type="TRAILING_STOP",
                                   trail_price=self.breakout, take_profit=level + self.target,
                                   stop_loss=level - self.risk, time_in_force="GTC", order_class="BRACKET",
                                   client_order_id=f"breakout-{self.state.round}")
            self.state.request = request.to_json()
            self._save()   # before sending: a restart sends exactly this again
        placed = self._patiently(lambda: self.client.submit_order(OrderRequest(**self.state.request)))
        self.state.entry_id = placed.order.id
        self._save()
        self.log(f"round {self.state.round}: bracket {placed.order.client_order_id} "
                 f"{'(already placed)' if placed.replayed else 'placed'}, take-profit {self.state.request['take_profit']}")

    def _patiently(self, call: Callable[[], T]) -> T:
        """The call, retried for as long as the service cannot be reached (it may be restarting)."""
        while True:
            try:
                return call()
            except ConnectionFailed as down:
                self.log(f"service unreachable ({down}); trying again")
                time.sleep(0.5)

    def _load(self) -> BotState:
        if not os.path.exists(self.state_path):
            return BotState()
        with open(self.state_path) as f:
            return BotState(**json.load(f))

    def _save(self) -> None:
        temporary = self.state_path + ".tmp"
        with open(temporary, "w") as f:
            json.dump(dataclasses.asdict(self.state), f, default=float)   # Decimal prices as numbers
        os.replace(temporary, self.state_path)   # never a half-written state file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:5080")
    parser.add_argument("--key", default=os.environ.get("FILLMORE_API_KEY", "alice-demo-key"))
    parser.add_argument("--symbol", default="AAPL")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--state", default="breakout-bot.json")
    args = parser.parse_args()
    bot = BreakoutBot(Client(args.url, api_key=args.key), args.state, symbol=args.symbol, rounds=args.rounds)
    try:
        bot.run()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
