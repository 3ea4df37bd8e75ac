"""Stopping `kennisgraaf serve` stops the embedded engine it started, unless another process still uses it.

Real processes throughout: `kennisgraaf serve` (Streamlit runs inside it) in its own process group, the
FalkorDB server it starts (in the background, as it starts), and a second process holding a connection.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets

from benchmarks.load_app import ask_once, wait_healthy
from kennisgraaf.stores.embedded_server import EmbeddedServer
from tests.tcp_forwarder import free_port


@pytest.fixture
def data_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="kgs-", dir="/tmp"))
    yield path
    EmbeddedServer(path).stop()
    shutil.rmtree(path, ignore_errors=True)


def start_serve(data_dir: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {**os.environ, "KENNISGRAAF_DATA_DIR": str(data_dir), "KENNISGRAAF_BACKEND": "embedded"}
    process = subprocess.Popen(
        [sys.executable, "-m", "kennisgraaf", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_healthy(port, process)
    return process, port


def ask(port: int) -> None:
    """One real session asks one question, so that the app opens (and, if needed, starts) the engine."""

    async def one() -> None:
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=2**24, open_timeout=60) as ws:
            _, error = await ask_once(ws, "Wie neemt deel aan het casusoverleg?", timeout_s=90)
            assert error is None, error

    asyncio.run(one())


def stop(process: subprocess.Popen[bytes], signum: int, group: bool) -> int:
    """Ctrl-C in a terminal signals the whole process group; a service manager sends SIGTERM to serve alone."""
    if group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    try:
        return process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        pytest.fail("kennisgraaf serve did not stop within 30 s")


@pytest.mark.parametrize(("signum", "group"), [(signal.SIGINT, True), (signal.SIGTERM, False)], ids=["ctrl-c", "term"])
def test_stopping_serve_stops_the_engine_it_started(data_dir: Path, signum: int, group: bool) -> None:
    engine = EmbeddedServer(data_dir)
    process, port = start_serve(data_dir)
    ask(port)
    pid = engine.pid()
    assert engine.is_healthy() and pid is not None
    assert stop(process, signum, group) == 0
    assert not engine.is_healthy()
    assert not Path(f"/proc/{pid}").exists(), "the engine process is still alive"


def test_an_engine_that_was_running_before_is_left_running(data_dir: Path) -> None:
    engine = EmbeddedServer(data_dir)
    engine.ensure_running()
    process, port = start_serve(data_dir)
    ask(port)
    assert stop(process, signal.SIGTERM, group=False) == 0
    assert engine.is_healthy()


def test_an_engine_another_process_uses_is_left_running(data_dir: Path) -> None:
    engine = EmbeddedServer(data_dir)
    process, port = start_serve(data_dir)
    ask(port)
    code = (
        "import redis, sys, time; r = redis.Redis(unix_socket_path=sys.argv[1]); r.ping(); "
        "print('connected', flush=True); time.sleep(120)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(engine.socket_path)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"connected"
        assert stop(process, signal.SIGTERM, group=False) == 0
        time.sleep(0.5)
        assert engine.is_healthy(), "the engine was stopped while another process used it"
    finally:
        holder.kill()
        holder.wait()
