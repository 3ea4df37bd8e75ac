"""The relationship vocabulary: which types exist and between which labels they may run."""

from __future__ import annotations

from dataclasses import dataclass

from kennisgraaf.models import NODE_MODELS

ACTORS = frozenset({"Organisation", "Role"})
CONCLUSIONS = frozenset({"Finding", "GoodPractice", "AttentionPoint", "Recommendation"})
ANY = frozenset(m.label for m in NODE_MODELS)


@dataclass(frozen=True)
class RelationshipType:
    """One relationship type, its Dutch reading and its allowed start and end labels."""

    name: str
    starts: frozenset[str]
    ends: frozenset[str]
    dutch: str
    description: str


def _rel(
    name: str,
    starts: set[str] | frozenset[str],
    ends: set[str] | frozenset[str],
    dutch: str,
    description: str,
) -> RelationshipType:
    return RelationshipType(name, frozenset(starts), frozenset(ends), dutch, description)


RELATIONSHIPS: dict[str, RelationshipType] = {
    r.name: r
    for r in (
        _rel(
            "IN_THEME",
            {"Measure"},
            {"Theme"},
            "valt onder thema",
            "A measure belongs to a theme of Bijlage I.",
        ),
        _rel(
            "PART_OF",
            {"Theme", "Organisation", "Role", "Forum", "LegalBasis", "Measure", "Section", "Passage"},
            {"Theme", "Programme", "Organisation", "LegalBasis", "Forum", "Section"},
            "is onderdeel van",
            "Sub-theme of a theme, theme of the programme, unit of an organisation, role in an organisation, "
            "article of a law; and in the lexical layer: passage of a section, section of its parent section.",
        ),
        _rel(
            "RESPONSIBLE_FOR",
            ACTORS,
            {"Measure", "Forum", "Procedure", "Training", "Programme"},
            "is verantwoordelijk voor",
            "Policy owner of a measure or programme.",
        ),
        _rel(
            "EXECUTES",
            ACTORS,
            {"Measure", "Procedure"},
            "voert uit",
            "Carries out the measure.",
        ),
        _rel(
            "DECIDES",
            ACTORS | {"Forum"},
            {"Measure", "Procedure"},
            "beslist over",
            "Competent authority that takes the decision.",
        ),
        _rel(
            "REQUESTS",
            ACTORS,
            {"Measure", "Procedure"},
            "kan verzoeken om",
            "May ask for the measure.",
        ),
        _rel(
            "CONSULTED_ON",
            ACTORS,
            {"Measure", "Procedure"},
            "wordt geraadpleegd over",
            "Is consulted before the decision (e.g. the burgemeester before a bestuurlijke maatregel).",
        ),
        _rel(
            "ENFORCES",
            ACTORS,
            {"Measure"},
            "handhaaft / houdt toezicht op",
            "Enforces or supervises it.",
        ),
        _rel(
            "BASED_ON",
            {"Measure", "Procedure", "Step", "Forum", "Organisation", "Role", "Tension"},
            {"LegalBasis"},
            "is gebaseerd op",
            "Legal basis.",
        ),
        _rel(
            "COORDINATED_IN",
            {"Measure", "Procedure", "Tension"},
            {"Forum"},
            "wordt afgestemd in",
            "Where deployment of the measure is discussed or coordinated.",
        ),
        _rel(
            "PARTICIPATES_IN",
            ACTORS,
            {"Forum"},
            "neemt deel aan",
            "Takes part in a forum; property how = structureel | incidenteel.",
        ),
        _rel(
            "ORGANISES",
            ACTORS,
            {"Forum", "Training"},
            "organiseert",
            "Convenes a forum or organises a training.",
        ),
        _rel(
            "HOSTED_AT",
            {"Forum"},
            {"Organisation"},
            "is ondergebracht bij",
            "Where a forum is housed.",
        ),
        _rel(
            "FUNDED_BY",
            {"Organisation", "Measure", "Training", "Forum"},
            {"Organisation"},
            "wordt gefinancierd door",
            "Who pays.",
        ),
        _rel(
            "UNDER_AUTHORITY_OF",
            ACTORS,
            ACTORS,
            "valt onder",
            "Hierarchical authority.",
        ),
        _rel(
            "SENDS_INFORMATION_TO",
            ACTORS,
            ACTORS | {"Forum"},
            "verstrekt informatie aan",
            "Information flow; property instrument (e.g. ambtsbericht).",
        ),
        _rel(
            "HAS_STEP",
            {"Procedure"},
            {"Step"},
            "heeft stap",
            "Ordered step; property order.",
        ),
        _rel("BY", {"Step"}, ACTORS, "door", "Who takes the step."),
        _rel("IN", {"Step"}, {"Forum"}, "in", "Forum where the step happens."),
        _rel(
            "CONCERNS",
            {"Procedure", "Training", "ExternalFact"} | CONCLUSIONS,
            ANY,
            "betreft",
            "What a procedure, finding or conclusion is about.",
        ),
        _rel(
            "BETWEEN",
            {"Tension"},
            {"Measure", "LegalBasis", "Organisation"},
            "tussen",
            "The measures (or laws) in tension.",
        ),
        _rel(
            "RESOLVED_IN",
            {"Tension"},
            {"Forum", "Organisation", "Procedure", "LegalBasis"},
            "wordt opgelost in",
            "Where practice resolves the tension.",
        ),
        _rel(
            "ABOUT",
            {"Term", "ExternalFact", "Finding"},
            ANY,
            "gaat over",
            "A term or fact about a node.",
        ),
        _rel("OFFERS", ACTORS, {"Training"}, "biedt aan", "Offers a training."),
        _rel(
            "SUPERSEDED_BY",
            {"LegalBasis", "Organisation"},
            {"LegalBasis", "Organisation", "ExternalFact"},
            "is vervangen door",
            "A later change (external, dated).",
        ),
        # The lexical layer (kennisgraaf.lexical): derived from the report's text, never written by curators.
        _rel("NEXT", {"Passage"}, {"Passage"}, "gevolgd door", "The next passage in reading order."),
        _rel(
            "MENTIONED_IN",
            {"Programme", "Theme", "Measure", "Organisation", "Role", "Forum", "LegalBasis", "Training", "Term"},
            {"Passage"},
            "wordt genoemd in",
            "The passage names the node (name, abbreviation, alias, 'maatregel N'); properties how and form.",
        ),
        _rel(
            "SOURCED_FROM",
            ANY | {"Step"},
            {"Passage"},
            "komt uit",
            "The passage holds the node's quote.",
        ),
    )
}
# Types the loader derives (from procedure steps, or from the report's text); curators do not write them by hand.
DERIVED = frozenset({"HAS_STEP", "BY", "IN", "NEXT", "MENTIONED_IN", "SOURCED_FROM"})
# The relationship types of the lexical layer only; paths between curated nodes never run over them.
LEXICAL = frozenset({"NEXT", "MENTIONED_IN", "SOURCED_FROM"})
