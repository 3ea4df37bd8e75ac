"""The app, timed as a browser would see it: time to the first answer from a cold start, and page render times.

    python benchmarks/bench_app.py [--repeat 5]

Cold start: `kennisgraaf serve` with an empty data dir — the engine starts, the seed is loaded, the entity index
built — until the first question's page has finished. Page render: each page rerun over the websocket, warm,
median of --repeat runs. Results: benchmarks/results/app.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load_app import start_app, stop_app
from tests.tcp_forwarder import free_port

RESULTS = Path(__file__).parent / "results"
PAGES = {
    "vraag": {"vraag": "Wie neemt deel aan het casusoverleg?"},
    "maatregelen": {},
    "maatregelen?id=m08": {"id": "m08"},
    "organisaties": {},
    "overleggen": {},
    "wetgeving": {},
    "keten": {"id": "m08"},
    "spanningsvelden": {},
    "onboarding": {},
    "begrippen": {},
    "cypher": {},
    "over": {},
}


async def render(ws: websockets.ClientConnection, page: str, params: dict[str, str]) -> tuple[float, bool]:
    """Rerun one page; return (ms, whether an exception element appeared)."""
    message = BackMsg()
    message.rerun_script.query_string = urlencode(params)
    message.rerun_script.page_name = page.split("?")[0]
    started = time.perf_counter()
    await ws.send(message.SerializeToString())
    failed = False
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=120))
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            failed |= forward.delta.new_element.WhichOneof("type") == "exception"
        if kind == "script_finished":
            return (time.perf_counter() - started) * 1000, failed


async def measure(port: int, repeat: int, process_started: float) -> dict[str, object]:
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=2**24, open_timeout=60) as ws:
        _, failed = await render(ws, "vraag", PAGES["vraag"])
        cold_s = time.perf_counter() - process_started
        pages: dict[str, float] = {}
        errors = int(failed)
        for page, params in PAGES.items() if repeat > 0 else ():
            samples = []
            for _ in range(repeat):
                ms, failed = await render(ws, page, params)
                samples.append(ms)
                errors += int(failed)
            pages[page] = round(statistics.median(samples), 1)
    return {"cold_start_to_first_answer_s": round(cold_s, 2), "page_render_median_ms": pages, "errors": errors}


def measure_app(repeat: int, checkout: Path | None = None) -> dict[str, object]:
    """Start `kennisgraaf serve` (from checkout, if given) on an empty data dir and measure it; stop it."""
    port = free_port()
    data_dir = Path(f"/tmp/kg-benchapp-{port}")
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    started = time.perf_counter()
    process = start_app(port, data_dir, checkout)
    try:
        result = asyncio.run(measure(port, repeat, started))
    finally:
        stop_app(process, data_dir)
    return {"app": str(checkout) if checkout else "this checkout", **result}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another checkout, measured first in the same run")
    parser.add_argument(
        "--cold",
        type=int,
        default=0,
        help="then N more cold starts of each app, alternating (baseline, this), first answer only; their median is "
        "reported with the first one (a busy machine makes a single cold start a poor figure)",
    )
    args = parser.parse_args()
    results = []
    if args.baseline:
        results.append(measure_app(args.repeat, args.baseline.resolve()))
    results.append(measure_app(args.repeat))
    for _ in range(args.cold):
        for r in results:
            checkout = Path(str(r["app"])) if r["app"] != "this checkout" else None
            again = measure_app(0, checkout)["cold_start_to_first_answer_s"]
            r.setdefault("more_cold_starts_s", []).append(again)  # type: ignore[union-attr]
    for r in results:
        if r.get("more_cold_starts_s"):
            every = [r["cold_start_to_first_answer_s"], *r["more_cold_starts_s"]]  # type: ignore[misc]
            r["cold_start_median_s"] = statistics.median(every)  # type: ignore[type-var]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "app.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    pages = list(results[-1]["page_render_median_ms"])  # type: ignore[call-overload]
    head = "| app | cold start to first answer (s) | more cold starts (s) | median of all | errors | "
    print(head + " | ".join(pages) + " |")
    print("|---|---|---|---|---|" + "---|" * len(pages))
    for r in results:
        renders = r["page_render_median_ms"]
        cells = " | ".join(str(renders.get(page, "–")) for page in pages)  # type: ignore[attr-defined]
        more = ", ".join(str(x) for x in r.get("more_cold_starts_s", [])) or "–"  # type: ignore[attr-defined]
        print(
            f"| {r['app']} | {r['cold_start_to_first_answer_s']} | {more} | {r.get('cold_start_median_s', '–')} | "
            f"{r['errors']} | {cells} |"
        )


if __name__ == "__main__":
    main()
