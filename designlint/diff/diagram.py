"""Both versions of one design in one picture: what the change added, removed and changed.

Built on designlint.render's building blocks (escape.py for every user
string, style.py for the shape of each kind and flow, layout.py to run
Graphviz), with a look of its own:

- added components, flows and fallbacks in bluish green (Okabe-Ito #009E73), marked `+`;
- removed ones kept where they were, grey and dashed, their names struck through, marked `-`;
- changed components with a blue border and the changed fields listed;
- an introduced finding as a badge `✗ rule (new)` with a thick vermillion border (`~ rule (new,
  waived)` and no border when its waiver accepts it); a fixed one struck through; a removed
  safeguard as `⚠ removed gate: ...`.

Colour is never the only cue: each state also has its mark, a border style or a strike.
"""

from __future__ import annotations

from dataclasses import dataclass

from designlint.render.escape import dot_string, html, mermaid_text, svg_titles
from designlint.render.style import EDGES, FONT, KINDS, MISSING_KIND

ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"
LOOK = {  # state -> (fill, border, border style, mark)
    ADDED: ("#D5F2E3", "#009E73", "solid", "+"),
    REMOVED: ("#EEEEEE", "#999999", "dashed", "\u2212"),
    CHANGED: ("#D4E9F7", "#0072B2", "solid", "~"),
    SAME: ("#FFFFFF", "#888888", "solid", ""),
}
INTRODUCED_BORDER = "#D55E00"
EDGE_COLORS = {ADDED: "#009E73", REMOVED: "#999999"}


class DiagramError(ValueError):
    """The diff cannot be drawn as asked: several systems and no --system, an unknown format, no layout."""


@dataclass(frozen=True)
class Box:
    id: str
    kind: str | None
    state: str
    notes: tuple[tuple[str, str], ...] = ()  # (text, how: "new", "waived", "fixed", "safeguard", "fields")

    @property
    def introduced(self) -> bool:
        return any(how == "new" for _, how in self.notes)


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    kind: str  # a flow kind, or fallback
    state: str
    label: str | None = None


@dataclass(frozen=True)
class Picture:
    system: str
    title: str
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]


def picture(diff, system: str | None = None) -> Picture:
    """The Picture of one system of `diff`: the only one, or the one `system` names."""
    pair = _pair(diff, system)
    old, new = pair.old, pair.new
    before = old.components if old else {}
    after = new.components if new else {}
    changed = {c.component: c.fields for c in diff.components_changed if c.system == pair.system}
    notes: dict[str, list[tuple[str, str]]] = {}
    for s in diff.removed_safeguards:
        if s.system == pair.system:
            notes.setdefault(s.component, []).append((f"\u26a0 removed {s.what}: {s.detail}", "safeguard"))
    for f in pair.introduced:
        if f.component:
            note = (f"~ {f.rule} (new, waived)", "waived") if f.waived else (f"\u2717 {f.rule} (new)", "new")
            notes.setdefault(f.component, []).append(note)
    for f in pair.fixed:
        if f.component:
            notes.setdefault(f.component, []).append((f"\u2714 {f.rule} (fixed)", "fixed"))
    boxes = []
    for cid, comp in after.items():
        state = ADDED if cid not in before else CHANGED if cid in changed else SAME
        extra = [(f"changed: {', '.join(changed[cid])}", "fields")] if cid in changed else []
        boxes.append(Box(cid, comp.kind, state, tuple(extra + notes.get(cid, []))))
    for cid, comp in before.items():
        if cid not in after:
            boxes.append(Box(cid, comp.kind, REMOVED, tuple(notes.get(cid, []))))
    arrows = _arrows(diff, pair)
    known = {b.id for b in boxes}
    for end in dict.fromkeys(e for a in arrows for e in (a.source, a.target)):
        if end not in known:  # named by a flow or fallback, defined by no component
            boxes.append(Box(end, None, SAME))
    counts = (f"{len(pair.introduced)} finding{'s' * (len(pair.introduced) != 1)} introduced, "
              f"{len(pair.fixed)} fixed")
    title = f"{pair.system}: what changed ({counts})"
    return Picture(pair.system, title, tuple(boxes), tuple(arrows))


def _pair(diff, system: str | None):
    pairs = list(diff.pairs)
    if system is not None:
        named = [p for p in pairs if p.system == system]
        if not named:
            from designlint.util.suggest import suggest

            raise DiagramError(f"`{system}` is not a system of this diff{suggest(system, diff.systems)}")
        return named[0]
    if not pairs:
        raise DiagramError("no design to draw: neither version holds one")
    if len(pairs) > 1:
        raise DiagramError(f"--diagram draws one design, but this diff holds {len(pairs)} "
                           f"({', '.join(p.system for p in pairs)}): choose one with --system")
    return pairs[0]


