"""A loopback TCP proxy that a test can cut, refuse, or cut when a given query passes through.

    proxy = TcpProxy("127.0.0.1", 5432).start()
    url = f"postgresql://postgres@127.0.0.1:{proxy.port}/db"
    proxy.cut_when(b"INSERT INTO hub_changes")          # drop every link before that query arrives
    proxy.cut_when(b"pg_snapshot_xmin", reply_bytes=40)  # forward the query, cut inside the answer
    proxy.refuse(); proxy.accept()                        # connection refused, then back
    proxy.cut_all(); proxy.stop()

Only ever listens on and connects to loopback addresses.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass


@dataclass
class _Trigger:
    pattern: bytes
    reply_bytes: int | None  # None: cut before forwarding the query; n: forward it, cut after n reply bytes
    fired: threading.Event


class _Link:
    def __init__(self, client: socket.socket, server: socket.socket) -> None:
        self.client = client
        self.server = server
        self.reply_budget: int | None = None  # bytes of answer still allowed through
        self.closed = False
        self.lock = threading.Lock()

    def close(self) -> None:
        with self.lock:
            if self.closed:
                return
            self.closed = True
        for sock in (self.client, self.server):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        if not target_host.startswith("127.") and target_host not in ("localhost", "::1"):
            raise ValueError("the test proxy only forwards to loopback")
        self.target = (target_host, target_port)
        self.port = 0
        self._listener: socket.socket | None = None
        self._links: list[_Link] = []
        self._lock = threading.Lock()
        self._trigger: _Trigger | None = None
        self._stopping = threading.Event()
        self.cuts = 0

    # -- control ---------------------------------------------------------------------
    def start(self) -> TcpProxy:
        self._open_listener()
        return self

    def refuse(self) -> None:
        """Stop accepting (new connections are refused) and cut the open ones."""
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        self.cut_all()

    def accept(self) -> None:
        if self._listener is None:
            self._open_listener()

    def cut_all(self) -> None:
        with self._lock:
            links, self._links = self._links, []
        for link in links:
            link.close()
        self.cuts += 1

    def cut_when(self, pattern: bytes, reply_bytes: int | None = None) -> threading.Event:
        """Arm a one-shot cut; the returned event is set once it fired."""
        trigger = _Trigger(pattern, reply_bytes, threading.Event())
        self._trigger = trigger
        return trigger.fired

    def stop(self) -> None:
        self._stopping.set()
        self.refuse()

    # -- machinery -------------------------------------------------------------------
    def _open_listener(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(64)
        self.port = sock.getsockname()[1]
        self._listener = sock
        threading.Thread(target=self._accept_loop, args=(sock,), daemon=True).start()

    def _accept_loop(self, listener: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return  # the listener was closed
            try:
                server = socket.create_connection(self.target, timeout=5)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            link = _Link(client, server)
            with self._lock:
                self._links.append(link)
            threading.Thread(target=self._pump_up, args=(link,), daemon=True).start()
            threading.Thread(target=self._pump_down, args=(link,), daemon=True).start()

    def _pump_up(self, link: _Link) -> None:
        """Client to server: where queries are seen and triggers fire."""
        while True:
            data = _recv(link.client)
            if not data:
                return link.close()
            trigger = self._trigger
            if trigger is not None and trigger.pattern in data:
                self._trigger = None
                if trigger.reply_bytes is None:
                    trigger.fired.set()
                    self.cut_all()
                    return
                link.reply_budget = trigger.reply_bytes
                link.fired = trigger.fired  # type: ignore[attr-defined]
            if not _send(link.server, data):
                return link.close()

    def _pump_down(self, link: _Link) -> None:
        while True:
            data = _recv(link.server)
            if not data:
                return link.close()
            budget = link.reply_budget
            if budget is not None and len(data) >= budget:
                _send(link.client, data[:budget])
                link.fired.set()  # type: ignore[attr-defined]
                self.cut_all()
                return
            if budget is not None:
                link.reply_budget = budget - len(data)
            if not _send(link.client, data):
                return link.close()


def _recv(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


def _send(sock: socket.socket, data: bytes) -> bool:
    try:
        sock.sendall(data)
        return True
    except OSError:
        return False
