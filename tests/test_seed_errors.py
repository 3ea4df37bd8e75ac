"""Each kind of seed error is reported as file:line: field: message, all at once, and nothing is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from kennisgraaf.seed import SeedInvalid, read_seed

FIXTURES = Path(__file__).parent / "seed_fixtures"
KINDS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def test_there_is_a_fixture_per_error_kind() -> None:
    assert {
        "duplicate_key",
        "unknown_field",
        "missing_field",
        "missing_source",
        "duplicate_id",
        "unknown_reference",
        "wrong_kind",
        "relation_missing_source",
        "wrong_type",
        "unknown_relationship_type",
        "personal_data",
        "external_unmarked",
        "yaml_syntax",
        "unknown_collection",
        "step_unknown_actor",
        "control_character",
    } <= set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_error_message_names_file_line_and_field(kind: str) -> None:
    expected = (FIXTURES / kind / "expected.txt").read_text(encoding="utf-8").strip().splitlines()
    with pytest.raises(SeedInvalid) as caught:
        read_seed(FIXTURES / kind)
    assert [str(e) for e in caught.value.errors] == expected
    assert expected[0].startswith(f"{kind}/seed.yaml:")


def test_all_errors_across_files_are_collected(tmp_path: Path) -> None:
    for kind in ("unknown_field", "missing_source", "wrong_type"):
        (tmp_path / f"{kind}.yaml").write_text(
            (FIXTURES / kind / "seed.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    with pytest.raises(SeedInvalid) as caught:
        read_seed(tmp_path)
    files = {e.file for e in caught.value.errors}
    assert len(files) == 3


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SeedInvalid) as caught:
        read_seed(tmp_path / "nowhere")
    assert "does not exist" in str(caught.value)
