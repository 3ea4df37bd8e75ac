"""Load the question set of tests/questions/ and judge answers against it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kennisgraaf.ask.answer import Answer
from kennisgraaf.ask.text import fold

QUESTIONS_DIR = Path(__file__).resolve().parent.parent / "questions"


@dataclass(frozen=True)
class Case:
    """One test question with what a correct answer must contain."""

    file: str
    q: str
    lang: str
    user: str
    intent: str
    answered: bool
    must_contain: tuple[tuple[str, ...], ...]

    @property
    def id(self) -> str:
        return f"{self.file}:{self.q[:60]}"


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(QUESTIONS_DIR.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(
                Case(
                    path.name,
                    item["q"],
                    item["lang"],
                    item["user"],
                    item["intent"],
                    bool(item["answered"]),
                    tuple(tuple(group) for group in item.get("must_contain") or []),
                )
            )
    return cases


def judge(case: Case, answer: Answer) -> list[str]:
    """Why the answer is wrong (empty when it is right)."""
    problems = []
    if answer.answered != case.answered:
        problems.append(f"answered={answer.answered}, expected {case.answered}")
    text = f" {fold(answer.answer)} "
    for group in case.must_contain:
        if not any(_contains(answer.answer, text, alt) for alt in group):
            problems.append(f"missing one of {list(group)}")
    return problems


def _contains(raw: str, folded: str, alt: str) -> bool:
    """Whether the answer says `alt`: as folded words, or (longer than 3 characters) inside a word. A short
    abbreviation in capitals ("OM", "BZ", "IND") must stand in capitals as a word of its own: folded, "OM" would
    match the Dutch word "om" in any answer."""
    if alt.isupper() and len(alt) <= 4:
        return re.search(rf"(?<!\w){re.escape(alt)}(?!\w)", raw) is not None
    return f" {fold(alt)} " in folded or (fold(alt) in folded.replace(" ", "") and len(fold(alt)) > 3)


def summary(results: list[tuple[Case, Answer, list[str]]]) -> dict[str, Any]:
    correct = sum(1 for _, _, problems in results if not problems)
    return {"total": len(results), "correct": correct, "share": correct / len(results) if results else 0.0}
