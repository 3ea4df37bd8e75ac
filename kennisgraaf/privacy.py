"""Detect text that looks like personal data; Kennisgraaf holds none."""

from __future__ import annotations

import re

_BSN_CANDIDATE = re.compile(r"(?<![\d.,])(\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}\.\d{3}\.\d{3})(?![\d.,]*\d)")
_EMAIL = re.compile(r"\b([A-Za-z0-9._%+-]+)@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
_ROLE_MAILBOXES = {"info", "contact", "secretariaat", "servicedesk", "helpdesk", "postbus", "loket", "noreply"}
_BIRTH = re.compile(
    r"\b(geboren|geb\.|geboortedatum|date of birth|born|dob)\b[^.\n]{0,25}?"
    r"\b(\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2} [a-z]+ \d{4}|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)


def _passes_elfproef(digits: str) -> bool:
    """The BSN check: weights 9..2 and -1 on the last digit, sum divisible by 11."""
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total % 11 == 0


def personal_data_reason(text: str) -> str | None:
    """Why `text` looks like personal data, or None when it does not."""
    for match in _BSN_CANDIDATE.finditer(text):
        if _passes_elfproef(re.sub(r"\D", "", match.group(1))):
            return "a BSN-like number"
    for match in _EMAIL.finditer(text):
        if match.group(1).lower() not in _ROLE_MAILBOXES:
            return "an e-mail address of a person"
    if _BIRTH.search(text):
        return "a birth date"
    return None
