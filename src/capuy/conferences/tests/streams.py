"""Following a live stream from a test through the production stack, as a phone's EventSource does."""

# A browser's EventSource sends this; nginx's nchan serves a stream only to such a request.
SSE_HEADERS = {"Accept": "text/event-stream"}


def stream_ready(line: str) -> bool:
    """The stream is in place, so no later event can be missed: nginx's greeting (": hi", streams held by nginx)
    or capuy's own first event ("event: hello", streams capuy holds itself)."""
    return line.startswith((": hi", "event: hello"))
