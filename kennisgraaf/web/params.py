"""Typed, bounded parameters of catalogue queries for the HTTP API, derived from the query headers and params.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kennisgraaf.catalogue import Query
from kennisgraaf.web.problems import ApiProblem
from kennisgraaf.yamlfile import read_yaml

SPEC_FILE = Path(__file__).with_name("params.yaml")


@dataclass(frozen=True)
class ParamSpec:
    """One parameter as the API takes it."""

    name: str
    type: str  # text | integer | list
    required: bool
    default: Any
    description: str = ""
    pattern: str | None = None
    max_length: int | None = None
    max_items: int | None = None
    minimum: int | None = None
    maximum: int | None = None

    def schema(self) -> dict[str, Any]:
        """JSON-schema-like description for GET /api/queries."""
        out: dict[str, Any] = {"name": self.name, "type": self.type, "required": self.required}
        if not self.required:
            out["default"] = self.default
        for key in ("description", "pattern", "max_length", "max_items", "minimum", "maximum"):
            value = getattr(self, key)
            if value not in (None, ""):
                out[key] = value
        return out


@lru_cache(maxsize=1)
def _spec_file() -> dict[str, Any]:
    return read_yaml(SPEC_FILE).data


def _type_of_default(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | list):
        return "text"
    return "integer" if isinstance(value, int) else "list"


def param_specs(query: Query) -> list[ParamSpec]:
    data = _spec_file()
    specs = []
    for name in query.params:
        known = dict(data["params"].get(name, {}))
        has_default = name in query.defaults
        kind = known.pop("type", _type_of_default(query.defaults.get(name)) if has_default else "text")
        bounds = {**data["default"][kind], **known}
        specs.append(ParamSpec(name, kind, not has_default, query.defaults.get(name), **bounds))
    return specs


def _check_text(spec: ParamSpec, value: str, where: str) -> str:
    if spec.max_length is not None and len(value) > spec.max_length:
        raise ApiProblem(422, "ongeldige-parameter", f"{where}: is te lang (hoogstens {spec.max_length} tekens)")
    if spec.pattern and not re.fullmatch(spec.pattern, value):
        raise ApiProblem(422, "ongeldige-parameter", f"{where}: '{value[:80]}' heeft niet de juiste vorm")
    return value


def parse_params(query: Query, given: list[tuple[str, str]]) -> dict[str, Any]:
    """Query-string pairs -> typed parameters; unknown, missing, malformed or out-of-range values raise ApiProblem."""
    specs = {s.name: s for s in param_specs(query)}
    unknown = sorted({k for k, _ in given} - set(specs))
    if unknown:
        raise ApiProblem(
            422,
            "ongeldige-parameter",
            f"Query {query.id} kent geen parameter(s) {', '.join(unknown)}; wel: {', '.join(specs) or 'geen'}",
        )
    values: dict[str, Any] = {}
    for name, spec in specs.items():
        raw = [v for k, v in given if k == name]
        if not raw:
            if spec.required:
                raise ApiProblem(422, "ongeldige-parameter", f"{name}: ontbreekt (query {query.id})")
            continue
        if spec.type == "list":
            items = [item.strip() for value in raw for item in value.split(",") if item.strip()]
            if spec.max_items is not None and len(items) > spec.max_items:
                raise ApiProblem(
                    422, "ongeldige-parameter", f"{name}: heeft te veel waarden (hoogstens {spec.max_items})"
                )
            values[name] = [_check_text(spec, item, name) for item in items]
            continue
        if len(raw) > 1:
            raise ApiProblem(422, "ongeldige-parameter", f"{name}: mag maar één keer voorkomen")
        if spec.type == "integer":
            try:
                number = int(raw[0])
            except ValueError:
                raise ApiProblem(422, "ongeldige-parameter", f"{name}: moet een geheel getal zijn") from None
            if (spec.minimum is not None and number < spec.minimum) or (
                spec.maximum is not None and number > spec.maximum
            ):
                raise ApiProblem(
                    422, "ongeldige-parameter", f"{name}: moet tussen {spec.minimum} en {spec.maximum} liggen"
                )
            values[name] = number
            continue
        values[name] = _check_text(spec, raw[0], name)
    return values
