"""The report's own text as sections and paragraph-sized passages, each with its lines in the source file.

The source is a PDF text extraction: every line is followed by an empty line, a page's first line follows the
previous page's last line directly, page numbers and chapter tabs sit on lines of their own, and the footnotes of a
page follow a rule (a line of spaces) at the page's end, often in the middle of a paragraph. This module reads that
back into:

- `Section`: the foreword, the summary, chapters 1–5 with their numbered paragraphs (§1.1 … §5.3), Bijlage I with
  its themes, Bijlage III, and one section for all footnotes;
- `Passage`: a paragraph, a list with its lead-in sentence, a row of a Bijlage table, or a footnote. A passage owns
  the source lines it was built from; together with the section heading lines they cover every non-blank line of
  the report exactly once. Page furniture (page numbers, chapter tabs, running headers, link targets) is owned by
  the passage it interrupts but left out of its text.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from kennisgraaf.settings import PROJECT_ROOT

REPORT_FILE = PROJECT_ROOT / "source" / "evaluatie-actieprogramma-integrale-aanpak-jihadisme-2017.txt"
OUTLINE_FILE = Path(__file__).with_name("report_outline.yaml")
REDACTIONS_FILE = Path(__file__).with_name("report_redactions.yaml")
FOOTNOTES = "s-voetnoten"

_NUMBERED_HEADING = re.compile(r"^(\d)\.(\d)(?:\.(\d))? (\S.{0,70})$")
_FURNITURE = (
    re.compile(r"^\d{1,3}$"),  # page numbers and chapter tabs
    re.compile(r"^(?:I|II|III)$"),  # annex tabs
    re.compile(r"^https?://\S+$"),  # link targets of the footnotes
    re.compile(r"^(?:inhou|dsop|gave)$"),  # a table-of-contents link split over three lines
    re.compile(r"^Evaluatie van het Actieprogramma Integrale Aanpak Jihadisme$"),  # running header
)
_FOOTNOTE_START = re.compile(r"^(\d{1,2}) \S")
_ITEM = re.compile(r"^(?:[\uf0b7\u2022\uf0a7]|- |\d{1,2}\. )")
_MEASURE_CITE = re.compile(r"^Maatregel \d{1,2}: ")
_MEASURE_ROW = re.compile(r"^\d{1,2}\. ")
_ABBREVIATION_ROW = re.compile(r"^(?:[A-Z][A-Za-z0-9]*(?: VR)?) \S")
_FUNCTION_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "van",
        "in",
        "op",
        "te",
        "voor",
        "met",
        "aan",
        "door",
        "bij",
        "tot",
        "om",
        "over",
        "die",
        "dat",
        "als",
        "is",
        "zijn",
        "worden",
        "wordt",
        "naar",
        "uit",
    ]
)
_END_PUNCT = re.compile(r"[.?!:’'\")]\d*$")


class ReportFormatError(ValueError):
    """The source text does not have the shape this reader expects; says where."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class Section:
    """A part of the report: Samenvatting, a chapter, a numbered paragraph (§4.4), a Bijlage or a theme in it."""

    id: str
    title: str
    level: int
    order: int
    parent: str | None
    line_start: int
    line_end: int
    heading_line: int | None  # the line holding its own heading, when the text has one

    @property
    def name(self) -> str:
        """How people cite it: '§4.4 Spanningsvelden', 'Samenvatting', 'Bijlage I'."""
        number = self.id.removeprefix("s-")
        if re.fullmatch(r"\d(\.\d)+", number):
            return f"§{number} {self.title}"
        return self.title

    def properties(self) -> dict[str, Any]:
        props: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "level": self.level,
            "order": self.order,
            "line_start": self.line_start,
            "line_end": self.line_end,
            "source": self.name,
        }
        if self.parent is not None:
            props["parent"] = self.parent
        return props


