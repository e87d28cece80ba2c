#!/usr/bin/env python3
"""Validate the real-world corpus and cross-check its expected findings.

Usage: python3 check_corpus.py [FILE.yaml ...]   (default: every *.yaml here)

For each design it checks, independently of designlint's code:
  * the file parses as YAML (duplicate keys rejected) and is a valid design per
    /work/shared/FORMAT.md including "Additions, revision 2" (known fields only,
    kinds and enums, flow endpoints, fallback/gate/appeal references);
  * every x-expected entry names a known rule and an existing component;
  * an independent reading of the 15 FORMAT.md rules (7 core + 8 AI-risk)
    predicts (rule, component) pairs; any pair predicted but not in x-expected,
    or expected but not predicted, is printed. This is a second reading of the
    contract written for the corpus, not designlint; where the two disagree, one
    of them misreads FORMAT.md and a person must decide which.

Exit code 0 when every file is valid and every prediction matches x-expected.
"""
import sys
from collections import deque
from pathlib import Path

import yaml

KINDS = {"interface", "service", "orchestrator", "agent", "model", "rule", "datastore",
         "queue", "external", "human", "monitor", "guardrail"}
COMPONENT_KEYS = {"kind", "owner", "description", "layer", "fallback", "error_budget", "actions",
                  "sla", "waive", "provider", "data", "trust", "on_failure", "constraints",
                  "evaluation"}
ACTION_KEYS = {"name", "reversible", "gate", "adverse", "appeal"}
FLOW_KEYS = {"from", "to", "kind", "label", "binding"}
DATA_KEYS = {"name", "description", "personal", "retention", "opt_out"}
TOP_KEYS = {"designlint", "system", "description", "components", "flows", "defaults", "layers"}
RULES = {"missing-owner", "missing-fallback", "missing-error-budget", "missing-feedback-loop",
         "ungated-irreversible-action", "unknown-reference", "fallback-cycle",
         "lethal-trifecta", "unverified-binding-output", "adverse-action-without-appeal",
         "guardrail-failure-undeclared", "fail-open-guardrail", "prompt-only-constraint",
         "fallback-same-provider", "unevaluated-model"}
AI = {"model", "agent"}
CALLEES = {"service", "orchestrator", "agent", "model", "rule", "datastore", "guardrail", "external"}


class UniqueKeyLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_flow(f, errors):
    if isinstance(f, str):
        if "->" not in f:
            errors.append(f"flow {f!r} has no '->'")
            return None
        a, b = (x.strip() for x in f.split("->", 1))
        return {"from": a, "to": b, "kind": "data", "binding": False}
    if not isinstance(f, dict):
        errors.append(f"flow {f!r} is neither a string nor a mapping")
        return None
    bad = set(f) - FLOW_KEYS
    if bad:
        errors.append(f"flow {f!r} has unknown keys {sorted(bad)}")
    if f.get("kind", "data") not in {"data", "feedback", "escalation"}:
        errors.append(f"flow {f!r} has a bad kind")
    if "label" in f and not isinstance(f["label"], str):
        errors.append(f"flow {f!r}: label is not a string")
    if "binding" in f and not isinstance(f["binding"], bool):
        errors.append(f"flow {f!r}: binding is not a bool")
    return {"from": f.get("from"), "to": f.get("to"), "kind": f.get("kind", "data"),
            "binding": f.get("binding", False)}


