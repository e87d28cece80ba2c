"""`check` on a valid design imports no heavy library it does not need (the full lists: test_startup.py)."""

import json

import pytest
from conftest import EXAMPLES, ROOT

HEAVY = ["networkx", "jsonschema", "multiprocessing", "concurrent.futures"]


def _names(stderr):
    return {line.split("|")[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


@pytest.fixture
def imported(run_process):
    def imported(*args):
        """What `designlint ARGS` imports beyond what running a stdlib module (`-m site`) does, site hooks included."""
        _, _, bare = run_process(module="site", flags=("-X", "importtime"), cwd=ROOT)
        code, _, err = run_process(*args, flags=("-X", "importtime"), cwd=ROOT)
        return code, _names(err) - _names(bare)

    return imported


@pytest.mark.parametrize("example", EXAMPLES[:2], ids=lambda p: p.stem)
def test_check_of_a_valid_design_stays_lean(example, imported):
    code, names = imported("check", example)
    golden = json.loads((ROOT / "tests" / "golden" / f"{example.stem}.json").read_text(encoding="utf-8"))
    assert code == golden["summary"]["exit_code"]
    assert "designlint.findings.engine" in names and "yaml" in names
    assert [name for name in HEAVY if name in names] == []


def test_an_invalid_design_brings_in_jsonschema_for_its_messages(write, imported):
    path = write("designlint: 1\nsystem: s\ncomponents:\n  a: {kind: robot}\n")
    code, names = imported("check", path)
    assert code == 2 and "jsonschema" in names


def test_a_markdown_file_and_a_folder_bring_in_what_they_need(tmp_path, imported):
    doc = tmp_path / "doc.md"
    doc.write_text("# d\n\n```yaml\n" + EXAMPLES[0].read_text(encoding="utf-8") + "```\n", encoding="utf-8")
    code, names = imported("check", doc)
    assert code in (0, 1) and {"designlint.loading.markdown", "markdown_it"} <= names
    code, names = imported("check", EXAMPLES[0].parent)
    assert code in (0, 1) and "designlint.loading.files" in names
