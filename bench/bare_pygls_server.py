"""A bare pygls server with no features: the yardstick for our server's start-up time."""

from pygls.lsp.server import LanguageServer

LanguageServer(name="bare", version="0").start_io()
