"""The embedded FalkorDB: unix socket only, persistent, restarted transparently after kill -9, reused when healthy."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.errors import KennisgraafError, StoreUnavailable
from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.settings import Settings
from kennisgraaf.stores import embedded_server
from kennisgraaf.stores.embedded_server import LOADING, EmbeddedServer
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


def _log_bytes(server: EmbeddedServer) -> int:
    """The append-only file's size on disk, once no rewrite of it is running or waiting."""
    client = redis.Redis(unix_socket_path=str(server.socket_path))
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            info = client.info("persistence")
            if not info["aof_rewrite_in_progress"] and not info["aof_rewrite_scheduled"]:
                break
            time.sleep(0.05)
    finally:
        client.close()
    return sum(f.stat().st_size for f in server.data_dir.rglob("appendonly*") if f.is_file())


def test_the_append_only_file_holds_the_live_graph_only(
    own_server: EmbeddedServer, seed_knowledge: KnowledgeSet
) -> None:
    """Every load is rewritten away: after five loads the log is as small as after one, and a restart replays
    one graph, not five (restart time grows with the log: about a second per load kept)."""
    kg = Kennisgraaf(FalkorDBStore(own_server), Settings(seed_dir=SEED_DIR))
    kg.load_knowledge(seed_knowledge)
    after_one = _log_bytes(own_server)
    for _ in range(4):
        kg.load_knowledge(seed_knowledge)
    after_five = _log_bytes(own_server)
    assert after_five < 1.5 * after_one, (after_one, after_five)
    before = kg.export()
    kg.close()
    own_server.stop()
    restarted = Kennisgraaf(FalkorDBStore(own_server), Settings(seed_dir=SEED_DIR))
    assert restarted.export() == before
    restarted.close()


def test_a_server_replaying_a_long_log_is_waited_for_not_killed(
    own_server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that answers LOADING is alive: a second process that finds it so waits, even past the time it gives
    a server that does not answer at all (START_TIMEOUT_S, shortened here so that a replay of seconds outlasts it),
    instead of killing it and starting the replay over."""
    monkeypatch.setattr(embedded_server, "START_TIMEOUT_S", 1.0)
    own_server.ensure_running()
    client = redis.Redis(unix_socket_path=str(own_server.socket_path))
    try:  # many small writes, kept in the log as commands: replaying them takes longer than a start may take
        client.config_set("auto-aof-rewrite-percentage", 0)
        text = "x" * 1000
        started = time.monotonic()
        while time.monotonic() - started < 6:
            pipe = client.pipeline(transaction=False)
            for i in range(1000):
                pipe.execute_command("GRAPH.QUERY", "slow", f"CREATE (:N {{i: {i}, t: '{text}'}})")
            pipe.execute()
        expected = client.execute_command("GRAPH.RO_QUERY", "slow", "MATCH (n:N) RETURN count(n)")[1][0][0]
    finally:
        client.close()
    own_server.stop()
    starter = threading.Thread(target=own_server.ensure_running)
    starter.start()
    deadline = time.monotonic() + 30
    while own_server.state() != LOADING and time.monotonic() < deadline:
        time.sleep(0.01)
    assert own_server.state() == LOADING
    pid = own_server.pid()
    other = EmbeddedServer(own_server.data_dir)  # as another process would see it
    other.ensure_running()
    starter.join(60)
    assert own_server.pid() == pid
    client = redis.Redis(unix_socket_path=str(own_server.socket_path))
    try:
        assert client.execute_command("GRAPH.RO_QUERY", "slow", "MATCH (n:N) RETURN count(n)")[1][0][0] == expected
    finally:
        client.close()
