"""The graph as linked data (RDF, via rdflib): stable IRIs, Dutch labels, standard vocabularies, PROV-O sources.

The mapping, in short (README "Open data" has the full table):
- every node is `<base>id/<id>`, typed `kg:<Label>` (plus schema:Organization, schema:Legislation or skos:Concept
  where they fit), with `rdfs:label`/`schema:name` in Dutch, `dcterms:description` for its summary,
  `dcterms:identifier` for its id and `kg:<property>` for the rest;
- every relationship is a triple `node kg:<type> other` and, for its source, a reified `rdf:Statement` at
  `<base>relatie/<start>/<type>/<end>`;
- where a fact comes from is PROV-O: `prov:wasDerivedFrom` a section of the report (`<base>bron/<section>`,
  `dcterms:isPartOf` the report), or a quotation (`prov:value`, `prov:wasQuotedFrom` the section), or an external
  URL with a qualified derivation carrying the date it was checked (`dcterms:date`) and the confidence; and the
  report's passages that hold a quote (`SOURCED_FROM`, a relationship's `passages`), each a `prov:Entity` with its
  text as `prov:value`;
- a legal basis gets its BWB identifier (`schema:legislationIdentifier`, `rdfs:seeAlso` wetten.overheid.nl) from
  its own `source_url`, or from an external fact about it whose summary names the law's "BWB-id".
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV

from kennisgraaf.rdf_writers import write_jsonld, write_turtle
from kennisgraaf.schema import RELATIONSHIPS

SCHEMA = Namespace("https://schema.org/")
DEFAULT_IRI_BASE = "https://kennisgraaf.invalid/"
REPORT_TITLE = "Evaluatie Actieprogramma Integrale Aanpak Jihadisme"
REPORT_PUBLISHER = "Inspectie Veiligheid en Justitie"
EXTERNAL = "external"
_BWB_URL = re.compile(r"^https://wetten\.overheid\.nl/(BWBR\d{7})/?$")
_BWB_NAMED = re.compile(r"BWB-id (BWBR\d{7})")
# Extra standard classes per label (kg:<Label> is always there).
_STANDARD_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "Organisation": (SCHEMA.Organization,),
    "LegalBasis": (SCHEMA.Legislation,),
    "Term": (SKOS.Concept,),
    "Programme": (PROV.Plan,),
    "ExternalFact": (PROV.Entity,),
    "Section": (PROV.Entity,),
    "Passage": (PROV.Entity,),
}
# Relationship types that also say where a fact comes from, in PROV-O terms.
_PROV_RELATIONSHIPS = {"SOURCED_FROM": PROV.wasDerivedFrom}
# Properties that map to a standard vocabulary instead of kg:<name>.
_TEXT_NL = {"summary", "definition", "decides", "resolution", "note", "action", "audience", "population", "text"}
_SKIPPED = {"id", "name", "label", "source", "quote", "source_url", "checked", "confidence", "search_text"}


class Vocabulary:
    """The IRIs of one export: node, section, quotation and statement IRIs under one base."""

    def __init__(self, base: str = DEFAULT_IRI_BASE) -> None:
        self.base = base if base.endswith("/") else base + "/"
        self.kg = Namespace(self.base + "def/")
        self.report = URIRef(self.base + "bron/rapport-2017")

    def node(self, node_id: str) -> URIRef:
        return URIRef(f"{self.base}id/{node_id}")

    def section(self, section: str) -> URIRef:
        return URIRef(f"{self.base}bron/{_slug(section)}")

    def quotation(self, section: str, quote: str) -> URIRef:
        digest = hashlib.sha1(f"{section}\n{quote}".encode()).hexdigest()[:16]
        return URIRef(f"{self.base}citaat/{digest}")

    def statement(self, start: str, rel_type: str, end: str) -> URIRef:
        return URIRef(f"{self.base}relatie/{start}/{rel_type}/{end}")

    def predicate(self, rel_type: str) -> URIRef:
        return self.kg[_camel(rel_type)]


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("§", "par-")).strip("-")
    return slug or "onbekend"


def _camel(rel_type: str) -> str:
    first, *rest = rel_type.lower().split("_")
    return first + "".join(p.capitalize() for p in rest)


def _literal(key: str, value: Any) -> Literal:
    if isinstance(value, bool):
        return Literal(value, datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(value, datatype=XSD.double)
    if key in _TEXT_NL:
        return Literal(str(value), lang="nl")
    return Literal(str(value))


def _bind(graph: Graph, vocab: Vocabulary) -> None:
    graph.bind("kg", vocab.kg)
    graph.bind("kgid", Namespace(vocab.base + "id/"))
    graph.bind("schema", SCHEMA)
    graph.bind("dcterms", DCTERMS)
    graph.bind("prov", PROV)
    graph.bind("skos", SKOS)
    graph.bind("owl", OWL)


def _describe_vocabulary(graph: Graph, vocab: Vocabulary, labels: set[str], types: set[str]) -> None:
    for label in sorted(labels):
        graph.add((vocab.kg[label], RDF.type, OWL.Class))
        graph.add((vocab.kg[label], RDFS.label, Literal(label, lang="en")))
    for rel_type in sorted(types):
        predicate = vocab.predicate(rel_type)
        graph.add((predicate, RDF.type, OWL.ObjectProperty))
        known = RELATIONSHIPS.get(rel_type)
        graph.add((predicate, RDFS.label, Literal(known.dutch if known else rel_type, lang="nl")))
        if known:
            graph.add((predicate, RDFS.comment, Literal(known.description, lang="en")))
    report = vocab.report
    graph.add((report, RDF.type, PROV.Entity))
    graph.add((report, RDF.type, SCHEMA.Report))
    graph.add((report, DCTERMS.title, Literal(REPORT_TITLE, lang="nl")))
    graph.add((report, RDFS.label, Literal(REPORT_TITLE, lang="nl")))
    graph.add((report, DCTERMS.publisher, Literal(REPORT_PUBLISHER, lang="nl")))
    graph.add((report, DCTERMS.issued, Literal("2017", datatype=XSD.gYear)))


def _add_provenance(graph: Graph, vocab: Vocabulary, subject: URIRef, props: dict[str, Any]) -> None:
    """PROV-O for one node or statement: a section and quotation of the report, or a dated external source."""
    source = props.get("source")
    if not source:
        return
    if source == EXTERNAL:
        url = props.get("source_url")
        if not url:
            return
        target = URIRef(url)
        graph.add((target, RDF.type, PROV.Entity))
        graph.add((subject, PROV.wasDerivedFrom, target))
        derivation = BNode("afleiding-" + hashlib.sha1(f"{subject}\n{url}".encode()).hexdigest()[:16])
        graph.add((subject, PROV.qualifiedDerivation, derivation))
        graph.add((derivation, RDF.type, PROV.Derivation))
        graph.add((derivation, PROV.entity, target))
        if props.get("checked"):
            graph.add((derivation, DCTERMS.date, Literal(str(props["checked"]), datatype=XSD.date)))
        if props.get("confidence"):
            graph.add((derivation, vocab.kg.confidence, Literal(str(props["confidence"]))))
        return
    section = vocab.section(source)
    graph.add((section, RDF.type, PROV.Entity))
    graph.add((section, RDFS.label, Literal(source, lang="nl")))
    graph.add((section, DCTERMS.isPartOf, vocab.report))
    quote = props.get("quote")
    if quote:
        quotation = vocab.quotation(source, quote)
        graph.add((quotation, RDF.type, PROV.Entity))
        graph.add((quotation, PROV.value, Literal(quote, lang="nl")))
        graph.add((quotation, PROV.wasQuotedFrom, section))
        graph.add((subject, PROV.wasDerivedFrom, quotation))
    else:
        graph.add((subject, PROV.wasDerivedFrom, section))


def bwb_identifiers(document: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Legal basis id -> (BWB id, where it comes from: its own source_url, or the external fact that names it)."""
    nodes = {n["id"]: n for n in document["nodes"]}
    found: dict[str, tuple[str, str]] = {}
    for node in document["nodes"]:
        match = _BWB_URL.match(str(node["properties"].get("source_url") or ""))
        if node["labels"] == ["LegalBasis"] and match:
            found[node["id"]] = (match.group(1), node["properties"]["source_url"])
    for rel in document["relationships"]:
        fact, law = nodes.get(rel["start"]), nodes.get(rel["end"])
        if rel["type"] != "ABOUT" or not fact or not law or fact["labels"] != ["ExternalFact"]:
            continue
        named = _BWB_NAMED.search(str(fact["properties"].get("summary") or ""))
        is_law = law["labels"] == ["LegalBasis"] and not law["properties"].get("article")
        if named and is_law and law["id"] not in found:
            found[law["id"]] = (named.group(1), fact["id"])
    return found


