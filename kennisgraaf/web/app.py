"""The read-only HTTP API: every route is a GET that calls the Kennisgraaf core (no Cypher, no console here)."""

import hashlib
import json
import threading
from typing import Annotated, Any

from fastapi import FastAPI, Path, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response
from fastapi_offline import FastAPIOffline

from kennisgraaf import __version__
from kennisgraaf.api import Kennisgraaf
from kennisgraaf.ask import Answer
from kennisgraaf.catalogue import catalogue
from kennisgraaf.export_formats import FILE_NAMES, FORMATS, render_export
from kennisgraaf.fulltext import search_terms
from kennisgraaf.web import problems
from kennisgraaf.web.config import ApiSettings
from kennisgraaf.web.params import param_specs, parse_params
from kennisgraaf.web.problems import ApiProblem
from kennisgraaf.web.ratelimit import RateLimit

NODE_ID = r"^[a-z0-9][a-z0-9.-]*$"
ERROR_INTENT = "error"  # the Vraagbaak's intent for an answer it could not give because something failed
HIDDEN_PROPERTIES = {"search_text", "label"}
DESCRIPTION = (
    "Alleen-lezen API van Kennisgraaf: wie doet wat in de integrale aanpak van jihadisme (Inspectie VenJ, 2017). "
    "Vragen stellen, de querycatalogus, knopen met hun bronnen en exports (JSON, GraphML, CSV, Turtle, JSON-LD). "
    "Fouten zijn JSON-probleemdocumenten (RFC 9457). Geen persoonsgegevens; geen juridisch advies."
)


