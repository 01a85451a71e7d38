"""The language server: thin pygls adapters over the pure core."""
