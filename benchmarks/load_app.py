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
import contextlib
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

from benchmarks.common import percentile
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


def wait_healthy(port: int, process: subprocess.Popen[bytes], timeout_s: float = 90.0) -> None:
    """Wait until the app answers its health check; raise if it stopped or did not come up in time."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"the app did not come up within {timeout_s:.0f} s")


def start_app(port: int, data_dir: Path, checkout: Path | None = None) -> subprocess.Popen[bytes]:
    """`kennisgraaf serve` on this port and data dir; from another checkout of the project if given (its package
    comes first on PYTHONPATH), e.g. to measure before and after a change in one run."""
    env = {**os.environ, "KENNISGRAAF_DATA_DIR": str(data_dir), "KENNISGRAAF_BACKEND": "embedded"}
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)
    log = open(data_dir.parent / f"kg-load-{port}.log", "wb")  # noqa: SIM115 - lives as long as the process
    process = subprocess.Popen(
        [sys.executable, "-m", "kennisgraaf", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=checkout,
    )
    wait_healthy(port, process)
    return process


def stop_app(process: subprocess.Popen[bytes], data_dir: Path) -> None:
    """Stop the app, then the embedded engine it started, and remove its data."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    EmbeddedServer(data_dir).stop()
    shutil.rmtree(data_dir, ignore_errors=True)


async def ask_once(
    ws: websockets.ClientConnection, question: str, timeout_s: float = SCRIPT_TIMEOUT_S
) -> tuple[float, str | None]:
    """Rerun the Vraag page with ?vraag=question; return (ms, error or None)."""
    message = BackMsg()
    message.rerun_script.query_string = urlencode({"vraag": question})
    message.rerun_script.page_name = ""
    started = time.perf_counter()
    await ws.send(message.SerializeToString())
    deadline = started + timeout_s
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


async def warm_up(port: int, all_pages: bool = False) -> None:
    """One question before the clock starts, with a generous timeout: the first answer includes the cold start.
    With all_pages, every page of the app is also shown once (as bench_app.py does), so that whatever a page
    loads on first use (pandas for tables, pyvis for pictures) is in memory during the load too."""
    async with websockets.connect(
        f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=2**24, open_timeout=60
    ) as ws:
        _, error = await ask_once(ws, "Wie neemt deel aan het casusoverleg?", timeout_s=180)
        if error:
            raise RuntimeError(f"warm-up failed: {error}")
        if all_pages:
            from benchmarks.bench_app import PAGES, render

            for page, params in PAGES.items():
                _, failed = await render(ws, page, params)
                if failed:
                    raise RuntimeError(f"warm-up failed: page {page} shows an exception")




def tree_rss_mb(root_pid: int, data_dir: Path) -> float:
    """Resident memory of a process, all its descendants, and the embedded engine serving data_dir (MB)."""
    pids, todo = set(), [root_pid]
    while todo:
        pid = todo.pop()
        pids.add(pid)
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in task.read_text().split())
    engine = EmbeddedServer(data_dir).pid()
    if engine is not None:
        pids.add(engine)
    total_kb = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total_kb += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total_kb / 1024


def run(sessions: int, seconds: float, checkout: Path | None = None, all_pages: bool = False) -> dict[str, object]:
    """Serve the app (from checkout, if given), run the sessions for `seconds`, stop it; the figures."""
    questions = [c.q for c in load_cases()]
    port = free_port()
    data_dir = Path(f"/tmp/kg-load-{port}")
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    process = start_app(port, data_dir, checkout)
    tally = Tally()
    peak_rss = [0.0]
    try:
        asyncio.run(warm_up(port, all_pages))  # the cold start (engine, seed, indexes) is bench_app.py's figure
        until = time.monotonic() + seconds

        async def sample_rss() -> None:
            while time.monotonic() < until:
                peak_rss[0] = max(peak_rss[0], tree_rss_mb(process.pid, data_dir))
                await asyncio.sleep(1.0)

        async def all_sessions() -> None:
            await asyncio.gather(sample_rss(), *(session(port, questions, until, tally, i) for i in range(sessions)))

        started = time.monotonic()
        asyncio.run(all_sessions())
        elapsed = time.monotonic() - started
    finally:
        stop_app(process, data_dir)
    lat = tally.latencies_ms or [0.0]
    return {
        "app": str(checkout) if checkout else "this checkout",
        "pages_shown_first": all_pages,
        "sessions": sessions,
        "seconds": round(elapsed, 1),
        "answers": len(tally.latencies_ms),
        "answers_per_s": round(len(tally.latencies_ms) / elapsed, 2),
        "errors": len(tally.errors),
        "error_examples": sorted(set(tally.errors))[:5],
        "p50_ms": round(statistics.median(lat), 1),
        "p95_ms": round(percentile(lat, 0.95), 1),
        "max_ms": round(max(lat), 1),
        "peak_rss_mb": round(peak_rss[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout of the project (e.g. `git worktree add /tmp/before <commit>`): measured first, "
        "in the same run, so that before and after share the machine's conditions",
    )
    parser.add_argument(
        "--all-pages",
        action="store_true",
        help="show every page once before the load, so that what pages load on first use counts in the RSS",
    )
    args = parser.parse_args()
    results = []
    if args.baseline:
        results.append(run(args.sessions, args.seconds, args.baseline.resolve(), args.all_pages))
    results.append(run(args.sessions, args.seconds, all_pages=args.all_pages))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(
        "| app | sessions | duration (s) | answers | answers/s | errors | p50 (ms) | p95 (ms) | max (ms) "
        "| peak RSS (MB) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['app']} | {r['sessions']} | {r['seconds']} | {r['answers']} | {r['answers_per_s']} | "
            f"{r['errors']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | {r['peak_rss_mb']} |"
        )
    if results[-1]["errors"]:
        print("errors:", results[-1]["error_examples"], file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
