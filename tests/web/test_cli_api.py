"""`kennisgraaf export` in every format and `kennisgraaf api`, run as real processes on the embedded engine."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest
from rdflib import Graph

from kennisgraaf.lexical import read_knowledge
from kennisgraaf.stores.embedded_server import EmbeddedServer
from tests.conftest import SEED_DIR, short_tmp_dir
from tests.tcp_forwarder import free_port
from tests.web.conftest import MISSION

SEED_NODES = len(read_knowledge(SEED_DIR).node_rows())


@pytest.fixture(scope="module")
def cli_env() -> Iterator[dict[str, str]]:
    data_dir = short_tmp_dir("kg-cliapi-")
    env = {**os.environ, "KENNISGRAAF_DATA_DIR": str(data_dir), "KENNISGRAAF_BACKEND": "embedded"}
    env.pop("KENNISGRAAF_DEBUG", None)
    yield env
    EmbeddedServer(data_dir).stop()


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "kennisgraaf", *args], env=env, capture_output=True, timeout=180)


def test_export_every_format_to_files(cli_env: dict[str, str], tmp_path: Path) -> None:
    for fmt in ("graphml", "ttl", "jsonld"):
        result = run(cli_env, "export", "--format", fmt, "--output", str(tmp_path / f"kg.{fmt}"))
        assert result.returncode == 0, result.stderr
    graph = nx.read_graphml(tmp_path / "kg.graphml")
    assert sum(1 for _, d in graph.nodes(data=True) if d["label"] == "Measure") == 38
    turtle = Graph().parse(tmp_path / "kg.ttl", format="turtle")
    jsonld = Graph().parse(tmp_path / "kg.jsonld", format="json-ld")
    assert len(turtle) == len(jsonld) > 10_000


def test_export_csv_to_a_directory_and_to_a_zip(cli_env: dict[str, str], tmp_path: Path) -> None:
    assert run(cli_env, "export", "--format", "csv", "--output", str(tmp_path / "csv")).returncode == 0
    assert run(cli_env, "export", "--format", "csv", "--output", str(tmp_path / "kg.zip")).returncode == 0
    files = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert "relationships.csv" in files and "nodes-Measure.csv" in files
    assert sorted(zipfile.ZipFile(tmp_path / "kg.zip").namelist()) == files
    with (tmp_path / "csv" / "nodes-Measure.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 38


def test_export_to_stdout_is_the_same_document_as_the_file(cli_env: dict[str, str], tmp_path: Path) -> None:
    printed = run(cli_env, "export", "--format", "ttl").stdout
    run(cli_env, "export", "--format", "ttl", "--output", str(tmp_path / "kg.ttl"))
    assert printed == (tmp_path / "kg.ttl").read_bytes()
    document = json.loads(run(cli_env, "export").stdout)
    assert len(document["nodes"]) == SEED_NODES


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "--format", "csv"), "--output"),
        (("export", "--format", "rdfxml"), "json, graphml, csv, ttl, jsonld"),
    ],
)
def test_export_bad_input_is_a_clear_error(cli_env: dict[str, str], args: tuple[str, ...], message: str) -> None:
    result = run(cli_env, *args)
    assert result.returncode == 1
    assert message in result.stderr.decode() and b"Traceback" not in result.stderr


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port`, from /proc/net/tcp and tcp6 (hex, as the kernel says)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":
                found.add(address)
    return found


def test_api_command_serves_on_loopback_only(cli_env: dict[str, str]) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kennisgraaf", "api", "--port", str(port)],
        env=cli_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "kennisgraaf api did not come up"
                time.sleep(0.3)
        assert health.json()["nodes"] == SEED_NODES
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
        answer = httpx.get(f"http://127.0.0.1:{port}/api/ask", params={"q": MISSION}, timeout=60).json()
        assert answer["answered"] and "OM" in answer["answer"]
    finally:
        process.terminate()
        out, err = process.communicate(timeout=30)
    assert b"Traceback" not in err
    assert f"http://127.0.0.1:{port}/api".encode() in out
