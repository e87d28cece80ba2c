"""Code actions over stdio: did-you-mean, waiver skeleton, missing field; each edit applied and linted again."""

from .lsp_session import edits, spans

DESK = """\
designlint: 1
system: desk
components:
  chat:
    kind: interface
    owner: web
    error_budget: {availability: 99.9%}
  bot: {kind: model, fallback: chat, error_budget: {availability: 99.9%}, evaluation: golden}
  ops:
    kind: human
    sla: 4h
    waive:
      isolated-componnet: the on-call rota, reached by phone
flows:
  - chat -> bott
  - {from: ops, to: bot, kind: feedback}
"""
OWNER = '"TODO: the team that answers for it"'
REASON = '"TODO: say why this finding is accepted"'


def _apply(text: str, edit: tuple) -> str:
    """The text with one edit (uri, line, column, end line, end column, new text) applied; ASCII lines."""
    _, line, column, end_line, end_column, new = edit
    lines = text.splitlines(keepends=True)
    start = sum(len(s) for s in lines[:line]) + column
    end = sum(len(s) for s in lines[:end_line]) + end_column
    return text[:start] + new + text[end:]


def _open(session, tmp_path, text=DESK, name="desk.yaml", language="yaml"):
    path = tmp_path / name
    published = session.open(path, text, language)
    return path.as_uri(), published


def _titled(actions):
    return {action.title: action for action in actions}


def test_did_you_mean_fixes_a_misspelt_reference_and_a_misspelt_rule_id(session, tmp_path):
    uri, published = _open(session, tmp_path)
    assert spans(published) == [
        (7, 2, 7, 5, "Error", "missing-owner"),
        (8, 2, 8, 5, "Error", "missing-owner"),
        (12, 6, 12, 24, "Information", "unused-waiver"),
        (14, 12, 14, 16, "Error", "unknown-reference"),
    ]
    [action] = session.actions(uri, 14)
    assert action.title == "Change `bott` to `bot`"
    assert action.kind == "quickfix"
    assert [d.code for d in action.diagnostics] == ["unknown-reference"]
    assert edits(action) == [(uri, 14, 12, 14, 16, "bot")]
    [action] = session.actions(uri, 12)
    assert edits(action) == [(uri, 12, 6, 12, 24, "isolated-component")]
    text = _apply(_apply(DESK, edits(session.actions(uri, 14)[0])[0]), edits(action)[0])
    published = session.change(uri, text)
    # `bot` is now reached by a flow, so it is linted as a served model; the waiver names a rule now
    assert [s[5] for s in spans(published)] == [
        "dead-end", "missing-owner", "no-human-handoff", "missing-owner", "unused-waiver"]
    assert "waives `isolated-component`, but it has no such finding" in published.diagnostics[-1].message


def test_missing_field_and_waiver_in_a_flow_style_component(session, tmp_path):
    uri, _ = _open(session, tmp_path)
    actions = _titled(session.actions(uri, 7))
    assert sorted(actions) == ["Add `owner` to `bot`", "Waive `missing-owner` on `bot` (give the reason)"]
    assert edits(actions["Add `owner` to `bot`"]) == [(uri, 7, 8, 7, 8, f"owner: {OWNER}, ")]
    waiver = edits(actions["Waive `missing-owner` on `bot` (give the reason)"])
    assert waiver == [(uri, 7, 8, 7, 8, f"waive: {{missing-owner: {REASON}}}, ")]
    published = session.change(uri, _apply(DESK, waiver[0]))
    assert spans(published)[0] == (7, 2, 7, 5, "Hint", "missing-owner")
    assert published.diagnostics[0].message.startswith("waived (TODO: say why this finding is accepted): ")


def test_missing_field_and_waiver_in_a_block_style_component(session, tmp_path):
    uri, _ = _open(session, tmp_path)
    actions = _titled(session.actions(uri, 8))
    owner = edits(actions["Add `owner` to `ops`"])
    assert owner == [(uri, 9, 0, 9, 0, f"    owner: {OWNER}\n")]  # before its first field
    waiver = edits(actions["Waive `missing-owner` on `ops` (give the reason)"])
    assert waiver == [(uri, 12, 0, 12, 0, f"      missing-owner: {REASON}\n")]  # into its `waive`
    published = session.change(uri, _apply(DESK, owner[0]))
    assert [s for s in spans(published) if s[1] == 2 and s[0] == 8] == []  # no finding on `ops` any more
    published = session.change(uri, _apply(DESK, waiver[0]))
    assert (8, 2, 8, 5, "Hint", "missing-owner") in spans(published)


