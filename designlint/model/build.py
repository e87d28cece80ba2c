"""Build the model: the one place where loaded data becomes a Design.

load(path) and loads(text) read one YAML design; load_designs(path) reads the
designs of a Markdown file. Each goes read -> YAML with marks -> schema ->
build(); every failure is an InputError (or InputErrors) at file:line:col.
"""

from __future__ import annotations

from types import MappingProxyType

from designlint.errors import InputError, InputErrors
from designlint.loading import is_markdown, schema, yamlsource
from designlint.loading.location import Location
from designlint.model import Action, Component, Constraint, DataItem, Design, Flow, Ref
from designlint.util.text import stripped, text_or_none


def load(path: str, display: str | None = None) -> Design:
    """The Design in `path`; raises InputError or InputErrors when it cannot be read."""
    name = display or path
    return loads(yamlsource.read_text(path, name), name)


def loads(text: str, name: str = "<string>", line_offset: int = 0, column_offset: int = 0) -> Design:
    """The Design in a YAML string, `name` standing for its file in locations.

    The offsets place the text inside a larger file, such as a fenced block in Markdown.
    """
    data = yamlsource.parse(text, name, line_offset, column_offset)
    schema.validate(data, name, "design")
    return build(data, name)


def load_designs(path: str, display: str | None = None) -> tuple[list[Design], list[InputError]]:
    """The designs in a Markdown file and the input errors of those that could not be read.

    One bad block does not hide the others: each is loaded on its own. In a
    file with no design block, each ```yaml fence that lacks only its
    `designlint: 1` key is an input error (it would be passed over silently).
    """
    name = display or path
    try:
        text = yamlsource.read_text(path, name)
    except InputError as exc:
        return [], [exc]
    return _markdown_designs(text, name)


def designs_in_text(text: str, name: str) -> tuple[list[Design], list[InputError]]:
    """The designs in a file's text (Markdown when `name` ends .md or .markdown, else one YAML design)
    and the input errors of those that could not be read; for text that is not on disk (standard
    input, a file at a git revision)."""
    if is_markdown(name):
        return _markdown_designs(text, name)
    try:
        return [loads(text, name)], []
    except InputError as exc:
        return [], [exc]
    except InputErrors as exc:
        return [], list(exc.errors)


def _markdown_designs(text: str, name: str) -> tuple[list[Design], list[InputError]]:
    designs: list[Design] = []
    errors: list[InputError] = []
    from designlint.loading import markdown  # only for Markdown files

    blocks = markdown.design_blocks(text)
    if not blocks:  # a design missing only its `designlint: 1` is an error, never "No problems found"
        near = markdown.near_designs(text)
        errors = [InputError(name, line, 1, "this ```yaml block has `system:` and `components:` but no "
                             "`designlint: 1` key, so it is not read as a design: add `designlint: 1` as its "
                             "first line (or open the fence with ```designlint)") for line in near]
        return [], errors
    for block in blocks:
        try:
            designs.append(loads(block.text, name, block.line_offset, block.column_offset))
        except InputError as exc:
            if exc.message.startswith("empty file"):  # yamlsource speaks of files; this is one fenced block
                exc = InputError(exc.file, block.line_offset, 1, "empty design block: a design needs "
                                 "`designlint: 1`, `system` and `components` (or mark the fence an illustration "
                                 "with `designlint-ignore`)")
            errors.append(exc)
        except InputErrors as exc:
            errors.extend(exc.errors)
    return designs, errors


def build(data, file: str) -> Design:
    """A Design from YAML data that has passed the design schema."""

    def loc(mark) -> Location:
        return Location(file, mark[0], mark[1])

    comps_data = data["components"]
    layers = data.get("layers") or {}
    default_owner = _blank_is_none((data.get("defaults") or {}).get("owner"))
    components = {}
    for cid, body in comps_data.items():
        components[cid] = _component(cid, body, loc(comps_data.key_marks[cid]), loc, layers, default_owner)
    flows = []
    raw_flows = data.get("flows") or []
    for index, entry in enumerate(raw_flows):
        flows.extend(_flows(entry, index, loc(raw_flows.item_marks[index]), loc))
    return Design(
        file=file,
        system=data["system"],
        description=data.get("description"),
        components=MappingProxyType(components),
        flows=tuple(flows),
        location=loc(data.mark),
        data=data,
        layers=MappingProxyType({name: MappingProxyType(dict(body or {})) for name, body in layers.items()}),
        default_owner=default_owner,
    )


def _blank_is_none(value) -> str | None:
    return text_or_none(value) if stripped(value) else None


