"""The server as a process: capabilities, nothing but the protocol on stdout, debounce, exit status."""

import json
import subprocess
import sys

from .lsp_session import ROOT, Session, spans

DESIGN = "designlint: 1\nsystem: s\ncomponents:\n  a: {kind: datastore, error_budget: {availability: 99.9%}}\n"


def test_initialize_advertises_the_features(session):
    caps = session.initialized.capabilities
    assert session.initialized.server_info.name == "designlint"
    assert caps.position_encoding == "utf-16"
    assert caps.text_document_sync.change == 2  # incremental
    assert caps.text_document_sync.open_close is True and caps.text_document_sync.save is True
    assert caps.hover_provider and caps.definition_provider and caps.references_provider
    assert caps.completion_provider.trigger_characters == (":", ">")
    assert caps.code_action_provider.code_action_kinds == ("quickfix",)


def test_a_client_that_agrees_on_utf32_gets_code_point_columns(tmp_path):
    from lsprotocol import types as lsp

    capabilities = lsp.ClientCapabilities(general=lsp.GeneralClientCapabilities(position_encodings=["utf-32"]))
    server = Session(capabilities=capabilities)
    try:
        assert server.initialized.capabilities.position_encoding == "utf-32"
        text = DESIGN.replace("a: {", 'a: {description: "😀", ').replace("99.9%}}", "99.9%}, fallback: zz}")
        published = server.open(tmp_path / "d.yaml", text)
        line = text.splitlines()[3]
        assert spans(published) == [(3, 2, 3, 3, "Error", "missing-owner"),
                                    (3, line.index("zz"), 3, line.index("zz") + 2, "Error", "unknown-reference")]
        assert server.shutdown() == 0
    finally:
        server.kill()


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def _frames(data: bytes) -> list[dict]:
    """Every message in a stdout stream; fails on any byte that is not part of a framed message."""
    messages = []
    while data:
        head, sep, rest = data.partition(b"\r\n\r\n")
        assert sep, f"stray output on stdout: {data[:80]!r}"
        fields = dict(line.split(b": ", 1) for line in head.split(b"\r\n"))
        assert set(fields) <= {b"Content-Length", b"Content-Type"}, head
        length = int(fields[b"Content-Length"])
        messages.append(json.loads(rest[:length]))
        data = rest[length:]
    return messages


def _session_bytes(uri: str, text: str, shutdown: bool) -> bytes:
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
         "params": {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 2}}},
    ]
    if shutdown:
        messages.append({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
    messages.append({"jsonrpc": "2.0", "method": "exit"})
    return b"".join(_frame(m) for m in messages)


def test_stdout_carries_nothing_but_the_protocol_and_exit_after_shutdown_is_0(tmp_path):
    uri = (tmp_path / "d.yaml").as_uri()
    proc = subprocess.run([sys.executable, "-m", "designlint", "lsp"], input=_session_bytes(uri, DESIGN, True),
                          capture_output=True, cwd=ROOT, timeout=60)
    messages = _frames(proc.stdout)
    assert proc.returncode == 0, proc.stderr
    assert [m.get("id", m.get("method")) for m in messages] == [1, "textDocument/publishDiagnostics", 2, 3]
    diagnostics = messages[1]["params"]["diagnostics"]
    assert [(d["range"], d["code"]) for d in diagnostics] == [
        ({"start": {"line": 3, "character": 2}, "end": {"line": 3, "character": 3}}, "missing-owner")]
    assert messages[2]["result"]["contents"]["value"].startswith("**`a`** (`datastore`)")
    assert messages[3] == {"jsonrpc": "2.0", "id": 3, "result": None}


def test_exit_without_shutdown_is_status_1(tmp_path):
    uri = (tmp_path / "d.yaml").as_uri()
    proc = subprocess.run([sys.executable, "-m", "designlint", "lsp"], input=_session_bytes(uri, DESIGN, False),
                          capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 1
    assert [m.get("id", m.get("method")) for m in _frames(proc.stdout)] == [1, "textDocument/publishDiagnostics", 2]


def test_without_pygls_the_command_says_what_to_install():
    code = ("import sys; sys.modules['pygls'] = None; sys.argv = ['designlint', 'lsp']; "
            "from designlint.cli import run; run()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "designlint lsp: needs pygls: pip install 'designlint[lsp]'\n"


def test_a_burst_of_changes_is_linted_once_after_the_debounce(tmp_path):
    server = Session(init_options={"debounceMs": 300})
    try:
        path = tmp_path / "d.yaml"
        uri = path.as_uri()
        server.open(path, DESIGN)
        for owner in ("o", "ow", "own"):  # three keystrokes, well inside 300 ms of each other
            server.change(uri, DESIGN.replace("datastore,", f"datastore, owner: {owner},"), wait=False)
        published = server.wait(uri, 4)
        server.settle(0.4)
        assert [p.version for p in server.published[uri]] == [1, 4]
        assert published.diagnostics == ()
        server.close(uri)
        server.run_until(lambda: len(server.published[uri]) == 3)
        assert server.published[uri][-1].diagnostics == ()
        assert server.shutdown() == 0
    finally:
        server.kill()


def test_the_latency_benchmark_runs_end_to_end():
    """bench/lsp_latency.py --quick: it prints its figures (no timing is asserted here)."""
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "lsp_latency.py"), "--quick"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("didChange -> publishDiagnostics, 60 components, 5 changes, ")
    assert lines[1].startswith("median ") and " ms, p95 " in lines[1]
    assert lines[-1].startswith("target: <= 300 ms (p95) for 1,000 components; met: ")
