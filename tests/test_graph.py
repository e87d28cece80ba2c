"""The graph questions rules ask: flows in and out, searches avoiding nodes, fallback chains and cycles."""

from designlint.loader import loads

DESIGN = """\
designlint: 1
system: g
components:
  ui: {kind: interface}
  agent: {kind: agent, fallback: [rules, human]}
  rules: {kind: rule, fallback: agent}
  human: {kind: human}
  db: {kind: datastore}
  solo: {kind: model, fallback: solo}
flows:
  - ui -> agent -> db
  - agent -> human -> db
  - {from: human, to: agent, kind: feedback}
  - agent -> ghost
"""


def graph():
    return loads(DESIGN, "g.yaml").graph


def test_flows_into_and_out_of_by_kind():
    g = graph()
    assert [str(f) for f in g.flows_into("agent")] == ["ui -> agent", "human -> agent"]
    assert [str(f) for f in g.flows_into("agent", "feedback")] == ["human -> agent"]
    assert sorted(str(f) for f in g.flows_out_of("agent")) == ["agent -> db", "agent -> ghost", "agent -> human"]
    assert g.flows_into("nowhere") == []


def test_search_avoids_nodes_and_reports_a_witness_path():
    g = graph()
    reached = g.search(["ui"], avoid=lambda n: n == "agent")
    assert set(reached) == {"ui"}
    reached = g.search(["ui"], avoid=lambda n: g.kind(n) == "human")
    assert g.path_to(reached, "db") == ["ui", "agent", "db"]
    assert "human" not in reached and "ghost" in reached
    assert g.path_avoiding(["human"], "db", avoid=lambda n: False) == ["human", "db"]
    assert g.path_avoiding(["db"], "ui", avoid=lambda n: False) is None


def test_reverse_search_follows_flows_backwards():
    g = graph()
    assert set(g.search(["db"], reverse=True)) == {"db", "agent", "human", "ui"}


def test_fallback_chain_is_ordered_and_stops_at_repeats():
    g = graph()
    assert g.fallback_chain("agent") == ["rules", "human"]
    assert g.fallback_chain("rules") == ["agent", "human"]


def test_fallback_cycles_one_per_knot_in_file_order():
    assert graph().fallback_cycles() == [["agent", "rules", "agent"], ["solo", "solo"]]
