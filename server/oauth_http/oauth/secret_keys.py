"""The one place that names the secrets OAuth HTTP keeps, and how their values are encoded.

Secrets are scoped to a workspace folder and a provider:
`oauthHttp:<folder uri>:<provider id>:consumer` holds `{"key", "secret"}`,
`oauthHttp:<folder uri>:<provider id>:token` holds `{"token", "secret", "screenName", "userId"}`
and `oauthHttp:<folder uri>:<provider id>:keyPassword` holds `{"password"}` (the password of an
encrypted "Private Key File"), all as JSON text. Answers of the user are kept there too, out
of the workspace's files: `...:allowedOrigins` (a JSON list of the origins the user allowed the
provider's credentials to go to besides its own), `...:definition` (`{"fingerprint"}` of the
env-file definition the user agreed to, `overrides.fingerprint_of`) and
`oauthHttp:<folder uri>:allowedPaths` (the JSON list of the real paths outside the folder that
the user allowed its body includes to read).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from oauth_http.oauth.interaction import AccessToken, Consumer

PREFIX = "oauthHttp"


def consumer_secret_name(folder: str, provider_id: str) -> str:
    return f"{PREFIX}:{folder}:{provider_id}:consumer"


def token_secret_name(folder: str, provider_id: str) -> str:
    return f"{PREFIX}:{folder}:{provider_id}:token"


def key_password_name(folder: str, provider_id: str) -> str:
    return f"{PREFIX}:{folder}:{provider_id}:keyPassword"


def allowed_paths_name(folder: str) -> str:
    return f"{PREFIX}:{folder}:allowedPaths"


def allowed_origins_name(folder: str, provider_id: str) -> str:
    return f"{PREFIX}:{folder}:{provider_id}:allowedOrigins"


def definition_name(folder: str, provider_id: str) -> str:
    return f"{PREFIX}:{folder}:{provider_id}:definition"


def encode_strings(values: list[str]) -> str:
    """A list the user built up (allowed origins, allowed paths) as JSON text."""
    return json.dumps(values)


def decode_strings(text: str | None) -> tuple[str, ...]:
    """The strings in `text`, or none when it is missing or not a JSON list of strings."""
    if not text:
        return ()
    try:
        data = json.loads(text)
    except ValueError:
        return ()
    if not isinstance(data, list):
        return ()
    return tuple(item for item in data if isinstance(item, str))


def encode_fingerprint(fingerprint: str) -> str:
    return json.dumps({"fingerprint": fingerprint})


def decode_fingerprint(text: str | None) -> str | None:
    found = _object(text).get("fingerprint")
    return found if isinstance(found, str) else None


def encode_key_password(password: str) -> str:
    return json.dumps({"password": password})


def decode_key_password(text: str | None) -> str | None:
    password = _object(text).get("password")
    return password if isinstance(password, str) else None


@dataclass(frozen=True)
class StoredToken:
    """An access token as kept in secret storage, with who it belongs to when known."""

    token: str
    secret: str
    screen_name: str | None = None
    user_id: str | None = None

    def __repr__(self) -> str:
        return f"StoredToken(token=***, secret=***, screen_name={self.screen_name!r})"

    @property
    def identity(self) -> str | None:
        return self.screen_name or self.user_id


IDENTITY_FIELDS = ("screen_name", "username", "user_name", "fullname")
USER_ID_FIELDS = ("user_id", "user_nsid", "userid", "id")


def stored_token_from(access: AccessToken) -> StoredToken:
    screen_name = next((access.extra[f] for f in IDENTITY_FIELDS if access.extra.get(f)), None)
    user_id = next((access.extra[f] for f in USER_ID_FIELDS if access.extra.get(f)), None)
    return StoredToken(access.token, access.secret, screen_name, user_id)


def encode_consumer(consumer: Consumer) -> str:
    return json.dumps({"key": consumer.key, "secret": consumer.secret})


def decode_consumer(text: str | None) -> Consumer | None:
    """The consumer in `text`, or None when it is missing or not what `encode_consumer` wrote."""
    data = _object(text)
    key, secret = data.get("key"), data.get("secret")
    if isinstance(key, str) and key and isinstance(secret, str):
        return Consumer(key, secret)
    return None


def encode_token(token: StoredToken) -> str:
    return json.dumps(
        {
            "token": token.token,
            "secret": token.secret,
            "screenName": token.screen_name,
            "userId": token.user_id,
        }
    )


def decode_token(text: str | None) -> StoredToken | None:
    """The token in `text`, or None when it is missing or not what `encode_token` wrote."""
    data = _object(text)
    token, secret = data.get("token"), data.get("secret")
    if not (isinstance(token, str) and token and isinstance(secret, str)):
        return None
    screen_name, user_id = data.get("screenName"), data.get("userId")
    return StoredToken(
        token,
        secret,
        screen_name if isinstance(screen_name, str) else None,
        user_id if isinstance(user_id, str) else None,
    )


def _object(text: str | None) -> dict[str, object]:
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
