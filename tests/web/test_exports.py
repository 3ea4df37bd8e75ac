"""Every export format over HTTP parses back and holds all 38 measures with their sources, on both engines."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator

import httpx
import networkx as nx
import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS

from kennisgraaf.export import knowledge_from_document
from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.linked_data import DEFAULT_IRI_BASE, SCHEMA
from kennisgraaf.models import Measure
from kennisgraaf.schema import RELATIONSHIPS
from kennisgraaf.web.server import BackgroundServer

KG = DEFAULT_IRI_BASE + "def/"
ID = DEFAULT_IRI_BASE + "id/"


def _measures(seed: KnowledgeSet) -> list[Measure]:
    measures = [m for m in seed.of_label("Measure") if isinstance(m, Measure)]
    assert len(measures) == 38
    return measures


@pytest.fixture(scope="module")
def rdf_graphs(api_server_url: str) -> Iterator[dict[str, Graph]]:
    graphs = {}
    for fmt, parser in (("ttl", "turtle"), ("jsonld", "json-ld")):
        response = httpx.get(f"{api_server_url}/api/export.{fmt}", timeout=120)
        assert response.status_code == 200
        graphs[fmt] = Graph().parse(data=response.content, format=parser)
    yield graphs


@pytest.fixture(scope="module")
def api_server_url(api_server: BackgroundServer) -> str:
    return api_server.url


def test_json_export_round_trips_to_the_seed(client: httpx.Client, seed_knowledge: KnowledgeSet) -> None:
    response = client.get("/api/export.json")
    assert response.headers["content-type"].startswith("application/json")
    assert 'filename="kennisgraaf.json"' in response.headers["content-disposition"]
    rebuilt = knowledge_from_document(response.json())
    assert rebuilt.nodes == seed_knowledge.nodes
    assert rebuilt.counts() == seed_knowledge.counts()


def test_turtle_and_jsonld_hold_the_same_triples(rdf_graphs: dict[str, Graph]) -> None:
    turtle, jsonld = rdf_graphs["ttl"], rdf_graphs["jsonld"]
    assert len(turtle) == len(jsonld) > 10_000

    def named(g: Graph) -> set[tuple[object, ...]]:
        return {t for t in g if not any(type(x).__name__ == "BNode" for x in t)}

    assert named(turtle) == named(jsonld)


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_linked_data_holds_all_measures_with_their_sources(
    fmt: str, rdf_graphs: dict[str, Graph], seed_knowledge: KnowledgeSet
) -> None:
    graph = rdf_graphs[fmt]
    typed = set(graph.subjects(RDF.type, URIRef(KG + "Measure")))
    sourced_from: dict[str, list[str]] = {}
    for rel in seed_knowledge.relation_rows():
        if rel.type == "SOURCED_FROM":
            sourced_from.setdefault(rel.start, []).append(rel.end)
    assert len(typed) == 38
    for measure in _measures(seed_knowledge):
        node = URIRef(ID + measure.id)
        assert node in typed
        assert (node, RDFS.label, Literal(measure.name, lang="nl")) in graph
        assert (node, SCHEMA.name, Literal(measure.name, lang="nl")) in graph
        assert (node, DCTERMS.identifier, Literal(measure.id)) in graph
        if measure.summary:
            assert (node, DCTERMS.description, Literal(measure.summary, lang="nl")) in graph
        derived = set(graph.objects(node, PROV.wasDerivedFrom))
        passages = {d for d in derived if (d, RDF.type, URIRef(KG + "Passage")) in graph}
        assert passages == {URIRef(ID + end) for end in sourced_from.get(measure.id, [])}, measure.id
        (origin,) = derived - passages
        if measure.quote:
            assert (origin, PROV.value, Literal(measure.quote, lang="nl")) in graph
            origin = graph.value(origin, PROV.wasQuotedFrom)
        assert (origin, RDFS.label, Literal(measure.source, lang="nl")) in graph
        assert (origin, DCTERMS.isPartOf, URIRef(DEFAULT_IRI_BASE + "bron/rapport-2017")) in graph
    assert any(sourced_from.get(m.id) for m in _measures(seed_knowledge))  # the report's passages are there


def test_relationships_are_triples_with_their_own_sources(
    rdf_graphs: dict[str, Graph], seed_knowledge: KnowledgeSet
) -> None:
    graph = rdf_graphs["ttl"]
    decides = URIRef(KG + "decides")
    assert (URIRef(ID + "minister-venj"), decides, URIRef(ID + "m15")) in graph
    statement = URIRef(DEFAULT_IRI_BASE + "relatie/minister-venj/DECIDES/m15")
    assert (statement, RDF.subject, URIRef(ID + "minister-venj")) in graph
    assert (statement, RDF.predicate, decides) in graph
    assert graph.value(statement, PROV.wasDerivedFrom) is not None
    assert (decides, RDFS.label, Literal(RELATIONSHIPS["DECIDES"].dutch, lang="nl")) in graph
    assert len(set(graph.subjects(RDF.type, RDF.Statement))) == len(seed_knowledge.relation_rows())


def test_external_facts_carry_url_and_checked_date(rdf_graphs: dict[str, Graph]) -> None:
    graph = rdf_graphs["jsonld"]
    fact = URIRef(ID + "ext-ontheffing-financien")
    derivation = graph.value(fact, PROV.qualifiedDerivation)
    assert derivation is not None
    url = graph.value(derivation, PROV.entity)
    assert str(url).startswith("https://") and (fact, PROV.wasDerivedFrom, url) in graph
    assert str(graph.value(derivation, DCTERMS.date)) == "2026-11-28"


def test_legal_bases_are_linked_to_their_bwb_identifiers(rdf_graphs: dict[str, Graph]) -> None:
    graph = rdf_graphs["ttl"]

    def bwb(node_id: str) -> set[str]:
        return {str(o) for o in graph.objects(URIRef(ID + node_id), SCHEMA.legislationIdentifier)}

    assert bwb("sanctieregeling-terrorisme") == {"BWBR0023131"}  # its own source_url
    assert bwb("vreemdelingenwet-2000") == {"BWBR0011823"}
    assert bwb("wjsg") == {"BWBR0014194"}  # named "BWB-id" by an external fact about the law
    assert bwb("wetboek-van-strafrecht") == {"BWBR0001854"}
    seealso = set(graph.objects(URIRef(ID + "wjsg"), RDFS.seeAlso))
    assert URIRef("https://wetten.overheid.nl/BWBR0014194") in seealso
    # A fact that names a successor law's URL must not give the old law the successor's identifier.
    assert bwb("wbp") == set() and bwb("wiv-2002") == set()
    assert bwb("art-39f-wjsg") == set()  # articles are linked to their law by kg:partOf


def test_graphml_parses_and_holds_every_measure_with_its_source(
    client: httpx.Client, seed_knowledge: KnowledgeSet
) -> None:
    response = client.get("/api/export.graphml")
    assert response.headers["content-type"].startswith("application/graphml+xml")
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert graph.number_of_nodes() == len(seed_knowledge.node_rows())
    assert graph.number_of_edges() == len(seed_knowledge.relation_rows())
    for measure in _measures(seed_knowledge):
        attrs = graph.nodes[measure.id]
        assert attrs["label"] == "Measure" and attrs["name"] == measure.name
        assert attrs["source"] == measure.source and attrs.get("quote") == measure.quote
        assert attrs["number"] == measure.number and json.loads(attrs["aliases"]) == measure.aliases
    edge_types = {d["type"] for _, _, d in graph.edges(data=True)}
    assert {"DECIDES", "IN_THEME", "HAS_STEP"} <= edge_types
    assert all(d.get("source") for _, _, d in graph.edges(data=True))


def test_csv_zip_has_one_file_per_kind_and_one_for_relationships(
    client: httpx.Client, seed_knowledge: KnowledgeSet
) -> None:
    response = client.get("/api/export.csv")
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    tables = {name: list(csv.DictReader(io.StringIO(archive.read(name).decode()))) for name in archive.namelist()}
    labels = {row.label for row in seed_knowledge.node_rows()}
    assert set(tables) == {f"nodes-{label}.csv" for label in labels} | {"relationships.csv"}
    assert sum(len(rows) for name, rows in tables.items() if name.startswith("nodes-")) == len(
        seed_knowledge.node_rows()
    )
    assert len(tables["relationships.csv"]) == len(seed_knowledge.relation_rows())
    measures = {row["id"]: row for row in tables["nodes-Measure.csv"]}
    for measure in _measures(seed_knowledge):
        row = measures[measure.id]
        assert row["name"] == measure.name and row["source"] == measure.source
        assert row["quote"] == (measure.quote or "") and row["inspected"] == str(measure.inspected).lower()
    assert all(row["source"] for row in tables["relationships.csv"])
