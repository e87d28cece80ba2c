"""`designlint lsp`: a Language Server Protocol server for designs in YAML and Markdown.

Modules, in the order data flows through them:
  engine_bridge  the only module that imports the rest of designlint
  positions      designlint marks <-> LSP positions (UTF-16 code units unless agreed otherwise)
  analysis       one document read, linted and indexed
  settings       what the client may set
  diagnostics    findings and input errors as LSP diagnostics (and the position conversions at the edge)
  navigation     hover, go to definition, find references
  completion     ids, kinds and rule ids where they are expected
  actions        code actions: did-you-mean, waiver skeleton, missing field
  server         pygls wiring, document state, debounce; `main()` serves on stdio

Needs pygls (the `lsp` extra); nothing here is imported by the other commands.
"""
