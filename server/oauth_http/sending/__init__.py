"""Sending requests from `.http` files: prepare, sign, send, build the response record, chain.

The modules are imported only when a request is sent; this package's `__init__` stays empty so
importing `oauth_http.sending.<module>` loads nothing it does not need. The entry points:
`session.Sender` (one per workspace folder), `session.SendJob`, `chaining.ResponseStore`,
`chaining.dependencies`, `send_all.send_all` and `oauth_setup.load_oauth`.
"""
