"""bench/crossings.py counts what it says on layouts whose geometry is known, and on a real `dot -Tjson` one."""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import crossings  # noqa: E402


def _edge(tail, head, *points, label=None):
    flat = [list(points[0])]
    for a, b in zip(points, points[1:]):  # each straight piece as a cubic Bezier with its control points on it
        flat += [[a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3],
                 [a[0] + 2 * (b[0] - a[0]) / 3, a[1] + 2 * (b[1] - a[1]) / 3], list(b)]
    edge = {"tail": tail, "head": head, "_draw_": [{"op": "b", "points": flat}]}
    if label:
        x, y, width = label
        edge["_ldraw_"] = [{"op": "F", "size": 10.0}, {"op": "T", "pt": [x, y], "align": "c", "width": width}]
    return edge


def test_two_edges_forming_an_x_cross_once_and_a_shared_end_is_not_a_crossing():
    layout = {"objects": [], "edges": [_edge(0, 1, (0, 0), (10, 10)), _edge(2, 3, (0, 10), (10, 0)),
                                       _edge(0, 4, (0, 0), (10, 5)), _edge(5, 6, (20, 0), (30, 0))]}
    # 0-1 x 2-3 cross; 2-3 x 0-4 cross; 0-1 and 0-4 share node 0; 5-6 is far away
    assert crossings.measure(layout) == {"edges": 4, "crossings": 2, "label_overlaps": 0}


def test_invisible_edges_are_left_out_and_labels_that_meet_are_counted():
    layout = {"objects": [{"pos": "100,100", "width": "1", "height": "0.5"}],
              "edges": [_edge(0, 1, (0, 0), (10, 10), label=(50, 50, 20)),
                        _edge(2, 3, (0, 20), (10, 30), label=(55, 51, 20)),
                        _edge(4, 5, (0, 10), (10, 0), label=(100, 100, 10)) | {"style": "invis"}]}
    assert crossings.measure(layout) == {"edges": 2, "crossings": 0, "label_overlaps": 1}


def test_a_real_layout_of_an_example():
    text = crossings.example_dot(ROOT / "examples" / "travel-booking-agent.yaml")
    result = crossings.measure(crossings.layout_json(text))
    assert result["edges"] == 21  # flows and fallbacks; the key's invisible edges are not counted
