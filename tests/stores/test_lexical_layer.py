"""The report's sections and passages in the graph: loaded by the same validated, atomic, idempotent load, on both
engines; every quote sourced from a passage; paths between curated nodes never run over passages."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from kennisgraaf.api import Kennisgraaf
from kennisgraaf.catalogue import catalogue
from kennisgraaf.errors import KennisgraafError
from kennisgraaf.knowledge import KnowledgeSet, NodeRow
from kennisgraaf.lexical import find_mentions, read_knowledge
from kennisgraaf.report import read_redactions, read_report
from kennisgraaf.schema import LEXICAL, RELATIONSHIPS
from kennisgraaf.seed import SeedInvalid
from kennisgraaf.settings import Settings
from kennisgraaf.stores.embedded_server import EmbeddedServer
from tests.conftest import ENGINES, SEED_DIR, make_store
from tests.test_report import seed_quotes

LEXICAL_COUNTS = ("Section", "Passage", "PART_OF", "NEXT", "MENTIONED_IN", "SOURCED_FROM")


def test_the_graph_holds_the_whole_lexical_layer(loaded: Kennisgraaf, seed_knowledge: KnowledgeSet) -> None:
    report = read_report()
    counts = loaded.counts()
    assert counts["Section"] == len(report.sections) == 43
    assert counts["Passage"] == len(report.passages) == 277
    assert counts["NEXT"] == len(report.passages) - 2  # one chain through the body, one through the footnotes
    expected = seed_knowledge.counts()
    assert {k: counts[k] for k in LEXICAL_COUNTS} == {k: expected[k] for k in LEXICAL_COUNTS}
    assert counts["MENTIONED_IN"] == len(find_mentions(report, seed_knowledge)) > 1000


def test_no_personal_name_in_any_passage_of_the_graph(loaded: Kennisgraaf) -> None:
    """The names of report_redactions.yaml are in the source file but in no passage the graph holds."""
    rows = loaded.query("passage.all")
    assert len(rows) == 277
    texts = {row["id"]: f"{row.get('heading') or ''} {row['text']}" for row in rows}
    for redaction in read_redactions():
        for name in [redaction.text, *redaction.text.split(", ")]:
            assert not [pid for pid, text in texts.items() if name in text], name
    assert texts["p-voorwoord-04"].strip().startswith("[naam] Hoofd Inspectie")
    assert "[auteurs]. Triggerfactoren" in texts["p-voetnoot-4"]
    export = str(loaded.export())
    assert "J.G. Bos" not in export and "Nickolson" not in export


def test_every_lexical_row_fits_the_schema(seed_knowledge: KnowledgeSet) -> None:
    labels = {row.id: row.label for row in seed_knowledge.node_rows()}
    assert seed_knowledge.lexical is not None
    for row in seed_knowledge.lexical.relation_rows:
        rule = RELATIONSHIPS[row.type]
        assert labels[row.start] in rule.starts and labels[row.end] in rule.ends, row
        assert row.properties.get("source"), row


def test_every_quote_is_sourced_from_a_passage(seed_knowledge: KnowledgeSet) -> None:
    assert seed_knowledge.lexical is not None
    sourced = {row.start for row in seed_knowledge.lexical.relation_rows if row.type == "SOURCED_FROM"}
    rows = {(r.start, r.type, r.end): r for r in seed_knowledge.relation_rows()}
    quoted = seed_quotes(seed_knowledge)
    missing = []
    for node in seed_knowledge.nodes.values():
        if node.quote and not node.is_external and node.id not in sourced:
            missing.append(node.id)
    for step_id, (_procedure, step) in seed_knowledge.steps.items():
        if step.quote and not step.is_external and step_id not in sourced:
            missing.append(step_id)
    for relation in seed_knowledge.relations:
        if relation.quote and not relation.is_external and not rows[relation.key()].properties.get("passages"):
            missing.append(str(relation.key()))
    assert not missing, missing
    assert len(quoted) > 700


def test_sources_and_mentions_in_the_graph(loaded: Kennisgraaf) -> None:
    rows = loaded.readonly(
        "MATCH (n:Entity {id: 'spanning-strafrecht-vreemdelingenrecht'})-[r:SOURCED_FROM]->(p:Passage) "
        "RETURN p.id AS passage, r.how AS how ORDER BY passage"
    )
    assert rows == [{"passage": "p-4.4-02", "how": "citaat"}, {"passage": "p-4.4-03", "how": "citaat"}]
    rel = loaded.readonly("MATCH (:Entity {id: 'om'})-[r:DECIDES]->(:Entity {id: 'm01'}) RETURN r.passages AS passages")
    assert rel and rel[0]["passages"] and all(p.startswith("p-") for p in rel[0]["passages"])
    mention = loaded.readonly(
        "MATCH (:Entity {id: 'm08'})-[r:MENTIONED_IN]->(p:Passage {id: 'p-4.2-11'}) RETURN r.how AS how, r.form AS form"
    )
    assert mention == [{"how": "maatregelnummer", "form": "Maatregel 8"}]
    # abbreviations only as written: 'om' in 'om te' never links the Openbaar Ministerie
    lower = loaded.readonly(
        "MATCH (:Entity {id: 'om'})-[r:MENTIONED_IN]->(p:Passage) RETURN r.form AS form ORDER BY form"
    )
    assert lower and all(re.search(r"\bOM\b|Openbaar Ministerie", r["form"]) for r in lower)
    parts = loaded.readonly(
        "MATCH (p:Passage {id: 'p-3.2.1-07'})-[:PART_OF]->(s:Section)-[:PART_OF]->(t:Section)-[:PART_OF]->(u:Section) "
        "RETURN s.id AS s, t.id AS t, u.id AS u"
    )
    assert parts == [{"s": "s-3.2.1", "t": "s-3.2", "u": "s-3"}]
    nxt = loaded.readonly("MATCH (:Passage {id: 'p-4.4-06'})-[:NEXT]->(n:Passage) RETURN n.id AS id")
    assert nxt == [{"id": "p-4.4-07"}]


def test_paths_between_curated_nodes_never_run_over_passages(loaded: Kennisgraaf) -> None:
    around = loaded.query("entity.neighbourhood", {"id": "m08", "depth": 2, "types": []})
    assert around
    assert not {r["type"] for r in around} & LEXICAL
    assert not ({r["start_label"] for r in around} | {r["end_label"] for r in around}) & {"Passage", "Section"}
    chain = loaded.query("entity.chain", {"from": "douane", "to": "theoloog"})
    chain += loaded.query("entity.long_chain", {"from": "douane", "to": "theoloog"})
    for row in chain:
        assert not {r["type"] for r in row["relationships"]} & LEXICAL
        assert not {n["label"] for n in row["nodes"]} & {"Passage", "Section"}
    process = loaded.query("entity.process", {"id": "m08"})
    assert process and not {r["type"] for r in process} & LEXICAL
    assert not ({r["start_label"] for r in process} | {r["end_label"] for r in process}) & {"Passage", "Section"}
    links = loaded.query("entity.links_among", {"ids": ["gemeente", "om", "m08"], "types": []})
    assert links and not {r["type"] for r in links} & LEXICAL
    relations = loaded.query("entity.relations", {"id": "gemeente"})
    assert relations and not {r["type"] for r in relations} & LEXICAL
    names = loaded.query("entity.all")
    assert not {r["label"] for r in names} & {"Passage", "Section"}


def test_the_falkordb_chain_lists_every_curated_relationship_type() -> None:
    """algo.SPpaths takes no path predicate: its relTypes list must equal the curated types of the schema."""
    body = catalogue()["entity.long_chain"].overrides["falkordb"]
    listed = set(re.findall(r"'([A-Z_]+)'", body.split("relTypes:", 1)[1].split("]", 1)[0]))
    assert listed == set(RELATIONSHIPS) - LEXICAL


@pytest.fixture(params=ENGINES)
def writable(
    request: pytest.FixtureRequest, embedded_server: EmbeddedServer, seed_knowledge: KnowledgeSet
) -> Iterator[Kennisgraaf]:
    kg = Kennisgraaf(make_store(request.param, embedded_server, graph_name="kglexical"), Settings(seed_dir=SEED_DIR))
    kg.load_knowledge(seed_knowledge)
    yield kg
    kg.load_knowledge(seed_knowledge)
    kg.close()


class BrokenPassages(KnowledgeSet):
    """The real seed and passages, plus one passage the engines refuse (a map property) after all the others."""

    def node_rows(self) -> list[NodeRow]:
        bad = NodeRow("p-kapot-01", "Passage", {"id": "p-kapot-01", "label": "Passage", "text": {"a": {"b": 1}}})
        return [*super().node_rows(), bad]


def test_a_failed_load_keeps_the_previous_passages(writable: Kennisgraaf, seed_knowledge: KnowledgeSet) -> None:
    before = writable.counts()
    passage = writable.query("passage.get", {"id": "p-4.4-06"})
    broken = BrokenPassages(
        nodes=seed_knowledge.nodes,
        steps=seed_knowledge.steps,
        relations=seed_knowledge.relations,
        lexical=seed_knowledge.lexical,
    )
    with pytest.raises(KennisgraafError):
        writable.load_knowledge(broken)
    assert writable.counts() == before
    assert writable.query("passage.get", {"id": "p-4.4-06"}) == passage


def test_reloading_is_idempotent_for_the_lexical_layer(writable: Kennisgraaf) -> None:
    first = writable.load(SEED_DIR).counts
    second = writable.load(SEED_DIR).counts
    assert first == second
    assert {k: first[k] for k in LEXICAL_COUNTS} == {k: writable.counts()[k] for k in LEXICAL_COUNTS}


def test_a_quote_outside_the_report_is_a_located_error(writable: Kennisgraaf, tmp_path: Path) -> None:
    seed = tmp_path / "seed"
    shutil.copytree(SEED_DIR, seed)
    path = seed / "tensions.yaml"
    text = path.read_text(encoding="utf-8")
    original = "in de weg staan aan de tenuitvoerlegging"
    assert original in text
    path.write_text(text.replace(original, "in de weg staan aan de uitvoering", 1), encoding="utf-8")
    line = next(i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "aan de uitvoering" in ln)
    before = writable.counts()
    with pytest.raises(SeedInvalid) as info:
        writable.load(seed)
    messages = [str(e) for e in info.value.errors]
    assert len(messages) == 1
    expected = f"seed/tensions.yaml:{line}: spanning-strafrecht-vreemdelingenrecht.quote: quote not found"
    assert messages[0].startswith(expected), messages[0]
    assert writable.counts() == before


def test_read_knowledge_is_deterministic() -> None:
    first = read_knowledge(SEED_DIR)
    second = read_knowledge(SEED_DIR)
    assert first.relation_rows() == second.relation_rows()
    assert first.node_rows() == second.node_rows()
    how = Counter(r.properties["how"] for r in first.relation_rows() if r.type == "MENTIONED_IN")
    assert set(how) == {"naam", "afkorting", "maatregelnummer"}


@pytest.mark.parametrize(
    "text",
    [
        'ontheffing" OR (bevriez* -@x:{y}',
        "ontheffing AND bevriezingsmaatregel~2 ^3 [a TO z]",
        "ONTHEFFING\\ /ontheffing/",
    ],
)
def test_passage_search_takes_any_text(loaded: Kennisgraaf, text: str) -> None:
    """User text reaches the full-text index only as plain words, so query syntax never breaks either engine."""
    hits = loaded.search_passages(text)
    assert "p-4.4-06" in [h["id"] for h in hits]
    assert all(set(h) >= {"id", "name", "section", "section_title", "text", "score"} for h in hits)


def test_passage_search_without_words_finds_nothing(loaded: Kennisgraaf) -> None:
    assert loaded.search_passages("") == []
    assert loaded.search_passages("!!! *** ()") == []
    assert loaded.search_passages("de het een") == []
