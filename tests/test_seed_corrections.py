"""Knowledge corrections of issue 10, each pinned: every test here fails on the seed before the correction.

Each corrected fact is also checked against the section of the report it cites: its quote must stand in that
section (or footnote) of source/, not merely somewhere in the report.
"""

from __future__ import annotations

import re

import pytest

from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.models import Procedure, Relation
from kennisgraaf.settings import PROJECT_ROOT

REPORT = PROJECT_ROOT / "source" / "evaluatie-actieprogramma-integrale-aanpak-jihadisme-2017.txt"
# Where each section cited below starts in the report body, and the heading that ends it.
SECTIONS = {
    "§3.2.1 Gemeenten als regievoerder lokale aanpak": ("3.2.1 Gemeenten als regievoerder", "3.2.2 Veiligheids-"),
    "§3.2.3 Informatiedeling tussen organisaties": ("3.2.3 Informatiedeling tussen", "3.3 Samenwerking binnen"),
    "§3.1 Werkzaamheden": ("3.1 Werkzaamheden", "3.2 Samenwerking tussen"),
    "§4.1 Rol van casusoverleg": ("4.1 Rol van casusoverleg", "4.2 Persoonsgerichte"),
    "§4.2 Persoonsgerichte maatregelen": ("4.2 Persoonsgerichte maatregelen", "4.3 Bekendheid"),
    "§4.3 Bekendheid en toepassing maatregelen": ("4.3 Bekendheid", "4.4 Spanningsvelden"),
    "§4.4 Spanningsvelden": ("4.4 Spanningsvelden", "4.5 Verantwoording"),
}


def _squash(text: str) -> str:
    text = text.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(\w)- (?=[a-z])", r"\1-", text)


def _section_text(source: str) -> str:
    """The text of one cited section of the report: from its heading to the next one (or a footnote's text)."""
    text = REPORT.read_text(encoding="utf-8")
    footnote = re.fullmatch(r"voetnoot (\d+)", source)
    if footnote:
        lines = text.splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith(f"{footnote.group(1)} "))
        kept = [lines[first]]
        for line in lines[first + 1 : first + 20]:  # continuation lines start with a space; blank lines between
            if re.match(r"^\d{1,2} ", line) or (line.strip() and not line.startswith(" ")):
                break
            kept.append(line)
        return _squash("\n".join(kept))
    if source == "Bijlage I":
        return _squash(text[text.rindex("Bijlage I") :])
    if source == "Samenvatting":  # everything before chapter 1
        return _squash(text[: text.index("1.1 Aanleiding")])
    start, end = SECTIONS[source]
    begin = [m.start() for m in re.finditer(rf"^\s*{re.escape(start)}", text, re.MULTILINE)][-1]
    stop = [m.start() for m in re.finditer(rf"^\s*{re.escape(end)}", text, re.MULTILINE) if m.start() > begin]
    return _squash(text[begin : stop[0] if stop else None])


def _rels(knowledge: KnowledgeSet, start: str | None = None, type_: str | None = None, end: str | None = None):
    return [
        r
        for r in knowledge.relations
        if (start is None or r.start == start) and (type_ is None or r.type == type_) and (end is None or r.end == end)
    ]


def _one(knowledge: KnowledgeSet, start: str, type_: str, end: str) -> Relation:
    found = _rels(knowledge, start, type_, end)
    assert len(found) == 1, f"expected exactly one {start} {type_} {end}, found {len(found)}"
    return found[0]


def _assert_cited(rel: Relation | object) -> None:
    """The quote stands in the section the fact cites."""
    source, quote = rel.source, rel.quote  # type: ignore[attr-defined]
    assert quote, f"{rel} has no quote"
    assert _squash(quote).rstrip(".…") in _section_text(source), f"quote not in {source}: {quote}"


