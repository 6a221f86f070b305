"""ui/socket_writes.py: every TCP connection without Nagle's algorithm (Streamlit's own listening socket included),
and a websocket's messages of one event-loop turn written together, through uvicorn's own protocol."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from streamlit.web.server.starlette.starlette_server import _bind_socket
from uvicorn.config import Config
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from uvicorn.server import ServerState

from tests.helpers.sessions import on_own_loop
from ui import socket_writes
from ui.socket_writes import GatheredWrites


def nodelay(sock: socket.socket) -> int:
    """Whether Nagle's algorithm is off (1) or on (0) for this socket."""
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


async def connection_on_streamlits_socket() -> tuple[asyncio.Server, asyncio.Future, socket.socket]:
    """A server on a listening socket opened as Streamlit opens its own, and one client connected to it; returns
    the server, the server side's transport (a future) and the client's socket."""
    loop = asyncio.get_running_loop()
    accepted: asyncio.Future = loop.create_future()

    class Accepting(asyncio.Protocol):
        def connection_made(self, transport: Any) -> None:
            accepted.set_result(transport)

    listener = _bind_socket("127.0.0.1", 0, 8)
    server = await loop.create_server(Accepting, sock=listener)
    client = socket.create_connection(listener.getsockname())
    await asyncio.wait_for(asyncio.shield(accepted), 10)
    return server, accepted, client


def test_a_connection_to_streamlits_own_socket_has_nagles_algorithm_off() -> None:
    """Streamlit opens its socket with protocol 0, so asyncio leaves Nagle's algorithm on (42 ms waits measured)."""
    socket_writes.install()

    async def steps() -> int:
        server, accepted, client = await connection_on_streamlits_socket()
        try:
            return nodelay(accepted.result().get_extra_info("socket"))
        finally:
            client.close()
            server.close()

    assert on_own_loop(steps) == 1


def test_connections_open_before_install_get_it_too() -> None:
    """The tab whose visit ran app.py first is connected before the app could change anything."""
    async def steps() -> tuple[int, int]:
        server, accepted, client = await connection_on_streamlits_socket()
        sock = accepted.result().get_extra_info("socket")
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 0)  # as Streamlit's connections are without it
        before = nodelay(sock)
        socket_writes.nodelay_for_open_connections()
        try:
            return before, nodelay(sock)
        finally:
            client.close()
            server.close()

    assert on_own_loop(steps) == (0, 1)


class Recorded:
    """A transport that records what is written and done to it."""

    def __init__(self) -> None:
        self.calls: list[Any] = []
        self.closing = False

    def write(self, data: bytes) -> None:
        self.calls.append(bytes(data))

    def close(self) -> None:
        self.calls.append("close")
        self.closing = True

    def abort(self) -> None:
        self.calls.append("abort")
        self.closing = True

    def is_closing(self) -> bool:
        return self.closing

    def get_write_buffer_size(self) -> int:
        return 3

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 5)}.get(name, default)


def gathered(steps) -> list[Any]:
    """Run `steps(transport)` (a coroutine function) on a gathering transport; what reached the real one."""
    real = Recorded()

    async def run() -> list[Any]:
        await steps(GatheredWrites(real, asyncio.get_running_loop()))
        await asyncio.sleep(0)  # the last turn's write
        return real.calls

    return on_own_loop(run)


def test_writes_of_one_turn_go_out_as_one_write_in_order() -> None:
    async def steps(transport: GatheredWrites) -> None:
        for part in (b"a", b"bc", b"", bytearray(b"d")):
            transport.write(part)
        transport.writelines([b"e", b"f"])
        assert transport.get_write_buffer_size() == 3 + 6

    assert gathered(steps) == [b"abcdef"]


def test_each_turn_has_its_own_write() -> None:
    async def steps(transport: GatheredWrites) -> None:
        transport.write(b"a")
        transport.write(b"b")
        await asyncio.sleep(0)
        transport.write(b"c")

    assert gathered(steps) == [b"ab", b"c"]


def test_close_sends_what_waits_first_and_abort_drops_it() -> None:
    async def closing(transport: GatheredWrites) -> None:
        transport.write(b"bye")
        transport.close()
        transport.write(b"late")  # after close: never written, as asyncio would not

    async def aborting(transport: GatheredWrites) -> None:
        transport.write(b"lost")
        transport.abort()

    assert gathered(closing) == [b"bye", "close"]
    assert gathered(aborting) == ["abort"]


def test_the_rest_is_the_transports() -> None:
    loop = asyncio.new_event_loop()
    try:
        transport = GatheredWrites(Recorded(), loop)
        assert transport.get_extra_info("peername") == ("127.0.0.1", 5)
        assert transport.is_closing() is False
    finally:
        loop.close()


HANDSHAKE = (b"GET /stream HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")


def test_uvicorns_websocket_writes_a_burst_of_messages_at_once() -> None:
    """Uvicorn's own protocol (the one Streamlit picks): 5 messages sent in a row reach the socket in one write."""
    socket_writes.install()

    async def app(scope: dict, receive: Any, send: Any) -> None:
        await receive()  # websocket.connect
        await send({"type": "websocket.accept"})
        await asyncio.sleep(0)  # a turn of its own for the handshake's answer
        for i in range(5):
            await send({"type": "websocket.send", "bytes": bytes([i]) * 3})
        await receive()  # until the test ends it

    async def steps() -> list[Any]:
        config = Config(app=app, ws="websockets-sansio", log_level="warning", lifespan="off")
        config.load()
        protocol = WebSocketsSansIOProtocol(config=config, server_state=ServerState(), app_state={})
        real = Recorded()
        protocol.connection_made(real)
        protocol.data_received(HANDSHAKE)
        for _ in range(200):  # the app's task runs; bounded turns, no clock
            if len(real.calls) >= 2:
                break
            await asyncio.sleep(0)
        written = list(real.calls)
        protocol.connection_lost(None)
        await asyncio.sleep(0)
        return written

    calls = on_own_loop(steps)
    assert calls[0].startswith(b"HTTP/1.1 101")
    frames = b"".join(b"\x82\x03" + bytes([i]) * 3 for i in range(5))  # binary frames, 3 bytes each, unmasked
    assert calls[1:] == [frames]  # without it: five writes, one per message
