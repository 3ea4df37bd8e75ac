"""End to end in Debian's chromium: `kennisgraaf serve` on a free localhost port, the mission question asked in the
Vraag page, the chain picture opened — and not one request leaves 127.0.0.1.

Needs `apt-get install -y chromium` (never `playwright install`: no downloads).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kennisgraaf.settings import PROJECT_ROOT
from kennisgraaf.stores.embedded_server import EmbeddedServer

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
MISSION = "Bij wie moet ik zijn om een ontheffing van een bevriezing aan te vragen?"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The app through kennisgraaf.views.serve.serve, with its own short data dir; stopped (and its engine) after."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing: apt-get install -y chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    data_dir = Path(tempfile.mkdtemp(prefix="kgb-", dir="/tmp"))
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "serve.log"
    port = free_port()
    env = {**os.environ, "KENNISGRAAF_DATA_DIR": str(data_dir), "KENNISGRAAF_BACKEND": "embedded"}
    code = f"from kennisgraaf.views.serve import serve; raise SystemExit(serve({port}))"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", code], cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
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


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOCAL_HOSTS


def test_mission_question_and_chain_picture_offline(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)  # the first run opens the engine and loads the seed
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1100}, locale="nl-NL")
            page.on("request", lambda request: requests.append(request.url))
            page.on("websocket", lambda ws: requests.append(ws.url))
            page.set_default_timeout(60_000)

            page.goto(server)
            question = page.get_by_label("Uw vraag")
            expect(question).to_be_visible()
            question.fill(MISSION)
            page.get_by_role("button", name="Vraag", exact=True).click()

            main = page.locator("[data-testid=stMain]")
            expect(main.get_by_text("Bronnen", exact=True)).to_be_visible()
            expect(main.get_by_text("§4.4 Spanningsvelden").first).to_be_visible()
            text = main.inner_text()
            assert "Openbaar Ministerie" in text and " OM" in text
            assert "Bevriezingsoverleg (ministerie van BZ)" in text
            assert "vraag=" in page.url  # the answer has its own link
            expect(main.get_by_role("link", name="Bekijk in de graaf")).to_be_visible()
            page.set_viewport_size({"width": 1440, "height": 2400})  # Streamlit scrolls inside the page
            page.wait_for_timeout(1000)
            page.screenshot(path=str(ARTIFACTS / "vraag-antwoord.png"), full_page=True)

            main.get_by_role("link", name="Bekijk in de graaf").click()
            expect(page.get_by_role("heading", name="Verantwoordelijkheidsketen")).to_be_visible()
            frame = page.frame_locator("[data-testid=stMain] iframe").first
            expect(frame.locator("#mynetwork canvas")).to_be_visible()
            expect(main.get_by_text("Dezelfde inhoud als tabel").first).to_be_visible()
            page.wait_for_timeout(5000)  # let the layout settle for the screenshot
            assert "/keten" in page.url and "id=" in page.url
            page.screenshot(path=str(ARTIFACTS / "keten.png"), full_page=True)
            main.locator("iframe").first.screenshot(path=str(ARTIFACTS / "keten-plaatje.png"))
        finally:
            browser.close()

    assert requests, "no requests were recorded"
    outside = sorted({url for url in requests if not is_local(url)})
    assert not outside, f"requests left localhost: {outside}"
