"""The budget rules' walk as it was before the linear one: one walk per interface, with issue 13's arithmetic.

Kept only as the reference the linear walk is compared with
(tests/rules/test_linear_rules_differential.py). The rules themselves, their
arithmetic per step and their messages are the shipped ones
(designlint.rules.budget_paths); only `_worst_paths` is this walk, and it gives
each path in full (`budget_paths.Worst`, whose facts for the messages are read
off the path), where the shipped walk keeps next-step pointers and folds along
them (`budget_paths._Chain`).
"""

from __future__ import annotations

from contextlib import contextmanager

from designlint.rules import budget_paths
from designlint.rules.budget_paths import Worst, _latency, _next_steps, _step_availability, _through


def _request_dag(design, start: str) -> tuple[list[str], set[tuple[str, str]]]:
    """The nodes a request from `start` can reach, each after all it leads to, and the steps cut from loops.

    A request does not go round a loop: where request flows loop, the step that
    closes the loop in a depth-first walk (next steps in id order) is cut, so what
    is left is acyclic and the worst path is found exactly, in linear time,
    instead of enumerating paths (exponential on a tangled design).
    """
    state: dict[str, int] = {start: 1}  # 1: on the current path, 2: done
    order: list[str] = []
    cut: set[tuple[str, str]] = set()
    stack = [(start, iter(_next_steps(design, start, True)))]
    while stack:
        node, nexts = stack[-1]
        nxt = next(nexts, None)
        if nxt is None:
            stack.pop()
            state[node] = 2
            order.append(node)
        elif state.get(nxt) == 1:
            cut.add((node, nxt))
        elif nxt not in state:
            state[nxt] = 1
            stack.append((nxt, iter(_next_steps(design, nxt, False))))
    return order, cut


def _worst_in_dag(design, start: str, order: list[str], cut: set[tuple[str, str]]):
    """Exact worst paths by dynamic programming over the DAG of one interface's walk."""
    slow: dict[str, Worst] = {}
    weak: dict[str, Worst] = {}
    for node in order:  # every node after the nodes it leads to
        nexts = [n for n in _next_steps(design, node, node == start) if (node, n) not in cut]
        own_latency = 0.0 if node == start else _latency(design, node)
        own_availability = 1.0 if node == start else _step_availability(design, node)
        slowest_next = max((slow[n] for n in nexts), key=lambda w: w.value, default=None)
        weakest_next = min((weak[n] for n in nexts), key=lambda w: w.value, default=None)
        slow[node] = Worst(_through(design, node, own_latency, slowest_next.value if slowest_next else 0.0),
                           (node, *(slowest_next.path if slowest_next else ())))
        weak[node] = Worst(own_availability * (weakest_next.value if weakest_next else 1.0),
                           (node, *(weakest_next.path if weakest_next else ())))
    if len(slow[start].path) == 1:
        return None, None
    return slow[start], weak[start]


def _worst_paths(design, start: str):
    order, cut = _request_dag(design, start)
    return _worst_in_dag(design, start, order, cut)


@contextmanager
def _reference_walk():
    shipped = budget_paths._worst_paths
    budget_paths._worst_paths = _worst_paths
    try:
        yield
    finally:
        budget_paths._worst_paths = shipped


def latency_budget_exceeded(design):
    with _reference_walk():
        return list(budget_paths.latency_budget_exceeded(design))


def availability_budget_exceeded(design):
    with _reference_walk():
        return list(budget_paths.availability_budget_exceeded(design))
