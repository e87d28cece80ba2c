"""`designlint init` and `designlint schema`."""

import json
import os

from conftest import ROOT


def test_init_writes_a_starter_that_passes_every_rule(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("init")
    assert code == 0 and "design.yaml" in out
    text = (tmp_path / "design.yaml").read_text()
    for kind in ("interface", "agent", "model", "human"):
        assert f"kind: {kind}" in text
    assert "kind: feedback" in text and "gate: support_staff" in text and "designlint check design.yaml" in text
    code, out, _ = run_cli("check", "--fail-on", "info", "--format", "json", "design.yaml")
    assert code == 0 and json.loads(out)["findings"] == []
    assert os.listdir(tmp_path) == ["design.yaml"]


def test_init_never_overwrites(run_cli, tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("keep me\n")
    code, _, err = run_cli("init", target)
    assert code == 2 and err.strip() == f"{target}: error: already exists; `designlint init` never overwrites a file"
    assert target.read_text() == "keep me\n"
    assert os.listdir(tmp_path) == ["mine.yaml"]
    code, _, err = run_cli("init", tmp_path / "no" / "such" / "dir.yaml")
    assert code == 2 and "cannot be written" in err


def test_atomic_write_refuses_a_file_that_exists(tmp_path):
    import pytest

    from designlint.util import atomic

    path = tmp_path / "f.txt"
    atomic.write_text(str(path), "one")
    with pytest.raises(FileExistsError):
        atomic.write_text(str(path), "two", overwrite=False)
    atomic.write_text(str(path), "three")
    assert path.read_text() == "three" and os.listdir(tmp_path) == ["f.txt"]


def test_schema_prints_the_shipped_schemas(run_cli):
    for name in ("design", "config", "baseline"):
        code, out, _ = run_cli("schema", *([name] if name != "design" else []))
        assert code == 0
        assert json.loads(out) == json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text())
    code, _, err = run_cli("schema", "nope")
    assert code == 2


def test_printed_design_schema_accepts_the_examples(run_cli):
    import jsonschema
    import yaml

    schema = json.loads(run_cli("schema")[1])
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(example.read_text()), schema)
