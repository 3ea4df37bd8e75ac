"""`kennisgraaf serve`: run the Streamlit app on localhost only, with nothing that phones home.

Streamlit runs inside this process (no second Python process beside it, which held ~80 MB doing nothing but
wait). While Streamlit is imported and its server starts, a background thread opens the knowledge base the app
will use — starts the embedded engine, loads the seed into an empty graph, builds the answerer's indexes — so
that the first question does not wait for all of that (kennisgraaf.views.warm).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from types import FrameType
from typing import Any

from kennisgraaf.settings import PROJECT_ROOT, get_settings
from kennisgraaf.stores.embedded_server import CONSOLE_DIR, CONSOLE_NAME, EmbeddedServer

APP_PATH = PROJECT_ROOT / "app" / "streamlit_app.py"
M_ARENA_MAX = -8  # glibc mallopt() parameter
MALLOC_ARENAS = 2


def options(port: int, headless: bool = True, address: str = "127.0.0.1") -> dict[str, Any]:
    """Streamlit's settings for the app: bound to 127.0.0.1 (unless told otherwise, e.g. in a container), no usage
    statistics, no external help links. They win over .streamlit/config.toml (which holds the theme)."""
    return {
        "server.port": port,
        "server.address": address,
        "server.headless": headless,
        "browser.gatherUsageStats": False,
        "browser.serverAddress": "127.0.0.1",
        "server.showEmailPrompt": False,
        "client.showErrorLinks": False,
        "client.toolbarMode": "minimal",
        "global.developmentMode": False,
        # No file watcher: it polls every source file and walks every loaded module after each rerun, which was
        # the largest single cost under load (py-spy); a deployed app does not change under its feet.
        "server.fileWatcherType": "none",
        "server.runOnSave": False,
        "runner.magicEnabled": False,
        # No full garbage collection (gc.collect(2)) after every rerun: with pandas, pydantic and the caches in the
        # heap it held the GIL for a large share of each rerun; Python's own generational collection still runs.
        "runner.postScriptGC": False,
    }


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Cap glibc's malloc arenas for this process (as MALLOC_ARENA_MAX would at start-up); True if it took.

    Streamlit runs each session's script in its own thread, and glibc gives busy threads arenas of their own (up to
    8 per core), each holding on to freed memory: with 20 sessions that was tens of MB of resident memory for
    nothing. Two arenas keep the threads from queueing on one lock. Not glibc (musl, macOS): nothing to do.
    """
    name = ctypes.util.find_library("c")
    if not name or not sys.platform.startswith("linux"):
        return False
    try:
        return bool(ctypes.CDLL(name).mallopt(M_ARENA_MAX, arenas))
    except (OSError, AttributeError):
        return False


def _run_streamlit(port: int, headless: bool, address: str) -> None:
    """Streamlit's own `streamlit run APP_PATH` with our options, in this process; returns when the server stopped
    (Streamlit's handler turns SIGINT and SIGTERM into a clean stop)."""
    os.environ["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    os.environ["STREAMLIT_SERVER_SHOW_EMAIL_PROMPT"] = "false"
    from streamlit import config as st_config
    from streamlit.runtime.credentials import check_credentials
    from streamlit.web import bootstrap

    flags = options(port, headless, address)
    st_config._main_script_path = str(APP_PATH)
    bootstrap.load_config_options(flag_options=flags)
    check_credentials()
    bootstrap.run(str(APP_PATH), False, [], flags)


def embedded_engine() -> EmbeddedServer | None:
    """The embedded engine this app would use; on Neo4j the FalkorDB server of the console's copy (None when the
    operator runs the console on Neo4j itself)."""
    settings = get_settings()
    if settings.backend == "embedded":
        return EmbeddedServer(settings.data_dir)
    if settings.console_on_neo4j:
        return None
    return EmbeddedServer(settings.data_dir / CONSOLE_DIR, name=CONSOLE_NAME, persistent=False)


def stop_engine_if_ours(engine: EmbeddedServer | None, was_running: bool, grace_s: float = 2.0) -> bool:
    """Stop the embedded engine when this serve started it and no other process is connected; True if stopped.

    The app's own connections are closed first (close_all); the server may take a moment to notice, hence the
    short grace period before another connection counts as another user.
    """
    if engine is None or was_running or not engine.is_healthy():
        return False
    deadline = time.monotonic() + grace_s
    while engine.other_clients() > 0:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    engine.stop()
    return True


def serve(port: int = 8501, headless: bool = True, address: str = "127.0.0.1") -> int:
    """Run the app on http://127.0.0.1:PORT until it stops; return the exit code.

    Ctrl-C (SIGINT) and SIGTERM stop the server and count as a clean stop (exit code 0). The embedded engine that
    the app started is stopped with it, unless another process (another app, a CLI command) is still connected to
    it; an engine that was already running before is left running.
    """
    # The app runs with the project root as working directory: Streamlit reads .streamlit/config.toml (the theme)
    # from there, and settings (.env, relative paths) are read there, as when the app ran in a child process.
    os.chdir(PROJECT_ROOT)
    get_settings.cache_clear()
    limit_malloc_arenas()
    from kennisgraaf.views import warm

    engine = embedded_engine()
    was_running = engine is not None and engine.is_healthy()
    previous = None

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        # until Streamlit's server is up and installs its own handler, SIGTERM stops us like Ctrl-C
        previous = signal.signal(signal.SIGTERM, on_term)
    try:
        warm.start(get_settings())
        _run_streamlit(port, headless, address)
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        # an interrupt while stopping leaves the engine running; it keeps its data (AOF) either way
        with contextlib.suppress(KeyboardInterrupt):
            warm.cancel(wait_s=10.0)  # a stop while the knowledge base is still being opened: let that finish
            if "kennisgraaf.api" in sys.modules:  # the app (or the warm-up) opened the knowledge base
                sys.modules["kennisgraaf.api"].close_all()
            stop_engine_if_ours(engine, was_running)
        if previous is not None and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)
