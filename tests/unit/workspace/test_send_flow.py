"""The workspace layer's sends over real HTTP (the httpbed on 127.0.0.1), with a scripted front end
in place of the editor or the terminal: dependencies first or not, prompts, a provider that is not
authorized, and "send all" stopping at the first failure. Each test asserts what the server saw."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from oauth_http.oauth.interaction import PickChoice
from oauth_http.sending.body_files import BodyFiles
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.syntax.model import Request
from oauth_http.syntax.parser import parse_document
from oauth_http.workspace.contexts import DocumentContext, WorkspaceContexts
from oauth_http.workspace.env_source import DiskEnvSource
from oauth_http.workspace.include_permission import StoredPermission
from oauth_http.workspace.layout import layout_of_file
from oauth_http.workspace.send_flow import (
    DependencyChoice,
    RecordRole,
    SendOutcome,
    Transfer,
    WorkspaceSends,
    is_failure,
)
from oauth_http.workspace.session import SendLimits, SendSession

from tests.httpbed import RunningBed


@pytest.fixture
def sends(tmp_path: Path) -> Iterator[WorkspaceSends]:
    session = SendSession(BodyFiles(tmp_path / "bodies"))
    yield WorkspaceSends(session, SendLimits(timeout_seconds=5))
    session.close()


class _Answers:
    """A `UserInteraction` that answers prompts from a dict (a missing answer cancels)."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, bool]] = []

    async def ask_text(
        self,
        title: str,
        prompt: str,
        *,
        masked: bool = False,
        placeholder: str = "",
        value: str = "",
    ) -> str | None:
        self.asked.append((title, masked))
        return self.answers.get(title)

    async def pick(self, title: str, items: Sequence[PickChoice]) -> str | None:
        return None

    async def open_url(self, url: str) -> bool:
        return False

    async def choose(self, text: str, actions: Sequence[str]) -> str | None:
        return None

    async def confirm(self, text: str, action: str) -> bool:
        return False

    async def show_info(self, text: str) -> None:
        return None

    async def show_error(self, text: str) -> None:
        return None


class _NoSecrets:
    async def get(self, key: str) -> str | None:
        return None

    async def store(self, key: str, value: str) -> None:
        raise AssertionError("a send stores no secret")

    async def delete(self, key: str) -> None:
        return None


@dataclass
class ScriptedFront:
    """The front end of these tests: its answers are set by the test, and it records what the
    flow asked and sent."""

    dependency_choice: DependencyChoice | None = "first"
    authorizes: bool = False
    answers: dict[str, str] = field(default_factory=dict)
    offered: list[list[str]] = field(default_factory=list)
    authorize_offers: list[str] = field(default_factory=list)
    sent_records: list[tuple[str, RecordRole, ResponseRecord]] = field(default_factory=list)
    extra_origins: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self._interaction = _Answers(self.answers)
        self._secrets = _NoSecrets()

    @property
    def interaction(self) -> _Answers:
        return self._interaction

    @property
    def secrets(self) -> _NoSecrets:
        return self._secrets

    @property
    def outside_files(self) -> StoredPermission:
        return StoredPermission(self._interaction, self._secrets)

    async def choose_dependencies(self, names: Sequence[str]) -> DependencyChoice | None:
        self.offered.append(list(names))
        return self.dependency_choice

    async def authorize_first(self, provider_id: str) -> bool:
        self.authorize_offers.append(provider_id)
        return self.authorizes

    async def transfer(self, send: Transfer, label: str) -> ResponseRecord:
        return send(threading.Event())

    def sent(self, outcome: SendOutcome, request: Request, role: RecordRole) -> None:
        assert outcome.record is not None
        self.sent_records.append((request.label(), role, outcome.record))


def _context(tmp_path: Path) -> DocumentContext:
    path = tmp_path / "api.http"
    path.write_text("")
    return WorkspaceContexts(DiskEnvSource()).for_document(
        path.as_uri(), layout_of_file(path, cwd=tmp_path), None
    )


def _paths(bed: RunningBed) -> list[str]:
    return [request.path for request in bed.requests_seen]


CHAIN = (
    "# @name login\nGET {url}/json\n\n###\n"
    "# @name me\nGET {url}/echo?t={{{{login.response.body.$.token}}}}\n"
)


async def test_dependencies_are_sent_first_when_the_front_end_agrees(
    bed: RunningBed, sends: WorkspaceSends, tmp_path: Path
) -> None:
    parsed = parse_document(CHAIN.format(url=bed.url))
    front = ScriptedFront(dependency_choice="first")
    seen = len(bed.requests_seen)
    outcome = await sends.send_request(_context(tmp_path), parsed, parsed.requests()[1], front)
    assert front.offered == [["'login'"]]
    assert _paths(bed)[seen:] == ["/json", "/echo"]
    assert dict(bed.requests_seen[-1].query) == {"t": "chain-token-123"}
    assert [(label, role) for label, role, _ in front.sent_records] == [
        ("login", "dependency"),
        ("me", "request"),
    ]
    assert outcome.record is not None and outcome.record["status"] == 200


