"""Views of a design too large to read in one picture: one layer, or one component's neighbourhood."""

from __future__ import annotations

from designlint.model import Design
from designlint.model.graph import Witnesses
from designlint.loading.schema import suggest


class ViewError(ValueError):
    """A view that names no component or layer of the design."""


def neighbourhood(design: Design, focus: str, depth: int) -> list[str]:
    """`focus` and every component within `depth` flows upstream or downstream of it, and its fallbacks."""
    if focus not in design.components:
        raise ViewError(f"`{focus}` is not a component of `{design.system}`{suggest(focus, design.components)}")
    graph = design.graph
    near = {focus}
    for reverse in (False, True):
        witnesses = Witnesses(graph.search([focus], reverse=reverse))  # depths memoised: O(V + E), not O(V * depth)
        near.update(n for n in witnesses.nodes() if witnesses.depth(n) <= depth)
    near.update(graph.fallback_chain(focus))
    return [cid for cid in design.components if cid in near]


def layer(design: Design, name: str) -> list[str]:
    """The components of one layer."""
    layers = {c.layer for c in design.components.values() if c.layer}
    if name not in layers:
        known = ", ".join(f"`{n}`" for n in sorted(layers)) or "none"
        raise ViewError(f"`{name}` is not a layer of `{design.system}`{suggest(name, layers)} (layers: {known})")
    return [cid for cid, c in design.components.items() if c.layer == name]