def test_a_waiver_where_the_component_has_none_yet(session, tmp_path):
    text = DESK.replace("    waive:\n      isolated-componnet: the on-call rota, reached by phone\n", "")
    uri, _ = _open(session, tmp_path, text)
    waiver = edits(_titled(session.actions(uri, 8))["Waive `missing-owner` on `ops` (give the reason)"])
    assert waiver == [(uri, 9, 0, 9, 0, f"    waive:\n      missing-owner: {REASON}\n")]
    assert (8, 2, 8, 5, "Hint", "missing-owner") in spans(session.change(uri, _apply(text, waiver[0])))


KINDS = "interface, service, orchestrator, agent, model, rule, datastore, queue, external, human, monitor, guardrail"


def test_fields_the_schema_requires_get_a_placeholder_that_names_the_choices(session, tmp_path):
    text = ("designlint: 1\nsystem: s\ncomponents:\n  a:\n    owner: x\n    actions:\n"
            "      - reversible: false\n  b: {owner: y}\n")
    uri, published = _open(session, tmp_path, text)
    assert spans(published) == [(3, 2, 3, 3, "Error", None), (6, 8, 6, 18, "Error", None), (7, 2, 7, 3, "Error", None)]
    [block] = session.actions(uri, 3)
    assert block.title == "Add `kind` to it"
    assert edits(block) == [(uri, 4, 0, 4, 0, f'    kind: "TODO: one of {KINDS}"\n')]
    [item] = session.actions(uri, 6)  # an action without `name`: the dash stays on the first line
    assert edits(item) == [(uri, 6, 8, 6, 8, 'name: "TODO: name"\n        ')]
    [flow] = session.actions(uri, 7)
    assert edits(flow) == [(uri, 7, 6, 7, 6, f'kind: "TODO: one of {KINDS}", ')]
    fixed = _apply(_apply(_apply(text, edits(flow)[0]), edits(item)[0]), edits(block)[0])
    assert fixed.splitlines()[4:8] == [f'    kind: "TODO: one of {KINDS}"', "    owner: x", "    actions:",
                                       '      - name: "TODO: name"']
    published = session.change(uri, fixed)  # now the kinds are the only errors left, each at its value
    assert spans(published) == [(4, 10, 4, 10 + len(KINDS) + 15, "Error", None),
                                (9, 12, 9, 12 + len(KINDS) + 15, "Error", None)]


def test_a_missing_top_level_string_gets_a_todo_and_a_missing_mapping_is_left_to_the_user(session, tmp_path):
    uri, published = _open(session, tmp_path, "designlint: 1\n", "bare.yaml")
    assert [d.message for d in published.diagnostics] == ["the design is missing `components`",
                                                          "the design is missing `system`"]
    [action] = session.actions(uri, 0)  # nothing for `components`: a mapping of components to write
    assert edits(action) == [(uri, 0, 0, 0, 0, 'system: "TODO: system"\n')]


QUOTED = """\
Our design:

> ```designlint
> designlint: 1
> system: s
> components:
>   a:
>     kind: datastore
>     error_budget: {availability: 99.9%}
> ```
"""


def test_an_added_line_in_a_quoted_markdown_fence_keeps_the_quote_marker(session, tmp_path):
    uri, published = _open(session, tmp_path, QUOTED, "design.md", "markdown")
    assert spans(published) == [(6, 4, 6, 5, "Error", "missing-owner")]
    owner = edits(_titled(session.actions(uri, 6))["Add `owner` to `a`"])
    assert owner == [(uri, 7, 0, 7, 0, f">     owner: {OWNER}\n")]
    assert spans(session.change(uri, _apply(QUOTED, owner[0]))) == []


def test_no_action_on_a_line_without_problems(session, tmp_path):
    uri, _ = _open(session, tmp_path)
    assert session.actions(uri, 4) == ()


def test_lines_added_to_a_crlf_document_end_in_crlf(session, tmp_path):
    text = DESK.replace("\n", "\r\n")
    uri, published = _open(session, tmp_path, text, "crlf.yaml")
    assert [s[:4] for s in spans(published)] == [(7, 2, 7, 5), (8, 2, 8, 5), (12, 6, 12, 24), (14, 12, 14, 16)]
    actions = _titled(session.actions(uri, 8))
    assert edits(actions["Add `owner` to `ops`"]) == [(uri, 9, 0, 9, 0, f"    owner: {OWNER}\r\n")]


def test_did_you_mean_also_fixes_a_misspelt_field_and_kind_that_stop_the_design_loading(session, tmp_path):
    text = "designlint: 1\nsystem: s\ncomponents:\n  a:\n    kind: 'modle'\n    ownr: x\n"
    uri, published = _open(session, tmp_path, text)
    assert spans(published) == [(4, 10, 4, 17, "Error", None), (5, 4, 5, 8, "Error", None)]
    assert edits(session.actions(uri, 4)[0]) == [(uri, 4, 11, 4, 16, "model")]  # inside the quotes
    assert edits(session.actions(uri, 5)[0]) == [(uri, 5, 4, 5, 8, "owner")]
