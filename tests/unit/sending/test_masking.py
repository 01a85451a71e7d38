"""What the record hides of a request: OAuth secrets, other credentials, cookies, secret-looking
parameters; and what it keeps readable."""

from __future__ import annotations

import json
from dataclasses import replace
from urllib.parse import quote, unquote

import pytest
from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.oauth.signing import Credentials
from oauth_http.sending import masking
from oauth_http.sending.oauth_setup import OAuthSetup
from oauth_http.sending.session import Sender

from tests.httpbed import RunningBed
from tests.httpbed.sending import send_text

OAUTH_HEADER = (
    'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", '
    'oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131200", '
    'oauth_nonce="wIjqoS", oauth_signature="74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D"'
)


def test_oauth_header_keeps_readable_parameters_and_hides_token_and_signature() -> None:
    found: list[str] = []
    masked = masking.mask_header("Authorization", OAUTH_HEADER, found)
    assert 'oauth_consumer_key="dpf43f3p2l4k3l03"' in masked
    assert 'oauth_nonce="wIjqoS"' in masked and 'realm="Photos"' in masked
    assert "nnch734d00sl2jdk" not in masked and "74KNZJeDHnMBp0EMJ9ZHt" not in masked
    assert 'oauth_token="••••"' in masked
    assert "nnch734d00sl2jdk" in found and "74KNZJeDHnMBp0EMJ9ZHt/XKycU=" in found


def test_other_authorization_schemes_hide_their_credentials() -> None:
    assert masking.mask_header("Authorization", "Basic dXNlcjpwYXNzd29yZA==") == "Basic ••••"
    assert masking.mask_header("authorization", "Bearer abc") == "Bearer ••••"
    assert masking.mask_header("Proxy-Authorization", "Basic eHh4") == "Basic ••••"


def test_cookies_and_secret_looking_headers() -> None:
    assert masking.mask_header("Cookie", "sid=abcdefghijk; theme=dark") == "sid=••••; theme=••••"
    assert (
        masking.mask_header("Set-Cookie", "sid=abcdefghijk; Path=/; HttpOnly")
        == "sid=••••; Path=/; HttpOnly"
    )
    assert masking.mask_header("X-Api-Key", "k-1234567890") == "••••"
    assert masking.mask_header("Content-Type", "application/json") == "application/json"
    challenge = 'OAuth realm="x", oauth_problem="token_rejected"'
    assert masking.mask_header("WWW-Authenticate", challenge) == challenge
    assert masking.mask_header("Access-Control-Allow-Credentials", "true") == "true"


def test_url_query_and_password() -> None:
    url = (
        "https://user:hunter22@api.example.com/1.1/x.json?count=5&api_key=abcdef123456"
        "&oauth_consumer_key=ck&oauth_token=tok123456789&oauth_signature=sig%3D%3Dlong"
    )
    masked = masking.mask_url(url)
    assert "hunter22" not in masked and "abcdef123456" not in masked
    assert "tok123456789" not in masked and "sig%3D%3Dlong" not in masked
    assert "count=5" in masked and "oauth_consumer_key=ck" in masked
    assert masked.startswith("https://user:")
    assert masking.mask_url("http://example.com/plain?a=1") == "http://example.com/plain?a=1"


def test_form_and_json_bodies() -> None:
    form = "status=hello&oauth_signature=abc%3Dxyz123&password=s3cret!!&oauth_nonce=n1"
    masked = masking.mask_pairs_text(form)
    assert "status=hello" in masked and "oauth_nonce=n1" in masked
    assert "abc%3Dxyz123" not in masked and "s3cret!!" not in masked
    json_text = '{\n  "user": "ada",\n  "password": "correct horse",\n  "api_token": "t"\n}'
    masked_json = masking.mask_json_text(json_text)
    assert '"user": "ada"' in masked_json and "correct horse" not in masked_json
    assert '"api_token": "••••"' in masked_json and masked_json.count("\n") == 4


def test_base_string_hides_the_token_and_secret_parameters() -> None:
    base = (
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26"
        "oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_token%3Dnnch734d00sl2jdk%26"
        "password%3Dhunter2hunter2%26size%3Doriginal"
    )
    masked = masking.mask_base_string(base)
    assert masked is not None
    assert "nnch734d00sl2jdk" not in masked and "hunter2hunter2" not in masked
    assert masked.startswith("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&")
    assert "file%3Dvacation.jpg" in masked and "oauth_consumer_key%3Ddpf43f3p2l4k3l03" in masked
    assert "oauth_token=••••" in unquote(unquote(masked))
    assert masking.mask_base_string(None) is None


def test_known_secrets_are_hidden_anywhere_in_text() -> None:
    text = '{"echo": "token tok-0123456789 and sig"}'
    assert masking.mask_text_secrets(text, ["tok-0123456789"]) == '{"echo": "token •••• and sig"}'


CONSUMER_SECRET = "~^consumer-secret"
TOKEN = "^~access-token"
TOKEN_SECRET = "!~token-secret"


def prefixes(secret: str) -> list[str]:
    """Every prefix of two characters or more, as written and percent-encoded (once and twice)."""
    found: list[str] = []
    for end in range(2, len(secret) + 1):
        once = quote(secret[:end], safe="")
        found.extend({secret[:end], once, quote(once, safe="")})
    return found


@pytest.mark.parametrize("placement", ["header", "query", "body"])
def test_a_plaintext_record_holds_no_prefix_of_any_secret(
    bed: RunningBed, sender: Sender, placement: str
) -> None:
    """PLAINTEXT's signature is `consumer_secret&token_secret`: a prefix of it would be the start
    of the consumer secret. No prefix of any secret is in the record, even the echo of it."""
    provider = replace(
        PRESETS_BY_ID["sandbox"], signature_method="PLAINTEXT", signature_placement=placement
    )
    setup = OAuthSetup(
        provider,
        Credentials("ck", CONSUMER_SECRET, TOKEN, TOKEN_SECRET),
        allowed_origins=(f"http://127.0.0.1:{bed.port}",),
    )
    text = (
        f"# @oauth1 sandbox\n###\nPOST {bed.url}/echo?a=1\n"
        "Content-Type: application/x-www-form-urlencoded\n\nstatus=hi\n"
    )
    record = send_text(sender, text, oauth=setup)
    assert record["status"] == 200
    wire = bed.requests_seen[-1]
    sent = f"{wire.raw_query} {wire.headers} {wire.body.decode()}"
    assert quote(CONSUMER_SECRET, safe="") in unquote(sent), "the wire did carry the secret"
    shown = json.dumps(record, ensure_ascii=False)
    for secret in (CONSUMER_SECRET, TOKEN, TOKEN_SECRET):
        for prefix in prefixes(secret):
            assert prefix not in shown, (secret, prefix)
    assert "••••" in shown
