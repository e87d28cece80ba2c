"""Removed safeguards come from the models, whether or not a rule fires."""

from designlint.diff import safeguards
from designlint.model.build import loads

OLD = """\
designlint: 1
system: s
components:
  agent:
    kind: agent
    owner: ai
    fallback: [rules, ops]
    actions:
      - {name: refund, reversible: false, gate: ops}
      - {name: email, reversible: true}
      - {name: ban, reversible: false, gate: ops}
  worker:
    kind: service
    owner: platform
    actions:
      - {name: delete, reversible: false, gate: reviewer}
  rules: {kind: rule, owner: ai}
  ops: {kind: human, owner: support}
  reviewer: {kind: human, owner: support}
"""


def removed(new_text: str) -> list[tuple[str, str, str, str]]:
    found = safeguards.removed(loads(OLD, "old.yaml"), loads(new_text, "new.yaml"))
    return [(s.component, s.what, s.detail, str(s.location)) for s in found]


def test_the_same_design_removes_nothing():
    assert removed(OLD) == []


def test_gate_removed_and_action_made_irreversible():
    new = OLD.replace("{name: refund, reversible: false, gate: ops}", "{name: refund, reversible: false}")
    new = new.replace("{name: email, reversible: true}", "{name: email, reversible: false}")
    assert removed(new) == [
        ("agent", "gate", "action `refund` lost its human gate `ops`", "new.yaml:9:9"),
        ("agent", "reversible", "action `email` became irreversible (`reversible: false`)", "new.yaml:10:9"),
    ]


def test_a_gate_that_is_no_longer_a_human_or_no_longer_a_component():
    new = OLD.replace("gate: ops}\n      - {name: email", "gate: rules}\n      - {name: email")
    new = new.replace("  reviewer: {kind: human, owner: support}\n", "")
    assert removed(new) == [
        ("agent", "gate", "action `refund` names gate `rules` (rule), not a human (was the human `ops`)",
         "new.yaml:9:9"),
        ("worker", "gate", "action `delete` names gate `reviewer`, which is no longer a component "
                           "(was the human `reviewer`)", "new.yaml:16:9"),
    ]


def test_owner_and_fallback_removed():
    new = OLD.replace("    owner: ai\n    fallback: [rules, ops]\n", "    fallback: [ops]\n")
    assert removed(new) == [
        ("agent", "owner", "owner `ai` removed: nobody answers for `agent` now", "new.yaml:4:3"),
        ("agent", "fallback", "fallback `rules` removed: the chain is now `ops`", "new.yaml:6:15"),
    ]


def test_an_appeal_heard_by_a_human_removed_or_given_to_no_human():
    def version(appeal: str) -> str:
        return OLD.replace("{name: ban, reversible: false, gate: ops}", "{name: ban, reversible: false, adverse: true"
                           + appeal + "}")

    old = loads(version(", appeal: ops"), "old.yaml")
    assert [(s.what, s.detail, str(s.location)) for s in safeguards.removed(old, loads(version(""), "new.yaml"))] == [
        ("appeal", "action `ban` lost its human appeal `ops`", "new.yaml:11:9")]
    assert [s.detail for s in safeguards.removed(old, loads(version(", appeal: rules")))] == [
        "action `ban` names appeal `rules` (rule), not a human (was the human `ops`)"]
    assert safeguards.removed(old, loads(version(", appeal: reviewer"))) == []


def test_the_last_fallback_removed_and_a_fallback_component_deleted():
    new = OLD.replace("    fallback: [rules, ops]\n", "    fallback: [rules]\n")
    new = new.replace("  rules: {kind: rule, owner: ai}\n", "")
    assert removed(new) == [
        ("agent", "fallback", "fallback `rules` is no longer a component", "new.yaml:7:15"),
        ("agent", "fallback", "fallback `ops` removed: the chain is now `rules`", "new.yaml:7:15"),
    ]
    new = OLD.replace("    fallback: [rules, ops]\n", "")
    assert [(c, w, d) for c, w, d, _ in removed(new)] == [
        ("agent", "fallback", "fallback `rules` removed: nothing takes over when it fails"),
        ("agent", "fallback", "fallback `ops` removed: nothing takes over when it fails"),
    ]


def test_a_removed_component_or_action_takes_its_own_safeguards_with_it():
    new = OLD.replace("      - {name: refund, reversible: false, gate: ops}\n", "")
    new = new.replace("""  worker:
    kind: service
    owner: platform
    actions:
      - {name: delete, reversible: false, gate: reviewer}
""", "")
    assert removed(new) == []


def test_a_gate_that_named_no_human_before_is_not_a_lost_safeguard():
    old = OLD.replace("{name: refund, reversible: false, gate: ops}", "{name: refund, reversible: false, gate: rules}")
    new = OLD.replace("{name: refund, reversible: false, gate: ops}", "{name: refund, reversible: false}")
    assert safeguards.removed(loads(old), loads(new)) == []
