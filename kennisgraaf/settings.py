"""Settings from the environment (and an optional .env file), with safe defaults for the embedded engine."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Kennisgraaf's configuration; every field can be set as KENNISGRAAF_<NAME> (Neo4j: NEO4J_<NAME>)."""

    model_config = SettingsConfigDict(env_prefix="KENNISGRAAF_", env_file=".env", extra="ignore")

    backend: Literal["embedded", "neo4j"] = Field(default="embedded", description="Which graph engine to use.")
    data_dir: Path = Field(
        default=Path.home() / ".local" / "share" / "kennisgraaf",
        description="Where the embedded engine keeps its files (socket, AOF, logs).",
    )
    seed_dir: Path = Field(default=PROJECT_ROOT / "seed", description="Directory with the seed YAML files.")
    graph_name: str = Field(default="kennisgraaf", description="Name of the graph in the embedded engine.")
    query_timeout_ms: int = Field(default=5000, ge=100, le=60000, description="Timeout of catalogue queries.")
    console_timeout_ms: int = Field(default=3000, ge=100, le=60000, description="Timeout of console queries.")
    console_row_limit: int = Field(default=500, ge=1, le=10000, description="Maximum rows the console returns.")
    console_max_running: int = Field(
        default=2, ge=1, le=32, description="Console queries that may run at once over all sessions (one per session)."
    )
    console_kill_margin_ms: int = Field(
        default=500,
        ge=100,
        le=10000,
        description="The console's server is killed when a query runs this long past its timeout.",
    )
    console_memory_mb: int = Field(
        default=256,
        ge=64,
        le=65536,
        description="maxmemory of the console's server, and the resident size at which it is killed.",
    )
    console_query_memory_mb: int = Field(
        default=64, ge=8, le=65536, description="Memory one console query may allocate (the console's FalkorDB copy)."
    )
    console_on_neo4j: bool = Field(
        default=False,
        description=(
            "Neo4j only, an operator's opt-in: run console queries on the production Neo4j itself (READ, timeout, "
            "db.memory.transaction.max) instead of on the sacrificial FalkorDB copy. NOT protected against runaway "
            "expressions: one reduce or list comprehension over a huge range can fill Neo4j's heap."
        ),
    )


class Neo4jSettings(BaseSettings):
    """Connection to Neo4j, from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE."""

    model_config = SettingsConfigDict(env_prefix="NEO4J_", env_file=".env", extra="ignore")

    uri: str = Field(default="bolt://127.0.0.1:7687", description="Bolt URI of the Neo4j server.")
    user: str = Field(default="neo4j", description="Neo4j user name.")
    password: SecretStr = Field(default=SecretStr(""), description="Neo4j password (never logged).")
    database: str = Field(default="neo4j", description="Neo4j database name.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
