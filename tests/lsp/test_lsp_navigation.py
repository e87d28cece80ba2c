"""Hover, go to definition, find references and completion over stdio."""

import pytest

PAY = """\
designlint: 1
system: pay
components:
  app:
    kind: interface
    owner: web
  agent:
    kind: agent
    owner: ops
    description: Moves *money* for users
    fallback: [app, reviewer]
    actions:
      - name: refund
        reversible: false
        gate: reviewer
    waive:
      missing-error-budget: budgets live in the SLO repo
  reviewer:
    kind: human
    owner: care
    sla: 4h
flows:
  - app -> agent
  - {from: agent, to: reviewer, kind: escalation}
"""
# Where `reviewer` stands: its definition, in agent's fallback list, as the gate, as a flow end.
REVIEWER = [(17, 2, 10), (10, 20, 28), (14, 14, 22), (23, 22, 30)]


@pytest.fixture
def pay(session, tmp_path):
    path = tmp_path / "pay.yaml"
    session.open(path, PAY)
    return path.as_uri()


def _places(locations, uri):
    assert {loc.uri for loc in locations} <= {uri}
    return [(loc.range.start.line, loc.range.start.character, loc.range.end.character) for loc in locations]


def test_hover_on_a_component_id_in_a_flow_gives_its_kind_owner_and_findings(session, pay):
    hover = session.hover(pay, 22, 13)  # `agent` in "  - app -> agent"
    assert (hover.range.start.line, hover.range.start.character, hover.range.end.character) == (22, 11, 16)
    assert hover.contents.kind == "markdown"
    assert hover.contents.value == (
        "**`agent`** (`agent`)\n\nowner: `ops`\n\nMoves \\*money\\* for users\n\nfindings:\n"
        "- `missing-error-budget` warning (waived): \\`agent\\` (agent) has no error budget: add the targets it "
        "must hold, e.g. \\`error\\_budget: {task\\_success: \"\\>= 90%\", error\\_rate: \"\\<= 2%\", "
        "latency\\_p99: 10s}\\`\n"
        "- `missing-feedback-loop` warning: \\`agent\\` (agent) gets no feedback: add a flow of kind feedback "
        "into it that carries outcomes, labels or corrections, e.g. \\`{from: reviewer, to: agent, kind: feedback}\\`\n"
        "- `unevaluated-model` info: \\`agent\\` (agent) has no release gate: say what a new version is evaluated on "
        "and the bar it must pass, e.g. \\`evaluation: {set: \\<test set\\>, gate: \\<bar\\>}\\`")


def test_hover_on_a_waived_rule_id_gives_its_summary_and_docs(session, pay):
    from designlint.rules.registry import builtin_registry

    hover = session.hover(pay, 16, 10)
    doc = builtin_registry().get("missing-error-budget").doc
    assert hover.contents.value == ("**`missing-error-budget`** (default severity: warning)\n\n"
                                    f"Every component but a human has an error budget.\n\n```text\n{doc}\n```")


def test_hover_on_a_waived_id_that_is_no_rule_suggests_one(session, pay):
    session.edit(pay, (16, 6), (16, 26), "missing-error-budgt")
    assert session.hover(pay, 16, 8).contents.value == (
        "`missing-error-budgt` is not a rule; did you mean `missing-error-budget`?")


def test_hover_on_a_field_says_what_it_means(session, pay):
    sla = "**`sla`**: A duration such as 30s, 15m, 4h, 2d, 1w or `24 hours`."
    assert session.hover(pay, 20, 5).contents.value == sla
    assert session.hover(pay, 23, 34).contents.value == "**`kind`**: data (the default), feedback or escalation."
    assert session.hover(pay, 13, 20) is None  # on the value `false`, not on the key
    reversible = "**`reversible`**: Whether its effect can be undone; defaults to true."
    assert session.hover(pay, 13, 10).contents.value == reversible


@pytest.mark.parametrize("line, column", [(17, 5), (10, 22), (14, 20), (23, 25)])
def test_definition_of_an_id_from_each_place_that_names_it(session, pay, line, column):
    assert _places(session.definition(pay, line, column), pay) == [(17, 2, 10)]


