"""Fixtures for the language server tests."""

import pytest

from .lsp_session import Session


@pytest.fixture(scope="module")
def session():
    """One server over stdio for a test module; tests use documents of their own."""
    server = Session()
    yield server
    server.kill()
