"""The RDF mapping on small documents: passages as PROV sources, the BWB rule, a configurable IRI base."""

from __future__ import annotations

from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from kennisgraaf.linked_data import SCHEMA, bwb_identifiers, to_jsonld, to_rdf, to_turtle
from kennisgraaf.web.ratelimit import TokenBuckets

BASE = "https://data.voorbeeld.example/kg/"


def _node(node_id: str, label: str, **props: Any) -> dict[str, Any]:
    return {"id": node_id, "labels": [label], "properties": {"id": node_id, **props}}


def _rel(start: str, rel_type: str, end: str, **props: Any) -> dict[str, Any]:
    return {"type": rel_type, "start": start, "end": end, "properties": props}


DOCUMENT = {
    "nodes": [
        _node(
            "m08", "Measure", name="Bevriezing", number=8, inspected=True, source="§4.2 Persoonsgerichte maatregelen"
        ),
        _node("p-4-2-003", "Passage", name="§4.2, alinea 3", text="De minister bevriest tegoeden.", source="§4.2"),
        _node("wet-a", "LegalBasis", name="Wet A", law="Wet A", source="§4.2"),
        _node("wet-a-art-1", "LegalBasis", name="Art. 1 Wet A", law="Wet A", article="art. 1", source="§4.2"),
        _node("wet-oud", "LegalBasis", name="Oude wet", law="Oude wet", source="§4.2"),
        _node(
            "ext-a",
            "ExternalFact",
            name="Wet A is van kracht",
            summary="Wet A is nog van kracht (BWB-id BWBR0000001).",
            source="external",
            source_url="https://wetten.overheid.nl/BWBR0000001",
            checked="2026-11-28",
            confidence="H",
        ),
        _node(
            "ext-oud",
            "ExternalFact",
            name="Oude wet vervangen",
            summary="De oude wet (BWBR0000002) is vervangen door de nieuwe (BWBR0000003).",
            source="external",
            source_url="https://wetten.overheid.nl/BWBR0000003",
            checked="2026-11-28",
            confidence="H",
        ),
    ],
    "relationships": [
        _rel("m08", "SOURCED_FROM", "p-4-2-003", source="§4.2"),
        _rel("m08", "BASED_ON", "wet-a-art-1", source="§4.2", quote="op grond van artikel 1"),
        _rel("wet-a-art-1", "PART_OF", "wet-a", source="§4.2"),
        _rel(
            "ext-a",
            "ABOUT",
            "wet-a",
            source="external",
            source_url="https://wetten.overheid.nl/BWBR0000001",
            checked="2026-11-28",
            confidence="H",
        ),
        _rel(
            "ext-a",
            "ABOUT",
            "wet-a-art-1",
            source="external",
            source_url="https://wetten.overheid.nl/BWBR0000001",
            checked="2026-11-28",
            confidence="H",
        ),
        _rel(
            "ext-oud",
            "ABOUT",
            "wet-oud",
            source="external",
            source_url="https://wetten.overheid.nl/BWBR0000003",
            checked="2026-11-28",
            confidence="H",
        ),
    ],
}


def test_passages_are_prov_sources_with_their_text() -> None:
    graph = to_rdf(DOCUMENT, BASE)
    measure, passage = URIRef(BASE + "id/m08"), URIRef(BASE + "id/p-4-2-003")
    assert (measure, PROV.wasDerivedFrom, passage) in graph
    assert (passage, RDF.type, PROV.Entity) in graph
    assert (passage, PROV.value, Literal("De minister bevriest tegoeden.", lang="nl")) in graph


def test_bwb_only_where_the_seed_names_the_law_itself() -> None:
    assert bwb_identifiers(DOCUMENT) == {"wet-a": ("BWBR0000001", "ext-a")}
    graph = to_rdf(DOCUMENT, BASE)
    assert (URIRef(BASE + "id/wet-a"), SCHEMA.legislationIdentifier, Literal("BWBR0000001")) in graph
    assert not list(graph.objects(URIRef(BASE + "id/wet-oud"), SCHEMA.legislationIdentifier))
    assert not list(graph.objects(URIRef(BASE + "id/wet-a-art-1"), SCHEMA.legislationIdentifier))


def test_iri_base_is_configurable_and_output_parses_back() -> None:
    turtle = to_turtle(DOCUMENT, BASE)
    assert "kennisgraaf.invalid" not in turtle
    parsed = Graph().parse(data=turtle, format="turtle")
    from_jsonld = Graph().parse(data=to_jsonld(DOCUMENT, BASE), format="json-ld")
    assert len(parsed) == len(from_jsonld) == len(to_rdf(DOCUMENT, BASE))
    assert (URIRef(BASE + "id/m08"), RDF.type, URIRef(BASE + "def/Measure")) in parsed


def test_token_bucket_refills_over_time() -> None:
    buckets = TokenBuckets(rate_per_minute=60, burst=2)
    assert buckets.take("a", now=0.0) == 0 and buckets.take("a", now=0.0) == 0
    assert buckets.take("a", now=0.0) == 1.0  # one token a second: wait one second
    assert buckets.take("b", now=0.0) == 0  # another client has its own bucket
    assert buckets.take("a", now=1.0) == 0
    assert buckets.take("a", now=1.5) == 0.5


def test_writers_give_the_graph_itself_every_time() -> None:
    """The fast writers against rdflib's model: isomorphic (blank nodes included) and byte-for-byte repeatable."""
    graph = to_rdf(DOCUMENT, BASE)
    turtle, jsonld = to_turtle(DOCUMENT, BASE), to_jsonld(DOCUMENT, BASE)
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), graph)
    assert isomorphic(Graph().parse(data=jsonld, format="json-ld"), graph)
    assert (turtle, jsonld) == (to_turtle(DOCUMENT, BASE), to_jsonld(DOCUMENT, BASE))
    assert any(isinstance(o, BNode) for o in graph.objects(None, PROV.qualifiedDerivation))
