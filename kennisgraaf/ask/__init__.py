"""Vraagbaak: deterministic, explainable, cited answers to people's questions."""

from kennisgraaf.ask.answer import Answer
from kennisgraaf.ask.engine import AskEngine

__all__ = ["Answer", "AskEngine"]
