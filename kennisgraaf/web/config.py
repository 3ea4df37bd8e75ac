"""Settings of the HTTP API, from KENNISGRAAF_API_<NAME>: safe defaults (loopback, rate limit, no CORS)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from kennisgraaf.linked_data import DEFAULT_IRI_BASE


class ApiSettings(BaseSettings):
    """Bounds and switches of `kennisgraaf api`; every field can be set as KENNISGRAAF_API_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="KENNISGRAAF_API_", env_file=".env", extra="ignore")

    rate_per_minute: float = Field(
        default=120, ge=0, description="Requests per minute per client address (token refill); 0 turns it off."
    )
    burst: int = Field(default=30, ge=1, le=100_000, description="Requests a client may make at once.")
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed by CORS (JSON list); empty: no CORS headers at all."
    )
    max_rows: int = Field(default=1000, ge=1, le=100_000, description="Most rows one catalogue query returns.")
    max_question_chars: int = Field(default=500, ge=10, le=10_000, description="Longest question /api/ask takes.")
    max_export_bytes: int = Field(
        default=50_000_000, ge=1000, description="Largest export the API sends; use `kennisgraaf export` beyond."
    )
    max_connections: int = Field(
        default=100, ge=1, le=10_000, description="Concurrent connections uvicorn serves; beyond them it answers 503."
    )
    iri_base: str = Field(default=DEFAULT_IRI_BASE, description="Base of the IRIs in the Turtle/JSON-LD exports.")
