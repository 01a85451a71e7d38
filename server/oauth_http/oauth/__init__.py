"""OAuth 1.0a: providers, secrets, signing and the PIN flow, behind small interfaces."""
