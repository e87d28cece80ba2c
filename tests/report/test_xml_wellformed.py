"""[3] JUnit and SVG parse with a strict XML parser whatever ids, data names and file names hold."""

import xml.etree.ElementTree as ET

import pytest

# written as YAML double-quoted escapes: C0 controls, ESC, DEL, NEL, U+FFFE/U+FFFF and friends
HOSTILE = ["\\x01", "\\0", "\\e", "\\x1f", "\\x7f", "\\x85", "\\uFFFE", "\\uFFFF", "\\u2028", "<&>\\\"'"]


@pytest.mark.parametrize("text", HOSTILE)
def test_junit_is_well_formed_for_every_id_and_data_name(text, run_cli, write):
    design = (f'designlint: 1\nsystem: "s{text}"\ncomponents:\n  "{text}": {{kind: service}}\n'
              f'  store: {{kind: datastore, owner: d, error_budget: {{availability: 99%}}, '
              f'data: [{{name: "logs {text}", personal: true}}]}}\n')
    code, out, err = run_cli("check", "--format", "junit", write(design))
    assert code == 1, err
    root = ET.fromstring(out.encode("utf-8"))
    names = [case.get("name") for case in root.iter("testcase")]
    assert any(name.startswith("missing-owner ") for name in names)


def test_junit_shows_a_control_character_as_its_escape(run_cli, write):
    path = write('designlint: 1\nsystem: s\ncomponents:\n  "\\x01": {kind: service}\n')
    code, out, _ = run_cli("check", "--format", "junit", path)
    root = ET.fromstring(out)
    failure = next(f for f in root.iter("failure") if "owner" in f.get("message"))
    assert failure.get("message") == ("`\\x01` (service) has no owner: add `owner: <team>` naming who answers "
                                      "for it when it fails")


@pytest.mark.parametrize("text", HOSTILE)
def test_svg_is_well_formed_for_every_id(text, run_cli, write, tmp_path):
    design = (f'designlint: 1\nsystem: "s{text}"\ncomponents:\n  "{text}": {{kind: service, layer: "l{text}"}}\n'
              f'  b: {{kind: model}}\nflows:\n  - {{from: "{text}", to: b, label: "x{text}"}}\n')
    out = tmp_path / "d.svg"
    code, _, err = run_cli("render", write(design), "-o", out)
    assert (code, err) == (0, "")
    ET.fromstring(out.read_bytes())
