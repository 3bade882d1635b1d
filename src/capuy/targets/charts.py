"""Charts as server-rendered SVG: no JavaScript, scale to the screen (viewBox), with a title for screen readers.

Every chart is shown next to a text table with the same figures (the template's job).
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from capuy.core import vietnamese

RED, GREY, BLUE = "#b71c1c", "#9e9e9e", "#0b4f9c"


def _scale(values):
    numbers = [Decimal(v) for v in values if v is not None]
    top = max(numbers + [Decimal(0)])
    low = min(numbers + [Decimal(0)])
    span = top - low or Decimal(1)
    return low, top, span


def bar_chart(items, title: str, unit: str = "") -> str:
    """Horizontal bars, one per ``(label, value, highlighted)`` or ``(label, value, highlighted, text)``, ``text`` the
    value as written beside its bar ("Có", "50%") instead of the number and ``unit``; negative values grow to the
    left of zero."""
    row, label_w, width = 26, 190, 640
    height = row * max(len(items), 1) + 30
    low, top, span = _scale(item[1] for item in items)
    plot = width - label_w - 90
    zero = label_w + float((0 - low) / span) * plot
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="t-{id(items)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title id="t-{id(items)}">{escape(title)}</title>',
             f'<line x1="{zero:.1f}" y1="4" x2="{zero:.1f}" y2="{height - 24}" stroke="#555"/>']
    for i, (label, value, highlighted, *text) in enumerate(items):
        y = 8 + i * row
        name = str(label)
        short = name if len(name) <= 28 else name[:27] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" font-size="12">{escape(short)}</text>')
        if value is None:
            parts.append(f'<text x="{zero + 4:.1f}" y="{y + 14}" font-size="12" fill="{GREY}">chưa có</text>')
            continue
        end = label_w + float((Decimal(value) - low) / span) * plot
        x, w = min(zero, end), abs(end - zero)
        colour = RED if highlighted else BLUE
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="{max(w, 1):.1f}" height="{row - 8}" fill="{colour}"/>')
        parts.append(f'<text x="{max(zero, end) + 4:.1f}" y="{y + 14}" font-size="12">'
                     f'{escape(text[0] if text and text[0] else vietnamese.number(value) + (" " + unit if unit else ""))}'
                     '</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def line_chart(points, title: str, unit: str = "", target=None) -> str:
    """A line through ``(label, value)`` points (gaps where a value is missing), with an optional target line."""
    width, height, left, bottom, top_pad = 640, 240, 60, 40, 16
    values = [v for _, v in points] + ([target] if target is not None else [])
    low, top, span = _scale(values)
    plot_w, plot_h = width - left - 20, height - bottom - top_pad
    step = plot_w / max(len(points) - 1, 1)

    def y_of(v):
        return top_pad + plot_h - float((Decimal(v) - low) / span) * plot_h

    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="l-{id(points)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title id="l-{id(points)}">{escape(title)}</title>',
             f'<line x1="{left}" y1="{y_of(low):.1f}" x2="{width - 20}" y2="{y_of(low):.1f}" stroke="#555"/>',
             f'<text x="{left - 6}" y="{y_of(top) + 4:.1f}" text-anchor="end" font-size="11">'
             f'{escape(vietnamese.number(top))}</text>',
             f'<text x="{left - 6}" y="{y_of(low):.1f}" text-anchor="end" font-size="11">'
             f'{escape(vietnamese.number(low))}</text>']
    if target is not None:
        parts.append(f'<line x1="{left}" y1="{y_of(target):.1f}" x2="{width - 20}" y2="{y_of(target):.1f}" '
                     f'stroke="{RED}" stroke-dasharray="6 4"/><text x="{width - 22}" y="{y_of(target) - 4:.1f}" '
                     f'text-anchor="end" font-size="11" fill="{RED}">Chỉ tiêu</text>')
    segment = []
    for i, (label, value) in enumerate(points):
        x = left + i * step
        parts.append(f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle" font-size="11">'
                     f'{escape(str(label))}</text>')
        if value is None:
            if len(segment) > 1:
                parts.append(f'<polyline fill="none" stroke="{BLUE}" stroke-width="2" points="{" ".join(segment)}"/>')
            segment = []
            continue
        y = y_of(value)
        segment.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{BLUE}"/>')
    if len(segment) > 1:
        parts.append(f'<polyline fill="none" stroke="{BLUE}" stroke-width="2" points="{" ".join(segment)}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
