"""Errors that reach people: each carries a clear Dutch message and never a stack trace."""

from __future__ import annotations


class KennisgraafError(Exception):
    """Base class; str(error) is the message to show."""


class StoreUnavailable(KennisgraafError):
    """The graph engine cannot be reached or started."""


class QueryRefused(KennisgraafError):
    """The console refused a statement (a write, schema change or admin procedure)."""


class QueryFailed(KennisgraafError):
    """A query failed: syntax error, timeout or engine error."""


class CatalogueError(KennisgraafError):
    """A catalogue file is malformed or a query id or parameter is unknown."""


class ConsoleBusy(QueryRefused):
    """The console refused to start a query: this session already runs one, or every console slot is taken."""


class QueryTooHeavy(QueryFailed):
    """A console query ran past its time or memory and was ended by force (its engine process was restarted)."""
