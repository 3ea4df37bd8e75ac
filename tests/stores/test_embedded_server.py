"""The embedded FalkorDB: unix socket only, persistent, restarted transparently after kill -9, reused when healthy."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.errors import KennisgraafError, StoreUnavailable
from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.settings import Settings
from kennisgraaf.stores.embedded_server import EmbeddedServer
from kennisgraaf.stores.falkordb_store import FalkorDBStore
from tests.conftest import SEED_DIR, short_tmp_dir


@pytest.fixture
def own_server() -> Iterator[EmbeddedServer]:
    data_dir = short_tmp_dir("kg-own-")
    server = EmbeddedServer(data_dir)
    yield server
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


def _listening_sockets(pid: int) -> str:
    return subprocess.run(["ss", "-H", "-l", "-n", "-p", "-t", "-u"], capture_output=True, text=True, check=True).stdout


def test_no_tcp_port_is_opened(own_server: EmbeddedServer) -> None:
    own_server.ensure_running()
    pid = own_server.pid()
    assert pid is not None
    assert f"pid={pid}," not in _listening_sockets(pid)
    assert own_server.socket_path.is_socket()
    assert oct(own_server.socket_path.stat().st_mode & 0o777) == "0o700"


def test_kill_9_loses_nothing_and_is_restarted(own_server: EmbeddedServer, seed_knowledge: KnowledgeSet) -> None:
    kg = Kennisgraaf(FalkorDBStore(own_server), Settings(seed_dir=SEED_DIR))
    kg.load_knowledge(seed_knowledge)
    before = kg.counts()
    old_pid = own_server.pid()
    assert old_pid is not None
    time.sleep(1.2)  # appendfsync everysec: the AOF is on disk within a second
    os.kill(old_pid, signal.SIGKILL)
    assert kg.counts() == before  # the next call restarts the server, which replays its AOF
    assert own_server.pid() not in (None, old_pid)
    assert kg.ask("Wie neemt deel aan het casusoverleg?").answered


def test_a_healthy_server_is_reused(own_server: EmbeddedServer) -> None:
    own_server.ensure_running()
    pid = own_server.pid()
    EmbeddedServer(own_server.data_dir).ensure_running()
    assert own_server.pid() == pid


def test_stale_pidfile_is_ignored(own_server: EmbeddedServer) -> None:
    own_server.data_dir.mkdir(parents=True, exist_ok=True)
    own_server.pid_path.write_text(str(os.getpid()))  # a live pid that is not a redis-server
    own_server.ensure_running()
    assert own_server.pid() != os.getpid()
    assert own_server.is_healthy()


def test_stop_is_clean(own_server: EmbeddedServer) -> None:
    own_server.ensure_running()
    own_server.stop()
    assert not own_server.socket_path.exists()
    assert not own_server.is_healthy()


def test_unwritable_data_dir_is_a_clear_error() -> None:
    # As root, permissions do not stop writes; a file where the data directory should be does.
    blocker = short_tmp_dir("kg-ro-") / "file"
    blocker.write_text("not a directory")
    try:
        with pytest.raises(StoreUnavailable, match="niet beschrijfbaar"):
            EmbeddedServer(blocker / "data").ensure_running()
    finally:
        shutil.rmtree(blocker.parent, ignore_errors=True)


def test_too_long_socket_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="te lang"):
        EmbeddedServer(tmp_path / ("x" * 120)).ensure_running()


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """A 3 MB tmpfs (as root, which the test command and CI are), to fill up for real."""
    mount_point = short_tmp_dir("kg-disk-")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)], capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs for the full-disk test (needs root): {result.stderr.strip()}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)
    shutil.rmtree(mount_point, ignore_errors=True)


def _fill(disk: Path) -> None:
    with (disk / "filler").open("wb") as out, contextlib.suppress(OSError):
        while True:
            out.write(b"\0" * 65536)


def test_full_disk_before_start_is_a_clear_error(tiny_disk: Path) -> None:
    _fill(tiny_disk)
    with pytest.raises(StoreUnavailable, match="niet beschrijfbaar"):
        EmbeddedServer(tiny_disk / "data").ensure_running()


def test_disk_full_during_a_load_keeps_the_previous_graph(tiny_disk: Path, seed_knowledge: KnowledgeSet) -> None:
    from benchmarks.synthetic import ScaledKnowledge

    server = EmbeddedServer(tiny_disk / "data")
    kg = Kennisgraaf(FalkorDBStore(server), Settings(seed_dir=SEED_DIR))
    try:
        kg.load_knowledge(seed_knowledge)
        before = kg.counts()
        _fill(tiny_disk)
        with pytest.raises(KennisgraafError, match="No space left on device"):
            kg.load_knowledge(ScaledKnowledge(seed_knowledge, 3))
        assert kg.counts() == before
        assert kg.ask("Wie neemt deel aan het casusoverleg?").answered
        (tiny_disk / "filler").unlink()  # room again: the next load also removes the failed staging graph
        kg.load_knowledge(seed_knowledge)
        store = kg.store
        assert isinstance(store, FalkorDBStore)
        graphs = [g for g in store._connect().list_graphs() if str(g).startswith(store.graph_name)]
        assert len(graphs) == 1
    finally:
        kg.close()
        server.stop()
