"""The example bracket bot (examples/breakout_bot.py) keeps trading correctly across a restart of the
service (SIGKILL, started again on its database) and a drop of its event stream: each round makes
exactly one bracket, every event is handled once and in seq order, and the position ends flat."""
from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import threading
import unittest
from decimal import Decimal
from pathlib import Path

from fillmore import Client
from fillmore.stream import websockets

from .support import ADMIN, ALICE, Relay, Service, wait_until

_spec = importlib.util.spec_from_file_location(
    "breakout_bot", Path(__file__).resolve().parents[1] / "examples" / "breakout_bot.py")
breakout_bot = importlib.util.module_from_spec(_spec)
sys.modules["breakout_bot"] = breakout_bot   # dataclasses look their module up there
_spec.loader.exec_module(breakout_bot)


class BotTests(unittest.TestCase):
    def setUp(self) -> None:
        self.service = Service().start()
        self.addCleanup(self.service.close)
        self.relay = Relay(self.service.port)
        self.addCleanup(self.relay.close)
        self.alice = Client(self.service.url, api_key=ALICE)
        self.admin = Client(self.service.url, api_key=ADMIN)

    def bracket(self, round_number: int):
        """The round's entry with its legs, or None before the bot placed it."""
        mine = [o for o in self.alice.list_orders(limit=100).data if o.client_order_id == f"breakout-{round_number}"]
        return self.alice.get_order(mine[0].id) if mine else None

    def wait_for(self, round_number: int, entry: str, take_profit: str) -> None:
        # A held trailing entry is armed at the first quote Fillmore looks at after accepting it: the test moves
        # the price only once it is (trigger_price set), or the breakout itself would be that first quote.
        def reached() -> bool:
            order = self.bracket(round_number)
            return order is not None and order.status == entry and order.leg("TAKE_PROFIT").status == take_profit \
                and (entry != "HELD" or order.raw.get("trigger_price") is not None)
        wait_until(reached, f"round {round_number}: entry {entry}, take-profit {take_profit}", within=30)

    @unittest.skipIf(websockets is None, "the websockets module is not installed (Debian: python3-websockets)")
    def test_the_bot_trades_across_a_restart_of_the_service_and_a_drop_of_its_websocket(self) -> None:
        self.check_bot("websocket")

    def test_the_bot_trades_across_a_restart_of_the_service_and_a_drop_of_its_long_poll(self) -> None:
        self.check_bot("poll")

    def check_bot(self, transport: str) -> None:
        state = os.path.join(tempfile.mkdtemp(prefix="fillmore-bot-"), "state.json")
        lines: list[str] = []
        client = Client(self.relay.url, api_key=ALICE, retry_base_delay=0.05, max_retry_delay=0.5, timeout=5)
        bot = breakout_bot.BreakoutBot(client, state, rounds=2, transport=transport, log=lines.append)
        stop = threading.Event()
        runner = threading.Thread(target=bot.run, args=(stop,), daemon=True)
        runner.start()
        self.addCleanup(runner.join, 10)
        self.addCleanup(stop.set)

        self.wait_for(1, "HELD", "HELD")                 # entry trails 1.00 behind 190, exits 193 and 188
        self.service.kill()                                # a crash with the whole bracket held...
        self.service.start()                               # ...and a start on the same database
        self.admin.set_price("AAPL", Decimal("191.50"))             # the breakout: the entry fills
        self.wait_for(1, "FILLED", "HELD")                 # the exits protect the 10 shares
        self.relay.cut()                                   # the bot's stream (and any call) drops
        self.admin.set_price("AAPL", Decimal("193.50"))             # the target: the take-profit fills
        self.wait_for(2, "HELD", "HELD")                   # the bot saw it and placed round 2 (from 193.50)
        self.admin.set_price("AAPL", Decimal("195.00"))
        self.wait_for(2, "FILLED", "HELD")
        self.admin.set_price("AAPL", Decimal("197.00"))
        runner.join(30)

        self.assertFalse(runner.is_alive(), "\n".join(lines[-20:]))
        for round_number in (1, 2):
            order = self.bracket(round_number)
            self.assertEqual(("FILLED", "FILLED", "CANCELLED"),
                             (order.status, order.leg("TAKE_PROFIT").status, order.leg("STOP_LOSS").status))
        brackets = [o for o in self.alice.list_orders(limit=100).data if o.leg_role == "ENTRY"]
        self.assertEqual(2, len(brackets), "one bracket per round, whatever was retried")
        self.assertEqual(list(range(1, len(bot.processed) + 1)), bot.processed, "every event once, in seq order")
        self.assertEqual(0, bot.position)
        if transport == "websocket":   # a long-poll may ride out a drop inside its own retries
            self.assertIn("disconnected", " ".join(lines))


if __name__ == "__main__":
    unittest.main()