def to_rdf(document: dict[str, Any], base: str = DEFAULT_IRI_BASE) -> Graph:
    """An rdflib Graph of an export document ({"nodes": [...], "relationships": [...]})."""
    vocab = Vocabulary(base)
    graph = Graph()
    _bind(graph, vocab)
    labels = {n["labels"][0] for n in document["nodes"]}
    types = {r["type"] for r in document["relationships"]}
    _describe_vocabulary(graph, vocab, labels, types)
    for node in document["nodes"]:
        _add_node(graph, vocab, node)
    for node_id, (bwb, origin) in bwb_identifiers(document).items():
        subject = vocab.node(node_id)
        graph.add((subject, SCHEMA.legislationIdentifier, Literal(bwb)))
        graph.add((subject, RDFS.seeAlso, URIRef(f"https://wetten.overheid.nl/{bwb}")))
        if not origin.startswith("https://"):
            graph.add((subject, vocab.kg.bwbIdentifierFrom, vocab.node(origin)))
    for rel in document["relationships"]:
        _add_relationship(graph, vocab, rel)
    return graph


def _add_node(graph: Graph, vocab: Vocabulary, node: dict[str, Any]) -> None:
    subject = vocab.node(node["id"])
    label = node["labels"][0]
    props = node["properties"]
    graph.add((subject, RDF.type, vocab.kg[label]))
    for cls in _STANDARD_CLASSES.get(label, ()):
        graph.add((subject, RDF.type, cls))
    graph.add((subject, DCTERMS.identifier, Literal(node["id"])))
    name = props.get("name") or props.get("action") or node["id"]
    graph.add((subject, RDFS.label, Literal(str(name), lang="nl")))
    graph.add((subject, SCHEMA.name, Literal(str(name), lang="nl")))
    if props.get("summary"):
        graph.add((subject, DCTERMS.description, Literal(props["summary"], lang="nl")))
    if label == "Passage" and props.get("text"):
        graph.add((subject, PROV.value, Literal(props["text"], lang="nl")))
    if label == "Term" and props.get("definition"):
        graph.add((subject, SKOS.definition, Literal(props["definition"], lang="nl")))
    for key, value in sorted(props.items()):
        if key in _SKIPPED or value is None:
            continue
        if key == "aliases":
            for alias in value:
                graph.add((subject, SCHEMA.alternateName, Literal(str(alias))))
            continue
        for item in value if isinstance(value, list) else [value]:
            graph.add((subject, vocab.kg[key], _literal(key, item)))
    if props.get("source") == EXTERNAL:
        graph.add((subject, vocab.kg.external, Literal(True)))
    _add_provenance(graph, vocab, subject, props)


