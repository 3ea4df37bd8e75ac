"""What several benchmarks share: the real seed on a fresh embedded engine in a scratch directory."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.lexical import read_knowledge
from kennisgraaf.settings import PROJECT_ROOT, Settings
from kennisgraaf.stores.embedded_server import EmbeddedServer
from kennisgraaf.stores.falkordb_store import FalkorDBStore


@contextmanager
def embedded_seed(data_dir: Path) -> Iterator[Kennisgraaf]:
    """The seed loaded into a new embedded engine in data_dir; engine stopped and directory removed after."""
    shutil.rmtree(data_dir, ignore_errors=True)
    server = EmbeddedServer(data_dir)
    kg = Kennisgraaf(FalkorDBStore(server), Settings(seed_dir=PROJECT_ROOT / "seed"))
    try:
        kg.load_knowledge(read_knowledge(PROJECT_ROOT / "seed"))
        yield kg
    finally:
        kg.close()
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of the values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
