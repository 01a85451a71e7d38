"""The workspace layer, shared by the language server and the CLI, between them and the core.

It knows where a document's env files are and what they say (`contexts`, read through
`env_source` from the editor's buffers or the disk, with `layout` saying where to look), builds
send jobs (`jobs`), sends a request with the requests it depends on and "send all"
(`send_flow`, over a `session`), and starts authorizations (`authorization`). Every rule about
what may be sent, signed or prompted lives here once; `lsp/` and `cli/` only translate arguments
in and prompts and output out. It imports the core (`syntax`, `variables`, `oauth`, `sending`)
and never `lsp/` or `cli/`.
"""