def _add_relationship(graph: Graph, vocab: Vocabulary, rel: dict[str, Any]) -> None:
    start, end = vocab.node(rel["start"]), vocab.node(rel["end"])
    predicate = vocab.predicate(rel["type"])
    graph.add((start, predicate, end))
    if rel["type"] in _PROV_RELATIONSHIPS:
        graph.add((start, _PROV_RELATIONSHIPS[rel["type"]], end))
    statement = vocab.statement(rel["start"], rel["type"], rel["end"])
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, start))
    graph.add((statement, RDF.predicate, predicate))
    graph.add((statement, RDF.object, end))
    for key, value in sorted(rel["properties"].items()):
        if key in _SKIPPED or value is None:
            continue
        if key == "passages":  # the report's passages that hold the relationship's quote
            for passage_id in value:
                graph.add((statement, PROV.wasDerivedFrom, vocab.node(passage_id)))
            continue
        for item in value if isinstance(value, list) else [value]:
            graph.add((statement, vocab.kg[key], _literal(key, item)))
    _add_provenance(graph, vocab, statement, rel["properties"])


def jsonld_context(base: str = DEFAULT_IRI_BASE) -> dict[str, str]:
    vocab = Vocabulary(base)
    return {
        "kg": str(vocab.kg),
        "kgid": vocab.base + "id/",
        "schema": str(SCHEMA),
        "dcterms": str(DCTERMS),
        "prov": str(PROV),
        "skos": str(SKOS),
        "owl": str(OWL),
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "xsd": str(XSD),
    }


def to_turtle(document: dict[str, Any], base: str = DEFAULT_IRI_BASE) -> str:
    return write_turtle(to_rdf(document, base))


def to_jsonld(document: dict[str, Any], base: str = DEFAULT_IRI_BASE) -> str:
    return write_jsonld(to_rdf(document, base), jsonld_context(base))
