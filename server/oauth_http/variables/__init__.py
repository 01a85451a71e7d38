"""Variable values: system variables, environments, .env files and resolution (pure, no I/O)."""
