"""Date arithmetic and formatting for `$datetime`, `$localDatetime` and `$timestamp`, like Day.js.

REST Client evaluates these with Day.js, so offsets follow Day.js: years and months keep the day
of the month and clamp it to the month's last day (Jan 31 + 1 M is Feb 28 or 29), weeks and days
move the calendar date keeping the wall-clock time, and h/m/s/ms move the instant. Formats are
Day.js format strings (English names), translated here token by token.

A zone of None means the machine's local time zone.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import datetime, timedelta, timezone, tzinfo

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_TIME_UNITS = {"h": "hours", "m": "minutes", "s": "seconds", "ms": "milliseconds"}
_TOKEN = re.compile(
    r"\[([^\]]+)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|ZZ|Z|A|a|X|x"
)


def in_zone(moment: datetime, zone: tzinfo | None) -> datetime:
    """The same instant seen in `zone` (None: the machine's local zone)."""
    return moment.astimezone(zone)


def shift(moment: datetime, amount: int, unit: str, zone: tzinfo | None) -> datetime:
    """`moment` moved by `amount` units as Day.js `add` does; raises OverflowError out of range."""
    if unit in _TIME_UNITS:
        delta = timedelta(**{_TIME_UNITS[unit]: amount})
        return in_zone(moment.astimezone(timezone.utc) + delta, zone)
    wall = in_zone(moment, zone).replace(tzinfo=None)
    if unit in ("y", "M"):
        months = wall.month - 1 + amount * (12 if unit == "y" else 1)
        year, month = wall.year + months // 12, months % 12 + 1
        if not 1 <= year <= 9999:
            raise OverflowError("year out of range")
        day = min(wall.day, calendar.monthrange(year, month)[1])
        wall = wall.replace(year=year, month=month, day=day)
    elif unit in ("w", "d"):
        wall = wall + timedelta(days=amount * (7 if unit == "w" else 1))
    else:
        raise ValueError(f"unknown unit {unit!r}")
    return _from_wall(wall, zone)


def _from_wall(wall: datetime, zone: tzinfo | None) -> datetime:
    if zone is None:
        return wall.astimezone()  # a naive datetime is taken as local time
    return wall.replace(tzinfo=zone).astimezone(timezone.utc).astimezone(zone)


def unix_seconds(moment: datetime) -> int:
    return math.floor(moment.timestamp())


def unix_millis(moment: datetime) -> int:
    utc = moment.astimezone(timezone.utc)
    return unix_seconds(utc) * 1000 + utc.microsecond // 1000


def iso_utc(moment: datetime) -> str:
    """JavaScript's `toISOString`: `2023-03-14T12:34:56.789Z`."""
    return format_dayjs(moment.astimezone(timezone.utc), "YYYY-MM-DD[T]HH:mm:ss.SSS[Z]")


def rfc1123_utc(moment: datetime) -> str:
    """JavaScript's `toUTCString`: `Tue, 14 Mar 2023 12:34:56 GMT`."""
    return format_dayjs(moment.astimezone(timezone.utc), "ddd, DD MMM YYYY HH:mm:ss [GMT]")


def rfc1123_local(moment: datetime) -> str:
    """REST Client's local RFC 1123 form: `Tue, 14 Mar 2023 13:34:56 +0100`."""
    return format_dayjs(moment, "ddd, DD MMM YYYY HH:mm:ss ZZ")


def iso_local(moment: datetime) -> str:
    """Day.js's default format: `2023-03-14T13:34:56+01:00`."""
    return format_dayjs(moment, "YYYY-MM-DDTHH:mm:ssZ")


def format_dayjs(moment: datetime, pattern: str) -> str:
    """Format an aware datetime with a Day.js format string, in the moment's own zone."""

    def token(match: re.Match[str]) -> str:
        escaped = match.group(1)
        return escaped if escaped is not None else _render(moment, match.group())

    return _TOKEN.sub(token, pattern)


def _render(moment: datetime, token: str) -> str:
    weekday = (moment.weekday() + 1) % 7  # Day.js counts from Sunday = 0
    hour12 = moment.hour % 12 or 12
    values = {
        "YYYY": f"{moment.year:04d}",
        "YY": str(moment.year)[-2:],
        "M": str(moment.month),
        "MM": f"{moment.month:02d}",
        "MMM": MONTHS[moment.month - 1][:3],
        "MMMM": MONTHS[moment.month - 1],
        "D": str(moment.day),
        "DD": f"{moment.day:02d}",
        "d": str(weekday),
        "dd": WEEKDAYS[weekday][:2],
        "ddd": WEEKDAYS[weekday][:3],
        "dddd": WEEKDAYS[weekday],
        "H": str(moment.hour),
        "HH": f"{moment.hour:02d}",
        "h": str(hour12),
        "hh": f"{hour12:02d}",
        "m": str(moment.minute),
        "mm": f"{moment.minute:02d}",
        "s": str(moment.second),
        "ss": f"{moment.second:02d}",
        "SSS": f"{moment.microsecond // 1000:03d}",
        "A": "AM" if moment.hour < 12 else "PM",
        "a": "am" if moment.hour < 12 else "pm",
        "X": str(unix_seconds(moment)),
        "x": str(unix_millis(moment)),
    }
    if token in values:
        return values[token]
    return _zone_offset(moment, colon=token == "Z")


def _zone_offset(moment: datetime, *, colon: bool) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = round(offset.total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}" if colon else f"{sign}{hours:02d}{minutes:02d}"
