"""FORMAT.md rev. 2 fields in the model: provider, trust and its defaults, on_failure, constraints,
evaluation, data, adverse/appeal on actions, binding on flows; and their input errors."""

import pytest

from designlint.errors import InputErrors
from designlint.model.build import loads

DESIGN = """\
designlint: 1
system: s
components:
  app: {kind: interface}
  llm:
    kind: model
    provider: Acme
    trust: untrusted
    evaluation: {set: golden, gate: "f1 >= 0.8"}
    constraints:
      - {rule: no refunds over 50 EUR, enforced_by: prompt}
    actions:
      - {name: block, adverse: true, appeal: staff, gate: staff}
  filter: {kind: guardrail, on_failure: open, provider: acme}
  store:
    kind: datastore
    data:
      - plain
      - {name: e-mails, personal: true, retention: 30d, opt_out: settings}
  staff: {kind: human}
flows:
  - app -> llm
  - {from: llm, to: app, binding: true}
"""


def test_fields_are_built_with_their_locations():
    design = loads(DESIGN, "d.yaml")
    llm = design.components["llm"]
    assert (llm.provider, llm.evaluation) == ("Acme", {"set": "golden", "gate": "f1 >= 0.8"})
    (constraint,) = llm.constraints
    assert (constraint.rule, constraint.enforced_by, constraint.location.line, constraint.location.column) == (
        "no refunds over 50 EUR", "prompt", 11, 9)
    (action,) = llm.actions
    assert action.adverse is True and action.appeal.id == "staff"
    assert (action.appeal.location.line, action.appeal.location.column) == (13, 46)
    assert [f.binding for f in design.flows] == [False, True]
    store = design.components["store"]
    assert [(d.name, d.personal, d.location.line) for d in store.data] == [("plain", False, 18), ("e-mails", True, 19)]
    assert [d.name for d in store.personal_data] == ["e-mails"]


def test_trust_defaults_by_kind_and_what_a_model_serves():
    design = loads(DESIGN, "d.yaml")
    untrusted = {cid for cid, comp in design.components.items() if comp.untrusted}
    assert untrusted == {"app", "llm"}  # an interface by default, the model because it says so
    served = {cid for cid, comp in design.components.items() if comp.model_served}
    assert served == {"llm", "filter"}  # a guardrail with a provider is served by a model
    assert design.components["filter"].on_failure == "open"
    assert design.components["app"].on_failure is None


@pytest.mark.parametrize("line, value, message", [
    ("    trust: untrsted", 12, "`trust` of component `m` is `untrsted`, not one of trusted, untrusted; did you mean `untrusted`?"),
    ("    on_falure: open", 5, "component `m`: unknown field `on_falure`; did you mean `on_failure`?"),
    ("    evaluation: ''", 17, "`evaluation` of component `m`"),
    ("    constraints: [{rule: x, enforced_by: promt}]", 42,
     "`constraints.0.enforced_by` of component `m` is `promt`, not one of prompt, code, permission, human; "
     "did you mean `prompt`?"),
])
def test_bad_values_are_input_errors_at_line_and_column(line, value, message):
    text = f"designlint: 1\nsystem: s\ncomponents:\n  m:\n    kind: model\n{line}\n"
    with pytest.raises(InputErrors) as caught:
        loads(text, "d.yaml")
    (error,) = caught.value.errors
    assert (error.line, error.column) == (6, value)
    assert message in error.message


def test_guardrail_is_a_kind_with_a_hint_for_a_typo():
    with pytest.raises(InputErrors) as caught:
        loads("designlint: 1\nsystem: s\ncomponents:\n  g: {kind: guardrial}\n", "d.yaml")
    (error,) = caught.value.errors
    assert (error.line, error.column) == (4, 13)
    assert error.message.endswith("did you mean `guardrail`?")
