"""The .http language: document text to requests, definitions and problems (pure, no I/O)."""
