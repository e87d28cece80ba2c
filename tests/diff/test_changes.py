"""Model comparison: components added, removed and changed (which fields); flows added and removed."""

from designlint.diff import changes
from designlint.model.build import loads

OLD = """\
designlint: 1
system: s
components:
  app: {kind: interface, owner: web}
  model: {kind: model, owner: ds, fallback: rules, x-note: old}
  rules: {kind: rule, owner: ds}
  legacy: {kind: service, owner: ops}
flows:
  - app -> model
  - app -> model
  - {from: rules, to: model, kind: feedback, label: outcome labels}
  - {from: app, to: legacy, label: nightly}
"""
NEW = """\
designlint: 1
system: s
components:
  app: {kind: interface, owner: web}
  model: {kind: model, owner: ml, fallback: [rules], x-note: new, description: scores}
  rules: {kind: rule, owner: ds}
  cache: {kind: datastore, owner: ops}
flows:
  - app -> model -> cache
  - {from: rules, to: model, kind: feedback}
  - {from: app, to: cache, kind: escalation}
"""


def test_components_added_removed_and_changed_fields_in_file_order():
    added, removed, changed = changes.components(loads(OLD, "old.yaml"), loads(NEW, "new.yaml"))
    assert added == ["cache"]
    assert removed == ["legacy"]
    # x- extension fields do not count; the fields are in the new component's order
    assert changed == [("model", ["owner", "fallback", "description"])]


def test_a_field_only_the_old_version_has_is_changed_too():
    old = loads("designlint: 1\nsystem: s\ncomponents:\n  a: {kind: service, owner: x, layer: data}\n")
    new = loads("designlint: 1\nsystem: s\ncomponents:\n  a: {kind: service, owner: x}\n")
    assert changes.components(old, new) == ([], [], [("a", ["layer"])])


def test_flow_text_follows_format_md():
    design = loads(OLD, "old.yaml")
    assert [changes.flow_text(f) for f in design.flows] == [
        "app -> model", "app -> model", "rules -> model (feedback: outcome labels)", "app -> legacy (data: nightly)"]
    assert changes.flow_text(loads(NEW).flows[3]) == "app -> cache (escalation)"


def test_flows_added_and_removed_count_repeats():
    added, removed = changes.flows(loads(OLD, "old.yaml"), loads(NEW, "new.yaml"))
    assert [changes.flow_text(f) for f in added] == [
        "model -> cache", "rules -> model (feedback)", "app -> cache (escalation)"]
    # `app -> model` was written twice and is now once: one of them is removed
    assert [changes.flow_text(f) for f in removed] == [
        "app -> model", "rules -> model (feedback: outcome labels)", "app -> legacy (data: nightly)"]


def test_a_missing_side_adds_or_removes_everything():
    new = loads(NEW, "new.yaml")
    assert changes.components(None, new) == (["app", "model", "rules", "cache"], [], [])
    assert changes.components(new, None) == ([], ["app", "model", "rules", "cache"], [])
    assert len(changes.flows(None, new)[0]) == 4 and changes.flows(None, new)[1] == []


def test_the_same_design_has_no_changes():
    assert changes.components(loads(OLD), loads(OLD)) == ([], [], [])
    assert changes.flows(loads(OLD), loads(OLD)) == ([], [])
