"""Pydantic models for every node and relationship kind of the knowledge graph.

The field descriptions are the curators' guide: `kennisgraaf schema` prints them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kennisgraaf.privacy import personal_data_reason

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# C0 control characters other than tab and line breaks, and DEL: nothing in a report needs them, and a NUL cuts
# FalkorDB's query text short (its client inlines parameters), so a load would fail late instead of here.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EXTERNAL = "external"


def _strings(value: object) -> Iterator[str]:
    """Every string in a field value, however deeply nested in lists and dicts."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _no_personal_data(value: str | None) -> str | None:
    if value is not None:
        reason = personal_data_reason(value)
        if reason:
            raise ValueError(f"looks like personal data ({reason}); Kennisgraaf holds none")
    return value


class Provenance(BaseModel):
    """Where a fact comes from: a section of the report, or a marked external source."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    source: str = Field(
        min_length=1,
        max_length=200,
        description="Section of the 2017 report the fact comes from, e.g. '§4.4 Spanningsvelden', "
        "'Bijlage I', 'voetnoot 18'; or 'external' for a fact from outside the report.",
    )
    quote: str | None = Field(
        default=None,
        max_length=2000,
        description="A short verbatim quote from the report that supports the fact (key claims only).",
    )
    source_url: str | None = Field(
        default=None,
        max_length=500,
        description="Only for source 'external': the public URL where the fact was found.",
    )
    checked: dt.date | None = Field(
        default=None, description="Only for source 'external': the date the fact was last checked."
    )
    confidence: Literal["H", "M"] | None = Field(
        default=None, description="Only for source 'external': H (high) or M (medium) confidence."
    )

    @field_validator("*")
    @classmethod
    def _no_control_characters(cls, value: object) -> object:
        for text in _strings(value):
            found = CONTROL_CHARACTER.search(text)
            if found:
                raise ValueError(f"contains the control character U+{ord(found.group()):04X}; remove it")
        return value

    @field_validator("quote")
    @classmethod
    def _quote_is_not_personal(cls, value: str | None) -> str | None:
        return _no_personal_data(value)

    @model_validator(mode="after")
    def _external_is_marked(self) -> Provenance:
        marks = {"source_url": self.source_url, "checked": self.checked, "confidence": self.confidence}
        if self.source == EXTERNAL:
            missing = [k for k, v in marks.items() if v is None]
            if missing:
                raise ValueError(f"an external fact needs {', '.join(missing)}")
            if not str(self.source_url).startswith("https://"):
                raise ValueError("source_url must be an https:// URL")
        else:
            present = [k for k, v in marks.items() if v is not None]
            if present:
                raise ValueError(f"{', '.join(present)} only belong to source 'external'")
        return self

    @property
    def is_external(self) -> bool:
        return self.source == EXTERNAL


class Node(Provenance):
    """Fields every node shares."""

    label: ClassVar[str] = "Node"
    collection: ClassVar[str] = "nodes"

    id: str = Field(
        min_length=1,
        max_length=80,
        description="Stable lowercase slug, unique across the whole seed, e.g. 'om' or 'm08'.",
    )
    name: str = Field(min_length=1, max_length=300, description="The name people use for this thing, in Dutch.")
    summary: str | None = Field(
        default=None, max_length=4000, description="What the report says about it, in a few Dutch sentences."
    )
    aliases: list[str] = Field(
        default_factory=list,
        description="Other names, spellings and abbreviations people may type (Dutch or English).",
    )
    note: str | None = Field(
        default=None,
        max_length=2000,
        description="Curator's note, e.g. an inconsistency in the report and how it was resolved.",
    )

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError("must be a lowercase slug (a-z, 0-9, '-')")
        return value

    @field_validator("name", "summary", "note")
    @classmethod
    def _text_is_not_personal(cls, value: str | None) -> str | None:
        return _no_personal_data(value)

    def properties(self) -> dict[str, object]:
        """The node's properties as stored in the graph (scalars and lists of strings only)."""
        data = self.model_dump(mode="json", exclude_none=True)
        return {k: v for k, v in data.items() if not isinstance(v, dict) and k != "steps"}


