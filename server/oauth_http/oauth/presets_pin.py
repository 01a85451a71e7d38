"""The presets whose tokens come from the three-legged PIN (out-of-band) flow, and the sandbox.

Endpoints are the providers' documented ones (see /work/shared/notes/libraries.md for the table
and its sources); each preset's `api_origins` lists the API hosts besides its token URLs' hosts.
"""

from __future__ import annotations

from oauth_http.oauth.provider_model import Provider

SANDBOX_CONSUMER_KEY = "sandbox-consumer"

# One Wikimedia consumer works on every Wikimedia wiki (single user login).
WIKIMEDIA_ORIGINS = tuple(
    f"https://*.{site}"
    for site in (
        "wikipedia.org",
        "wikimedia.org",
        "wikidata.org",
        "wiktionary.org",
        "wikibooks.org",
        "wikinews.org",
        "wikiquote.org",
        "wikisource.org",
        "wikiversity.org",
        "wikivoyage.org",
        "mediawiki.org",
    )
)

PIN_PRESETS: tuple[Provider, ...] = (
    Provider(
        id="twitter",
        label="X (Twitter)",
        request_token_url="https://api.x.com/oauth/request_token",
        authorize_url="https://api.x.com/oauth/authorize",
        access_token_url="https://api.x.com/oauth/access_token",
        api_origins=("https://api.x.com", "https://api.twitter.com", "https://upload.twitter.com"),
        description=(
            "X API v1.1 and v2 user context; the PIN has about 7 digits. An access token made "
            'in the developer portal can be pasted instead: set "Flow": "Paste".'
        ),
    ),
    Provider(
        id="flickr",
        label="Flickr",
        request_token_url="https://www.flickr.com/services/oauth/request_token",
        authorize_url="https://www.flickr.com/services/oauth/authorize",
        access_token_url="https://www.flickr.com/services/oauth/access_token",
        api_origins=("https://api.flickr.com", "https://up.flickr.com"),
        authorize_parameters=(("perms", "read"),),
        description=(
            'Flickr (HMAC-SHA1 only). Asks for "perms=read"; override "Authorize Parameters" '
            'with {"perms": "write"} or "delete" for more. The PIN looks like 123-456-789.'
        ),
    ),
    Provider(
        id="trello",
        label="Trello",
        request_token_url="https://trello.com/1/OAuthGetRequestToken",
        authorize_url="https://trello.com/1/OAuthAuthorizeToken",
        access_token_url="https://trello.com/1/OAuthGetAccessToken",
        api_origins=("https://api.trello.com",),
        authorize_parameters=(("name", "OAuth HTTP"), ("scope", "read"), ("expiration", "1day")),
        description=(
            'Trello. Override "Authorize Parameters" to change "name", "scope" '
            '("read,write") or "expiration" ("1hour", "1day", "30days", "never").'
        ),
    ),
    Provider(
        id="smugmug",
        label="SmugMug",
        request_token_url="https://secure.smugmug.com/services/oauth/1.0a/getRequestToken",
        authorize_url="https://secure.smugmug.com/services/oauth/1.0a/authorize",
        access_token_url="https://secure.smugmug.com/services/oauth/1.0a/getAccessToken",
        api_origins=("https://api.smugmug.com", "https://upload.smugmug.com"),
        description="SmugMug API v2; the PIN is a 6-digit code.",
    ),
    Provider(
        id="discogs",
        label="Discogs",
        request_token_url="https://api.discogs.com/oauth/request_token",
        authorize_url="https://www.discogs.com/oauth/authorize",
        access_token_url="https://api.discogs.com/oauth/access_token",
        signature_method="PLAINTEXT",
        description=(
            "Discogs (PLAINTEXT, so use https only). Discogs rejects requests without a unique "
            "User-Agent: give each request a User-Agent header naming your application."
        ),
    ),
    Provider(
        id="mediawiki",
        label="MediaWiki (Wikimedia)",
        request_token_url="https://meta.wikimedia.org/w/index.php?title=Special:OAuth/initiate",
        authorize_url="https://meta.wikimedia.org/wiki/Special:OAuth/authorize",
        access_token_url="https://meta.wikimedia.org/w/index.php?title=Special:OAuth/token",
        api_origins=WIKIMEDIA_ORIGINS,
        description=(
            "Wikimedia wikis (OAuth 1.0a consumers; the callback must be oob). For RSA-SHA1 "
            'consumers set "Signature Method" and "Private Key File".'
        ),
    ),
    Provider(
        id="jira",
        label="Jira Server / Data Center",
        request_token_url="{{jiraBaseUrl}}/plugins/servlet/oauth/request-token",
        authorize_url="{{jiraBaseUrl}}/plugins/servlet/oauth/authorize",
        access_token_url="{{jiraBaseUrl}}/plugins/servlet/oauth/access-token",
        api_origins=("{{jiraBaseUrl}}",),
        signature_method="RSA-SHA1",
        description=(
            "Jira Server / Data Center Application Links (RSA-SHA1). Define jiraBaseUrl in the "
            'environment and set "Private Key File" to the key whose public half Jira has.'
        ),
    ),
    Provider(
        id="wordpress",
        label="WordPress (WP-API OAuth1)",
        request_token_url="{{wordpressSiteUrl}}/oauth1/request",
        authorize_url="{{wordpressSiteUrl}}/oauth1/authorize",
        access_token_url="{{wordpressSiteUrl}}/oauth1/access",
        api_origins=("{{wordpressSiteUrl}}",),
        description=(
            "A WordPress site with the WP-API OAuth1 plugin; define wordpressSiteUrl. When the "
            'site wants the callback registered with the application, set "Flow": "Loopback" '
            'and "Callback" to that http://127.0.0.1:PORT/PATH address.'
        ),
    ),
    Provider(
        id="sandbox",
        label="Sandbox (local)",
        request_token_url="http://127.0.0.1:8765/oauth/request_token",
        authorize_url="http://127.0.0.1:8765/oauth/authorize",
        access_token_url="http://127.0.0.1:8765/oauth/access_token",
        suggested_consumer_key=SANDBOX_CONSUMER_KEY,
        description=(
            "The local sandbox provider (`oauth-http sandbox`). Consumer key "
            f"{SANDBOX_CONSUMER_KEY}, secret sandbox-secret."
        ),
    ),
)
