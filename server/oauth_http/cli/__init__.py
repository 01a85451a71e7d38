"""The `oauth-http` command line: one module per subcommand, dispatched by `main`."""
