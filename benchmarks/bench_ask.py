"""Ask latency per question (warm, embedded engine) and the batch time of `kennisgraaf ask --jsonl`.

    python benchmarks/bench_ask.py [--repeat 3]

Uses every question of tests/questions/. Results: benchmarks/results/ask.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import embedded_seed, percentile
from tests.ask.question_suite import load_cases

RESULTS = Path(__file__).parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    questions = [c.q for c in load_cases()]
    data_dir = Path("/tmp/kg-bench-ask")
    with embedded_seed(data_dir) as kg:
        started = time.perf_counter()
        kg.ask(questions[0])  # builds the entity index
        first_ms = (time.perf_counter() - started) * 1000
        samples: list[float] = []
        first_pass: list[float] = []  # each question the first time: no remembered query results yet
        for round_ in range(args.repeat):
            for question in questions:
                t0 = time.perf_counter()
                kg.ask(question)
                (first_pass if round_ == 0 else samples).append((time.perf_counter() - t0) * 1000)
        env = {**os.environ, "KENNISGRAAF_DATA_DIR": str(data_dir)}
        t0 = time.perf_counter()
        batch = subprocess.run(
            [sys.executable, "-m", "kennisgraaf", "ask", "--jsonl"],
            input="\n".join(questions) + "\n",
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        batch_s = time.perf_counter() - t0
        answered = sum(json.loads(line)["answered"] for line in batch.stdout.splitlines())
    result = {
        "questions": len(questions),
        "first_ask_ms_including_index": round(first_ms, 1),
        "first_time_p50_ms": round(statistics.median(first_pass), 2),
        "first_time_p95_ms": round(percentile(first_pass, 0.95), 2),
        "ask_p50_ms": round(statistics.median(samples), 2),
        "ask_p95_ms": round(percentile(samples, 0.95), 2),
        "ask_max_ms": round(max(samples), 2),
        "jsonl_batch_s": round(batch_s, 2),
        "jsonl_answered": answered,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ask.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(
        "| questions | first ask incl. indexes (ms) | new question p50 / p95 (ms) | asked again p50 / p95 (ms) "
        "| max (ms) | `ask --jsonl` batch, one process (s) |"
    )
    print("|---|---|---|---|---|---|")
    print(
        f"| {result['questions']} | {result['first_ask_ms_including_index']} | {result['first_time_p50_ms']} / "
        f"{result['first_time_p95_ms']} | {result['ask_p50_ms']} / {result['ask_p95_ms']} | {result['ask_max_ms']} | "
        f"{result['jsonl_batch_s']} |"
    )


if __name__ == "__main__":
    main()
