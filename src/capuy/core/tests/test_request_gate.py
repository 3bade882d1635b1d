"""Past the connection pool's size, a worker's requests wait in the event loop for their turn (core/pool.py)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from capuy.core.pool import RequestGate


def test_requests_past_the_limit_wait_until_one_inside_starts_its_response():
    async def scenario():
        inside, most, log = 0, 0, []
        release = asyncio.Event()

        async def app(scope, receive, send):
            nonlocal inside, most
            inside += 1
            most = max(most, inside)
            log.append(f"in {scope['path']}")
            if scope["path"] == "/slow":
                await release.wait()
            inside -= 1
            await send({"type": "http.response.start", "status": 200, "headers": []})
            if scope["path"] == "/stream":
                await asyncio.sleep(0.05)  # a live stream goes on after its response has started
            await send({"type": "http.response.body", "body": b""})

        gate = RequestGate(app, limit=2)

        async def send(message):
            pass

        def call(path):
            return asyncio.create_task(gate({"type": "http", "path": path}, None, send))

        slow = [call("/slow"), call("/slow")]
        await asyncio.sleep(0.01)
        waiting = call("/fast")
        await asyncio.sleep(0.01)
        assert log == ["in /slow", "in /slow"]  # the third waits: the gate is full
        release.set()
        await asyncio.gather(*slow, waiting)
        assert log[-1] == "in /fast"
        # A stream leaves the gate when its response starts, not when it ends.
        streams = [call("/stream") for _ in range(3)]
        await asyncio.sleep(0.02)
        assert log.count("in /stream") == 3
        await asyncio.gather(*streams)
        return most

    with ThreadPoolExecutor(1) as pool:  # a fresh thread: the browser tests' driver may keep a loop in this one
        assert pool.submit(asyncio.run, scenario()).result() == 2


def test_other_connections_than_http_pass_through():
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["type"])

    gate = RequestGate(app, limit=1)
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, gate({"type": "lifespan"}, None, None)).result()
    assert seen == ["lifespan"]