def test_nobody_requests_a_freeze_only_an_adjustment_via_the_om(seed_knowledge: KnowledgeSet) -> None:
    """§4.4: gemeenten can only ask to adjust a freeze, via the OM, on the bevriezingsoverleg."""
    assert _rels(seed_knowledge, type_="REQUESTS", end="m08") == []
    _assert_cited(_one(seed_knowledge, "gemeente", "REQUESTS", "ontheffing-bevriezing"))
    to_om = _one(seed_knowledge, "gemeente", "SENDS_INFORMATION_TO", "om")
    to_forum = _one(seed_knowledge, "om", "SENDS_INFORMATION_TO", "bevriezingsoverleg")
    for rel in (to_om, to_forum):
        assert rel.source == "§4.4 Spanningsvelden"
        assert "via het OM" in rel.quote
        _assert_cited(rel)
    assert "aanpassing" in (to_om.instrument or "")


def _casus(seed_knowledge: KnowledgeSet) -> Procedure:
    procedure = seed_knowledge.nodes["casus-inbrengen"]
    assert isinstance(procedure, Procedure)
    return procedure


def test_any_organisation_can_bring_in_a_case(seed_knowledge: KnowledgeSet) -> None:
    first = _casus(seed_knowledge).steps[0]
    assert first.actor is None
    assert "Iedere organisatie die een vermoeden heeft van radicalisering kan een casus aanmelden" in first.quote
    _assert_cited(first)


def test_the_casusoverleg_weighs_and_monitors_jointly(seed_knowledge: KnowledgeSet) -> None:
    in_forum = [s for s in _casus(seed_knowledge).steps if s.forum == "casusoverleg"]
    assert len(in_forum) == 2
    assert all(s.actor is None for s in in_forum), (
        "the weighing and monitoring are the casusoverleg's, not the gemeente's"
    )
    assert "weegt men deze gezamenlijk" in in_forum[0].quote
    assert "blijft het casusoverleg de casus monitoren" in in_forum[1].quote
    decides = _one(seed_knowledge, "casusoverleg", "DECIDES", "casus-inbrengen")
    assert "gezamenlijk" in decides.quote
    _assert_cited(decides)


def test_weegploeg_triage_comes_before_the_casusoverleg(seed_knowledge: KnowledgeSet) -> None:
    steps = _casus(seed_knowledge).steps
    forums = [s.forum for s in steps]
    assert "weegploeg" in forums
    assert forums.index("weegploeg") < forums.index("casusoverleg")
    triage = steps[forums.index("weegploeg")]
    assert "geschikt is voor het casusoverleg" in triage.quote
    _assert_cited(triage)


@pytest.mark.parametrize(
    ("start", "type_", "end", "quoted"),
    [
        ("weegploeg", "DECIDES", "casus-inbrengen", "geschikt is voor het casusoverleg"),
        ("weegploeg", "PART_OF", "lokale-driehoek", "vertegenwoordigers van de lokale driehoek"),
        ("casus-inbrengen", "COORDINATED_IN", "weegploeg", "weegploeg"),
        ("casus-inbrengen", "COORDINATED_IN", "toetsingsoverleg", "toetsingsmoment voor een casus"),
    ],
)
def test_weegploeg_toetsingsoverleg_and_driehoek_are_connected(
    seed_knowledge: KnowledgeSet, start: str, type_: str, end: str, quoted: str
) -> None:
    rel = _one(seed_knowledge, start, type_, end)
    assert quoted in rel.quote
    _assert_cited(rel)


@pytest.mark.parametrize("forum", ["weegploeg", "toetsingsoverleg", "lokale-driehoek"])
def test_local_forums_have_more_than_glossary_links(seed_knowledge: KnowledgeSet, forum: str) -> None:
    links = [r for r in seed_knowledge.relations if forum in (r.start, r.end) and r.type not in ("ABOUT", "CONCERNS")]
    assert links, f"{forum} has only glossary or CONCERNS relationships"


