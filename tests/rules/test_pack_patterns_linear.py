"""[5] A pack's `matches` pattern runs on RE2 (linear time) or is refused at its file:line:col."""

import subprocess
import sys

PACK = """designlint-pack: 1
name: redos
rules:
  - id: owner-shape
    severity: error
    summary: Owners look right.
    select:
      where:
        - matches: {{field: owner, pattern: "{pattern}"}}
    require:
      - present: owner
    message: "{{label}} owner"
"""
DESIGN = ("designlint: 1\nsystem: redos\ncomponents:\n  app: {kind: interface, owner: " + "a" * 40 + "b, "
          "error_budget: {availability: 99.9%}}\n")


def test_a_catastrophic_pattern_finishes_at_once(write, tmp_path):
    pack = write(PACK.format(pattern="^(a+)+$"), "pack.yaml")
    design = write(DESIGN)
    # a subprocess with a timeout: `re` would take longer than the universe's age on this owner
    proc = subprocess.run([sys.executable, "-m", "designlint", "check", "--pack", str(pack), str(design)],
                          capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == "No problems found in 1 file.\n"


def test_a_pattern_re2_cannot_run_is_refused_at_its_place(run_cli, write):
    for pattern, reason in (("(a)\\\\1", "invalid escape sequence: \\\\1"), ("(?=a)b", "invalid perl operator: (?=")):
        pack = write(PACK.format(pattern=pattern), "pack.yaml")
        code, out, err = run_cli("check", "--pack", pack, write(DESIGN))
        assert code == 2 and out == ""
        assert err == (f"{pack}:9:44: error: `pattern` is not a regular expression RE2 can run: {reason.replace(chr(92) * 2, chr(92))} "
                       "(patterns run on RE2, which has no backtracking: no look-around or backreferences)\n")


def test_config_globs_run_on_re2(tmp_path):
    from designlint.loading.files import FileFilter

    selection = FileFilter(exclude=("*a*a*a*a*a*a*a*a*a*a*a*a*b",))
    assert type(selection._exclude._backend).__name__ == "Re2GiBackend"
    assert selection.excluded(str(tmp_path / ("a" * 200 + "c.yaml"))) is False
