"""An invitation as a calendar file (iCalendar, RFC 5545) that a phone's calendar imports.

Written by hand: a single event needs a few lines, not a library. The file states only what the record holds:
the start time when one is set (and the end time when that is set too); without a start time the event is a
whole-day one on the meeting date, its part of the day (sáng, chiều) said in the description, never an hour
guessed for it.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone


def _escape(text: str) -> str:
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545 §3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > (75 if not out else 74):
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def _utc(day, time) -> str:
    local = datetime.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return local.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(conference) -> list[str]:
    if conference.start_time is None:
        next_day = conference.date + datetime.timedelta(days=1)
        return [f"DTSTART;VALUE=DATE:{conference.date:%Y%m%d}", f"DTEND;VALUE=DATE:{next_day:%Y%m%d}"]
    lines = [f"DTSTART:{_utc(conference.date, conference.start_time)}"]
    if conference.end_time and conference.end_time > conference.start_time:
        lines.append(f"DTEND:{_utc(conference.date, conference.end_time)}")
    return lines


def invitation_ics(conference, url: str, host: str) -> str:
    summary = conference.title
    part_of_day = conference.get_session_display() if conference.session and not conference.start_time else ""
    description = _escape(conference.subject or summary) + (f"\\n{_escape(part_of_day)}" if part_of_day else "")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Cap uy so//Giay moi//VI", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "BEGIN:VEVENT",
        f"UID:hoi-nghi-{conference.pk}@{host}",
        f"DTSTAMP:{timezone.now().astimezone(datetime.UTC).strftime('%Y%m%dT%H%M%SZ')}",
        *_when(conference),
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(conference.venue)}" if conference.venue else "",
        f"DESCRIPTION:{description}\\n{_escape(url)}",
        f"URL:{url}",
        "STATUS:CONFIRMED",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "\r\n".join(part for line in lines if line for part in _fold(line)) + "\r\n"