class Programme(Node):
    """The action programme itself."""

    label: ClassVar[str] = "Programme"
    collection: ClassVar[str] = "programmes"
    published: str | None = Field(default=None, description="When it was published, as the report says it.")


class Theme(Node):
    """A cluster of measures in Bijlage I, or a sub-theme (Lokaal, Nationaal, Internationaal)."""

    label: ClassVar[str] = "Theme"
    collection: ClassVar[str] = "themes"


class Measure(Node):
    """One of the 38 measures of the action programme; `name` is the exact title of Bijlage I."""

    label: ClassVar[str] = "Measure"
    collection: ClassVar[str] = "measures"
    number: int = Field(ge=1, le=38, description="The measure's number in Bijlage I.")
    short_name: str = Field(
        min_length=1, max_length=120, description="What users call it, e.g. 'bevriezingsmaatregel'."
    )
    inspected: bool = Field(
        description="True where Bijlage I marks the measure ✔ (inspected by the Inspectie VenJ), false for X."
    )
    approach: Literal["persoonsgericht", "preventief", "overig"] = Field(
        description="Person-oriented (risk reduction, interventions on individuals), preventive "
        "(society/groups, knowledge, social media), or other (organisation, information sharing)."
    )


class Organisation(Node):
    """An organisation or a unit inside one (NCTV, OM, TER-team, Exit-faciliteit …)."""

    label: ClassVar[str] = "Organisation"
    collection: ClassVar[str] = "organisations"
    abbreviation: str | None = Field(default=None, max_length=30, description="Abbreviation, e.g. 'KMar'.")
    kind: Literal[
        "ministerie",
        "uitvoeringsorganisatie",
        "dienst",
        "eenheid",
        "gemeente",
        "rechtspraak",
        "inspectie",
        "stichting",
        "samenwerkingsverband",
        "kenniscentrum",
        "internationaal",
        "overig",
    ] = Field(description="What sort of organisation it is.")


class Role(Node):
    """A function inside an organisation (burgemeester, CTER-officier, casusregisseur …)."""

    label: ClassVar[str] = "Role"
    collection: ClassVar[str] = "roles"


class Forum(Node):
    """A coordination body or meeting (casusoverleg, bevriezingsoverleg, lokale driehoek …)."""

    label: ClassVar[str] = "Forum"
    collection: ClassVar[str] = "forums"
    decides: str | None = Field(default=None, max_length=2000, description="What the forum decides or does.")


class LegalBasis(Node):
    """A law, an article of one, a resolution or a covenant."""

    label: ClassVar[str] = "LegalBasis"
    collection: ClassVar[str] = "legal_bases"
    law: str = Field(min_length=1, max_length=300, description="The full name of the law or instrument.")
    article: str | None = Field(default=None, max_length=100, description="The article, e.g. 'art. 39f lid 1'.")


