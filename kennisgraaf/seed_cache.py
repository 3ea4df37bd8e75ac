"""A cache of the validated seed (with the report's lexical layer), so that a server starts without reading it again.

Reading the seed (ruamel.yaml with line numbers, then validation) takes seconds; the cache is a pickle of the
validated KnowledgeSet, keyed by a hash of every seed file, the report text and Kennisgraaf's own code, so that any
change to one of them means a fresh read. It lives in ~/.cache/kennisgraaf (KENNISGRAAF_CACHE_DIR), never in the
data dir, and is written only by this process for this user. A cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.lexical import read_knowledge
from kennisgraaf.settings import PROJECT_ROOT

PACKAGE_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path:
    return Path(os.environ.get("KENNISGRAAF_CACHE_DIR") or Path.home() / ".cache" / "kennisgraaf") / "seed"


def seed_key(seed_dir: Path) -> str:
    """A hash of everything the validated seed depends on: seed files, the report text, the package's code."""
    digest = hashlib.sha256()
    files = [p for p in sorted(Path(seed_dir).rglob("*")) if p.is_file()]
    for source in sorted({PROJECT_ROOT / "source", Path(seed_dir).resolve().parent / "source"}):
        files += [p for p in sorted(source.glob("*")) if p.is_file()]
    files += sorted(PACKAGE_DIR.rglob("*.py")) + sorted(PACKAGE_DIR.rglob("*.yaml"))
    for path in files:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_knowledge_cached(seed_dir: Path) -> KnowledgeSet:
    """What a load writes (kennisgraaf.lexical.read_knowledge): from the cache when nothing it depends on changed,
    else read (and cached)."""
    key = seed_key(seed_dir)
    path = cache_dir() / f"{key}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        with path.open("rb") as handle:
            knowledge = pickle.load(handle)
        if isinstance(knowledge, KnowledgeSet):
            return knowledge
    knowledge = read_knowledge(seed_dir)  # raises SeedInvalid: nothing is cached then
    with contextlib.suppress(OSError, pickle.PicklingError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(knowledge, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    return knowledge