def _arrows(diff, pair) -> list[Arrow]:
    added = {id(f.flow) for f in diff.flows_added if f.system == pair.system}
    removed = [f.flow for f in diff.flows_removed if f.system == pair.system]
    out = []
    for flow in (pair.new.flows if pair.new else ()):
        state = ADDED if id(flow) in added else SAME
        out.append(Arrow(flow.source.id, flow.target.id, flow.kind, state, flow.label))
    out.extend(Arrow(f.source.id, f.target.id, f.kind, REMOVED, f.label) for f in removed)
    old = pair.old.components if pair.old else {}
    new = pair.new.components if pair.new else {}
    for cid, comp in new.items():
        was = [r.id for r in old[cid].fallback] if cid in old else []
        for rank, ref in enumerate(comp.fallback, 1):
            label = "fallback" if len(comp.fallback) == 1 else f"fallback {rank}"
            out.append(Arrow(cid, ref.id, "fallback", SAME if ref.id in was else ADDED, label))
    for cid, comp in old.items():
        now = [r.id for r in new[cid].fallback] if cid in new else []
        out.extend(Arrow(cid, ref.id, "fallback", REMOVED, "fallback") for ref in comp.fallback if ref.id not in now)
    return out


# DOT ---------------------------------------------------------------------------------------------

def _font(text: str, size: int = 9, color: str | None = None, bold: bool = False, strike: bool = False) -> str:
    if strike:
        text = f"<S>{text}</S>"
    if bold:
        text = f"<B>{text}</B>"
    return f'<FONT POINT-SIZE="{size}"' + (f' COLOR="{color}"' if color else "") + f">{text}</FONT>"


_NOTE_COLORS = {"new": "#A33A00", "waived": "#666666", "fixed": "#555555", "safeguard": "#A33A00",
                "fields": "#0072B2"}


def _label(box: Box) -> str:
    style = KINDS.get(box.kind, MISSING_KIND)
    mark = LOOK[box.state][3]
    name = html((mark + " " if mark else "") + box.id)
    rows = [_font(html(style.tag), 9, "#444444"), _font(name, 12, bold=True, strike=box.state == REMOVED)]
    for text, how in box.notes:
        rows.append(_font(html(text), 9, _NOTE_COLORS[how], bold=how in ("new", "safeguard"), strike=how == "fixed"))
    body = "".join(f'<TR><TD ALIGN="LEFT">{r}</TD></TR>' for r in rows)
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{body}</TABLE>>'


def _names(pic: Picture) -> dict[str, str]:
    """Each id -> its node name, n0, n1... in box order: injective and never special to Graphviz or
    Mermaid, whatever the id holds (as designlint.render.escape.node_names); the id is in the label."""
    names = {box.id: f"n{i}" for i, box in enumerate(pic.boxes)}
    for arrow in pic.arrows:
        for end in (arrow.source, arrow.target):
            names.setdefault(end, f"n{len(names)}")
    return names


