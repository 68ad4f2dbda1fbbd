"""The Dask engine: corpus shards as tasks on a ``dask.distributed`` cluster (imported lazily).

Each task builds one shard (:func:`kgpub.corpus.build_shard`) and writes its part file and
sidecar into the output's staging folder, so the workers need kgpub installed and the inputs and
the output directory on a file system they share with the client (NFS, a cluster volume).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .errors import KgpubError


def run_shards(tasks: list[Any], *, scheduler: str | None,
               on_progress: Callable[[int], None] | None = None) -> Iterator[dict[str, Any]]:
    """Run shard tasks on the cluster at ``scheduler`` (an address such as ``tcp://10.0.0.5:8786``)."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise KgpubError("the Dask engine needs dask[distributed]: pip install 'kgpub[dask]'") from None
    from .corpus import build_shard

    if not scheduler:
        raise KgpubError("--engine dask needs --scheduler ADDRESS (the dask.distributed scheduler)")
    try:
        client = Client(scheduler, timeout=30)
    except OSError as exc:
        raise KgpubError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    try:
        if not tasks:
            return
        futures = client.map(build_shard, tasks, pure=False)
        done = 0
        for fut in as_completed(futures):
            summary = fut.result()
            done += summary.get("processed", 0)
            if on_progress:
                on_progress(done)
            yield summary
    finally:
        client.close()
