"""OAuth HTTP: call OAuth 1.0a APIs from `.http` files, as a language server and a CLI."""

__version__ = "0.1.0"
