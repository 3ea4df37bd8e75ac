"""Learn the Vraagbaak's ranker from the development question sets and calibrate when it abstains.

    python benchmarks/train_ranker.py            # writes kennisgraaf/ask/ranker.json

For every development question every candidate answer is built (as `ask` builds them) and labelled right when it
contains what a correct answer needs (tests/ask/question_suite.judge). A logistic regression (scikit-learn) learns
one weight per feature. The abstention threshold is chosen on cross-validated probabilities (folds by question,
so no question scores itself): the threshold that maximises right answers minus WRONG_COST times wrong answers.

Development sets only: tests/questions/, holdout_questions.yaml, holdout2_questions.yaml. The never-seen
holdout3_questions.yaml is never used here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.accuracy import NEVER_SEEN, SETS, load
from benchmarks.common import embedded_seed
from kennisgraaf.ask.answer import Answer
from kennisgraaf.ask.engine import AskEngine, _beyond_the_report
from kennisgraaf.ask.handlers import phrases
from kennisgraaf.ask.ranker import WEIGHTS_FILE
from kennisgraaf.ask.text import clean_question, language
from tests.ask.question_suite import Case, judge

WRONG_COST = 4.0  # one wrong answer costs as much as four right ones gain: a public servant acts on it
C = 0.5
CURVE = "--curve" in sys.argv


def collect(engine: AskEngine, cases: list[Case]) -> tuple[list[dict[str, float]], list[int], list[int], list[bool]]:
    """Features, labels and question numbers of every candidate; per question whether rules decided it."""
    features, labels, groups, ruled = [], [], [], []
    for qi, case in enumerate(cases):
        text = clean_question(case.q)
        lang = language(text)
        p = phrases()[lang]
        u = engine.understand(text, lang)
        decided = bool(u.scores.get("privacy")) or _beyond_the_report(text, u.links, engine.index())
        ruled.append(decided)
        if decided:
            continue
        for candidate in engine.candidates(u, p):
            answer = Answer(question=text, answered=True, intent=candidate.kind, answer=candidate.composed.text)
            features.append(candidate.features)
            labels.append(int(case.answered and not judge(case, answer)))
            groups.append(qi)
    return features, labels, groups, ruled


def choose_threshold(probs: np.ndarray, labels: list[int], groups: list[int], cases: list[Case],
                     ruled: list[bool]) -> tuple[float, dict[str, int]]:
    """The threshold with the best right − WRONG_COST × wrong over the questions, from held-out probabilities."""
    best_per_question: dict[int, tuple[float, int]] = {}
    for prob, label, group in zip(probs, labels, groups, strict=True):
        if group not in best_per_question or prob > best_per_question[group][0]:
            best_per_question[group] = (float(prob), label)
    choice, choice_value, choice_tally = 0.0, -1e9, {}
    for threshold in np.arange(0.05, 0.9, 0.01):
        right = wrong = 0
        for qi, case in enumerate(cases):
            if ruled[qi]:
                continue
            prob, label = best_per_question.get(qi, (0.0, 0))
            if prob >= threshold:
                right += label
                wrong += 1 - label
            else:
                right += int(not case.answered)
        value = right - WRONG_COST * wrong
        if CURVE:
            print(f"threshold {threshold:.2f}: right {right} wrong {wrong}")
        if value > choice_value:
            choice, choice_value, choice_tally = float(threshold), value, {"right": right, "wrong": wrong}
    return round(choice, 2), choice_tally


def main() -> None:
    cases = [c for name, paths in SETS.items() if name != NEVER_SEEN for c in load(paths)]
    with embedded_seed(Path("/tmp/kg-train")) as kg:
        engine = AskEngine(kg)
        features, labels, groups, ruled = collect(engine, cases)
    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform(features)
    y = np.array(labels)
    cv_probs = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        model = LogisticRegression(C=C, max_iter=2000).fit(x[train], y[train])
        cv_probs[test] = model.predict_proba(x[test])[:, 1]
    threshold, tally = choose_threshold(cv_probs, labels, groups, cases, ruled)
    model = LogisticRegression(C=C, max_iter=2000).fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)}
    document = {
        "about": "Learned by benchmarks/train_ranker.py from the development question sets; do not edit by hand.",
        "questions": len(cases),
        "candidates": len(labels),
        "positives": int(y.sum()),
        "cross_validated": {"threshold": threshold, **tally},
        "threshold": threshold,
        "intercept": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    WEIGHTS_FILE.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(cases)} questions, {len(labels)} candidates ({int(y.sum())} right); threshold {threshold}; "
          f"cross-validated on the development sets: {tally}")


if __name__ == "__main__":
    main()
