"""HTTP content negotiation that never fails on odd ``Accept`` headers."""

from __future__ import annotations

from collections.abc import Sequence


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``[(media range, q)]`` from an Accept header; malformed parts are skipped, never raised on."""
    if not header:
        return [("*/*", 1.0)]
    ranges: list[tuple[str, float]] = []
    for part in header.split(",")[:64]:
        fields = part.strip().split(";")
        media = fields[0].strip().lower()
        if media == "*":
            media = "*/*"
        if media.count("/") != 1 or " " in media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
                if q != q:  # NaN
                    q = 0.0
        ranges.append((media, q))
    return ranges or [("*/*", 1.0)]


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    kind = offer.split("/")[0]
    best, specificity = 0.0, -1
    for media, q in ranges:
        if media == offer:
            spec = 2
        elif media == f"{kind}/*":
            spec = 1
        elif media == "*/*":
            spec = 0
        else:
            continue
        if spec > specificity:
            best, specificity = q, spec
    return best


def negotiate(header: str | None, offers: Sequence[str]) -> str | None:
    """The offered media type the client likes best (ties go to the earlier offer); None if none fits."""
    ranges = parse_accept(header)
    choice, best = None, 0.0
    for offer in offers:
        q = _quality(offer, ranges)
        if q > best:
            choice, best = offer, q
    return choice
