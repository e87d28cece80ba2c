"""Text output is quiet: accepted findings (waived, baselined) are counted, not listed, unless --show-waived."""

from __future__ import annotations

DESIGN = """\
designlint: 1
system: s
components:
  api:
    kind: service
    owner: platform
    waive: {missing-error-budget: budgets come with the SLO review}
  bot: {kind: model, error_budget: {recall: ">= 0.8"}, fallback: api, evaluation: 500 labelled chats}
"""


def test_a_waived_finding_is_counted_not_listed(run_cli, write):
    path = write(DESIGN)
    code, out, err = run_cli("check", path)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{path}:8:3: warning missing-feedback-loop `bot` (model) gets no feedback: add a flow of kind feedback into "
        "it that carries outcomes, labels or corrections, e.g. `{from: <reviewers>, to: bot, kind: feedback}`",
        f"{path}:8:3: error missing-owner `bot` (model) has no owner: add `owner: <team>` naming who answers for it "
        "when it fails",
        "Found 1 error and 1 warning in 1 file (1 waived: `--show-waived` lists them).",
    ]


def test_show_waived_lists_them_last_and_marked(run_cli, write):
    path = write(DESIGN)
    code, out, _ = run_cli("check", "--show-waived", path)
    lines = out.splitlines()
    assert code == 1 and len(lines) == 4
    assert lines[2] == (f"{path}:4:3: warning missing-error-budget [waived: budgets come with the SLO review] "
                        "`api` (service) has no error budget: add the targets it must hold, e.g. "
                        "`error_budget: {availability: 99.9%, latency_p99: 300ms}`")
    assert lines[3] == "Found 1 error and 1 warning in 1 file (1 waived)."


def test_a_fully_baselined_run_prints_only_the_summary(run_cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(DESIGN, "d.yaml")
    assert run_cli("baseline", "d.yaml", "-o", "base.json")[0] == 0
    code, out, err = run_cli("check", "--baseline", "base.json", "d.yaml")
    assert (code, out, err) == (0, "No problems found in 1 file (1 waived, 2 in the baseline: `--show-waived` "
                                   "lists them).\n", "")
