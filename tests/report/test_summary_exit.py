"""[14] The summary line never contradicts the exit code."""

GOOD = "designlint: 1\nsystem: s\ncomponents:\n  a: {kind: rule, owner: o, error_budget: {availability: 99%}}\n"


def test_only_unreadable_inputs(run_cli, write):
    code, out, _ = run_cli("check", write("designlint: [\n"), "missing.yaml")
    assert (code, out) == (2, "2 files could not be read (2 input errors): nothing was checked.\n")


def test_unreadable_and_clean_inputs(run_cli, write):
    code, out, _ = run_cli("check", write("designlint: [\n", "bad.yaml"), write(GOOD))
    assert (code, out) == (2, "1 file could not be read (1 input error). No problems found in the 1 other file.\n")


def test_unreadable_and_failing_inputs(run_cli, write):
    code, out, _ = run_cli("check", write("designlint: [\n", "bad.yaml"), write(GOOD.replace("owner: o, ", "")))
    assert code == 2
    assert out.splitlines()[-1] == "1 file could not be read (1 input error). Found 1 error in the 1 other file."


def test_no_design_found(run_cli, tmp_path):
    code, out, err = run_cli("check", tmp_path)
    assert (code, out) == (0, "No design found: nothing was checked.\n")
    assert err == f"designlint: no designs found in {tmp_path}\n"


def test_every_format_with_a_summary_agrees(run_cli, write):
    bad = write("designlint: [\n", "bad.yaml")
    for fmt in ("text", "github"):
        out = run_cli("check", "--format", fmt, bad)[1]
        assert "No problems found" not in out and out.splitlines()[-1].endswith("nothing was checked.")
