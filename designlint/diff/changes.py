"""How two versions of one design differ: components added, removed and changed, flows added and removed.

A component is matched by its id. It has changed when a field as written
(`kind`, `owner`, `fallback`, `actions`...) differs; positions and `x-`
extension fields do not count. A flow is written `a -> b`, followed by
` (kind: label)` when it has a kind other than data or a label (FORMAT.md);
flows are compared as that text, counting repeats, so a flow written twice and
then once is one removal.
"""

from __future__ import annotations

from collections import Counter

from designlint.model import Component, Design, Flow


def flow_text(flow: Flow) -> str:
    """`a -> b`, `a -> b (feedback)`, `a -> b (feedback: outcome labels)` or `a -> b (data: nightly)`."""
    text = f"{flow.source.id} -> {flow.target.id}"
    if flow.kind != "data" or flow.label:
        text += f" ({flow.kind}{': ' + flow.label if flow.label else ''})"
    return text


def changed_fields(old: Component, new: Component) -> list[str]:
    """The fields whose value differs, in the new component's order, then those only the old one has."""
    names = [k for k in new.fields if not _extension(k)]
    names += [k for k in old.fields if k not in new.fields and not _extension(k)]
    return [k for k in names if _plain(old.fields.get(k)) != _plain(new.fields.get(k))]


def components(old: Design | None, new: Design | None) -> tuple[list[str], list[str], list[tuple[str, list[str]]]]:
    """(added ids in the new file's order, removed ids in the old file's order, [(id, changed fields)])."""
    before = old.components if old else {}
    after = new.components if new else {}
    added = [cid for cid in after if cid not in before]
    removed = [cid for cid in before if cid not in after]
    changed = []
    for cid, comp in after.items():
        if cid in before:
            fields = changed_fields(before[cid], comp)
            if fields:
                changed.append((cid, fields))
    return added, removed, changed


def flows(old: Design | None, new: Design | None) -> tuple[list[Flow], list[Flow]]:
    """(flows added, in the new file's order; flows removed, in the old file's order)."""
    before = old.flows if old else ()
    after = new.flows if new else ()
    return _surplus(after, before), _surplus(before, after)


def _surplus(these, others) -> list[Flow]:
    """The flows of `these` left over once each of `others` has cancelled one with the same text."""
    left = Counter(flow_text(f) for f in others)
    out = []
    for flow in these:
        text = flow_text(flow)
        if left[text]:
            left[text] -= 1
        else:
            out.append(flow)
    return out


def _extension(name) -> bool:
    return isinstance(name, str) and name.startswith("x-")


def _plain(value):
    """The value as plain data: mappings without their `x-` keys, so that only what designlint reads counts."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not _extension(k)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
