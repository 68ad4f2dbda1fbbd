"""Synthetic fact sheets for the benchmarks: N articles of 60-120 triples each, deterministic for a seed.

Entities come from shared pools (as in a real archive, the same people and places recur across
articles, so entity triples repeat across article graphs); every sheet has an article text and
some facts carry evidence spans into it.  ``broken_every=k`` leaves the URL out of every k-th
sheet: valid for the fact-sheet schema, invalid for shapes that require ``schema:url``
(:data:`STRICT_SHAPES`, added to the shipped shapes by :func:`strict_shapes`).

Run: ``python -m bench.synth 1000 -o corpus.jsonl`` (one fact sheet per line).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FIRST = ["Amal", "Boris", "Chen", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ivo", "Jana", "Kofi", "Lena",
         "Malik", "Nora", "Omar", "Petra", "Quinn", "Rosa", "Sami", "Tarek", "Uma", "Vera", "Wen", "Yusuf"]
LAST = ["Adler", "Banda", "Costa", "Diallo", "Eriksen", "Fofana", "Gruber", "Haddad", "Ito", "Jovanovic",
        "Kowalski", "Lindqvist", "Mensah", "Novak", "Okafor", "Petrov", "Quispe", "Rahman", "Sato", "Toure"]
TOWNS = ["Arden", "Belmar", "Corvia", "Dunmere", "Eskar", "Fallow", "Grenz", "Halden", "Istra", "Jarrow",
         "Kelby", "Lorn", "Marsk", "Norvel", "Ostra", "Pellan", "Quarry", "Rusk", "Selden", "Tarrow"]
ORG_KINDS = ["Red Cross of", "Civil Defence of", "Ministry of Health of", "Observatory for", "Police of",
             "Electoral Commission of", "Relief Agency of", "Union of Workers of"]
KINDS = ["offensive", "airstrike", "attack", "disaster", "protest", "election", "meeting", "talks"]
COUNT_TYPES = ["killed", "injured", "displaced", "missing", "arrested", "participants"]
HEDGES = ["at least", "about", "up to", "more than", None]


def _person(r: random.Random) -> str:
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def _town(r: random.Random) -> str:
    return f"{r.choice(TOWNS)}{r.choice(['', ' North', ' South', 'ville', 'berg'])}"


def make_sheet(i: int, *, seed: int = 0, broken: bool = False) -> dict[str, Any]:
    """The ``i``-th synthetic fact sheet (60-120 triples when mapped)."""
    r = random.Random(f"{seed}:{i}")
    town = _town(r)
    country = r.choice(TOWNS) + "ia"
    people = sorted({_person(r) for _ in range(r.randint(2, 4))})
    orgs = sorted({f"{r.choice(ORG_KINDS)} {r.choice([country, town])}" for _ in range(r.randint(1, 3))})
    kind = r.choice(KINDS)
    day = f"20{r.randint(10, 24):02d}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    label = f"{town} {kind}"
    sentences = [f"Reports from {town} in {country} describe the {kind} that began on {day}."]
    entities: list[dict[str, Any]] = [
        {"id": "country", "name": country, "type": "country"},
        {"id": "town", "name": town, "type": "place", "key": f"{town}-{country}".lower().replace(" ", "-")},
    ]
    for n, name in enumerate(people):
        entities.append({"id": f"p{n}", "name": name, "type": "person"})
    for n, name in enumerate(orgs):
        entities.append({"id": f"o{n}", "name": name, "type": "organization",
                         **({"aliases": [name.split(" of ")[0]]} if r.random() < 0.5 else {})})
    events = [{"id": "e0", "kind": kind, "label": label, "places": ["town", "country"], "date": day,
               "actors": [f"o{n}" for n in range(len(orgs))][:2]}]
    if r.random() < 0.5:
        events.append({"id": "e1", "kind": "talks", "label": f"Talks on the {label}", "places": "country",
                       "date": day[:7], "part_of": "e0"})
    counts = []
    for n in range(r.randint(1, 3)):
        value = r.randint(1, 5000)
        hedge = r.choice(HEDGES)
        org = f"o{r.randrange(len(orgs))}"
        phrase = f"{hedge + ' ' if hedge else ''}{value} people were {COUNT_TYPES[n]}"
        sentences.append(f"According to {orgs[int(org[1:])]}, {phrase} in {town}.")
        count = {"id": f"c{n}", "event": "e0", "type": COUNT_TYPES[n], "value": value, "reported_by": org}
        if hedge:
            count["qualifier"] = hedge
        if n == 0:
            count["evidence"] = phrase
        counts.append(count)
    quotes = []
    for n in range(r.randint(1, 2)):
        text = f"We saw {r.choice(['smoke', 'water', 'crowds', 'trucks'])} over {town} for {r.randint(2, 9)} hours"
        sentences.append(f'"{text}," said {people[n % len(people)]}.')
        quotes.append({"id": f"q{n}", "text": text, "speaker": f"p{n % len(people)}", "about": "e0"})
    claims = []
    if r.random() < 0.6:
        claims.append({"id": "k0", "author": "o0", "text": f"The response in {town} came too late.",
                       "kind": r.choice(["accusation", "demand", "denial"]), "about": "e0"})
    sheet = {
        "kgpub": 1,
        "article": {"id": f"synth-{seed}-{i:07d}", "headline": f"{label.capitalize()}: {len(counts)} reports",
                    "published": day, "publisher": "Synthetic Wire",
                    "url": f"https://news.example.org/synth/{seed}/{i}", "language": "en",
                    "text": " ".join(sentences)},
        "entities": entities, "events": events, "counts": counts, "quotes": quotes, "claims": claims,
    }
    if broken:
        del sheet["article"]["url"]
    return sheet


STRICT_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
<urn:kgpub:bench:ArticleNeedsUrl> a sh:NodeShape ; sh:targetClass schema:NewsArticle ;
  sh:property [ sh:path schema:url ; sh:minCount 1 ; sh:message "an article needs a URL" ] .
"""