def test_burgemeester_is_consulted_before_a_bestuurlijke_maatregel(seed_knowledge: KnowledgeSet) -> None:
    for target in ("m11", "bestuurlijke-maatregelen"):
        rel = _one(seed_knowledge, "burgemeester", "CONSULTED_ON", target)
        assert "in overleg met de burgemeester" in rel.quote
        _assert_cited(rel)


def test_organisations_send_signals_to_the_aivd(seed_knowledge: KnowledgeSet) -> None:
    signals = [
        r for r in _rels(seed_knowledge, type_="SENDS_INFORMATION_TO", end="aivd") if "signalen" in (r.instrument or "")
    ]
    assert {r.start for r in signals} >= {"gemeente", "politie"}
    for rel in signals:
        assert "delen organisaties signalen over radicalisering met de AIVD" in rel.quote
        _assert_cited(rel)


def test_measure_12_is_carried_out_by_the_dutch_embassies(seed_knowledge: KnowledgeSet) -> None:
    rel = _one(seed_knowledge, "nederlandse-ambassades", "EXECUTES", "m12")
    assert rel.source == "Bijlage I"
    _assert_cited(rel)


def test_gemeente_executes_m35_is_not_cited_to_training_others(seed_knowledge: KnowledgeSet) -> None:
    rel = _one(seed_knowledge, "gemeente", "EXECUTES", "m35")
    assert not rel.source.startswith("§5.3")
    assert "(maatregel 35)" in rel.quote
    _assert_cited(rel)


def test_adviseur_lokale_aanpak_ten_at_first_22_eventually(seed_knowledge: KnowledgeSet) -> None:
    summary = seed_knowledge.nodes["adviseur-lokale-aanpak"].summary or ""
    assert "tien gemeenten" in summary and "uiteindelijk 22" in summary
    texts = [str(v) for n in seed_knowledge.nodes.values() for v in n.model_dump().values() if isinstance(v, str)] + [
        r.note or "" for r in seed_knowledge.relations
    ]
    wrong = [t for t in texts if re.search(r"aanvankelijk( ondersteunden vier \w+ (gezamenlijk|samen))? 22", t, re.I)]
    assert wrong == []


def test_resolution_1373_is_cited_to_footnote_25(seed_knowledge: KnowledgeSet) -> None:
    rels = _rels(seed_knowledge, end="vn-vr-1373", type_="BASED_ON")
    assert rels
    for rel in rels:
        assert rel.source == "voetnoot 25", f"{rel.start} BASED_ON vn-vr-1373 cites {rel.source}"
        _assert_cited(rel)
    tension = _one(seed_knowledge, "spanning-bevriezing-achterblijvers", "BASED_ON", "vn-vr-1373")
    assert "§4.2" in (tension.note or "")


def test_measure_numbering_mix_up_is_on_both_measures(seed_knowledge: KnowledgeSet) -> None:
    """§4.3 calls ondersteuning onderwijsinstellingen 'maatregel 34'; Bijlage I numbers it 24."""
    m24, m34 = seed_knowledge.nodes["m24"], seed_knowledge.nodes["m34"]
    assert m24.quote == "ondersteuning onderwijsinstellingen (maatregel 34)"
    assert "'maatregel 34'" in (m24.summary or "") and "Bijlage I" in (m24.summary or "")
    assert "maatregel 24" in (m34.summary or "")


def test_footnote_17_lists_other_measures_than_section_3_2_1(seed_knowledge: KnowledgeSet) -> None:
    assert "Zie onder andere maatregelen 21, 22, 23 en 24." in REPORT.read_text(encoding="utf-8")
    for text in (
        seed_knowledge.nodes["m26"].note or "",
        _one(seed_knowledge, "gemeente", "EXECUTES", "m26").note or "",
    ):
        assert "voetnoot 17" in text and "21, 22, 23 en 24" in text and "21, 22, 23 en 26" in text
