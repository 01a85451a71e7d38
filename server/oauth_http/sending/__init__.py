"""Sending requests from `.http` files: prepare, sign, send, build the response record, chain.

The modules are imported only when a request is sent; this package's `__init__` stays empty so
importing `oauth_http.sending.<module>` loads nothing it does not need. The entry points:
`session.Sender` (one per workspace folder), `prepare.SendJob`, `chaining.ResponseStore`,
`chaining.dependencies` and `oauth_setup.load_oauth`. What happens around a send (dependencies,
prompts, "send all") is the workspace layer's (`oauth_http.workspace.send_flow`).
"""
