"""Where a source lives in the report, as a link to the app's Rapport page (`/rapport?passage=p-4.4-06`).

A source is a seed `source` ('§4.4 Spanningsvelden', 'Bijlage I', 'voetnoot 18', 'external') with, for key
claims, a verbatim `quote`. With a quote it points at the passage that holds it; without one at the section (or,
for a footnote, at the footnote itself). External sources point nowhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from kennisgraaf.report import FOOTNOTES, Report, read_report

RAPPORT_PAGE = "rapport"  # url path of the page (app/kg_ui.py PAGES)
PASSAGE_PARAM = "passage"
SECTION_PARAM = "sectie"
_ID = re.compile(r"^[ps]-[a-z0-9.-]{1,80}$")


@dataclass(frozen=True)
class ReportLink:
    """A place in the report: a passage, or a whole section; `label` says it as people cite it."""

    passage: str | None
    section: str | None
    label: str

    @property
    def params(self) -> dict[str, str]:
        """The Rapport page's query parameters."""
        if self.passage:
            return {PASSAGE_PARAM: self.passage}
        return {SECTION_PARAM: self.section} if self.section else {}

    @property
    def url(self) -> str:
        """The page's path with its query: '/rapport?passage=p-4.4-06'."""
        return f"/{RAPPORT_PAGE}?{urlencode(self.params)}"


def is_report_id(value: str | None) -> bool:
    """True for a well-formed section or passage id (what a URL parameter may carry)."""
    return bool(value and _ID.match(value))


def passage_link(passage_id: str, report: Report | None = None) -> ReportLink | None:
    """The link to one passage by id; None when the report has no such passage."""
    report = report or read_report()
    if not is_report_id(passage_id):
        return None
    try:
        passage = report.passage(passage_id)
    except KeyError:
        return None
    return ReportLink(passage.id, passage.section, passage.name)


def report_link(
    source: str | None, quote: str | None = None, passage: str | None = None, report: Report | None = None
) -> ReportLink | None:
    """The place in the report a source refers to: the passage holding `quote` (or the given `passage` id), else
    the section or footnote `source` names; None for external sources and sources the report does not have."""
    report = report or read_report()
    if passage:
        found = passage_link(passage, report)
        if found:
            return found
    if not source or source.strip() == "external":
        return None
    within = report.sections_for_source(source)
    if quote:
        hits = report.find_quote(quote, within)
        if hits:
            return passage_link(hits[0], report)
    footnote = re.search(r"voetnoot (\d{1,2})\b", source)
    if footnote and not re.search(r"§\s?\d", source):
        return passage_link(f"p-voetnoot-{footnote.group(1)}", report)
    named = _named_section(source, report)
    if named:
        return ReportLink(None, named, report.section(named).name)
    return None


def _named_section(source: str, report: Report) -> str | None:
    """The one section a source names first: '§3.2.1 …' → s-3.2.1, 'Hoofdstuk 4' → s-4, 'Bijlage I' → s-bijlage-1."""
    known = {s.id for s in report.sections}
    candidates: list[tuple[int, str]] = []
    for match in re.finditer(r"§\s?(\d(?:\.\d)*)", source):
        candidates.append((match.start(), f"s-{match.group(1)}"))
    for match in re.finditer(r"[Hh]oofdstuk (\d)", source):
        candidates.append((match.start(), f"s-{match.group(1)}"))
    for match in re.finditer(r"Bijlage (I{1,3})\b", source):
        candidates.append((match.start(), f"s-bijlage-{len(match.group(1))}"))
    lowered = source.lower()
    for section in report.sections:
        if section.level == 1 and section.id != FOOTNOTES and not section.title.startswith(("Bijlage", "Hoofdstuk")):
            position = lowered.find(section.title.lower())
            if position >= 0:
                candidates.append((position, section.id))
    for _position, section_id in sorted(candidates):
        if section_id in known:
            return section_id
    return None
