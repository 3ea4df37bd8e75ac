"""Read a YAML file into plain Python data while remembering the line of every value."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

MAX_FILE_BYTES = 5_000_000

Path_ = tuple[str | int, ...]


class YamlFileError(Exception):
    """A file that cannot be read as YAML at all; carries the line."""

    def __init__(self, line: int, message: str, path: Path_ = ()) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.path = path


@dataclass
class LocatedData:
    """Plain data plus a map from a path inside it to its (1-based) line."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return 1


def _plain(node: Any, path: Path_, lines: dict[Path_, int]) -> Any:
    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for key, value in node.items():
            child = (*path, str(key))
            try:
                lines[child] = node.lc.key(key)[0] + 1
            except (KeyError, TypeError, AttributeError):
                lines[child] = lines.get(path, 1)
            out[str(key)] = _plain(value, child, lines)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            child = (*path, index)
            try:
                lines[child] = node.lc.item(index)[0] + 1
            except (KeyError, TypeError, AttributeError, IndexError):
                lines[child] = lines.get(path, 1)
            items.append(_plain(value, child, lines))
        return items
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime):
        return node.date() if node.time() == dt.time() else node
    if isinstance(node, dt.date):
        return node
    return str(node)


def read_yaml(path: Path) -> LocatedData:
    """Parse `path`; raise YamlFileError (with a line) for duplicate keys, syntax errors or bad encoding."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlFileError(1, f"cannot read file: {exc.strerror or exc}") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise YamlFileError(1, f"file is larger than {MAX_FILE_BYTES} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlFileError(line, "not valid UTF-8") from exc
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        doc = yaml.load(text)
    except DuplicateKeyError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else 1
        match = re.search(r'duplicate key "(.*?)"', str(exc.problem))
        key = match.group(1) if match else None
        raise YamlFileError(line, f"duplicate key '{key}'", _duplicate_key_path(text, line, key)) from exc
    except MarkedYAMLError as exc:
        scanning = bool(exc.context and "while scanning" in exc.context and exc.context_mark)
        mark = exc.context_mark if scanning else (exc.problem_mark or exc.context_mark)
        line = mark.line + 1 if mark is not None else 1
        problem = (exc.problem or exc.context or "invalid YAML").strip().splitlines()[0]
        raise YamlFileError(line, f"YAML: {problem}") from exc
    except (YAMLError, RecursionError, ValueError, TypeError) as exc:
        raise YamlFileError(
            1, f"YAML: {str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}"
        ) from exc
    lines: dict[Path_, int] = {(): 1}
    return LocatedData(_plain(doc, (), lines), lines)


def _duplicate_key_path(text: str, line: int, key: str | None) -> Path_:
    """The path of the key on `line`, found by reading the text again with duplicates allowed."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = True
    try:
        lines: dict[Path_, int] = {(): 1}
        _plain(yaml.load(text), (), lines)
    except (YAMLError, RecursionError, ValueError, TypeError):
        return ()
    candidates = [(n, p) for p, n in lines.items() if p and p[-1] == key and n <= line]
    return max(candidates)[1] if candidates else ()
