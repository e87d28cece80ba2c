"""[15] The common YAML and schema mistakes get messages a newcomer can act on."""

import pytest

HEAD = "designlint: 1\nsystem: s\ncomponents:\n"


@pytest.mark.parametrize("body, expected", [
    ("  a:\n    kind: model\n   owner: x\n",
     "6:4: error: YAML syntax: `owner:` is indented less than the keys above it but more than their parent, so it "
     "belongs to no mapping (the mapping starts 2 lines above): line it up with the keys it belongs with"),
    ("  a:\n    kind: model\n     owner: x\n",
     "6:11: error: YAML syntax: `owner:` is indented more than the key above it, so YAML reads it as part of that "
     "key's value: line it up with the keys above it (or quote a value that holds `: `)"),
    ("  a: kind: model\n",
     "4:10: error: YAML syntax: the value of `a:` holds `: `, which YAML reads as a second key on one line: quote the "
     "value, or write the mapping on lines of its own, indented under the key"),
    ("  a:\n    kind: model\n  owner: x\n",
     "6:3: error: `owner` is indented as a component id, but it is a component field: indent it under the component "
     "above (`a`), two spaces more than the component's id"),
    ("  a:\n    kind: llm\n",
     "5:11: error: `kind` of component `a` is `llm`, not one of interface, service, orchestrator, agent, model, rule, "
     "datastore, queue, external, human, monitor, guardrail: did you mean `model`? A hosted LLM is `kind: model` with "
     "`provider: <vendor>` (every model rule applies to it)"),
])
def test_a_common_mistake_gets_a_message_that_says_how_to_fix_it(body, expected, run_cli, write):
    path = write(HEAD + body)
    code, _, err = run_cli("check", path)
    assert code == 2 and err.splitlines()[0] == f"{path}:{expected}"


def test_a_dedented_kind_explains_both_lines(run_cli, write):
    path = write(HEAD + "  a:\n  kind: model\n")
    code, _, err = run_cli("check", path)
    assert code == 2 and err.splitlines() == [
        f"{path}:4:3: error: component `a` is empty: its fields (`kind`...) are indented as component ids; indent "
        "them two spaces more than `a`",
        f"{path}:5:3: error: `kind` is indented as a component id, but it is a component field: indent it under the "
        "component above (`a`), two spaces more than the component's id",
    ]
