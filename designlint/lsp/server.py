"""The language server: pygls wiring, document state, debounced diagnostics.

Speaks LSP 3.17 over stdio (https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/).
A document is linted when it opens, and again `debounce_ms` after the last of
a run of changes; requests (hover, completion, ...) read the analysis of the
document's current version, made on demand when the debounce has not yet run.
Each document's diagnostics are published on their own, so a document that
cannot be read never clears another's.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from designlint import __version__
from designlint.lsp import actions, completion, diagnostics, navigation
from designlint.lsp.analysis import Analysis, analyse
from designlint.lsp.positions import UTF16
from designlint.lsp.engine_bridge import collector_paused
from designlint.lsp.settings import Settings

NAME = "designlint"
CONFIG_NAMES = (".designlint.yaml", ".designlint.yml", "pyproject.toml")
MARKDOWN_LANGUAGES = ("markdown",)


IDLE_COLLECT_S = 1.0  # seconds with no change before the server collects cycles
COLLECT_EVERY = 20  # publishes after which it collects even while changes keep coming

class DesignServer(LanguageServer):
    """A LanguageServer that keeps, per open document, its analysis and its last readable one."""

    def __init__(self):
        super().__init__(NAME, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.settings = Settings()
        self.analyses: dict[str, tuple[int | None, Analysis]] = {}  # uri -> (version, analysis)
        self.last_readable: dict[str, Analysis] = {}  # uri -> the last analysis whose YAML could be read
        self.pending: dict[str, asyncio.Task] = {}
        self.collection: asyncio.TimerHandle | None = None  # the idle-time cycle collection, when one is due
        self.uncollected = 0  # publishes since the last collection

    # state ----------------------------------------------------------------------------------

    def _encoding(self) -> str:
        encoding = self.workspace.position_encoding or UTF16
        return str(getattr(encoding, "value", encoding))

    def analysis(self, uri: str) -> Analysis:
        """The analysis of the document's current version (made now if it is out of date)."""
        document = self.workspace.get_text_document(uri)
        known = self.analyses.get(uri)
        if known is not None and known[0] == document.version and known[1].source.text == document.source:
            return known[1]
        with collector_paused():
            result = analyse(document.source, _path(document), self._encoding())
        self.analyses[uri] = (document.version, result)
        if result.parsed and result.reads:
            self.last_readable[uri] = result
        return result

    def publish(self, uri: str) -> None:
        """Send the diagnostics of the document's current version.

        The collector stays paused until they are written, not only while the
        document is linted: its first pass afterwards walks everything the
        lint made (30 to 40 ms at 1,000 components), after the editor has them.
        """
        document = self.workspace.get_text_document(uri)
        with collector_paused():
            found = diagnostics.diagnostics(self.analysis(uri), self.settings)
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, found, version=document.version))

    def schedule(self, uri: str) -> None:
        """Lint `uri` once no change has come for `debounce_ms`."""
        if self.collection is not None:  # a change came: the idle collection waits for the next pause
            self.collection.cancel()
            self.collection = asyncio.get_running_loop().call_later(IDLE_COLLECT_S, self._collect)
        self.cancel(uri)
        self.pending[uri] = asyncio.get_running_loop().create_task(self._publish_later(uri))

    def cancel(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

    async def _publish_later(self, uri: str) -> None:
        await asyncio.sleep(self.settings.debounce_ms / 1000)
        self.pending.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.publish(uri)
            self.collect_when_idle()

    def collect_when_idle(self) -> None:
        """Free the analyses that were replaced, off the path from a change to its diagnostics.

        The cycle collector is off in the server (main): a full collection walks
        everything a 1,000-component analysis holds, 300 ms and more, and run
        in the middle of a lint it put that into the reply (p95 520 ms against
        a median of 207 ms, bench/lsp_latency.py). Instead it runs once no
        change has come for IDLE_COLLECT_S, or at once after
        COLLECT_EVERY publishes without a pause, so memory stays bounded.
        """
        self.uncollected += 1
        if self.collection is not None:
            self.collection.cancel()
        if self.uncollected >= COLLECT_EVERY:
            self._collect()
            return
        self.collection = asyncio.get_running_loop().call_later(IDLE_COLLECT_S, self._collect)

    def _collect(self) -> None:
        self.collection = None
        self.uncollected = 0
        gc.collect()

    def relint_all(self) -> None:
        """Lint every open document again (the settings or a config file changed)."""
        self.analyses.clear()
        for uri in list(self.workspace.text_documents):
            self.cancel(uri)
            self.publish(uri)


def _path(document) -> str:
    """The document's file; an unsaved one stands in the working directory, Markdown by its language."""
    if document.uri.startswith("file:"):
        return document.path
    suffix = ".md" if document.language_id in MARKDOWN_LANGUAGES else ".yaml"
    return os.path.join(os.getcwd(), f"untitled{suffix}")


def build() -> DesignServer:
    """A server with every feature registered."""
    server = DesignServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: DesignServer, params: lsp.InitializeParams):
        ls.settings = Settings.from_client(params.initialization_options)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: DesignServer, params: lsp.DidChangeConfigurationParams):
        ls.settings = Settings.from_client(params.settings, ls.settings)
        ls.relint_all()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: DesignServer, params: lsp.DidOpenTextDocumentParams):
        ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: DesignServer, params: lsp.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: DesignServer, params: lsp.DidSaveTextDocumentParams):
        if os.path.basename(params.text_document.uri) in CONFIG_NAMES:
            ls.relint_all()

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: DesignServer, params: lsp.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        ls.cancel(uri)
        ls.analyses.pop(uri, None)
        ls.last_readable.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: DesignServer, params: lsp.HoverParams):
        return navigation.hover(ls.analysis(params.text_document.uri), params.position)

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: DesignServer, params: lsp.DefinitionParams):
        uri = params.text_document.uri
        return navigation.definition(ls.analysis(uri), uri, params.position)

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def references(ls: DesignServer, params: lsp.ReferenceParams):
        uri = params.text_document.uri
        return navigation.references(ls.analysis(uri), uri, params.position, params.context.include_declaration)

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[":", ">"]))
    def complete(ls: DesignServer, params: lsp.CompletionParams):
        uri = params.text_document.uri
        return completion.complete(ls.analysis(uri), ls.last_readable.get(uri), params.position)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(ls: DesignServer, params: lsp.CodeActionParams):
        uri = params.text_document.uri
        return actions.code_actions(ls.analysis(uri), uri, params.range, ls.settings)

    return server


def main() -> int:
    """Serve on stdin/stdout until the client says exit; the exit status LSP asks for
    (0 after a shutdown request, else 1).

    The protocol gets a private copy of file descriptor 1; descriptor 1 itself
    (and sys.stdout) then points at stderr, so that nothing else, a print or a
    child process, can write into the protocol stream. The cycle collector,
    which the CLI turns off for its one-shot runs, stays off: the server
    collects when the editor is idle (DesignServer.collect_when_idle).
    """
    gc.disable()
    sys.stdout.flush()
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="designlint lsp: %(levelname)s: %(message)s")
    server = build()
    gc.collect()
    gc.freeze()  # what the imports made lives as long as the server: collections need not walk it
    server.start_io(sys.stdin.buffer, protocol_out)
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