def to_dot(pic: Picture) -> str:
    """DOT text for the picture (every id and string quoted and escaped; nodes named n0, n1...)."""
    names = _names(pic)
    lines = [f"digraph {dot_string(pic.system)} {{",
             f"  graph [label={dot_string(pic.title)}, labelloc=t, labeljust=l, fontname={dot_string(FONT)}, "
             "rankdir=LR, nodesep=0.3, ranksep=0.6];",
             f"  node [fontname={dot_string(FONT)}, margin=\"0.12,0.06\"];",
             f"  edge [fontname={dot_string(FONT)}, fontsize=9];"]
    for box in pic.boxes:
        fill, border, line, _ = LOOK[box.state]
        style = KINDS.get(box.kind, MISSING_KIND)
        words = ["filled", line] + ([style.dot_style] if style.dot_style else [])
        width = "3" if box.introduced else "2" if box.state != SAME else "1"
        color = INTRODUCED_BORDER if box.introduced else border
        lines.append(f"  {names[box.id]} [label={_label(box)}, tooltip={dot_string(box.id)}, shape={style.dot_shape}, "
                     f"peripheries={style.dot_peripheries}, style={dot_string(','.join(dict.fromkeys(words)))}, "
                     f"fillcolor={dot_string(fill)}, color={dot_string(color)}, penwidth={width}, "
                     f"class={dot_string(f'diff-{box.state}')}];")
    for arrow in pic.arrows:
        look = EDGES[arrow.kind]
        color = EDGE_COLORS.get(arrow.state, look.color)
        style = "dashed" if arrow.state == REMOVED or arrow.kind == "fallback" else look.style
        attrs = [f"color={dot_string(color)}", f"style={style}", f"arrowhead={look.arrowhead}",
                 f"penwidth={'2.5' if arrow.state == ADDED else look.penwidth}",
                 f"class={dot_string(f'diff-{arrow.state} flow-{arrow.kind}')}"]
        mark = {ADDED: "+ ", REMOVED: "\u2212 "}.get(arrow.state, "")
        if arrow.label or mark:
            text = html(mark + (arrow.label or ""))
            if arrow.state == REMOVED:
                text = f"<S>{text}</S>"
            attrs.append(f'label=<<FONT COLOR="{color}">{text}</FONT>>')
        lines.append(f"  {names[arrow.source]} -> {names[arrow.target]} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# Mermaid -----------------------------------------------------------------------------------------

def to_mermaid(pic: Picture) -> str:
    """A Mermaid flowchart: states as classDefs, removed flows dashed, names of removed parts struck (<s>)."""
    names = _names(pic)
    out = ["---", f'title: "{mermaid_text(pic.title)}"', "---", "flowchart LR"]
    for box in pic.boxes:
        style = KINDS.get(box.kind, MISSING_KIND)
        mark = LOOK[box.state][3]
        name = mermaid_text((mark + " " if mark else "") + box.id)
        lines = [f"<small>{mermaid_text(style.tag)}</small>",
                 f"<b><s>{name}</s></b>" if box.state == REMOVED else f"<b>{name}</b>"]
        for text, how in box.notes:
            lines.append(f"<s>{mermaid_text(text)}</s>" if how == "fixed" else mermaid_text(text))
        out.append(f'  {names[box.id]}{style.mermaid_open}"{"<br/>".join(lines)}"{style.mermaid_close}')
    links: dict[str, list[int]] = {}
    for i, arrow in enumerate(pic.arrows):
        look = EDGES[arrow.kind]
        arrow_text = "-.->" if arrow.state == REMOVED else look.mermaid_arrow
        mark = {ADDED: "+ ", REMOVED: "\u2212 "}.get(arrow.state, "")
        label = mermaid_text(mark + (arrow.label or ""))
        if arrow.state == REMOVED:
            label = f"<s>{label}</s>"
        label_part = f'|"{label}"|' if arrow.label or mark else ""
        out.append(f"  {names[arrow.source]} {arrow_text}{label_part} {names[arrow.target]}")
        links.setdefault(arrow.state, []).append(i)
    for state, (fill, border, line, _) in LOOK.items():
        dash = ",stroke-dasharray:5 3" if line == "dashed" else ""
        out.append(f"  classDef {state} fill:{fill},stroke:{border},stroke-width:2px,color:#000000{dash}")
    out.append(f"  classDef introduced stroke:{INTRODUCED_BORDER},stroke-width:4px")
    by_state: dict[str, list[str]] = {}
    for box in pic.boxes:
        by_state.setdefault(box.state, []).append(names[box.id])
    for state in LOOK:
        if state in by_state:
            out.append(f"  class {','.join(by_state[state])} {state}")
    introduced = [names[b.id] for b in pic.boxes if b.introduced]
    if introduced:
        out.append(f"  class {','.join(introduced)} introduced")
    for state, indices in links.items():
        if state in EDGE_COLORS:
            dash = ",stroke-dasharray:5 3" if state == REMOVED else ""
            out.append(f"  linkStyle {','.join(map(str, indices))} stroke:{EDGE_COLORS[state]},stroke-width:2px{dash}")
    return "\n".join(out) + "\n"


def draw(diff, output: str, system: str | None = None, timeout: float = 60.0) -> bytes:
    """The picture as the format `output`'s extension names (.dot/.gv, .mmd/.mermaid, .svg, .png, .pdf)."""
    from designlint.render import format_for
    from designlint.render import layout

    fmt = format_for(output)
    if fmt is None:
        raise DiagramError(f"cannot tell the format of `{output}`: name it .svg, .png, .pdf, .dot or .mmd")
    pic = picture(diff, system)
    if fmt == "mermaid":
        return to_mermaid(pic).encode("utf-8")
    text = to_dot(pic)
    if fmt == "dot":
        return text.encode("utf-8")
    try:
        data = layout.run(text, fmt, timeout)[0]
    except layout.LayoutError as exc:
        raise DiagramError(str(exc)) from None
    return svg_titles(data, _names(pic)) if fmt == "svg" else data
