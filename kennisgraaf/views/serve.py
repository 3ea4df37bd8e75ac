"""`kennisgraaf serve`: run the Streamlit app on localhost only, with nothing that phones home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kennisgraaf.settings import PROJECT_ROOT

APP_PATH = PROJECT_ROOT / "app" / "streamlit_app.py"


def command(port: int, headless: bool = True, app_path: Path = APP_PATH) -> list[str]:
    """The streamlit command line: bound to 127.0.0.1, no usage statistics, no external help links."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true" if headless else "false",
        "--browser.gatherUsageStats",
        "false",
        "--browser.serverAddress",
        "127.0.0.1",
        "--server.showEmailPrompt",
        "false",
        "--client.showErrorLinks",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--global.developmentMode",
        "false",
    ]


def environment() -> dict[str, str]:
    """The current environment, with Streamlit's telemetry switched off there too."""
    env = dict(os.environ)
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    env["STREAMLIT_SERVER_SHOW_EMAIL_PROMPT"] = "false"
    return env


def serve(port: int = 8501, headless: bool = True) -> int:
    """Run the app (blocking) and return streamlit's exit code; Ctrl-C stops it cleanly (exit code 0)."""
    process = subprocess.Popen(command(port, headless), cwd=PROJECT_ROOT, env=environment())
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return 0
