"""How readable a laid-out diagram is: edge crossings and overlapping edge labels, from `dot -Tjson` geometry.

    python bench/crossings.py                 # one row per example: crossings, label overlaps
    python bench/crossings.py FILE.dot ...    # the same for DOT files

Each edge's drawn path (the cubic Bézier pieces of its `_draw_` "b"/"B"
operations, Graphviz's xdot format) is flattened into SAMPLES straight
segments per piece; two edges cross where two of their segments intersect
(edges that share an end node are not compared: their meeting there is not
a crossing). Label
overlaps: pairs of edge-label boxes (from the `_ldraw_`/`_tldraw_` text
operations: anchor, width and font size) that intersect each other or a node's box.
The count is quadratic in the number of edges, which is fine for a bench.
"""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = 8


def _bezier(points: list[list[float]]) -> list[tuple[float, float]]:
    """A B-spline of cubic pieces (p0 c1 c2 p1 c1 c2 p2 ...) as a polyline."""
    out = [tuple(points[0])]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        for s in range(1, SAMPLES + 1):
            t = s / SAMPLES
            u = 1 - t
            out.append((u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
                        u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1]))
    return out


def _orient(a, b, c) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _cross(p1, p2, q1, q2) -> bool:
    """Whether segments p1p2 and q1q2 intersect. A point exactly on the other line counts as on its
    positive side, so a crossing at a joint of two segments counts once, not twice or never."""
    d1, d2 = _orient(q1, q2, p1), _orient(q1, q2, p2)
    d3, d4 = _orient(p1, p2, q1), _orient(p1, p2, q2)
    return (d1 >= 0) != (d2 >= 0) and (d3 >= 0) != (d4 >= 0)


def _bbox(points):
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _meet(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _paths(edge: dict) -> list[list[tuple[float, float]]]:
    return [_bezier(op["points"]) for op in edge.get("_draw_", []) if op["op"] in ("b", "B")]


def _label_boxes(edge: dict) -> list[tuple[float, float, float, float]]:
    boxes = []
    for key in ("_ldraw_", "_tldraw_", "_hldraw_"):
        size = 14.0
        for op in edge.get(key, []):
            if op["op"] == "F":
                size = op["size"]
            elif op["op"] == "T":
                x, y = op["pt"]
                w = op["width"]
                left = {"l": x, "c": x - w / 2, "r": x - w}[op["align"]]
                boxes.append((left, y - size * 0.25, left + w, y + size * 0.85))
    return boxes


def measure(layout: dict) -> dict[str, int]:
    """{'edges', 'crossings', 'label_overlaps'} of a `dot -Tjson` layout."""
    edges = [e for e in layout.get("edges", []) if "invis" not in e.get("style", "")]
    objects = layout.get("objects", [])
    polylines = [(e["tail"], e["head"], [p for path in _paths(e) for p in path]) for e in edges]
    boxes = [(_bbox(pts), pts) for _, _, pts in polylines if pts]
    crossings = 0
    for (t1, h1, a), (t2, h2, b) in combinations(polylines, 2):
        if {t1, h1} & {t2, h2} or not a or not b or not _meet(_bbox(a), _bbox(b)):
            continue
        crossings += sum(1 for i in range(len(a) - 1) for j in range(len(b) - 1)
                         if _cross(a[i], a[i + 1], b[j], b[j + 1]))
    labels = [box for e in edges for box in _label_boxes(e)]
    nodes = []
    for obj in objects:
        if "nodes" in obj or "pos" not in obj or "width" not in obj:
            continue
        x, y = map(float, obj["pos"].split(","))
        w, h = float(obj["width"]) * 36, float(obj["height"]) * 36
        nodes.append((x - w, y - h, x + w, y + h))
    overlaps = sum(1 for a, b in combinations(labels, 2) if _meet(a, b))
    overlaps += sum(1 for a in labels for n in nodes if _meet(a, n))
    return {"edges": len(edges), "crossings": crossings, "label_overlaps": overlaps}


def layout_json(dot_text: str) -> dict:
    proc = subprocess.run(["dot", "-Tjson"], input=dot_text.encode("utf-8"), capture_output=True, check=True)
    return json.loads(proc.stdout)


def example_dot(path: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "designlint", "render", "--format", "dot", "-o", "-", str(path)],
                          capture_output=True, check=True, cwd=ROOT)
    return proc.stdout.decode("utf-8")


def main(argv: list[str]) -> None:
    if argv:
        items = [(Path(a).stem, Path(a).read_text(encoding="utf-8")) for a in argv]
    else:
        items = [(p.stem, example_dot(p)) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    print(f"{'diagram':28} {'edges':>6} {'crossings':>10} {'label overlaps':>15}")
    for name, text in items:
        m = measure(layout_json(text))
        print(f"{name:28} {m['edges']:>6} {m['crossings']:>10} {m['label_overlaps']:>15}")


if __name__ == "__main__":
    main(sys.argv[1:])
