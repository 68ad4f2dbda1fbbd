"""The same input gives byte-identical output whatever PYTHONHASHSEED is (builds run in subprocesses)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

FORMATS = (".ttl", ".jsonld", ".nt", ".nq", ".trig")


def build_in_subprocess(out_dir: Path, seed: str) -> dict[str, bytes]:
    out_dir.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}
    outs = [x for ext in FORMATS for x in ("-o", str(out_dir / f"e{ext}"))]
    subprocess.run([sys.executable, "-m", "kgpub", "build", str(EXAMPLES), "-q", *outs], env=env, check=True)
    return {ext: (out_dir / f"e{ext}").read_bytes() for ext in FORMATS}


def test_bytes_identical_across_hash_seeds(tmp_path: Path) -> None:
    runs = [build_in_subprocess(tmp_path / seed, seed) for seed in ("0", "1", "4242")]
    for ext in FORMATS:
        assert runs[0][ext] == runs[1][ext] == runs[2][ext], ext
        assert runs[0][ext]


def test_generation_time_comes_from_source_date_epoch(tmp_path: Path) -> None:
    data = build_in_subprocess(tmp_path / "a", "0")[".nq"].decode()
    assert '"2023-11-14T22:13:20Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>' in data
