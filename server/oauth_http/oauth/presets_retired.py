"""OAuth 1.0a APIs that were retired in favour of OAuth 2.0, so that naming one explains why it
cannot be used instead of saying "unknown provider".

Sources: Etsy's migration FAQ and announcements (Open API v2 sunset on 2023-04-03, v3 is OAuth 2.0
only); Xero's developer notices (OAuth 1.0a retired in 2021); Intuit's (QuickBooks Online's OAuth
1.0a ended in December 2019); Yahoo's developer docs (its APIs, Fantasy Sports included, take OAuth
2.0).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RetiredApi:
    id: str
    label: str
    retired: str
    now: str

    @property
    def message(self) -> str:
        return (
            f"{self.label} no longer accepts OAuth 1.0a: it was retired {self.retired}, and "
            f"{self.now}. OAuth HTTP signs OAuth 1.0a only, so use an OAuth 2.0 client for it."
        )


RETIRED_APIS: tuple[RetiredApi, ...] = (
    RetiredApi(
        "etsy", "Etsy's Open API v2", "on 2023-04-03", "Open API v3 takes OAuth 2.0 (with PKCE)"
    ),
    RetiredApi("xero", "Xero", "in 2021", "Xero's API takes OAuth 2.0"),
    RetiredApi(
        "quickbooks", "QuickBooks Online", "in December 2019", "Intuit's APIs take OAuth 2.0"
    ),
    RetiredApi("yahoo", "Yahoo", "years ago", "Yahoo's APIs (Fantasy Sports too) take OAuth 2.0"),
)
RETIRED_BY_ID: dict[str, RetiredApi] = {api.id: api for api in RETIRED_APIS}
