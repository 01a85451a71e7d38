"""Built-in providers with their real endpoints, signature methods, flows and quirks.

Each flow's presets live in their own module, which names its sources: `presets_pin` (PIN flow
and the sandbox), `presets_loopback`, `presets_paste`, `presets_consumer` (Consumer Only); the
APIs that moved to OAuth 2.0 are in `presets_retired`. URLs may contain `{{variables}}` (Jira's
base URL, a WordPress site, a NetSuite account) resolved from the selected environment.
`api_origins` lists the API hosts each one's credentials may be used for besides its token URLs'
hosts (`origins.py`). An env file entry under `"Security": {"Auth": {"<preset id>": ...}}`
overrides fields.
"""

from __future__ import annotations

from oauth_http.oauth.presets_consumer import CONSUMER_ONLY_PRESETS
from oauth_http.oauth.presets_loopback import LOOPBACK_PRESETS
from oauth_http.oauth.presets_paste import PASTE_PRESETS
from oauth_http.oauth.presets_pin import PIN_PRESETS, SANDBOX_CONSUMER_KEY, WIKIMEDIA_ORIGINS
from oauth_http.oauth.provider_model import Provider

__all__ = ["PRESETS", "PRESETS_BY_ID", "SANDBOX_CONSUMER_KEY", "WIKIMEDIA_ORIGINS"]

_BY_ID = {
    preset.id: preset
    for preset in (*PIN_PRESETS, *LOOPBACK_PRESETS, *PASTE_PRESETS, *CONSUMER_ONLY_PRESETS)
}
DISPLAY_ORDER = (
    "twitter",
    "flickr",
    "tumblr",
    "trello",
    "smugmug",
    "discogs",
    "mediawiki",
    "mediawiki-owner",
    "jira",
    "wordpress",
    "netsuite",
    "magento",
    "maas",
    "evernote",
    "evernote-sandbox",
    "garmin",
    "mastercard",
    "woocommerce",
    "schoology",
    "sandbox",
)
PRESETS: tuple[Provider, ...] = tuple(_BY_ID[preset_id] for preset_id in DISPLAY_ORDER)
PRESETS_BY_ID: dict[str, Provider] = {preset.id: preset for preset in PRESETS}
