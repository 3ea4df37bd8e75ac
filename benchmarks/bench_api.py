"""/api/ask against the Streamlit Vraag page, side by side in one run, under the same load.

    python benchmarks/bench_api.py [--clients 20] [--seconds 60]

Each side gets its own process on a fresh embedded engine (`kennisgraaf api` with the rate limit off, and
`kennisgraaf serve`), one warm-up question (seed load and entity index), then N concurrent clients that ask
question after question from tests/questions/ for the given time: HTTP clients (httpx, one connection each) on
the API, Streamlit's websocket protocol (benchmarks/load_app.py) on the app. The sides run one after the other
so that they do not compete for the same cores. An error is a non-200 reply or an answer without its fields
(API), or an exception element, a timeout or a dropped connection (app). Traffic goes to 127.0.0.1 only.
Results: benchmarks/results/api.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load_app import Tally, ask_once, percentile, session, start_app, stop_app
from kennisgraaf.stores.embedded_server import EmbeddedServer
from tests.ask.question_suite import load_cases
from tests.tcp_forwarder import free_port

RESULTS = Path(__file__).parent / "results"
REQUEST_TIMEOUT_S = 30.0
WARM_UP_TIMEOUT_S = 300.0  # the first question loads the seed with the report's passages and builds the indexes


def start_api(port: int, data_dir: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "KENNISGRAAF_DATA_DIR": str(data_dir),
        "KENNISGRAAF_BACKEND": "embedded",
        "KENNISGRAAF_API_RATE_PER_MINUTE": "0",  # 20 clients on one address would otherwise be limited
    }
    log = open(data_dir.parent / f"kg-api-{port}.log", "wb")  # noqa: SIM115 - lives as long as the process
    process = subprocess.Popen(
        [sys.executable, "-m", "kennisgraaf", "api", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("the API did not come up within 90 s")


def stop_api(process: subprocess.Popen[bytes], data_dir: Path) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    EmbeddedServer(data_dir).stop()
    shutil.rmtree(data_dir, ignore_errors=True)


async def api_client(url: str, questions: list[str], until: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT_S) as http:
        while time.monotonic() < until:
            started = time.perf_counter()
            try:
                response = await http.get("/api/ask", params={"q": rng.choice(questions)})
                ok = response.status_code == 200 and "answered" in response.json()
                error = None if ok else f"HTTP {response.status_code}: {response.text[:100]}"
            except (httpx.HTTPError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"[:200]
            tally.latencies_ms.append((time.perf_counter() - started) * 1000)
            if error:
                tally.errors.append(error)


def summary(name: str, clients: int, elapsed: float, tally: Tally) -> dict[str, Any]:
    lat = tally.latencies_ms or [0.0]
    return {
        "side": name,
        "load_average_1min_after": round(os.getloadavg()[0], 1),
        "clients": clients,
        "seconds": round(elapsed, 1),
        "answers": len(tally.latencies_ms),
        "per_second": round(len(tally.latencies_ms) / elapsed, 1),
        "errors": len(tally.errors),
        "error_examples": sorted(set(tally.errors))[:5],
        "p50_ms": round(statistics.median(lat), 1),
        "p95_ms": round(percentile(lat, 0.95), 1),
        "max_ms": round(max(lat), 1),
    }


def run_api(clients: int, seconds: float, questions: list[str]) -> dict[str, Any]:
    port = free_port()
    data_dir = Path(f"/tmp/kg-bapi-{port}")
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    process = start_api(port, data_dir)
    url = f"http://127.0.0.1:{port}"
    tally = Tally()
    try:
        httpx.get(f"{url}/api/ask", params={"q": questions[0]}, timeout=WARM_UP_TIMEOUT_S).raise_for_status()
        until = time.monotonic() + seconds

        async def all_clients() -> None:
            await asyncio.gather(*(api_client(url, questions, until, tally, i) for i in range(clients)))

        started = time.monotonic()
        asyncio.run(all_clients())
        elapsed = time.monotonic() - started
    finally:
        stop_api(process, data_dir)
    return summary("api", clients, elapsed, tally)


def run_app(clients: int, seconds: float, questions: list[str]) -> dict[str, Any]:
    port = free_port()
    data_dir = Path(f"/tmp/kg-bapp-{port}")
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    process = start_app(port, data_dir)
    tally = Tally()
    try:

        async def warm_up() -> None:
            """Rerun the Vraag page until one run finishes within load_app's 30 s (the first may take longer)."""
            deadline = time.monotonic() + WARM_UP_TIMEOUT_S
            async with websockets.connect(
                f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=2**24, open_timeout=60
            ) as ws:
                while True:
                    try:
                        _, error = await ask_once(ws, questions[0])
                    except TimeoutError:
                        error = "timeout"
                    if error is None:
                        return
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"warm-up failed: {error}")

        asyncio.run(warm_up())
        until = time.monotonic() + seconds

        async def all_sessions() -> None:
            await asyncio.gather(*(session(port, questions, until, tally, i) for i in range(clients)))

        started = time.monotonic()
        asyncio.run(all_sessions())
        elapsed = time.monotonic() - started
    finally:
        stop_app(process, data_dir)
    return summary("streamlit", clients, elapsed, tally)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    questions = [c.q for c in load_cases()]
    api = run_api(args.clients, args.seconds, questions)
    print(f"api: {api}", file=sys.stderr, flush=True)
    app = run_app(args.clients, args.seconds, questions)
    ratio = {
        "throughput_api_over_app": round(api["per_second"] / app["per_second"], 1) if app["per_second"] else None,
        "p50_app_over_api": round(app["p50_ms"] / api["p50_ms"], 1) if api["p50_ms"] else None,
        "p95_app_over_api": round(app["p95_ms"] / api["p95_ms"], 1) if api["p95_ms"] else None,
    }
    result = {"api": api, "streamlit": app, "ratio": ratio}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "api.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print("| side | clients | duration (s) | answers | answers/s | errors | p50 (ms) | p95 (ms) | max (ms) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for side in (api, app):
        print(
            f"| {side['side']} | {side['clients']} | {side['seconds']} | {side['answers']} | {side['per_second']} | "
            f"{side['errors']} | {side['p50_ms']} | {side['p95_ms']} | {side['max_ms']} |"
        )
    print(
        f"\nthroughput API/app: {ratio['throughput_api_over_app']}x; p50 app/API: {ratio['p50_app_over_api']}x; "
        f"p95 app/API: {ratio['p95_app_over_api']}x"
    )
    errors = api["error_examples"] + app["error_examples"]
    if errors:
        print("errors:", errors, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
