"""Score extraction against hand-made gold fact sheets (``kgpub eval --gold DIR INPUT...``).

For each input article ``NAME.txt|.md|.html`` the gold sheet is ``DIR/NAME.gold.yaml``. Scores are
micro-averaged over all articles. Matching rules:

- **entities**: a predicted entity matches a gold one when any of its names (name or alias,
  lower-cased, accents, a possessive "'s", a leading "the" and punctuation removed) equals any of
  the gold entity's names and the types agree (``place`` and ``country`` count as one type, since
  a capital or a region standing for a state is annotated either way; person and organisation
  must agree). One-to-one, as a maximum matching: a prediction that matches two gold entities
  (a short form that is an alias of both) is given to the one that has no other match; two
  predictions for one gold entity (an alias not merged) cost one false positive.
- **counts**: same ``type`` and same number (``value``, else ``max``, else ``min``). One-to-one.
- **hedges**: over counts that carry a qualifier: a predicted hedge is right when its count
  matches a gold count whose qualifier has the same meaning (exact/about, lower bound, upper bound).
- **sources**: over counts with ``reported_by``: right when the count matches and the reporter
  matches the gold reporter by the entity rule above.
- **quotes**: same words (lower-cased, punctuation ignored): one contains the other, or their word
  sets overlap by at least 60 % (Jaccard). One-to-one.
- **speakers**: over gold quotes: right when the quote matched and the speaker matches by the
  entity rule. Precision divides by predicted quotes, recall by gold quotes; accuracy divides by
  matched quotes.
- **event kinds**: the multiset of event kinds per article (an extra "attack" costs precision).

Counts and quotes are matched one-to-one the same way. ``evaluate(..., system="plain-ner")`` (or
``python -m kgpub.evaluate --plain-ner --gold DIR INPUT...``) scores plain spaCy NER instead of
the rules: the baseline the issue compares with (only its entity line is meaningful).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgpub.errors import InputError

log = logging.getLogger("kgpub")

__all__ = ["Score", "EvalReport", "evaluate", "score_sheet", "find_gold", "plain_ner_sheet", "entity_errors",
           "mismatches"]

METRICS = ("entities", "counts", "hedges", "sources", "quotes", "speakers", "event kinds")
_MIN_WORDS = {"at least", "more than", "over", "in excess of", "no fewer than", "upwards of", "above",
              "just over", "well over"}
_MAX_WORDS = {"up to", "nearly", "almost", "as many as", "at most", "fewer than", "less than", "under",
              "just under", "close to"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class EvalReport:
    scores: dict[str, Score] = field(default_factory=lambda: {m: Score() for m in METRICS})
    speaker_matched: int = 0
    speaker_right: int = 0
    articles: list[tuple[str, dict[str, Score]]] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    mismatches: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_matched if self.speaker_matched else 1.0

    def text(self, *, per_article: bool = False) -> str:
        lines = [f"{'metric':<12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for m in METRICS:
            s = self.scores[m]
            lines.append(f"{m:<12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
        lines.append(f"speaker accuracy (matched quotes): {self.speaker_accuracy:.3f} "
                     f"({self.speaker_right}/{self.speaker_matched}); articles: {len(self.articles)}")
        if self.errors:
            lines.append("entity errors: " + ", ".join(f"{k} {self.errors[k]}" for k in
                                                       ("missed", "wrong type", "partial", "spurious")))
        if per_article:
            for name, scores in self.articles:
                cells = " ".join(f"{m.split()[0][:5]}={scores[m].f1:.2f}" for m in METRICS)
                lines.append(f"  {name}: {cells}")
        for name, found in self.mismatches:
            lines.append(f"{name}:")
            lines.extend(f"  {line}" for line in found)
        return "\n".join(lines)


def _norm(name: str) -> str:
    s = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"['’]s\b", "", s)
    s = re.sub(r"^the\s+", "", s.strip())
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())


def _names(ent: dict[str, Any]) -> set[str]:
    """Normalised names and aliases, each also with apostrophes simply dropped ("People’s" = "Peoples")."""
    names = [n for n in [ent.get("name", ""), *ent.get("aliases", [])] if n]
    return {_norm(n) for n in names} | {_norm(re.sub("['’]", "", n)) for n in names}


def _tgroup(t: str) -> str:
    return "place" if t in ("place", "country") else t


def _entity_match(g: dict[str, Any], p: dict[str, Any]) -> bool:
    """A gold and a predicted entity match: a name in common and the same type (place ≈ country)."""
    return bool(_names(g) & _names(p)) and _tgroup(g["type"]) == _tgroup(p["type"])


def _number(c: dict[str, Any]) -> int | None:
    for k in ("value", "max", "min"):
        if isinstance(c.get(k), int):
            return int(c[k])
    return None


def _hedge_class(q: str | None) -> str:
    q = (q or "").lower().strip()
    if q in _MIN_WORDS:
        return "min"
    if q in _MAX_WORDS:
        return "max"
    return "exact"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", text).lower().replace("’", "'"))


def _quote_match(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    ja, jb = " ".join(wa), " ".join(wb)
    if ja in jb or jb in ja:
        return True
    sa, sb = set(wa), set(wb)
    return len(sa & sb) / len(sa | sb) >= 0.6


def _match(gold: Sequence[Any], pred: Sequence[Any], same: Any) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of gold and predicted items under ``same`` (augmenting paths:
    a greedy first-come matching can leave a gold item unmatched when the one prediction it
    matches was taken by an earlier gold item that had another choice)."""
    cand = [[pi for pi, p in enumerate(pred) if same(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in cand[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(gold)):
        augment(gi, set())
    return sorted((gi, pi) for pi, gi in owner.items())


def score_sheet(gold: dict[str, Any], pred: dict[str, Any]) -> tuple[dict[str, Score], int, int]:
    """Score one predicted sheet against its gold sheet; returns (scores, matched quotes, right speakers)."""
    scores = {m: Score() for m in METRICS}
    gents = {e["id"]: e for e in gold.get("entities", [])}
    pents = {e["id"]: e for e in pred.get("entities", [])}

    def same_entity(gid: str | None, pid: str | None) -> bool:
        if not gid or not pid:
            return False
        g, p = gents.get(gid), pents.get(pid)
        if g is None or p is None:
            return False
        return bool(_names(g) & _names(p))

    glist, plist = list(gents.values()), list(pents.values())
    pairs = _match(glist, plist, _entity_match)
    scores["entities"] = Score(len(pairs), len(plist) - len(pairs), len(glist) - len(pairs))

    gc, pc = gold.get("counts", []), pred.get("counts", [])
    cpairs = _match(gc, pc, lambda g, p: g["type"] == p["type"] and _number(g) == _number(p))
    scores["counts"] = Score(len(cpairs), len(pc) - len(cpairs), len(gc) - len(cpairs))
    ghed = [i for i, c in enumerate(gc) if c.get("qualifier")]
    phed = [i for i, c in enumerate(pc) if c.get("qualifier")]
    right = sum(1 for gi, pi in cpairs if gi in ghed and pi in phed
                and _hedge_class(gc[gi]["qualifier"]) == _hedge_class(pc[pi]["qualifier"]))
    scores["hedges"] = Score(right, len(phed) - right, len(ghed) - right)
    gsrc = [i for i, c in enumerate(gc) if c.get("reported_by")]
    psrc = [i for i, c in enumerate(pc) if c.get("reported_by")]
    right = sum(1 for gi, pi in cpairs if gi in gsrc and pi in psrc
                and same_entity(gc[gi]["reported_by"], pc[pi]["reported_by"]))
    scores["sources"] = Score(right, len(psrc) - right, len(gsrc) - right)

    gq, pq = gold.get("quotes", []), pred.get("quotes", [])
    qpairs = _match(gq, pq, lambda g, p: _quote_match(g["text"], p["text"]))
    scores["quotes"] = Score(len(qpairs), len(pq) - len(qpairs), len(gq) - len(qpairs))
    sright = sum(1 for gi, pi in qpairs if same_entity(gq[gi]["speaker"], pq[pi]["speaker"]))
    scores["speakers"] = Score(sright, len(pq) - sright, len(gq) - sright)

    gk = Counter(e["kind"] for e in gold.get("events", []))
    pk = Counter(e["kind"] for e in pred.get("events", []))
    tp = sum((gk & pk).values())
    scores["event kinds"] = Score(tp, sum(pk.values()) - tp, sum(gk.values()) - tp)
    return scores, len(qpairs), sright


def find_gold(gold_dir: str | os.PathLike[str], source: str) -> Path:
    """The gold sheet for an input file: ``DIR/<stem>.gold.yaml`` (or ``.gold.yml``/``.gold.json``)."""
    stem = Path(source.split(":")[0] if not source.startswith("http") else source).name
    stem = stem.rsplit(".", 1)[0]
    for ext in (".gold.yaml", ".gold.yml", ".gold.json"):
        p = Path(gold_dir) / f"{stem}{ext}"
        if p.is_file():
            return p
    raise InputError(f"no gold sheet {stem}.gold.yaml in {os.fspath(gold_dir)}", source=source)


def _load_gold(path: Path) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read gold sheet: {exc}", source=str(path)) from None
    if not isinstance(data, dict):
        raise InputError("gold sheet is not a mapping", source=str(path))
    return data


# spaCy labels a plain-NER baseline keeps, and the fact-sheet type each maps to (NORP is left out:
# it names nationalities and religions, which are not entities unless rules resolve them to actors)
PLAIN_NER_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}


def plain_ner_sheet(doc: Any) -> dict[str, Any]:
    """The entities of a parsed article as plain spaCy NER gives them: no aliases, no rules.

    PERSON → person, ORG → organization, GPE/LOC/FAC → place (the scorer counts place and country
    as one type), NORP and other labels dropped. A leading "the" and a trailing possessive are
    trimmed and spans are deduplicated by text; a text NER labels differently in different places
    takes its most frequent type. This is the baseline the issue compares the rules with.
    """
    votes: dict[str, Counter[str]] = {}
    names: dict[str, str] = {}
    for ent in doc.ents:
        kind = PLAIN_NER_TYPES.get(ent.label_)
        if kind is None:
            continue
        text = re.sub(r"^(?:the|The)\s+", "", ent.text.strip())
        text = re.sub(r"\s*['’]s?$", "", text)
        if not text:
            continue
        key = _norm(text)
        if not key:
            continue
        names.setdefault(key, text)
        votes.setdefault(key, Counter())[kind] += 1
    ents = [{"id": f"e{i}", "name": names[k], "type": votes[k].most_common(1)[0][0]}
            for i, k in enumerate(names)]
    return {"kgpub": 1, "article": {"headline": ""}, "entities": ents}


def entity_errors(gold: dict[str, Any], pred: dict[str, Any]) -> Counter[str]:
    """Entity errors of one article by category, for looking at a held-out set in aggregate.

    - ``wrong type``: an unmatched gold entity with an unmatched prediction of the same name;
    - ``partial``: an unmatched prediction whose name is a part of (or contains) an unmatched gold
      entity's name, word for word ("Pakistan" for "Pakistan Tehreek-e-Insaf");
    - ``missed``: any other unmatched gold entity; ``spurious``: any other unmatched prediction.
    """
    glist, plist = gold.get("entities", []), pred.get("entities", [])
    pairs = _match(glist, plist, _entity_match)
    gfree = [g for i, g in enumerate(glist) if i not in {a for a, _ in pairs}]
    pfree = [p for i, p in enumerate(plist) if i not in {b for _, b in pairs}]
    out: Counter[str] = Counter()
    used: set[int] = set()

    def part(a: str, b: str) -> bool:
        return a != b and f" {a} " in f" {b} "

    for g in gfree:
        gn = _names(g)
        cat = "missed"
        for pi, p in enumerate(pfree):
            if pi in used:
                continue
            pn = _names(p)
            if gn & pn:
                cat = "wrong type"
            elif any(part(x, y) or part(y, x) for x in pn for y in gn):
                cat = "partial"
            else:
                continue
            used.add(pi)
            break
        out[cat] += 1
    out["spurious"] += len(pfree) - len(used)
    return out


def _ent_label(ents: dict[str, Any], eid: str | None) -> str:
    e = ents.get(eid or "")
    return e["name"] if e else "-"


def mismatches(gold: dict[str, Any], pred: dict[str, Any]) -> list[str]:
    """Every difference between a predicted sheet and its gold sheet, one line each, for annotators
    and rule writers: entities missed (``-``) or extra (``+``), counts missed or extra, matched counts
    whose hedge or reporter differ (``~``), quotes missed or extra, wrong speakers, event kinds."""
    out: list[str] = []
    gents = {e["id"]: e for e in gold.get("entities", [])}
    pents = {e["id"]: e for e in pred.get("entities", [])}
    glist, plist = list(gents.values()), list(pents.values())
    pairs = _match(glist, plist, _entity_match)
    gm, pm = {a for a, _ in pairs}, {b for _, b in pairs}
    out += [f"- entity {g['name']!r} ({g['type']})" for i, g in enumerate(glist) if i not in gm]
    out += [f"+ entity {p['name']!r} ({p['type']})" for i, p in enumerate(plist) if i not in pm]

    def count_label(c: dict[str, Any], ents: dict[str, Any]) -> str:
        hedge = f"{c['qualifier']} " if c.get("qualifier") else ""
        return f"{c['type']} {hedge}{_number(c)} (by {_ent_label(ents, c.get('reported_by'))})"

    gc, pc = gold.get("counts", []), pred.get("counts", [])
    cpairs = _match(gc, pc, lambda g, p: g["type"] == p["type"] and _number(g) == _number(p))
    gm, pm = {a for a, _ in cpairs}, {b for _, b in cpairs}
    out += [f"- count {count_label(c, gents)}" for i, c in enumerate(gc) if i not in gm]
    out += [f"+ count {count_label(c, pents)}" for i, c in enumerate(pc) if i not in pm]
    for gi, pi in cpairs:
        g, p = gc[gi], pc[pi]
        same_src = bool(g.get("reported_by")) == bool(p.get("reported_by")) and (
            not g.get("reported_by") or _names(gents.get(g["reported_by"], {"name": ""}))
            & _names(pents.get(p["reported_by"], {"name": ""})))
        if _hedge_class(g.get("qualifier")) != _hedge_class(p.get("qualifier")) or not same_src:
            out.append(f"~ count {count_label(g, gents)} predicted as {count_label(p, pents)}")
    gq, pq = gold.get("quotes", []), pred.get("quotes", [])
    qpairs = _match(gq, pq, lambda g, p: _quote_match(g["text"], p["text"]))
    gm, pm = {a for a, _ in qpairs}, {b for _, b in qpairs}
    out += [f"- quote {q['text'][:60]!r}" for i, q in enumerate(gq) if i not in gm]
    out += [f"+ quote {q['text'][:60]!r}" for i, q in enumerate(pq) if i not in pm]
    for gi, pi in qpairs:
        gs, ps = gents.get(gq[gi].get("speaker") or ""), pents.get(pq[pi].get("speaker") or "")
        if not (gs and ps and _names(gs) & _names(ps)):
            out.append(f"~ speaker of {gq[gi]['text'][:40]!r}: {_ent_label(gents, gq[gi].get('speaker'))}"
                       f" predicted as {_ent_label(pents, pq[pi].get('speaker'))}")
    gk = Counter(e["kind"] for e in gold.get("events", []))
    pk = Counter(e["kind"] for e in pred.get("events", []))
    out += [f"- event {k}" for k in sorted((gk - pk).elements())]
    out += [f"+ event {k}: " + "; ".join(e.get("label", "") for e in pred.get("events", []) if e["kind"] == k)
            for k in sorted(set((pk - gk).elements()))]
    return out


def evaluate(gold_dir: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]], *,
             batch_size: int = 16, system: str = "rules", show_errors: bool = False) -> EvalReport:
    """Extract every input article and score it against its gold sheet in ``gold_dir``.

    ``system="plain-ner"`` scores :func:`plain_ner_sheet` (spaCy NER alone) instead of the rules;
    only its entity figures mean anything. ``report.errors`` adds up :func:`entity_errors`;
    ``show_errors`` keeps every article's :func:`mismatches` in ``report.mismatches``.
    """
    from kgpub.extract import extract_many
    from kgpub.read import iter_articles

    if not Path(gold_dir).is_dir():
        raise InputError("gold directory not found", source=os.fspath(gold_dir))
    articles, golds = [], []
    for src in inputs:
        for art in iter_articles(src):
            try:
                gpath = find_gold(gold_dir, art.source)
            except InputError:
                if not Path(src).is_dir():
                    raise
                log.warning("%s: no gold sheet, skipped", art.source)  # a README beside the articles
                continue
            gold = _load_gold(gpath)
            if not art.published:
                art.published = (gold.get("article") or {}).get("published")
            articles.append(art)
            golds.append(gold)
    if system == "plain-ner":
        from kgpub.extract import load_nlp

        preds: Iterable[dict[str, Any]] = (plain_ner_sheet(d) for d in load_nlp().pipe(
            (a.text for a in articles), batch_size=batch_size))
    elif system == "rules":
        preds = extract_many(articles, batch_size=batch_size)
    else:
        raise InputError(f"unknown system {system!r} (rules or plain-ner)")
    report = EvalReport()
    for art, gold, pred in zip(articles, golds, preds, strict=False):
        report.errors.update(entity_errors(gold, pred))
        scores, matched, right = score_sheet(gold, pred)
        for m in METRICS:
            report.scores[m].add(scores[m])
        report.speaker_matched += matched
        report.speaker_right += right
        report.articles.append((Path(art.source).name, scores))
        if show_errors:
            report.mismatches.append((Path(art.source).name, mismatches(gold, pred)))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kgpub.evaluate --gold DIR [--plain-ner] [--per-article] INPUT...``"""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m kgpub.evaluate", description=__doc__.split("\n")[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--plain-ner", action="store_true", help="score spaCy NER alone (the baseline)")
    ap.add_argument("--per-article", action="store_true")
    ap.add_argument("--show-errors", action="store_true", help="list every mismatch with the gold")
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args(argv)
    report = evaluate(args.gold, args.inputs, system="plain-ner" if args.plain_ner else "rules",
                      show_errors=args.show_errors)
    sys.stdout.write(report.text(per_article=args.per_article) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
