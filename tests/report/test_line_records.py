"""[2] Line-oriented output is one record per line whatever user strings hold; no workflow command can be injected."""

import pytest

NEWLINE_ID = 'designlint: 1\nsystem: s\ncomponents:\n  "a\\n::error file=README.md,line=1::injected":\n    kind: service\n'
DUPKEY = 'designlint: 1\nsystem: s\ncomponents:\n  "a\\n::error::injected": {kind: service}\n  "a\\n::error::injected": {kind: service}\n'
BLOCK_NAME = """designlint: 1
system: receipts-bot
components:
  chat: {kind: interface, owner: web, error_budget: {availability: 99.9%}}
  receipts:
    kind: datastore
    owner: data
    error_budget: {availability: 99.9%}
    data:
      - name: |
          uploaded receipts
          and card numbers
        personal: true
flows:
  - chat -> receipts
"""
# every character a reader may take for a line end, in an id, a waiver reason and a data name
BREAKS = ["\\n", "\\r", "\\v", "\\f", "\\x1c", "\\x1d", "\\x1e", "\\x85", "\\u2028", "\\u2029", "\\r\\n", "\\e"]


def _records(text: str) -> list[str]:
    return text.splitlines()


def test_a_newline_in_an_id_stays_on_its_finding_line_in_text(run_cli, write):
    path = write(NEWLINE_ID)
    code, out, err = run_cli("check", path)
    assert code == 1 and err == ""
    assert out.splitlines() == [
        f"{path}:4:3: warning missing-error-budget `a\\n::error file=README.md,line=1::injected` (service) has no "
        "error budget: add the targets it must hold, e.g. `error_budget: {availability: 99.9%, latency_p99: 300ms}`",
        f"{path}:4:3: error missing-owner `a\\n::error file=README.md,line=1::injected` (service) has no owner: "
        "add `owner: <team>` naming who answers for it when it fails",
        "Found 1 error and 1 warning in 1 file.",
    ]


def test_github_format_cannot_be_split_or_injected(run_cli, write):
    code, out, _ = run_cli("check", "--format", "github", write(NEWLINE_ID))
    assert code == 1
    lines = _records(out)
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(lines) - 1  # every finding one command, then the summary
    owner = next(line for line in commands if "missing-owner" in line)
    assert "`a%0A::error file=README.md,line=1::injected`" in owner


def test_a_duplicate_key_with_a_newline_is_one_stderr_line(run_cli, write):
    path = write(DUPKEY)
    code, out, err = run_cli("check", path)
    assert code == 2
    assert err == (f"{path}:5:3: error: duplicate key `a\\n::error::injected` (first defined at line 4): "
                   "each key may appear once\n")


def test_a_block_scalar_data_name_is_one_text_record(run_cli, write):
    path = write(BLOCK_NAME)
    code, out, _ = run_cli("check", "--fail-on", "info", path)
    (record,) = [line for line in out.splitlines() if "personal-data-retention" in line]
    assert record == (f"{path}:10:9: warning personal-data-retention personal data `uploaded receipts\\nand card "
                      "numbers\\n` on `receipts` (datastore) has no `retention` (how long it is kept, e.g. "
                      "`retention: 90d`) and no `opt_out` (how a person opts out)")
    assert not any(line.startswith("and card numbers") for line in out.splitlines())


@pytest.mark.parametrize("brk", BREAKS)
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_no_line_break_survives_in_any_user_string(brk, fmt, run_cli, write):
    design = (f'designlint: 1\nsystem: "s{brk}x"\ncomponents:\n'
              f'  "id{brk}x": {{kind: model, waive: {{missing-owner: "because{brk}::error::x"}}}}\n')
    path = write(design, f"d{fmt}.yaml")
    shown = ("--show-waived",) if fmt == "text" else ()  # text lists the waived finding only when asked
    code, out, err = run_cli("check", "--format", fmt, "--fail-on", "info", *shown, path)
    assert code == 1 and err == ""
    findings = [line for line in out.split("\n") if line][:-1]
    summary = out.split("\n")[-2]
    assert summary.startswith(("Found", "No problems"))
    for record in findings:
        assert len(record.splitlines()) == 1, record
        assert "\x1b" not in record
    ids = [r for r in findings if "missing-fallback" in r]
    assert len(ids) == 1
    if fmt == "text":
        waived = next(r for r in findings if "missing-owner" in r)
        assert "[waived: because" in waived and "::error::x]" in waived


def test_review_text_is_one_record_per_line(run_cli, write):
    path = write('designlint: 1\nsystem: "sys\\u2028evil"\ncomponents:\n  "m\\nx": {kind: model}\n')
    code, out, _ = run_cli("review", path)
    assert code == 0
    assert out.splitlines()[0] == f"Interview self-check: sys\\u2028evil ({path})"
    assert "\u2028" not in out and "m\nx" not in out
