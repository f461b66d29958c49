"""Time helpers: everything is stored in UTC; the study day starts at a local hour (04:00)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """``value`` as an aware datetime whose tzinfo is exactly ``timezone.utc`` (what fsrs wants).

    Naive datetimes are taken to be UTC already.
    """
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def to_iso(value: datetime) -> str:
    """Fixed-width ISO text (sorts chronologically as a string)."""
    return as_utc(value).isoformat(timespec="microseconds")


def from_iso(text: str) -> datetime:
    return as_utc(datetime.fromisoformat(text))


def opt_iso(value: datetime | None) -> str | None:
    return None if value is None else to_iso(value)


def opt_from_iso(text: str | None) -> datetime | None:
    return None if text is None else from_iso(text)


def study_day(moment: datetime, starts_at: int = 4) -> date:
    """The study day ``moment`` belongs to: the local date, shifted so a day starts at ``starts_at``h."""
    return (as_utc(moment).astimezone() - timedelta(hours=starts_at)).date()


def day_start(day: date, starts_at: int = 4) -> datetime:
    """UTC instant at which study day ``day`` begins (local ``starts_at`` o'clock)."""
    local = datetime.combine(day, time(hour=starts_at)).astimezone()
    return local.astimezone(UTC)


def day_end(moment: datetime, starts_at: int = 4) -> datetime:
    """UTC instant at which the study day containing ``moment`` ends (the next local 04:00)."""
    return day_start(study_day(moment, starts_at) + timedelta(days=1), starts_at)


def human_interval(delta: timedelta) -> str:
    """Short human text for an interval: ``45s``, ``10m``, ``5h``, ``3d``, ``2.1mo``, ``1.4y``."""
    seconds = max(0.0, delta.total_seconds())
    if seconds < 60:
        return f"{round(seconds)}s"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"