def test_references_list_every_place_that_names_an_id(session, pay):
    assert _places(session.references(pay, 14, 15), pay) == sorted(REVIEWER)
    assert _places(session.references(pay, 14, 15, declaration=False), pay) == sorted(REVIEWER[1:])
    assert _places(session.references(pay, 22, 5), pay) == [(3, 2, 5), (10, 15, 18), (22, 4, 7)]
    assert session.references(pay, 5, 10) == ()  # `web` is an owner, not a component id


def _completion(session, uri, line, column):
    result = session.complete(uri, line, column)
    labels = [item.label for item in result.items]
    ranges = {(i.text_edit.range.start.line, i.text_edit.range.start.character, i.text_edit.range.end.character)
              for i in result.items}
    return labels, ranges, result.items


def test_completion_of_ids_while_the_line_does_not_parse(session, pay):
    session.edit(pay, (10, 18), (10, 29), ", re")  # "    fallback: [app, re": unclosed
    labels, ranges, items = _completion(session, pay, 10, 22)
    assert labels == ["app", "agent", "reviewer"]  # from the last version that could be read
    assert ranges == {(10, 20, 22)}
    assert [item.detail for item in items] == ["interface", "agent", "human"]


def test_completion_of_ids_in_a_flow_string(session, pay):
    session.edit(pay, (22, 9), (22, 16), "-> re")  # "  - app -> re"
    labels, ranges, _ = _completion(session, pay, 22, 14)
    assert labels == ["app", "agent", "reviewer"]
    assert ranges == {(22, 12, 14)}


def test_completion_of_component_and_flow_kinds(session, pay):
    session.edit(pay, (18, 10), (18, 15), "hu")  # "    kind: hu"
    labels, ranges, _ = _completion(session, pay, 18, 12)
    assert labels == ["interface", "service", "orchestrator", "agent", "model", "rule", "datastore", "queue",
                      "external", "human", "monitor", "guardrail"]
    assert ranges == {(18, 10, 12)}
    labels, ranges, _ = _completion(session, pay, 23, 38)  # after "kind: " in the flow mapping
    assert labels == ["data", "feedback", "escalation"]
    assert ranges == {(23, 38, 38)}


def test_completion_of_rule_ids_under_waive(session, pay):
    from designlint.rules.registry import builtin_registry

    session.edit(pay, (17, 0), (17, 0), "      unu\n")
    labels, ranges, items = _completion(session, pay, 17, 9)
    assert labels == builtin_registry().ids()
    assert ranges == {(17, 6, 9)}
    assert items[labels.index("unused-waiver")].detail == "Every waiver matches a finding."


def test_no_completion_where_nothing_is_expected(session, pay):
    assert session.complete(pay, 5, 11).items == ()  # after "    owner: "


def test_an_appeal_names_a_component_for_definition_and_references(session, tmp_path):
    # Navigation reads the YAML as written, so it holds whether or not the schema knows `appeal` yet.
    appeal = "        gate: reviewer\n        adverse: true\n        appeal: reviewer\n"
    text = PAY.replace("        gate: reviewer\n", appeal)
    path = tmp_path / "appeal.yaml"
    session.open(path, text)
    uri = path.as_uri()
    assert _places(session.definition(uri, 16, 18), uri) == [(19, 2, 10)]  # from `appeal: reviewer`
    assert _places(session.references(uri, 19, 4, declaration=False), uri) == [
        (10, 20, 28), (14, 14, 22), (16, 16, 24), (25, 22, 30)]


QUOTED = """\
> ```designlint
> designlint: 1
> system: s
> components:
>   app: {kind: interface, owner: web}
>   bot:
>     kind: model
>     fallback: app
>     waive:
>       dead
> flows:
>   - app -> b
> ```
"""


def test_completion_inside_a_quoted_markdown_fence(session, tmp_path):
    path = tmp_path / "quoted.md"
    session.open(path, QUOTED, "markdown")
    uri = path.as_uri()
    labels, ranges, _ = _completion(session, uri, 11, 14)  # "b" after "->" in the flow
    assert (labels, ranges) == (["app", "bot"], {(11, 13, 14)})
    labels, ranges, _ = _completion(session, uri, 9, 12)  # "dead", a rule id under `waive:`
    assert "dead-end" in labels and ranges == {(9, 8, 12)}
    labels, _, _ = _completion(session, uri, 6, 14)  # after "kind: "
    assert labels[:3] == ["interface", "service", "orchestrator"]