class Step(Provenance):
    """One ordered step of a procedure, done by an actor, maybe in a forum."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    label: ClassVar[str] = "Step"

    order: int = Field(ge=1, le=50, description="Position of the step in the procedure, from 1.")
    action: str = Field(min_length=1, max_length=1000, description="What happens in this step, in Dutch.")
    actor: str | None = Field(
        default=None,
        description="Id of the Organisation or Role that takes the step; leave out when the report names no single "
        "actor (e.g. 'iedere organisatie', or a forum that does it jointly: then give the forum).",
    )
    forum: str | None = Field(default=None, description="Id of the Forum where the step happens, if any.")
    legal_basis: str | None = Field(default=None, description="Id of the LegalBasis for this step, if any.")


class Procedure(Node):
    """A route a person follows, as ordered steps."""

    label: ClassVar[str] = "Procedure"
    collection: ClassVar[str] = "procedures"
    steps: list[Step] = Field(min_length=1, description="The ordered steps, order 1, 2, 3 …")

    @model_validator(mode="after")
    def _steps_in_order(self) -> Procedure:
        orders = [s.order for s in self.steps]
        if orders != list(range(1, len(orders) + 1)):
            raise ValueError(f"steps must be numbered 1..{len(orders)} in order, got {orders}")
        return self

    def step_id(self, step: Step) -> str:
        return f"{self.id}-stap-{step.order}"


class Tension(Node):
    """A spanningsveld or interference between measures, and how practice resolves it."""

    label: ClassVar[str] = "Tension"
    collection: ClassVar[str] = "tensions"
    resolution: str | None = Field(default=None, max_length=2000, description="How practice deals with it.")


class Finding(Node):
    """A figure or finding from the survey or the text."""

    label: ClassVar[str] = "Finding"
    collection: ClassVar[str] = "findings"
    value: float | None = Field(default=None, description="The number, e.g. 70 for '70 procent'.")
    unit: str | None = Field(default=None, max_length=40, description="Unit of value, e.g. '%' or 'gemeenten'.")
    population: str | None = Field(
        default=None, max_length=300, description="Who it is about, e.g. 'n = 196 van 384 gemeenten'."
    )


class GoodPractice(Node):
    """A good practice the report highlights."""

    label: ClassVar[str] = "GoodPractice"
    collection: ClassVar[str] = "good_practices"


class AttentionPoint(Node):
    """One of the report's aandachtspunten."""

    label: ClassVar[str] = "AttentionPoint"
    collection: ClassVar[str] = "attention_points"
    number: int | None = Field(default=None, ge=1, description="Its number in the report, if numbered.")


class Recommendation(Node):
    """One of the report's aanbevelingen."""

    label: ClassVar[str] = "Recommendation"
    collection: ClassVar[str] = "recommendations"
    number: int = Field(ge=1, description="Its number in the report.")


class Training(Node):
    """A course or training and its audience."""

    label: ClassVar[str] = "Training"
    collection: ClassVar[str] = "trainings"
    audience: str | None = Field(default=None, max_length=500, description="Who the training is for.")


class Term(Node):
    """A glossary entry: an abbreviation, a definition of §2.1, or a domain word."""

    label: ClassVar[str] = "Term"
    collection: ClassVar[str] = "terms"
    definition: str = Field(min_length=1, max_length=4000, description="What it means, in Dutch.")


class ExternalFact(Node):
    """A dated fact from outside the report (what changed since 2017); source must be 'external'."""

    label: ClassVar[str] = "ExternalFact"
    collection: ClassVar[str] = "external_facts"

    @model_validator(mode="after")
    def _must_be_external(self) -> ExternalFact:
        if not self.is_external:
            raise ValueError("an ExternalFact must have source 'external'")
        return self


NODE_MODELS: tuple[type[Node], ...] = (
    Programme,
    Theme,
    Measure,
    Organisation,
    Role,
    Forum,
    LegalBasis,
    Procedure,
    Tension,
    Finding,
    GoodPractice,
    AttentionPoint,
    Recommendation,
    Training,
    Term,
    ExternalFact,
)
MODEL_BY_COLLECTION: dict[str, type[Node]] = {m.collection: m for m in NODE_MODELS}


class Relation(Provenance):
    """A relationship between two nodes; its allowed endpoints are in kennisgraaf.schema."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)

    start: str = Field(alias="from", description="Id of the start node.")
    type: str = Field(description="Relationship type, UPPER_SNAKE, one of kennisgraaf.schema.RELATIONSHIPS.")
    end: str = Field(alias="to", description="Id of the end node.")
    how: Literal["structureel", "incidenteel"] | None = Field(
        default=None, description="For PARTICIPATES_IN: a structural or a case-dependent participant."
    )
    instrument: str | None = Field(
        default=None, max_length=300, description="For SENDS_INFORMATION_TO: the instrument, e.g. 'ambtsbericht'."
    )
    order: int | None = Field(default=None, description="For HAS_STEP: the step's position.")
    note: str | None = Field(default=None, max_length=1000, description="Curator's note on this relationship.")

    def key(self) -> tuple[str, str, str]:
        return (self.start, self.type, self.end)

    def properties(self) -> dict[str, object]:
        data = self.model_dump(mode="json", exclude_none=True, by_alias=False)
        for k in ("start", "end", "type"):
            data.pop(k, None)
        return data
