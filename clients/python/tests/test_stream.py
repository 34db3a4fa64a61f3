"""The event stream against the real service: dropped mid-way by a TCP relay (and once by a restart
of the service), it resumes by seq with no gap and no duplicate, over the WebSocket (when the
websockets module is importable) and over long-polling; a refused stream raises instead of looping."""
from __future__ import annotations

import queue
import threading
import unittest

from fillmore import ApiError, Client, OrderRequest
from fillmore.stream import websockets

from .support import ALICE, Relay, Service


class StreamTests(unittest.TestCase):
    def setUp(self) -> None:
        self.service = Service().start()
        self.addCleanup(self.service.close)
        self.relay = Relay(self.service.port)
        self.addCleanup(self.relay.close)
        self.direct = Client(self.service.url, api_key=ALICE)

    def read_in_background(self, transport: str):
        """Reads the stream through the relay on a thread; events and notices arrive on queues."""
        via_relay = Client(self.relay.url, api_key=ALICE, retry_base_delay=0.05, max_retry_delay=0.5, timeout=5)
        events: queue.Queue = queue.Queue()
        notices: list = []
        stop = threading.Event()

        def read() -> None:
            for event in via_relay.events(since=0, transport=transport, poll_wait=1, on_notice=notices.append,
                                          stop=stop):
                events.put(event)
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        self.addCleanup(reader.join, 10)
        self.addCleanup(stop.set)
        return events, notices

    def resting(self, quantity: int) -> str:
        return self.direct.submit_order(OrderRequest.limit("AAPL", "BUY", quantity, 180, time_in_force="GTC")).order.id

    def take_until(self, events: queue.Queue, received: list, done) -> None:
        while not done():
            received.append(events.get(timeout=20))

    def check_drop(self, transport: str, restart: bool) -> None:
        events, notices = self.read_in_background(transport)
        received: list = []
        first = [self.resting(1 + i) for i in range(3)]
        self.take_until(events, received, lambda: {e.order_id for e in received
                                                   if e.event == "order.submitted"} >= set(first))
        if restart:
            self.service.kill()
            self.service.start()
        self.relay.cut()   # mid-way: what the service sends from now on meets a dead connection first
        later = [self.resting(4 + i) for i in range(3)]
        # (After a restart the in-process paper exchange has lost the resting orders: they end FAILED.)
        finished = "order.failed" if restart else "order.cancelled"
        if not restart:
            self.direct.cancel_order(first[0])
        truth, last_seq = [], 0
        while not {e.order_id for e in truth if e.event == "order.submitted"} >= set(later) \
                or not any(e.event == finished for e in truth):
            truth, last_seq = self.direct.poll_events(0, limit=1000, wait=1)
        self.take_until(events, received, lambda: received[-1].seq >= last_seq)
        self.assertEqual([(e.seq, e.event, e.order_id) for e in truth[:len(received)]],
                         [(e.seq, e.event, e.order_id) for e in received])
        self.assertEqual(list(range(1, last_seq + 1)), [e.seq for e in received])
        if transport == "websocket":
            self.assertIn("disconnected", [n.kind for n in notices])

    @unittest.skipIf(websockets is None, "the websockets module is not installed (Debian: python3-websockets)")
    def test_a_websocket_stream_dropped_mid_way_resumes_with_no_gap_and_no_duplicate(self) -> None:
        self.check_drop("websocket", restart=False)

    def test_a_polled_stream_dropped_mid_way_resumes_with_no_gap_and_no_duplicate(self) -> None:
        self.check_drop("poll", restart=False)

    @unittest.skipIf(websockets is None, "the websockets module is not installed (Debian: python3-websockets)")
    def test_a_websocket_stream_resumes_across_a_restart_of_the_service(self) -> None:
        self.check_drop("websocket", restart=True)

    def test_a_polled_stream_resumes_across_a_restart_of_the_service(self) -> None:
        self.check_drop("poll", restart=True)

    def test_a_refused_stream_raises_instead_of_retrying(self) -> None:
        nobody = Client(self.service.url, api_key="not-a-key")
        for transport in (["websocket"] if websockets else []) + ["poll"]:
            with self.subTest(transport=transport), self.assertRaises(ApiError) as refused:
                next(nobody.events(since=0, transport=transport, poll_wait=1))
            self.assertEqual(401, refused.exception.status)


if __name__ == "__main__":
    unittest.main()
