"""Chain pages before and after the chain view, measured in one run: two apps side by side, renders interleaved.

    python benchmarks/bench_chain.py [--before main] [--repeat 7]

`--before` is a git revision (default: main): its tree is exported to a temporary directory and served from there
(the exported `kennisgraaf` package shadows the installed one), next to the current tree. Both get an empty data
dir, are warmed up, and then every page is rendered alternately on each (over Streamlit's websocket, like
bench_app.py). Result: benchmarks/results/chain.json and a Markdown table (median ms, after/before).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_app import render
from tests.tcp_forwarder import free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results"
PAGES: list[tuple[str, str, dict[str, str]]] = [
    ("keten, maatregel 8 (default view)", "keten", {"id": "m08"}),
    ("keten, casusoverleg diepte 2", "keten", {"id": "casusoverleg", "weergave": "omgeving", "diepte": "2"}),
    (
        "keten, gemeente → bevriezingsoverleg",
        "keten",
        {"id": "gemeente", "van": "gemeente", "naar": "bevriezingsoverleg"},
    ),
    ("maatregelen?id=m08", "maatregelen", {"id": "m08"}),
    ("overleggen?id=casusoverleg", "overleggen", {"id": "casusoverleg"}),
    ("spanningsvelden", "spanningsvelden", {}),
]


def start(tree: Path, port: int, data_dir: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "KENNISGRAAF_DATA_DIR": str(data_dir),
        "KENNISGRAAF_BACKEND": "embedded",
        "PYTHONPATH": str(tree),
    }
    log = open(data_dir.parent / f"{data_dir.name}.log", "wb")  # noqa: SIM115 - lives as long as the process
    process = subprocess.Popen(
        [sys.executable, "-m", "kennisgraaf", "serve", "--port", str(port)],
        cwd=tree,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"the app in {tree} did not come up")


def stop(process: subprocess.Popen[bytes], tree: Path, data_dir: Path) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    subprocess.run(
        [sys.executable, "-m", "kennisgraaf", "stop"],
        cwd=tree,
        env={**os.environ, "KENNISGRAAF_DATA_DIR": str(data_dir), "PYTHONPATH": str(tree)},
        check=False,
        capture_output=True,
    )


async def measure(ports: dict[str, int], repeat: int) -> dict[str, dict[str, float]]:
    urls = {k: f"ws://127.0.0.1:{p}/_stcore/stream" for k, p in ports.items()}
    async with (
        websockets.connect(urls["before"], subprotocols=["streamlit"], max_size=2**25, open_timeout=90) as before,
        websockets.connect(urls["after"], subprotocols=["streamlit"], max_size=2**25, open_timeout=90) as after,
    ):
        sockets = {"before": before, "after": after}
        for ws in sockets.values():  # cold start: engine, seed, entity index
            await render(ws, "vraag", {})
        out: dict[str, dict[str, float]] = {}
        for label, page, params in PAGES:
            for ws in sockets.values():  # warm this page once
                await render(ws, page, params)
            samples: dict[str, list[float]] = {"before": [], "after": []}
            errors = 0
            for _ in range(repeat):
                for name, ws in sockets.items():
                    ms, failed = await render(ws, page, params)
                    samples[name].append(ms)
                    errors += int(failed)
            out[label] = {
                "before_ms": round(statistics.median(samples["before"]), 1),
                "after_ms": round(statistics.median(samples["after"]), 1),
                "errors": errors,
            }
            out[label]["ratio"] = round(out[label]["after_ms"] / out[label]["before_ms"], 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", default="main", help="git revision to compare against (default: main)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kgbc-", dir="/tmp"))
    before_tree = work / "before"
    before_tree.mkdir()
    archive = subprocess.run(["git", "archive", args.before], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(before_tree)], input=archive, check=True)
    trees = {"before": before_tree, "after": ROOT}
    ports = {k: free_port() for k in trees}
    data = {k: work / f"data-{k}" for k in trees}
    processes = {}
    try:
        for key, tree in trees.items():
            data[key].mkdir()
            processes[key] = start(tree, ports[key], data[key])
        result = asyncio.run(measure(ports, args.repeat))
    finally:
        for key, process in processes.items():
            stop(process, trees[key], data[key])
        shutil.rmtree(work, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    document = {"before": args.before, "repeat": args.repeat, "pages": result}
    (RESULTS / "chain.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"before = {args.before}, after = this tree; median of {args.repeat} interleaved warm renders\n")
    print("| page | before (ms) | after (ms) | after / before |")
    print("|---|---|---|---|")
    for label, row in result.items():
        print(f"| {label} | {row['before_ms']} | {row['after_ms']} | {row['ratio']} |")


if __name__ == "__main__":
    main()
