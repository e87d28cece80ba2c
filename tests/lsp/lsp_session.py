"""A real LSP client (pygls's LanguageClient) talking to `python -m designlint lsp` over stdio,
with blocking helpers for the tests."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 20  # seconds for any one answer; only a hung server comes near it


class Session:
    """One server process and the client that drives it, with blocking helpers for tests."""

    def __init__(self, init_options=None, capabilities=None):
        self.loop = asyncio.new_event_loop()
        self.published: dict[str, list[lsp.PublishDiagnosticsParams]] = {}
        self.versions: dict[str, int] = {}
        self.client = self.run(self._start(init_options, capabilities or lsp.ClientCapabilities()))

    async def _start(self, init_options, capabilities):
        client = LanguageClient("designlint-tests", "1")

        @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams):
            self.published.setdefault(params.uri, []).append(params)

        await client.start_io(sys.executable, "-m", "designlint", "lsp", cwd=str(ROOT))
        self.initialized = await client.initialize_async(lsp.InitializeParams(
            capabilities=capabilities, initialization_options=init_options, process_id=None))
        client.initialized(lsp.InitializedParams())
        return client

    def run(self, coro):
        return self.loop.run_until_complete(asyncio.wait_for(coro, TIMEOUT))

    # documents -------------------------------------------------------------------------------

    def open(self, path: Path, text: str, language: str = "yaml") -> lsp.PublishDiagnosticsParams:
        uri = path.as_uri()
        self.versions[uri] = 1
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, language, 1, text)))
        return self.wait(uri, 1)

    def change(self, uri: str, text: str, wait: bool = True):
        """Replace the whole text; returns the diagnostics published for the new version."""
        self.versions[uri] += 1
        version = self.versions[uri]
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangeWholeDocument(text)]))
        return self.wait(uri, version) if wait else None

    def edit(self, uri: str, start: tuple, end: tuple, text: str, wait: bool = True):
        """An incremental change of the range start..end (line, UTF-16 column)."""
        self.versions[uri] += 1
        version = self.versions[uri]
        change = lsp.TextDocumentContentChangePartial(
            lsp.Range(lsp.Position(*start), lsp.Position(*end)), text)
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]))
        return self.wait(uri, version) if wait else None

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))

    def wait(self, uri: str, version: int) -> lsp.PublishDiagnosticsParams:
        """The first diagnostics published for `uri` at `version` or later."""

        async def poll():
            while True:
                for params in self.published.get(uri, ()):
                    if params.version is not None and params.version >= version:
                        return params
                await asyncio.sleep(0.002)

        return self.run(poll())

    def run_until(self, condition) -> None:
        """Let the client read messages until `condition()` holds."""

        async def poll():
            while not condition():
                await asyncio.sleep(0.002)

        self.run(poll())

    def settle(self, seconds: float) -> None:
        """Let the server work for a while (to see that it publishes nothing more)."""
        self.run(asyncio.sleep(seconds))

    # requests ----------------------------------------------------------------------------------

    def hover(self, uri: str, line: int, character: int):
        return self.run(self.client.text_document_hover_async(
            lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(line, character))))

    def definition(self, uri: str, line: int, character: int):
        return self.run(self.client.text_document_definition_async(
            lsp.DefinitionParams(lsp.TextDocumentIdentifier(uri), lsp.Position(line, character))))

    def references(self, uri: str, line: int, character: int, declaration: bool = True):
        return self.run(self.client.text_document_references_async(lsp.ReferenceParams(
            context=lsp.ReferenceContext(declaration), text_document=lsp.TextDocumentIdentifier(uri),
            position=lsp.Position(line, character))))

    def complete(self, uri: str, line: int, character: int):
        return self.run(self.client.text_document_completion_async(
            lsp.CompletionParams(lsp.TextDocumentIdentifier(uri), lsp.Position(line, character))))

    def actions(self, uri: str, line: int):
        here = lsp.Range(lsp.Position(line, 0), lsp.Position(line, 0))
        return self.run(self.client.text_document_code_action_async(
            lsp.CodeActionParams(lsp.TextDocumentIdentifier(uri), here, lsp.CodeActionContext([]))))

    def configure(self, settings) -> None:
        self.client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings))

    def shutdown(self) -> int:
        """Shut down and exit as a client does; the server's exit status."""
        self.run(self.client.shutdown_async(None))
        self.client.exit(None)
        self.run(self.client.stop())
        return self.client._server.returncode

    def kill(self) -> None:
        server = self.client._server
        if server is not None and server.returncode is None:
            server.kill()
            self.run(self.client.stop())
        self.loop.close()


def spans(published) -> list[tuple]:
    """(start line, start column, end line, end column, severity, code) of each diagnostic."""
    return [(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character,
             d.severity.name if d.severity else None, d.code) for d in published.diagnostics]


def edits(action) -> list[tuple]:
    """(uri, start line, start column, end line, end column, new text) of each edit of a code action."""
    return [(uri, e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.new_text)
            for uri, changes in action.edit.changes.items() for e in changes]
