"""Errors as RFC 9457 problem details (application/problem+json), in Dutch, never with a traceback."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kennisgraaf.errors import CatalogueError, KennisgraafError, QueryFailed, StoreUnavailable

MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("kennisgraaf.web")

TITLES = {
    400: "Ongeldig verzoek",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    422: "Ongeldige parameter",
    429: "Te veel verzoeken",
    500: "Interne fout",
    503: "Niet beschikbaar",
    504: "Te lang bezig",
}
_STARLETTE_DETAIL = {
    404: "Dit adres bestaat niet. /api/docs toont wat de API kan.",
    405: "Deze API kan alleen lezen: gebruik GET.",
}


class ApiProblem(Exception):
    """An error to answer with a problem document: status, a short type slug and a Dutch detail."""

    def __init__(self, status: int, kind: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.kind, self.detail, self.extra = status, kind, detail, extra


def problem_response(
    request: Request, status: int, kind: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {
        "type": f"urn:kennisgraaf:probleem:{kind}",
        "title": TITLES.get(status, "Fout"),
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path")]
    return ".".join(parts) or "verzoek"


_MESSAGES = {
    "missing": "ontbreekt",
    "string_too_long": "is te lang (hoogstens {max_length} tekens)",
    "string_too_short": "is te kort (minstens {min_length} tekens)",
    "string_pattern_mismatch": "heeft niet de juiste vorm ({pattern})",
    "int_parsing": "moet een geheel getal zijn",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than_equal": "mag hoogstens {le} zijn",
    "too_long": "heeft te veel waarden (hoogstens {max_length})",
}


def dutch_validation_message(error: dict[str, Any]) -> str:
    """One pydantic/FastAPI validation error as 'parameter: wat er mis is', in Dutch."""
    template = _MESSAGES.get(error.get("type", ""), "is ongeldig")
    try:
        message = template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        message = "is ongeldig"
    return f"{_field(error.get('loc', ()))}: {message}"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem document."""

    @app.exception_handler(ApiProblem)
    async def _api_problem(request: Request, exc: ApiProblem) -> JSONResponse:
        headers = {k: str(v) for k, v in exc.extra.pop("headers", {}).items()}
        return problem_response(request, exc.status, exc.kind, exc.detail, headers=headers or None, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        messages = [dutch_validation_message(dict(e)) for e in exc.errors()]
        return problem_response(request, 422, "ongeldige-parameter", "; ".join(messages), errors=messages)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = _STARLETTE_DETAIL.get(exc.status_code, str(exc.detail))
        kind = {404: "niet-gevonden", 405: "alleen-lezen"}.get(exc.status_code, "http")
        return problem_response(request, exc.status_code, kind, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(CatalogueError)
    async def _catalogue(request: Request, exc: CatalogueError) -> JSONResponse:
        return problem_response(request, 422, "ongeldige-parameter", str(exc))

    @app.exception_handler(StoreUnavailable)
    async def _store(request: Request, exc: StoreUnavailable) -> JSONResponse:
        return problem_response(request, 503, "graaf-onbereikbaar", str(exc), headers={"Retry-After": "10"})

    @app.exception_handler(QueryFailed)
    async def _query(request: Request, exc: QueryFailed) -> JSONResponse:
        log.warning("query failed on %s: %s", request.url.path, exc)
        return problem_response(request, 504, "query-mislukt", "De zoekopdracht liep mis of duurde te lang.")

    @app.exception_handler(KennisgraafError)
    async def _known(request: Request, exc: KennisgraafError) -> JSONResponse:
        return problem_response(request, 400, "ongeldig-verzoek", str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("internal error on %s: %s: %s", request.url.path, type(exc).__name__, exc)
        return problem_response(
            request, 500, "interne-fout", f"Er ging intern iets mis ({type(exc).__name__}); het is gelogd."
        )
