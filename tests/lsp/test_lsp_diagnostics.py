"""Diagnostics over stdio: ranges (0-based, UTF-16), severities, codes, waivers, input errors, config."""

from .lsp_session import spans

DOCS = "https://designlint.dev/rules/"

SHOP = """\
designlint: 1
system: shop
components:
  web:
    kind: interface
    owner: web-team
    error_budget: {availability: 99.9%}
  ranker:
    kind: model
    owner: ds
    fallback: rulez
    error_budget: {availability: 99.9%}
    waive:
      missing-feedback-loop: labels come from the weekly audit
  rules:
    kind: rule
    error_budget: {availability: 99.99%}
flows:
  - web -> ranker -> rules
"""

SHOP_SPANS = [
    (6, 18, 6, 39, "Warning", "availability-budget-exceeded"),  # web's error_budget mapping
    (7, 2, 7, 8, "Warning", "dead-end"),  # the id `ranker`
    (7, 2, 7, 8, "Hint", "missing-feedback-loop"),  # waived
    (7, 2, 7, 8, "Warning", "no-human-handoff"),
    (7, 2, 7, 8, "Information", "unevaluated-model"),
    (10, 14, 10, 19, "Error", "unknown-reference"),  # `rulez` after `    fallback: `
    (14, 2, 14, 7, "Warning", "dead-end"),  # the id `rules`
    (14, 2, 14, 7, "Error", "missing-owner"),
]


def test_open_publishes_every_finding_at_its_node_with_rule_code_and_docs_link(session, tmp_path):
    published = session.open(tmp_path / "shop.yaml", SHOP)
    assert spans(published) == SHOP_SPANS
    unknown = published.diagnostics[5]
    assert unknown.message == ("fallback of `ranker` (model) names `rulez`, which is not a component; "
                               "did you mean `rules`?")
    assert unknown.source == "designlint"
    assert unknown.code_description.href == DOCS + "unknown-reference"
    waived = published.diagnostics[2]
    assert waived.message.startswith("waived (labels come from the weekly audit): `ranker` (model) gets no feedback")


def test_an_incremental_change_is_linted_again(session, tmp_path):
    uri = (tmp_path / "shop.yaml").as_uri()
    session.open(tmp_path / "shop.yaml", SHOP)
    published = session.edit(uri, (10, 14), (10, 19), "rules")  # fix the typo in place
    assert published.version == 2
    assert [s for s in spans(published) if s[5] == "unknown-reference"] == []
    published = session.edit(uri, (15, 0), (15, 0), "    owner: rules-team\n")  # insert a line
    assert published.version == 3
    # `rules` now backs `ranker` up, so the path meets web's availability target too
    assert spans(published) == [
        (7, 2, 7, 8, "Warning", "dead-end"),
        (7, 2, 7, 8, "Hint", "missing-feedback-loop"),
        (7, 2, 7, 8, "Warning", "no-human-handoff"),
        (7, 2, 7, 8, "Information", "unevaluated-model"),
        (14, 2, 14, 7, "Warning", "dead-end"),
    ]


def test_waived_findings_can_be_left_out_by_workspace_settings(session, tmp_path):
    uri = (tmp_path / "shop.yaml").as_uri()
    session.open(tmp_path / "shop.yaml", SHOP)
    count = len(session.published[uri])
    try:
        session.configure({"designlint": {"waived": "omit"}})
        session.run_until(lambda: len(session.published[uri]) > count)
        assert spans(session.published[uri][-1]) == [s for s in SHOP_SPANS if s[4] != "Hint"]
    finally:
        session.configure({"designlint": {"waived": "hint"}})
        session.run_until(lambda: len(session.published[uri]) > count + 1)
    assert spans(session.published[uri][-1]) == SHOP_SPANS


NON_ASCII = (
    "designlint: 1\n"
    "system: s\n"
    'description: "one\u2028two"\n'  # YAML counts a line break here, LSP does not
    "components:\n"
    '  bot: {description: "naïve 😀 bot", kind: model, owner: ds, fallback: ap, error_budget: {availability: 99.9%}, evaluation: golden}\n'
)


