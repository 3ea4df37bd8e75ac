"""Load on the real app: N concurrent Streamlit sessions asking questions for a while, against `kennisgraaf serve`.

    python benchmarks/load_app.py [--sessions 20] [--seconds 60]

Each session is a websocket client speaking Streamlit's own protocol (the one the browser speaks): it opens
/_stcore/stream and asks for reruns of the Vraag page with ?vraag=<question>, a different question each time,
and waits for the script to finish. An error is an exception element in the page, a script that does not
finish within 30 s, or a dropped connection. Traffic goes to 127.0.0.1 only; the run is bounded in time.
Results: benchmarks/results/load.json and a Markdown table on stdout.
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
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kennisgraaf.stores.embedded_server import EmbeddedServer
from tests.ask.question_suite import load_cases
from tests.tcp_forwarder import free_port

RESULTS = Path(__file__).parent / "results"
SCRIPT_TIMEOUT_S = 30.0


@dataclass
class Tally:
    """What all sessions saw."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def start_app(port: int, data_dir: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "KENNISGRAAF_DATA_DIR": str(data_dir), "KENNISGRAAF_BACKEND": "embedded"}
    log = open(data_dir.parent / f"kg-load-{port}.log", "wb")  # noqa: SIM115 - lives as long as the process
    process = subprocess.Popen(
        [sys.executable, "-m", "kennisgraaf", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("the app did not come up within 90 s")


def stop_app(process: subprocess.Popen[bytes], data_dir: Path) -> None:
    """Stop the app, then the embedded engine it started, and remove its data."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    EmbeddedServer(data_dir).stop()
    shutil.rmtree(data_dir, ignore_errors=True)


async def ask_once(ws: websockets.ClientConnection, question: str) -> tuple[float, str | None]:
    """Rerun the Vraag page with ?vraag=question; return (ms, error or None)."""
    message = BackMsg()
    message.rerun_script.query_string = urlencode({"vraag": question})
    message.rerun_script.page_name = ""
    started = time.perf_counter()
    await ws.send(message.SerializeToString())
    deadline = started + SCRIPT_TIMEOUT_S
    error: str | None = None
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            return (time.perf_counter() - started) * 1000, "timeout"
        raw = await asyncio.wait_for(ws.recv(), timeout=remaining)
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        element = forward.delta.new_element if kind == "delta" else None
        if element is not None and element.WhichOneof("type") == "exception":
            error = f"exception: {element.exception.message[:120]}"
        if kind == "script_finished":
            return (time.perf_counter() - started) * 1000, error


async def session(port: int, questions: list[str], until: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    try:
        async with websockets.connect(
            f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=2**24, open_timeout=30
        ) as ws:
            while time.monotonic() < until:
                ms, error = await ask_once(ws, rng.choice(questions))
                tally.latencies_ms.append(ms)
                if error:
                    tally.errors.append(error)
    except Exception as exc:
        tally.errors.append(f"{type(exc).__name__}: {exc}"[:200])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(sessions: int, seconds: float) -> dict[str, object]:
    questions = [c.q for c in load_cases()]
    port = free_port()
    data_dir = Path(f"/tmp/kg-load-{port}")
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    process = start_app(port, data_dir)
    tally = Tally()
    try:
        until = time.monotonic() + seconds

        async def all_sessions() -> None:
            await asyncio.gather(*(session(port, questions, until, tally, i) for i in range(sessions)))

        started = time.monotonic()
        asyncio.run(all_sessions())
        elapsed = time.monotonic() - started
    finally:
        stop_app(process, data_dir)
    lat = tally.latencies_ms or [0.0]
    return {
        "sessions": sessions,
        "seconds": round(elapsed, 1),
        "answers": len(tally.latencies_ms),
        "errors": len(tally.errors),
        "error_examples": sorted(set(tally.errors))[:5],
        "p50_ms": round(statistics.median(lat), 1),
        "p95_ms": round(percentile(lat, 0.95), 1),
        "max_ms": round(max(lat), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    result = run(args.sessions, args.seconds)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print("| sessions | duration (s) | answers | errors | p50 (ms) | p95 (ms) | max (ms) |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {result['sessions']} | {result['seconds']} | {result['answers']} | {result['errors']} | "
        f"{result['p50_ms']} | {result['p95_ms']} | {result['max_ms']} |"
    )
    if result["errors"]:
        print("errors:", result["error_examples"], file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
