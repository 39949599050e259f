"""Fixtures shared by the GUI tests: the bundled library and a fresh in-memory search index."""

from __future__ import annotations

import pytest

from mainwindow_support import load_library, open_index, settle


@pytest.fixture
def library():
    return load_library()


@pytest.fixture
def index(library):
    idx = open_index(library)
    yield idx
    settle()
    idx.close()