@dataclass(frozen=True)
class Passage:
    """A paragraph-sized piece of the report with the source lines it came from."""

    id: str
    section: str
    section_title: str
    number: int  # position inside its section, from 1
    order: int  # position in the whole report (body first, then the footnotes), from 1
    kind: str  # alinea | lijst | tabelrij | voetnoot
    text: str
    heading: str | None  # the sub-heading it stands under inside its section, if any
    lines: tuple[int, ...]  # every source line it owns (text, its sub-heading, furniture inside it)
    appears_in: str | None = None  # footnotes: the section on whose page the footnote stands
    opens_heading: bool = False  # it owns the line(s) of its sub-heading

    @property
    def line_start(self) -> int:
        return self.lines[0]

    @property
    def line_end(self) -> int:
        return self.lines[-1]

    @property
    def name(self) -> str:
        if self.kind == "voetnoot":
            return f"voetnoot {self.id.rsplit('-', 1)[1]}"
        number = self.section.removeprefix("s-")
        label = f"§{number}" if re.fullmatch(r"\d(\.\d)*", number) else self.section_title
        return f"{label} ¶{self.number}"

    def properties(self) -> dict[str, Any]:
        props: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "section": self.section,
            "section_title": self.section_title,
            "number": self.number,
            "order": self.order,
            "kind": self.kind,
            "text": self.text,
            "line_start": self.line_start,
            "line_end": self.line_end,
            "source": self.name,
        }
        if self.heading:
            props["heading"] = self.heading
        if self.appears_in:
            props["appears_in"] = self.appears_in
        return props


def normalise(text: str) -> str:
    """Text for quote matching: straight quotes, single spaces, words split over a line joined again."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(\w)- (?=\w)", r"\1-", text)


@dataclass
class Report:
    """The report as sections and passages, with quote lookup."""

    path: Path
    sections: list[Section]
    passages: list[Passage]
    _by_id: dict[str, Passage] = field(init=False, repr=False)
    _sections: dict[str, Section] = field(init=False, repr=False)
    _stream: str = field(init=False, repr=False)
    _starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {p.id: p for p in self.passages}
        self._sections = {s.id: s for s in self.sections}
        # One normalised text of all passages in reading order; quotes are searched in it.
        # Headings count as text of the passage that follows them.
        titles: dict[str, list[str]] = {}
        for section in self.sections:
            if section.heading_line is not None:
                following = next((p for p in self.passages if p.line_start > section.heading_line), None)
                if following is not None:
                    titles.setdefault(following.id, []).append(section.title)
        parts, starts, offset = [], [], 0
        for passage in self.passages:
            head = [*titles.get(passage.id, []), *([passage.heading] if passage.opens_heading else [])]
            body = normalise(" ".join([*head, passage.text]))
            starts.append(offset)
            parts.append(body)
            offset += len(body) + 1
        self._stream = " ".join(parts)
        self._starts = starts

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id; KeyError when there is none."""
        return self._by_id[passage_id]

    def section(self, section_id: str) -> Section:
        return self._sections[section_id]

    def passages_of(self, section_id: str) -> list[Passage]:
        return [p for p in self.passages if p.section == section_id]

    def subtree(self, section_id: str) -> set[str]:
        """The section and every section below it."""
        out = {section_id}
        for section in self.sections:  # parents come before children
            if section.parent in out:
                out.add(section.id)
        return out

    def find_quote(self, quote: str, within: set[str] | None = None) -> list[str]:
        """Ids of the passages holding `quote` (normalised; it may run over two passages).

        With `within` (section ids), occurrences inside those sections are preferred: the summary repeats
        much of the body word for word. Without a match inside them, every occurrence counts.
        """
        needle = normalise(quote).rstrip(".…").strip()
        if not needle:
            return []
        hits: list[list[str]] = []
        start = self._stream.find(needle)
        while start != -1:
            first = bisect_right(self._starts, start) - 1
            last = bisect_right(self._starts, start + len(needle) - 1) - 1
            hits.append([self.passages[i].id for i in range(first, last + 1)])
            start = self._stream.find(needle, start + 1)
        if within:
            preferred = [h for h in hits if any(self._by_id[p].section in within for p in h)]
            hits = preferred or hits
        out: list[str] = []
        for hit in hits:
            out.extend(p for p in hit if p not in out)
        return out

    def sections_for_source(self, source: str) -> set[str]:
        """The sections a seed `source` such as '§4.4 Spanningsvelden', 'Bijlage I' or 'voetnoot 18' names."""
        out: set[str] = set()
        for number in re.findall(r"§\s?(\d(?:\.\d)*)", source):
            if f"s-{number}" in self._sections:
                out |= self.subtree(f"s-{number}")
        for number in re.findall(r"[Hh]oofdstuk (\d)", source):
            out |= self.subtree(f"s-{number}")
        for roman in re.findall(r"Bijlage (I{1,3})\b", source):
            out |= self.subtree(f"s-bijlage-{len(roman)}")
        if re.search(r"voetno", source):
            out.add(FOOTNOTES)
        for section in self.sections:
            if section.level == 1 and section.title.lower() in source.lower() and section.title != "Bijlage I":
                out |= self.subtree(section.id)
        if source.strip().lower() == "inleiding":
            out |= self.subtree("s-samenvatting") | self.subtree("s-1")
        return out & set(self._sections)

    def covered_lines(self) -> dict[int, str]:
        """Every line a passage or a section heading owns, with its owner's id."""
        owners: dict[int, str] = {}
        for passage in self.passages:
            for line in passage.lines:
                owners[line] = passage.id
        for section in self.sections:
            if section.heading_line is not None:
                owners[section.heading_line] = section.id
        return owners


