"""The presets whose tokens are made on the provider's own site and pasted into OAuth HTTP.

Sources: NetSuite's help ("Token-based Authentication", "The Authorization Header for REST Web
Services and RESTlets": realm is the account ID such as 1234567_SB1, only HMAC-SHA256, hosts
ACCOUNT.suitetalk.api.netsuite.com and ACCOUNT.restlets.api.netsuite.com, with the account ID in
lower case and "_" as "-"); Adobe Commerce's "OAuth-based authentication" (an integration's four
values, HMAC-SHA256, signed requests since 2.4.4); Canonical MAAS's "How to authenticate to the
MAAS API" (the API key `consumer_key:token_key:token_secret`, PLAINTEXT, an empty consumer
secret); MediaWiki's Extension:OAuth ("owner-only consumers" give the four values at once).
"""

from __future__ import annotations

from oauth_http.oauth.presets_pin import WIKIMEDIA_ORIGINS
from oauth_http.oauth.provider_model import Provider

PASTE_PRESETS: tuple[Provider, ...] = (
    Provider(
        id="mediawiki-owner",
        label="MediaWiki owner-only consumer",
        api_origins=WIKIMEDIA_ORIGINS,
        flow="Paste",
        description=(
            "A Wikimedia owner-only OAuth 1.0a consumer: Special:OAuthConsumerRegistration shows "
            "its consumer key and secret and the access token and secret at once; paste them."
        ),
    ),
    Provider(
        id="netsuite",
        label="NetSuite (token-based authentication)",
        api_origins=(
            "https://*.suitetalk.api.netsuite.com",
            "https://*.restlets.api.netsuite.com",
        ),
        signature_method="HMAC-SHA256",
        realm="{{netsuiteAccountId}}",
        flow="Paste",
        description=(
            "NetSuite token-based authentication (TBA): paste the consumer key and secret of the "
            "integration record and the token ID and secret of an access token. The realm is "
            "the account ID: define netsuiteAccountId (e.g. 1234567_SB1). HMAC-SHA256 only "
            "(HMAC-SHA1 ended with 2023.1). NetSuite takes no new TBA integrations from 2027.1: "
            "new integrations use OAuth 2.0."
        ),
    ),
    Provider(
        id="magento",
        label="Magento / Adobe Commerce (integration)",
        api_origins=("{{magentoSiteUrl}}",),
        signature_method="HMAC-SHA256",
        flow="Paste",
        description=(
            "A Magento / Adobe Commerce integration (System > Extensions > Integrations): paste "
            "its consumer key and secret, access token and access token secret. Since 2.4.4 the "
            "access token is not accepted as a bearer token by default, so requests are signed "
            "(HMAC-SHA256). Define magentoSiteUrl; the API is under {{magentoSiteUrl}}/rest/V1/."
        ),
    ),
    Provider(
        id="maas",
        label="Canonical MAAS",
        api_origins=("{{maasUrl}}",),
        signature_method="PLAINTEXT",
        flow="Paste",
        paste_format="consumer:token:secret",
        description=(
            "Canonical MAAS: paste the API key (consumer:token:secret, from your MAAS user "
            "preferences or `maas apikey`). PLAINTEXT with an empty consumer secret, as MAAS's "
            "own clients sign. Define maasUrl (e.g. http://maas.example.com:5240/MAAS)."
        ),
    ),
)
