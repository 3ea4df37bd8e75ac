"""What makes `kennisgraaf serve` start fast and stay small: heavy modules stay out of the answer path, the
answerer's indexes come from a cache on disk that can only return what building would, and the knowledge base
opened in the background while the server starts is handed to the app (or not)."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kennisgraaf import index_cache
from kennisgraaf.api import Kennisgraaf
from kennisgraaf.ask.engine import AskEngine, Indexes
from kennisgraaf.settings import PROJECT_ROOT, Settings
from kennisgraaf.stores.embedded_server import EmbeddedServer
from kennisgraaf.views import serve, warm

# Not one of these is needed to answer a question; each costs tens of MB and a large share of a cold start.
HEAVY = ("pandas", "pyarrow", "pyvis", "networkx", "IPython", "jinja2", "rdflib", "fastapi", "sklearn", "matplotlib")
QUESTIONS = ("Wie neemt deel aan het casusoverleg?", "Who decides on the passport measure?", "Wat betekent RIEC?")


def _modules_after(code: str, env: dict[str, str] | None = None, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    script = f"import sys\nsys.path.insert(0, {str(PROJECT_ROOT / 'app')!r})\n{code}\n" + (
        f"import json; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r}))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})}, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_cli_and_the_app_modules_import_no_heavy_module() -> None:
    assert _modules_after("import kennisgraaf.cli, kennisgraaf.views.serve, kg_ui, not_found") == []


def test_the_cli_does_not_import_the_answerer() -> None:
    code = "import kennisgraaf.cli\nassert 'kennisgraaf.ask' not in sys.modules and 'numpy' not in sys.modules"
    assert _modules_after(code) == []


def test_answering_questions_imports_no_heavy_module(embedded_server: EmbeddedServer, tmp_path: Path) -> None:
    code = (
        "from kennisgraaf.api import Kennisgraaf\n"
        "from kennisgraaf.settings import Settings\n"
        "kg = Kennisgraaf(settings=Settings())\n"
        "kg.ensure_loaded()\n"
        f"answers = [kg.ask(q) for q in {QUESTIONS!r}]\n"
        "assert all(a.answered for a in answers), answers\n"
        "kg.close()\n"
    )
    env = {"KENNISGRAAF_DATA_DIR": str(embedded_server.data_dir), "KENNISGRAAF_BACKEND": "embedded",
           "KENNISGRAAF_GRAPH_NAME": "kgstartup", "KENNISGRAAF_CACHE_DIR": str(tmp_path / "cache")}
    assert _modules_after(code, env) == []
    # bm25s (and scipy under it) only build the passage index: with the index cached, answering needs neither.
    assert _modules_after(code, env, heavy=("bm25s", "scipy")) == []


# -- the index cache ------------------------------------------------------------------------------------------------
@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KENNISGRAAF_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "indexes"


def test_cached_indexes_answer_exactly_like_freshly_built_ones(
    embedded_kg: Kennisgraaf, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = AskEngine(embedded_kg)
    answers = [built.ask(q) for q in QUESTIONS]  # builds the indexes and writes them to the cache
    assert len(list(cache.glob("*.pickle"))) == 1
    from_disk = AskEngine(embedded_kg)
    calls: list[str] = []
    original = index_cache.cached

    def spy(key: str, expected: type, build: Callable[[], object]) -> object:
        def counted() -> object:
            calls.append(key)
            return build()

        return original(key, expected, counted)

    monkeypatch.setattr("kennisgraaf.ask.engine.cached", spy)
    assert [from_disk.ask(q) for q in QUESTIONS] == answers
    assert calls == [], "the indexes were built again instead of read from the cache"


def test_the_key_changes_with_the_rows() -> None:
    rows = [{"id": "p-1", "text": "De gemeente"}]
    assert index_cache.rows_key(rows) == index_cache.rows_key([dict(rows[0])])
    assert index_cache.rows_key(rows) != index_cache.rows_key([{"id": "p-1", "text": "De gemeenten"}])
    assert index_cache.rows_key(rows, []) != index_cache.rows_key([], rows)


def test_a_junk_or_foreign_cache_file_is_built_again(cache: Path) -> None:
    cache.mkdir(parents=True)
    (cache / "junk.pickle").write_bytes(b"not a pickle")
    (cache / "foreign.pickle").write_bytes(pickle.dumps({"not": "indexes"}))
    assert index_cache.cached("junk", dict, lambda: {"built": 1}) == {"built": 1}
    assert index_cache.cached("foreign", Indexes, lambda: "built") == "built"
    assert pickle.loads((cache / "junk.pickle").read_bytes()) == {"built": 1}


def test_old_index_files_are_removed(cache: Path) -> None:
    for i in range(index_cache.KEEP + 3):
        index_cache.cached(f"k{i}", int, lambda i=i: i)
    assert len(list(cache.glob("*.pickle"))) == index_cache.KEEP


def test_yaml_from_the_cache_equals_a_fresh_parse_and_an_edit_is_read_again(cache: Path, tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    for name in ("intents.yaml", "phrases.yaml", "synonyms.yaml", "translations.yaml"):
        path = PROJECT_ROOT / "kennisgraaf" / "ask" / name
        fresh = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        assert index_cache.load_yaml(path) == fresh  # parsed and cached
        assert index_cache.load_yaml(path) == fresh  # from the cache
    own = tmp_path / "lijst.yaml"
    own.write_text("a: 1\n", encoding="utf-8")
    assert index_cache.load_yaml(own) == {"a": 1}
    own.write_text("a: 2\n", encoding="utf-8")
    assert index_cache.load_yaml(own) == {"a": 2}


# -- the background opening --------------------------------------------------------------------------------------
def test_the_app_gets_the_knowledge_base_opened_in_the_background(embedded_server: EmbeddedServer) -> None:
    settings = Settings(data_dir=embedded_server.data_dir, graph_name="kgwarm")
    warm.start(settings)
    kg = warm.take(settings)
    try:
        assert kg is not None and not kg.is_empty()
        assert kg._asker is not None and kg._asker._indexes is not None  # built before the first question
        assert warm.take(settings) is None, "handed over once"
    finally:
        if kg is not None:
            kg.close()


def test_a_stop_while_opening_waits_for_it_and_closes_what_it_opened(embedded_server: EmbeddedServer) -> None:
    settings = Settings(data_dir=embedded_server.data_dir, graph_name="kgwarm")
    opening = warm.start(settings)
    warm.cancel(wait_s=120)
    assert opening.done.is_set() and opening.kg is not None
    assert opening.kg.store._db is None, "its connection is closed"  # type: ignore[attr-defined]
    assert warm.take(settings) is None


def test_other_settings_or_a_failure_get_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No Neo4j at this address (the test run's own Neo4j is in NEO4J_URI): the opening fails.
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    warm.start(Settings(data_dir=tmp_path / "a", backend="neo4j"))
    assert warm.take(Settings(data_dir=tmp_path / "a", backend="neo4j")) is None
    warm.start(Settings(data_dir=tmp_path / ("x" * 120)))  # socket path too long: fails
    assert warm.take(Settings(data_dir=tmp_path / "b")) is None


# -- the serve process -------------------------------------------------------------------------------------------
def test_malloc_arenas_are_capped_on_glibc() -> None:
    glibc = sys.platform.startswith("linux") and os.confstr("CS_GNU_LIBC_VERSION") is not None
    assert serve.limit_malloc_arenas() is glibc  # capped on glibc (Debian); elsewhere there is nothing to cap


def test_streamlit_options_keep_the_app_local_and_quiet() -> None:
    flags = serve.options(8599)
    assert flags["server.port"] == 8599 and flags["server.address"] == "127.0.0.1"
    assert flags["browser.gatherUsageStats"] is False and flags["server.fileWatcherType"] == "none"
    assert flags["runner.postScriptGC"] is False and flags["runner.magicEnabled"] is False
