"""Serve the API with uvicorn: in the foreground (`kennisgraaf api`) or in a background thread (tests, benchmarks)."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

import uvicorn

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.web.app import create_app
from kennisgraaf.web.config import ApiSettings


def _config(kg: Kennisgraaf, settings: ApiSettings, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(
        create_app(kg, settings),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
        proxy_headers=False,  # the rate limit keys on the socket's peer, never on a header a client can set
        timeout_graceful_shutdown=5,
        limit_concurrency=settings.max_connections,
    )


def serve(kg: Kennisgraaf, host: str = "127.0.0.1", port: int = 8502, settings: ApiSettings | None = None) -> None:
    """Run until interrupted (uvicorn handles Ctrl-C and SIGTERM)."""
    uvicorn.Server(_config(kg, settings or ApiSettings(), host, port)).run()


@dataclass
class BackgroundServer:
    """A running API on a loopback port chosen by the OS."""

    server: uvicorn.Server
    thread: threading.Thread
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def start_in_thread(kg: Kennisgraaf, settings: ApiSettings | None = None) -> BackgroundServer:
    """Start the API on 127.0.0.1 with a free port in a daemon thread; return when it accepts connections."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(_config(kg, settings or ApiSettings(), "127.0.0.1", port))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name=f"kg-api-{port}")
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("de API kwam niet op")
        time.sleep(0.02)
    return BackgroundServer(server, thread, port)
