"""An invitation as a calendar file (iCalendar, RFC 5545) that a phone's calendar imports.

Written by hand: a single event needs a few lines, not a library. The time is the conference's start time, or
the usual start of its session when none is set; the event lasts until the end of the session.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone

# Usual hours of a session when the conference gives no start time (Vietnamese office hours).
SESSION_HOURS = {"morning": (datetime.time(8, 0), datetime.time(11, 30)),
                 "afternoon": (datetime.time(14, 0), datetime.time(17, 0)),
                 "full_day": (datetime.time(8, 0), datetime.time(17, 0))}


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


def invitation_ics(conference, url: str, host: str) -> str:
    start, end = SESSION_HOURS.get(conference.session, SESSION_HOURS["morning"])
    if conference.start_time:
        start = conference.start_time
        if end <= start:
            end = (datetime.datetime.combine(conference.date, start) + datetime.timedelta(hours=3)).time()
    summary = conference.title
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Cap uy so//Giay moi//VI", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "BEGIN:VEVENT",
        f"UID:hoi-nghi-{conference.pk}@{host}",
        f"DTSTAMP:{timezone.now().astimezone(datetime.UTC).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART:{_utc(conference.date, start)}", f"DTEND:{_utc(conference.date, end)}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(conference.venue)}" if conference.venue else "",
        f"DESCRIPTION:{_escape(conference.subject or summary)}\\n{_escape(url)}",
        f"URL:{url}",
        "STATUS:CONFIRMED",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "\r\n".join(part for line in lines if line for part in _fold(line)) + "\r\n"
