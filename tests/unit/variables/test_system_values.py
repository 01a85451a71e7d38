"""System variables evaluated against a fixed clock, zone, random source and environments."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, TypedDict
from zoneinfo import ZoneInfo

import pytest
from oauth_http.syntax.model import RefKind
from oauth_http.syntax.variable_refs import scan_refs
from oauth_http.variables.system_values import SystemContext, SystemValue, evaluate_system

if TYPE_CHECKING:
    from typing import Unpack

NOW = datetime(2024, 1, 31, 22, 45, 30, 123456, tzinfo=timezone.utc)  # a Wednesday
FIXED_UUID = uuid.UUID("12345678-1234-4678-9234-567812345678")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)


class ContextFields(TypedDict, total=False):
    """The other SystemContext fields a test sets."""

    process_env: Mapping[str, str]
    dotenv: Mapping[str, str] | None
    environment: Mapping[str, str]


def context(
    now: datetime = NOW,
    zone: tzinfo | None = timezone.utc,
    **fields: Unpack[ContextFields],
) -> SystemContext:
    return SystemContext(
        now=lambda: now,
        local_zone=zone,
        random_int=lambda low, high: low,
        new_uuid=lambda: FIXED_UUID,
        **fields,
    )


def evaluate(reference: str, ctx: SystemContext | None = None) -> SystemValue:
    refs, _ = scan_refs(reference, 0, 0)
    assert len(refs) == 1 and refs[0].kind == RefKind.SYSTEM, reference
    return evaluate_system(refs[0].name, refs[0].args, ctx or context())


def value(reference: str, ctx: SystemContext | None = None) -> str:
    result = evaluate(reference, ctx)
    assert result.error is None, result.error
    assert result.value is not None
    return result.value


def error(reference: str, ctx: SystemContext | None = None) -> str:
    result = evaluate(reference, ctx)
    assert result.value is None
    assert result.error
    return result.error


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("{{$timestamp}}", "1706741130"),
        ("{{$timestamp -3 h}}", str(1706741130 - 3 * 3600)),
        ("{{$timestamp 2 d}}", str(1706741130 + 2 * 86400)),
        ("{{$timestamp 1 M}}", str(1706741130 + 29 * 86400)),  # Jan 31 + 1 month = Feb 29
        ("{{$timestamp 1 y}}", str(1706741130 + 366 * 86400)),
        ("{{$timestamp -1500 ms}}", "1706741128"),
        ("{{$isoTimestamp}}", "2024-01-31T22:45:30.123Z"),
        ("{{$isoTimestamp 1 d}}", "2024-02-01T22:45:30.123Z"),
        ("{{$datetime rfc1123}}", "Wed, 31 Jan 2024 22:45:30 GMT"),
        ("{{$datetime iso8601}}", "2024-01-31T22:45:30.123Z"),
        ("{{$datetime iso8601 1 M}}", "2024-02-29T22:45:30.123Z"),
        ("{{$datetime iso8601 13 M}}", "2025-02-28T22:45:30.123Z"),
        ("{{$datetime iso8601 -2 M}}", "2023-11-30T22:45:30.123Z"),
        ("{{$datetime iso8601 1 w}}", "2024-02-07T22:45:30.123Z"),
        ("{{$datetime iso8601 -1 w}}", "2024-01-24T22:45:30.123Z"),
        ("{{$datetime iso8601 2 h}}", "2024-02-01T00:45:30.123Z"),
        ("{{$datetime iso8601 -30 m}}", "2024-01-31T22:15:30.123Z"),
        ("{{$datetime iso8601 90 s}}", "2024-01-31T22:47:00.123Z"),
        ("{{$datetime iso8601 877 ms}}", "2024-01-31T22:45:31.000Z"),
        ("{{$datetime rfc1123 1 d}}", "Thu, 01 Feb 2024 22:45:30 GMT"),
        ('{{$datetime "DD/MM/YY HH:mm" 2 h}}', "01/02/24 00:45"),
        ("{{$datetime 'YYYY-MM-DD'}}", "2024-01-31"),
        ("{{$datetime 'YYYY-MM-DD' +1 d}}", "2024-02-01"),
    ],
)
def test_utc_values_and_offsets(reference: str, expected: str) -> None:
    assert value(reference) == expected


@pytest.mark.parametrize(
    ("now", "reference", "expected"),
    [
        (
            datetime(2024, 3, 31, tzinfo=timezone.utc),
            "{{$datetime 'YYYY-MM-DD' -1 M}}",
            "2024-02-29",
        ),
        (
            datetime(2023, 3, 31, tzinfo=timezone.utc),
            "{{$datetime 'YYYY-MM-DD' -1 M}}",
            "2023-02-28",
        ),
        (
            datetime(2024, 2, 29, tzinfo=timezone.utc),
            "{{$datetime 'YYYY-MM-DD' 1 y}}",
            "2025-02-28",
        ),
        (
            datetime(2024, 2, 29, tzinfo=timezone.utc),
            "{{$datetime 'YYYY-MM-DD' -4 y}}",
            "2020-02-29",
        ),
        (
            datetime(2024, 5, 31, tzinfo=timezone.utc),
            "{{$datetime 'YYYY-MM-DD' 1 M}}",
            "2024-06-30",
        ),
        (
            datetime(2024, 12, 31, tzinfo=timezone.utc),
            "{{$datetime 'YYYY-MM-DD' 2 M}}",
            "2025-02-28",
        ),
        (utc(2024, 12, 31, 23, 59), "{{$datetime 'YYYY' 1 m}}", "2025"),
    ],
)
def test_month_and_year_offsets_clamp_to_the_month_end(
    now: datetime, reference: str, expected: str
) -> None:
    assert value(reference, context(now)) == expected


def test_every_dayjs_token() -> None:
    tokens = "YYYY YY M MM MMM MMMM D DD d dd ddd dddd H HH h hh m mm s ss SSS Z ZZ A a X x"
    assert value(f'{{{{$datetime "{tokens}"}}}}') == (
        "2024 24 1 01 Jan January 31 31 3 We Wed Wednesday 22 22 10 10 45 45 30 30 123 "
        "+00:00 +0000 PM pm 1706741130 1706741130123"
    )
    morning = datetime(2024, 7, 4, 5, 6, 7, 8000, tzinfo=timezone.utc)
    assert value(f'{{{{$datetime "{tokens}"}}}}', context(morning)) == (
        "2024 24 7 07 Jul July 4 04 4 Th Thu Thursday 5 05 5 05 6 06 7 07 008 "
        "+00:00 +0000 AM am 1720069567 1720069567008"
    )


def test_dayjs_escapes_literals_and_twelve_oclock() -> None:
    assert value("{{$datetime '[Today is] dddd[, at] h A'}}") == "Today is Wednesday, at 10 PM"
    assert value("{{$datetime '[YYYY] YYYY-[MM]'}}") == "YYYY 2024-MM"
    assert value("{{$datetime 'T[]Q'}}") == "T[]Q"
    midnight = context(datetime(2024, 1, 1, 0, 5, tzinfo=timezone.utc))
    noon = context(datetime(2024, 1, 1, 12, 5, tzinfo=timezone.utc))
    assert value("{{$datetime 'h:mm a'}}", midnight) == "12:05 am"
    assert value("{{$datetime 'hh:mm A'}}", noon) == "12:05 PM"
    assert value("{{$datetime 'MMMMM dddddd'}}") == "January1 WednesdayWe"


def test_local_datetime_in_a_fixed_zone() -> None:
    india = context(zone=timezone(timedelta(hours=5, minutes=30)))
    assert value("{{$localDatetime rfc1123}}", india) == "Thu, 01 Feb 2024 04:15:30 +0530"
    assert value("{{$localDatetime iso8601}}", india) == "2024-02-01T04:15:30+05:30"
    assert value("{{$localDatetime 'YYYY-MM-DD HH:mm Z'}}", india) == "2024-02-01 04:15 +05:30"
    assert value("{{$localDatetime iso8601 -5 h}}", india) == "2024-01-31T23:15:30+05:30"
    west = context(zone=timezone(timedelta(hours=-3)))
    assert value("{{$localDatetime 'ZZ Z'}}", west) == "-0300 -03:00"
    # $datetime stays in UTC whatever the local zone
    assert value("{{$datetime 'HH:mm Z'}}", india) == "22:45 +00:00"


def test_local_day_offsets_keep_the_wall_clock_across_daylight_saving() -> None:
    new_york = context(
        datetime(2024, 3, 9, 17, 0, tzinfo=timezone.utc), ZoneInfo("America/New_York")
    )
    assert value("{{$localDatetime iso8601}}", new_york) == "2024-03-09T12:00:00-05:00"
    assert value("{{$localDatetime iso8601 1 d}}", new_york) == "2024-03-10T12:00:00-04:00"
    assert value("{{$localDatetime iso8601 24 h}}", new_york) == "2024-03-10T13:00:00-04:00"
    assert value("{{$localDatetime iso8601 1 M}}", new_york) == "2024-04-09T12:00:00-04:00"


def test_local_datetime_defaults_to_the_machine_zone() -> None:
    machine = context(zone=None)
    expected = NOW.astimezone().strftime("%Y-%m-%d %H:%M")
    assert value("{{$localDatetime 'YYYY-MM-DD HH:mm'}}", machine) == expected


def test_guid_and_uuid() -> None:
    assert value("{{$guid}}") == str(FIXED_UUID)
    assert value("{{$uuid}}") == str(FIXED_UUID)
    live = evaluate_system("$uuid", (), SystemContext())
    assert live.value is not None
    assert uuid.UUID(live.value).version == 4
    assert live.value != evaluate_system("guid", (), SystemContext()).value


def test_random_int_range_and_default() -> None:
    calls: list[tuple[int, int]] = []

    def record(low: int, high: int) -> int:
        calls.append((low, high))
        return high - 1

    ctx = SystemContext(random_int=record)
    assert value("{{$randomInt}}", ctx) == "999"
    assert value("{{$randomInt 5 10}}", ctx) == "9"
    assert value("{{$randomInt -5 -1}}", ctx) == "-2"
    assert calls == [(0, 1000), (5, 10), (-5, -1)]
    draws = {int(value("{{$randomInt 1 4}}", SystemContext())) for _ in range(200)}
    assert draws == {1, 2, 3}


def test_process_env_and_percent_indirection() -> None:
    ctx = context(
        process_env={"HOME_DIR": "/home/me"},
        environment={"which": "HOME_DIR", "other": "UNSET"},
    )
    assert value("{{$processEnv HOME_DIR}}", ctx) == "/home/me"
    assert value("{{$processEnv %which}}", ctx) == "/home/me"
    assert "'MISSING' is not set" in error("{{$processEnv MISSING}}", ctx)
    assert "'UNSET' is not set" in error("{{$processEnv %other}}", ctx)
    message = error("{{$processEnv %nowhere}}", ctx)
    assert "'nowhere'" in message
    assert "selected environment does not define" in message


def test_dotenv_and_percent_indirection() -> None:
    ctx = context(dotenv={"API_KEY": "k-123"}, environment={"keyName": "API_KEY"})
    assert value("{{$dotenv API_KEY}}", ctx) == "k-123"
    assert value("{{$dotenv %keyName}}", ctx) == "k-123"
    assert "has no 'OTHER'" in error("{{$dotenv OTHER}}", ctx)
    assert "no .env file" in error("{{$dotenv API_KEY}}", context())


@pytest.mark.parametrize(
    ("reference", "fragment"),
    [
        ("{{$randomInt 5}}", "minimum and a maximum"),
        ("{{$randomInt 10 5}}", "minimum below the maximum"),
        ("{{$datetime}}", "needs a format"),
        ("{{$datetime fancy}}", "must be rfc1123, iso8601 or quoted"),
        ("{{$timestamp 3}}", "offset and a unit"),
        ("{{$timestamp 3 q}}", "Unit 'q'"),
        ("{{$guid 1}}", "takes no arguments"),
        ("{{$nope}}", "Unknown system variable '$nope'"),
        ("{{$aadToken}}", "not supported"),
        ("{{$timestamp 99999 y}}", "outside the years 1 to 9999"),
        ("{{$datetime iso8601 99999999999 d}}", "outside the years 1 to 9999"),
        ("{{$datetime iso8601 -3000 y}}", "outside the years 1 to 9999"),
    ],
)
def test_errors_are_values_not_exceptions(reference: str, fragment: str) -> None:
    assert fragment in error(reference)


def test_name_without_dollar_and_live_context() -> None:
    assert evaluate_system("timestamp", (), context()).value == "1706741130"
    live = SystemContext.live(environment={"a": "b"})
    assert live.environment == {"a": "b"}
    stamp = evaluate_system("$timestamp", (), live).value
    assert stamp is not None
    assert abs(int(stamp) - int(datetime.now(timezone.utc).timestamp())) < 3600
