"""Load time and catalogue-query latency (p50/p95) per engine, for the seed and synthetic graphs 100× and 1000×.

    python benchmarks/bench_store.py [--scales 1,100,1000] [--engines falkordb,neo4j] [--runs 20]

Neo4j is used when NEO4J_URI is set (scripts/neo4j-server.sh start prints it). Results go to
benchmarks/results/store.json and a Markdown table on stdout. Times are wall-clock on a shared 2-core machine:
compare engines and scales within one run, not across machines.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import percentile
from benchmarks.synthetic import ScaledKnowledge
from kennisgraaf.catalogue import catalogue
from kennisgraaf.errors import KennisgraafError
from kennisgraaf.seed import read_seed
from kennisgraaf.settings import PROJECT_ROOT, Neo4jSettings
from kennisgraaf.stores.embedded_server import EmbeddedServer
from kennisgraaf.stores.falkordb_store import FalkorDBStore
from kennisgraaf.stores.neo4j_store import Neo4jStore
from tests.stores.test_contract import params_for

RESULTS = Path(__file__).parent / "results"
# Whole-graph scans (export, entity index, schema) return every node at 1000×; they are measured separately.
SCANS = {
    "meta.export_nodes",
    "meta.export_relationships",
    "entity.all",
    "meta.schema",
    "meta.relationship_schema",
    "meta.counts",
    "meta.relationship_counts",
    "entity.search",
}


def bench(engine: str, store: Any, scale: int, runs: int, seed: Any) -> dict[str, Any]:
    knowledge = seed if scale == 1 else ScaledKnowledge(seed, scale)
    started = time.perf_counter()
    counts = store.load(knowledge)
    load_s = time.perf_counter() - started
    latencies: dict[str, dict[str, float]] = {}
    failed: dict[str, str] = {}
    for query_id, query in sorted(catalogue().items()):
        if scale > 1 and query_id in SCANS:
            continue
        params = params_for(query_id)
        samples = []
        try:
            store.run(query, params)  # warm
            for _ in range(runs):
                t0 = time.perf_counter()
                store.run(query, params)
                samples.append((time.perf_counter() - t0) * 1000)
        except KennisgraafError as exc:  # e.g. a list over 1000x the data hits the 5 s query timeout
            failed[query_id] = str(exc)[:120]
            continue
        latencies[query_id] = {
            "p50_ms": round(statistics.median(samples), 2),
            "p95_ms": round(percentile(samples, 0.95), 2),
        }
    all_p50 = [v["p50_ms"] for v in latencies.values()]
    return {
        "engine": engine,
        "scale": scale,
        "nodes": sum(v for k, v in counts.items() if not k.isupper()),
        "relationships": sum(v for k, v in counts.items() if k.isupper()),
        "load_s": round(load_s, 2),
        "median_query_p50_ms": round(statistics.median(all_p50), 2),
        "worst_query_p95_ms": round(max(v["p95_ms"] for v in latencies.values()), 2),
        "queries": latencies,
        "failed_queries": failed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,100,1000")
    parser.add_argument("--engines", default="falkordb,neo4j")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--output", default="store.json", help="file name under benchmarks/results/")
    args = parser.parse_args()
    seed = read_seed(PROJECT_ROOT / "seed")
    data_dir = Path("/tmp/kg-bench")
    shutil.rmtree(data_dir, ignore_errors=True)
    server = EmbeddedServer(data_dir)
    results = []
    try:
        for engine in args.engines.split(","):
            if engine == "neo4j" and not os.environ.get("NEO4J_URI"):
                print("neo4j: NEO4J_URI not set, skipped (start it with scripts/neo4j-server.sh)", file=sys.stderr)
                continue
            store = FalkorDBStore(server, graph_name="bench") if engine == "falkordb" else Neo4jStore(Neo4jSettings())
            for scale in (int(s) for s in args.scales.split(",")):
                print(f"{engine} ×{scale} …", file=sys.stderr, flush=True)
                try:
                    result = bench(engine, store, scale, args.runs if scale < 1000 else max(5, args.runs // 4), seed)
                except Exception as exc:
                    result = {"engine": engine, "scale": scale, "error": f"{type(exc).__name__}: {exc}"[:300]}
                if engine == "falkordb":
                    result["server_rss_mb"] = server.rss_mb()
                results.append(result)
                print(json.dumps({k: v for k, v in result.items() if k != "queries"}), file=sys.stderr, flush=True)
            if engine == "neo4j":
                with contextlib.suppress(KennisgraafError):
                    store.load(seed)  # leave the test database as the tests expect it
            store.close()
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / args.output).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(
        "| engine | scale | nodes | relationships | load (s) | median query p50 (ms) | worst query p95 (ms) "
        "| server RSS (MB) | queries over the 5 s timeout |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        if "error" in r:
            print(f"| {r['engine']} | {r['scale']}× | – | – | failed: {r['error'][:80]} | – | – | – | – |")
            continue
        rss = f"{r['server_rss_mb']:.0f}" if r.get("server_rss_mb") else "–"
        print(
            f"| {r['engine']} | {r['scale']}× | {r['nodes']} | {r['relationships']} | {r['load_s']} | "
            f"{r['median_query_p50_ms']} | {r['worst_query_p95_ms']} | {rss} | "
            f"{', '.join(r['failed_queries']) or '–'} |"
        )


if __name__ == "__main__":
    main()