# -- reading -------------------------------------------------------------------------------------------
@dataclass
class _Line:
    number: int
    raw: str
    is_heading: bool = False

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def ends_paragraph(self) -> bool:
        """The extraction marks a paragraph's last line with two trailing spaces; short closing lines also end one."""
        if self.raw.endswith("  ") and self.raw.strip():
            return True
        return bool(_END_PUNCT.search(self.text)) and len(self.text) < 60


def _is_furniture(text: str) -> bool:
    return any(p.match(text) for p in _FURNITURE)


@dataclass
class _PartSpec:
    id: str
    title: str
    starts: str
    table: str | None
    subsections: list[dict[str, Any]]


def _read_outline(path: Path) -> list[_PartSpec]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return [
        _PartSpec(p["id"], p["title"], p["starts"], p.get("table"), p.get("subsections") or []) for p in data["parts"]
    ]


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass(frozen=True)
class Redaction:
    """A personal name in the report's text and what passages show instead (report_redactions.yaml)."""

    line: int  # the source line that holds it
    text: str
    replacement: str
    reason: str
    entry_line: int  # where the redaction stands in its YAML file (for located errors)


def read_redactions(path: Path | None = None) -> list[Redaction]:
    """The redactions of report_redactions.yaml; a malformed entry is an error at its line in that file."""
    path = Path(path or REDACTIONS_FILE)
    data = YAML(typ="rt").load(path.read_text(encoding="utf-8")) or {}
    out = []
    for item in data.get("redactions") or []:
        entry_line = item.lc.line + 1
        missing = [k for k in ("line", "text", "replacement", "reason") if not item.get(k)]
        if missing:
            raise ReportFormatError(path, entry_line, f"redaction without {', '.join(missing)}")
        out.append(Redaction(int(item["line"]), str(item["text"]), str(item["replacement"]), str(item["reason"]),
                             entry_line))
    return out


@lru_cache(maxsize=4)
def _read_cached(path: Path, outline: Path, redactions: Path) -> Report:
    return _Reader(path, outline, redactions).read()


