"""Fuzzing the seed: whatever the files contain, the result is a clean graph or a file:line: field list — never a
traceback and never a partly loaded graph."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.seed import SeedInvalid, read_seed
from kennisgraaf.settings import Settings
from kennisgraaf.stores.embedded_server import EmbeddedServer
from kennisgraaf.stores.falkordb_store import FalkorDBStore
from tests.conftest import SEED_DIR

VALID = """organisations:
  - id: om
    name: Openbaar Ministerie
    abbreviation: OM
    kind: dienst
    source: "§3.2.1"
  - id: gemeente
    name: Gemeenten
    kind: gemeente
    source: "§3.2.1"
measures:
  - id: m08
    number: 8
    name: Onderkende uitreizigers worden geplaatst op de nationale terrorismelijst.
    short_name: bevriezingsmaatregel
    inspected: true
    approach: persoonsgericht
    source: Bijlage I
relations:
  - from: gemeente
    type: REQUESTS
    to: m08
    source: "§4.4 Spanningsvelden"
"""
PATH = r'(?:\(file\)|(?:[\w-]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\]|\.)+)'
LINE_ERROR = re.compile(rf"^[^:\n]+\.ya?ml:\d+: {PATH}: .+|^[^:\n]+:1: \(dir\): .+", re.S)

MUTATIONS = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, len(VALID)), st.text(max_size=20)),
    st.tuples(st.just("delete"), st.integers(0, len(VALID)), st.integers(1, 40)),
    st.tuples(
        st.just("replace_value"),
        st.sampled_from(["8", "true", "dienst", "om", "m08", "§3.2.1", "REQUESTS"]),
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(
                [
                    "[]",
                    "{}",
                    "~",
                    "-1",
                    "1e999",
                    "x" * 20000,
                    "'\\u0000'",
                    "!!binary AAAA",
                    "&a [*a]",
                    "om",
                    "m08",
                    "\U0001f600",
                ]
            ),
        ),
    ),
    st.tuples(st.just("duplicate_line"), st.integers(0, VALID.count("\n") - 1), st.just(None)),
    st.tuples(
        st.just("append"),
        st.sampled_from(
            [
                "  - id: om\n    name: twee\n    kind: dienst\n    source: x\n",
                "relations:\n  - {from: om, type: EXECUTES, to: nergens, source: x}\n",
                "terms:\n  - {id: t, name: 'x', definition: 'geboren op 01-02-1990', source: x}\n",
                "measures: 5\n",
                "\t\x00\x1b",
            ]
        ),
        st.just(None),
    ),
)


def mutate(text: str, mutation: tuple) -> str:
    kind, a, b = mutation
    if kind == "insert":
        return text[:a] + b + text[a:]
    if kind == "delete":
        return text[:a] + text[a + b :]
    if kind == "replace_value":
        return text.replace(a, b, 1)
    if kind == "duplicate_line":
        lines = text.splitlines(keepends=True)
        if not lines:
            return text
        a %= len(lines)  # an earlier mutation in the same list may have removed lines
        return "".join([*lines[: a + 1], lines[a], *lines[a + 1 :]])
    return text + a


@pytest.fixture(scope="module")
def fuzz_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="kg-fuzz-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_the_unmutated_fixture_is_valid(fuzz_dir: Path) -> None:
    (fuzz_dir / "seed.yaml").write_text(VALID, encoding="utf-8")
    assert read_seed(fuzz_dir).counts()["Measure"] == 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=st.lists(MUTATIONS, min_size=1, max_size=4))
def test_any_mutation_gives_a_clean_result_or_located_errors(fuzz_dir: Path, mutations: list[tuple]) -> None:
    text = VALID
    for mutation in mutations:
        text = mutate(text, mutation)
    (fuzz_dir / "seed.yaml").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        knowledge = read_seed(fuzz_dir)
    except SeedInvalid as exc:
        assert exc.errors
        for error in exc.errors:
            assert LINE_ERROR.match(str(error)), str(error)
        return
    assert isinstance(knowledge, KnowledgeSet)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=st.lists(MUTATIONS, min_size=1, max_size=3))
@example(mutations=[("replace_value", "§3.2.1", "\\0")])  # a YAML-escaped NUL once passed validation and broke the load
def test_a_failed_load_leaves_the_previous_graph(
    fuzz_dir: Path, embedded_server: EmbeddedServer, seed_knowledge: KnowledgeSet, mutations: list[tuple]
) -> None:
    kg = Kennisgraaf(FalkorDBStore(embedded_server, graph_name="kgfuzz"), Settings(seed_dir=SEED_DIR))
    if not kg.counts():
        kg.load_knowledge(seed_knowledge)
    before = kg.counts()
    text = VALID
    for mutation in mutations:
        text = mutate(text, mutation)
    (fuzz_dir / "seed.yaml").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        kg.load(fuzz_dir)
    except SeedInvalid:
        assert kg.counts() == before
    else:
        assert kg.counts() != before  # a valid mutation replaced the graph as a whole
        kg.load_knowledge(seed_knowledge)
    kg.close()
