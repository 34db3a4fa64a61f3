"""The real service for the tests, and a TCP relay that can lose answers and cut connections.

Service starts the built Fillmore.Api (the Release build scripts/test makes; FILLMORE_API_DLL names
another) on a free 127.0.0.1 port with a temporary SQLite file and the Development demo keys, and
can be killed (SIGKILL: a crash) and started again on the same port and database. Every wait is
bounded.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[3]
ALICE = "alice-demo-key"  # the demo keys of appsettings.Development.json (README), local only
ADMIN = "admin-demo-key"
COMPLIANCE = "compliance-demo-key"


def api_dll() -> Path:
    dll = Path(os.environ.get("FILLMORE_API_DLL",
                              ROOT / "src/Fillmore.Api/bin/Release/net10.0/Fillmore.Api.dll"))
    if not dll.exists():
        raise RuntimeError(f"{dll} is not built: run `dotnet build -c Release src/Fillmore.Api` first")
    return dll


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition: Callable[[], bool], what: str, within: float = 20.0) -> None:
    """Polls `condition` until it holds; fails the test after `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


class Service:
    """Fillmore.Api as a real process with its own database; the paper exchange's price holds still."""

    def __init__(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="fillmore-py-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = open(os.path.join(self.dir, "service.log"), "ab")

    def start(self) -> "Service":
        env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development", FILLMORE_DB=os.path.join(self.dir, "f.db"),
                   Fillmore__SimulatedVenue__VolatilityBps="0", ORDER_RATE_LIMIT_PER_MINUTE="100000")
        self.process = subprocess.Popen(["dotnet", str(api_dll()), "--urls", self.url], cwd=self.dir, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the service exited with {self.process.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + "/health/ready", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the service did not become ready within 60 s")

    def kill(self) -> None:
        """A crash: SIGKILL, no shutdown hooks."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def close(self) -> None:
        self.kill()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class Relay:
    """A TCP relay on 127.0.0.1 in front of the service. `swallow` drops what the service answers (the
    request arrives, its answer is lost); `cut()` resets every connection open now. New connections
    are relayed as usual."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.swallow = False
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()   # the service is down: the client sees a reset, as it would
                continue
            with self._lock:
                self._open += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, answers: bool) -> None:
        try:
            while data := source.recv(65536):
                if not (answers and self.swallow):
                    sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                _reset(s)

    def cut(self) -> None:
        with self._lock:
            connections, self._open = self._open, []
        for s in connections:
            _reset(s)

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        self.cut()


def _reset(s: socket.socket) -> None:
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    s.close()
