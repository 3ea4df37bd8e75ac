"""Kennisgraaf: who does what in the Dutch integrated approach to jihadism, as a graph."""

__version__ = "0.1.0"
