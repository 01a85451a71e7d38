"""The presets whose providers show no PIN and only redirect to a callback: the Loopback flow,
where the browser comes back to OAuth HTTP on 127.0.0.1.

Sources: Tumblr's API docs (https://www.tumblr.com/docs/en/api/v2#auth); Evernote's SDK
(evernote/evernote-sdk-python3, lib/evernote/api/client.py: `/oauth` for both token requests,
`/OAuth.action` to authorize, `www.evernote.com` or `sandbox.evernote.com`); Garmin Connect
Developer Program's OAuth Specification 1.0.1 (request and access tokens on connectapi.garmin.com,
`oauthConfirm` on connect.garmin.com, the Health API on apis.garmin.com).
"""

from __future__ import annotations

from oauth_http.oauth.provider_model import Provider

_EVERNOTE_NOTE = (
    "Evernote shows no PIN: the browser comes back to OAuth HTTP on 127.0.0.1 (Loopback). Its "
    "access token answer carries edam_noteStoreUrl and edam_userId; the token secret is empty."
)


def _evernote(preset_id: str, label: str, host: str, note: str) -> Provider:
    return Provider(
        id=preset_id,
        label=label,
        request_token_url=f"https://{host}/oauth",
        authorize_url=f"https://{host}/OAuth.action",
        access_token_url=f"https://{host}/oauth",
        api_origins=(f"https://{host}",),
        flow="Loopback",
        description=f"{note} {_EVERNOTE_NOTE}",
    )


LOOPBACK_PRESETS: tuple[Provider, ...] = (
    Provider(
        id="tumblr",
        label="Tumblr",
        request_token_url="https://www.tumblr.com/oauth/request_token",
        authorize_url="https://www.tumblr.com/oauth/authorize",
        access_token_url="https://www.tumblr.com/oauth/access_token",
        api_origins=("https://api.tumblr.com",),
        flow="Loopback",
        description=(
            'Tumblr API v2. Tumblr shows no PIN (it answers "Missing or invalid '
            'oauth_verifier" when the callback step is skipped), so the browser comes back to '
            "OAuth HTTP on 127.0.0.1 (Loopback)."
        ),
    ),
    _evernote("evernote", "Evernote", "www.evernote.com", "Evernote (production)."),
    _evernote(
        "evernote-sandbox",
        "Evernote sandbox",
        "sandbox.evernote.com",
        "Evernote's sandbox service, where new API keys start.",
    ),
    Provider(
        id="garmin",
        label="Garmin Connect (Health / Activity API)",
        request_token_url="https://connectapi.garmin.com/oauth-service/oauth/request_token",
        authorize_url="https://connect.garmin.com/oauthConfirm",
        access_token_url="https://connectapi.garmin.com/oauth-service/oauth/access_token",
        api_origins=("https://apis.garmin.com",),
        flow="Loopback",
        description=(
            "Garmin Connect Developer Program (Health and Activity APIs on apis.garmin.com); "
            "the browser comes back to OAuth HTTP on 127.0.0.1 (Loopback). Garmin's OAuth 1.0a "
            "retires on 2026-12-31: its token exchange endpoint moves users to OAuth 2.0."
        ),
    ),
)