def validate(doc):
    errors = []
    if not isinstance(doc, dict):
        return ["not a mapping"], {}, []
    bad = {k for k in doc if not k.startswith("x-")} - TOP_KEYS
    if bad:
        errors.append(f"unknown top-level keys {sorted(bad)}")
    if doc.get("designlint") != 1:
        errors.append("designlint must be 1")
    if not isinstance(doc.get("system"), str):
        errors.append("system missing")
    comps = doc.get("components")
    if not isinstance(comps, dict) or not comps:
        return errors + ["components missing"], {}, []
    defaults = doc.get("defaults") or {}
    if set(defaults) - {"owner"}:
        errors.append("defaults may hold only owner")
    for name, layer in (doc.get("layers") or {}).items():
        if not isinstance(layer, dict) or set(layer) - {"description", "owner", "error_budget"}:
            errors.append(f"layer {name!r}: only description, owner and error_budget are allowed")
    for cid, c in comps.items():
        if not isinstance(c, dict):
            errors.append(f"{cid}: not a mapping")
            continue
        bad = set(c) - COMPONENT_KEYS
        if bad:
            errors.append(f"{cid}: unknown keys {sorted(bad)}")
        if c.get("kind") not in KINDS:
            errors.append(f"{cid}: bad kind {c.get('kind')!r}")
        for key in ("owner", "description", "layer", "provider", "sla"):
            if key in c and not isinstance(c[key], str):
                errors.append(f"{cid}: {key} is not a string")
        if "provider" in c and c["kind"] not in {"model", "agent", "external", "guardrail"}:
            errors.append(f"{cid}: provider on kind {c['kind']}")
        if c.get("trust", "trusted") not in {"trusted", "untrusted"}:
            errors.append(f"{cid}: bad trust")
        if c.get("on_failure", "closed") not in {"closed", "open"}:
            errors.append(f"{cid}: bad on_failure")
        for item in c.get("data", []) or []:
            if isinstance(item, dict):
                if set(item) - DATA_KEYS or not isinstance(item.get("name"), str):
                    errors.append(f"{cid}: bad data item {item!r}")
                if "personal" in item and not isinstance(item["personal"], bool):
                    errors.append(f"{cid}: personal is not a bool in {item!r}")
            elif not isinstance(item, str):
                errors.append(f"{cid}: bad data item {item!r}")
        for con in c.get("constraints", []) or []:
            if c["kind"] not in AI:
                errors.append(f"{cid}: constraints on kind {c['kind']}")
            if not isinstance(con, dict) or set(con) != {"rule", "enforced_by"} \
                    or con["enforced_by"] not in {"prompt", "code", "permission", "human"}:
                errors.append(f"{cid}: bad constraint {con!r}")
        if "evaluation" in c:
            ev = c["evaluation"]
            if c["kind"] not in AI:
                errors.append(f"{cid}: evaluation on kind {c['kind']}")
            if not ((isinstance(ev, str) and ev.strip()) or
                    (isinstance(ev, dict) and not set(ev) - {"set", "gate"})):
                errors.append(f"{cid}: bad evaluation {ev!r}")
        if "error_budget" in c and not isinstance(c["error_budget"], dict):
            errors.append(f"{cid}: error_budget is not a mapping")
        for a in c.get("actions", []) or []:
            if not isinstance(a, dict) or set(a) - ACTION_KEYS or not isinstance(a.get("name"), str):
                errors.append(f"{cid}: bad action {a!r}")
                continue
            for ref in ("gate", "appeal"):
                if ref in a and a[ref] not in comps:
                    errors.append(f"{cid}.{a['name']}: {ref} {a[ref]!r} names no component")
        fb = c.get("fallback")
        for ref in ([fb] if isinstance(fb, str) else (fb or [])):
            if ref not in comps:
                errors.append(f"{cid}: fallback {ref!r} names no component")
    flows = []
    for f in doc.get("flows", []) or []:
        pf = parse_flow(f, errors)
        if pf is None:
            continue
        for end in ("from", "to"):
            if pf[end] not in comps:
                errors.append(f"flow {f!r}: {end} {pf[end]!r} names no component")
        flows.append(pf)
    return errors, comps, flows


def fallbacks(c):
    fb = c.get("fallback")
    return [fb] if isinstance(fb, str) else list(fb or [])


