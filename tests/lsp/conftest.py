"""Fixtures for the language server tests: a server over stdio per test module."""

import pytest
from lsp_session import Session


@pytest.fixture(scope="module")
def session():
    """One server for a test module; tests use documents of their own."""
    server = Session()
    yield server
    server.kill()
