"""[6] Only regular files are read, and at most MAX_INPUT_BYTES of any input; both are exit 2 with one line."""

import os

import pytest

from designlint.loading import yamlsource

GOOD = "designlint: 1\nsystem: s\ncomponents:\n  a: {kind: rule, owner: o, error_budget: {availability: 99%}}\n"


def test_dev_zero_as_a_design_is_refused(run_cli):
    code, out, err = run_cli("check", "/dev/zero")
    assert (code, err) == (2, "/dev/zero: error: is not a regular file (a device, pipe or socket): name a file\n")


@pytest.mark.parametrize("key", ["packs", "rules", "baseline"])
def test_dev_zero_named_by_a_config_is_refused(key, run_cli, tmp_path, monkeypatch):
    (tmp_path / ".designlint.yaml").write_text(f"{key}: {'[/dev/zero]' if key != 'baseline' else '/dev/zero'}\n")
    (tmp_path / "d.yaml").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "d.yaml")
    assert code == 2
    if key == "baseline":
        assert err == "/dev/zero: error: is not a regular file (a device, pipe or socket): name a file\n"
    else:
        assert err == (f".designlint.yaml:1:{len(key) + 4}: error: the rule pack `/dev/zero` is not a regular file "
                       "(a device, pipe or socket): name a file\n")


def test_a_config_that_is_a_fifo_is_refused_without_blocking(run_cli, tmp_path):
    fifo = tmp_path / "config.yaml"
    os.mkfifo(fifo)
    (tmp_path / "d.yaml").write_text(GOOD)
    code, _, err = run_cli("check", "--config", fifo, tmp_path / "d.yaml")
    assert (code, err) == (2, f"{fifo}: error: is not a regular file (a device, pipe or socket): name a file\n")


def test_a_folder_walk_skips_a_fifo_named_like_a_design(run_cli, tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "d.yaml").write_text(GOOD)
    code, out, err = run_cli("check", tmp_path)
    assert (code, out, err) == (0, "No problems found in 1 file.\n", "")


def test_a_file_past_the_cap_is_refused_naming_the_cap(run_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsource, "MAX_INPUT_BYTES", 1000)
    monkeypatch.setattr(yamlsource.read_bytes, "__defaults__", (None, 1000))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "big.yaml").write_text(GOOD + "#" * 2000 + "\n")
    code, _, err = run_cli("check", "big.yaml")
    assert (code, err) == (2, "big.yaml: error: is larger than designlint reads (1,000 bytes): split it into several "
                              "designs\n")


def test_the_cap_is_64_mib_and_read_bytes_stops_there(tmp_path):
    assert yamlsource.MAX_INPUT_BYTES == 64 * 1024 * 1024
    path = tmp_path / "f"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(Exception) as caught:
        yamlsource.read_bytes(str(path), limit=4096)
    assert str(caught.value) == f"{path}: error: is larger than designlint reads (4,096 bytes): split it into several designs"
    assert yamlsource._too_big(64 * 1024 * 1024) == "is larger than designlint reads (64 MiB): split it into several designs"
    assert yamlsource.read_bytes(str(path), limit=5000) == b"x" * 5000