def test_columns_count_utf16_code_units_and_lines_count_as_lsp_does(session, tmp_path):
    published = session.open(tmp_path / "naive.yaml", NON_ASCII)
    # `ap` stands at code point 70 of line 4; 😀 is two UTF-16 code units, so the column is 71.
    assert spans(published) == [
        (4, 2, 4, 5, "Warning", "missing-feedback-loop"),
        (4, 71, 4, 73, "Error", "unknown-reference"),
    ]


def test_an_input_error_is_a_diagnostic_at_its_place_and_the_server_goes_on(session, tmp_path):
    text = "designlint: 1\nsystem: s\ncomponents:\n  a: {kind: robot, owner: x}\n"
    published = session.open(tmp_path / "bad.yaml", text)
    assert spans(published) == [(3, 12, 3, 17, "Error", None)]
    assert published.diagnostics[0].message.startswith("`kind` of component `a` is `robot`, not one of interface, ")
    uri = (tmp_path / "bad.yaml").as_uri()
    published = session.change(uri, "designlint: 1\nsystem: s\x00\n")  # a NUL: not YAML at all
    assert spans(published) == [(1, 9, 1, 10, "Error", None)]
    assert published.diagnostics[0].message == "YAML: control characters are not allowed"
    assert spans(session.change(uri, text)) == [(3, 12, 3, 17, "Error", None)]
    assert session.hover(uri, 3, 7).contents.value == (
        "**`kind`**: What the component is; a guardrail is a check that passes, blocks or rewrites content or actions.")


def test_a_syntax_error_mid_typing_keeps_the_other_files_diagnostics(session, tmp_path):
    other = session.open(tmp_path / "other.yaml", SHOP)
    uri = (tmp_path / "typing.yaml").as_uri()
    session.open(tmp_path / "typing.yaml", SHOP)
    published = session.edit(uri, (18, 0), (18, 0), "  - {from: web, to: [\n")
    assert spans(published) == [(19, 2, 19, 26, "Error", None)]  # where the unclosed `[` is found out
    assert published.diagnostics[0].message.startswith("YAML syntax: ")
    assert session.published[other.uri] == [other]  # nothing was published again for the other file
    published = session.edit(uri, (18, 0), (19, 0), "")
    assert spans(published) == SHOP_SPANS


def test_a_yaml_file_without_a_designlint_key_is_no_design(session, tmp_path):
    published = session.open(tmp_path / "workflow.yaml", "on: push\njobs: {}\n")
    assert published.diagnostics == ()


MARKDOWN = """\
# Claims — the design 😀

1. What we run:

   ```designlint
   designlint: 1
   system: claims
   components:
     intake: {kind: interface, owner: "équipe 😀", error_budget: {availability: 99.9%}}
     triage: {description: "😀", kind: model, owner: ds, fallback: intak, error_budget: {availability: 99.9%}, evaluation: golden}
   ```

> ```designlint
> designlint: 1
> system: [broken
> ```
"""


def test_designs_in_markdown_fences_point_at_markdown_lines(session, tmp_path):
    published = session.open(tmp_path / "claims.md", MARKDOWN, "markdown")
    assert spans(published) == [
        (9, 5, 9, 11, "Warning", "missing-feedback-loop"),  # `triage`, indented by the list item
        # `intak` at code point 66, after a 😀: UTF-16 column 67
        (9, 67, 9, 72, "Error", "unknown-reference"),
        (15, 2, 15, 5, "Error", None),  # the second block's syntax error: its end, after the quote marker
    ]
    assert published.diagnostics[-1].message.startswith("YAML syntax: ")


