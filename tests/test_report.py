"""The report read into sections and passages: full coverage, stable ids, a sane hierarchy, quotes that resolve."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from kennisgraaf.knowledge import KnowledgeSet
from kennisgraaf.report import (
    FOOTNOTES,
    REDACTIONS_FILE,
    REPORT_FILE,
    Report,
    ReportFormatError,
    normalise,
    read_redactions,
    read_report,
)

GOLDEN = Path(__file__).parent / "golden"
UPDATE = bool(os.environ.get("KENNISGRAAF_UPDATE_GOLDEN"))


@pytest.fixture(scope="module")
def report() -> Report:
    return read_report()


def _non_blank_lines() -> set[int]:
    lines = REPORT_FILE.read_text(encoding="utf-8").split("\n")
    return {i + 1 for i, line in enumerate(lines) if line.strip()}


def test_every_non_blank_line_is_owned_exactly_once(report: Report) -> None:
    owners: Counter[int] = Counter()
    for passage in report.passages:
        owners.update(passage.lines)
    headings = [s.heading_line for s in report.sections if s.heading_line is not None]
    owners.update(headings)
    twice = sorted(line for line, n in owners.items() if n > 1)
    assert not twice, f"lines owned twice: {twice[:20]}"
    missing = sorted(_non_blank_lines() - set(owners))
    assert not missing, f"non-blank lines in no passage: {missing[:20]}"
    assert set(owners) <= _non_blank_lines()


def test_passage_text_keeps_every_word_of_its_lines(report: Report) -> None:
    """Each owned line's words appear in its passage's text, except page furniture (page numbers, headers, URLs)
    and the personal names of report_redactions.yaml, which appear as their replacement."""
    source = REPORT_FILE.read_text(encoding="utf-8").split("\n")
    for redaction in read_redactions():
        assert redaction.text in source[redaction.line - 1]
        source[redaction.line - 1] = source[redaction.line - 1].replace(redaction.text, redaction.replacement)
    furniture = re.compile(r"^(\d{1,3}|I{1,3}|https?://\S+|inhou|dsop|gave|Evaluatie van het Actieprogramma .*)$")
    dropped = []
    for passage in report.passages:
        text = normalise(f"{passage.heading or ''} {passage.text}")
        for line in passage.lines:
            words = source[line - 1].strip()
            if furniture.match(words):
                dropped.append(words)
                continue
            last = normalise(words).split(" ")[-1].rstrip("-")
            assert last in text, f"line {line} ({words!r}) is not in {passage.id}"
    assert len(dropped) < 40  # page furniture only: a handful of page numbers, headers and link targets


def test_ids_are_unique_and_follow_the_scheme(report: Report) -> None:
    ids = [p.id for p in report.passages]
    assert len(ids) == len(set(ids))
    section_ids = [s.id for s in report.sections]
    assert len(section_ids) == len(set(section_ids))
    for passage in report.passages:
        if passage.kind == "voetnoot":
            assert re.fullmatch(r"p-voetnoot-\d{1,2}", passage.id)
            assert passage.section == FOOTNOTES
        else:
            assert passage.id == f"p-{passage.section.removeprefix('s-')}-{passage.number:02d}"
    assert [p.order for p in report.passages] == list(range(1, len(ids) + 1))


def test_reading_twice_gives_the_same_ids(report: Report) -> None:
    from kennisgraaf.report import OUTLINE_FILE, _Reader

    again = _Reader(REPORT_FILE, OUTLINE_FILE).read()
    assert [(p.id, p.lines, p.text) for p in again.passages] == [(p.id, p.lines, p.text) for p in report.passages]


def test_known_sections(report: Report) -> None:
    s44 = report.section("s-4.4")
    assert (s44.title, s44.level, s44.parent, s44.heading_line) == ("Spanningsvelden", 2, "s-4", 2428)
    assert s44.name == "§4.4 Spanningsvelden"
    assert report.section("s-3.2.1").parent == "s-3.2"
    assert report.section("s-3.2").parent == "s-3"
    assert report.section("s-samenvatting").level == 1
    assert report.section("s-bijlage-1-lokaal").parent == "s-bijlage-1-informatieuitwisseling-en-samenwerking"
    numbered = [s.id for s in report.sections if re.fullmatch(r"s-\d(\.\d)+", s.id)]
    expected = [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.4.1",
        "1.4.2",
        "1.5",
        "1.6",
        "2.1",
        "2.2",
        "3.1",
        "3.2",
        "3.2.1",
        "3.2.2",
        "3.2.3",
        "3.3",
        "4.1",
        "4.2",
        "4.3",
        "4.4",
        "4.5",
        "5.1",
        "5.2",
        "5.3",
    ]
    assert numbered == [f"s-{n}" for n in expected]
    for section in report.sections:
        if section.parent is not None:
            parent = report.section(section.parent)
            assert parent.level == section.level - 1
            assert parent.order < section.order


def test_known_passages(report: Report) -> None:
    bevriezing = [p for p in report.passages_of("s-4.4") if p.heading == "Bevriezingsmaatregel"]
    assert [p.id for p in bevriezing] == ["p-4.4-04", "p-4.4-05", "p-4.4-06"]
    assert report.passage("p-4.4-06").text.startswith("Er zijn ontheffingen mogelijk voor de bevriezingsmaatregel.")
    assert report.passage("p-4.4-06").name == "§4.4 ¶6"
    footnote = report.passage("p-voetnoot-18")
    assert footnote.text.startswith("18 Op grond van artikel 39f, eerste lid, Wet justitiële")
    assert footnote.appears_in == "s-3.2.3"
    assert footnote.name == "voetnoot 18"
    # A paragraph interrupted by a page's footnotes keeps its text whole and leaves the footnote out.
    paragraph = report.passage("p-samenvatting-27")
    assert "Daarmee bestaat het risico dat relevante informatie" in paragraph.text
    assert "Convenant persoonsgerichte aanpak" not in paragraph.text
    assert paragraph.line_start < report.passage("p-voetnoot-1").line_start < paragraph.line_end
    # A list stays with its lead-in sentence.
    listing = report.passage("p-1.3-03")
    assert listing.kind == "lijst" and "betrokken bij het onderzoek:" in listing.text and "(DJI)." in listing.text
    # Bijlage I: one row per measure, with its mark.
    row = report.passage("p-bijlage-1-risicoreductie-jihadgangers-08")
    assert row.text.startswith("8. Onderkende uitreizigers") and row.text.endswith("✔")
    rows = [p for p in report.passages if p.section.startswith("s-bijlage-1-")]
    assert [int(p.text.split(".")[0]) for p in rows] == list(range(1, 39))
    assert (
        report.passage("p-bijlage-3-15").text == "MI6 Military Intelligence, section 6. Ook bekend als Secret "
        "Intelligence Service"
    )


def test_footnotes_are_all_there(report: Report) -> None:
    notes = report.passages_of(FOOTNOTES)
    assert [p.number for p in notes] == list(range(1, 30))
    for note in notes:
        assert note.text.startswith(f"{note.number} ")
        assert note.appears_in in {s.id for s in report.sections}


def test_find_quote_normalises_and_spans_passages(report: Report) -> None:
    assert report.find_quote("De   paspoortmaatregel kan opgelegd worden") == ["p-4.2-09"]
    # curly and straight quotes, a word split over a line ("niet- Nederlandse")
    assert report.find_quote("(van hun niet- Nederlandse nationaliteit)") == [
        "p-bijlage-1-risicoreductie-jihadgangers-06"
    ]
    two = report.find_quote("strafrechtelijke sanctie. Het OM en de IND overleggen over deze casussen")
    assert two == ["p-4.4-02", "p-4.4-03"]
    # the summary repeats the body; a section hint picks the body's passage
    both = report.find_quote("Het actieprogramma bevat 38 maatregelen.")
    assert "p-samenvatting-03" in both and "p-1.3-01" in both
    assert report.find_quote(
        "Het actieprogramma bevat 38 maatregelen.", report.sections_for_source("§1.3 Afbakening")
    ) == ["p-1.3-01"]
    assert report.find_quote("dit staat nergens in het rapport") == []
    assert report.find_quote("   ") == []


def seed_quotes(knowledge: KnowledgeSet) -> list[tuple[str, str, str]]:
    """(where in the seed, source, quote) for every quote of a node, step and relationship from the report."""
    out = []
    for node in knowledge.nodes.values():
        if node.quote and not node.is_external:
            out.append((f"{knowledge.origins[node.id]} ({node.id})", node.source, node.quote))
    for step_id, (_procedure, step) in knowledge.steps.items():
        if step.quote and not step.is_external:
            out.append((f"{knowledge.origins[step_id]} ({step_id})", step.source, step.quote))
    for relation in knowledge.relations:
        if relation.quote and not relation.is_external:
            origin = knowledge.relation_origins.get(relation.key(), "?")
            out.append((f"{origin} ({' '.join(relation.key())})", relation.source, relation.quote))
    return out


def test_every_seed_quote_resolves_to_a_passage(report: Report, seed_knowledge: KnowledgeSet) -> None:
    quotes = seed_quotes(seed_knowledge)
    assert len(quotes) > 700
    failing = [
        f"{where}: {quote[:80]!r}"
        for where, source, quote in quotes
        if not report.find_quote(quote, report.sections_for_source(source))
    ]
    assert not failing, "quotes in no passage:\n" + "\n".join(failing)


def test_sections_for_source(report: Report) -> None:
    assert "s-4.4" in report.sections_for_source("§4.4 Spanningsvelden")
    assert report.sections_for_source("§3.2 Samenwerking") >= {"s-3.2", "s-3.2.1", "s-3.2.3"}
    assert report.sections_for_source("voetnoot 18") == {FOOTNOTES}
    assert "s-bijlage-1-lokaal" in report.sections_for_source("Bijlage I")
    assert "s-bijlage-3" not in report.sections_for_source("Bijlage I")
    assert report.sections_for_source("Samenvatting") == {"s-samenvatting"}
    assert report.sections_for_source("Hoofdstuk 4 (inleiding)") >= {"s-4", "s-4.4"}
    assert report.sections_for_source("external") == set()


def test_golden_sections(report: Report) -> None:
    rows = ["id\tlevel\tparent\tline_start\tline_end\theading_line\tpassages\ttitle"]
    for s in report.sections:
        count = len(report.passages_of(s.id))
        rows.append(
            f"{s.id}\t{s.level}\t{s.parent or ''}\t{s.line_start}\t{s.line_end}\t{s.heading_line or ''}"
            f"\t{count}\t{s.title}"
        )
    _golden("report_sections.tsv", "\n".join(rows) + "\n")


def test_golden_passages(report: Report) -> None:
    """Pins every passage id to its lines, so an id never silently moves to other text."""
    rows = ["id\tkind\tline_start\tline_end\tbegins"]
    rows += [f"{p.id}\t{p.kind}\t{p.line_start}\t{p.line_end}\t{p.text[:40]}" for p in report.passages]
    _golden("report_passages.tsv", "\n".join(rows) + "\n")


def _golden(name: str, rendered: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(rendered, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; create it with KENNISGRAAF_UPDATE_GOLDEN=1"
    assert path.read_text(encoding="utf-8") == rendered, f"{name} drifted; rerun with KENNISGRAAF_UPDATE_GOLDEN=1"


def test_no_redacted_name_is_in_any_passage(report: Report) -> None:
    redactions = read_redactions()
    assert {r.text for r in redactions} == {"J.G. Bos", "A.R. Feddes, L. Nickolson, B. Doosje"}
    for redaction in redactions:
        assert redaction.reason and redaction.replacement.startswith("[")
        owner = next(p for p in report.passages if redaction.line in p.lines)
        assert redaction.replacement in owner.text
        for passage in report.passages:
            for name in [redaction.text, *redaction.text.split(", ")]:
                assert name not in f"{passage.heading or ''} {passage.text}", (passage.id, name)


def test_no_seed_text_holds_a_redacted_name() -> None:
    seed = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPORT_FILE.parent.parent / "seed").glob("*.yaml")))
    for redaction in read_redactions():
        for name in [redaction.text, *redaction.text.split(", ")]:
            assert name not in seed, name


def test_redactions_keep_ids_and_lines(report: Report, tmp_path: Path) -> None:
    """The structure is read from the unchanged source: without redactions only the redacted texts differ."""
    from kennisgraaf.report import OUTLINE_FILE, _Reader

    empty = tmp_path / "none.yaml"
    empty.write_text("redactions: []\n", encoding="utf-8")
    plain = _Reader(REPORT_FILE, OUTLINE_FILE, empty).read()
    assert [(p.id, p.lines) for p in plain.passages] == [(p.id, p.lines) for p in report.passages]
    differ = {p.id for p, q in zip(plain.passages, report.passages, strict=True) if p.text != q.text}
    assert differ == {"p-voorwoord-04", "p-voetnoot-4"}


def test_a_redaction_not_in_the_source_is_a_located_error(tmp_path: Path) -> None:
    wrong = tmp_path / "redactions.yaml"
    text = REDACTIONS_FILE.read_text(encoding="utf-8").replace('text: "J.G. Bos"', 'text: "J.G. Bosch"')
    wrong.write_text(text, encoding="utf-8")
    entry = 1 + text.split("\n").index("  - line: 53")
    message = rf"redactions.yaml:{entry}: redaction text 'J.G. Bosch' is not on line 53"
    with pytest.raises(ReportFormatError, match=message):
        read_report(redactions=wrong)
    wrong.write_text(text.replace('text: "J.G. Bosch"', 'text: "J.G. Bos"').replace("line: 53", "line: 54"),
                     encoding="utf-8")
    with pytest.raises(ReportFormatError, match=rf"redactions.yaml:{entry}: .* is not on line 54"):
        read_report(redactions=wrong)


def test_a_changed_source_gives_a_located_error(tmp_path: Path) -> None:
    broken = tmp_path / "report.txt"
    text = REPORT_FILE.read_text(encoding="utf-8").replace("Het lokaal casusoverleg besluit", "Het overleg besluit")
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ReportFormatError) as info:
        read_report(broken)
    assert str(broken) in str(info.value) and "s-4" in str(info.value)


def test_footnote_out_of_sequence_is_located(tmp_path: Path) -> None:
    broken = tmp_path / "report.txt"
    text = REPORT_FILE.read_text(encoding="utf-8").replace("\n17 Zie onder andere", "\n71 Zie onder andere")
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ReportFormatError, match=r"report.txt:1646: footnote 71 where footnote 17 was expected"):
        read_report(broken)
