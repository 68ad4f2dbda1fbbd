"""`make demo`: build the example fact sheets into output/, validate, and answer the competency questions."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import kgpub
from kgpub.query import format_results, read_sparql

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ["events.ttl", "events.jsonld", "events.nq", "events.trig"]


def main() -> int:
    out = ROOT / "output"
    inputs = [str(ROOT / "examples" / "factsheets")]
    texts = sorted((ROOT / "examples" / "articles").glob("*.txt"))
    if importlib.util.find_spec("spacy") is not None:
        inputs += [str(t) for t in texts]
    elif texts:
        print(f"(spaCy not installed: skipping the {len(texts)} text article(s) in examples/articles)")
    print(f"kgpub {kgpub.__version__} demo: building {', '.join(Path(i).name for i in inputs)}")
    result = kgpub.build(inputs, [str(out / name) for name in OUTPUTS])
    print(f"  {result.summary()}")
    print(f"  validation: {result.report.text().splitlines()[-1]}")
    quads = kgpub.read_quads([out / "events.nq"])
    for rq in sorted((ROOT / "queries").glob("*.rq")):
        question = read_sparql(str(rq)).splitlines()[0].lstrip("# ")
        print(f"\n== {rq.name}: {question}")
        print(format_results(kgpub.query(read_sparql(str(rq)), quads=quads), "table"))
    print(f"\nOutputs in {out}/: {', '.join(OUTPUTS)}. Try: .venv/bin/kgpub query queries/who-said-what.rq "
          "output/events.nq")
    return 0


if __name__ == "__main__":
    sys.exit(main())
