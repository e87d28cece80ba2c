"""The server collects cycles when the editor is idle, or after COLLECT_EVERY publishes, never mid-lint."""

from __future__ import annotations

import asyncio

from designlint.lsp import server


class _Server:
    """Just the state collect_when_idle keeps; the methods are the server's own."""

    collection = None
    uncollected = 0

    def collect_when_idle(self):
        server.DesignServer.collect_when_idle(self)

    def _collect(self):
        server.DesignServer._collect(self)


def test_collections_wait_for_a_pause_or_for_every_nth_publish(monkeypatch):
    collected = []
    monkeypatch.setattr(server.gc, "collect", lambda *a: collected.append(len(collected)))
    monkeypatch.setattr(server, "IDLE_COLLECT_S", 0.05)

    async def scenario():
        fake = _Server()
        for _ in range(server.COLLECT_EVERY - 1):  # changes keep coming: nothing yet
            fake.collect_when_idle()
        assert collected == []
        fake.collect_when_idle()  # the COLLECT_EVERY-th publish without a pause collects at once
        assert (collected, fake.uncollected, fake.collection) == ([0], 0, None)
        fake.collect_when_idle()
        await asyncio.sleep(0.2)  # a pause: the idle collection runs
        assert (collected, fake.uncollected) == ([0, 1], 0)

    asyncio.run(scenario())
