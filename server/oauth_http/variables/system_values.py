"""Evaluating system variables (`{{$timestamp}}`, `{{$datetime ...}}`, `{{$guid}}`, ...).

Everything that varies comes in through `SystemContext`: the clock, the local zone, random
numbers, UUIDs, the process environment, the `.env` values and the selected environment's values
(for `%NAME`). `SystemContext.live()` wires the real ones. Evaluation never raises: a bad
reference gives a `SystemValue` with an error message saying what to write instead.
"""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo

from oauth_http.syntax.system_variable_syntax import check_system_variable
from oauth_http.variables import datetimes


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _random_int(low: int, high: int) -> int:
    return random.randrange(low, high)


@dataclass(frozen=True)
class SystemContext:
    """The sources system variables read; every field can be replaced in tests.

    `now` returns an aware UTC datetime; `local_zone` None means the machine's zone;
    `random_int(low, high)` returns low <= n < high; `dotenv` None means there is no `.env` file;
    `environment` holds the selected environment's values, used by `%NAME`.
    """

    now: Callable[[], datetime] = _utc_now
    local_zone: tzinfo | None = None
    random_int: Callable[[int, int], int] = _random_int
    new_uuid: Callable[[], uuid.UUID] = uuid.uuid4
    process_env: Mapping[str, str] = field(default_factory=dict)
    dotenv: Mapping[str, str] | None = None
    environment: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def live(
        cls,
        *,
        dotenv: Mapping[str, str] | None = None,
        environment: Mapping[str, str] | None = None,
    ) -> SystemContext:
        """The real clock, randomness and process environment."""
        return cls(process_env=os.environ, dotenv=dotenv, environment=environment or {})


@dataclass(frozen=True, slots=True)
class SystemValue:
    """The value of a system variable, or (value None) the error that prevented it."""

    value: str | None
    error: str | None = None


def evaluate_system(name: str, args: Sequence[str], context: SystemContext) -> SystemValue:
    """Evaluate `{{name args}}`; `name` may be written with or without its `$`."""
    key = name if name.startswith("$") else f"${name}"
    problem = check_system_variable(key, args)
    if problem is not None:
        return SystemValue(None, problem)
    try:
        return _EVALUATORS[key](key, args, context)
    except (OverflowError, ValueError):
        return SystemValue(
            None,
            f"{{{{{key} {' '.join(args)}}}}} lands outside the years 1 to 9999: "
            "use a smaller offset.",
        )


def _moment(args: Sequence[str], context: SystemContext, zone: tzinfo | None) -> datetime:
    """Now in `zone`, moved by the `offset unit` pair at the end of `args` if there is one."""
    moment = datetimes.in_zone(context.now(), zone)
    if len(args) >= 2:
        return datetimes.shift(moment, int(args[-2]), args[-1], zone)
    return moment


def _timestamp(key: str, args: Sequence[str], context: SystemContext) -> SystemValue:
    return SystemValue(str(datetimes.unix_seconds(_moment(args, context, timezone.utc))))


def _iso_timestamp(key: str, args: Sequence[str], context: SystemContext) -> SystemValue:
    return SystemValue(datetimes.iso_utc(_moment(args, context, timezone.utc)))


def _datetime(key: str, args: Sequence[str], context: SystemContext) -> SystemValue:
    local = key == "$localDatetime"
    zone = context.local_zone if local else timezone.utc
    moment = _moment(args[1:], context, zone)
    fmt = args[0]
    if fmt == "rfc1123":
        return SystemValue(
            datetimes.rfc1123_local(moment) if local else datetimes.rfc1123_utc(moment)
        )
    if fmt == "iso8601":
        return SystemValue(datetimes.iso_local(moment) if local else datetimes.iso_utc(moment))
    return SystemValue(datetimes.format_dayjs(moment, fmt[1:-1]))


def _uuid(key: str, args: Sequence[str], context: SystemContext) -> SystemValue:
    return SystemValue(str(context.new_uuid()))


def _random(key: str, args: Sequence[str], context: SystemContext) -> SystemValue:
    low, high = (int(args[0]), int(args[1])) if args else (0, 1000)
    return SystemValue(str(context.random_int(low, high)))


def _indirect_name(key: str, written: str, context: SystemContext) -> tuple[str | None, str | None]:
    """The name to look up: `written`, or for `%NAME` the environment value of NAME."""
    if not written.startswith("%"):
        return written, None
    variable = written[1:]
    value = context.environment.get(variable)
    if value is None:
        return None, (
            f"{{{{{key} {written}}}}} takes the name from the environment variable "
            f"'{variable}', which the selected environment does not define: add it to "
            "http-client.env.json, or drop the '%' to use the name as written."
        )
    return value, None


def _process_env(key: str, args: Sequence[str], context: SystemContext) -> SystemValue:
    name, error = _indirect_name(key, args[0], context)
    if name is None:
        return SystemValue(None, error)
    value = context.process_env.get(name)
    if value is None:
        return SystemValue(
            None,
            f"The process environment variable '{name}' is not set: set it in the shell that "
            "starts VS Code (or the CLI), then restart it.",
        )
    return SystemValue(value)


def _dotenv(key: str, args: Sequence[str], context: SystemContext) -> SystemValue:
    name, error = _indirect_name(key, args[0], context)
    if name is None:
        return SystemValue(None, error)
    if context.dotenv is None:
        return SystemValue(
            None,
            f"There is no .env file next to this .http file: create one with the line {name}=...",
        )
    value = context.dotenv.get(name)
    if value is None:
        return SystemValue(None, f"The .env file has no '{name}': add the line {name}=... to it.")
    return SystemValue(value)


_EVALUATORS: dict[str, Callable[[str, Sequence[str], SystemContext], SystemValue]] = {
    "$timestamp": _timestamp,
    "$isoTimestamp": _iso_timestamp,
    "$datetime": _datetime,
    "$localDatetime": _datetime,
    "$guid": _uuid,
    "$uuid": _uuid,
    "$randomInt": _random,
    "$processEnv": _process_env,
    "$dotenv": _dotenv,
}
