"""The user's `oauthHttp.*` settings, as the server reads them through workspace/configuration."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oauth_http.workspace.session import SendLimits

DEFAULT_TIMEOUT_SECONDS = 30.0
DEFAULT_RESPONSE_SIZE_LIMIT_MB = 5.0
DEFAULT_MAX_RESPONSE_MB = 200.0


@dataclass
class Settings:
    environment: str | None = None
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    response_size_limit_mb: float = DEFAULT_RESPONSE_SIZE_LIMIT_MB
    max_response_mb: float = DEFAULT_MAX_RESPONSE_MB

    def send_limits(self) -> SendLimits:
        from oauth_http.workspace.session import SendLimits

        return SendLimits(self.timeout_seconds, self.response_size_limit_mb, self.max_response_mb)

    def update(self, section: Any) -> None:
        """Take the values of an `oauthHttp` configuration section; ignore what does not fit."""
        values = section if isinstance(section, dict) else getattr(section, "_asdict", dict)()
        environment = values.get("environment")
        self.environment = environment if isinstance(environment, str) and environment else None
        self.timeout_seconds = _positive(values.get("timeoutSeconds"), DEFAULT_TIMEOUT_SECONDS)
        self.response_size_limit_mb = _positive(
            values.get("responseSizeLimitMB"), DEFAULT_RESPONSE_SIZE_LIMIT_MB
        )
        self.max_response_mb = _positive(values.get("maxResponseMB"), DEFAULT_MAX_RESPONSE_MB)


def _positive(value: Any, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return default
    return float(value)
