"""How an authorization ended: authorized (or ready, for a provider that needs no token),
cancelled with nothing stored, or failed with the reason and the next step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Authorized:
    provider_id: str
    identity: str | None
    message: str
    status: Literal["authorized"] = "authorized"


@dataclass(frozen=True)
class Cancelled:
    message: str
    status: Literal["cancelled"] = "cancelled"


@dataclass(frozen=True)
class Failed:
    message: str
    status: Literal["failed"] = "failed"


AuthorizeOutcome = Authorized | Cancelled | Failed