async def test_send_anyway_skips_the_dependency_and_dismissing_sends_nothing(
    bed: RunningBed, sends: WorkspaceSends, tmp_path: Path
) -> None:
    parsed = parse_document(CHAIN.format(url=bed.url))
    seen = len(bed.requests_seen)
    cancelled = await sends.send_request(
        _context(tmp_path), parsed, parsed.requests()[1], ScriptedFront(dependency_choice=None)
    )
    assert cancelled.record is None and _paths(bed)[seen:] == []
    anyway = await sends.send_request(
        _context(tmp_path), parsed, parsed.requests()[1], ScriptedFront(dependency_choice="anyway")
    )
    assert anyway.record is not None and anyway.failed_dependency is None
    error = anyway.record["error"]
    assert error is not None and error["kind"] == "unresolved_variable"
    assert _paths(bed)[seen:] == [], "a request with an unresolved variable is not sent"


async def test_a_failed_dependency_stops_the_request(
    bed: RunningBed, sends: WorkspaceSends, tmp_path: Path
) -> None:
    text = (
        f"# @name login\nGET {bed.url}/status/500\n\n###\n"
        f"GET {bed.url}/echo?t={{{{login.response.headers.X-Token}}}}\n"
    )
    parsed = parse_document(text)
    seen = len(bed.requests_seen)
    outcome = await sends.send_request(
        _context(tmp_path), parsed, parsed.requests()[1], ScriptedFront()
    )
    assert _paths(bed)[seen:] == ["/status/500"]
    assert outcome.failed_dependency is not None and outcome.failed_dependency.name == "login"
    assert outcome.record is not None and outcome.record["status"] == 500


async def test_prompts_are_asked_masked_for_secrets_and_used(
    bed: RunningBed, sends: WorkspaceSends, tmp_path: Path
) -> None:
    parsed = parse_document(
        f"# @prompt who\n# @prompt password\nGET {bed.url}/echo?w={{{{who}}}}&p={{{{password}}}}\n"
    )
    front = ScriptedFront(answers={"Value for who": "ada", "Value for password": "pw"})
    await sends.send_request(_context(tmp_path), parsed, parsed.requests()[0], front)
    assert front.interaction.asked == [("Value for who", False), ("Value for password", True)]
    assert dict(bed.requests_seen[-1].query) == {"w": "ada", "p": "pw"}


async def test_a_provider_without_a_token_is_offered_and_nothing_is_sent(
    bed: RunningBed, sends: WorkspaceSends, tmp_path: Path
) -> None:
    parsed = parse_document(f"# @oauth1 sandbox\nGET {bed.url}/echo?signed=1\n")
    front = ScriptedFront(authorizes=False)
    seen = len(bed.requests_seen)
    outcome = await sends.send_request(_context(tmp_path), parsed, parsed.requests()[0], front)
    assert front.authorize_offers == ["sandbox"]
    assert _paths(bed)[seen:] == []
    assert outcome.record is not None and outcome.record["error"] is not None
    assert outcome.record["error"]["kind"] == "not_authorized"


async def test_send_all_goes_in_order_and_stops_at_the_first_failure(
    bed: RunningBed, sends: WorkspaceSends, tmp_path: Path
) -> None:
    text = (
        f"# @name one\nGET {bed.url}/json\n\n###\n"
        f"GET {bed.url}/echo?t={{{{one.response.body.$.token}}}}\n\n###\n"
        f"GET {bed.url}/status/500\n\n###\n"
        f"GET {bed.url}/echo?never=1\n"
    )
    parsed = parse_document(text)
    seen = len(bed.requests_seen)
    outcome = await sends.send_all(_context(tmp_path), parsed, ScriptedFront())
    assert [r["status"] for r in outcome.records] == [200, 200, 500] and outcome.sent == 3
    assert outcome.stopped_at == parsed.requests()[2]
    assert is_failure(outcome.records[-1]) and not is_failure(outcome.records[0])
    assert _paths(bed)[seen:] == ["/json", "/echo", "/status/500"]
    assert dict(bed.requests_seen[-2].query) == {"t": "chain-token-123"}


async def test_send_all_stops_at_a_cancelled_prompt(
    bed: RunningBed, sends: WorkspaceSends, tmp_path: Path
) -> None:
    text = (
        f"GET {bed.url}/json\n\n###\n# @prompt who\nGET {bed.url}/echo\n\n###\nGET {bed.url}/json\n"
    )
    parsed = parse_document(text)
    seen = len(bed.requests_seen)
    outcome = await sends.send_all(_context(tmp_path), parsed, ScriptedFront())
    assert outcome.sent == 1 and outcome.cancelled_at == parsed.requests()[1]
    assert _paths(bed)[seen:] == ["/json"]
