"""The app tests run the real app on the real seed, in an embedded engine with its own short data dir."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st

from kennisgraaf.settings import PROJECT_ROOT, get_settings
from kennisgraaf.stores.embedded_server import EmbeddedServer

APP = PROJECT_ROOT / "app" / "streamlit_app.py"


@pytest.fixture(scope="session")
def app_data_dir() -> Iterator[Path]:
    """KENNISGRAAF_DATA_DIR set to a fresh short dir (unix socket paths stay under ~100 bytes) for the whole session."""
    data_dir = Path(tempfile.mkdtemp(prefix="kga-", dir="/tmp"))
    saved = {k: os.environ.get(k) for k in ("KENNISGRAAF_DATA_DIR", "KENNISGRAAF_BACKEND")}
    os.environ["KENNISGRAAF_DATA_DIR"] = str(data_dir)
    os.environ["KENNISGRAAF_BACKEND"] = "embedded"
    get_settings.cache_clear()
    st.cache_resource.clear()
    yield data_dir
    st.cache_resource.clear()
    EmbeddedServer(data_dir).stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    get_settings.cache_clear()
    shutil.rmtree(data_dir, ignore_errors=True)
