"""The diagram says where an inherited owner or budget came from: a marker on the label, the source in the tooltip."""

from __future__ import annotations

from designlint.model.build import loads
from designlint.render.annotate import annotate
from designlint.render.mermaid import to_mermaid

TEXT = """\
designlint: 1
system: s
defaults: {owner: platform}
layers:
  data: {owner: data-platform, error_budget: {availability: 99.9%}}
components:
  users: {kind: datastore, layer: data}
  api: {kind: service, owner: api-team, error_budget: {availability: 99%}}
  cron: {kind: service, error_budget: {availability: 99%}}
"""


def test_labels_mark_inherited_owners_and_tooltips_name_the_source():
    diagram = annotate(loads(TEXT, "d.yaml"), [])
    nodes = {n.id: n for n in diagram.nodes}
    assert [nodes[c].owner_text for c in ("users", "api", "cron")] == [
        "data-platform (layer)", "api-team", "platform (default)"]
    assert nodes["users"].tooltip == ("users (datastore), owned by data-platform (inherited from layer data)\n"
                                      "error budget inherited from layer data\nno findings")
    assert nodes["api"].tooltip == "api (service), owned by api-team\nno findings"
    assert "<small>owner: platform #40;default#41;</small>" in to_mermaid(diagram)
