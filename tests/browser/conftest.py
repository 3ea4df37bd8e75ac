"""The app served for real (`kennisgraaf.views.serve`) and Debian's chromium, for the browser tests."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kennisgraaf.settings import PROJECT_ROOT
from kennisgraaf.stores.embedded_server import EmbeddedServer
from tests.conftest import ENGINES
from tests.tcp_forwarder import free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"kennisgraaf serve stopped with exit code {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"kennisgraaf serve did not come up within {timeout_s} s:\n{log.read_text()[-3000:]}")


@contextmanager
def served_app(extra_env: dict[str, str] | None = None, log_name: str = "serve.log") -> Iterator[str]:
    """The app through kennisgraaf.views.serve.serve, with its own short data dir; stopped (and its engine) after."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install -y chromium (scripts/test.sh installs it)")
    data_dir = Path(tempfile.mkdtemp(prefix="kgb-", dir="/tmp"))
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / log_name
    port = free_port()
    env = {**os.environ, "KENNISGRAAF_DATA_DIR": str(data_dir), "KENNISGRAAF_BACKEND": "embedded", **(extra_env or {})}
    code = f"from kennisgraaf.views.serve import serve; raise SystemExit(serve({port}))"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)  # the serve wrapper and its streamlit, which we started
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        EmbeddedServer(data_dir).stop()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with served_app() as url:
        yield url


@pytest.fixture(scope="module", params=ENGINES)
def server_on_each_engine(request: pytest.FixtureRequest) -> Iterator[str]:
    """The app on each engine under test: embedded, and Neo4j (the graph in Neo4j, the console on its FalkorDB copy;
    the seed is loaded when Neo4j is empty)."""
    backend = "embedded" if request.param == "falkordb" else "neo4j"
    with served_app({"KENNISGRAAF_BACKEND": backend}, log_name=f"serve-{backend}.log") as url:
        yield url
