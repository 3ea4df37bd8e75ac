"""How often the Vraagbaak is right, and how often it answers wrongly, on every question set.

    python benchmarks/accuracy.py [--verbose SET] [--only SET] [--development]

Per set it counts three outcomes: **right** (answered as expected and containing what a correct answer needs),
**wrong** (answered, but missing what a correct answer needs — or answered where the report has no answer) and
**abstained** (said "ik weet het niet" where the report does have an answer). Results go to
benchmarks/results/accuracy.json.

The sets and what they are worth as a measurement:
- tests/questions/*.yaml: the engine was built on these (development set; the test suite enforces >= 95%).
- benchmarks/holdout_questions.yaml, holdout2_questions.yaml: once held out, since looked at (development sets).
- benchmarks/train4_questions.yaml … train21_questions.yaml: written from the report alone to train the ranker on
  (development sets; train6–13 written in the fourth session, train14–19 in the fifth, train20–21 in the seventh
  (train20 mostly situational, train21 mostly detail), each measured once before the ranker was trained on it).
- benchmarks/holdout3_questions.yaml: written from the report alone, never-seen during the second session; its
  per-kind totals were read at that session's end, so it is a development set since.
- benchmarks/holdout4_questions.yaml: written from the report alone by someone who never saw the engine or any
  other question set (third session); never seen until that session's engine work was done, measured once then
  (78.8% right, 6.5% wrong), its individual results read afterwards: a development set since.
- benchmarks/holdout5_questions.yaml: written from the report alone by someone who never saw the engine or any
  other set (fourth session), committed before the engine changed; measured (totals only) at the start, after the
  first round of work and at the end (73.6% right, 2.5% wrong): a development set since.
- benchmarks/holdout6_questions.yaml: written from the report alone by someone who never saw the engine or any
  other set, at the end of the fourth session, and measured once (totals only) on the engine as it was then (77.5%
  right, 3.8% wrong): a clean never-seen figure for that engine, a development set since.
- benchmarks/holdout7_questions.yaml: written from the report alone by someone who never saw the engine or any
  other set (fifth session), committed before the engine changed; measured (totals only) at the start (67.8% right,
  3.9% wrong) and at the end (73.9% right, 4.4% wrong), per kind read afterwards: a development set since.
- benchmarks/holdout8_questions.yaml: written from the report alone by someone who never saw the engine or any
  other set, at the end of the fifth session, and measured once (totals only) on the engine as it was then (75.0%
  right, 2.2% wrong): a clean never-seen figure for that engine, a development set since.
- benchmarks/holdout9_questions.yaml: written from the report alone by someone who never saw the engine or any
  other set (end of the fifth session), committed before the engine changed again; measured (totals only) on the
  fifth session's final engine (72.2% right, 5.0% wrong) and at the end of the sixth session's work (68.9% right,
  3.3% wrong), per kind read afterwards: a development set since (not yet trained on).
- benchmarks/holdout10_questions.yaml: written from the report alone by someone who never saw the engine or any
  other set (sixth session), committed before that session's engine changes; measured once at the end, totals only
  (75.0% right, 3.9% wrong; on the fifth session's final engine 75.0% right, 7.2% wrong). Never-seen: its per-kind
  and per-question results have not been read.
- benchmarks/holdout11_questions.yaml: written from the report alone by someone who never saw the engine or any
  other set (start of the seventh session), committed before that session's engine changes. Never-seen.
  Seventh session, totals only, holdout10 and holdout11 alike: measured on the sixth session's engine (with the
  stricter judge), then once on a retrained ranker (worse on both: not kept), then on the final engine to confirm
  that it answers as the sixth session's did. Both took part in that one choice between two rankers, nothing more;
  their per-kind and per-question results have not been read.
- benchmarks/holdout12_questions.yaml: written from the report alone by someone who never saw the engine or any
  other set (end of the seventh session, after its last engine change); measured once on the final engine, totals
  only. Never-seen.
- benchmarks/holdout13_questions.yaml: written from the report alone by someone who never saw the engine or any
  other set (start of the eighth session), committed before that session's engine changes; measured at the start
  and on the final engine, totals only (133 right, 5 wrong both times). Never-seen.
- benchmarks/holdout14_questions.yaml: written from the report alone by someone who never saw the engine or any
  other set (start of the ninth session), committed before that session's engine changes. Never-seen.
The never-seen sets (NEVER_SEEN) are never trained on, and their individual results are not read while the engine is
being changed: --verbose refuses them unless --i-am-done is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import embedded_seed
from tests.ask.question_suite import QUESTIONS_DIR, Case, judge

HERE = Path(__file__).resolve().parent
# Never trained on, never read question by question.
NEVER_SEEN = ("holdout10", "holdout11", "holdout12", "holdout13", "holdout14")
SETS = {
    "tests/questions": sorted(QUESTIONS_DIR.glob("*.yaml")),
    "holdout": [HERE / "holdout_questions.yaml"],
    "holdout2": [HERE / "holdout2_questions.yaml"],
    "train4": [HERE / "train4_questions.yaml"],
    "train5": [HERE / "train5_questions.yaml"],
    "train6": [HERE / "train6_questions.yaml"],
    "train7": [HERE / "train7_questions.yaml"],
    "train8": [HERE / "train8_questions.yaml"],
    "train9": [HERE / "train9_questions.yaml"],
    "train10": [HERE / "train10_questions.yaml"],
    "train11": [HERE / "train11_questions.yaml"],
    "train12": [HERE / "train12_questions.yaml"],
    "train13": [HERE / "train13_questions.yaml"],
    "train14": [HERE / "train14_questions.yaml"],
    "train15": [HERE / "train15_questions.yaml"],
    "train16": [HERE / "train16_questions.yaml"],
    "train17": [HERE / "train17_questions.yaml"],
    "train18": [HERE / "train18_questions.yaml"],
    "train19": [HERE / "train19_questions.yaml"],
    "train20": [HERE / "train20_questions.yaml"],
    "train21": [HERE / "train21_questions.yaml"],
    "holdout3": [HERE / "holdout3_questions.yaml"],
    "holdout4": [HERE / "holdout4_questions.yaml"],
    "holdout5": [HERE / "holdout5_questions.yaml"],
    "holdout6": [HERE / "holdout6_questions.yaml"],
    "holdout7": [HERE / "holdout7_questions.yaml"],
    "holdout8": [HERE / "holdout8_questions.yaml"],
    "holdout9": [HERE / "holdout9_questions.yaml"],
    "holdout10": [HERE / "holdout10_questions.yaml"],
    "holdout11": [HERE / "holdout11_questions.yaml"],
    "holdout12": [HERE / "holdout12_questions.yaml"],
    "holdout13": [HERE / "holdout13_questions.yaml"],
    "holdout14": [HERE / "holdout14_questions.yaml"],
}


def load(paths: list[Path]) -> list[Case]:
    cases = []
    for path in paths:
        if not path.exists():
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            groups = tuple(tuple(g) for g in item.get("must_contain") or [])
            cases.append(
                Case(path.name, item["q"], item["lang"], item.get("user", ""), item.get("intent", item.get("kind", "")),
                     bool(item["answered"]), groups)
            )
    return cases


def outcome(case: Case, answered: bool, problems: list[str]) -> str:
    if not problems:
        return "right"
    return "wrong" if answered else "abstained"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", default="", help="print the failures of this set")
    parser.add_argument("--only", default="", help="score only this set")
    parser.add_argument("--development", action="store_true", help="score the development sets only")
    parser.add_argument("--i-am-done", action="store_true", help="allow --verbose on the never-seen set")
    args = parser.parse_args()
    if args.verbose in NEVER_SEEN and not args.i_am_done:
        parser.error("the never-seen set's individual results are read only when the work is done (--i-am-done)")
    results: dict[str, dict[str, object]] = {}
    with embedded_seed(Path("/tmp/kg-accuracy")) as kg:
        for name, paths in SETS.items():
            if (args.only and name != args.only) or (args.development and name in NEVER_SEEN):
                continue
            cases = load(paths)
            if not cases:
                continue
            tally: Counter[str] = Counter()
            for case in cases:
                answer = kg.ask(case.q)
                problems = judge(case, answer)
                kind = outcome(case, answer.answered, problems)
                tally[kind] += 1
                if name == args.verbose and kind != "right":
                    print(f"{kind.upper()} [{case.intent} -> {answer.intent}] {case.q}\n   {problems}\n"
                          f"   {answer.answer[:300]!r}")
            n = len(cases)
            results[name] = {"questions": n, **{k: tally[k] for k in ("right", "wrong", "abstained")}}
            print(f"{name:16} {n:4} questions  right {tally['right']:4} ({tally['right'] / n:6.1%})  "
                  f"wrong {tally['wrong']:3} ({tally['wrong'] / n:6.1%})  abstained {tally['abstained']:3}")
    out = HERE / "results" / "accuracy.json"
    if not args.only and not args.development:
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
