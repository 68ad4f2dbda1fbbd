"""Query worker processes for /sparql, so that the time limit is a hard one.

pyoxigraph cannot cancel a running query, so each query runs in a worker process that opens the
store read-only; a query over its time limit gets its worker killed (SIGKILL) and replaced.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from typing import Any

LOG = logging.getLogger("kgpub")


class Busy(Exception):
    """No worker became free within the time limit."""


class TimedOut(Exception):
    """The query ran past the time limit; its worker was killed."""


def _worker_main(conn: Any, store_dir: str) -> None:
    import pyoxigraph as ox

    from kgpub.serve.sparql import QueryRejected, encode_answer, execute

    store = ox.Store.read_only(store_dir)
    never = threading.Event()
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        text, default_graphs, named_graphs, max_results = msg
        try:
            answer = execute(
                store,
                text,
                max_results=max_results,
                cancel=never,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
            )
            conn.send(("ok", encode_answer(answer)))
        except QueryRejected as exc:
            conn.send(("error", exc.status, str(exc)))
        except Exception as exc:  # noqa: BLE001 - a query must never take the worker down
            conn.send(("error", 400, f"query failed: {str(exc)[:300]}"))


class _Worker:
    def __init__(self, ctx: Any, store_dir: str) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child, store_dir), daemon=True, name="kgpub-sparql"
        )
        self.process.start()
        child.close()

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.join(timeout=5)
        finally:
            self.conn.close()


class QueryPool:
    """``size`` worker processes reading ``store_dir``; :meth:`run` blocks, so call it from a thread."""

    def __init__(self, store_dir: str, size: int = 2) -> None:
        self.store_dir = store_dir
        self.ctx = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.closed = False
        for _ in range(size):
            self.idle.put(_Worker(self.ctx, store_dir))

    def run(self, msg: tuple[Any, ...], timeout: float) -> tuple[Any, ...]:
        import time

        started = time.monotonic()
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            raise Busy() from None
        remaining = max(0.0, timeout - (time.monotonic() - started))
        try:
            worker.conn.send(msg)
            if worker.conn.poll(remaining):
                result = worker.conn.recv()
                self.idle.put(worker)
                return result  # type: ignore[no-any-return]
        except (EOFError, OSError, BrokenPipeError):
            LOG.warning("a SPARQL worker died; starting a new one")
            worker.kill()
            self._replace()
            return ("error", 500, "the query worker died")
        LOG.info("query over the time limit: killing its worker")
        worker.kill()
        self._replace()
        raise TimedOut()

    def _replace(self) -> None:
        if not self.closed:
            self.idle.put(_Worker(self.ctx, self.store_dir))

    def close(self) -> None:
        self.closed = True
        while True:
            try:
                worker = self.idle.get_nowait()
            except queue.Empty:
                return
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.kill()