def test_the_project_config_of_the_file_applies(session, tmp_path):
    (tmp_path / ".designlint.yaml").write_text("severity:\n  missing-owner: info\nignore: [dead-end]\n")
    published = session.open(tmp_path / "shop.yaml", SHOP)
    assert spans(published) == [
        (6, 18, 6, 39, "Warning", "availability-budget-exceeded"),
        (7, 2, 7, 8, "Hint", "missing-feedback-loop"),
        (7, 2, 7, 8, "Warning", "no-human-handoff"),
        (7, 2, 7, 8, "Information", "unevaluated-model"),
        (10, 14, 10, 19, "Error", "unknown-reference"),
        (14, 2, 14, 7, "Information", "missing-owner"),
    ]


def test_a_broken_config_is_shown_and_the_defaults_lint(session, tmp_path):
    (tmp_path / ".designlint.yaml").write_text("fail-on: sometimes\n")
    published = session.open(tmp_path / "shop.yaml", SHOP)
    assert spans(published) == [(0, 0, 0, 0, "Error", None)] + SHOP_SPANS
    config = tmp_path / ".designlint.yaml"
    assert published.diagnostics[0].message.startswith(f"configuration: {config}:1:10: error: `fail-on` is `sometimes`")


def test_a_deprecated_config_key_is_a_warning_and_still_applies(session, tmp_path):
    (tmp_path / "pack.yaml").write_text("designlint-pack: 1\nname: mine\nrules: []\n")
    (tmp_path / ".designlint.yaml").write_text("ignore: [dead-end]\nrules: [pack.yaml]\n")
    published = session.open(tmp_path / "shop.yaml", SHOP)
    assert spans(published)[0] == (0, 0, 0, 0, "Warning", None)
    config = tmp_path / ".designlint.yaml"
    assert published.diagnostics[0].message == (
        f"configuration: {config}:2:1: warning: `rules:` is deprecated: write `packs:` (the same list of rule packs)")
    assert "dead-end" not in [s[5] for s in spans(published)]


def test_saving_a_config_file_lints_the_open_designs_again(session, tmp_path):
    from lsprotocol import types as lsp

    uri = (tmp_path / "shop.yaml").as_uri()
    assert spans(session.open(tmp_path / "shop.yaml", SHOP)) == SHOP_SPANS
    config = tmp_path / ".designlint.yaml"
    config.write_text("select: [missing-owner]\n")
    count = len(session.published[uri])
    session.client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(config.as_uri())))
    session.run_until(lambda: len(session.published[uri]) > count)
    assert spans(session.published[uri][-1]) == [(14, 2, 14, 7, "Error", "missing-owner")]


def test_findings_in_the_configs_baseline_are_hints_as_check_counts_them(session, tmp_path):
    import subprocess
    import sys

    design = tmp_path / "shop.yaml"
    design.write_text(SHOP)
    (tmp_path / ".designlint.yaml").write_text("baseline: .designlint-baseline.json\n")
    command = [sys.executable, "-m", "designlint", "baseline", "shop.yaml", "-o", ".designlint-baseline.json"]
    written = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert written.returncode == 0, written.stderr
    # `rules` loses its budget: one new finding, and the path's availability is no longer known
    text = SHOP.replace("    error_budget: {availability: 99.99%}\n", "")
    published = session.open(design, text)
    assert spans(published) == [
        (7, 2, 7, 8, "Hint", "dead-end"),
        (7, 2, 7, 8, "Hint", "missing-feedback-loop"),
        (7, 2, 7, 8, "Hint", "no-human-handoff"),
        (7, 2, 7, 8, "Hint", "unevaluated-model"),
        (10, 14, 10, 19, "Hint", "unknown-reference"),
        (14, 2, 14, 7, "Hint", "dead-end"),
        (14, 2, 14, 7, "Warning", "missing-error-budget"),  # not in the baseline
        (14, 2, 14, 7, "Hint", "missing-owner"),
    ]
    assert published.diagnostics[0].message.startswith("in the baseline: `ranker` (model) receives data")
    assert published.diagnostics[1].message.startswith("waived (labels come from the weekly audit): ")