def predict(doc, comps, flows):
    """Return the set of (rule, component) pairs an exact reading of FORMAT.md gives."""
    out = set()
    layers = doc.get("layers") or {}
    default_owner = (doc.get("defaults") or {}).get("owner")
    kind = {cid: c["kind"] for cid, c in comps.items()}
    human = {cid for cid, k in kind.items() if k == "human"}

    def is_ai(cid):
        return kind[cid] in AI

    def served_guardrail(cid):
        return kind[cid] == "guardrail" and "provider" in comps[cid]

    def untrusted(cid):
        c = comps[cid]
        return c.get("trust", "untrusted" if kind[cid] in {"interface", "external"} else "trusted") == "untrusted"

    def personal(cid):
        return any(isinstance(i, dict) and i.get("personal") is True for i in comps[cid].get("data", []) or [])

    # core rules
    for cid, c in comps.items():
        layer = layers.get(c.get("layer"), {}) if isinstance(layers.get(c.get("layer")), dict) else {}
        if not (c.get("owner") or layer.get("owner") or default_owner):
            out.add(("missing-owner", cid))
        if kind[cid] != "human" and not (c.get("error_budget") or layer.get("error_budget")):
            out.add(("missing-error-budget", cid))
        if kind[cid] in {"model", "agent", "external"} and not fallbacks(c):
            out.add(("missing-fallback", cid))
        if (is_ai(cid) or served_guardrail(cid)):
            if not any(f["kind"] == "feedback" and f["to"] == cid for f in flows):
                out.add(("missing-feedback-loop", cid))
            if "evaluation" not in c:
                out.add(("unevaluated-model", cid))
        if kind[cid] == "guardrail" and "on_failure" not in c:
            out.add(("guardrail-failure-undeclared", cid))
        # fallback chain
        seen, queue, cyc = set(), deque(fallbacks(c)), False
        while queue:
            n = queue.popleft()
            if n == cid:
                cyc = True
                continue
            if n in seen or n not in comps:
                continue
            seen.add(n)
            queue.extend(fallbacks(comps[n]))
        if cyc:
            out.add(("fallback-cycle", cid))
        if is_ai(cid) and "provider" in c and seen:
            prov = c["provider"].lower()
            if all(is_ai(n) and comps[n].get("provider", "").lower() == prov for n in seen):
                out.add(("fallback-same-provider", cid))

    # graphs: all flows (core rule), data flows with call returns (AI-risk rules)
    all_succ = {cid: set() for cid in comps}
    data_succ = {cid: set() for cid in comps}
    for f in flows:
        all_succ[f["from"]].add(f["to"])
        if f["kind"] == "data":
            data_succ[f["from"]].add(f["to"])
            if kind[f["from"]] in {"agent", "orchestrator"} and kind[f["to"]] in CALLEES:
                data_succ[f["to"]].add(f["from"])

    def reach(starts, succ, blocked):
        """Nodes reachable by a path of >= 1 step that enters no node in blocked."""
        seen, queue = set(), deque(starts)
        while queue:
            n = queue.popleft()
            for m in succ[n]:
                if m not in blocked and m not in seen:
                    seen.add(m)
                    queue.append(m)
        return seen

    ai_nodes = [cid for cid in comps if is_ai(cid)]
    from_ai_all = reach(ai_nodes, all_succ, human)
    from_ai_data = reach(ai_nodes, data_succ, human)
    from_untrusted = reach([c for c in comps if untrusted(c)], data_succ, human)

    def ungated(a):
        return a.get("reversible", True) is False and a.get("gate") not in human

    irreversible_targets = {cid for cid, c in comps.items() if any(ungated(a) for a in c.get("actions", []) or [])}
    binding_sources = {f["from"] for f in flows if f["binding"]}

    for cid, c in comps.items():
        for a in c.get("actions", []) or []:
            if ungated(a) and (is_ai(cid) or cid in from_ai_all):
                out.add(("ungated-irreversible-action", cid))
            if a.get("adverse") is True and a.get("appeal") not in human and a.get("gate") not in human \
                    and (is_ai(cid) or cid in from_ai_data):
                out.add(("adverse-action-without-appeal", cid))
        if is_ai(cid):
            r = reach([cid], data_succ, human)
            leg1 = cid in from_untrusted
            leg2 = personal(cid) or any(f["kind"] == "data" and f["to"] == cid and personal(f["from"]) for f in flows) \
                or (kind[cid] == "agent" and any(f["kind"] == "data" and f["from"] == cid and personal(f["to"]) for f in flows))
            leg3 = any(kind[n] == "external" for n in r)
            if leg1 and leg2 and leg3:
                out.add(("lethal-trifecta", cid))
            if any(con.get("enforced_by") == "prompt" for con in c.get("constraints", []) or []):
                if cid in irreversible_targets or r & irreversible_targets:
                    out.add(("prompt-only-constraint", cid))
        if kind[cid] == "guardrail" and c.get("on_failure") == "open":
            on_path = cid in from_untrusted or untrusted(cid)
            downstream = reach([cid], data_succ, human) | {cid}
            if on_path and downstream & (irreversible_targets | binding_sources):
                out.add(("fail-open-guardrail", cid))

    guardrails = {cid for cid in comps if kind[cid] == "guardrail"}
    for f in flows:
        if not f["binding"]:
            continue
        s = f["from"]
        if is_ai(s):
            out.add(("unverified-binding-output", s))
            continue
        if kind[s] == "orchestrator" and any(g["kind"] == "data" and g["from"] == s and g["to"] in guardrails for g in flows):
            continue
        if s in reach(ai_nodes, data_succ, human | guardrails):
            out.add(("unverified-binding-output", s))
    return out


