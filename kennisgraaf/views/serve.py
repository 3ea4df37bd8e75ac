"""`kennisgraaf serve`: run the Streamlit app on localhost only, with nothing that phones home."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from types import FrameType

from kennisgraaf.settings import PROJECT_ROOT

APP_PATH = PROJECT_ROOT / "app" / "streamlit_app.py"


def command(port: int, headless: bool = True, app_path: Path = APP_PATH, address: str = "127.0.0.1") -> list[str]:
    """The streamlit command line: bound to 127.0.0.1 (unless told otherwise, e.g. in a container), no usage
    statistics, no external help links."""
    return [
        sys.executable, "-m", "streamlit", "run", str(app_path),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true" if headless else "false",
        "--browser.gatherUsageStats", "false",
        "--browser.serverAddress", "127.0.0.1",
        "--server.showEmailPrompt", "false",
        "--client.showErrorLinks", "false",
        "--client.toolbarMode", "minimal",
        "--global.developmentMode", "false",
    ]


def environment() -> dict[str, str]:
    """The current environment, with Streamlit's telemetry switched off there too."""
    env = dict(os.environ)
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    env["STREAMLIT_SERVER_SHOW_EMAIL_PROMPT"] = "false"
    return env


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(port: int = 8501, headless: bool = True, address: str = "127.0.0.1") -> int:
    """Run the app on http://127.0.0.1:PORT until it stops; return streamlit's exit code.

    Ctrl-C (SIGINT) and SIGTERM stop streamlit too, and then count as a clean stop (exit code 0).
    """
    process = subprocess.Popen(command(port, headless, address=address), cwd=PROJECT_ROOT, env=environment())
    previous = None

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, on_term)
    try:
        return process.wait()
    except KeyboardInterrupt:
        _stop(process)
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
