"""The one-way flow of data is checked, not hoped for: import-linter's contracts and no import cycle.

The contracts are in pyproject.toml ([tool.importlinter]); import-linter and
grimp count imports inside functions too, so a cycle hidden behind a late
import is still a cycle.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    proc = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                           "lint_imports_command()", "--no-cache"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_no_module_imports_itself_back_through_others():
    graph = grimp.build_graph("designlint", cache_dir=None)
    imports = nx.DiGraph()
    for module in graph.modules:
        imports.add_node(module)
        for imported in graph.find_modules_directly_imported_by(module):
            # A package importing its own submodules (designlint.cli -> designlint.cli.check) is how
            # a package exposes its parts, not a cycle between parts.
            if not imported.startswith(module + "."):
                imports.add_edge(module, imported)
    cycles = [sorted(c) for c in nx.strongly_connected_components(imports) if len(c) > 1]
    assert cycles == []