def main(argv):
    here = Path(__file__).resolve().parent
    files = [Path(a) for a in argv] or sorted(here.glob("*.yaml"))
    failed = False
    per_rule = {}
    for path in files:
        try:
            doc = yaml.load(path.read_text(), Loader=UniqueKeyLoader)
        except yaml.YAMLError as exc:
            print(f"{path.name}: YAML error: {exc}")
            failed = True
            continue
        errors, comps, flows = validate(doc)
        expected = doc.get("x-expected") if isinstance(doc, dict) else None
        if not isinstance(expected, list) or not expected:
            errors.append("x-expected missing or empty")
            expected = []
        if not isinstance(doc.get("x-reviewer-would-also-raise"), list):
            errors.append("x-reviewer-would-also-raise missing")
        pairs = set()
        for e in expected:
            if not isinstance(e, dict) or set(e) - {"rule", "component", "count", "verdict", "why"} \
                    or e.get("rule") not in RULES \
                    or not isinstance(e.get("count", 1), int) \
                    or e.get("verdict") not in {"true-positive", "false-positive"} \
                    or not isinstance(e.get("why"), str):
                errors.append(f"bad x-expected entry {e!r}")
                continue
            if e.get("component") is not None and e["component"] not in comps:
                errors.append(f"x-expected names unknown component {e['component']!r}")
            pair = (e["rule"], e.get("component"))
            if pair in pairs:
                errors.append(f"x-expected lists {pair} twice")
            pairs.add(pair)
        for err in errors:
            print(f"{path.name}: error: {err}")
        if errors:
            failed = True
            continue
        predicted = predict(doc, comps, flows)
        for rule, comp in sorted(predicted - pairs):
            print(f"{path.name}: predicted but not expected: {rule} on {comp}")
        for rule, comp in sorted(pairs - predicted):
            print(f"{path.name}: expected but not predicted: {rule} on {comp}")
        if predicted != pairs:
            failed = True
        for e in expected:
            tally = per_rule.setdefault(e["rule"], [0, 0])
            tally[0 if e["verdict"] == "true-positive" else 1] += e.get("count", 1)
        tp = sum(e.get("count", 1) for e in expected if e["verdict"] == "true-positive")
        total = sum(e.get("count", 1) for e in expected)
        status = "ok" if predicted == pairs else "MISMATCH"
        print(f"{path.name}: {status}: {len(comps)} components, {len(flows)} flows, "
              f"{total} expected findings ({tp} true, {total - tp} false positives)")
    if per_rule:
        print("\nrule                             true  false")
        for rule in sorted(per_rule):
            t, f = per_rule[rule]
            print(f"{rule:32} {t:4}  {f:5}")
        t = sum(v[0] for v in per_rule.values())
        f = sum(v[1] for v in per_rule.values())
        print(f"{'total':32} {t:4}  {f:5}   precision {t / (t + f):.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
