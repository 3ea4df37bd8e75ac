"""A cache on disk of the answerer's indexes (entity linker and passage retrieval) and of the YAML files it reads, so
that a server starts without building or parsing them again.

Building them (Dutch stemming and compound splitting of every name and passage, then BM25) takes about a second;
unpickling them takes a few tens of ms. The indexes are a pure function of the rows they are built from (the
catalogue queries entity.all and passage.all on the live graph) and of the answerer's code and word lists, so the
key is a hash of exactly those: whatever graph is loaded, from whichever seed, the cache can only return what
building would. It lives beside the seed cache (~/.cache/kennisgraaf, KENNISGRAAF_CACHE_DIR), written only by this
user; a cache that cannot be read or written is ignored and the indexes are built.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
ASK_DIR = Path(__file__).resolve().parent / "ask"
KEEP = 4  # index files kept; older ones are removed when a new one is written
KEEP_YAML = 32  # parsed YAML files kept (the answerer reads four)


def cache_dir(kind: str = "indexes") -> Path:
    """Beside the seed cache (kennisgraaf.seed_cache): <cache>/indexes, <cache>/yaml."""
    return Path(os.environ.get("KENNISGRAAF_CACHE_DIR") or Path.home() / ".cache" / "kennisgraaf") / kind


@lru_cache(maxsize=1)
def code_key() -> str:
    """A hash of the answerer's code and data files (a change means fresh indexes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in ASK_DIR.rglob("*") if p.is_file() and p.suffix in {".py", ".yaml", ".json"}):
        digest.update(str(path.relative_to(ASK_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def rows_key(*row_sets: list[dict[str, Any]]) -> str:
    """A hash of the rows the indexes are built from, and of the code that builds them."""
    digest = hashlib.sha256(code_key().encode())
    for rows in row_sets:
        digest.update(json.dumps(rows, sort_keys=True, default=str, ensure_ascii=False).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def cached(key: str, expected: type[T], build: Callable[[], T], kind: str = "indexes", keep: int = KEEP) -> T:
    """The object cached under key (if it is an `expected`), else build() and cache it; at most `keep` files of a
    kind are kept."""
    path = cache_dir(kind) / f"{key}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        with path.open("rb") as handle:
            value = pickle.load(handle)
        if isinstance(value, expected):
            return value
    value = build()
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        _prune(path.parent, keep)
    return value


def _prune(directory: Path, keep: int) -> None:
    files = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)


def load_yaml(path: Path) -> Any:
    """The plain data of a YAML file (ruamel.yaml, safe), from the cache when the file's bytes are unchanged.

    ruamel.yaml in pure Python takes ~0.7 s for the answerer's word lists, phrases and intent rules together; the
    pickled data loads in a few ms. The key is a hash of the file's path and bytes, so an edit is read again.
    """
    raw = Path(path).read_bytes()
    digest = hashlib.sha256(b"yaml\0" + str(Path(path).name).encode() + b"\0" + raw).hexdigest()

    def parse() -> Any:
        from ruamel.yaml import YAML

        return YAML(typ="safe").load(raw.decode("utf-8"))

    return cached(digest, object, parse, kind="yaml", keep=KEEP_YAML)
