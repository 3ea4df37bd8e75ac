"""Accuracy on a held-out question set that the engine was never tuned on.

    python benchmarks/holdout.py [--verbose]

The questions in benchmarks/holdout_questions.yaml were written from the report by someone who saw neither
the engine nor tests/questions/. They are a measurement, not a test: do not tune the engine to them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import embedded_seed
from tests.ask.question_suite import Case, judge

DEFAULT_QUESTIONS = "holdout2_questions.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--questions", default=DEFAULT_QUESTIONS, help="file in benchmarks/")
    args = parser.parse_args()
    with embedded_seed(Path("/tmp/kg-holdout")) as kg:
        items = yaml.safe_load((Path(__file__).parent / args.questions).read_text(encoding="utf-8"))
        correct = 0
        for item in items:
            case = Case(
                "holdout",
                item["q"],
                item["lang"],
                "",
                item["intent"],
                bool(item["answered"]),
                tuple(tuple(g) for g in item.get("must_contain") or []),
            )
            answer = kg.ask(case.q)
            problems = judge(case, answer)
            correct += not problems
            if problems and args.verbose:
                print(f"FAIL [{case.intent}->{answer.intent}] {case.q}\n   {problems}\n   {answer.answer[:200]!r}")
        print(f"{args.questions}: {correct}/{len(items)} correct ({correct / len(items):.1%})")


if __name__ == "__main__":
    main()
