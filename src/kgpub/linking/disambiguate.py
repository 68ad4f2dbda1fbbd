"""Choosing a Wikidata item for an entity, preferring no link to a wrong one.

Signals, in order (docs/linking.md): an exact label or alias match in the entity's language; a type gate
from the entity's class checked through P31/P279*; Wikimedia-internal items (disambiguation pages,
categories, lists) dropped; popularity by sitelinks; coherence with the other entities of the same
article. The best candidate is linked only when it clears a threshold and leads the runner-up by a margin.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .cache import normalise_text

# Type gates (Wikidata classes an item must be an instance of, through P31/P279*).
TYPE_ROOTS: dict[str, frozenset[str]] = {
    "person": frozenset({"Q5"}),  # human
    "organization": frozenset({"Q43229"}),  # organization
    "place": frozenset({
        "Q27096213",  # geographic entity
        "Q618123",  # geographical feature
        "Q2221906",  # geographic location
        "Q486972",  # human settlement
        "Q56061",  # administrative territorial entity
        "Q82794",  # geographic region
        "Q6256",  # country
    }),
    "country": frozenset({"Q6256", "Q3624078"}),  # country, sovereign state
    "event": frozenset({"Q1190554", "Q1656682"}),  # occurrence, event
}
INTERNAL_ROOTS = frozenset({
    "Q17442446",  # Wikimedia internal item
    "Q4167410",  # Wikimedia disambiguation page
    "Q4167836",  # Wikimedia category
    "Q13406463",  # Wikimedia list article
    "Q11266439",  # Wikimedia template
})
ALL_ROOTS = frozenset().union(*TYPE_ROOTS.values(), INTERNAL_ROOTS)
RELATED_PROPS = ("P17", "P27", "P131", "P276", "P361")  # country, citizenship, located in, location, part of

# Score weights (the maximum is 1.0). The popularity term is log-scaled, so a candidate with about four times
# the sitelinks of a rival with the same kind of match leads it by the default margin (0.08).
LABEL_WEIGHT, ALIAS_WEIGHT, POPULARITY_WEIGHT = 0.45, 0.40, 0.35
POPULAR_SITELINKS = 400  # this many sitelinks counts as fully popular
# Coherence with another entity of the same article (the strongest that applies counts):
COHERENCE_CONTAINS = 0.20  # the candidate is the country / location of another mentioned item (Tbilisi -> Georgia)
COHERENCE_LOCATED = 0.15  # the candidate lies in or is part of (P131/P276/P361) another mentioned item
COHERENCE_COUNTRY = 0.05  # the candidate's country (P17) or citizenship (P27) is mentioned: weak, big countries
#                           are mentioned everywhere (Geneva NY would otherwise win over Geneva whenever the
#                           United States is named)
PLAUSIBLE_WINDOW = 0.15  # other entities' candidates within this of their best count as context


def fold(text: str) -> str:
    """The form labels are compared in: NFC, single spaces, case-folded."""
    return normalise_text(text).casefold()


@dataclass
class Candidate:
    """A Wikidata item that may be the entity."""

    qid: str
    label: str | None = None
    description: str | None = None
    aliases: list[str] = field(default_factory=list)
    claims: dict[str, list[str]] = field(default_factory=dict)
    sitelinks: int = 0
    roots: frozenset[str] = frozenset()  # the type roots it is an instance of
    types_known: bool = True  # False when the subclass check could not be made
    match: str | None = None  # "label" or "alias"
    matched_text: str | None = None
    coherent_with: list[str] = field(default_factory=list)
    coherence: float = 0.0
    score: float = 0.0

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Candidate:
        return cls(qid=str(doc["id"]), label=doc.get("label"), description=doc.get("description"),
                   aliases=list(doc.get("aliases") or []), claims=dict(doc.get("claims") or {}),
                   sitelinks=int(doc.get("sitelinks") or 0))

    @property
    def related(self) -> set[str]:
        """Items this one is tied to by country, citizenship or location (itself excluded)."""
        return {q for p in RELATED_PROPS for q in self.claims.get(p, []) if q != self.qid}


@dataclass
class Decision:
    """The outcome for one entity (one row of the link report)."""

    qid: str | None
    reason: str
    best: str | None = None  # the best candidate, linked or not
    score: float | None = None
    runner_up: str | None = None
    runner_up_score: float | None = None
    margin: float | None = None
    method: str | None = None  # "label" or "alias"
    matched_text: str | None = None
    candidates: int = 0
    detail: str = ""


def type_roots(p31: list[str], class_roots: dict[str, list[str]]) -> tuple[frozenset[str], bool]:
    """The type roots reached from direct classes; ``known`` is False if a class could not be checked."""
    roots: set[str] = set()
    known = True
    for cls in p31:
        if cls in ALL_ROOTS:
            roots.add(cls)
        if cls in class_roots:
            roots.update(class_roots[cls])
        else:
            known = False
    return frozenset(roots), known


def match_names(cand: Candidate, names: set[str]) -> None:
    """Set ``cand.match`` to "label" or "alias" when one of the entity's folded names equals it exactly."""
    if cand.label and fold(cand.label) in names:
        cand.match, cand.matched_text = "label", cand.label
        return
    for alias in cand.aliases:
        if fold(alias) in names:
            cand.match, cand.matched_text = "alias", alias
            return