def read_report(path: Path | None = None, outline: Path | None = None, redactions: Path | None = None) -> Report:
    """Read the report (default: the one in source/) into sections and passages, personal names redacted
    (report_redactions.yaml); cached per file."""
    return _read_cached(
        Path(path or REPORT_FILE).resolve(),
        Path(outline or OUTLINE_FILE).resolve(),
        Path(redactions or REDACTIONS_FILE).resolve(),
    )


class _Reader:
    def __init__(self, path: Path, outline: Path, redactions: Path | None = None) -> None:
        self.path = path
        self.outline = _read_outline(outline)
        raw = path.read_text(encoding="utf-8").split("\n")
        self.lines = [_Line(i + 1, line.rstrip("\r\n")) for i, line in enumerate(raw)]
        self.redactions_path = Path(redactions or REDACTIONS_FILE)
        self.redactions = read_redactions(self.redactions_path)
        for redaction in self.redactions:
            line = self.lines[redaction.line - 1].raw if 0 < redaction.line <= len(self.lines) else ""
            if redaction.text not in line:
                raise ReportFormatError(
                    self.redactions_path,
                    redaction.entry_line,
                    f"redaction text {redaction.text!r} is not on line {redaction.line} of {path.name}",
                )

    def fail(self, line: int, message: str) -> ReportFormatError:
        return ReportFormatError(self.path, line, message)

    # The three kinds of non-blank line: footnote, furniture, body.
    def _split_footnotes(self) -> tuple[list[_Line], list[tuple[int, list[_Line]]]]:
        """Body lines, and the footnotes as (number, lines) in the order they appear."""
        body: list[_Line] = []
        notes: list[tuple[int, list[_Line]]] = []
        in_block = False
        previous_blank = True
        for line in self.lines:
            text = line.text
            if not text:
                if re.fullmatch(r" {10,}", line.raw):
                    in_block = True  # the rule above a page's footnotes
                previous_blank = True
                continue
            page_start = not previous_blank
            previous_blank = False
            if in_block and ((page_start and not _is_furniture(text)) or _FURNITURE[-1].match(text)):
                in_block = False  # the next page begins (with its first line, or with the running header)
            if not in_block:
                body.append(line)
                continue
            match = _FOOTNOTE_START.match(line.raw)
            if match:
                number = int(match.group(1))
                expected = notes[-1][0] + 1 if notes else 1
                if number != expected:
                    raise self.fail(line.number, f"footnote {number} where footnote {expected} was expected")
                notes.append((number, [line]))
            elif notes:
                notes[-1][1].append(line)
            else:
                raise self.fail(line.number, "text under a footnote rule before the first footnote")
        return body, notes

    def read(self) -> Report:
        body, notes = self._split_footnotes()
        sections, heading_lines, tables = self._sections(body)
        starts = [s.line_start for s in sections]
        by_section: dict[str, list[_Line]] = {s.id: [] for s in sections}
        for line in body:
            if line.number in heading_lines:
                continue
            index = bisect_right(starts, line.number) - 1
            if index < 0:
                raise self.fail(line.number, "text before the first part of the outline")
            by_section[sections[index].id].append(line)

        passages: list[Passage] = []
        for section in sections:
            table = tables.get(section.id)
            groups = self._rows(by_section[section.id], table) if table else self._paragraphs(by_section[section.id])
            for number, (heading, kind, lines) in enumerate(groups, start=1):
                passages.append(self._passage(section, number, len(passages) + 1, heading, kind, lines))

        footnote_section = Section(
            FOOTNOTES,
            "Voetnoten",
            1,
            len(sections) + 1,
            None,
            notes[0][1][0].number if notes else 1,
            notes[-1][1][-1].number if notes else 1,
            None,
        )
        for number, lines in notes:
            text_lines = [ln for ln in lines if not _is_furniture(ln.text)]
            text = normalise(" ".join(ln.text for ln in text_lines))
            index = bisect_right(starts, lines[0].number) - 1
            passages.append(
                Passage(
                    id=f"p-voetnoot-{number}",
                    section=FOOTNOTES,
                    section_title="Voetnoten",
                    number=number,
                    order=len(passages) + 1,
                    kind="voetnoot",
                    text=text,
                    heading=None,
                    lines=tuple(ln.number for ln in lines),
                    appears_in=sections[index].id,
                )
            )
        return Report(self.path, [*sections, footnote_section], self._redact(passages))

    def _redact(self, passages: list[Passage]) -> list[Passage]:
        """Passages with the personal names of report_redactions.yaml replaced. The structure was read from the
        unchanged source, so ids and lines do not depend on the redactions."""
        by_line: dict[int, list[Redaction]] = {}
        for redaction in self.redactions:
            by_line.setdefault(redaction.line, []).append(redaction)
        out, applied = [], set()
        for passage in passages:
            text, heading = passage.text, passage.heading
            for line in passage.lines:
                for redaction in by_line.get(line, []):
                    old = normalise(redaction.text)
                    if old not in text and old not in (heading or ""):
                        raise ReportFormatError(
                            self.redactions_path,
                            redaction.entry_line,
                            f"redaction text {redaction.text!r} is not in the text of {passage.id}",
                        )
                    text = text.replace(old, redaction.replacement)
                    applied.add(redaction)
                    heading = heading.replace(old, redaction.replacement) if heading else heading
            out.append(dataclasses.replace(passage, text=text, heading=heading) if text != passage.text
                       or heading != passage.heading else passage)
        for redaction in self.redactions:
            if redaction not in applied:
                raise ReportFormatError(
                    self.redactions_path, redaction.entry_line, f"line {redaction.line} is in no passage's text"
                )
        return out

    def _passage(
        self, section: Section, number: int, order: int, heading: str | None, kind: str, lines: list[_Line]
    ) -> Passage:
        text_lines = [ln.text for ln in lines if not ln.is_heading and not _is_furniture(ln.text)]
        return Passage(
            id=f"p-{section.id.removeprefix('s-')}-{number:02d}",
            section=section.id,
            section_title=section.title,
            number=number,
            order=order,
            kind=kind,
            text=_join(text_lines),
            heading=heading,
            lines=tuple(sorted(ln.number for ln in lines)),
            opens_heading=any(ln.is_heading for ln in lines),
        )

    # -- sections ------------------------------------------------------------------------------------
    def _sections(self, body: list[_Line]) -> tuple[list[Section], set[int], dict[str, str]]:
        """The sections in reading order, the lines that are their headings, and the table kind per section."""
        found: list[tuple[int, str, str, int, str | None, int | None]] = []  # start, id, title, level, parent, heading
        tables: dict[str, str] = {}
        heading_lines: set[int] = set()
        position = 0
        part_ranges: list[tuple[int, _PartSpec]] = []
        for spec in self.outline:
            index = next((i for i in range(position, len(body)) if body[i].text.startswith(spec.starts)), None)
            if index is None:
                raise self.fail(
                    body[position].number if position < len(body) else 1,
                    f"outline part {spec.id}: no line starting with {spec.starts!r} after this line",
                )
            part_ranges.append((index, spec))
            position = index + 1
        for n, (index, spec) in enumerate(part_ranges):
            end = part_ranges[n + 1][0] if n + 1 < len(part_ranges) else len(body)
            found.append((body[index].number, spec.id, spec.title, 1, None, None))
            if spec.table:
                tables[spec.id] = spec.table
            chapter = spec.id.removeprefix("s-")
            for i in range(index, end):
                line = body[i]
                match = _NUMBERED_HEADING.match(line.text)
                if match and chapter.isdigit() and not _END_PUNCT.search(line.text):
                    if match.group(1) != chapter:
                        raise self.fail(line.number, f"heading {line.text!r} inside Hoofdstuk {chapter}")
                    number = ".".join(g for g in match.groups()[:3] if g)
                    level = number.count(".") + 1
                    parent = f"s-{number.rsplit('.', 1)[0]}"
                    found.append((line.number, f"s-{number}", match.group(4).strip(), level, parent, line.number))
                    heading_lines.add(line.number)
            self._subsections(body[index:end], spec.id, spec.id, spec.subsections, 2, found, tables, heading_lines)
        found.sort()
        ids = [f[1] for f in found]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise self.fail(found[ids.index(dup)][0], f"section {dup} occurs twice")
        last_line = max(ln.number for ln in body)
        sections = []
        for n, (start, sid, title, level, parent, heading) in enumerate(found):
            if parent is not None and parent not in ids:
                raise self.fail(start, f"section {sid} has no parent section {parent}")
            end = found[n + 1][0] - 1 if n + 1 < len(found) else last_line
            sections.append(Section(sid, title, level, n + 1, parent, start, end, heading))
        return sections, heading_lines, tables

    def _subsections(
        self,
        lines: list[_Line],
        root: str,
        parent: str,
        specs: list[dict[str, Any]],
        level: int,
        found: list[tuple[int, str, str, int, str | None, int | None]],
        tables: dict[str, str],
        heading_lines: set[int],
    ) -> None:
        position = 0
        for spec in specs:
            title = spec["title"]
            index = next((i for i in range(position, len(lines)) if lines[i].text == title), None)
            if index is None:
                raise self.fail(lines[0].number, f"section {parent}: no heading line {title!r} in it")
            sid = f"{root}-{_slug(title)}"
            number = lines[index].number
            found.append((number, sid, title, level, parent, number))
            heading_lines.add(number)
            if parent in tables:
                tables[sid] = tables[parent]
            children = spec.get("subsections") or []
            if children:
                self._subsections(lines[index + 1 :], root, sid, children, level + 1, found, tables, heading_lines)
            position = index + 1

    # -- passages ------------------------------------------------------------------------------------
    def _paragraphs(self, lines: list[_Line]) -> list[tuple[str | None, str, list[_Line]]]:
        """Group a section's body lines into paragraphs and lists, with the sub-heading each stands under."""
        out: list[tuple[str | None, str, list[_Line]]] = []
        heading: str | None = None
        current: list[_Line] = []
        pending: list[_Line] = []  # furniture and sub-headings waiting for the next passage
        pending_heading: list[str] = []
        content = [ln for ln in lines if not _is_furniture(ln.text)]
        nxt = {id(a): b for a, b in itertools.pairwise(content)}

        def close() -> None:
            nonlocal current
            if current:
                texts = [ln.text for ln in current if not _is_furniture(ln.text)]
                kind = "lijst" if any(_ITEM.match(t) for t in texts) else "alinea"
                out.append((heading, kind, current))
                current = []

        for line in lines:
            text = line.text
            if _is_furniture(text):
                (current if current else pending).append(line)
                continue
            following = nxt.get(id(line))
            if current and re.search(r"[.?!’]\d*$", current[-1].text) and self._is_subheading(line, following, nxt):
                close()  # a heading right after a sentence that ended a paragraph without the usual mark
            if not current and self._is_subheading(line, following, nxt):
                line.is_heading = True
                pending.append(line)
                pending_heading.append(text)
                continue
            if pending_heading and pending[-1].is_heading and _continues_heading(line, following):
                line.is_heading = True
                pending.append(line)
                pending_heading[-1] += " " + text
                continue
            if not current:
                if pending_heading:
                    heading = " / ".join(pending_heading)
                    pending_heading = []
                current = [*pending, line]
                pending = []
            else:
                current.append(line)
            if self._ends_passage(current, line, following):
                close()
        if pending and out:
            out[-1][2].extend(pending)
        elif pending:
            raise self.fail(pending[0].number, "a sub-heading with no text under it")
        close()
        return out

    def _is_subheading(self, line: _Line, following: _Line | None, nxt: dict[int, _Line]) -> bool:
        text = line.text
        if len(text) > 75 or _ITEM.match(text) or _MEASURE_CITE.match(text):
            return False
        starts_ok = text[0].isupper() or (text[0].isdigit() and len(text) <= 60)
        if re.search(r"[.,;:?!’)]\d*$", text) or "." in text or text.endswith("-") or not starts_ok:
            return False
        if following is None:
            return False
        ends_open = text.rsplit(" ", 1)[-1].lower() in _FUNCTION_WORDS
        if not ends_open and (
            following.text[0].isupper() or following.text[0].isdigit() or _ITEM.match(following.text)
        ):
            return True
        # A heading that wraps: a short second line without end punctuation, then text with a capital.
        after = nxt.get(id(following))
        return _continues_heading(following, after)

    def _ends_passage(self, current: list[_Line], line: _Line, following: _Line | None) -> bool:
        if following is None:
            return True
        text = line.text
        if text.endswith(":"):
            return False  # a lead-in: the list or quotation belongs to it
        if not line.ends_paragraph:
            return False
        texts = [ln.text for ln in current if not _is_furniture(ln.text) and not ln.is_heading]
        if _cites_only(texts):
            return False  # "Maatregel 8: …" introduces the paragraph that follows
        in_list = any(_ITEM.match(t) for t in texts) or any(t.endswith(":") for t in texts)
        return not (in_list and _ITEM.match(following.text))

    def _rows(self, lines: list[_Line], table: str) -> list[tuple[str | None, str, list[_Line]]]:
        """A Bijlage table: one passage per row (and the paragraphs before the first row as text)."""
        row_start = _MEASURE_ROW if table == "measures" else _ABBREVIATION_ROW
        out: list[tuple[str | None, str, list[_Line]]] = []
        lead: list[_Line] = []
        current: list[_Line] = []
        header: str | None = None
        for line in lines:
            text = line.text
            is_row = bool(row_start.match(text)) and not _is_furniture(text)
            if table == "abbreviations" and is_row:
                first = text.split(" ", 1)[0]
                is_row = sum(c.isupper() for c in first) >= 2 or any(c.isdigit() for c in first) or len(first) <= 3
            if table == "abbreviations" and text == "Afkorting Betekenis":
                line.is_heading = True
                header = text
                lead.append(line)
                continue
            if is_row:
                if current:
                    out.append((header, "tabelrij", current))
                current = [*lead, line] if not out and lead and table == "abbreviations" else [line]
                if table == "abbreviations":
                    lead = []
                continue
            if current:
                current.append(line)
            else:
                lead.append(line)
        if current:
            out.append((header, "tabelrij", current))
        if lead and table == "measures":
            out = [*self._paragraphs(lead), *out]
        elif lead:
            raise self.fail(lead[0].number, "table text before its first row")
        return out


def _cites_only(texts: list[str]) -> bool:
    """True when the passage so far is only measure citations ('Maatregel 8: …'), possibly wrapped."""
    if not texts or not _MEASURE_CITE.match(texts[0]):
        return False
    return all(_MEASURE_CITE.match(t) or t[:1].islower() for t in texts)


def _continues_heading(line: _Line | None, following: _Line | None) -> bool:
    if line is None or following is None:
        return False
    text = line.text
    return (
        text[:1].islower() and len(text) < 40 and not re.search(r"[.,;:?!]\d*$", text) and following.text[:1].isupper()
    )


def _join(texts: list[str]) -> str:
    """Lines into one text: single spaces, list items on a line of their own, words split over a line joined."""
    out = ""
    for text in texts:
        if not out:
            out = text
        elif _ITEM.match(text) or _MEASURE_CITE.match(text):
            out += "\n" + text
        elif out.endswith("-") and out[-2:-1].isalpha() and not re.match(r"(?:en|of)\b", text):
            out += text  # "West-" + "Europa", "maatschappij-" + "ontwrichtende"; not "Inlichtingen- en"
        else:
            out += " " + text
    return re.sub(r"[ \t]+", " ", out).strip()