class ExportCache:
    """Rendered exports per format, reused while the graph's JSON export stays byte-for-byte the same."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key = ""
        self._rendered: dict[str, bytes] = {}

    def get(self, kg: Kennisgraaf, fmt: str, iri_base: str) -> bytes:
        document = kg.export()
        key = hashlib.sha256(json.dumps(document, sort_keys=True, default=str).encode()).hexdigest()
        with self._lock:
            if key != self._key:
                self._key, self._rendered = key, {}
            if fmt not in self._rendered:
                self._rendered[fmt] = render_export(document, fmt, iri_base)
            return self._rendered[fmt]


def _sources(props: dict[str, Any], relationships: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The node's own source first, then each distinct source of its relationships."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()

    def add(section: Any, quote: Any, url: Any = None, checked: Any = None) -> None:
        key = (section, quote, url)
        if section and key not in seen:
            seen.add(key)
            external = section == "external"
            out.append({"section": section, "quote": quote, "external": external, "url": url, "checked": checked})

    add(props.get("source"), props.get("quote"), props.get("source_url"), props.get("checked"))
    for rel in relationships:
        add(rel.get("source"), rel.get("quote"))
    return out


def create_app(kg: Kennisgraaf, settings: ApiSettings | None = None) -> FastAPI:
    """The API over one Kennisgraaf; `kennisgraaf api` serves it with uvicorn."""
    settings = settings or ApiSettings()
    app = FastAPIOffline(
        title="Kennisgraaf API",
        version=__version__,
        description=DESCRIPTION,
        docs_url="/api/docs",
        redoc_url="/api/redoc",
        openapi_url="/api/openapi.json",
        static_url="/api/docs-static",
        favicon_url="/api/docs-static/favicon.png",
        swagger_ui_parameters={"syntaxHighlight": False},
        redirect_slashes=False,
    )
    problems.install(app)
    exports = ExportCache()

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.get("/api/health", summary="Werkt de API en is de graaf bereikbaar?")
    def health() -> dict[str, Any]:
        counts = {r["label"]: r["count"] for r in kg.query("meta.counts")}
        if not counts:
            raise ApiProblem(503, "graaf-leeg", "De graaf is leeg; laad de seed met `kennisgraaf load`.")
        return {"status": "ok", "engine": kg.engine, "nodes": sum(counts.values()), "version": __version__}

    @app.get("/api/ask", summary="Een vraag in het Nederlands of Engels", response_model=Answer)
    def ask(
        q: Annotated[str, Query(min_length=1, max_length=settings.max_question_chars, description="De vraag")],
    ) -> Answer:
        if not q.strip():
            raise ApiProblem(422, "ongeldige-parameter", "q: is leeg; stel een vraag")
        answer = kg.ask(q)
        if answer.intent == ERROR_INTENT:  # the answerer never raises; over HTTP a failure is not a 200
            kg.query("meta.counts")  # an unreachable graph raises StoreUnavailable here: 503
            raise ApiProblem(500, "interne-fout", answer.answer)
        return answer

    @app.get("/api/queries", summary="De querycatalogus met getypeerde parameters")
    def queries(request: Request) -> list[dict[str, Any]]:
        return [
            {
                "id": q.id,
                "title": q.title,
                "description": q.description,
                "params": [spec.schema() for spec in param_specs(q)],
                "url": str(request.url_for("run_query", query_id=q.id).path),
            }
            for q in sorted(catalogue().values(), key=lambda q: q.id)
        ]

    @app.get("/api/queries/{query_id}", summary="Eén catalogusquery uitvoeren (parameters als ?naam=waarde)")
    def run_query(
        request: Request, query_id: Annotated[str, Path(max_length=80, pattern=r"^[a-z_]+\.[a-z_]+$")]
    ) -> dict[str, Any]:
        query = catalogue().get(query_id)
        if query is None:
            raise ApiProblem(404, "onbekende-query", f"Onbekende query '{query_id}'; /api/queries toont de catalogus.")
        params = parse_params(query, list(request.query_params.multi_items()))
        if "q" in params:  # full-text indexes reject query syntax: plain words only
            params["q"] = search_terms(params["q"])
            if not params["q"]:
                raise ApiProblem(422, "ongeldige-parameter", "q: bevat geen woorden om op te zoeken")
        rows = kg.query(query_id, params)
        return {
            "query": query_id,
            "params": params,
            "count": min(len(rows), settings.max_rows),
            "truncated": len(rows) > settings.max_rows,
            "rows": rows[: settings.max_rows],
        }

    @app.get("/api/nodes/{node_id}", summary="Een knoop met zijn relaties en bronnen")
    def node(node_id: Annotated[str, Path(max_length=80, pattern=NODE_ID)]) -> dict[str, Any]:
        found = kg.query("entity.get", {"ids": [node_id]})
        if not found:
            raise ApiProblem(404, "onbekende-knoop", f"Er is geen knoop met id '{node_id}'.")
        row = found[0]
        props = {k: v for k, v in sorted((row["properties"] or {}).items()) if k not in HIDDEN_PROPERTIES}
        relationships = [
            {
                "type": r["type"],
                "direction": "uit" if r["outgoing"] else "in",
                "other": {
                    "id": r["other_id"],
                    "label": r["other_label"],
                    "name": r["other_name"],
                    "href": f"/api/nodes/{r['other_id']}",
                },
                **{k: r[k] for k in ("source", "quote", "how", "instrument") if r.get(k) is not None},
            }
            for r in kg.query("entity.relations", {"id": node_id})
        ]
        return {
            "id": row["id"],
            "label": row["label"],
            "name": row["name"],
            "properties": props,
            "relationships": relationships,
            "sources": _sources(props, relationships),
        }

    @app.get("/api/passages/{passage_id}", summary="Een passage uit het rapport met de knopen die ze noemt")
    def passage(passage_id: Annotated[str, Path(max_length=80, pattern=NODE_ID)]) -> dict[str, Any]:
        found = kg.query("passage.get", {"id": passage_id})
        if not found:
            raise ApiProblem(404, "onbekende-passage", f"Er is geen passage met id '{passage_id}'.")
        row = found[0]
        for key in ("mentions", "sourced"):
            row[key] = [{**item, "href": f"/api/nodes/{item['id']}"} for item in row.get(key) or []]
        for key in ("prev", "next"):
            row[f"{key}_href"] = f"/api/passages/{row[key]}" if row.get(key) else None
        return row

    def export(fmt: str) -> Response:
        body = exports.get(kg, fmt, settings.iri_base)
        if len(body) > settings.max_export_bytes:
            raise ApiProblem(
                503, "export-te-groot", "De export is groter dan deze API verstuurt; gebruik `kennisgraaf export`."
            )
        headers = {"Content-Disposition": f'attachment; filename="{FILE_NAMES[fmt]}"'}
        media = FORMATS[fmt] + ("; charset=utf-8" if fmt in ("ttl",) else "")
        return Response(body, media_type=media, headers=headers)

    for fmt in FORMATS:
        app.add_api_route(
            f"/api/export.{fmt}",
            (lambda f=fmt: export(f)),
            methods=["GET"],
            summary=f"De hele graaf als {fmt}",
            response_class=Response,
            name=f"export_{fmt}",
        )

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET"], allow_credentials=False
        )
    app.add_middleware(RateLimit, rate_per_minute=settings.rate_per_minute, burst=settings.burst)
    return app
