"""[7] A command that writes a file refuses (exit 2) when the file is one of its inputs, through symlinks too."""

import os

import pytest

GOOD = "designlint: 1\nsystem: s\ncomponents:\n  a: {kind: rule, owner: o, error_budget: {availability: 99%}}\n"


@pytest.fixture
def design(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.yaml").write_text(GOOD)
    os.symlink("d.yaml", tmp_path / "link.yaml")
    return tmp_path / "d.yaml"


@pytest.mark.parametrize("args, output, what", [
    (["render", "d.yaml", "--format", "dot", "-o"], "d.yaml", "the diagram"),
    (["render", "d.yaml", "--format", "dot", "-o"], "link.yaml", "the diagram"),
    (["render", "d.yaml", "--format", "dot", "-o"], "./sub/../d.yaml", "the diagram"),
    (["baseline", "d.yaml", "-o"], "d.yaml", "the baseline"),
    (["baseline", "d.yaml", "-o"], "link.yaml", "the baseline"),
    (["check", "d.yaml", "--diagram"], "d.yaml", "the diagram"),
])
def test_writing_over_an_input_is_refused(args, output, what, design, run_cli):
    os.makedirs("sub", exist_ok=True)
    code, _, err = run_cli(*args, output)
    assert code == 2
    source = "d.yaml"
    assert err.splitlines()[-1] == (f"{output}: error: is an input of this run ({source}): writing {what} there "
                                    "would destroy it; choose another file")
    assert design.read_text() == GOOD


def test_a_pack_or_config_is_an_input_too(design, run_cli, tmp_path):
    (tmp_path / "pack.yaml").write_text("designlint-pack: 1\nname: p\nrules: []\n")
    pack = (tmp_path / "pack.yaml").read_text()
    code, _, err = run_cli("render", "d.yaml", "--pack", "pack.yaml", "--format", "dot", "-o", "pack.yaml")
    assert code == 2 and err.endswith("is an input of this run (pack.yaml): writing the diagram there would destroy "
                                      "it; choose another file\n")
    assert (tmp_path / "pack.yaml").read_text() == pack
    (tmp_path / ".designlint.yaml").write_text("fail-on: warning\n")
    code, _, err = run_cli("baseline", "d.yaml", "-o", ".designlint.yaml")
    assert code == 2 and "(.designlint.yaml)" in err and (tmp_path / ".designlint.yaml").read_text() == "fail-on: warning\n"


def test_a_new_file_is_written(design, run_cli, tmp_path):
    code, _, err = run_cli("render", "d.yaml", "--format", "dot", "-o", "d.dot")
    assert (code, err) == (0, "") and (tmp_path / "d.dot").read_text().startswith('digraph "s"')
