"""Clock and uptime text in each vendor's wording."""

from __future__ import annotations

import time

_UNITS = ((365 * 86400, "year"), (7 * 86400, "week"), (86400, "day"), (3600, "hour"))


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def cisco_uptime(seconds: int) -> str:
    """``1 year, 22 weeks, 6 days, 9 hours, 38 minutes`` (zero leading units omitted)."""
    parts: list[str] = []
    rest = seconds
    for size, unit in _UNITS:
        count, rest = divmod(rest, size)
        if count or parts:
            parts.append(_plural(count, unit))
    parts.append(_plural(rest // 60, "minute"))
    return ", ".join(parts)


def arista_uptime(seconds: int) -> str:
    """``3 weeks, 0 days, 20 hours and 45 minutes``."""
    weeks, rest = divmod(seconds, 7 * 86400)
    days, rest = divmod(rest, 86400)
    hours, rest = divmod(rest, 3600)
    tail = f"{_plural(hours, 'hour')} and {_plural(rest // 60, 'minute')}"
    if weeks:
        return f"{_plural(weeks, 'week')}, {_plural(days, 'day')}, {tail}"
    if days:
        return f"{_plural(days, 'day')}, {tail}"
    return tail


def fastiron_uptime(seconds: int) -> str:
    """``24 day(s) 4 hour(s) 11 minute(s) 1 second(s)``."""
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{days} day(s) {hours} hour(s) {minutes} minute(s) {secs} second(s)"


def cisco_clock(epoch: int) -> str:
    """``06:00:07.123 UTC Thu Nov 26 2026`` (as ``show clock`` prints it)."""
    t = time.gmtime(epoch)
    return f"{time.strftime('%H:%M:%S', t)}.{epoch * 37 % 1000:03d} UTC {_date(t)}"


def arista_clock(epoch: int) -> str:
    """EOS ``show clock``: date line, time zone and clock source."""
    t = time.gmtime(epoch)
    return f"{time.strftime('%a %b %d %H:%M:%S %Y', t)}\nTimezone: UTC\nClock source: NTP server\n"


def fastiron_clock(epoch: int) -> str:
    """``06:00:07.000 GMT+00 Thu Nov 26 2026``."""
    t = time.gmtime(epoch)
    return f"{time.strftime('%H:%M:%S', t)}.000 GMT+00 {_date(t)}"


def cisco_timestamp(epoch: int) -> str:
    """``22:16:13 UTC Wed May 1 2026`` (reload and config-change lines)."""
    t = time.gmtime(epoch)
    return f"{time.strftime('%H:%M:%S', t)} UTC {_date(t)}"


def _date(t: time.struct_time) -> str:
    return f"{time.strftime('%a %b', t)} {t.tm_mday} {t.tm_year}"


def duration(seconds: int) -> str:
    """``9 days, 15:57:28`` or ``0:08:16`` (EOS "Last Move" ages)."""
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    clock = f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return f"{days} days, {clock}" if days else clock
