"""The `kennisgraaf` command line: thin commands over the core API."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from kennisgraaf.errors import KennisgraafError
from kennisgraaf.settings import PROJECT_ROOT, get_settings

if TYPE_CHECKING:
    from kennisgraaf.seed import SeedInvalid

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

SeedOption = typer.Option(None, "--seed", help="Directory with the seed YAML files (default: seed/).")
BackendOption = typer.Option(None, "--backend", help="embedded (default) or neo4j; overrides KENNISGRAAF_BACKEND.")


def _kennisgraaf(backend: str | None) -> Any:
    from kennisgraaf.api import Kennisgraaf
    from kennisgraaf.stores.factory import open_store

    settings = get_settings()
    return Kennisgraaf(open_store(settings, backend), settings)


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _print_seed_errors(exc: SeedInvalid) -> None:
    for error in exc.errors:
        typer.echo(str(error))
    typer.echo(f"{len(exc.errors)} fout(en) in de seed; er is niets geladen.", err=True)


@app.callback()
def _root() -> None:
    """Kennisgraaf: wie doet wat in de integrale aanpak van jihadisme."""


@app.command()
def validate(seed: Path | None = SeedOption) -> None:
    """Validate the seed; print every error as file:line: field: message (exit 1 on any)."""
    from kennisgraaf.lexical import read_knowledge
    from kennisgraaf.seed import SeedInvalid

    seed = seed or get_settings().seed_dir
    try:
        knowledge = read_knowledge(seed)
    except SeedInvalid as exc:
        _print_seed_errors(exc)
        raise typer.Exit(1) from None
    counts = knowledge.counts()
    lexical = {"Section", "Passage", "NEXT", "MENTIONED_IN", "SOURCED_FROM"}
    nodes = sum(v for k, v in counts.items() if not k.isupper() and k not in lexical)
    rels = sum(v for k, v in counts.items() if k.isupper() and k not in lexical)
    if knowledge.lexical is not None:
        rels -= sum(1 for r in knowledge.lexical.relation_rows if r.type == "PART_OF")
    typer.echo(
        f"seed OK: {nodes} knopen, {rels} relaties in {seed}; rapport: {counts.get('Section', 0)} secties, "
        f"{counts.get('Passage', 0)} passages, {counts.get('MENTIONED_IN', 0)} vermeldingen (MENTIONED_IN), "
        f"{counts.get('SOURCED_FROM', 0)} bronpassages (SOURCED_FROM); elk citaat staat in een passage"
    )


@app.command()
def load(
    seed: Path | None = SeedOption,
    backend: str | None = BackendOption,
    reset: bool = typer.Option(False, "--reset", help="Delete the current graph first (a load replaces it anyway)."),
) -> None:
    """Validate the seed, then replace the graph with it in one step (nothing is written when validation fails)."""
    from kennisgraaf.seed import SeedInvalid

    kg = _kennisgraaf(backend)
    try:
        if reset:
            kg.store.drop()
        report = kg.load(seed)
    except SeedInvalid as exc:
        _print_seed_errors(exc)
        raise typer.Exit(1) from None
    finally:
        kg.close()
    typer.echo(f"Geladen in {kg.engine}: {report.nodes} knopen, {report.relationships} relaties uit {report.seed_dir}")
    for key, value in report.counts.items():
        typer.echo(f"  {key:<22} {value}")


@app.command()
def queries() -> None:
    """List the query catalogue."""
    from kennisgraaf.catalogue import catalogue

    for query in sorted(catalogue().values(), key=lambda q: q.id):
        params = ", ".join(f"{p}={query.defaults[p]!r}" if p in query.defaults else p for p in query.params)
        engines = f"  [override: {', '.join(sorted(query.overrides))}]" if query.overrides else ""
        typer.echo(f"{query.id:<32} {query.title} ({params or 'geen parameters'}){engines}")


@app.command()
def query(
    query_id: str = typer.Argument(..., help="Catalogue id, e.g. measure.detail"),
    param: list[str] = typer.Option([], "-p", "--param", help='key=value (JSON values allowed: 2, ["a"])'),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    backend: str | None = BackendOption,
) -> None:
    """Run one catalogue query with parameters."""
    from kennisgraaf.catalogue import parse_value

    params: dict[str, Any] = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise KennisgraafError(f"Parameter '{item}' moet de vorm key=value hebben.")
        params[key.strip()] = parse_value(value)
    kg = _kennisgraaf(backend)
    try:
        kg.ensure_loaded()
        rows = kg.query(query_id, params)
    finally:
        kg.close()
    if as_json:
        _echo_json(rows)
        return
    for row in rows:
        typer.echo(json.dumps(row, ensure_ascii=False, default=str))
    typer.echo(f"({len(rows)} rij(en))", err=True)


@app.command()
def export(
    fmt: str = typer.Option("json", "--format", help="json, graphml, csv, ttl (Turtle) or jsonld (JSON-LD)."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="File to write (csv: a directory, or a .zip file). Default: stdout; csv needs it."
    ),
    backend: str | None = BackendOption,
) -> None:
    """Export the loaded graph: JSON, GraphML, CSV (one file per node kind + relationships), Turtle or JSON-LD."""
    from kennisgraaf.export_formats import check_format, render_export, write_export
    from kennisgraaf.web.config import ApiSettings

    check_format(fmt)
    if fmt == "csv" and output is None:
        raise KennisgraafError("CSV bestaat uit meerdere bestanden: geef --output MAP of --output bestand.zip.")
    kg = _kennisgraaf(backend)
    try:
        kg.ensure_loaded()
        document = kg.export()
    finally:
        kg.close()
    iri_base = ApiSettings().iri_base
    if output is None:
        sys.stdout.buffer.write(render_export(document, fmt, iri_base))
        sys.stdout.flush()
        return
    for path in write_export(document, fmt, output, iri_base):
        typer.echo(f"geschreven: {path}", err=True)


@app.command()
def schema() -> None:
    """Print every model field with its description, and every relationship type (the curators' guide)."""
    from kennisgraaf.models import NODE_MODELS, Relation, Step
    from kennisgraaf.schema import RELATIONSHIPS

    for model in (*NODE_MODELS, Step, Relation):
        typer.echo(f"\n{getattr(model, 'label', model.__name__)} — {(model.__doc__ or '').strip()}")
        for name, field in model.model_fields.items():
            required = "verplicht" if field.is_required() else "optioneel"
            typer.echo(f"  {field.alias or name:<14} {required:<9} {field.description or ''}")
    typer.echo("\nRelatietypen")
    for rel in RELATIONSHIPS.values():
        typer.echo(
            f"  {rel.name:<22} {'|'.join(sorted(rel.starts))} -> {'|'.join(sorted(rel.ends))}: {rel.description}"
        )


@app.command()
def ask(
    question: str | None = typer.Argument(None, help="De vraag, in het Nederlands of Engels."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    jsonl: bool = typer.Option(
        False, "--jsonl", help="Read one question per line on stdin; print one JSON object per line."
    ),
    backend: str | None = BackendOption,
) -> None:
    """Ask a question; with --jsonl answer a batch from stdin in one process."""
    kg = _kennisgraaf(backend)
    try:
        kg.ensure_loaded()
        if jsonl:
            for line in sys.stdin:
                answer = kg.ask(line.rstrip("\n"))
                sys.stdout.write(answer.model_dump_json() + "\n")
                sys.stdout.flush()
            return
        if question is None:
            raise KennisgraafError("Geef een vraag, of gebruik --jsonl met vragen op stdin.")
        answer = kg.ask(question)
    finally:
        kg.close()
    if as_json:
        typer.echo(answer.model_dump_json(indent=2))
        return
    from kennisgraaf.ask.render import render_answer

    typer.echo(render_answer(answer))


@app.command()
def serve(
    port: int = typer.Option(8501, "--port", help="Port on which the app listens."),
    address: str = typer.Option("127.0.0.1", "--address", help="Address to bind; 0.0.0.0 only inside a container."),
    headless: bool = typer.Option(True, "--headless/--no-headless", help="Do not open a browser."),
) -> None:
    """Start the Streamlit app (the seed is loaded on first use when the graph is empty)."""
    from kennisgraaf.views.serve import serve as run_app

    typer.echo(f"Kennisgraaf op http://{address}:{port} (Ctrl-C stopt)")
    raise typer.Exit(run_app(port=port, headless=headless, address=address))


@app.command()
def api(
    port: int = typer.Option(8502, "--port", help="Port on which the API listens."),
    address: str = typer.Option("127.0.0.1", "--address", help="Address to bind; 0.0.0.0 only inside a container."),
    backend: str | None = BackendOption,
) -> None:
    """Start the read-only HTTP API (docs at /api/docs); the seed is loaded first when the graph is empty."""
    from kennisgraaf.web.server import serve as run_api

    kg = _kennisgraaf(backend)
    try:
        kg.ensure_loaded()
        typer.echo(f"Kennisgraaf API op http://{address}:{port}/api (documentatie: /api/docs; Ctrl-C stopt)")
        run_api(kg, host=address, port=port)
    finally:
        kg.close()


@app.command()
def stop() -> None:
    """Stop the embedded FalkorDB server and the console's copy beside it (also on Neo4j); both are started again on
    first use."""
    from kennisgraaf.stores.embedded_server import EmbeddedServer

    EmbeddedServer(get_settings().data_dir).stop()
    typer.echo("Ingebouwde grafenserver (en de kopie voor de console) gestopt.")


def main() -> None:
    """Entry point: known errors become one clear line; nothing prints a traceback unless KENNISGRAAF_DEBUG=1."""
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except KennisgraafError as exc:
        typer.echo(f"Fout: {exc}", err=True)
        sys.exit(1)
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", getattr(exc, "code", 0))
        sys.exit(code or 0)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("KENNISGRAAF_DEBUG"):
            raise
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        typer.echo(f"Interne fout ({type(exc).__name__}): {exc}. Zet KENNISGRAAF_DEBUG=1 voor details.", err=True)
        sys.exit(2)


__all__ = ["PROJECT_ROOT", "app", "main"]
