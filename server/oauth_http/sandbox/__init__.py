"""The sandbox: a real OAuth 1.0a provider with a small Twitter-like API, on 127.0.0.1."""
