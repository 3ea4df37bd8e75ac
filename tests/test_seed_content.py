"""The curated seed is complete, exact and traceable."""

from __future__ import annotations

from pathlib import Path

import pytest

from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.models import Measure, Procedure
from kennisgraaf.schema import RELATIONSHIPS

GOLDEN = Path(__file__).parent / "golden" / "bijlage_i.tsv"

ORGANISATIONS = [
    "gemeente",
    "nctv",
    "adviseur-lokale-aanpak",
    "szw",
    "om",
    "cter-officier",
    "landelijk-parket",
    "politie",
    "landelijke-eenheid",
    "kmar",
    "kmar-cter-team-schiphol",
    "ind",
    "aivd",
    "dji",
    "pi-vught",
    "pi-de-schie",
    "rvdk",
    "reclassering",
    "ter-team",
    "bz",
    "minister-venj",
    "burgemeester",
    "kinderrechter",
    "jeugdbeschermingsinstelling",
    "douane",
    "fier-fryslan",
    "exit-faciliteit",
    "familiesteunpunt",
    "ror",
    "ess",
    "ssv",
    "veiligheidshuis",
    "riec",
    "sociaal-wijkteam",
    "inspectie-venj",
    "casusregisseur",
]
FORUMS = [
    "casusoverleg",
    "bevriezingsoverleg",
    "weegploeg",
    "toetsingsoverleg",
    "lokale-driehoek",
    "om-ind-overleg",
    "ter-casuistiekoverleg",
    "ror-commissie",
    "sleutelfigurennetwerk",
]
PROCEDURES = [
    "ontheffing-bevriezing",
    "paspoortmaatregel",
    "kinderbeschermingsmaatregel",
    "bestuurlijke-maatregelen",
    "ongewenstverklaring",
    "verlies-nederlanderschap",
    "casus-inbrengen",
    "exit-faciliteit-inschakelen",
    "familiesteunpunt-inschakelen",
    "versterkingsgelden-aanvragen",
    "aivd-ambtsbericht",
]
LEGAL_BASES = [
    "art-83-sr",
    "art-67-sv",
    "tijdelijke-wet-bmt-art-2",
    "art-39f-wjsg",
    "art-18-wpg",
    "art-20-wpg",
    "art-8e-wbp",
    "art-36-wiv",
    "vn-vr-1373",
    "vn-vr-1267",
    "modelconvenant-2017",
]


def _golden() -> list[tuple[int, bool, str]]:
    rows = []
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            number, mark, title = line.split("\t")
            rows.append((int(number), mark == "✔", title))
    return rows


def test_all_38_measures_match_bijlage_i(seed_knowledge: KnowledgeSet) -> None:
    measures = {m.number: m for m in seed_knowledge.of_label("Measure") if isinstance(m, Measure)}
    golden = _golden()
    assert len(golden) == 38
    assert sorted(measures) == list(range(1, 39))
    for number, inspected, title in golden:
        assert measures[number].name == title, number
        assert measures[number].inspected is inspected, number
        assert measures[number].id == f"m{number:02d}"


def test_every_measure_has_a_theme_short_name_and_summary(seed_knowledge: KnowledgeSet) -> None:
    themed = {r.start for r in seed_knowledge.relations if r.type == "IN_THEME"}
    for measure in seed_knowledge.of_label("Measure"):
        assert measure.id in themed
        assert isinstance(measure, Measure) and measure.short_name and measure.summary


@pytest.mark.parametrize(
    ("label", "ids"),
    [("Organisation|Role", ORGANISATIONS), ("Forum", FORUMS), ("Procedure", PROCEDURES), ("LegalBasis", LEGAL_BASES)],
)
def test_named_things_are_present(seed_knowledge: KnowledgeSet, label: str, ids: list[str]) -> None:
    for node_id in ids:
        assert seed_knowledge.label_of(node_id) in label.split("|"), node_id


def test_themes_include_the_subthemes_of_bijlage_i(seed_knowledge: KnowledgeSet) -> None:
    names = {t.name for t in seed_knowledge.of_label("Theme")}
    assert {
        "Risicoreductie jihadgangers",
        "Interventies uitreis",
        "Radicalisering tegengaan",
        "Lokaal",
        "Nationaal",
        "Internationaal",
    } <= names | {n.split(" – ")[-1] for n in names} | {n.split(": ")[-1] for n in names}


def test_procedures_have_ordered_steps_with_actors(seed_knowledge: KnowledgeSet) -> None:
    """Every step names its actor, or (where the report names none) the forum acting jointly or 'iedere organisatie'."""
    for procedure in seed_knowledge.of_label("Procedure"):
        assert isinstance(procedure, Procedure)
        assert [s.order for s in procedure.steps] == list(range(1, len(procedure.steps) + 1))
        for step in procedure.steps:
            if step.actor is None:
                assert step.forum or "iedere organisatie" in step.action.lower(), (procedure.id, step.order)
            else:
                assert seed_knowledge.label_of(step.actor) in ("Organisation", "Role")


def test_freeze_exemption_route_runs_via_om_to_the_bevriezingsoverleg(seed_knowledge: KnowledgeSet) -> None:
    procedure = seed_knowledge.nodes["ontheffing-bevriezing"]
    assert isinstance(procedure, Procedure)
    assert "om" in [s.actor for s in procedure.steps]
    assert "bevriezingsoverleg" in [s.forum for s in procedure.steps]


def test_every_node_and_relationship_has_a_source(seed_knowledge: KnowledgeSet) -> None:
    for node in seed_knowledge.nodes.values():
        assert node.source.strip(), node.id
    for _procedure, step in seed_knowledge.steps.values():
        assert step.source.strip()
    for relation in seed_knowledge.relations:
        assert relation.source.strip(), relation.key()


def test_referential_integrity_and_kinds(seed_knowledge: KnowledgeSet) -> None:
    for relation in seed_knowledge.relations:
        rule = RELATIONSHIPS[relation.type]
        assert seed_knowledge.label_of(relation.start) in rule.starts, relation.key()
        assert seed_knowledge.label_of(relation.end) in rule.ends, relation.key()


def test_external_facts_are_marked_and_dated(seed_knowledge: KnowledgeSet) -> None:
    externals = [n for n in seed_knowledge.nodes.values() if n.is_external] + [
        r for r in seed_knowledge.relations if r.is_external
    ]
    assert externals, "the external facts of ../shared/reference are expected in the seed"
    for item in externals:
        assert item.source_url and item.source_url.startswith("https://")
        assert item.checked is not None and item.confidence in ("H", "M")


def test_bijlage_i_numbering_is_recorded_with_the_discrepancy(seed_knowledge: KnowledgeSet) -> None:
    onderwijs = seed_knowledge.nodes["m24"]
    assert onderwijs.name == "Ondersteuning onderwijsinstellingen."
    assert onderwijs.note and "34" in onderwijs.note


def test_survey_population_and_glossary(seed_knowledge: KnowledgeSet) -> None:
    findings = seed_knowledge.of_label("Finding")
    assert any("196" in (f.population or "") + (f.summary or "") for f in findings)
    terms = {t.name.lower() for t in seed_knowledge.of_label("Term")}
    for word in ("riec", "ror", "ess", "ssv", "ter", "achterblijvers", "uitreiziger", "ambtsbericht", "weegploeg"):
        assert any(word == t or t.startswith(word) for t in terms), word
    assert len(seed_knowledge.of_label("Recommendation")) == 3
    assert len(seed_knowledge.of_label("AttentionPoint")) >= 3
