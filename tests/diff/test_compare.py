"""Designs matched by system, findings matched by (system, rule, component, subject), exit codes."""

from designlint.diff import matching
from designlint.diff.compare import Side, compare, lint_side
from designlint.errors import InputError
from designlint.findings import Finding
from designlint.loading.location import Location
from designlint.model.build import loads
from designlint.rules import Severity


def finding(rule, component, line, subject=None, severity=Severity.ERROR, waived=False):
    return Finding(rule, severity, Location("f.yaml", line, 3), f"{rule} on {component}", component, subject,
                   waived=waived)


def test_findings_match_by_key_not_by_line_and_count_repeats():
    old = [finding("missing-owner", "a", 4), finding("dead-end", "b", 9, "x"), finding("dead-end", "b", 9, "x")]
    new = [finding("missing-owner", "a", 40), finding("dead-end", "b", 90, "x"), finding("dead-end", "b", 91, "y"),
           finding("missing-owner", "a", 41)]
    introduced, fixed, unchanged = matching.match("s", old, new)
    assert [(f.rule, f.location.line) for f in introduced] == [("dead-end", 91), ("missing-owner", 41)]
    assert [(f.rule, f.location.line, f.subject) for f in fixed] == [("dead-end", 9, "x")]
    assert unchanged == 2


def design(system, body=""):
    return loads(f"designlint: 1\nsystem: {system}\ncomponents:\n  a: {{kind: service, owner: x}}\n{body}",
                 f"{system}.yaml")


def test_designs_pair_by_system_and_names_carry_the_system_when_there_are_several():
    old = lint_side([design("one"), design("gone")])
    new = lint_side([design("new"), design("one", "  b: {kind: rule}\n")])
    diff = compare(old, new)
    assert diff.systems == ["new", "one", "gone"]
    assert (diff.systems_added, diff.systems_removed) == (["new"], ["gone"])
    assert [diff.name(c.system, c.text) for c in diff.components_added] == ["new/a", "one/b"]
    assert [diff.name(c.system, c.text) for c in diff.components_removed] == ["gone/a"]
    # b has no owner and no error budget; a has no error budget in every system
    assert sorted((f.location.file, f.rule, f.component) for f in diff.introduced) == [
        ("new.yaml", "missing-error-budget", "a"), ("one.yaml", "missing-error-budget", "b"),
        ("one.yaml", "missing-owner", "b")]
    assert [(f.location.file, f.rule) for f in diff.fixed] == [("gone.yaml", "missing-error-budget")]
    assert diff.unchanged == 1


def test_one_system_keeps_plain_names():
    diff = compare(lint_side([design("one")]), lint_side([design("one", "  b: {kind: rule, owner: y}\n")]))
    assert not diff.qualified and diff.name("one", "b") == "b"


def test_exit_code_counts_only_introduced_unwaived_findings_at_or_above_fail_on():
    def diff_of(new, fail_on=Severity.ERROR):
        return compare(Side((), ()), Side((design("s"),), (tuple(new),)), fail_on)

    assert diff_of([finding("missing-owner", "a", 4)]).exit_code == 1
    assert diff_of([finding("missing-owner", "a", 4, waived=True)]).exit_code == 0
    assert diff_of([finding("dead-end", "a", 4, severity=Severity.WARNING)]).exit_code == 0
    assert diff_of([finding("dead-end", "a", 4, severity=Severity.WARNING)], Severity.WARNING).exit_code == 1
    errors = Side((), (), (InputError("x.yaml", 2, 1, "bad"),))
    assert compare(errors, Side()).exit_code == 2


def test_a_finding_that_was_there_before_does_not_fail_the_diff():
    old = lint_side([design("s")])
    diff = compare(old, lint_side([design("s")]), Severity.INFO)
    assert (diff.introduced, diff.fixed, diff.unchanged, diff.exit_code) == ((), (), 1, 0)
    assert diff.empty
