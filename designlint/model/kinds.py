"""Every kind vocabulary of the design format, once (FORMAT.md "Components" and "Flows")."""

from __future__ import annotations

KINDS = ("interface", "service", "orchestrator", "agent", "model", "rule",
         "datastore", "queue", "external", "human", "monitor", "guardrail")
AI_KINDS = frozenset({"model", "agent"})
FLOW_KINDS = ("data", "feedback", "escalation")

# FORMAT.md rev. 2 vocabularies: `trust`, `on_failure`, a constraint's `enforced_by`.
TRUST_LEVELS = ("trusted", "untrusted")
UNTRUSTED_BY_DEFAULT = frozenset({"interface", "external"})  # what users or third parties write
ON_FAILURE = ("closed", "open")
ENFORCED_BY = ("prompt", "code", "permission", "human")

# Kinds that can fail and so need a fallback (missing-fallback).
CAN_FAIL = ("model", "agent", "external")
# Kinds where a flow's content is delivered: it reaches a person, a store or the outside (dead-end).
OUTLET_KINDS = frozenset({"interface", "human", "external", "datastore"})
# Kinds whose data flows out are calls that get an answer back, and kinds that answer a call.
CALLERS = frozenset({"orchestrator", "agent"})
ANSWERERS = frozenset({"service", "orchestrator", "agent", "model", "rule", "datastore", "external", "guardrail"})
# Kinds where a request path ends for the budget arithmetic, and kinds that take work off it.
PATH_ENDS = frozenset({"interface", "human", "monitor"})
ASYNC = frozenset({"queue"})
