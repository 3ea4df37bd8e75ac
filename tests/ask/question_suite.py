"""Load the question set of tests/questions/ and judge answers against it."""

from __future__ import annotations

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
        if not any(
            f" {fold(alt)} " in text or (fold(alt) in text.replace(" ", "") and len(fold(alt)) > 3) for alt in group
        ):
            problems.append(f"missing one of {list(group)}")
    return problems


def summary(results: list[tuple[Case, Answer, list[str]]]) -> dict[str, Any]:
    correct = sum(1 for _, _, problems in results if not problems)
    return {"total": len(results), "correct": correct, "share": correct / len(results) if results else 0.0}
