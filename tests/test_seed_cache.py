"""The cache of the validated seed: the same knowledge as a fresh read, invalidated by any change, robust to junk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kennisgraaf import seed_cache
from kennisgraaf.lexical import read_knowledge
from kennisgraaf.seed import SeedInvalid
from kennisgraaf.settings import PROJECT_ROOT

SEED = PROJECT_ROOT / "seed"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KENNISGRAAF_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "seed"


def test_cached_seed_equals_a_fresh_read(cache: Path) -> None:
    first = seed_cache.read_knowledge_cached(SEED)
    assert len(list(cache.glob("*.pickle"))) == 1
    second = seed_cache.read_knowledge_cached(SEED)
    assert first == second == read_knowledge(SEED)


def test_a_changed_seed_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    before = seed_cache.read_knowledge_cached(seed)
    measures = seed / "measures.yaml"
    measures.write_text(measures.read_text(encoding="utf-8").replace("paspoortmaatregel", "paspoortmaatregelX", 1))
    after = seed_cache.read_knowledge_cached(seed)
    assert before != after
    assert len(list(cache.glob("*.pickle"))) == 2


def test_an_invalid_seed_is_never_cached(cache: Path, tmp_path: Path) -> None:
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    (seed / "broken.yaml").write_text("measures: [\n", encoding="utf-8")
    with pytest.raises(SeedInvalid):
        seed_cache.read_knowledge_cached(seed)
    assert not list(cache.glob("*.pickle"))


def test_a_corrupt_cache_file_is_ignored_and_replaced(cache: Path) -> None:
    cache.mkdir(parents=True)
    (cache / f"{seed_cache.seed_key(SEED)}.pickle").write_bytes(b"not a pickle")
    assert seed_cache.read_knowledge_cached(SEED) == read_knowledge(SEED)
    assert seed_cache.read_knowledge_cached(SEED) == read_knowledge(SEED)
