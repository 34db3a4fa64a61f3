"""The client against the real service: typed orders of every class, typed refusals, a submit whose
answer is lost (retried with its client order id: one order), an amend whose answer is lost (sent
once, handed back), and the account, instruments, audit trail and API keys as dataclasses."""
from __future__ import annotations

import threading
import unittest
from decimal import Decimal

from fillmore import (Account, ApiError, ApiKey, AuditEntry, AuditVerification, Client, ConnectionFailed, Instrument,
                      LimitUsage, OrderRequest, Position, RouteOption, Routing, TradingVenue)

from .support import ADMIN, ALICE, COMPLIANCE, Relay, Service, wait_until


def working_quantity(order) -> int:
    """The quantity in force (an amended order keeps its submitted one in `quantity`)."""
    return (order.raw.get("working") or {}).get("quantity", order.quantity)


class ClientTests(unittest.TestCase):
    service: Service

    @classmethod
    def setUpClass(cls) -> None:
        cls.service = Service().start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.service.close()

    def client(self, url: str | None = None, **options) -> Client:
        return Client(url or self.service.url, api_key=ALICE, retry_base_delay=0.05, **options)

    def orders_with(self, client_order_id: str) -> int:
        page = self.client().list_orders(limit=100)
        return sum(1 for o in page.data if o.client_order_id == client_order_id)

    def test_a_bracket_and_the_other_kinds_go_in_typed_and_come_back_typed(self) -> None:
        alice = self.client()
        placed = alice.submit_order(OrderRequest.bracket("AAPL", "BUY", 10, price=185, stop_loss=180,
                                                         take_profit=200))
        self.assertFalse(placed.replayed)
        self.assertTrue(placed.order.client_order_id.startswith("py-"))
        read = alice.get_order(placed.order.id)
        self.assertEqual(("BRACKET", "ENTRY", "GTC"), (read.order_class, read.leg_role, read.time_in_force))
        self.assertEqual({"TAKE_PROFIT", "STOP_LOSS"}, {leg.leg_role for leg in read.legs})
        self.assertEqual(Decimal("200"), read.leg("TAKE_PROFIT").price)
        self.assertEqual([], read.fills)
        stop = alice.submit_order(OrderRequest("AAPL", "BUY", 2, order_type="TRAILING_STOP", trail_price=2,
                                               time_in_force="GTC")).order
        self.assertEqual(("TRAILING_STOP", "HELD"), (stop.order_type, stop.status))
        collared = alice.submit_order(OrderRequest.market("AAPL", "BUY", 1, max_slippage_bps=25)).order
        self.assertEqual(Decimal(25), collared.raw["max_slippage_bps"])
        amended, sent = alice.amend_order(stop.id, quantity=3)
        self.assertEqual((3, False), (working_quantity(amended), sent))   # held: in force at once, nothing sent
        self.assertEqual("CANCELLED", alice.cancel_order(stop.id).status)
        self.assertIn("AAPL", {i.symbol for i in alice.instruments()})
        self.assertEqual("alice", alice.account().trader_id)

    def test_a_refusal_is_a_typed_error_with_its_code_errors_suggestion_and_order(self) -> None:
        alice = self.client()
        with self.assertRaises(ApiError) as invalid:
            alice.submit_order(OrderRequest("AAPL", "BUY", 0, order_type="LIMIT"))
        self.assertEqual((400, "VALIDATION_FAILED"), (invalid.exception.status, invalid.exception.code))
        self.assertTrue(invalid.exception.has("QUANTITY_NOT_POSITIVE") and invalid.exception.has("PRICE_REQUIRED"))
        self.assertTrue(all(e.suggestion for e in invalid.exception.errors))
        with self.assertRaises(ApiError) as halted:
            alice.submit_order(OrderRequest.market("HALT", "BUY", 1, client_order_id="py-halted-1"))
        self.assertEqual((422, "SYMBOL_HALTED"), (halted.exception.status, halted.exception.code))
        self.assertIsNotNone(halted.exception.suggestion)
        self.assertEqual("DENIED", alice.get_order(halted.exception.order_id).status)
        again = alice.submit_order(OrderRequest.market("HALT", "BUY", 1, client_order_id="py-halted-1"))
        self.assertEqual((True, halted.exception.order_id), (again.replayed, again.order.id))
        with self.assertRaises(ApiError) as nobody:
            Client(self.service.url, api_key="not-a-key").account()
        self.assertEqual((401, "UNAUTHENTICATED"), (nobody.exception.status, nobody.exception.code))

    def test_a_submit_whose_answer_is_lost_is_retried_with_its_id_and_makes_one_order(self) -> None:
        relay = Relay(self.service.port)
        self.addCleanup(relay.close)
        via_relay = self.client(relay.url, timeout=10)
        relay.swallow = True   # the service gets the request; its answer never comes back
        result: list = []
        submit = threading.Thread(target=lambda: result.append(via_relay.submit_order(
            OrderRequest.limit("MSFT", "BUY", 1, 390, time_in_force="GTC", client_order_id="py-lost-answer"))))
        submit.start()
        wait_until(lambda: self.orders_with("py-lost-answer") == 1, "the service stored the order")
        relay.swallow = False
        relay.cut()            # the attempt fails; the next one goes through
        submit.join(30)
        self.assertTrue(result and result[0].replayed, "the retry is answered with the order the first made")
        self.assertEqual(1, self.orders_with("py-lost-answer"))

    def test_an_amend_whose_answer_is_lost_is_sent_once_and_handed_back(self) -> None:
        alice = self.client()
        order = alice.submit_order(OrderRequest.stop("AAPL", "BUY", 2, 198, time_in_force="GTC")).order
        wait_until(lambda: alice.get_order(order.id).status == "PENDING", "the order works at the venue")
        relay = Relay(self.service.port)
        self.addCleanup(relay.close)
        via_relay = self.client(relay.url, timeout=10)
        relay.swallow = True
        outcome: list = []

        def amend() -> None:
            try:
                outcome.append(via_relay.amend_order(order.id, quantity=5))
            except Exception as failure:  # noqa: BLE001 - handed to the test thread to assert on
                outcome.append(failure)
        worker = threading.Thread(target=amend)
        worker.start()
        requested = lambda: [e for e in alice.order_audit(order.id) if e.action == "AMEND_REQUESTED"]  # noqa: E731
        wait_until(lambda: len(requested()) > 0, "the service took the amend")
        relay.cut()
        worker.join(30)
        self.assertIsInstance(outcome[0], ConnectionFailed)
        self.assertEqual(1, outcome[0].attempts)
        self.assertEqual(1, len(requested()), "an amend is never sent twice")

    def test_venues_and_the_routing_rationale_come_back_as_dataclasses(self) -> None:
        alice = self.client()
        default, venues = alice.venues()
        self.assertEqual("SIM", default)
        self.assertIsInstance(venues[0], TradingVenue)
        self.assertIsInstance(venues[0].fees.taker_per_share, Decimal)
        smart = alice.submit_order(OrderRequest.market("AAPL", "BUY", 1, venue="SMART")).order
        routing = alice.routing(smart.id)
        self.assertIsInstance(routing, Routing)
        self.assertTrue(routing.smart)
        self.assertIsInstance(routing.considered[0], RouteOption)
        self.assertEqual(("SIM", "TAKER"), (routing.venue, routing.considered[0].liquidity))
        with self.assertRaises(ApiError) as unknown:
            alice.submit_order(OrderRequest.market("AAPL", "BUY", 1, venue="NOPE"))
        self.assertEqual("UNKNOWN_VENUE", unknown.exception.code)

    def test_admin_calls_are_typed_too(self) -> None:
        admin = Client(self.service.url, api_key=ADMIN)
        self.assertEqual(Decimal("121"), admin.set_price("NVDA", 121).last)
        with self.assertRaises(ApiError) as forbidden:
            self.client().set_price("NVDA", 190)
        self.assertEqual(403, forbidden.exception.status)


    def test_account_instruments_audit_and_keys_come_back_as_dataclasses(self) -> None:
        alice = self.client()
        bought = alice.submit_order(OrderRequest.market("AAPL", "BUY", 3)).order
        wait_until(lambda: alice.get_order(bought.id).status == "FILLED", "the market order filled")
        account = alice.account()
        self.assertIsInstance(account, Account)
        self.assertIsInstance(account.cash, Decimal)
        position = account.position("AAPL")
        self.assertIsInstance(position, Position)
        self.assertGreaterEqual(position.quantity, 3)
        self.assertIsInstance(position.average_cost, Decimal)
        self.assertTrue(account.limits and all(isinstance(u, LimitUsage) for u in account.limits))
        self.assertIsNotNone(account.limit("max_open_orders"))

        aapl = next(i for i in alice.instruments() if i.symbol == "AAPL")
        self.assertIsInstance(aapl, Instrument)
        self.assertEqual(("ACTIVE", Decimal("0.01")), (aapl.status, aapl.tick_size))
        self.assertIsInstance(aapl.bid, Decimal)

        trail = alice.order_audit(bought.id)
        self.assertTrue(all(isinstance(e, AuditEntry) for e in trail))
        self.assertEqual("SUBMITTED", trail[0].action)
        self.assertEqual(trail[0].hash, trail[1].previous_hash)
        self.assertEqual("FILLED", trail[-1].status)
        verdict = Client(self.service.url, api_key=COMPLIANCE).verify_audit()
        self.assertIsInstance(verdict, AuditVerification)
        self.assertTrue(verdict.valid)
        self.assertGreaterEqual(verdict.head_id, trail[-1].id)

        admin = Client(self.service.url, api_key=ADMIN)
        key = admin.create_api_key("alice", "read-only", label="py dashboard")
        self.assertIsInstance(key, ApiKey)
        self.assertEqual(("read-only", "ACTIVE"), (key.scope, key.status))
        self.assertEqual("alice", Client(self.service.url, api_key=key.key).account().trader_id)
        self.assertIn(key.id, [k.id for k in admin.api_keys(user="alice")])
        new, old = admin.rotate_api_key(key.id)
        self.assertEqual((key.id, "REVOKED", new.id), (old.id, old.status, old.replaced_by))
        self.assertEqual("REVOKED", admin.revoke_api_key(new.id, reason="test").status)
        with self.assertRaises(ApiError) as revoked:
            Client(self.service.url, api_key=new.key).account()
        self.assertEqual(401, revoked.exception.status)


if __name__ == "__main__":
    unittest.main()