def _inherited(body, layers, default_owner: str | None, field_locations: dict, loc) -> dict:
    """The component's owner and error budget resolved (FORMAT.md rev 2, "Defaults: layers and the design"),
    as the Component's keyword arguments; `field_locations` gains the inherited budget's place.

    owner: its own, else its layer's (when `layers` defines the layer), else `defaults.owner`;
    error_budget: its own, else its layer's. A blank owner and an empty budget count as none.
    An inherited budget's location is where the layer writes it, so findings point at the value.
    """
    owner = _blank_is_none(body.get("owner"))
    budget = body.get("error_budget")
    name = text_or_none(body.get("layer"))
    layer = (layers.get(name) or {}) if name is not None else {}
    out: dict = {"owner": owner, "error_budget": MappingProxyType(dict(budget or {}))}
    if owner is not None:
        out["owner_from"] = "own"
    elif _blank_is_none(layer.get("owner")):
        out.update(owner=layer["owner"], owner_from=f"layer {name}")
    elif default_owner:
        out.update(owner=default_owner, owner_from="defaults")
    if budget:
        out["error_budget_from"] = "own"
    elif layer.get("error_budget"):
        field_locations["error_budget"] = loc(layer.value_marks["error_budget"])
        out.update(error_budget=MappingProxyType(dict(layer["error_budget"])), error_budget_from=f"layer {name}")
    return out


def _refs(value, container, key: str, loc) -> tuple[Ref, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (Ref(value, loc(container.value_marks[key])),)
    return tuple(Ref(item, loc(value.item_marks[i])) for i, item in enumerate(value))


def _ref(mapping, key: str, loc) -> Ref | None:
    value = mapping.get(key)
    return Ref(value, loc(mapping.value_marks[key])) if value else None


def _items(body, key: str, loc):
    """(item, location) for each item of the list `body[key]` (none when absent or null)."""
    items = body.get(key) or []
    return [(item, loc(items.item_marks[i])) for i, item in enumerate(items)]


def _data_item(item, location: Location) -> DataItem:
    if isinstance(item, str):
        return DataItem(item, location)
    return DataItem(item["name"], location, personal=item.get("personal") is True,
                    retention=text_or_none(item.get("retention")), opt_out=item.get("opt_out"),
                    description=text_or_none(item.get("description")))


def _component(cid: str, body, location: Location, loc, layers=None, default_owner: str | None = None) -> Component:
    """The Component that `body` (its YAML mapping, schema-valid) states, owner and budget resolved (_inherited)."""
    actions = [
        Action(
            name=act["name"],
            reversible=act.get("reversible", True),
            gate=_ref(act, "gate", loc),
            location=where,
            description=text_or_none(act.get("description")),
            adverse=act.get("adverse", False),
            appeal=_ref(act, "appeal", loc),
        )
        for act, where in _items(body, "actions", loc)
    ]
    waive = body.get("waive") or {}
    field_locations = {name: loc(mark) for name, mark in body.value_marks.items()}
    resolved = _inherited(body, layers or {}, default_owner, field_locations, loc)
    return Component(
        id=cid,
        kind=body["kind"],
        location=location,
        description=text_or_none(body.get("description")),
        layer=text_or_none(body.get("layer")),
        fallback=_refs(body.get("fallback"), body, "fallback", loc),
        actions=tuple(actions),
        sla=text_or_none(body.get("sla")),
        waive=MappingProxyType(dict(waive)),
        waive_locations=MappingProxyType({r: loc(waive.key_marks[r]) for r in waive}),
        fields=body,
        field_locations=MappingProxyType(field_locations),
        provider=text_or_none(body.get("provider")),
        trust_declared=text_or_none(body.get("trust")),
        on_failure=text_or_none(body.get("on_failure")),
        constraints=tuple(Constraint(c["rule"], c["enforced_by"], where) for c, where in _items(body, "constraints", loc)),
        evaluation=body.get("evaluation"),
        data=tuple(_data_item(item, where) for item, where in _items(body, "data", loc)),
        **resolved,
    )


def _flows(entry, index: int, location: Location, loc) -> list[Flow]:
    if isinstance(entry, str):
        ends = [part.strip() for part in entry.split("->")]
        return [
            Flow(Ref(a, location), Ref(b, location), "data", location, None, index)
            for a, b in zip(ends, ends[1:])
        ]
    return [Flow(
        source=Ref(entry["from"], loc(entry.value_marks["from"])),
        target=Ref(entry["to"], loc(entry.value_marks["to"])),
        kind=entry.get("kind") or "data",
        location=location,
        label=text_or_none(entry.get("label")),
        index=index,
        binding=entry.get("binding", False),
    )]


__all__ = ["build", "designs_in_text", "load", "load_designs", "loads"]