def strict_shapes(path: Path) -> Path:
    """The shipped shapes plus :data:`STRICT_SHAPES`, written to ``path``."""
    from kgpub.validate import default_shapes_path

    path.write_text(default_shapes_path().read_text(encoding="utf-8") + STRICT_SHAPES, encoding="utf-8")
    return path


def iter_sheets(n: int, *, seed: int = 0, broken_every: int = 0, start: int = 0) -> Iterator[dict[str, Any]]:
    for i in range(start, start + n):
        yield make_sheet(i, seed=seed, broken=bool(broken_every) and i % broken_every == broken_every - 1)


def write_jsonl(path: Path, n: int, *, seed: int = 0, broken_every: int = 0) -> Path:
    """Write ``n`` sheets to a ``.jsonl`` file (one compact JSON object a line)."""
    with open(path, "w", encoding="utf-8") as fh:
        for sheet in iter_sheets(n, seed=seed, broken_every=broken_every):
            fh.write(json.dumps(sheet, ensure_ascii=False, separators=(",", ":")) + "\n")
    return path


def write_dir(path: Path, n: int, *, seed: int = 0, broken_every: int = 0) -> Path:
    """Write ``n`` sheets as ``.json`` files into ``path`` (one file a sheet)."""
    path.mkdir(parents=True, exist_ok=True)
    for i, sheet in enumerate(iter_sheets(n, seed=seed, broken_every=broken_every)):
        (path / f"sheet-{i:07d}.json").write_text(json.dumps(sheet, ensure_ascii=False), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("-o", "--output", type=Path, required=True, help="a .jsonl file or a directory")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--broken-every", type=int, default=0)
    args = ap.parse_args(argv)
    if args.output.suffix == ".jsonl":
        write_jsonl(args.output, args.n, seed=args.seed, broken_every=args.broken_every)
    else:
        write_dir(args.output, args.n, seed=args.seed, broken_every=args.broken_every)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
