"""What the Over page shows about the data: version and the date of the newest seed file."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import kennisgraaf


def _git(seed_dir: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=seed_dir, capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def seed_date(seed_dir: Path) -> tuple[str, str]:
    """The newest date of the seed files and where it comes from: the last git commit, or the files' mtime
    when the seed is not in git or has uncommitted changes."""
    seed_dir = Path(seed_dir)
    committed = _git(seed_dir, "log", "-1", "--format=%cI", "--", ".")
    dirty = _git(seed_dir, "status", "--porcelain", "--", ".")
    if committed and dirty == "":
        return committed[:10], "git"
    mtimes = [p.stat().st_mtime for p in seed_dir.glob("*.yaml")]
    if not mtimes:
        return (committed[:10], "git") if committed else ("onbekend", "bestand")
    return datetime.fromtimestamp(max(mtimes), tz=UTC).date().isoformat(), "bestand"


def data_version(seed_dir: Path) -> dict[str, str]:
    """Package version and seed date for the Over page."""
    date, origin = seed_date(seed_dir)
    return {"versie": kennisgraaf.__version__, "seed_datum": date, "seed_bron": origin, "seed_map": str(seed_dir)}
