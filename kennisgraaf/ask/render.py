"""An answer as readable text for the terminal."""

from __future__ import annotations

from kennisgraaf.ask.answer import Answer

_HEAD = {
    "nl": {"sources": "Bronnen", "how": "Zo gevonden", "suggestions": "U kunt ook vragen", "external": "extern"},
    "en": {"sources": "Sources", "how": "How it was found", "suggestions": "You can also ask", "external": "external"},
}


def render_answer(answer: Answer) -> str:
    words = _HEAD.get(answer.language, _HEAD["nl"])
    lines = [answer.answer, ""]
    if answer.sources:
        lines.append(f"{words['sources']}:")
        for source in answer.sources:
            mark = f" [{words['external']}: {source.url}]" if source.external else ""
            quote = f' — "{source.quote}"' if source.quote else ""
            lines.append(f"  - {source.section}{quote}{mark}")
    if answer.query:
        params = ", ".join(f"{k}={v!r}" for k, v in answer.params.items())
        lines.append(f"{words['how']}: intent={answer.intent}; query={answer.query}({params})")
    more = [s for s in answer.suggestions if f"- {s}" not in answer.answer]  # an abstention already lists them
    if more and not answer.answered:
        lines.append(f"{words['suggestions']}:")
        lines.extend(f"  - {s}" for s in more)
    return "\n".join(lines).rstrip()