def base_score(cand: Candidate) -> float:
    """Exact label (0.45) or alias (0.40) match, plus up to 0.35 for sitelinks."""
    s = LABEL_WEIGHT if cand.match == "label" else ALIAS_WEIGHT
    return s + POPULARITY_WEIGHT * min(1.0, math.log1p(cand.sitelinks) / math.log1p(POPULAR_SITELINKS))


def score(cand: Candidate) -> float:
    """0..1: :func:`base_score` plus the coherence bonus (at most 0.20)."""
    return round(min(base_score(cand) + cand.coherence, 1.0), 3)


def add_coherence(cand: Candidate, other: Candidate) -> None:
    """Raise ``cand.coherence`` for a tie to ``other``, an item mentioned in the same article."""
    if other.qid == cand.qid:
        return
    bonus = 0.0
    if cand.qid in other.related:
        bonus = COHERENCE_CONTAINS
    elif any(other.qid in cand.claims.get(p, []) for p in ("P131", "P276", "P361")):
        bonus = COHERENCE_LOCATED
    elif any(other.qid in cand.claims.get(p, []) for p in ("P17", "P27")):
        bonus = COHERENCE_COUNTRY
    if bonus:
        cand.coherence = max(cand.coherence, bonus)
        if other.qid not in cand.coherent_with:
            cand.coherent_with.append(other.qid)


def plausible(cands: list[Candidate]) -> list[Candidate]:
    """The candidates whose base score is within :data:`PLAUSIBLE_WINDOW` of the best (context for others)."""
    if not cands:
        return []
    best = max(base_score(c) for c in cands)
    return [c for c in cands if base_score(c) >= best - PLAUSIBLE_WINDOW]


def gate(kind: str, cands: list[Candidate], names: set[str]) -> tuple[list[Candidate], str]:
    """Keep the candidates that match a name exactly, are not Wikimedia-internal and pass the type gate.

    Returns the kept ones and, when none is left, the reason.
    """
    wanted = TYPE_ROOTS[kind]
    exact = []
    for c in cands:
        match_names(c, names)
        if c.match:
            exact.append(c)
    if not exact:
        return [], "no-exact-match"
    useful = [c for c in exact if not (c.roots & INTERNAL_ROOTS)]
    if not useful:
        return [], "only-wikimedia-pages"
    typed = [c for c in useful if c.roots & wanted]
    if not typed:
        if any(not c.types_known for c in useful):
            return [], "type-check-unavailable"
        return [], "type-mismatch"
    return typed, ""


def decide(kind: str, kept: list[Candidate], *, threshold: float, margin: float,
           need_coherence: bool = False) -> Decision:
    """Score the gated candidates and pick one, or none when below the threshold or within the margin."""
    for c in kept:
        c.score = score(c)
    ranked = sorted(kept, key=lambda c: (-c.score, qid_number(c.qid)))
    best = ranked[0]
    second = ranked[1] if len(ranked) > 1 else None
    lead = round(best.score - (second.score if second else 0.0), 3)
    d = Decision(qid=None, reason="", best=best.qid, score=best.score, runner_up=second.qid if second else None,
                 runner_up_score=second.score if second else None, margin=lead, method=best.match,
                 matched_text=best.matched_text, candidates=len(kept))
    why = f"{best.qid} {best.match} match, {best.sitelinks} sitelinks"
    if best.coherent_with:
        why += ", coherent with " + " ".join(sorted(set(best.coherent_with), key=qid_number))
    if need_coherence and not best.coherence:
        d.reason, d.detail = "no-context", why + "; an event is linked only with support from its article"
    elif best.score < threshold:
        d.reason, d.detail = "below-threshold", f"{why}; score {best.score} < {threshold}"
    elif second is not None and lead < margin:
        d.reason = "ambiguous"
        d.detail = f"{why}; leads {second.qid} by {lead} < {margin}"
    else:
        d.qid, d.reason, d.detail = best.qid, "linked", why
    if d.qid is None:
        d.method = d.matched_text = None
    return d


def qid_number(qid: str) -> int:
    return int(qid[1:]) if qid[1:].isdigit() else 1 << 62
