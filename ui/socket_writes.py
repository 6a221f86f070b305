"""How the app's answers reach the socket: at once (no 40 ms wait), and one write per loop turn, not one per message.

1. Streamlit 1.67 opens its listening socket as `socket.socket(family=...)`, protocol 0, and asyncio turns Nagle's
   algorithm off (TCP_NODELAY) only on sockets whose protocol says TCP (`asyncio.base_events._set_nodelay`). So every
   connection keeps Nagle's algorithm: after the first write of an answer, the next small one waits until the other
   side acknowledges the first, which it delays by up to 40 ms. Measured, one tab, a kernel edit: the run's first
   message 3.5 ms after the click, the next one 42 ms later. Here every TCP connection has Nagle's algorithm off: new
   ones through asyncio's own hook, those already open (the tab whose visit ran app.py first) once at install.
2. Uvicorn's websocket protocol (websockets-sansio, which Streamlit 1.67 picks) writes each message's frame to its
   transport as it is sent, and the transport sends it at once: a run's ~38 messages (an Explore edit) are ~38 system
   calls in the app, each giving the interpreter lock away, and ~38 wake-ups for nginx, which relays them one by one
   (12.5 s of nginx's CPU beside the apps' 44 s in one edit60 run, benchmarks/README.md stop 33). Streamlit's sender
   task sends everything queued for a browser in one go, so each websocket connection's transport gathers the frames
   written in one loop turn and writes them together at its end: the same bytes, in the same order.
"""

from __future__ import annotations

import asyncio
import gc
import socket
from asyncio import base_events, selector_events
from typing import Any, Callable

from ui.patching import wrap_once


def set_nodelay(sock: socket.socket) -> None:
    """Nagle's algorithm off for a TCP socket (asyncio's `_set_nodelay`, without its protocol-number check)."""
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # closed meanwhile
            pass


def nodelay_for_open_connections() -> None:
    """Nagle's algorithm off for the socket connections open now (asyncio keeps no list: the garbage collector's,
    25-45 ms once per process, at app.py's first run)."""
    for found in gc.get_objects():
        if issubclass(type(found), selector_events._SelectorSocketTransport) and not found.is_closing():
            sock = found.get_extra_info("socket")
            if sock is not None:
                set_nodelay(sock)


class GatheredWrites:
    """A transport whose writes of one event-loop turn go out as one write at its end (the rest is the transport's)."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport, self._loop = transport, loop
        self._pending: list[bytes] = []  # not empty: a flush is due at the end of this turn

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Keep `data` for this turn's write."""
        if not data:
            return
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def writelines(self, list_of_data: Any) -> None:
        """Keep each of them for this turn's write."""
        for data in list_of_data:
            self.write(data)

    def flush(self) -> None:
        """Write what this turn gathered (dropped when the connection is already closing, as asyncio would)."""
        if not self._pending:
            return
        data, self._pending = b"".join(self._pending), []
        if not self._transport.is_closing():
            self._transport.write(data)

    def get_write_buffer_size(self) -> int:
        """The transport's buffer and what waits for this turn's write."""
        return self._transport.get_write_buffer_size() + sum(len(data) for data in self._pending)

    def close(self) -> None:
        """Write what waits, then close (a close frame written just before goes out first)."""
        self.flush()
        self._transport.close()

    def write_eof(self) -> None:
        """Write what waits, then the end of the stream."""
        self.flush()
        self._transport.write_eof()

    def abort(self) -> None:
        """Close at once; what waits is dropped, as the transport drops its own buffer."""
        self._pending = []
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


def gathering(connection_made: Callable[[Any, asyncio.Transport], None]) -> Callable[[Any, asyncio.Transport], None]:
    """Uvicorn's websocket protocol's connection_made, given a transport that gathers each turn's writes."""

    def connection_made_gathering(self: Any, transport: asyncio.Transport) -> None:
        connection_made(self, GatheredWrites(transport, asyncio.get_running_loop()))

    return connection_made_gathering


def install() -> None:
    """Once per process: Nagle's algorithm off for every TCP connection, open or to come; websocket connections
    made from now on gather their writes (uvicorn's websockets-sansio)."""
    if base_events._set_nodelay is not set_nodelay:
        base_events._set_nodelay = set_nodelay
        nodelay_for_open_connections()
    try:
        from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
    except ImportError:  # another server: its websockets write as they do
        return
    wrap_once(WebSocketsSansIOProtocol, "connection_made", gathering, "_convlab_gathered_writes")
