"""The Dask engine: a directory build on a LocalCluster of two workers equals the local build."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

import kgpub

sys.path.insert(0, str(ROOT))
from bench.synth import write_jsonl  # noqa: E402

distributed = pytest.importorskip("dask.distributed")


def files(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*"))
            if p.is_file() and ".kgpub" not in p.parts}


def test_dask_local_cluster_matches_local_build(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", 120, seed=11)
    local = kgpub.build([src], [str(tmp_path / "local") + "/"], jobs=1, validator="native", shard_size=30)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) \
            as cluster:
        remote = kgpub.build([src], [str(tmp_path / "dask") + "/"], engine="dask", scheduler=cluster.scheduler_address,
                             validator="native", shard_size=30)
    assert remote.articles == local.articles == 120 and remote.shards_built == 4
    assert files(tmp_path / "dask") == files(tmp_path / "local")


def test_dask_needs_a_reachable_scheduler(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", 3, seed=12)
    with pytest.raises(kgpub.KgpubError, match="scheduler"):
        kgpub.build([src], [str(tmp_path / "o") + "/"], engine="dask", scheduler=None)
