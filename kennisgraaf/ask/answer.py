"""The answer model shared by the CLI and the app."""

from __future__ import annotations

from pydantic import BaseModel, Field


class EntityRef(BaseModel):
    """A node the question or answer names."""

    id: str
    label: str
    name: str


class RouteStep(BaseModel):
    """One numbered step of the route the answer describes."""

    order: int
    action: str
    actor: str | None = None
    forum: str | None = None


class SourceRef(BaseModel):
    """Where in the report (or outside it, marked external) the answer comes from."""

    section: str
    quote: str | None = None
    external: bool = False
    url: str | None = None
    passage: str | None = None  # id of the report passage that holds the quote (the Rapport page's anchor)


class Answer(BaseModel):
    """What Kennisgraaf says to a question, and how it found it."""

    question: str
    answered: bool
    intent: str
    answer: str
    language: str = "nl"
    entities: list[EntityRef] = Field(default_factory=list)
    route: list[RouteStep] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    query: str | None = None
    params: dict[str, object] = Field(default_factory=dict)
    suggestions: list[str] = Field(default_factory=list)
    why: str | None = None  # why this answer won over the other candidates (kind, confidence, main reasons)
