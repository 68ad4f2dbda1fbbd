"""Rules over a parsed spaCy ``Doc``: entities, events, counts, quotes and claims → a fact sheet.

Everything here is one pass (or a few) over the tokens with dictionary look-ups, so it costs a
small fraction of the parse. Offsets are character offsets into ``doc.text`` (the article text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from kgpub.extract import lexicon as L
from kgpub.extract.dates import resolve_date
from kgpub.extract.places import fold, world_places

_ENT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_MONTHS_DAYS = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())
_SKIP_NUM_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}




_DISPLACED_AFTER = re.compile(
    r"(?:[\w'’-]+ ){0,4}?(?:forced|driven|lost|left|fled|uprooted|had to leave|have had to leave|streamed out)"
    r"(?: (?:from|out of))?(?: (?:their|his|her|the)) (?:homes?|houses?|enclave|villages?)\b")
_DIED_AFTER = re.compile(r"(?:[\w'’-]+ ){0,5}?(?:had |have |were |was )?(?:died|killed|shot dead|dead)\b")
_VOTERS_AFTER = re.compile(r"(?:[\w'’-]+ ){0,3}?(?:were |are |was )?registered to vote\b"
                           r"|(?:[\w'’-]+ ){0,4}?had cast (?:a|their) ballots?\b")
_CAPTIVE_AFTER = re.compile(r"(?:[\w'’-]+ ){0,3}?(?:were|was|had been|have been) (?:taken|held) (?:captive|hostage)\b")


@dataclass
class _Span:
    start: int
    end: int
    label_: str


@dataclass
class Mention:
    start: int  # token index
    end: int
    cstart: int  # char offsets
    cend: int
    text: str
    kind: str  # person organization place country
    adjective: bool = False  # a nationality adjective standing for its country
    entity: Entity | None = None
    inner: bool = False  # inside another mention ("Kenya" in "Law Society of Kenya"): not a token owner


@dataclass
class Entity:
    name: str
    kind: str
    forms: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    id: str = ""


@dataclass
class Event:
    kind: str
    label: str
    trigger: tuple[int, int]  # char span of the first trigger
    sents: list[int] = field(default_factory=list)  # sentence indices mentioning it
    tokens: list[int] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    actors: list[Entity] = field(default_factory=list)
    date: dict[str, str] | None = None
    named: bool = False
    part_of: Event | None = None
    id: str = ""
    implicit: bool = False  # made for a toll told with no event word


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "x"


_JUNK_LINE = re.compile(
    r"(?:related|read more|see also|more on this|watch|listen|photo|image|video)\s*[:|]|©|copyright\b|"
    r"(?:reporting|editing|writing|additional reporting) by\b|sign up\b|follow us\b|share (?:on|this)\b|"
    r"advertisement$|(?:published|updated|posted)(?:\s+(?:on|at)\b|:|\s+\d)|"
    r"by\s+(?!.*[.!?\"”]$)\S+(?:\s+\S+){0,4}$|[^.!?]*\b(?:share on|editing by)\b",
    re.IGNORECASE)


_UNIT_WORDS = (r"\b(?:km|kilomet|metre|meter|mile|feet|foot|ft|inch|acre|hectare|tonne|ton|kg|kilo|gram|litre|liter|"
               r"gallon|barrel|square|cubic|degree|mph|knot)")
_DATELINE = re.compile(r"\s*[A-Z][\w .'/-]{1,40}(?:\([\w .'-]{1,30}\)\s*)?(?:,[^()\n]{1,40})?\s*"
                       r"\((?:Reuters|AP|AFP|dpa|Xinhua|UPI|CNN|Anadolu|PTI|IANS|Bernama|Yonhap|Kyodo|TASS|"
                       r"Interfax|EFE|ANSA)\)\s*[-—–]"
                       r"|\s*[A-Z][\w .'/-]{1,40}(?:,[^()\n]{1,40})?\s+CNN\s*[-—–]")


class Extractor:
    """Runs the rules over one parsed article."""

    def __init__(self, doc: Any, published: str | None) -> None:
        self.doc = doc
        self.text: str = doc.text
        self.published = published
        self.sents = list(doc.sents)
        self.sent_starts = {s.start for s in self.sents}
        self.sent_of = [0] * len(doc)
        for i, s in enumerate(self.sents):
            for t in range(s.start, s.end):
                self.sent_of[t] = i
        self.lower = [t.lower_ for t in doc]
        self.tags = [t.tag_ for t in doc]
        self.ent_label = [""] * len(doc)
        for e in doc.ents:
            label = e.label_
            if label == "MONEY" and not re.search(r"[$€£¥]|dollar|euro|pound|yuan|rupee|franc|\b(?:usd|eur|gbp)\b",
                                                   doc[max(0, e.start - 1):e.end + 1].text, re.I) \
                    or label == "QUANTITY" and not re.search(_UNIT_WORDS, doc[e.start:e.end + 1].text, re.I):
                label = "CARDINAL"  # "more than 4 million Syrians" (NER: money), "2.6 million people" (quantity)
            for t in range(e.start, e.end):
                self.ent_label[t] = label
        self.quote_spans = self._find_quotes()
        self.in_quote = [False] * len(doc)
        qi = 0
        # scare quotes and quoted names ('the "Islamic State" group') are read as the sentence's own words
        spans = [sp for sp in self.quote_spans if len(self.text[sp[0]:sp[1]].split()) >= 3]
        for t in doc:
            while qi < len(spans) and spans[qi][1] <= t.idx:
                qi += 1
            if qi < len(spans) and spans[qi][0] <= t.idx < spans[qi][1]:
                self.in_quote[t.i] = True
        self.dateline_countries: set[str] = set()
        self.junk = self._junk_tokens()
        self.mention_at: list[Mention | None] = [None] * len(doc)
        self.entities: list[Entity] = []
        self.events: list[Event] = []
        self.counts: list[dict[str, Any]] = []
        self.quotes: list[dict[str, Any]] = []
        self.claims: list[dict[str, Any]] = []
        self._paragraphs: list[int] | None = None

    # ------------------------------------------------------------------ entities

    def _junk_tokens(self) -> list[bool]:
        """Tokens on scraper-junk lines the reader kept ("Related: …", "Share on Facebook",
        "Reporting by …; Editing by …", "By AFP"): their names are page furniture, not entities."""
        junk = [False] * len(self.doc)
        text = self.text
        pos = 0
        for line in text.split("\n"):
            lo, hi = pos, pos + len(line)
            pos = hi + 1
            if _JUNK_LINE.match(line.strip()):
                for t in self.doc.char_span(lo, hi, alignment_mode="expand") or ():
                    junk[t.i] = True
                continue
            dateline = _DATELINE.match(line)
            if dateline:  # "GENEVA/ERBIL, Iraq (Reuters) -": the agency is the page's, not a fact's
                words = re.findall(r"[A-Za-z][\w.'-]*(?: [A-Z][\w.'-]*)*", dateline.group(0))
                self.dateline_countries.update(L.COUNTRY_BY_LOWER[w.lower()] for w in words
                                               if w.lower() in L.COUNTRY_BY_LOWER)
                for t in self.doc.char_span(lo, lo + dateline.end(), alignment_mode="expand") or ():
                    junk[t.i] = True
        return junk

    def find_entities(self) -> None:
        doc = self.doc
        storm_names = {self.lower[t + 1] for t in range(len(doc) - 1) if self.lower[t] in L.EVENT_NAME_HEADS
                       and self.lower[t] != "operation" and doc[t + 1].text[:1].isupper()}
        self.person_words = {low for ent in doc.ents if ent.label_ == "PERSON" and (len(ent) > 1 or self._titled(
            ent.start)) for low in self.lower[ent.start:ent.end]}  # "Barack Obama", "President Obama"
        mentions: list[Mention] = []
        for ent in self._raw_spans():
            if ent.label_ == "ORG_EXTRA":
                first, last = doc[ent.start], doc[ent.end - 1]
                name = doc[ent.start:ent.end].text
                mentions.append(Mention(ent.start + 2, ent.end, first.idx, last.idx + len(last.text), name,
                                        "organization"))
                continue
            if ent.label_ == "COUNTRY_EXTRA":
                span = doc[ent.start:ent.end]
                mentions.append(self._mention(span, span.text, "country"))
                continue
            if ent.label_ in ("EVENT", "PRODUCT", "WORK_OF_ART", "LAW") and self._org_appos(ent.start, ent.end) \
                    or ent.label_ in ("PERSON", "GPE", "LOC", "FAC") and ent.start > 0 \
                    and self.lower[ent.start - 1] in L.ORG_DESCRIPTORS and doc[ent.start - 1].tag_ == "NN":
                ent = _Span(ent.start, ent.end, "ORG")  # "the Oslo-based group Iran Human Rights", "retailer Primark"
            elif ent.label_ in ("PRODUCT", "WORK_OF_ART") and (
                    self._correspondent(ent.start, ent.end) or self._titled_appos(ent.end)
                    or self._speaking_name(ent.start, ent.end)):
                ent = _Span(ent.start, ent.end, "PERSON")  # "Al Jazeera's Kamal Hyder, reporting from …"
            if ent.label_ not in _ENT_LABELS:
                continue
            start, end = ent.start, ent.end
            while start < end and self.lower[start] in ("the", "a", "an"):
                start += 1
            if start + 2 < end and self.lower[start] in L.PARTITIVE_WORDS and self.lower[start + 1] == "of":
                continue  # "Several of Trump's": NER ran a span over a phrase; its name is found elsewhere
            while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                                   or self.lower[end - 1] in ("'s", "’s")):
                end -= 1
            if start >= end:
                continue
            span = doc[start:end]
            text = span.text
            if text.lower().endswith(("'s", "’s")):
                text = text[:-2]
            low = text.lower()
            label = ent.label_
            if self.lower[start] in L.ARABIC_ORG_HEADS and end - start >= 2:
                label = "ORG"  # "Jaish al-Islam", "Faylaq al-Rahman"
            elif label in ("GPE", "LOC", "FAC", "ORG") and (self._correspondent(start, end)
                                                            or self._appos_to_title(start, end)):
                label = "PERSON"  # "the BBC's Ferdinand Omondi in Nairobi"
            elif label == "ORG" and (name_at := self._titled_person_in_org(start, end)) is not None:
                start, label = name_at, "PERSON"  # "Federal Prosecutor Frédéric Van Leeuw"
                span = doc[start:end]
                text = span.text
            if label == "PERSON":
                if end + 1 < len(doc) and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end \
                        and doc[end].tag_ == "NNP" and doc[end].text[:1].isupper() and not doc[end].is_punct \
                        and not doc[end + 1].text[:1].isupper() and self.lower[end] not in L.ORG_HEADS \
                        and self.lower[end] not in L.PLACE_HEADS:
                    end += 1  # "Fred Matiang'i": the surname NER left out
                while start > 0 and doc[start - 1].tag_ == "NNP" and doc[start - 1].text[:1].isupper() \
                        and doc[start - 1].dep_ == "compound" and start <= doc[start - 1].head.i < end \
                        and not doc[start - 1].ent_type_ and not self.junk[start - 1] \
                        and re.fullmatch(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", doc[start - 1].text) \
                        and not self.lower[start - 1].endswith("-elect") \
                        and not any(self.lower[start - 1] in words for words in (
                            L.TITLE_WORDS, L.PERSON_TITLES, L.HONORIFICS, L.DEMONYMS, L.COUNTRY_BY_LOWER,
                            L.ORG_STOP, L.TITLE_ADJECTIVES, L.ROLE_NOUNS, L.APPOS_PERSON_NOUNS, L.REGNAL_TITLES,
                            L.OFFICE_WORDS)):
                    start -= 1  # "Prosecutor Frédéric Van Damme": the given name NER left out
                span = doc[start:end]
                text = span.text
            if not any(c.isupper() for c in text) or any(c.isdigit() for c in text) and not (
                    label == "ORG" and re.fullmatch(r"[A-Z]+\d+(?:\s+[A-Z][\w'’-]*)*", text)
                    or label == "ORG" and re.fullmatch(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)* \d{1,3}", text)):
                continue
            if low in L.NOT_ENTITIES:
                continue
            if low in L.GENERIC_INSTITUTIONS and label in ("ORG", "GPE", "LOC", "FAC", "PERSON"):
                continue  # "the Kingdom", "the Palace did not comment"
            if self.lower[start] in L.NUMBER_WORDS or self.lower[start].isdigit():
                continue  # "six Britons"
            if end - start == 1 and label in ("PERSON", "NORP", "ORG") and doc[start].tag_ == "NNPS" \
                    and re.search(r"(?:ers|ians|ites|ans)$", low):
                continue  # "Londoners", "Muscovites": people of a place, not an entity
            if end - start >= 2 and self.lower[start] in L.EVENT_NAME_HEADS and label != "NORP":
                continue  # "Storm Daniel", "Cyclone Freddy": an event's name
            if low in storm_names:
                continue  # "Grace moved west" after "Tropical Storm Grace"
            if low in L.GROUP_NORPS:
                mentions.append(self._mention(span, L.GROUP_NORPS[low], "organization"))
                continue
            if label == "ORG" and end - start >= 2 and self.lower[end - 1] in L.STATE_BODIES and all(
                    doc[t].text.islower() for t in range(start + 1, end)):
                country = L.DEMONYMS.get(self.lower[start]) or L.STATE_DEMONYMS.get(self.lower[start])
                if country:  # "the Palestinian health ministry": a state body, so the state
                    mentions.append(self._mention(doc[start:start + 1], country, "country", adjective=True))
                    continue
            if low in L.SEATS_OF_POWER:  # "the Kremlin said", "Kremlin spokesman X"; "talks at the Kremlin"
                if span.root.dep_ == "pobj" and span.root.head.lower_ in L.CITY_PREPS:
                    mentions.append(self._mention(span, text, "place"))
                else:
                    mentions.append(self._mention(span, L.SEATS_OF_POWER[low], "country"))
                continue
            if (low in L.COUNTRY_BY_LOWER or L.CAPITALS.get(low) or low in L.KNOWN_PLACES) \
                    and label in ("PERSON", "ORG", "GPE", "LOC", "NORP"):
                label = "GPE"  # the small model sometimes calls "Malawi", "Baku" or "Crimea" a person
            elif label == "PERSON" and len(span) == 1 and span.root.dep_ == "pobj" and span.root.head.lower_ in (
                    "in", "at", "near", "through", "across", "outside", "into", "from", "to") \
                    and low not in self.person_words:
                label = "GPE"  # "in central Santiago", "in the Sahel"
            elif label in ("PERSON", "ORG") and self._world_place(start, end, label):
                label = "GPE"  # "Banska Bystrica", "in Wakayama": a town or region NER did not know
            if label == "NORP":
                m = self._norp_mention(span, low)
                if m:
                    mentions.append(m)
                continue
            if label == "ORG" and (low in L.ORG_STOP or low in L.TITLE_WORDS):
                continue
            if label in ("ORG", "PERSON") and all(self.lower[t] in L.TITLE_WORDS or self.lower[t] in L.PERSON_TITLES
                                                  or self.lower[t] in L.RANK_WORDS for t in range(start, end)):
                continue  # "Rear Admiral": a title alone
            if label in ("ORG", "PERSON", "GPE", "LOC", "FAC") and end - start == 1 \
                    and (doc[start].tag_ == "NNS" or doc[start].tag_ == "NNPS" and low in L.PEOPLE_NOUNS) \
                    and (start in self.sent_starts or start and doc[start - 1].is_space) \
                    and low not in L.COUNTRY_BY_LOWER:
                continue  # "Videos posted online showed …": a common noun opening a sentence
            if end - start == 1 and not text.isupper() and (low in L.INSTITUTION_HEADS or low in L.PERSON_TITLES
                                                            or low in L.GENERIC_BODY_WORDS):
                continue  # "Hospital officials said": a common noun, capitalised
            if label == "PERSON" and end - start >= 2 and self.lower[end - 1] in L.PERSON_TITLES \
                    and (self.lower[end - 2] in L.ADMIN_AREA_NOUNS
                         or doc[start:end - 1].text.lower() in L.COUNTRY_BY_LOWER):
                end -= 1  # "Clark County Sheriff" (Joseph Lombardo): the office's place
                span, text, low, label = doc[start:end], doc[start:end].text, doc[start:end].text.lower(), "GPE"
            if label == "PERSON":
                # "Assad’s" etc. handled by the trimming; drop titles NER put inside
                while start < end - 1 and (self.lower[start] in L.TITLE_WORDS or self.lower[start] in L.HONORIFICS
                                           or (self.lower[start] in L.PERSON_TITLES
                                               or self.lower[start] in L.LEADING_TITLES) and start + 2 < end):
                    start += 1
                for t in range(end - 3, start - 1, -1):  # "City Manager Dalton Rice": the name after the post
                    if (self.lower[t] in L.PERSON_TITLES or self.lower[t] in L.LEADING_TITLES) \
                            and doc[t].text[:1].isupper():
                        start = t + 1
                        break
                if all(self.lower[t] in L.TITLE_WORDS or self.lower[t] in L.PERSON_TITLES
                       or self.lower[t] in L.LEADING_TITLES for t in range(start, end)):
                    continue  # "Lieutenant General": a title alone
                if start and self.lower[start - 1] in L.REGNAL_TITLES and end - start == 1:
                    start -= 1  # "Pope Francis", "Queen Suthida": the title belongs to a single name
                span = doc[start:end]
                text = span.text
                kind = "person"
            elif label == "ORG":
                kind = "organization"
                if low in L.COUNTRY_BY_LOWER:
                    kind = "country"
                # "UN Secretary(-General)", "United Nations Special Representative": a title NER ran in
                while end - start >= 2 and (self.lower[end - 1] in L.PERSON_TITLES
                                            or self.lower[end - 1] in L.TITLE_ADJECTIVES) \
                        and self.lower[end - 1] not in L.ORG_HEADS:
                    end -= 1
                span = doc[start:end]
                text = span.text
            elif label == "GPE":
                kind = "country" if low in L.COUNTRY_BY_LOWER else "place"
                cap = L.CAPITALS.get(low)
                if cap and self._stands_for_state(span):
                    mentions.append(self._mention(span, cap, "country"))
                    continue
                if low == "brussels" and self._stands_for_state(span):
                    mentions.append(self._mention(span, "European Union", "organization"))
                    continue
            else:  # LOC, FAC
                kind = "place"
            if kind in ("person", "organization") and end - start >= 2 and (
                    self.lower[start] in L.PLACE_FIRST_WORDS and self.lower[start + 1] in ("of", "de", "du", "des")
                    or (self.lower[end - 1] in L.PLACE_HEADS or self.lower[end - 1] == "museum")
                    and self.lower[end - 1] not in L.INSTITUTION_HEADS and self.lower[end - 1] not in L.ORG_HEADS
                    and not (self.lower[end - 1] == "church" and any(
                        self.lower[t] in L.DENOMINATIONS or self.lower[t] in L.DEMONYMS for t in range(start, end)))):
                kind = "place"  # "Temple of Baalshamin", "Arc de Triomphe", "Bardo National Museum", "Virgin Islands"
            if kind == "place" and end - start >= 2 and (self.lower[end - 1] in L.ORG_HEADS
                                                         and self.lower[end - 1] not in L.BUILDING_HEADS
                                                         or self.lower[end - 1] in L.INSTITUTION_HEADS
                                                         and doc[end - 1].text[:1].isupper()):
                kind = "organization"  # "the Syrian Observatory", "Medina Hospital", "Garissa University"
            if kind == "place" and end - start >= 2 and self.lower[start] in L.DEMONYMS \
                    and doc[start + 1].text[:1].isupper() and self.lower[end - 1] not in L.PLACE_HEADS \
                    and self.lower[end - 1] not in L.PLACE_NOUNS:
                start += 1  # "the Peruvian Andes" -> Andes; not "the Indian Ocean"
                span = doc[start:end]
                text = span.text
            if kind == "place":
                text = re.sub(r"\s+(?:province|district|region|county|governorate|state|city|village|town|"
                              r"neighbourhood|neighborhood|area)$", "", text)
            if kind == "country":
                text = L.COUNTRY_BY_LOWER[low]
            mentions.append(self._mention(span, text, kind))
        mentions.extend(self._titled_persons(mentions))
        self._places_in_lists(mentions)
        self._alias_links(mentions)
        mentions.extend(self._inner_countries(mentions))
        self._merge(mentions)
        self._gazetteer()

    def _places_in_lists(self, mentions: list[Mention]) -> None:
        """A name NER called a person, joined in a list to places, is a place: "Odesa, Chornomorsk and
        Yuzhny", "communities such as Kfar Aza and Be'eri"."""
        at = {t: m for m in mentions if not m.adjective for t in range(m.start, m.end)}
        for m in mentions:
            if m.kind != "person" or m.adjective or self._titled(m.start) or any(
                    self.lower[t] in words for words in (L.REGNAL_TITLES, L.PERSON_TITLES, L.HONORIFICS)
                    for t in (m.start, m.start - 1) if t >= 0):
                continue  # "US Secretary of State John Kerry and Cuba's President Raúl Castro" are people
            top = self.doc[m.end - 1]
            while top.dep_ == "conj" and top.head.i != top.i:
                top = top.head
            linked, todo = [], [top]
            while todo:  # the list's members: conjuncts of conjuncts, nothing hanging off them
                t = todo.pop()
                linked.append(t)
                todo.extend(c for c in t.children if c.dep_ == "conj")
            linked = [t for t in linked if not m.start <= t.i < m.end]
            places = [at[t.i] for t in linked if t.i in at and at[t.i].kind in ("place", "country")]
            after_such_as = m.start >= 2 and self.lower[m.start - 2:m.start] == ["such", "as"] \
                and any(at[t.i].kind in ("place", "person") for t in linked if t.i in at)
            if places or after_such_as:
                m.kind = "place"
                for t in linked:
                    other = at.get(t.i)
                    if other is not None and other.kind == "person" and after_such_as:
                        other.kind = "place"

    def _dateline_place(self, start: int) -> bool:
        """A name opening a paragraph before an agency's dateline mark: "Baghouz (Syria) (AFP) –",
        "CARITA, Indonesia (Reuters) -"."""
        if not (start == 0 or self.doc[start - 1].is_space or "\n" in self.doc[start - 1].whitespace_):
            return False
        window = " ".join(self.lower[start:start + 9])
        return bool(re.search(r"\( (?:afp|reuters|ap|dpa|anadolu) \) [-–—]", window))

    def _person_like_org(self, sp: _Span, label_at: list[_Span | None]) -> bool:
        """Two or three capitalised words NER called an organisation, in a list of people or followed
        by ", who": a person ("Emmanuel Macron, Olaf Scholz and …", "was Atal Bihari Vajpayee, who")."""
        doc, low = self.doc, self.lower
        text = doc[sp.start:sp.end].text
        words = text.split()
        if not 2 <= len(words) <= 3 or text.isupper() or text.lower() in L.KNOWN_ORGS \
                or text.lower() in L.COUNTRY_BY_LOWER or fold(text) in world_places() \
                or not all(re.fullmatch(r"[A-Z][a-zà-ÿ]+(?:[-'’][A-Z][a-zà-ÿ]+)*", w) for w in words) \
                or any(self.tags[t] == "NNPS" for t in range(sp.start, sp.end)) \
                or low[sp.start] == "the" or sp.start and low[sp.start - 1] == "the" \
                or any(low[t] in L.ORG_HEADS or low[t] in L.PLACE_HEADS or low[t] in L.ORG_AFTER_NOUNS
                       or low[t] in L.DEMONYMS for t in range(sp.start, sp.end)):
            return False
        if sp.end + 1 < len(doc) and doc[sp.end].text == "," and low[sp.end + 1] == "who":
            return True
        root = doc[sp.end - 1]
        partners = [root.head] if root.dep_ == "conj" else []
        partners += [c for c in root.children if c.dep_ == "conj"]
        return any((other := label_at[p.i]) is not None and other is not sp and other.label_ == "PERSON"
                   and other.end - other.start >= 2 for p in partners)

    def _world_place(self, start: int, end: int, label: str) -> bool:
        """A town or region of the world gazetteer that NER called a person or an organisation. A
        single word needs a place's context, and a titled or speaking name, or the word of a person's
        name found elsewhere in the article, stays what NER said."""
        doc, low = self.doc, self.lower
        name = fold(doc[start:end].text)
        if name not in world_places() or name in L.KNOWN_ORGS \
                or self._titled(start) and self.lower[start - 1] != "of" \
                or self._speaking_name(start, end):
            return False
        if end - start >= 2:
            return not any(low[t] in L.ORG_HEADS or low[t] in L.PERSON_TITLES for t in range(start, end))
        if label == "PERSON" and low[start] in self.person_words:
            return False
        tok = doc[start]
        return label == "PERSON" and tok.dep_ not in ("nsubj", "nsubjpass", "poss") \
            or tok.dep_ == "pobj" and tok.head.lower_ in L.PLACE_PREPS and not tok.text.isupper() \
            or tok.dep_ == "conj" and any(t.ent_type_ in ("GPE", "LOC") for t in (tok.head, *tok.conjuncts)) \
            or end + 1 < len(doc) and doc[end].text == "," and (
                low[end + 1] in L.COUNTRY_BY_LOWER or doc[end + 1].ent_type_ == "GPE") \
            or end < len(doc) and low[end] in L.ADMIN_AREA_NOUNS

    def _outlet(self, e: Entity) -> bool:
        """A news outlet: a known one, or a name right before "television", "newspaper", "agency" …"""
        return e.name.lower() in L.OUTLETS or any(
            m.end < len(self.doc) and self.lower[m.end] in L.OUTLET_NOUNS
            or m.start and self.lower[m.start - 1] in L.OUTLET_NOUNS for m in e.mentions)

    def _titled(self, start: int) -> bool:
        """A post stands right before ``start`` ("President Raúl Castro", "Secretary of State John Kerry")."""
        for k in range(start - 1, max(-1, start - 5), -1):
            w = self.lower[k]
            if w in (",", "and", ";", "(") or self.doc[k].is_space:
                return False
            if w in L.PERSON_TITLES or w in L.TITLE_WORDS or w in L.LEADING_TITLES:
                return True
        return False

    def _join_arabic_names(self, spans: list[_Span]) -> list[_Span]:
        """Join the parts of a name NER split at a lower-case Arabic article: "Deir" + "ez-" + "Zor"."""
        doc, low = self.doc, self.lower
        spans = sorted(spans, key=lambda sp: sp.start)
        out: list[_Span] = []
        for sp in spans:
            if out and sp.start < out[-1].end:
                continue  # swallowed by the name before it
            e = sp.end
            if e + 2 < len(doc) and low[e] in L.ARABIC_ARTICLES and doc[e + 1].text == "-" \
                    and not doc[e].whitespace_ and not doc[e + 1].whitespace_ and doc[e + 2].text[:1].isupper():
                sp.end = e + 3  # "Deir" + "ez-Zor"
            elif e + 3 < len(doc) and doc[e].text == "-" == doc[e + 2].text and doc[e + 1].text.islower() \
                    and len(doc[e + 1].text) <= 3 and doc[e + 3].text[:1].isupper() \
                    and not any(doc[t].whitespace_ for t in range(e - 1, e + 3)):
                sp.end = e + 4  # "Gulshan" + "-e-Iqbal", "Mar" + "-a-Lago"
                if sp.label_ == "PERSON":
                    sp.label_ = "FAC"
            prev = out[-1] if out else None
            if prev is not None and sp.start == prev.end + 2 and low[prev.end] in L.ARABIC_ARTICLES \
                    and doc[prev.end + 1].text == "-" and not doc[prev.end].whitespace_ \
                    and not doc[prev.end + 1].whitespace_:
                prev.end = sp.end
                continue
            out.append(sp)
        return out

    def _correspondent(self, start: int, end: int) -> bool:
        """A two- or three-word name right after an organisation's possessive and before "in <place>" or
        "reports/says": a reporter ("The BBC's Ferdinand Omondi in Nairobi says")."""
        doc, low = self.doc, self.lower
        if not 2 <= end - start <= 3 or start < 2 or low[start - 1] not in ("'s", "’s") \
                or doc[start - 2].ent_type_ != "ORG" or " ".join(low[start:end]) in L.COUNTRY_BY_LOWER:
            return False
        return not any(low[t] in L.ORG_HEADS or low[t] in L.PLACE_HEADS for t in range(start, end)) \
            and all(doc[t].text[:1].isupper() for t in range(start, end))

    def _speaking_name(self, start: int, end: int) -> bool:
        """Two or three capitalised words that are the subject of a speech verb ('"…," Trita Parsi told
        Al Jazeera'): a person, whatever NER called them."""
        root = self.doc[start:end].root
        return 2 <= end - start <= 3 and all(self.doc[t].text[:1].isupper() for t in range(start, end)) \
            and root.dep_ == "nsubj" and root.head.lower_ in L.SPEECH_VERBS

    def _appos_to_title(self, start: int, end: int) -> bool:
        """A name in apposition to a person's post: "The UN envoy for Syria, Staffan de Mistura, said"."""
        low = self.lower
        root = self.doc[start:end].root
        head = root.head
        if head.dep_ == "pobj" and head.head.dep_ == "prep":
            head = head.head.head  # "the UN envoy for Syria, Staffan de Mistura"
        return root.dep_ == "appos" and root.head.i < start and not self.doc[start:end].text.isupper() and (
            head.lower_ in L.PERSON_TITLES or head.lower_ in L.APPOS_PERSON_NOUNS) \
            and not any(low[t] in L.ORG_HEADS or low[t] in L.PLACE_HEADS for t in range(start, end)) \
            and " ".join(low[start:end]) not in L.COUNTRY_BY_LOWER and self._org_key(start, end) not in L.KNOWN_ORGS

    def _titled_person_in_org(self, start: int, end: int) -> int | None:
        """Where the name starts in an organisation span that is a title and a person's name ("Federal
        Prosecutor Frédéric Van Leeuw"), or None."""
        low = self.lower
        for k in range(start, end - 2):
            if low[k] in L.PERSON_TITLES or low[k] in ("prosecutor", "attorney"):
                rest = range(k + 1, end)
                if all(self.doc[t].text[:1].isupper() or low[t] in L.SURNAME_PARTICLES for t in rest) \
                        and not any(low[t] in L.ORG_HEADS or low[t] in L.PERSON_TITLES or low[t] in L.PLACE_HEADS
                                    or low[t] in L.PLACE_NOUNS or low[t] in ("medical", "university", "hospital")
                                    for t in rest) and len(rest) <= 4:
                    return k + 1
                return None
        return None

    def _org_appos(self, start: int, end: int) -> bool:
        """A capitalised name in apposition to (or right after) an organisation noun: "the rights group
        Iran Human Rights", "the charity Save the Children"."""
        doc = self.doc
        if not doc[start].text[:1].isupper():
            return False
        root = doc[start:end].root
        if root.dep_ == "appos" and root.head.lower_ in L.COREF_NOUNS and root.head.i < start:
            return True
        return start > 0 and self.lower[start - 1] in L.COREF_NOUNS and doc[start - 1].tag_ == "NN"

    def _raw_spans(self) -> list[_Span]:
        """NER spans with the small model's usual errors repaired: split organisation names
        joined again, people/organisations that are places (and the reverse) relabelled, country
        names and "town of X" places NER missed added, sentence-initial common words dropped."""
        doc, low, n = self.doc, self.lower, len(self.doc)
        spans = []
        for e in doc.ents:
            start, end, lab = e.start, e.end, e.label_
            for t in range(start, end):  # "the World Health Organization (WHO", "Monywa\n\n"
                if doc[t].text == "(" or "\n" in doc[t].text:
                    end = t
                    break
                if doc[t].text == "," and e.label_ in ("GPE", "LOC", "FAC", "ORG") and t > start \
                        and not (e.label_ == "ORG" and self.lower[e.end - 1] in L.ORG_HEADS):
                    spans.append(_Span(start, t, e.label_))  # "Batticaloa, Zion Church": two places
                    start = t + 1
                if self.lower[t] == "in" and t > start and t + 1 < e.end and doc[t + 1].text[:1].isupper() \
                        and (self.lower[t - 1] in L.PLACE_HEADS or self.lower[t - 1] == "museum"):
                    spans.append(_Span(start, t, "FAC"))  # "the Bardo National Museum in Tunis": two places
                    start, lab = t + 1, "GPE"
                if self.lower[t] == "and" and t > start and t + 1 < e.end and (
                        e.label_ in ("GPE", "LOC") or e.start >= 2 and self.lower[e.start - 1] == "of"
                        and self.lower[e.start - 2] in L.AREA_NOUNS) \
                        and doc[t + 1].text[:1].isupper() \
                        and doc[e.start:e.end].text.lower() not in L.COUNTRY_BY_LOWER:
                    lab = "GPE" if e.label_ == "ORG" else e.label_
                    spans.append(_Span(start, t, lab))  # "the towns of Oleshky and Hola Prystan": two places
                    start = t + 1
            if end > start and (self.lower[end - 1] in _MONTHS_DAYS or self.lower[start].startswith("non-")
                                or doc[start].text == "non"):
                continue  # "Easter Sunday", "non-Nato"
            while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text != "."):
                end -= 1
            while end + 1 < n and end > start and lab in ("GPE", "LOC") and doc[end].text == "-" \
                    and not doc[end - 1].whitespace_ and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper() \
                    and not any(x in L.COUNTRY_BY_LOWER or x in L.CAPITALS for x in (
                        doc[start:end].text.lower(), self.lower[end + 1])):
                end += 2  # "Saxony-Anhalt", "Baden-Württemberg"
            if lab == "ORG" and start >= 3 and self.lower[start - 1] == "and" and doc[start - 2].text[:1].isupper() \
                    and doc[start - 2].tag_ == "NNP" and self.lower[start - 3] == "the" \
                    and not any(x.start <= start - 2 < x.end for x in doc.ents):
                start -= 2  # "the Fire and Disaster Management Agency": NER began at "Disaster"
            while end + 1 < n and lab in ("GPE", "LOC", "FAC", "ORG") and self.lower[end] in L.PLACE_PARTICLES \
                    and doc[end + 1].text[:1].isupper() and doc[end + 1].tag_ == "NNP" and end > start:
                end += 2  # "Viña del Mar", "Figueiró dos Vinhos", "Guardia di Finanza"
            while end > start + 1 and (doc[start].is_quote or self.lower[start] == "the" and doc[start + 1].is_quote):
                start += 1  # 'the "Islamic State" group'
            if end > start and not self.junk[start]:
                spans.append(_Span(start, end, lab))
        spans = self._join_arabic_names(spans)
        joined: list[_Span] = []
        for sp in spans:  # "Ismail Ould" + "Cheikh Ahmed", "Abd-Rabbu" + "Mansour Hadi": one long name
            if joined and sp.label_ == "PERSON" and joined[-1].label_ == "PERSON" and joined[-1].end == sp.start \
                    and doc[sp.start - 1].whitespace_ == " " and not self.junk[sp.start] \
                    and low[sp.start - 1] not in L.PERSON_TITLES and low[sp.start - 1] not in L.TITLE_WORDS:
                joined[-1] = _Span(joined[-1].start, sp.end, "PERSON")
            else:
                joined.append(sp)
        spans = joined
        label_at: list[_Span | None] = [None] * n
        for sp in spans:
            for t in range(sp.start, sp.end):
                label_at[t] = sp
        sent_start = self.sent_starts

        def cap(i: int) -> bool:
            t = doc[i]
            if not t.text[:1].isupper() or t.is_punct:
                return False
            if i in sent_start:
                return t.tag_ in ("NNP", "NNPS") or label_at[i] is not None
            return True

        # 0. country names NER split ("Antigua" + "Barbuda")
        for k in range(n - 2):
            for size in (5, 4, 3):
                name = " ".join(low[k:k + size])
                if k + size <= n and name.count(" ") >= 2 and name in L.COUNTRY_BY_LOWER \
                        and doc[k].text[:1].isupper():
                    inside = {id(label_at[t]): label_at[t] for t in range(k, k + size) if label_at[t] is not None}
                    for sp in inside.values():
                        sp.label_ = ""
                    sp = _Span(k, k + size, "GPE")
                    spans.append(sp)
                    for t in range(k, k + size):
                        label_at[t] = sp
                    break
        spans = [sp for sp in spans if sp.label_]

        # 1. organisation names the model split or cut ("Doctors Without Borders",
        #    "International Federation of Red Cross and Red Crescent Societies", "G5 Sahel")
        i = 0
        new: list[_Span] = []
        while i < n:
            if not cap(i) or self.in_quote[i]:
                i += 1
                continue
            j, seen_of, last_cap = i + 1, False, i
            while j < n:
                if cap(j) and doc[j].whitespace_ is not None:
                    last_cap = j
                    j += 1
                    continue
                w = low[j]
                if not doc[j - 1].whitespace_ and (w == "-" or w in L.NAME_PARTICLES and j + 1 < n
                                                   and doc[j + 1].text == "-") \
                        and j + 1 < n and (doc[j + 1].text == "-" or cap(j + 1)
                                           or low[j + 1] in L.NAME_PARTICLES):
                    j += 1  # "Pakistan Tehreek-e-Insaf", "Jamaat-e-Islami", "Nusrat al-Islam"
                    continue
                if w in L.NAME_PARTICLES and j + 2 < n and doc[j + 1].text == "-" and not doc[j].whitespace_ \
                        and not doc[j + 1].whitespace_ and cap(j + 2):
                    j += 1  # "Tal al-Sultan", "Abu al-Hassan": a particle after a space
                    continue
                if w in ("'s", "’s", "'", "’") and j + 1 < n and cap(j + 1) and label_at[j - 1] is None \
                        and j - 1 == last_cap:
                    j += 1  # "People's Democratic Party", "Sudan Doctors' Union"; not "Russia's Defence Ministry"
                    continue
                if w == "for" and not any(low[t] in L.ORG_HEADS for t in range(i, j)) and any(
                        " ".join(low[j + 1:j + 1 + k]) in L.COUNTRY_BY_LOWER for k in (1, 2, 3)):
                    break  # "left Nagorno-Karabakh for Armenia"
                if w in ("of", "for") or (w == "the" and low[j - 1] in ("of", "for")) or (
                        w == "and" and seen_of) or w in ("de", "du", "des", "&"):
                    seen_of = seen_of or w in ("of", "for")
                    j += 1
                    continue
                break
            end = last_cap + 1
            if end - i >= 2:
                inside = {id(label_at[t]): label_at[t] for t in range(i, end) if label_at[t] is not None}
                labels = {sp.label_ for sp in inside.values()}
                code = bool(re.fullmatch(r"[A-Z]+\d+", doc[i].text))  # "G5 Sahel", "G20"
                heads = code or any(low[t] in L.ORG_HEADS for t in range(i, end))
                covered = all((sp.start >= i or sp.start == i - 1 and low[i - 1] == "the") and sp.end <= end
                              for sp in inside.values())  # "the Law Society" + "of Kenya"
                exact = len(inside) == 1 and next(iter(inside.values())).start == i and \
                    next(iter(inside.values())).end == end
                if ("ORG" in labels or heads or "NORP" in labels and heads) and covered and not exact \
                        and not labels & ({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"} | (
                            set() if code else {"PERSON"})) \
                        and low[i] not in L.TITLE_WORDS and (low[i] not in L.DEMONYMS or seen_of and heads) \
                        and not (labels <= {"GPE", "LOC"} and not heads) \
                        and not any(low[t] in L.SPEECH_VERBS for t in range(i, end)):
                    for sp in inside.values():
                        sp.label_ = ""
                    sp = _Span(i, end, "ORG")
                    new.append(sp)
                    for t in range(i, end):
                        label_at[t] = sp
            i = max(end, i + 1)
        spans = [sp for sp in spans if sp.label_] + new

        # 1a. "Ursula von der" + "Leyen": a person's name cut at a family-name particle
        for sp in spans:
            end = sp.end
            while end < n and low[end] in L.SURNAME_PARTICLES and end - sp.end < 2:
                end += 1  # "Ursula von" + "der" + "Leyen"
            if sp.label_ != "PERSON" or end >= n or low[end - 1] not in L.SURNAME_PARTICLES \
                    or not doc[end].text[:1].isupper():
                continue
            nxt_sp = label_at[end]
            new_end = nxt_sp.end if nxt_sp is not None and nxt_sp.start == end else end + 1
            if nxt_sp is not None and nxt_sp.start == end:
                nxt_sp.label_ = ""
            sp.end = new_end
            for t in range(sp.start, sp.end):
                label_at[t] = sp
        spans = [sp for sp in spans if sp.label_]

        # 1a''. "St Anthony's" + "Shrine": a building named after a person
        for sp in spans:
            if sp.label_ in ("PERSON", "ORG") and sp.end + 1 < n and low[sp.end - 1] in ("'s", "’s") \
                    and low[sp.end] in L.PLACE_HEADS and doc[sp.end].text[:1].isupper() and label_at[sp.end] is None:
                sp.end, sp.label_ = sp.end + 1, "FAC"
                label_at[sp.end - 1] = sp
            elif sp.label_ in ("PERSON", "ORG") and sp.end + 2 < n and low[sp.end] in ("'s", "’s") \
                    and low[sp.end + 1] in L.PLACE_HEADS and doc[sp.end + 1].text[:1].isupper() \
                    and label_at[sp.end + 1] is None:
                sp.end, sp.label_ = sp.end + 2, "FAC"
                label_at[sp.end - 1] = label_at[sp.end - 2] = sp
        # 1a'. "William Saab" after "Tarek", "Houghton" after "Irungu": a first name NER left out
        for sp in spans:
            b = sp.start - 1
            if sp.label_ != "PERSON" or b < 1 or label_at[b] is not None or doc[b].tag_ != "NNP" \
                    or "." in doc[b].text or low[b].endswith(("-elect", "-designate")) \
                    or not doc[b].text[:1].isupper() or b in sent_start or self.junk[b] or not doc[b].whitespace_ \
                    or doc[b - 1].text[:1].isupper() and low[b - 1] not in L.TITLE_WORDS \
                    and low[b - 1] not in L.PERSON_TITLES or sp.end - sp.start > 2 \
                    or any(low[b] in ws for ws in (L.TITLE_WORDS, L.PERSON_TITLES, L.DEMONYMS, L.ORG_HEADS,
                                                   L.PLACE_HEADS, L.HONORIFICS, _MONTHS_DAYS)) \
                    or low[b] in L.COUNTRY_BY_LOWER or low[b] in L.CAPITALS:
                continue
            sp.start = b
            label_at[b] = sp
        # 1a'. "Aung San" + "Suu Kyi": a person's name NER cut before untagged proper nouns
        for sp in spans:
            if sp.label_ != "PERSON" or sp.end - sp.start < 2:
                continue
            end = sp.end
            while end < n and end - sp.end < 2 and label_at[end] is None and doc[end].tag_ == "NNP" \
                    and doc[end].text[:1].isupper() and doc[end - 1].whitespace_ and not self.junk[end] \
                    and low[end] not in _MONTHS_DAYS and low[end] not in L.TITLE_WORDS \
                    and not any(low[end] in ws for ws in (L.PLACE_NOUNS, L.PLACE_HEADS, L.ORG_HEADS, L.DEMONYMS)):
                end += 1
            if end > sp.end and (end >= n or not doc[end].text[:1].isupper()):
                for t in range(sp.end, end):
                    label_at[t] = sp
                sp.end = end

        # 1b. "African Union commission chairman Moussa Faki Mahamat" tagged as one organisation
        split: list[_Span] = []
        for sp in spans:
            if sp.label_ != "ORG" or sp.end - sp.start < 3:
                continue
            for t in range(sp.start + 1, sp.end - 1):
                if low[t] in L.PERSON_TITLES and low[t] not in L.ORG_HEADS and doc[t + 1].text[:1].isupper() \
                        and all(doc[x].text[:1].isupper() for x in range(t + 1, sp.end)) \
                        and not (sp.end - t == 2 and low[sp.end - 1] in L.ORG_HEADS | {"staff", "secretariat"}):
                    org_end = t
                    while org_end > sp.start and not doc[org_end - 1].text[:1].isupper():
                        org_end -= 1
                    split.append(_Span(t + 1, sp.end, "PERSON"))
                    if org_end > sp.start:
                        split.append(_Span(sp.start, org_end, "ORG"))
                    sp.label_ = ""
                    break
        spans = [sp for sp in spans if sp.label_] + split

        # 1c'. "the Catalan National Assembly and Omnium Cultural": two organisations NER joined
        both: list[_Span] = []
        for sp in spans:
            if sp.label_ != "ORG" or sp.end - sp.start < 4:
                continue
            for t in range(sp.start + 2, sp.end - 1):
                if low[t] == "and" and low[t - 1] in L.ORG_HEADS and doc[t + 1].text[:1].isupper() \
                        and not any(low[x] in ("of", "for") for x in range(sp.start, t)):
                    both += [_Span(sp.start, t, "ORG"), _Span(t + 1, sp.end, "ORG")]
                    sp.label_ = ""
                    break
        spans = [sp for sp in spans if sp.label_] + both

        # 1c. "Mombasa and Kisumu" tagged as one organisation or person: two names
        pair: list[_Span] = []
        for sp in spans:
            if sp.label_ not in ("ORG", "PERSON", "GPE") or sp.end - sp.start != 3 \
                    or low[sp.start + 1] not in ("and", "on") or sp.label_ == "GPE" and low[sp.start + 1] == "and":
                continue
            a, b = sp.start, sp.start + 2
            if not (doc[a].text[:1].isupper() and doc[b].text[:1].isupper()) or doc[a].text.isupper() \
                    or any(low[t] in L.ORG_HEADS or low[t] in L.PLACE_HEADS for t in (a, b)) \
                    or doc[a:sp.end].text.lower() in L.KNOWN_ORGS:
                continue
            prev = low[a - 1] if a else ""
            label = "GPE" if prev in L.LOCATIVE_PREPS or prev in ("to", "from", "of", "between") else sp.label_
            sp.label_ = ""
            pair += [_Span(a, a + 1, label), _Span(b, b + 1, label)]
        spans = [sp for sp in spans if sp.label_] + pair

        # 2. relabel: known organisations, people in places, organisations that are towns
        person_evidence: set[str] = set()
        strong_person: set[str] = set()
        speakers: set[str] = set()
        for k in range(n):
            if low[k] in L.TITLE_WORDS and k + 1 < n and doc[k + 1].text[:1].isupper():
                person_evidence.add(low[k + 1])
            if low[k] in L.SPEECH_VERBS and k + 1 < n and doc[k + 1].text[:1].isupper():
                person_evidence.add(low[k + 1])
            if low[k] in L.SPEECH_VERBS and self.tags[k].startswith("VB"):
                speakers.update(low[c.i] for c in doc[k].children  # "Putin, speaking at ..., said"
                                if c.dep_ == "nsubj" and c.tag_ == "NNP")
            if (low[k] in L.HONORIFICS or low[k] in L.PERSON_TITLES) and k + 1 < n \
                    and doc[k + 1].text[:1].isupper() and doc[k + 1].tag_ == "NNP":
                strong_person.add(low[k + 1])  # "Mr Kiper", "governor Oleh Kiper"
                person_evidence.add(low[k + 1])
        words_elsewhere: dict[str, int] = {}
        for sp in spans:
            for t in range(sp.start, sp.end):
                words_elsewhere[low[t]] = words_elsewhere.get(low[t], 0) + 1
        for sp in spans:
            text = doc[sp.start:sp.end].text
            tlow = text.lower()
            first, last = sp.start, sp.end - 1
            if first < last and low[first] == "the":
                first += 1
            b = first - 1 if first and low[first - 1] != "the" else first - 2
            prev = low[b] if b >= 0 else ""
            prev2 = low[b - 1] if b >= 1 else ""
            nxt = low[sp.end] if sp.end < n else ""
            demonym = tlow in L.DEMONYMS or tlow.endswith("s") and tlow[:-1] in L.DEMONYMS
            if sp.label_ in ("GPE", "PERSON", "ORG") and demonym and tlow not in L.COUNTRY_BY_LOWER \
                    and tlow not in L.KNOWN_ORGS:
                sp.label_ = "NORP"  # "Ukrainian officials said" (NER: a place)
                continue
            if sp.label_ in ("PERSON", "GPE", "NORP", "LOC") and tlow in L.KNOWN_ORGS and (
                    text == L.KNOWN_ORGS[tlow] or text.istitle()):
                sp.label_ = "ORG"
                continue
            if sp.label_ == "ORG" and sp.end - first == 2 and low[first] in L.DEMONYMS \
                    and low[first] not in L.COUNTRY_BY_LOWER and low[last] not in L.ORG_HEADS \
                    and low[last] not in L.PLACE_HEADS \
                    and tlow not in L.KNOWN_ORGS and doc[last].text[:1].isupper() and doc[last].tag_ != "NNPS" \
                    and not low[last].endswith("s"):
                sp.start = last  # "the Kurdish Peshmerga" -> Peshmerga; not "Indian Railways"
                continue
            if sp.label_ in ("PERSON", "ORG", "FAC", "LOC", "GPE") and nxt in L.FACILITY_HEADS and sp.end < n \
                    and not doc[sp.end].text[:1].isupper() and self.tags[sp.end] == "NN" \
                    and tlow not in L.COUNTRY_BY_LOWER and tlow not in L.CAPITALS and tlow not in L.KNOWN_ORGS \
                    and not any(low[t] in L.ORG_HEADS for t in range(first, sp.end)) and label_at[sp.end] is None:
                sp.end, sp.label_ = sp.end + 1, "FAC"  # "the Capella hotel", "Imam Khomeini airport"
                label_at[sp.end - 1] = sp
                continue
            if sp.label_ == "PERSON" and low[last] in L.PLACE_NOUNS and doc[last].text[:1].isupper():
                sp.label_ = "GPE"  # "Butte County" (NER: a person)
                continue
            if sp.label_ == "ORG" and sp.end - first == 1 and nxt in ("minister", "secretary") \
                    and doc[sp.end].text[:1].isupper() and not text.isupper() and tlow not in L.KNOWN_ORGS:
                sp.label_ = ""  # "Education Minister X": part of a title
                continue
            if sp.label_ in ("GPE", "LOC", "FAC", "ORG", "PERSON") and low[last] == "fire" and sp.end - first >= 2:
                sp.label_ = ""  # "the Woolsey Fire": a fire's name
                continue
            if sp.label_ in ("ORG", "GPE", "FAC") and sp.end + 2 < n and doc[sp.end].text == "," \
                    and re.fullmatch(r"\d{1,2}", doc[sp.end + 1].text) and doc[sp.end + 2].text in (",", ".") \
                    and len(text.split()) <= 3 and not text.isupper():
                sp.label_ = "PERSON"  # "said Rahmat Hidayat, 40, a taxi driver"
                continue
            if sp.label_ == "ORG" and prev in ("near", "outside", "around", "across", "towards", "toward") \
                    and sp.end - first <= 3 and tlow not in L.KNOWN_ORGS and not text.isupper() \
                    and not any(low[t] in L.ORG_HEADS for t in range(first, sp.end)):
                sp.label_ = "GPE"  # "camps near Cox's Bazar"
                continue
            if sp.label_ in ("ORG", "GPE", "FAC") and first >= 3 and low[first - 1] == "old" \
                    and low[first - 2] == "-" and low[first - 3] == "year" and len(text.split()) <= 3:
                sp.label_ = "PERSON"  # "eight-year-old Saffie-Rose Roussos"
                continue
            if sp.label_ == "GPE" and sp.end - first == 1 and sp.end + 1 < n and label_at[sp.end] is None \
                    and doc[sp.end].tag_ == "NNP" and doc[sp.end].text[:1].isupper() \
                    and not doc[sp.end + 1].text[:1].isupper() and tlow not in L.COUNTRY_BY_LOWER \
                    and tlow not in L.CAPITALS and not demonym and not self.junk[sp.end] \
                    and not any(low[sp.end] in ws for ws in (L.PLACE_NOUNS, L.PLACE_HEADS, L.ORG_HEADS,
                                                             L.DIRECTION_WORDS, _MONTHS_DAYS, L.DEMONYMS)):
                sp.label_, sp.end = "PERSON", sp.end + 1  # "an Ariana Grande concert" (NER: "Ariana", a place)
                continue
            if sp.label_ in ("PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT") \
                    and self._acronym_after(sp) and tlow not in L.COUNTRY_BY_LOWER:
                sp.label_ = "ORG"  # "Jama'at Nusrat al-Islam wal-Muslimin (JNIM)"
                continue
            if sp.label_ in ("PERSON", "GPE", "PRODUCT", "WORK_OF_ART", "NORP") and tlow not in L.COUNTRY_BY_LOWER \
                    and tlow not in L.DEMONYMS and (
                        (nxt in L.MEDIA_NOUNS and nxt != "agency" or nxt == "news" and sp.end + 1 < n
                         and low[sp.end + 1] in L.MEDIA_NOUNS) and self.tags[sp.end].startswith("NN")
                        or first and low[first - 1] in L.MEDIA_NOUNS and not doc[first - 1].text[:1].isupper()):
                sp.label_ = "ORG"  # "its Amaq news agency", "the Prothom Alo newspaper"
                continue
            if sp.label_ in ("GPE", "LOC", "FAC") and sp.end - first >= 2 and low[last] in L.ORG_LAST_WORDS \
                    and doc[last].text[:1].isupper():
                sp.label_ = "ORG"  # "the Asia-Pacific Economic Cooperation" (NER: a place)
                continue
            if sp.label_ == "ORG" and sp.end - first >= 2 and label_at[sp.end] is None and (
                    nxt == "party" and (low[last] in L.PARTY_ADJECTIVES or low[last].endswith(("ist", "ists")))
                    or nxt in ("’", "'") and sp.end + 1 < n and low[sp.end + 1] == "party" and low[last].endswith("s")):
                for t in range(sp.end, sp.end + (1 if nxt == "party" else 2)):
                    label_at[t] = sp
                sp.end = t + 1  # "Basque Nationalist party", "Workers’ party"
                continue
            if sp.end - first == 1 and low[first] in L.PARTY_ADJECTIVES and nxt == "party" and sp.end < n:
                sp.start, sp.end, sp.label_ = first, sp.end + 1, "ORG"  # "the Conservative party": the party
                continue
            if sp.label_ in ("PERSON", "GPE") and nxt in L.ORG_AFTER_NOUNS and sp.end < n \
                    and not doc[sp.end].text[:1].isupper() and tlow not in L.COUNTRY_BY_LOWER \
                    and tlow not in L.CAPITALS and not demonym:
                sp.label_ = "ORG"  # "the Frelimo party", "whose Saairun bloc"
                continue
            if sp.label_ in ("PERSON", "GPE", "LOC", "FAC") and first and low[first - 1] in L.ORG_BEFORE_NOUNS \
                    and not doc[first - 1].text.isupper() and tlow not in L.COUNTRY_BY_LOWER \
                    and tlow not in L.CAPITALS and not any(low[t] in person_evidence for t in range(first, sp.end)):
                sp.label_ = "ORG"  # "rights group Foro Penal", "the grid operator Ukrenergo"
                continue
            if sp.label_ in ("FAC", "GPE", "LOC", "PERSON") and tlow not in L.COUNTRY_BY_LOWER \
                    and tlow not in L.CAPITALS and self._appos_noun(first, sp.end, L.ORG_HEADS | L.ORG_APPOS_NOUNS):
                sp.label_ = "ORG"  # "the White Helmets, a rescue group working in ..."
                continue
            if sp.label_ == "ORG" and first and low[first - 1] in L.PERSON_TITLES and sp.end - first >= 2 \
                    and not any(low[t] in L.ORG_HEADS for t in range(first, sp.end)) and not text.isupper():
                sp.label_ = "PERSON"  # "commission chairman Moussa Faki Mahamat"
                continue
            if sp.label_ == "ORG" and sp.end - first >= 2 and not doc[last].text[:1].isupper():
                e2 = sp.end
                while e2 - 1 > first and not doc[e2 - 1].text[:1].isupper():
                    e2 -= 1
                if low[e2 - 1] in L.ORG_HEADS and doc[e2 - 1].text[:1].isupper():
                    sp.end = e2  # "African Union commission" -> "African Union"; not "Gaza health ministry"
                elif e2 == last and low[last] in L.ORG_AFTER_NOUNS and doc[e2 - 1].text[:1].isupper() \
                        and not (e2 - first == 1 and low[first] in L.PARTY_ADJECTIVES) \
                        and not (low[last] == "party" and low[e2 - 1].endswith(("ist", "ists"))):
                    sp.end = e2  # "the Pheu Thai party", "the Wagner group" -> the name
            if sp.label_ in ("ORG", "PERSON") and sp.end - first >= 2 and (
                    low[sp.end - 1] in L.PLACE_HEADS or low[first] in ("place", "rue", "plaza")) \
                    and not (low[sp.end - 1] in ("church", "mosque") and low[sp.end - 2] in L.DENOMINATIONS):
                sp.label_ = "FAC"  # "Kenyatta National Hospital", "Place de la Nation", "Gaza Strip"
                continue
            if sp.label_ in ("ORG", "GPE") and len(text.split()) <= 3 and not text.isupper() \
                    and tlow not in L.KNOWN_ORGS and tlow not in L.COUNTRY_BY_LOWER and tlow not in L.CAPITALS \
                    and all(doc[t].text[:1].isupper() or doc[t].text == "-" for t in range(first, sp.end)) \
                    and not any(low[t] in L.ORG_HEADS or low[t] in L.PLACE_HEADS for t in range(first, sp.end)) \
                    and (any(low[t] in strong_person for t in range(first, sp.end)) or self._titled_appos(sp.end)
                         or first and low[first - 1] in L.APPOS_PERSON_NOUNS and not doc[first - 1].text[:1].isupper()
                         or self._appos_noun(first, sp.end, L.PERSON_TITLES | L.APPOS_PERSON_NOUNS)
                         or prev == "by" and prev2 in ("led", "headed", "chaired", "founded")):
                sp.label_ = "PERSON"  # "Mr Kiper said", "Oleh Kiper, the regional governor, said",
                continue  # "a spokesman for the ministry, Oleg Nikolenko,", "led by Bilawal Bhutto Zardari"
            if sp.label_ == "PERSON" and low[last] in L.ORG_HEADS:
                sp.label_ = "ORG"
                continue
            placey = (prev == "of" and (prev2 in L.PLACE_NOUNS or prev2 in L.DIRECTION_WORDS
                                        or prev2 in L.STATE_OF_NOUNS and prev2 != "ministry" and sp.end - first == 1)) \
                or nxt in L.PLACE_NOUNS and doc[sp.end].tag_ in ("NN", "NNS") \
                or sp.end + 1 < n and (low[sp.end + 1] in L.PLACE_NOUNS or low[sp.end + 1] in L.PLACE_HEADS) \
                and doc[sp.end].tag_ == "NN" \
                and doc[sp.end + 1].tag_ in ("NN", "NNS") and not doc[sp.end].text[:1].isupper() \
                or prev in ("nearby", "neighbouring", "neighboring") \
                or self._dateline_place(first) \
                or prev in L.LOCATIVE_PREPS and doc[first].dep_ in ("pobj", "compound") \
                and doc[last].dep_ == "pobj" \
                or prev == "to" and prev2 in L.TRAVEL_WORDS and doc[last].dep_ in ("pobj", "dobj") \
                or doc[last].dep_ == "dobj" and doc[last].head.lower_ in L.PLACE_OBJECT_VERBS \
                or doc[last].dep_ == "nsubjpass" and doc[last].head.lower_ in L.PLACE_PASSIVE_VERBS
            if sp.label_ in ("PRODUCT", "WORK_OF_ART") and placey and sp.end - first == 1:
                sp.label_ = "GPE"
            elif sp.label_ in ("DATE", "TIME") and low[last] in L.PLACE_NOUNS and sp.end - first >= 2 \
                    and all(doc[t].tag_ == "NNP" and doc[t].text[:1].isupper() and low[t] not in _MONTHS_DAYS
                            for t in range(first, last)):
                sp.label_ = "GPE"  # "Zinda Jan district" (NER: a date)
            elif sp.label_ == "PERSON" and placey and not any(low[t] in person_evidence for t in range(first, sp.end)):
                sp.label_ = "GPE"
                while sp.start and doc[sp.start - 1].tag_ == "NNP" and doc[sp.start - 1].text[:1].isupper() \
                        and label_at[sp.start - 1] is None and low[sp.start - 1] not in L.DEMONYMS \
                        and low[sp.start - 1] not in L.TITLE_WORDS and sp.end - sp.start < 4:
                    sp.start -= 1  # "High Atlas mountains"
            elif sp.label_ in ("PERSON", "ORG") and self._place_appos(first, sp.end) \
                    and tlow not in L.KNOWN_ORGS and not any(low[t] in L.ORG_HEADS for t in range(first, sp.end)):
                sp.label_ = "GPE"  # "the only border crossing, Bab al-Hawa," / "Bab al-Hawa, a border town"
            elif sp.label_ == "ORG" and placey and (" " not in doc[first:sp.end].text
                                                    or prev == "of" and (prev2 in L.PLACE_NOUNS
                                                                         or prev2 in L.DIRECTION_WORDS)
                                                    or nxt in L.PLACE_NOUNS and sp.end - first <= 3) \
                    and not text.isupper() \
                    and low[last] not in L.ORG_HEADS and tlow not in L.KNOWN_ORGS and tlow not in L.GROUP_NORPS:
                sp.label_ = "GPE"
            elif sp.label_ == "PERSON" and sp.end - sp.start == 1 and sp.start in sent_start \
                    and words_elsewhere.get(low[sp.start], 0) <= 1 and low[sp.start] not in person_evidence \
                    and low[sp.start] not in speakers \
                    and low[sp.start] not in L.CAPITALS and low[sp.start] not in L.COUNTRY_BY_LOWER \
                    and not (sp.end < n and doc[sp.end].text[:1].isupper()):
                sp.label_ = ""  # "Turnout was ...": a capitalised common word
        spans = [sp for sp in spans if sp.label_]
        for t in range(n):
            label_at[t] = None
        for sp in spans:
            for t in range(sp.start, sp.end):
                label_at[t] = sp
        # 2b. a name coordinated with a town is a town ("Sylhet and Sunamganj", "around Bakhmut
        #     and Avdiivka"): NER gives unfamiliar towns any label
        for _ in range(2):
            for sp in spans:
                if sp.label_ == "ORG" and self._person_like_org(sp, label_at):
                    sp.label_ = "PERSON"  # "Emmanuel Macron, Olaf Scholz, Justin Trudeau", "was X, who …"
                    continue
                if sp.label_ not in ("PERSON", "ORG") or sp.end - sp.start > 2:
                    continue
                text = doc[sp.start:sp.end].text
                tlow = text.lower()
                if text.isupper() or tlow in L.KNOWN_ORGS or tlow in L.GROUP_NORPS or self._titled(sp.start) \
                        or any(low[t] in L.ORG_HEADS or low[t] in person_evidence for t in range(sp.start, sp.end)):
                    continue  # not "US Secretary of State John Kerry" after "Latin America"
                root = doc[sp.end - 1]
                partners = [root.head] if root.dep_ == "conj" else []
                partners += [c for c in root.children if c.dep_ == "conj"]
                for p in partners:
                    other = label_at[p.i]
                    if other is not None and other is not sp and (other.label_ in ("LOC", "FAC") or (
                            other.label_ == "GPE"
                            and doc[other.start:other.end].text.lower() not in L.COUNTRY_BY_LOWER)):
                        sp.label_ = "GPE"
                        break

        # 3. names NER missed: country names, "X-led coalition", "the town of X", "X province"
        added: list[_Span] = []
        for k in range(3, n):  # "a woman who gave her name only as Memory", "identified only as Ahmed"
            if doc[k].text[:1].isupper() and doc[k].tag_ in ("NNP", "NN") and low[k - 1] == "as" \
                    and not self.in_quote[k] and k not in self.sent_starts \
                    and (low[k - 2] == "name" or low[k - 2] == "only" and low[k - 3] in ("name", "identified")
                         or low[k - 2] == "identified"):
                e = k + 1
                while e < n and e - k < 3 and doc[e].tag_ == "NNP" and doc[e].text[:1].isupper():
                    e += 1
                if all(label_at[t] is None or label_at[t].label_ != "PERSON" for t in range(k, e)):
                    for t in range(k, e):
                        if label_at[t] is not None:
                            label_at[t].label_ = ""
                    added.append(_Span(k, e, "PERSON"))
        k = 0
        while k < n:
            if label_at[k] is not None or not doc[k].text[:1].isupper() or self.in_quote[k] or self.junk[k]:
                k += 1
                continue
            hit = None
            tx = doc[k].text
            if tx.isupper() and tx.isalpha() and 3 <= len(tx) <= 10 and self.tags[k] == "NNP" \
                    and tx.lower() not in L.ACRONYM_STOP and tx.lower() not in L.COUNTRY_BY_LOWER \
                    and (k + 1 >= n or not doc[k + 1].text.isupper()) and (k == 0 or not doc[k - 1].text.isupper()):
                added.append(_Span(k, k + 1, "ORG"))  # "CONRED said": an acronym NER left untagged
                k += 1
                continue
            for size in (4, 3, 2, 1):
                if k + size <= n and all(label_at[t] is None for t in range(k, k + size)):
                    name = " ".join(low[k:k + size])
                    if name in L.COUNTRY_BY_LOWER and doc[k + size - 1].text[:1].isupper():
                        hit = _Span(k, k + size, "GPE")
                        break
            if hit is None and doc[k].tag_ == "NNP":
                e = k + 1
                while e < n and e - k < 6:
                    if doc[e].tag_ == "NNP" and label_at[e] is None and (doc[e].text[:1].isupper()
                                                                        or low[e] in L.NAME_PARTICLES):
                        e += 1
                    elif doc[e].text == "-" and not doc[e - 1].whitespace_ and not doc[e].whitespace_ \
                            and e + 1 < n and doc[e + 1].text[:1].isupper() and label_at[e + 1] is None:
                        e += 1  # "Tal al-Sultan"
                    else:
                        break
                if low[e - 1] in L.NAME_PARTICLES or doc[e - 1].text == "-":
                    e -= 1
                prev = low[k - 1] if k else ""
                prev2 = low[k - 2] if k > 1 else ""
                nxt = low[e] if e < n else ""
                locative = e == k + 1 and prev in ("in", "across", "throughout", "near") \
                    and doc[k].dep_ == "pobj" and low[k] not in L.ORG_HEADS and low[k] not in _MONTHS_DAYS
                if e == k + 1 and prev == "of" and prev2 in L.STATE_OF_NOUNS and k >= 2 \
                        and not doc[k - 2].text[:1].isupper() and low[k] not in L.ORG_HEADS:
                    added.append(_Span(k, e, "COUNTRY_EXTRA"))  # "the defence ministry of Ostmark"
                    k = e
                    continue
                if 2 <= e - k <= 3 and self._titled_appos(e) and not any(
                        low[t] in L.TITLE_WORDS or low[t] in L.DEMONYMS or low[t] in L.ORG_HEADS for t in range(k, e)):
                    hit = _Span(k, e, "PERSON")  # "was Namal Rajapaksa, the sports minister"
                elif (nxt in L.MEDIA_NOUNS and nxt != "agency" or nxt == "news" and e + 1 < n
                        and low[e + 1] in L.MEDIA_NOUNS) and self.tags[e].startswith("NN") and k not in sent_start \
                        and " ".join(low[k:e]) not in L.COUNTRY_BY_LOWER and low[k] not in L.DEMONYMS \
                        or prev in L.MEDIA_NOUNS and not doc[k - 1].text[:1].isupper() and e - k <= 3:
                    hit = _Span(k, e, "ORG")  # "the Prothom Alo newspaper", "the local newspaper Prothom Alo"
                elif locative or (prev == "of" and prev2 in L.PLACE_NOUNS) or (
                        nxt in L.PLACE_NOUNS and e < n and doc[e].tag_ == "NN" and k not in sent_start):
                    if not any(low[t] in L.TITLE_WORDS or low[t] in L.DEMONYMS for t in range(k, e)):
                        hit = _Span(k, e, "GPE")
            if hit:
                added.append(hit)
                k = hit.end
                continue
            k += 1
        # "Saudi-led coalition": the coalition is an organisation of its own (not "US-backed forces", which the
        # annotated sets never list)
        for k in range(n - 3):
            if doc[k].text[:1].isupper() and doc[k + 1].text == "-" and low[k + 2] in ("led", "backed") \
                    and low[k + 3] == "coalition":
                if all(label_at[t] is None or label_at[t].label_ in ("NORP", "GPE") for t in range(k + 1, k + 4)):
                    added.append(_Span(k, k + 4, "ORG_EXTRA"))
        return self._known_orgs(spans + added, sent_start)

    def _org_key(self, s: int, e: int) -> str:
        return " ".join(self.doc[s:e].text.replace("-", " ").lower().split())

    def _known_orgs(self, spans: list[_Span], sent_start: set[int]) -> list[_Span]:
        """4. organisations NER missed or split: well-known names from the small lexicon
        ("Islamic State", "Boko Haram", "al-Qaeda"; "Libyan Red Crescent" keeps its demonym), and a
        capitalised name before a lower-case group noun ("the Islamic State group", "the Wagner
        group" → the name)."""
        doc, low, n = self.doc, self.lower, len(self.doc)
        label_at: list[_Span | None] = [None] * n
        for sp in spans:
            for t in range(sp.start, sp.end):
                label_at[t] = sp

        def free(s: int, e: int) -> bool:
            """No span but NORP/PERSON/GPE/LOC/FAC pieces lying wholly inside [s, e)."""
            for t in range(s, e):
                sp = label_at[t]
                if sp is not None and (sp.label_ in ("ORG", "ORG_EXTRA", "COUNTRY_EXTRA", "DATE", "CARDINAL")
                                       and not (sp.start >= s - 1 and sp.end <= e and low[sp.start] == "the")
                                       and not (sp.label_ == "ORG" and sp.start > s and sp.end <= e)
                                       or sp.start < s and not (sp.start == s - 1 and low[sp.start] == "the")
                                       or sp.end > e):
                    return False
            return True

        out: list[_Span] = []
        k = 0
        while k < n:
            if self.in_quote[k] or self.junk[k] or not (doc[k].text[:1].isupper() or low[k] in ("al", "el")):
                k += 1
                continue
            hit: tuple[int, int] | None = None
            for size in range(10, 0, -1):
                e = k + size
                if e > n or (size > 1 and any("\n" in doc[t].whitespace_ for t in range(k, e - 1))):
                    continue
                key = self._org_key(k, e)
                canon = L.KNOWN_ORGS.get(key)
                if canon is None or not doc[e - 1].text[:1].isupper() or (
                        size == 1 and doc[k].text != canon and not doc[k].text.istitle()) or (
                        size == 1 and key in ("who", "x")):
                    continue
                if e < n and doc[e].text[:1].isupper() and doc[e].tag_ == "NNP" and not self.in_quote[e]:
                    continue  # part of a longer name ("Red Cross Society")
                s = k
                if k and (low[k - 1] in L.DEMONYMS or low[k - 1] in L.COUNTRY_BY_LOWER) \
                        and doc[k - 1].text[:1].isupper() and key in ("red cross", "red crescent"):
                    s = k - 1  # "Libyan Red Crescent", "Kenya Red Cross"
                if free(s, e) or size >= 4 and not any(
                        label_at[t] is not None and (label_at[t].start < s and not (  # type: ignore
                            label_at[t].start == s - 1 and low[s - 1] == "the") or label_at[t].end > e)  # type: ignore
                        for t in range(s, e)):
                    hit = (s, e)  # a long known name NER cut in pieces ("Organization for Security and Co")
                break
            if hit is None and doc[k].text[:1].isupper() and doc[k].tag_ in ("NNP", "NNPS") and (
                    label_at[k] is None or label_at[k].label_ in ("NORP", "PERSON", "GPE", "LOC")
                    and label_at[k].start == k):
                e = k + 1
                while e < n and e - k < 4 and doc[e].tag_ in ("NNP", "NNPS") and doc[e].text[:1].isupper():
                    e += 1
                b = k
                while b >= 3 and doc[b - 1].text == "-" and low[b - 2] in L.ARABIC_ARTICLES \
                        and doc[b - 3].text[:1].isupper() and not doc[b - 2].whitespace_ \
                        and not doc[b - 1].whitespace_:
                    b -= 3  # "the Jaish al-Islam group"
                if e < n and low[e] in L.ORG_AFTER_NOUNS and doc[e].tag_.startswith("NN") \
                        and not doc[e].text[:1].isupper() and not (e - b == 1 and (
                            low[b] in L.DEMONYMS or low[b] in L.COUNTRY_BY_LOWER or low[b] in L.CAPITALS)) \
                        and not any(low[t] in L.TITLE_WORDS for t in range(b, e)) and free(b, e) \
                        and not (b in sent_start and e - b == 1 and label_at[b] is None):
                    hit = (b, e)
            if hit is None:
                k += 1
                continue
            s, e = hit
            for t in range(s, e):
                if label_at[t] is not None:
                    label_at[t].label_ = ""
            sp = _Span(s, e, "ORG")
            out.append(sp)
            for t in range(s, e):
                label_at[t] = sp
            k = e
        return [sp for sp in spans if sp.label_] + out

    def _acronym_after(self, sp: _Span) -> bool:
        """A name followed by an acronym in parentheses is an organisation's; the span grows over
        trailing name particles first ("Nusrat al-Islam" + "wal-Muslimin (JNIM)")."""
        doc, low, n = self.doc, self.lower, len(self.doc)
        end = sp.end
        while end + 2 < n and low[end] in L.NAME_PARTICLES and doc[end + 1].text == "-" \
                and doc[end + 2].text[:1].isupper() and not doc[end - 1].whitespace_ == "":
            end += 3
        if end + 2 < n and doc[end].text == "(" and doc[end + 2].text == ")" \
                and re.fullmatch(r"[A-Z][A-Z\-]{1,9}", doc[end + 1].text) \
                and doc[end + 1].text.lower() not in L.COUNTRY_BY_LOWER:
            sp.end = end
            return True
        return False

    def _place_appos(self, start: int, end: int) -> bool:
        """The name ``start:end`` and a place noun are in apposition: "the only border crossing it
        may use, Bab al-Hawa," or "Kornidzor, a village near the border"."""
        root = self.doc[end - 1]
        for t in ([root.head] if root.dep_ == "appos" and not start <= root.head.i < end else []) + [
                c for c in root.children if c.dep_ == "appos"]:
            between = range(min(t.i, end) + 1, max(t.i, start))
            if (self.lower[t.i] in L.PLACE_NOUNS or self.lower[t.i] in L.PLACE_HEADS) and t.tag_ == "NN" \
                    and not any(self.lower[x] in self._NOT_APPOS for x in between):
                return True
        return self._appos_noun(start, end, L.PLACE_NOUNS | L.PLACE_HEADS, heads_only=False)

    _NOT_APPOS = frozenset({"while", "and", "but", "or", "whereas", "as", "when", "where", "after", "before",
                            "said", "says", "told", "added"})

    def _appos_noun(self, start: int, end: int, nouns: frozenset[str], heads_only: bool = True) -> bool:
        """A comma apposition joins the name ``start:end`` and a common noun of ``nouns``, written
        after it (", a village near the border") or before it ("the only crossing it can use, NAME,")."""
        doc, low, n = self.doc, self.lower, len(self.doc)
        if end < n and doc[end].text == "," and end + 2 < n and low[end + 1] in ("a", "an", "the"):
            head = None  # "Kornidzor, a village near the border"; not "X, the group's director"
            for t in range(end + 2, min(n, end + 8)):
                if doc[t].is_space:
                    break
                if self.tags[t].startswith("NN") and not doc[t].text[:1].isupper():
                    head = t
                elif doc[t].text == "-" or t + 1 < n and doc[t + 1].text == "-" and not doc[t].whitespace_ \
                        or self.tags[t] == "VBN" and t > end + 2 and doc[t - 1].text == "-":
                    continue  # "a Minsk-based human rights centre"
                elif not (self.tags[t].startswith("JJ") or self.tags[t] == "POS"):
                    break
            if head is not None and low[head] in nouns and not (head + 1 < n and doc[head + 1].text[:1].isupper()):
                return True  # not ", the Oslo-based group Iran Human Rights said": that names the next name
        if start >= 2 and doc[start - 1].text == "," and (end >= n or doc[end].text in (",", ".")):
            window: list[int] = []  # "the only crossing it can use, Bab al-Hawa,"
            for t in range(start - 2, max(-1, start - 9), -1):
                if doc[t].is_punct or doc[t].is_space or low[t] in self._NOT_APPOS or self.in_quote[t] \
                        or self.sent_of[t] != self.sent_of[start]:
                    break
                window.append(t)
            inside = set(window)
            for t in window:  # the heads of the phrase before the comma, not a noun inside its modifiers
                head = doc[t].head
                if head.i in inside and (head.i < t and heads_only and not head.tag_.startswith("VB")
                                         or doc[t].dep_ in ("compound", "amod", "nmod", "poss")):
                    continue  # "a spokesman for the health ministry, NAME": spokesman, not ministry
                if low[t] in nouns and self.tags[t].startswith("NN") and not doc[t].text[:1].isupper() and any(
                        low[x] in ("the", "a", "an", "'s", "’s", "its", "their") for x in range(max(0, t - 3), t)):
                    return True
        return False

    def _titled_appos(self, end: int) -> bool:
        """A name at ``end`` is followed by an apposition naming a person's post: ", the regional
        governor,", ", head of the council", ", a spokesman for ..."."""
        doc, n = self.doc, len(self.doc)
        if end >= n or doc[end].text != ",":
            return False
        for t in range(end + 1, min(n, end + 8)):
            if (self.lower[t] in L.PERSON_TITLES or self.lower[t] in L.APPOS_PERSON_NOUNS) \
                    and self.tags[t].startswith("NN"):
                return t + 1 >= n or not doc[t + 1].text[:1].isupper() or self.lower[t] == "head"
            if not (self.tags[t] in ("DT", "JJ", "NN", "NNP", "PRP$", "VBN", "CC") or self.lower[t] in ("'s", "’s")):
                return False
        return False

    def _titled_persons(self, mentions: list[Mention]) -> list[Mention]:
        """Names NER missed after a title: "Health Minister Ana Torres", "spokesman Ali Reza"."""
        taken = set()
        for m in mentions:
            taken.update(range(m.start, m.end))
        out = []
        doc, n = self.doc, len(self.doc)
        for i in range(n - 2):
            if self.lower[i] not in L.TITLE_WORDS:
                continue
            i0 = i  # "spokesman Rear Admiral Daniel Hagari": the rank is no part of the name
            while i + 1 < n and (self.lower[i + 1] in L.RANK_WORDS or self.lower[i + 1] in L.PERSON_TITLES):
                i += 1
            j = i + 1
            while j < n and j - i <= 4 and self.tags[j] == "NNP" and self.lower[j] not in L.TITLE_WORDS \
                    and j not in taken and doc[j].text[:1].isupper() and self.ent_label[j] in ("", "PERSON", "ORG"):
                j += 1
            if j - i >= 3 and i - i0 < 3:
                span = doc[i + 1:j]
                if not any(t.lower_ in L.COUNTRY_BY_LOWER or t.lower_ in L.DEMONYMS for t in span):
                    out.append(self._mention(span, span.text, "person"))
                    taken.update(range(i + 1, j))
        # "Jan Mahmoud Egeland, head of the council, said": a proper-noun run before a post
        i = 0
        while i < n - 2:
            if self.tags[i] != "NNP" or i in taken or self.in_quote[i] or (i and self.tags[i - 1] == "NNP"):
                i += 1
                continue
            j = i
            while j < n and j - i < 4 and self.tags[j] == "NNP" and doc[j].text[:1].isupper() and j not in taken \
                    and self.ent_label[j] == "" and self.lower[j] not in L.TITLE_WORDS:
                j += 1
            if j - i >= 2 and self._titled_appos(j) and not any(
                    self.lower[t] in L.COUNTRY_BY_LOWER or self.lower[t] in L.DEMONYMS or self.lower[t] in L.ORG_HEADS
                    for t in range(i, j)):
                span = doc[i:j]
                out.append(self._mention(span, span.text, "person"))
                taken.update(range(i, j))
            i = max(j, i + 1)
        return out

    def _alias_links(self, mentions: list[Mention]) -> None:
        """Names given as another name of an entity in the text: "the Kurdistan Workers' Party
        (PKK)", "Mohamed Hamdan Dagalo, better known as Hemedti". Every mention of the second
        name is renamed to the first (so it becomes an alias), whatever NER called it."""
        doc, n = self.doc, len(self.doc)
        by_start = {m.start: m for m in mentions if not m.adjective}
        renames: dict[str, tuple[str, str]] = {}
        for m in sorted(mentions, key=lambda x: x.start):
            if m.adjective or m.kind == "country" or m.text.lower() in renames:
                continue
            k = m.end
            if m.kind == "organization" and k + 2 < n and doc[k].text == "(" and doc[k + 2].text == ")":
                tok = doc[k + 1]
                if re.fullmatch(r"[A-Z][A-Za-z.&-]*", tok.text) and sum(c.isupper() for c in tok.text) >= 2 \
                        and tok.text.lower() not in L.COUNTRY_BY_LOWER and tok.text != m.text:
                    other = by_start.get(k + 1)
                    if other is None:
                        other = Mention(k + 1, k + 2, tok.idx, tok.idx + len(tok.text), tok.text, m.kind)
                        mentions.append(other)
                        by_start[k + 1] = other
                    if other.end == k + 2:
                        renames[tok.text.lower()] = (m.text, m.kind)
                continue
            if m.kind not in ("person", "organization"):
                continue
            j = k
            if j < n and doc[j].text in (",", "("):
                j += 1
                np_end = j  # ", the rescue service known as the White Helmets"
                while np_end < min(n, j + 5) and self.tags[np_end] in ("DT", "JJ", "NN", "NNS", "HYPH") \
                        and not doc[np_end].text[:1].isupper():
                    np_end += 1
                if np_end < n and self.lower[np_end] == "known":
                    j = np_end
            while j < n and self.lower[j] in ("better", "also", "widely", "popularly", "locally", "commonly"):
                j += 1
            at = j + 3 if self.lower[j:j + 3] == ["known", "as", "the"] else j + 2  # "known as the White Helmets"
            if at < n and self.lower[j] == "known" and self.lower[j + 1] == "as" and doc[at].text[:1].isupper():
                other = by_start.get(at)
                if other is None:
                    e = at
                    while e < n and e - at < 4 and self.tags[e] in ("NNP", "NNPS") and doc[e].text[:1].isupper():
                        e += 1
                    if e == at:
                        continue
                    span = doc[at:e]
                    other = self._mention(span, span.text, m.kind)
                    mentions.append(other)
                    by_start[at] = other
                if other.text.lower() not in L.COUNTRY_BY_LOWER:
                    renames[other.text.lower()] = (m.text, m.kind)
        if not renames:
            return
        for m in mentions:
            hit = renames.get(m.text.lower())
            if hit and not m.adjective:
                m.text, m.kind = hit

    def _inner_countries(self, mentions: list[Mention]) -> list[Mention]:
        """A country named at the end of an organisation's name ("the Law Society of Kenya",
        "the Ministry of Foreign Affairs of Kazakhstan") is named too: an inner mention."""
        out = []
        doc = self.doc
        for m in mentions:
            if m.kind != "organization" or m.inner or m.end - m.start < 3:
                continue
            for k in range(m.end - 2, m.start, -1):
                if self.lower[k] != "of":
                    continue
                s = k + 1 + (self.lower[k + 1] == "the")
                name = " ".join(self.lower[s:m.end])
                country = L.COUNTRY_BY_LOWER.get(name)
                if country and s < m.end:
                    span = doc[s:m.end]
                    x = self._mention(span, country, "country")
                    x.inner = True
                    out.append(x)
                break
        return out

    def _mention(self, span: Any, text: str, kind: str, adjective: bool = False) -> Mention:
        return Mention(span.start, span.end, span.start_char, span.end_char, text, kind, adjective)

    def _is_agent(self, span: Any) -> bool:
        root = span.root  # not inside a quote: "Tonight Paris is in tears" is the city
        return root.dep_ in ("nsubj", "nsubjpass") and root.head.tag_.startswith("VB") and not self.in_quote[root.i]

    def _stands_for_state(self, span: Any) -> bool:
        """A capital used for its government: the subject of a verb ("Baku denied"), a possessor ("Tehran's
        nuclear programme"), the object of a political verb ("accused Ankara", "backs Damascus") or the
        partner of a relation ("talks with Moscow", "ties between Riyadh and Tehran")."""
        tok = span.root
        if self.in_quote[tok.i]:
            return False
        while tok.dep_ == "conj" and tok.head.tag_ == "NNP":
            tok = tok.head  # "Ankara and Baku reject": as the first of the pair
        head = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass") and head.tag_.startswith("VB"):
            return True
        if tok.dep_ == "poss":
            return head.lower_ not in L.CITY_PARTS
        if tok.dep_ == "dobj":
            return head.lower_ in L.POLITICAL_VERBS
        if tok.dep_ == "pobj" and head.lower_ in ("with", "between", "against", "by", "for", "on"):
            rel = head.head
            return rel.lower_ in L.RELATION_WORDS or (
                rel.tag_.startswith("VB") and head.lower_ in ("with", "against", "by")
                and rel.lower_ not in L.MOVE_VERBS)
        return False

    def _norp_mention(self, span: Any, low: str) -> Mention | None:
        group = L.GROUP_NORPS.get(low)
        if group:
            return self._mention(span, group, "organization")
        region = L.REGION_DEMONYMS.get(low)
        if region:  # "the Catalan government said"; "Catalan flags" names nobody
            return self._mention(span, region, "place", adjective=True) if self._names_actor(span) else None
        country = L.DEMONYMS.get(low)
        if country is None and low.endswith("s") and L.DEMONYMS.get(low[:-1]):
            return None  # "Syrians": people, not an actor
        if country:
            if self._names_actor(span):
                return self._mention(span, country, "country", adjective=True)
            return None
        if country == "":
            return None
        # a proper noun that is no known nationality: NER often tags towns as NORP ("Aleppo")
        if span.end < len(self.doc) and self.doc[span.end].text[:1].isupper():
            return None  # part of a longer name ("Islamic State")
        if len(span) == 1 and span[0].tag_ == "NNP" and span.root.dep_ in ("pobj", "compound", "nsubj", "dobj") \
                and low not in L.RELIGIONS_ETHNICITIES:
            return self._mention(span, span.text, "place")
        head = span.root.head.lower_
        if len(span) == 1 and span.root.dep_ in ("nmod", "amod") and not re.search(r"(?:an|ese|ish|ic|i|ch)$", low) \
                and (head in L.STATE_BODIES or head in L.BODY_NOUNS or head in L.PLACE_NOUNS) \
                and low not in L.RELIGIONS_ETHNICITIES:
            return self._mention(span, span.text, "place")  # "the Punjab provincial government" (NER: NORP)
        return None

    def _names_actor(self, span: Any) -> bool:
        tok = span.root
        nxt = span.end
        if nxt + 1 < len(self.doc) and self.doc[nxt].text == "-" and self.lower[nxt + 1] in ("led", "backed"):
            return True
        seen = 0
        while tok.dep_ in ("conj", "amod", "compound", "nmod", "poss", "appos") and seen < 4:
            tok = tok.head
            seen += 1
            if tok.lower_ in L.ACTOR_NOUNS:
                return True
            if tok.dep_ == "conj" and tok.head.lower_ in L.ACTOR_NOUNS:
                return True
        return False

    def _merge(self, mentions: list[Mention]) -> None:
        by_key: dict[tuple[str, str], Entity] = {}
        persons: list[Entity] = []
        # longest first so short forms attach to full names
        order = sorted(range(len(mentions)), key=lambda i: -len(mentions[i].text.split()))
        for i in order:
            m = mentions[i]
            words = m.text.split()
            target: Entity | None = None
            if m.kind in ("person", "organization", "place") and len(words) <= 2:
                for p in persons:
                    pw = [re.sub(r"^(?:al|el|ad|as|ash|bin|ibn)-", "", x, flags=re.I) for x in p.name.split()]
                    words = [re.sub(r"^(?:al|el|ad|as|ash|bin|ibn)-", "", x, flags=re.I) for x in m.text.split()]
                    if len(pw) > len(words) and (words == pw[-len(words):] or (len(words) == 1 and words[0] in pw[1:])
                                                 or m.kind == "person" and len(words) == 2 and words == pw[:2]):
                        target = p
                        break
                if target is None and len(words) == 1 and (m.kind == "person" or m.kind == "place" and not (
                        L.CAPITALS.get(m.text.lower()) or m.text.lower() in L.KNOWN_PLACES
                        or fold(m.text) in world_places())):
                    # "Xi" after "Xi Jinping", "Qin" after "Qin Gang": family names written first
                    firsts = [p for p in persons if len(p.name.split()) > 1 and p.name.split()[0] == m.text]
                    if firsts:  # "Kim" after "Kim Jong Un" and "Kim Yong Chol": the one named first
                        target = min(firsts, key=lambda p: min(x.start for x in p.mentions))
            words = m.text.split()
            if target is None and m.kind == "organization":
                for e in by_key.values():
                    if e.kind != "organization":
                        continue
                    ew = [w for w in e.name.split() if w[:1].isupper()]
                    acro = words[0].replace(".", "") if len(words) == 1 else ""  # "U.N." = "UN"
                    if acro.isupper() and len(acro) >= 2 and "".join(w[0] for w in ew).upper() == acro:
                        target = e
                        break
                    if len(words) < len(e.name.split()) and all(w in e.name.split() for w in words) \
                            and words[-1] == e.name.split()[-1]:
                        target = e
                        break
                    full = e.name.split()
                    head = next((k for k, w in enumerate(full) if w in ("for", "of", "on") and k), 0)
                    if head and len(words) <= head and full[head - 1] == words[-1] \
                            and (words == full[:head] or len(words) == 1 and words[0].lower() in L.ORG_HEADS):
                        target = e  # "the (Syrian) Observatory" after "the Syrian Observatory for Human Rights"
                        break
                    if len(words) == 1 and words[0] == e.name.split()[0] and len(e.name.split()) > 1 \
                            and words[0].lower() not in L.GENERIC_FIRST_WORDS and words[0].lower() not in L.DEMONYMS \
                            and words[0].lower() not in L.COUNTRY_BY_LOWER and sum(
                                1 for o in by_key.values() if o.kind == "organization"
                                and o.name.split()[0] == words[0]) == 1:
                        target = e  # "Amnesty" after "Amnesty International"
                        break
            if target is None:
                key = (m.kind if m.kind != "place" else "place", m.text.lower())
                alt = ("country", m.text.lower()) if m.kind == "place" else None
                target = by_key.get(key) or (by_key.get(alt) if alt else None)
                if target is None and m.kind == "country":
                    target = by_key.get(("place", m.text.lower()))
                    if target is not None:
                        target.kind = "country"
                if target is None:
                    target = Entity(m.text, m.kind)
                    by_key[(m.kind, m.text.lower())] = target
                    if m.kind == "person":
                        persons.append(target)
            m.entity = target
            target.mentions.append(m)
        # one name, two types: "the town of Sarnak" ... "fired on Sarnak" (NER: organisation)
        for (kind, name), e in list(by_key.items()):
            if kind != "organization" or len(name.split()) > 1 or name in L.KNOWN_ORGS or e.name.isupper():
                continue
            other = by_key.get(("place", name)) or by_key.get(("country", name))
            if other is not None and other is not e:
                for x in e.mentions:
                    x.entity = other
                    x.kind = other.kind
                other.mentions.extend(e.mentions)
                del by_key[(kind, name)]
        # a person and a place of one name ("Aleppo" a place three times and a person once): the type of
        # most of its mentions wins, a tie going to the place
        for (kind, name), e in list(by_key.items()):
            if kind != "person" or (kind, name) not in by_key:
                continue
            other = by_key.get(("place", name)) or by_key.get(("country", name))
            if other is None or other is e:
                continue
            if len(e.mentions) > len(other.mentions):
                if other.kind == "place" and not L.CAPITALS.get(name) and name not in L.KNOWN_PLACES and (
                        name in self.person_words or any(self._titled(x.start) for x in e.mentions)):
                    for x in other.mentions:  # "President Trump" four times, "in Osaka, Japan, Trump wrote"
                        x.entity, x.kind = e, "person"
                    e.mentions.extend(other.mentions)
                    del by_key[("place", name)]
                continue
            for x in e.mentions:
                x.entity = other
                x.kind = other.kind
            other.mentions.extend(e.mentions)
            if e in persons:
                persons.remove(e)
            del by_key[(kind, name)]
        # "Gaza" after "the Gaza Strip", "Sinai" after "the Sinai Peninsula": one place
        for (kind, name), e in list(by_key.items()):
            if kind != "place" or " " in name:
                continue
            longer = [o for (k2, n2), o in by_key.items() if k2 == "place" and n2.split()[0] == name
                      and len(n2.split()) == 2 and n2.split()[1] in L.REGION_HEADS]
            if len(longer) == 1:
                other = longer[0]
                for x in e.mentions:
                    x.entity = other
                other.mentions.extend(e.mentions)
                del by_key[(kind, name)]
        # "Washington said …" (the country) … "visit Washington": once a capital stands for its
        # country in the article, its other mentions are that country too, not a second entity
        for (kind, name), e in list(by_key.items()):
            if kind != "place" or L.CAPITALS.get(name) is None:
                continue
            country = by_key.get(("country", L.CAPITALS[name].lower()))
            if country is None or country is e or not any(
                    not x.adjective and self.text[x.cstart:x.cend].lower() == name for x in country.mentions):
                continue
            if any(self.doc[x.end - 1].dep_ == "pobj" and self.doc[x.end - 1].head.lower_ in L.CITY_PREPS
                   for x in e.mentions):
                continue  # "met Xi in Beijing" as well as "accused Beijing": the city and the state
            for x in e.mentions:
                x.entity = country
            country.mentions.extend(e.mentions)
            del by_key[(kind, name)]
        used: set[str] = set()
        ents = sorted({id(e): e for e in by_key.values()}.values(),
                      key=lambda e: min(x.cstart for x in e.mentions))
        for e in ents:
            e.mentions.sort(key=lambda x: x.cstart)
            forms = []
            for x in e.mentions:
                surface = self.text[x.cstart:x.cend]
                if x.adjective or surface == e.name or surface in forms:
                    continue
                surface = re.sub(r"[’']s$", "", surface)
                if surface and surface != e.name and surface not in forms and any(c.isupper() for c in surface):
                    forms.append(surface)
            e.forms = forms
            base = slug(e.name)
            eid, n = base, 2
            while eid in used:
                eid, n = f"{base}-{n}", n + 1
            used.add(eid)
            e.id = eid
            for x in e.mentions:
                if x.inner:
                    continue
                for t in range(x.start, x.end):
                    self.mention_at[t] = x
        self.entities = ents

    def _gazetteer(self) -> None:
        """Tag the other occurrences of names found in the article (NER is not consistent)."""
        doc = self.doc
        forms: dict[str, list[tuple[tuple[str, ...], Entity]]] = {}
        for e in self.entities:
            names = {e.name, *e.forms}
            for m in e.mentions:
                if not m.adjective:
                    names.add(self.text[m.cstart:m.cend])
            if e.kind == "person" and len(e.name.split()) > 1:
                names.add(e.name.split()[-1])
            for name in names:
                toks = tuple(w.lower() for w in re.findall(r"\w+(?:[-'’.]\w+)*|[^\w\s]", name))
                if toks and name[:1].isupper():
                    forms.setdefault(toks[0], []).append((toks, e))
        for k in forms:
            forms[k].sort(key=lambda p: -len(p[0]))
        i = 0
        n = len(doc)
        while i < n:
            cands = forms.get(self.lower[i])
            if not cands or self.mention_at[i] is not None or not doc[i].text[:1].isupper() or self.junk[i]:
                i += 1
                continue
            for toks, e in cands:
                k = len(toks)
                if tuple(self.lower[i:i + k]) == toks and all(self.mention_at[j] is None for j in range(i, i + k)):
                    if e.kind == "person" and k == 1 and self.tags[i] != "NNP" and not (
                            doc[i].dep_ == "nsubj" and i in self.sent_starts) and not (
                            i + 1 < n and self.lower[i + 1] in L.SPEECH_VERBS and self.tags[i + 1].startswith("VB")):
                        continue  # a surname as a common word; but "Trump cut in." (tagged NN), '"…," May said'
                        # (tagged MD) are the person
                    m = Mention(i, i + k, doc[i].idx, doc[i + k - 1].idx + len(doc[i + k - 1].text),
                                e.name, e.kind, entity=e)
                    e.mentions.append(m)
                    for j in range(i, i + k):
                        self.mention_at[j] = m
                    i += k - 1
                    break
            i += 1

    def entities_in(self, lo: int, hi: int, kinds: tuple[str, ...] | None = None) -> list[Entity]:
        out: list[Entity] = []
        for t in range(lo, hi):
            m = self.mention_at[t]
            if m and m.entity and m.entity not in out and (kinds is None or m.entity.kind in kinds):
                out.append(m.entity)
        return out

    def resolve(self, tok: Any, *, before: int | None = None) -> Entity | None:
        """The entity a subject/object token stands for: a mention in its subtree, a pronoun, or
        'the group' style references to the last organisation."""
        own = self.mention_at[tok.i]
        if own and own.entity and not own.adjective:
            return own.entity
        low = tok.lower_
        if low in L.OWNED_BODIES:  # "Iran's mission to the United Nations said": the owner speaks
            for c in tok.children:
                m = self.mention_at[c.i] if c.dep_ == "poss" else None
                if m is not None and m.entity is not None and m.entity.kind in ("country", "organization"):
                    return m.entity
        if tok.tag_ in ("NN", "NNS"):  # "The UN refugee agency, UNHCR, says": the name in apposition
            for c in tok.children:
                m = self.mention_at[c.i] if (c.dep_ == "appos" or c.dep_ == "npadvmod" and c.i > tok.i
                                             and self.doc[c.i - 1].text == ",") and not self.in_quote[c.i] else None
                if m is not None and m.entity is not None and not m.adjective \
                        and m.entity.kind in ("organization", "person"):
                    return m.entity
        if own is not None or low in L.ACTOR_NOUNS or low in L.TITLE_WORDS or low in L.COREF_NOUNS \
                or tok.tag_ == "NNP" or any(c.dep_ == "compound" and c.i < tok.i and self.mention_at[c.i]
                                            for c in tok.children):  # "the Daily Star newspaper"
            found: list[Mention] = []
            for t in tok.subtree:
                m = self.mention_at[t.i]
                if m and m.entity and not self.in_quote[t.i] and m not in found:
                    # not the owner in "Assad's opponents", nor a clause hanging off the subject
                    if any(a.dep_ in ("relcl", "acl", "poss") and a.i != tok.i for a in self._path(t, tok)):
                        continue
                    found.append(m)
            rank = {"person": 0, "organization": 1, "country": 2, "place": 3}
            found.sort(key=lambda m: (m.adjective, rank[m.entity.kind], m.start))  # type: ignore[union-attr]
            if found and not (low in L.COREF_NOUNS and found[0].adjective and any(
                    c.lower_ in ("the", "its", "this") for c in tok.children) and False):
                return found[0].entity

        pos = before if before is not None else tok.idx
        state_sources = low == "sources" and any(c.lower_ in L.STATE_SOURCE_WORDS and c.dep_ in ("amod", "compound")
                                                 for c in tok.children)  # "security sources said"
        if low in L.STATE_BODIES:
            for c in tok.children:
                m = self.mention_at[c.i] if c.dep_ == "poss" else None
                if m is not None and m.entity is not None and m.entity.kind == "country":
                    return m.entity  # "Myanmar's army says"
                if c.dep_ == "prep" and c.lower_ == "of" and low in ("official", "officials", "spokesman"):
                    for g in c.children:
                        if g.dep_ == "pobj":
                            e = self.resolve(g, before=before)
                            if e is not None and e.kind in ("organization", "country"):
                                return e  # "an official of the group said"
        local = any(c.lower_ in L.LOCAL_WORDS for c in tok.children)
        if low in L.LOCAL_OFFICES or low in L.STATE_BODIES and local:
            for c in tok.children:  # "the governor of Hatay province told reporters"
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        e = self._phrase_entity(g, ("place",))
                        if e is not None:
                            return e
            if local and low in L.LOCAL_OFFICES:  # "the regional governor said": the region named just before
                si = self.sent_of[tok.i]
                lo = self.sents[max(0, si - 1)].start
                places = [self.mention_at[t].entity for t in range(lo, tok.i)
                          if self.mention_at[t] is not None and self.mention_at[t].entity is not None
                          and self.mention_at[t].entity.kind == "place" and not self.in_quote[t]]
                if places:
                    return places[-1]
        if (low in L.STATE_BODIES or state_sources) and not any(c.lower_ in ("local", "provincial", "regional",
                                                                             "opposition", "rebel",
                                                           "foreign", "western", "international", "some")
                                             for c in tok.children):
            for e in self._before(pos):
                words = e.name.lower().split()
                if e.kind == "organization" and (words[-1] == low.rstrip("s") or words[0] == low.rstrip("s")
                                                 and len(words) > 2 and words[1] == "of"):
                    return e  # "the ministry" after "the Interior Ministry"; not "the army" for "Army Public School"
            return self.home_country(pos, self.sent_of[tok.i])
        if low in L.PRONOUNS_PERSON:
            return self._pronoun_person(pos) or self.last_entity(pos, ("person",))
        if low in ("it", "they") and tok.dep_ in ("nsubj", "nsubjpass"):
            prev = self._previous_subject(tok)  # "The CCSD said ... It said more than 500 were wounded"
            if prev is not None:
                return prev
            if low == "it":
                return self.last_entity(pos, ("organization",))
        if low in L.COREF_NOUNS and any(c.lower_ in ("the", "its", "this") for c in tok.children) and not any(
                t.lower_ in ("national", "federal", "state", "provincial", "regional", "local", "municipal")
                for t in tok.subtree if t.i < tok.i):
            # "the centre" looks back; "the national crisis centre" is a body of its own
            cands = [e for e in self._before(pos) if e.kind == "organization"]
            for e in cands:
                if low in e.name.lower():
                    return e
            if low not in L.OUTLET_NOUNS:
                cands = [e for e in cands if not self._outlet(e)]  # "its Al-Manar television channel … the group"
            if low not in L.LOOSE_COREF_NOUNS:
                return None  # "the council wrote" names no council seen so far: not the last organisation
            return cands[0] if cands else None
        if low in ("statement", "communique", "communiqué") and any(c.lower_ == "the" for c in tok.children):
            si = self.sent_of[tok.i]  # "the statement said": who made the statement named just before
            for sj in range(si - 1, max(-1, si - 4), -1):
                sent = self.sents[sj]
                if not any(self.lower[t] in ("statement", "communique", "communiqué") and not self.in_quote[t]
                           for t in range(sent.start, sent.end)):
                    continue
                for c in sent.root.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("statement", "communique"):
                        e = self.resolve(c, before=c.idx)
                        if e is not None and e.kind != "place":
                            return e
                break
        if low in L.ROLE_NOUNS and any(c.lower_ in ("the", "his", "her", "its", "their") for c in tok.children):
            # "the president said" after "President François Hollande"; else the person last named as a
            # subject nearby ("In Washington, Barack Obama said … the president said on Saturday")
            return self._titled_person(low, pos) or self._pronoun_person(pos)
        return None

    def _titled_person(self, title: str, pos: int) -> Entity | None:
        """The person last named before ``pos`` with ``title`` next to a mention of them ("President X",
        "X, the prosecutor"): who "the president" or "the prosecutor" is."""
        low = self.lower
        for e in self._before(pos):
            if e.kind != "person":
                continue
            for m in e.mentions:
                near = low[max(0, m.start - 4):m.start]
                if m.end < len(low) and low[m.end] == ",":
                    near = near + low[m.end + 1:m.end + 5]
                if title in near:
                    return e
        return None

    def _pronoun_person(self, pos: int) -> Entity | None:
        """"he"/"she": the person last named as a subject (who said or did something) in this
        sentence or the two before, not one merely met or named in an object ("Parly met
        President Bah Ndaw ... she said")."""
        tok = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        si = self.sent_of[tok.start] if tok is not None and len(tok) else len(self.sents) - 1
        lo = self.sents[max(0, si - 2)].start_char
        best: Mention | None = None
        best_key: tuple[bool, int] = (False, -1)
        for e in self.entities:
            if e.kind != "person":
                continue
            for m in e.mentions:
                if not lo <= m.cstart < pos or self.in_quote[m.start]:
                    continue
                root = self.doc[m.end - 1]
                while (root.dep_ in ("compound", "flat") and m.start <= root.head.i < m.end
                       or root.dep_ == "appos") and root.head.i != root.i:
                    root = root.head  # not "the Biden administration": Biden modifies the subject
                subject = root.dep_ in ("nsubj", "nsubjpass") or root.dep_ == "ROOT" and root.tag_ == "NNP" \
                    and m.start == self.sents[self.sent_of[m.start]].start  # "X, the head of Y, called ..." misparsed
                # a main clause's subject or a speaker outranks one in a clause hanging off it ("Mattis said
                # Washington would act again if Assad used gas. … he told reporters")
                key = (root.dep_ == "ROOT" or root.head.dep_ == "ROOT" or root.head.lower_ in L.SPEECH_VERBS,
                       m.cstart)
                if subject and key > best_key:
                    best, best_key = m, key
        return best.entity if best is not None else None

    @staticmethod
    def _path(t: Any, top: Any) -> list[Any]:
        out = []
        while t.i != top.i and t.head.i != t.i:
            out.append(t)
            t = t.head
        return out

    def _before(self, pos: int) -> list[Entity]:
        out: list[tuple[int, Entity]] = []
        for e in self.entities:
            last = max((m.cstart for m in e.mentions if m.cstart < pos and not self.in_quote[m.start]),
                       default=-1)
            if last >= 0:
                out.append((last, e))
        out.sort(key=lambda p: -p[0])
        return [e for _, e in out]

    def home_country(self, pos: int, sent: int | None = None) -> Entity | None:
        """The country an unnamed state body ("the army", "police", "officials") belongs to: the
        country mentioned most often (as a name, a demonym or through its places) before ``pos``."""
        if sent is not None:
            para = self._paragraph_of()
            for si in (sent, sent - 1):  # this sentence, else the one before it in the paragraph
                if si < 0 or para[si] != para[sent]:
                    continue
                sp = self.sents[si]
                near = self.entities_in(sp.start, sp.end, ("country",))
                if near:
                    return near[0]
        score: dict[int, tuple[int, int, Entity]] = {}
        for e in self.entities:
            if e.kind != "country":
                continue
            ms = [m for m in e.mentions if m.cstart < pos]
            if ms:
                score[id(e)] = (len(ms), -min(m.cstart for m in ms), e)
        if score:
            return max(score.values(), key=lambda x: (x[0], x[1]))[2]
        # nothing named yet: the country of the dateline ("PESHAWAR, Pakistan (AP) —"), if the text names it
        return next((e for e in self.entities if e.kind == "country" and e.name in self.dateline_countries), None)

    def _previous_subject(self, tok: Any) -> Entity | None:
        """The organisation or country that is the subject of the sentence before ``tok``'s, when
        ``tok`` ("it", "they") opens its own sentence: "Police released figures. They said ..."."""
        si = self.sent_of[tok.i]
        if si == 0 or tok.i - self.sents[si].start > 2:
            return None
        prev = self.sents[si - 1]
        root = prev.root
        for c in root.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it", "they"):
                if c.lower_ in ("officials", "authorities"):  # "Officials in the Grand'Anse department … They said"
                    for g in c.children:
                        e = self._phrase_entity(g, ("place",)) if g.dep_ == "prep" and g.lower_ == "in" else None
                        if e is not None:
                            return e
                e = self.resolve(c, before=c.idx)
                if e is not None and (e.kind in ("organization", "country")
                                      or e.kind == "place" and c.lower_ in L.STATE_BODIES):
                    return e  # "Officials in the Grand'Anse department … They said"
        return None

    def last_entity(self, pos: int, kinds: tuple[str, ...]) -> Entity | None:
        for e in self._before(pos):
            if e.kind in kinds:
                return e
        return None

    # ------------------------------------------------------------------ events

    def find_events(self) -> None:
        doc, low = self.doc, self.lower
        found: list[tuple[str, int, int, str | None]] = []  # kind, token start, token end, name
        named_tokens: set[int] = set()
        for ent in doc.ents:
            if ent.label_ != "EVENT":
                continue
            words = [t.lower_ for t in ent]
            kind = next((L.EVENT_TRIGGERS[w] for w in reversed(words) if w in L.EVENT_TRIGGERS), None)
            if kind:
                name = re.sub(r"^(?:the|a) ", "", ent.text, flags=re.I)
                found.append((kind, ent.start, ent.end, name))
                named_tokens.update(range(ent.start, ent.end))
        n = len(doc)
        i = 0
        while i < n:
            if i in named_tokens or self.in_quote[i]:
                i += 1
                continue
            w = low[i]
            kind = None
            span_end = i + 1
            if i + 1 < n and (w, low[i + 1]) in L.EVENT_BIGRAMS:
                kind = L.EVENT_BIGRAMS[(w, low[i + 1])]
                span_end = i + 2
            elif w in L.EVENT_TRIGGERS:
                kind = L.EVENT_TRIGGERS[w]
                tok = doc[i]
                tag = self.tags[i]
                prev = low[i - 1] if i else ""
                if prev in L.TRIGGER_BLOCKERS.get(w, ()):
                    kind = None
                elif w in L.NOUN_ONLY and not tag.startswith("NN"):
                    kind = None
                elif tag == "NNP" and w in ("march", "may"):
                    kind = None
                elif tok.dep_ == "compound" and tok.head.lower_ not in L.EVENT_TRIGGERS and kind != "offensive":
                    kind = None  # "war monitoring group", "election commission"
                elif tag.startswith("VB") and w in L.VERB_TRIGGERS_NEED_SUBJECT and not any(
                        c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and tok.dep_ not in ("xcomp", "conj"):
                    kind = None
                elif self.ent_label[i] in ("ORG", "DATE", "PERSON"):
                    kind = None
                elif w in ("attacked", "attacking", "marched", "protested", "met", "visited") and False:
                    kind = None
            if kind == "meeting" and w in ("summit", "summits") and any(
                    self.ent_label[t] == "ORG" or re.fullmatch(r"[A-Z]+\d*", doc[t].text)
                    for t in range(max(0, i - 5), i) if doc[t].head.i == i or doc[t].head.head.i == i):
                kind = "conference"  # "the G20 summit", "a NATO summit": many members, not a meeting of two
            if kind == "projectile":
                tok = doc[i]
                verb = tok.head if tok.dep_ in ("nsubj", "dobj", "nsubjpass") else None
                kind = "attack" if self.tags[i].startswith("NN") and verb is not None \
                    and verb.lower_ in L.PROJECTILE_VERBS else None
            elif kind == "protesters":
                kind = "protest" if self.tags[i].startswith("NN") else None
            if kind:
                found.append((kind, i, span_end, None))
                i = span_end
                continue
            i += 1
        kinds = {k for k, *_ in found}
        for kind, s, e, name in found:
            if kind == "protest" and low[s] in ("protesters", "demonstrators", "marchers") and \
                    not any(k == "protest" and low[s2] not in ("protesters", "demonstrators", "marchers")
                            for k, s2, *_ in found) and self.sent_of[s] > 1:
                pass  # protesters first named late in the text still make a protest
            if kind == "attack" and low[s] in L.SOFT_ATTACK_WORDS and kinds & {"protest", "election"}:
                continue  # clashes at a protest or between voters' camps are part of that event
            self._add_event_mention(kind, s, e, name)
        self._fold_events()
        self._part_of()

    def _fold_events(self) -> None:
        """Talks with no place of their own are the talks of the article's meeting or conference;
        historical wars named in passing ("the Cold War") are background, not events of the article."""
        hosts = [e for e in self.events if e.kind in ("meeting", "conference")]
        keep: list[Event] = []
        for ev in self.events:
            if ev.kind == "war" and ev.named and ev.label.lower() in L.HISTORICAL_WARS:
                continue
            if ev.kind == "talks" and not ev.places and not ev.named and hosts:
                host = hosts[0]
                host.sents += ev.sents
                host.tokens += ev.tokens
                host.actors += [a for a in ev.actors if a not in host.actors and a not in host.places]
                host.date = host.date or ev.date
                continue
            keep.append(ev)
        self.events = keep

    def _part_of(self) -> None:
        """An offensive or strike within a war; floods within the cyclone that brought them."""
        wars = [e for e in self.events if e.kind == "war"]
        disasters = [e for e in self.events if e.kind == "disaster"]
        parent_disaster = next((e for e in disasters
                                if self.lower[self.doc.char_span(*e.trigger, alignment_mode="expand").start]
                                in L.PARENT_DISASTERS), None) if disasters else None
        for ev in self.events:
            if ev.kind in ("offensive", "airstrike", "attack") and len(wars) == 1:
                ev.part_of = wars[0]
            elif ev.kind == "disaster" and parent_disaster is not None and ev is not parent_disaster:
                ev.part_of = parent_disaster

    def _add_event_mention(self, kind: str, s: int, e: int, name: str | None) -> None:
        doc = self.doc
        tok = doc[e - 1]
        si = self.sent_of[s]
        sent = self.sents[si]
        places = self._event_places(tok, sent, kind)
        date = self._event_date(tok, sent, kind)
        actors = self._event_actors(tok, sent, kind)
        # merge with an earlier event of the same kind unless places or dates disagree
        target = None
        one_per_article = kind in ("disaster", "protest", "election")  # their mentions are one event's parts
        for ev in self.events:
            if ev.kind != kind or ev.named != bool(name) and not (one_per_article and not name):
                continue
            if name and ev.label != name:
                continue
            if places and ev.places and not set(map(id, places)) & set(map(id, ev.places)) \
                    and not one_per_article:
                continue
            if date and ev.date and date != ev.date:
                continue
            if kind == "disaster" and not name:
                sort = L.DISASTER_SORT.get(self.lower[e - 1])
                ev_sort = L.DISASTER_SORT.get(self.text[ev.trigger[0]:ev.trigger[1]].lower().split()[-1])
                if sort and ev_sort and sort != ev_sort:
                    continue
            target = ev
            break
        if target is None:
            label = name or self._label(kind, doc[s:e].text, places)
            target = Event(kind, label, (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)), named=bool(name))
            self.events.append(target)
        target.sents.append(si)
        target.tokens.append(e - 1)
        for p in places:
            if p not in target.places:
                target.places.append(p)
        for a in actors:
            if a not in target.actors and a not in target.places:
                target.actors.append(a)
        if date and not target.date:
            target.date = date
            if not target.named and not places and target.places:
                pass

    def _label(self, kind: str, trigger: str, places: list[Entity]) -> str:
        word = trigger.strip()
        word = word[0].upper() + word[1:]
        if kind in ("visit",) or word.lower().endswith(("ed", "ing")) and kind != "meeting":
            word = {"visit": "Visit", "attack": "Attack", "protest": "Protest", "meeting": "Meeting",
                    "offensive": "Offensive"}.get(kind, word)
        if word.lower() in ("met", "meet", "meets"):
            word = "Meeting"
        if places:
            prep = "to" if kind == "visit" else "in"
            return f"{word} {prep} {places[0].name}"
        return word

    def _event_places(self, tok: Any, sent: Any, kind: str) -> list[Entity]:
        places: list[Entity] = []
        kinds = ("place", "country")

        def add(t: Any) -> None:
            m = self.mention_at[t.i]
            if m and m.entity and m.entity.kind in kinds and not m.adjective and m.entity not in places:
                places.append(m.entity)

        for c in tok.children:
            if c.dep_ in ("compound", "poss", "nmod", "amod") and c.i < tok.i:
                for t in c.subtree:
                    add(t)
            if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "across", "on", "outside", "to", "inside", "into"):
                if c.lower_ == "on" and kind in ("talks", "meeting", "conference"):
                    continue
                if c.lower_ == "to" and kind != "visit":
                    continue
                for g in c.children:
                    if g.dep_ == "pobj":
                        for t in g.subtree:
                            add(t)
        if not places and kind == "visit":
            head = tok.head if tok.dep_ != "ROOT" else tok
            for c in list(head.children) + list(tok.children):
                if c.dep_ == "prep" and c.lower_ in ("to", "in"):
                    for t in c.subtree:
                        add(t)
                if c.dep_ == "dobj" and tok.lower_ in ("visited", "visit", "visits", "visiting"):
                    for t in c.subtree:
                        add(t)
        if not places:
            # nearest place in the same sentence that follows "in"/"at"/"near"
            best: tuple[int, Entity] | None = None
            for t in range(sent.start, sent.end):
                m = self.mention_at[t]
                if not m or not m.entity or m.entity.kind not in kinds or m.adjective or self.in_quote[t]:
                    continue
                head = self.doc[t]
                while head.dep_ in ("compound", "amod", "flat") and head.head.i != head.i:
                    head = head.head
                if (head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "near", "across", "outside")
                        or head.dep_ == "poss") and self._in_clause(head, self._clause(tok)):
                    dist = abs(t - tok.i)
                    if best is None or dist < best[0]:
                        best = (dist, m.entity)
            if best:
                places.append(best[1])
        return places

    def _clause(self, tok: Any) -> Any:
        """The verb governing a trigger (or the trigger itself): its subtree is the clause."""
        t = tok
        for _ in range(5):
            if t.tag_.startswith("VB") or t.head.i == t.i:
                return t
            t = t.head
        return t

    def _in_clause(self, x: Any, clause: Any) -> bool:
        if not (clause.left_edge.i <= x.i <= clause.right_edge.i):
            return False
        return not any(a.dep_ == "relcl" for a in self._path(x, clause))

    def _event_date(self, tok: Any, sent: Any, kind: str) -> dict[str, str] | None:
        clause = self._clause(tok)
        future = any(self.lower[t] in ("will", "'ll", "next", "later", "planned", "scheduled")
                     for t in range(sent.start, sent.end))
        cands = []
        for ent in sent.ents:
            if ent.label_ not in ("DATE", "TIME") or not self._in_clause(ent.root, clause):
                continue
            r = resolve_date(ent.text, self.published, future=future)
            if r:
                cands.append((abs(ent.start - tok.i), ent.start, ent, r))
        if not cands:
            return None
        cands.sort(key=lambda c: (c[0], c[1]))
        ent, r = cands[0][2], cands[0][3]
        prev = self.lower[ent.start - 1] if ent.start else ""
        around = {self.lower[t] for t in range(sent.start, sent.end)}
        if "date" in r and (prev in ("since", "from") or around & {"began", "begun", "start", "started", "starting"}):
            return {"begin": r["date"]}
        return r

    def _event_actors(self, tok: Any, sent: Any, kind: str) -> list[Entity]:
        actors: list[Entity] = []
        kinds = ("person", "organization", "country")

        def add_subtree(t: Any) -> None:
            for x in t.subtree:
                m = self.mention_at[x.i]
                if m and m.entity and m.entity.kind in kinds and m.entity not in actors and not self.in_quote[x.i]:
                    actors.append(m.entity)

        for c in tok.children:
            if c.dep_ in ("amod", "poss", "compound", "nsubj", "agent") or (
                    c.dep_ == "prep" and c.lower_ in ("by", "between", "with", "from")):
                add_subtree(c)
        verb = tok if tok.tag_.startswith("VB") else None
        head = tok
        for _ in range(3):
            if verb is not None:
                break
            if head.dep_ in ("dobj", "pobj", "prep", "xcomp", "advcl", "attr", "nsubj", "nsubjpass") \
                    and head.head.i != head.i:
                head = head.head
                if head.tag_.startswith("VB"):
                    verb = head
            else:
                break
        if verb is not None and kind in L.DIPLOMATIC_KINDS | {"election"}:
            v = verb
            while not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children) \
                    and v.dep_ in ("xcomp", "conj", "advcl") and v.head.i != v.i:
                v = v.head
            for c in v.children:
                if c.dep_ in ("nsubj",):
                    add_subtree(c)
                    if not any(a for a in actors) and c.lower_ in L.PRONOUNS_PERSON:
                        e = self.last_entity(c.idx, ("person",))
                        if e:
                            actors.append(e)
        if kind in L.MILITARY_KINDS:
            # armed actors in sentences about the same event (trigger sentence)
            for t in range(sent.start, sent.end):
                m = self.mention_at[t]
                if not m or not m.entity or m.entity.kind not in kinds or m.entity in actors or self.in_quote[t]:
                    continue
                if m.adjective and self._military(self.doc[t]) or self._military(self.doc[t]):
                    actors.append(m.entity)
        return actors

    def _military(self, tok: Any) -> bool:
        seen = 0
        while seen < 4:
            if tok.lower_ in L.MILITARY_NOUNS:
                return True
            if tok.dep_ in ("conj", "amod", "compound", "nmod", "poss", "appos", "flat") and tok.head.i != tok.i:
                tok = tok.head
                seen += 1
                if tok.dep_ == "conj" and tok.lower_ not in L.MILITARY_NOUNS and tok.head.lower_ in L.MILITARY_NOUNS:
                    return True
            else:
                return False
        return False

    def armed_actors_near(self) -> None:
        """Attach armed actors mentioned with an event's place to military events ("forces ...
        gaining on Aleppo")."""
        for ev in self.events:
            if ev.kind not in L.MILITARY_KINDS or not ev.places:
                continue
            place_ids = {id(p) for p in ev.places if p.kind == "place"}
            if not place_ids:
                continue
            for si, sent in enumerate(self.sents):
                if si in ev.sents:
                    continue
                ents = self.entities_in(sent.start, sent.end, ("place",))
                if not any(id(e) in place_ids for e in ents):
                    continue
                for t in range(sent.start, sent.end):
                    m = self.mention_at[t]
                    if m and m.entity and m.entity.kind in ("organization", "country", "person") \
                            and not self.in_quote[t] and m.entity not in ev.actors and self._military(self.doc[t]):
                        ev.actors.append(m.entity)

    # ------------------------------------------------------------------ counts

    def find_counts(self) -> None:
        doc, _low = self.doc, self.lower
        n = len(doc)
        i = 0
        raw: list[dict[str, Any]] = []
        while i < n:
            tok = doc[i]
            if self.in_quote[i] and not self._embedded_quote(i) or self.junk[i] \
                    or self.ent_label[i] in _SKIP_NUM_LABELS and not self._count_object(i) \
                    or not self._numberish(i):
                i += 1
                continue
            j = i
            while j + 1 < n:
                if self._numberish(j + 1) and self.ent_label[j + 1] not in _SKIP_NUM_LABELS:
                    j += 1
                elif j + 2 < n and doc[j + 1].text == "-" and not doc[j].whitespace_ and not doc[j + 1].whitespace_ \
                        and self.lower[j] in L.NUMBER_WORDS and self.lower[j + 2] in L.NUMBER_WORDS:
                    j += 2  # "Twenty-two"
                else:
                    break
            value = self._number_value(i, j + 1)
            is_year = j == i and tok.text.isdigit() and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2100
            age = i >= 2 and (self.lower[i - 1] == "aged" or self.lower[i - 2:i] == ["age", "of"]
                              or self.lower[i - 1] == "age")  # "children under the age of 16"
            age = age or i >= 2 and j == i and doc[i - 1].text == "," and self.mention_at[i - 2] is not None \
                and self.mention_at[i - 2].kind == "person" and j + 1 < n and doc[j + 1].text in (",", ".")
            # ... and "Sevinj Mammadova, 52, who lives nearby"
            compound = j + 2 < n and doc[j + 1].text == "-" and not doc[j].whitespace_ \
                and self.lower[j + 2] not in L.NUMBER_WORDS and self.lower[j + 2].isalpha()  # "24-storey block"
            if compound or j + 1 < n and self.lower[j + 1] in ("p.m.", "a.m.", "pm", "am", "gmt", "o'clock", "p.m",
                                                                "a.m"):
                i = j + 1  # "between 7 p.m. and 11 p.m."
                continue
            one_of = value == 1 and j + 1 < n and self.lower[j + 1] == "of"  # "one of them"
            one_of = one_of or j + 2 < n and self.lower[j + 1] == "in" and self._numberish(j + 2)  # "one in seven"
            one_of = one_of or i >= 2 and self.lower[i - 1] == "in" and self._numberish(i - 2)
            one_of = one_of or j + 1 < n and self.lower[j + 1] == "of" and any(  # "in 39 of Nepal's 75 districts"
                self.lower[k] in L.AREA_NOUNS for k in range(j + 2, min(n, j + 7)))
            if value is None or is_year or age or one_of:
                i = j + 1
                continue
            item = self._count_at(i, j + 1, value, raw)
            if item:
                raw.append(item)
            i = j + 1
        self._finish_counts(raw)
        self._paragraph_reporters()

    def _paragraph_of(self) -> list[int]:
        """Paragraph number of every sentence (a line break between two sentences starts a new one)."""
        if self._paragraphs is not None:
            return self._paragraphs
        out, p, prev_end = [], 0, None
        for sp in self.sents:
            words = [t for t in sp if not t.is_space]
            if not words:
                out.append(p)
                continue
            if prev_end is not None and "\n" in self.text[prev_end:words[0].idx]:
                p += 1
            out.append(p)
            prev_end = words[-1].idx + len(words[-1].text)
        self._paragraphs = out
        return out

    def _attribution(self, si: int) -> Entity | None:
        """The reporter a sentence with no count of its own names ("…, the ministry said."), if it quotes
        no one: a quote's speaker does not report figures given outside the quote."""
        sp = self.sents[si]
        if any(self.in_quote[k] for k in range(sp.start, sp.end)):
            return None
        return self._reporter(-1, sp)

    def _figure_subject(self, si: int) -> bool:
        """The sentence's subject is the figures just given ("The figures were released by the ministry")."""
        root = self.sents[si].root
        return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("figure", "figures", "toll", "tally", "numbers")
                   for c in root.children)

    def _about_figure(self, si: int) -> bool:
        """A sentence about the figure itself ("The toll was given by …", "The ministry gave the figure")."""
        sp = self.sents[si]
        return any(self.lower[k] in ("toll", "figure", "figures", "tally") and not self.in_quote[k]
                   for k in range(sp.start, sp.end))

    def _agent_reporter(self, si: int) -> Entity | None:
        """The agent of a passive reporting verb: "the figure was confirmed/given/released by X"."""
        sp = self.sents[si]
        for k in range(sp.start, sp.end):
            if self.in_quote[k] or not self.tags[k].startswith("VB"):
                continue
            if self.lower[k] in L.REPORT_VERBS or self.lower[k] in ("given", "released", "provided", "published",
                                                                    "compiled", "issued"):
                # the agent, also when the parser hangs "by X" on a noun ("given at a briefing by X")
                agents = [a for a in self.doc[k].subtree if a.dep_ == "agent" or a.lower_ == "by" and a.dep_ == "prep"]
                for a in agents:
                    for c in a.children:
                        if c.dep_ == "pobj":
                            ent = self.resolve(c) or self._phrase_entity(c) or self._noun_reporter(c)
                            if ent:
                                return ent
        return None

    def _paragraph_reporters(self) -> None:
        """A count with no reporter in its own sentence takes the reporter of a paragraph opened by
        "According to X," or of the next sentence when that one is about the figure and gives none of
        its own ("The toll was given by the health ministry."); never across a paragraph break. Taking
        any attribution of the sentence just before or after was tried and lowered source F1
        (docs/extraction.md, round 6)."""
        if not any(c["reporter"] is None for c in self.counts):
            return
        para = self._paragraph_of()
        count_sents = {c["sent"] for c in self.counts}
        first_of: dict[int, int] = {}
        for si, p in enumerate(para):
            first_of.setdefault(p, si)
        cache: dict[int, Entity | None] = {}

        def attrib(si: int) -> Entity | None:
            if si not in cache:
                cache[si] = self._attribution(si)
            return cache[si]

        for c in self.counts:
            if c["reporter"] is not None:
                continue
            si, p = c["sent"], para[c["sent"]]
            fs = first_of[p]
            ent = None
            if fs != si and self.lower[self.sents[fs].start] == "according":
                ent = attrib(fs)
            for o in (si + 1,):  # "The figure was confirmed by the health ministry."
                opens = 0 <= o < len(self.sents) and para[o] == p + 1 and first_of[p + 1] == o \
                    and self.lower[self.sents[o].start] in ("those", "these", "the") and self._figure_subject(o)
                if ent is None and 0 <= o < len(self.sents) and (para[o] == p or opens) and self._about_figure(o) \
                        and (o not in count_sents or self._figure_subject(o)):
                    ent = self._agent_reporter(o) if self._figure_subject(o) else None
                    ent = ent or attrib(o) or self._agent_reporter(o)
            if ent is not None:
                c["reporter"] = ent

    def _embedded_quote(self, i: int) -> bool:
        """Token ``i`` is inside a short quote embedded in a reported sentence ('said the landslide had
        "buried more than 2,000 people alive"'): its figures are the reporter's, so they count."""
        sent = self.sents[self.sent_of[i]]
        start = i
        while start > sent.start and self.in_quote[start - 1]:
            start -= 1
        if start == sent.start or start - sent.start < 3:
            return False  # a quote that opens the sentence is the speaker's own words
        return any(self.lower[k] in L.REPORT_VERBS and not self.in_quote[k] and self.tags[k].startswith("VB")
                   for k in range(sent.start, start))

    def _count_object(self, i: int) -> bool:
        """A bare number NER took for a date that is the object or subject of a count verb
        ("killing eight people and wounding 54")."""
        tok = self.doc[i]
        if not tok.text.isdigit() or 1900 <= int(tok.text) <= 2100 or self.ent_label[i] != "DATE":
            return False
        if (i > 0 and self.ent_label[i - 1] == "DATE") or (i + 1 < len(self.doc) and self.ent_label[i + 1] == "DATE"):
            return False
        if tok.dep_ in ("dobj", "nsubj", "nsubjpass") and tok.head.lower_ in L.COUNT_TYPE_WORDS:
            return True
        # "the death toll stands at 93", "raised the toll to 41"
        if tok.dep_ == "pobj" and tok.head.lower_ in ("at", "to") and tok.head.head.i != tok.head.i:
            verb = tok.head.head
            return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lower_ in ("toll", "figure", "tally", "number")
                       for c in verb.children)
        return False

    def _numberish(self, i: int) -> bool:
        w = self.lower[i]
        if w in L.VAGUE_NUMBERS:
            return False
        if w == "a" and i + 1 < len(self.lower) and self.lower[i + 1] in ("million", "thousand", "hundred") \
                and i + 2 < len(self.lower) and self.lower[i + 2] not in ("times",):
            return True
        if w in L.NUMBER_WORDS or w in L.MULTIPLIERS and i > 0 and (
                self._numberish_core(i - 1) or self.lower[i - 1] == "a"):
            return True
        return self._numberish_core(i)

    def _numberish_core(self, i: int) -> bool:
        w = self.lower[i]
        return bool(re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", w)) or w in L.NUMBER_WORDS

    def _number_value(self, s: int, e: int) -> int | None:
        total = 0.0
        cur = 0.0
        seen = False
        for k in range(s, e):
            w = self.lower[k].replace(",", "")
            if re.fullmatch(r"\d+(?:\.\d+)?", w):
                cur += float(w)
                seen = True
            elif w == "a" and k + 1 < e and self.lower[k + 1] in L.MULTIPLIERS:
                cur, seen = 1.0, True
            elif w in L.NUMBER_WORDS:
                if w == "dozen" and not seen:
                    prev = self.lower[s - 1] if s else ""
                    if prev != "a":
                        return None
                    cur = 12
                else:
                    cur = cur * 12 if w == "dozen" else cur + L.NUMBER_WORDS[w]
                seen = True
            elif w in L.MULTIPLIERS and seen:
                mult = L.MULTIPLIERS[w]
                if mult >= 1000:
                    total += (cur or 1) * mult
                    cur = 0
                else:
                    cur = (cur or 1) * mult
        if not seen:
            return None
        value = round(total + cur, 6)
        if value != int(value) or value < 0:
            return None
        return int(value)

    def _hedge(self, s: int) -> tuple[str | None, int]:
        for h in L.HEDGES:
            k = len(h)
            if s - k >= 0 and tuple(self.lower[s - k:s]) == h:
                return " ".join(self.doc[s - k:s].text.split()).lower(), s - k
        return None, s

    def _count_at(self, s: int, e: int, value: int,
                  earlier: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
        doc, low = self.doc, self.lower
        last = doc[e - 1]
        sent = self.sents[self.sent_of[s]]
        hedge, hstart = self._hedge(s)
        if hedge in L.NON_HEDGES:
            hedge = None
        # a range "between 10 and 20" / "10 to 20" is handled as its upper part by skipping the lower
        if e < len(doc) and low[e] in ("to", "and") and e + 1 < len(doc) and self._numberish(e + 1):
            return None
        noun = last.head if last.dep_ in ("nummod", "quantmod") else last
        if noun.i < last.i:
            noun = last
        ctype: str | None = None
        group: str | None = None
        # 0. a clause right after the figure that says what befell them, before any word of another figure's
        after = " ".join(low[e:min(sent.end, e + 9)])
        if _DISPLACED_AFTER.match(after):
            ctype = "displaced"  # "about 600,000 forced from their homes", "3,000 people had lost their homes"
        elif _CAPTIVE_AFTER.match(after):
            ctype, group = "other", "people taken hostage"  # "About 250 people were taken captive"
        elif noun.dep_ == "dobj" and noun.i >= e and (noun.head.lower_ in L.RELEASE_VERBS
                                                      or noun.head.lower_ in L.RESCUE_VERBS):
            ctype, group = "other", f"{noun.text} {noun.head.lower_}"  # "a raid to free four captives"
        # 1. the word right after the number ("33 dead", "41 wounded", "19 injured people")
        for k in range(e, min(e + 2, sent.end) if ctype is None else e):
            w = low[k]
            if w in L.COUNT_TYPE_WORDS and w not in ("held", "put", "toll", "shelter", "gathered", "homes"):
                if L.COUNT_TYPE_WORDS[w] == "participants":
                    break
                ctype = L.COUNT_TYPE_WORDS[w]
                if w in ("patients", "casualties") and _DIED_AFTER.match(" ".join(low[k + 1:min(sent.end, k + 9)])):
                    ctype = "killed"  # "at least 14 patients and staff had died", "460 patients … were shot dead"
                break
            if w in L.OTHER_COUNT_NOUNS:
                ctype = "other"
                break
            if not (doc[k].tag_.startswith("JJ") or doc[k].tag_ in ("NN",)):
                break
        # 2. the governing verb
        if ctype is None:
            h = noun
            for _ in range(4):
                w = h.lower_
                if h.i != noun.i and self._to_death(h):
                    ctype = "killed"  # "were hacked or shot to death", "was beaten to death"
                    break
                if h.i != noun.i and w == "buried" and any(
                        c.lower_ in ("feared", "still", "may", "might", "trapped")
                        or c.dep_ == "prep" and c.lower_ in ("under", "beneath", "in") and any(
                            g.lower_ in ("rubble", "debris", "ruins", "mud", "snow", "wreckage") for g in c.children)
                        for c in h.children):
                    ctype = "missing"  # "some 900 students were feared buried", "buried under debris"
                    break
                if h.i != noun.i and w in L.COUNT_TYPE_WORDS and w not in ("shelter", "gathered", "toll"):
                    ctype = L.COUNT_TYPE_WORDS[w]
                    break
                for c in h.children:
                    if c.dep_ in ("acomp", "oprd", "xcomp", "attr") and c.lower_ in L.COUNT_TYPE_WORDS \
                            and c.i != noun.i:
                        ctype = "missing" if c.lower_ == "buried" and h.lower_ in ("feared", "believed") \
                            else L.COUNT_TYPE_WORDS[c.lower_]  # "feared buried": not yet found
                        break
                    if h.lower_ in ("take", "takes", "took", "taken", "taking") and c.dep_ == "dobj" \
                            and c.lower_ == "part":
                        ctype = "participants"  # "more than 2 million people had taken part"
                        break
                    if c.dep_ in ("nsubj", "nsubjpass", "dobj") and h.tag_.startswith("VB") and c.i < noun.i:
                        ctype = self._toll_type(c)  # "the death toll rose to 96", "the number of injured rose to 31"
                        if ctype:
                            break
                    if h.lower_ in L.TO_HOSPITAL_VERBS and c.dep_ == "prep" and c.lower_ == "to" and any(
                            g.lower_ in ("hospital", "hospitals") for g in c.children):
                        ctype = "injured"  # "59 people had been taken to hospital"
                        break
                    if h.lower_ in ("remained", "remain", "remain", "were", "are", "stayed", "lay") \
                            and c.dep_ == "prep" and c.lower_ == "in" \
                            and any(g.lower_ in ("hospital", "hospitals") for g in c.children):
                        ctype = "injured"  # "107 people remained in hospital"
                        break
                    if h.lower_ in ("lost", "lose", "losing") and c.dep_ == "dobj" and c.lower_ == "contact":
                        ctype = "missing"  # "it had lost contact with about 200 of its volunteers"
                        break
                    if h.lower_ in ("taken", "held", "remain", "remained", "placed") and c.dep_ == "prep" \
                            and c.lower_ in ("into", "in") and any(g.lower_ == "custody" for g in c.children):
                        ctype = "arrested"  # "seven people had been taken into custody"
                        break
                    if h.lower_ in ("found", "located", "traced", "reached", "contacted") and c.dep_ == "neg" \
                            or h.lower_ in ("unaccounted",):
                        ctype = "missing"  # "about 10,000 people could not be found"
                        break
                    if h.lower_ in L.TREATMENT_VERBS and c.dep_ == "dobj" and c.lower_ in ("treatment", "care"):
                        ctype = "injured"  # "214 people had sought treatment"
                        break
                    if c.dep_ in ("dobj", "prep") and any(
                            g.lower_ in ("help", "attention", "assistance", "care", "treatment")
                            and any(a.lower_ == "medical" for a in g.children)
                            for g in [c] + [x for x in c.children if x.dep_ == "pobj"]):
                        ctype = "injured"  # "56 people had asked for medical help", "needed medical attention"
                        break
                    if c.dep_ == "ccomp" and c.i > noun.i and noun.dep_ == "dobj" and noun.head.i == h.i \
                            and c.lower_ in L.COUNT_TYPE_WORDS and L.COUNT_TYPE_WORDS[c.lower_] != "participants" \
                            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                        ctype = L.COUNT_TYPE_WORDS[c.lower_]  # "says 561 civilians, including …, have died"
                        break
                    if h.lower_ in ("need", "needs", "needed", "needing") and c.dep_ == "dobj" \
                            and c.lower_ in ("help", "aid", "assistance") \
                            or c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "need" for g in c.children) \
                            or c.dep_ == "prep" and c.lower_ == "at" and any(g.lower_ == "risk" for g in c.children) \
                            or c.dep_ == "acomp" and c.lower_ in ("stranded", "trapped") \
                            or h.lower_ in ("stranded", "trapped") or h.lower_ == "waiting" and any(
                                g.lower_ == "rescued" for g in c.subtree):
                        ctype = "affected"  # "needed help", "in need of", "at risk", "stranded", "waiting to be …"
                        break
                    if h.lower_ in ("listed", "registered", "recorded", "reported", "classified", "counted") \
                            and c.dep_ == "prep" and c.lower_ == "as" and any(
                                g.lower_ in L.COUNT_TYPE_WORDS for g in c.children):
                        ctype = next(L.COUNT_TYPE_WORDS[g.lower_] for g in c.children
                                     if g.lower_ in L.COUNT_TYPE_WORDS)  # "another 1,481 are listed as missing"
                        break
                    if c.dep_ == "prep" and c.lower_ == "in" and any(
                            g.lower_ == "condition" and any(a.lower_ in ("critical", "serious", "stable") for a in
                                                            g.children) for g in c.children):
                        ctype = "injured"  # "52 were in critical condition"
                        break
                    if c.dep_ == "prep" and c.lower_ == "without" and any(
                            g.lower_ in ("power", "electricity", "water", "heating") for g in c.children):
                        ctype = "affected"  # "a city of 260,000 people was without power"
                        break
                    if h.i == noun.i and c.dep_ == "relcl":  # "20 people who had been abducted or were missing"
                        words = [c] + [g for g in c.children if g.dep_ in ("conj", "acomp", "dobj")]
                        words += [g for w in words for g in w.children if g.dep_ == "acomp"]
                        hit = [L.COUNT_TYPE_WORDS[w.lower_] for w in words if w.lower_ in L.COUNT_TYPE_WORDS]
                        if hit:
                            ctype = hit[0]
                            break
                    if h.lower_ in ("taken", "moved", "bussed", "brought", "transferred") \
                            and c.dep_ in ("prep", "prt") \
                            and c.lower_ in ("out", "from") and c.i > noun.i \
                            and not any(g.lower_ == "alive" for g in h.children):
                        ctype = "displaced"  # "3,000 people had been taken out of the enclave"
                        break
                    if h.lower_ in ("lost", "lose", "losing") and noun.dep_ == "dobj" and noun.head.i == h.i \
                            and (noun.lower_ in L.PERSONNEL_NOUNS or noun.lower_ in L.PEOPLE_NOUNS
                                 or noun.lower_ == "fighters" or noun.i < e and any(
                                     c.dep_ == "prep" and c.lower_ == "of" and any(
                                         g.lower_ in L.PEOPLE_NOUNS for g in c.children) for c in noun.children)
                                 or noun.i < e and not any(c.dep_ in ("prep", "compound") for c in noun.children)
                                 and any(c["sent"] == self.sent_of[s] and c["type"] == "killed"
                                         for c in earlier or [])):  # "… while the YPG had lost fewer than 100"
                        ctype = "killed"  # "had lost more than 300 fighters", "lost at least 131 of its citizens"
                        break
                    if h.lower_ in ("crossed", "crossing", "fled") and c.dep_ == "prep" and c.lower_ == "into":
                        ctype = "displaced"  # "14,500 people had crossed into Kassala"
                        break
                    if c.dep_ == "prep" and c.lower_ == "from" and any(g.lower_ == "homes" for g in c.children):
                        ctype = "displaced"  # "200,000 have been driven from their homes"
                        break
                    if c.dep_ == "dobj" and c.lower_ in ("refuge", "shelter") \
                            or c.dep_ == "prep" and any(g.lower_ in ("shelters", "camps", "evacuation")
                                                        for g in c.children):
                        ctype = "displaced"  # "380,000 had taken refuge", "spent the night in shelters"
                        break
                if ctype or h.head.i == h.i:
                    break
                if h.dep_ in ("conj",) and h.head.tag_.startswith("VB"):
                    h = h.head
                    continue
                h = h.head
        if (ctype in ("killed", "injured", "arrested", "missing") and noun.lower_ in L.THING_NOUNS
                or noun.lower_ in L.AREA_NOUNS or noun.lower_ in L.AREA_NOUNS_ONE and noun.i == e) \
                and noun.i >= e and noun.i - e < 3 \
                or ctype == "arrested" and noun.i >= e and noun.tag_ in ("NN", "NNS") and noun.i - e < 3 \
                and noun.lower_ not in L.PEOPLE_NOUNS and noun.lower_ not in L.GENERIC_COUNTED \
                and noun.lower_ not in L.COUNT_TYPE_WORDS:
            return None  # "arrested a man and searched two addresses"
        if ctype is None and noun.dep_ == "pobj" and noun.head.lower_ in ("to", "at") \
                and noun.head.head.lower_ in L.RISE_VERBS:
            tolls = [t for t in range(sent.start, s) if low[t] == "toll" and not self.in_quote[t]]
            if tolls:  # "the death toll from ... has risen to 12" parsed with "toll" elsewhere
                ctype = self._toll_type(doc[tolls[-1]])
        if ctype is None and noun.lower_ in L.COUNT_TYPE_WORDS:
            ctype = L.COUNT_TYPE_WORDS[noun.lower_]
        if ctype is None and noun.lower_ in L.OTHER_COUNT_NOUNS:
            ctype = "other"
        other_group = None if ctype else self._other_count(noun, e)
        if ctype in ("arrested", "participants") and noun.i >= e and (
                ctype == "arrested" and noun.head.lower_ in L.RELEASE_VERBS
                or ctype == "participants" and noun.lower_ in L.RESPONDER_NOUNS):
            ctype, other_group = None, f"{noun.text} {noun.head.lower_}" if ctype == "arrested" else noun.text
        if other_group:  # "releasing nearly 2,000 Palestinian prisoners", "300 responders took part"
            ctype, group = "other", other_group
        # 3. a window in the clause, when the number counts people ("searched two addresses" is no count)
        if ctype is None and noun.lower_ not in L.THING_NOUNS and noun.lower_ not in L.AREA_NOUNS \
                and not (value == 1 and noun.i < e and noun.dep_ in ("nsubj", "nsubjpass")):  # "one was pulled out"
            best = None
            for k in range(max(sent.start, s - 8), min(sent.end, e + 7)):
                w = low[k]
                if k and low[k - 1] == "to" and self.tags[k] == "VB":
                    continue  # "25,000 of his men were ready to die with him"
                if w in L.COUNT_TYPE_WORDS and not self.in_quote[k] and w not in ("shelter",):
                    d = abs(k - s)
                    if best is None or d < best[0]:
                        best = (d, L.COUNT_TYPE_WORDS[w])
            if best:
                ctype = best[1]
        if ctype is None:
            # a breakdown by nationality: "82 were Iranian, 63 Canadian" after "a breakdown of the dead"
            k = e
            if k + 3 < sent.end and low[k] == "of" and low[k + 1] in ("the", "those") \
                    and low[k + 2] in ("victims", "dead", "passengers", "killed"):
                k += 3  # "at least 154 of the victims were Dutch"
            k = k + 1 if k < sent.end and low[k] in ("were", "was", "are") else k
            w = low[k] if k < sent.end else ""
            head = k + 1 >= sent.end or not self.tags[k + 1].startswith("NN")  # "63 Canadian", not "two Ukrainian men"
            if head and (w in L.DEMONYMS or w.endswith("s") and w[:-1] in L.DEMONYMS):
                including = "including" in low[max(sent.start, hstart - 4):hstart]
                lo_sent = sent if including else self.sents[max(0, self.sent_of[s] - 2)]
                words = [L.COUNT_TYPE_WORDS[low[x]] for x in range(lo_sent.start, s)
                         if low[x] in L.COUNT_TYPE_WORDS and not self.in_quote[x]
                         and L.COUNT_TYPE_WORDS[low[x]] in ("killed", "injured", "missing", "arrested")]
                words += ["killed" for x in range(lo_sent.start + 1, s) if low[x] == "survivors" and low[x - 1] == "no"]
                if words:
                    ctype, group = words[-1], doc[k].text
        colon = [c for c in (earlier or []) if c["sent"] == self.sent_of[s] and c["type"]
                 and any(low[x] == ":" for x in range(c["tok"], hstart))]
        if colon:  # "22 people had been killed: 12 members of its staff and 10 patients"
            ctype = colon[-1]["type"]
        if ctype is None and earlier:
            same = [c for c in earlier if c["sent"] == self.sent_of[s] and c["type"]]
            if same and self._coordinated(noun, hstart, {c["noun"] for c in same}):
                ctype = same[-1]["type"]  # "89 militants were killed, along with 21 soldiers and 19 civilians"
                if ctype == "other" and not other_group:
                    other_group = same[-1]["group"]  # "2,460,463 votes, against 2,147,436 for …"
        if ctype is None and earlier and hstart > sent.start and low[hstart - 1] in (",", "and") \
                and noun.i < e + 1 and e < sent.end and low[e] == "in":
            same = [c for c in earlier if c["sent"] == self.sent_of[s] and c["type"]]
            if same:  # "94 of the dead were in the capital, 71 in Morelos state and 43 in Puebla"
                ctype = same[-1]["type"]
        if ctype is None and earlier and noun.i < e and hstart > sent.start \
                and low[hstart - 1] in ("with", "the", "only", "just") and (e >= sent.end or not doc[e].is_alpha
                                                                            or low[e] in ("won", "for")):
            votes = [c for c in earlier if c["sent"] >= self.sent_of[s] - 1 and c["type"] == "other"
                     and "vote" in (c["group"] or "")]
            if votes:  # "Fayulu was second with 6,366,732", "the nearly 15 million won by his rival": votes
                ctype, other_group = "other", votes[-1]["group"]
        if ctype is None and earlier:
            # "Police put the crowd at 820,000, while organisers put it at more than one million"
            same = [c for c in earlier if c["sent"] == self.sent_of[s] and c["type"]]
            if same and any(low[k] in ("it", "figure", "toll", "number") for k in range(same[-1]["tok"], s)):
                ctype = same[-1]["type"]
        included_hint = None
        # a part of a figure: "including 12 children", "88 of whom"; not "13 hostages, including two Sri Lankans"
        before = re.search(r"\b(?:included|among|including|of whom|of them)\b",
                           " ".join(low[max(sent.start, hstart - 5):s]))
        if before or re.search(r"\b(?:of whom|of them|among|included)\b", " ".join(low[e:min(sent.end, e + 6)])):
            included_hint = "sentence" if before and before.group(0) == "including" else True
        among = re.search(r"\bamong (?:the |those )?(dead|killed|injured|wounded|missing|detained|arrested)\b",
                          " ".join(low[max(sent.start, hstart - 5):min(sent.end, e + 12)]))
        if ctype is None and among:
            ctype = L.COUNT_TYPE_WORDS[among.group(1)]  # "eight children were among the dead"
        if ctype is None and "no survivors" in " ".join(low[max(sent.start, hstart - 6):hstart]):
            ctype = "killed"  # "there were no survivors among the 149 passengers"
        elif noun.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "prep" and c.lower_ == "among"
                                                         for c in noun.head.children):
            included_hint = True  # "12 children under the age of 16 were among those treated"
        if ctype is None and not included_hint:
            return None
        # group: the counted noun when it is not generic
        if noun.i >= e - 1 and noun.tag_.startswith("NN") and noun.lower_ not in L.GENERIC_COUNTED \
                and noun.lower_ not in L.COUNT_TYPE_WORDS and noun.i < sent.end and noun.i - e < 3:
            mods = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i and c.i >= e]
            first = min([noun.i] + [c.i for c in mods])
            group = doc[first:noun.i + 1].text
            if noun.lower_ in ("kilometres", "kilometers", "km", "miles", "percent", "hours", "days", "years",
                               "weeks", "months", "crossings", "times", "metres", "meters", "homes", "buildings") \
                    and not other_group:
                return None
        if ctype == "other" and other_group:
            group = other_group
        if ctype == "other" and not group:
            group = noun.text if noun.lower_ in L.OTHER_COUNT_NOUNS else None
            if not group:
                return None
        if ctype == "participants" and group and group.lower() in ("protesters", "demonstrators", "marchers"):
            group = None
        cend = max(doc[e - 1].idx + len(doc[e - 1].text),
                   (noun.idx + len(noun.text)) if noun.i >= e - 1 and noun.i - e < 3 else 0)
        return {"type": ctype, "value": value, "qualifier": hedge, "group": group, "tok": s, "noun": noun.i,
                "sent": self.sent_of[s], "included_hint": included_hint,
                "evidence": (doc[hstart].idx, cend), "reporter": self._reporter(s, sent)}

    @staticmethod
    def _to_death(verb: Any) -> bool:
        """"shot to death", "hacked or shot to death", "beaten to death": a killing verb phrase."""
        for v in [verb] + [c for c in verb.children if c.dep_ == "conj"]:
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
                    return True
        return False

    def _coordinated(self, noun: Any, hstart: int, counted: set[int]) -> bool:
        """True when a figure is joined to an earlier one of its sentence ("89 militants were killed, along with
        21 soldiers and police officers and 19 civilians"), so it shares its type."""
        low = self.lower
        h = noun
        while h.dep_ == "conj" and h.head.i != h.i:
            h = h.head
            if h.i in counted:
                return True
        if h.dep_ == "pobj" and h.head.lower_ == "with" and h.head.head.lower_ in ("along", "together"):
            return True
        return low[max(0, hstart - 3):hstart] == ["as", "well", "as"] \
            or hstart > 0 and low[hstart - 1] in ("against", "versus", "vs", "vs.") \
            or low[max(0, hstart - 2):hstart] in (["down", "from"], ["up", "from"])  # "N, down from M"

    def _other_count(self, noun: Any, e: int) -> str | None:
        """Counts of the `other` type besides votes and seats: forces sent ("1,700 national guard
        soldiers were deployed"), homes destroyed ("more than 150 houses were buried"), eligible voters,
        votes "in favour". Returns the group to give the count, or None."""
        low = noun.lower_
        verb = noun.head
        while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i and not verb.tag_.startswith("VB"):
            verb = verb.head
        if noun.i >= e and low in L.PERSONNEL_NOUNS and verb.lower_ in L.DEPLOY_VERBS:
            return f"{noun.text} {verb.lower_}"
        if noun.i < e and noun.dep_ in ("nsubjpass", "nsubj") and verb.lower_ in L.DEPLOY_VERBS:
            return f"people {verb.lower_}"  # "up to 500 had been deployed"
        if noun.i >= e and low in L.PERSONNEL_NOUNS and noun.dep_ == "dobj" and verb.lower_ in ("had", "has", "have"):
            return noun.text  # "the OSCE, which had more than 800 observers on the ground"
        if noun.dep_ == "nsubj" and verb.lower_ == "voted":
            return "voters"  # "more than 13.5 million people voted for him"
        if noun.i >= e and low in ("homes", "houses", "buildings", "dwellings") and verb.lower_ in L.DESTROY_VERBS:
            return f"{noun.text} {verb.lower_}"
        if noun.i >= e and low in L.ABOARD_NOUNS and verb.lower_ in L.CARRY_VERBS and not re.match(
                r"(?:a|per|each|every) (?:day|week|month|year)\b|daily|annually|yearly",
                " ".join(self.lower[noun.i + 1:noun.i + 3])):
            return noun.text  # "the plane was carrying 217 passengers and seven crew"; not "… a day"
        if noun.i >= e and low in ("people", "persons") and verb.lower_ in ("carrying", "carried") and any(
                t.lower_ in L.VEHICLE_NOUNS or t.dep_ == "nsubj" and t.tag_ == "NNP"
                for t in (verb.head, *verb.children) if t.i < verb.i):
            return "people on board"  # "a jet carrying 189 people crashed", "the Eastern Star was carrying 456 people"
        if noun.dep_ == "nsubj" and verb.lower_ in ("was", "were") and any(
                c.lower_ in ("aboard", "onboard") or c.lower_ == "on" and any(g.lower_ == "board" for g in c.children)
                or c.lower_ == "among" and any(g.lower_ == "survivors" for g in c.children)
                for c in verb.children):
            return "people on board"  # "four Ukrainians were also on board", "12 were among the survivors"
        if noun.i >= e and low == "survivors":
            return "survivors"
        if noun.dep_ in ("nsubjpass", "nsubj", "dobj") and any(c.lower_ == "alive" for c in verb.children):
            return f"{noun.text if noun.i >= e else 'people'} brought out alive"  # "363 miners were brought out alive"
        if noun.dep_ in ("nsubjpass", "dobj") and verb.lower_ in L.RESCUE_VERBS and not (
                verb.lower_ == "pulled" and (noun.i >= e and noun.lower_ not in L.PEOPLE_NOUNS or any(
                    t.lower_ in ("bodies", "dead", "corpses", "remains") for t in noun.subtree))):
            return f"{noun.text if noun.i >= e else 'people'} {verb.lower_}"  # "2,437 people had been rescued alive"
        if noun.i >= e and (low in L.RESPONDER_NOUNS or low in ("workers", "officers") and any(
                c.lower_ in ("rescue", "police", "aid", "relief") for c in noun.children)):
            sent = self.sents[self.sent_of[noun.i]]
            if not any(self.lower[k] in L.COUNT_TYPE_WORDS and L.COUNT_TYPE_WORDS[self.lower[k]] not in (
                    "participants", "affected") for k in range(sent.start, sent.end)):
                return noun.text  # "about 13,000 troops", "more than 1,000 rescue workers joined the search"
        after = " ".join(self.lower[e:e + 4])
        if _VOTERS_AFTER.match(" ".join(self.lower[e:e + 8])):
            return "voters"  # "about 7.3 million people were registered to vote", "… voters had cast a ballot"
        if after.startswith(("eligible to vote", "eligible voters", "registered voters")) or noun.i >= e and any(
                c.lower_ == "eligible" for c in list(noun.children) + list(noun.head.children)):
            return "eligible voters"
        if after.startswith(("in favour", "in favor", "were in favour", "were in favor", "votes in favour")):
            return "votes in favour"
        return None

    def _toll_type(self, tok: Any) -> str | None:
        """The count type a toll-like noun names: "the death toll" → killed, "the number of injured"
        → injured, "the injury toll" → injured."""
        w = tok.lower_
        if w == "toll":
            mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
            return "injured" if mods & {"injury", "casualty"} else "killed"
        if w == "losses":  # "they put their military losses at 673"
            return "killed"
        if w in ("number", "figure", "tally", "count"):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.lower_ in L.COUNT_TYPE_WORDS and L.COUNT_TYPE_WORDS[g.lower_] != "participants":
                            return L.COUNT_TYPE_WORDS[g.lower_]
                        for a in g.children:  # "the number of people killed by the earthquake"
                            if a.dep_ in ("acl", "amod") and a.lower_ in L.COUNT_TYPE_WORDS \
                                    and L.COUNT_TYPE_WORDS[a.lower_] != "participants":
                                return L.COUNT_TYPE_WORDS[a.lower_]
        return None

    def _reporter(self, i: int, sent: Any) -> Entity | None:
        doc, low = self.doc, self.lower
        best: tuple[tuple[int, int], Entity] | None = None
        blocked = False
        for k in range(sent.start, sent.end):
            if self.in_quote[k]:
                continue
            w = low[k]
            if w == "according" and k + 2 < sent.end and low[k + 1] == "to":
                for c in doc[k + 1].children:
                    if c.dep_ == "pobj":
                        ent = self.resolve(c) or self._phrase_entity(c) or self._noun_reporter(c)
                        if ent:
                            return ent
                ent = self.resolve(doc[k + 2])
                if ent:
                    return ent
            if w == "per" and self.tags[k] == "IN":  # "per an AFP tally"
                for c in doc[k].children:
                    if c.dep_ == "pobj":
                        ent = self.resolve(c) or self._phrase_entity(c)
                        if ent:
                            return ent
            if w in L.REPORT_VERBS and (self.tags[k].startswith("VB") or any(
                    c.dep_ == "nsubj" for c in doc[k].children)):
                subjects = [c for c in doc[k].children if c.dep_ == "nsubj"]
                if not subjects and k > sent.start:
                    # ", the Viasna human rights centre said." parsed without a subject
                    b = k - 1
                    while b > sent.start and doc[b].text not in (",", ";", "—") and k - b < 11:
                        b -= 1
                    if doc[b].text in (",", ";", "—"):
                        heads = [t for t in doc[b + 1:k] if t.head.i < b + 1 or t.head.i >= k]
                        subjects = heads[:1]
                for c in subjects:
                    ent = next((self.mention_at[a.i].entity for a in c.children if a.dep_ == "appos"
                                and self.mention_at[a.i] is not None and self.mention_at[a.i].entity is not None
                                and self.mention_at[a.i].entity.kind == "person"), None)  # "the commissioner, X, said"
                    ent = ent or self.resolve(c, before=doc[k].idx) or self._noun_reporter(c)
                    local = ent is not None and ent.kind == "place" and c.lower_ in L.STATE_BODIES and any(
                        g.dep_ in ("compound", "nmod", "amod") and self.mention_at[g.i]
                        and self.mention_at[g.i].entity is ent
                        for g in c.children) or ent is not None and ent.kind == "place" \
                        and c.lower_ in ("officials", "authorities") \
                        and any(g.dep_ == "prep" and g.lower_ == "in" and any(
                            self.mention_at[x.i] and self.mention_at[x.i].entity is ent
                            for p in g.children for x in [p] + [a for a in p.children if a.dep_ == "compound"
                                                                and p.lower_ in L.ADMIN_AREA_NOUNS])
                                for g in c.children)  # "officials in Balochistan (province) put the toll at 238"
                    local = local or ent is not None and ent.kind == "place" and (
                        c.lower_ in L.LOCAL_OFFICES or c.lower_ == "they"
                        or any(g.lower_ in L.LOCAL_WORDS for g in c.children))  # "the governor of Hatay province"
                    if ent is not None and ent.kind == "place" and not local and c.lower_ in L.STATE_BODIES:
                        ent = self.home_country(doc[k].idx, self.sent_of[k])  # "Police in Koblenz said"
                    if ent is None and c.lower_ in L.STATE_BODIES:
                        ent = self._phrase_entity(c, ("place",))  # "Hawaii officials said"
                        local = ent is not None
                    inside = doc[k].left_edge.i <= i <= doc[k].right_edge.i
                    if ent and (ent.kind != "place" or local):
                        # the innermost reporting clause holding the figure wins ("X said ..., while Y put it at N")
                        d = (0, doc[k].right_edge.i - doc[k].left_edge.i) if inside else (1, 0)
                        if best is None or d < best[0]:
                            best = (d, ent)
                    elif inside and c.dep_ == "nsubj":
                        blocked = True  # "..., while organisers put it at more than one million"
        if best and best[0][0] == 1 and blocked:
            return None
        return best[1] if best else None

    def _phrase_entity(self, tok: Any, kinds: tuple[str, ...] = ("organization", "person", "country"),
                       ) -> Entity | None:
        """The first entity named inside a noun phrase ("a tally by the AFP news agency")."""
        for t in tok.subtree:
            m = self.mention_at[t.i]
            if m and m.entity and not self.in_quote[t.i] and m.entity.kind in kinds:
                return m.entity
        return None

    def _noun_reporter(self, tok: Any) -> Entity | None:
        """The state that owns a reporting body named only by a common noun ("the country's emergency
        committee", "Ostmark's health office", "the fire service said"). A local body, a hospital or a
        monitor with no name ("the regional health office said") gives no reporter: it is no entity of its
        own, and the annotated sets seldom list one."""
        if tok.lower_ not in L.BODY_NOUNS or not tok.tag_.startswith("NN") or tok.tag_ == "NNP":
            return None
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss") and c.i < tok.i
                and not c.text[:1].isupper() and c.tag_ in ("JJ", "NN", "NNS", "VBN")]
        if not mods and tok.lower_ in L.COREF_NOUNS:
            return None  # "the agency": an earlier organisation, resolved elsewhere
        owner = self._phrase_entity(tok, ("country",))
        if owner is None and any(c.dep_ == "poss" and c.lower_ in ("country", "nation", "country's", "nation's")
                                 for c in tok.children) or owner is None and any(
                t.lower_ in ("national", "federal") for t in tok.subtree if t.i < tok.i):
            owner = self.home_country(tok.idx, self.sent_of[tok.i])  # "the country's emergency committee"
        if owner is None and tok.lower_ not in ("hospital", "monitor", "observatory") and not any(
                t.lower_ in ("local", "regional", "provincial", "municipal", "opposition", "opposition-run", "rebel")
                for t in tok.subtree if t.i < tok.i):
            owner = self.home_country(tok.idx, self.sent_of[tok.i])  # "the fire service said": the state
        return owner

    def _finish_counts(self, raw: list[dict[str, Any]]) -> None:
        out: list[dict[str, Any]] = []
        for item in raw:
            parent = None
            if item["included_hint"]:
                cands = [c for c in out if c["sent"] >= item["sent"] - 2]
                if item["included_hint"] == "sentence":  # "including two Sri Lankans" names a part of its own sentence
                    cands = [c for c in cands if c["sent"] == item["sent"]]
                if item["type"]:  # "12 children were among those treated": part of an injured count only
                    cands = [c for c in cands if c["type"] == item["type"]]
                parent = cands[-1] if cands else None
                if parent is None and not item["type"]:
                    continue
                if parent is not None and parent["value"] <= item["value"]:
                    parent = None
                if parent is not None:
                    item["type"] = item["type"] or parent["type"]
                    item["parent"] = parent
            if not item["type"] or item["type"] == "other" and not item["group"]:
                continue  # an `other` count says what it counts ("3.4 million of them" does not)
            item["event"] = self._count_event(item)
            if item["event"] is None:
                continue
            same = [c for c in out if c["type"] == item["type"] and c["value"] == item["value"]
                    and c["event"] is item["event"]]
            if same:  # a subheading "Up to 300,000 homeless" before the sentence that says who counted
                if same[0]["reporter"] is None and item["reporter"] is not None:
                    same[0]["reporter"] = item["reporter"]
                continue
            out.append(item)
        self.counts = out

    def _count_event(self, item: dict[str, Any]) -> Event | None:
        if item.get("parent"):
            return item["parent"]["event"]
        si = item["sent"]
        best: tuple[int, Event] | None = None
        for ev in self.events:
            for s, t in zip(ev.sents, ev.tokens, strict=False):
                if s == si:
                    d = abs(t - item["tok"])
                    if ev.kind in L.DIPLOMATIC_KINDS:
                        d += 1000
                    if best is None or d < best[0]:
                        best = (d, ev)
        if best and best[0] < 1000:
            return best[1]
        prefer = {"participants": ("protest",), "arrested": ("protest", "attack", "election"),
                  "other": ("election",)}.get(item["type"],
                                              ("attack", "airstrike", "offensive", "disaster", "war", "protest"))
        para = self._paragraph_of()
        for kinds in (prefer, ("attack", "airstrike", "offensive", "disaster", "war", "protest", "election")):
            for ev in self.events:
                if ev.kind in kinds and (not ev.implicit or para[ev.sents[0]] == para[si]):
                    return ev
        if item["type"] not in ("killed", "injured", "missing", "displaced", "other"):
            return None
        # a toll told with no event word ("More than 2,400 people were killed in Haiti"): the fact sheet
        # needs an event, so the count gets one of its own, named by its sentence's place
        sent = self.sents[si]

        def disastrous(sents: list[Any]) -> bool:
            return any(self.lower[t] in L.EVENT_TRIGGERS and L.EVENT_TRIGGERS[self.lower[t]] == "disaster"
                       or self.lower[t] in L.ACCIDENT_WORDS for x in sents for t in range(x.start, x.end))

        disaster = disastrous([sent])
        if not disaster and not any(L.EVENT_TRIGGERS.get(self.lower[t]) in ("attack", "airstrike", "offensive")
                                    for t in range(sent.start, sent.end)):
            lead = next((para[k] for k, x in enumerate(self.sents) if len(x) >= 8), para[0])  # not a dateline
            disaster = disastrous([x for k, x in enumerate(self.sents) if para[k] == lead])  # the lead's story
        votes = item["type"] == "other" and bool(re.search(r"\b(?:votes?|voters|ballots|seats|electoral)\b",
                                                           item["group"] or ""))
        if item["type"] == "other" and not disaster and not votes:
            return None  # people on board, rescuers: counted for an accident the article tells of
        kind = "election" if votes else "disaster" if disaster else "attack"
        tok = self.doc[item["tok"]]
        for ev in self.events:
            if ev.implicit and ev.kind == kind:  # one toll-only event per kind, not one per paragraph
                ev.sents.append(si)
                ev.tokens.append(tok.i)
                return ev
        places = [e for e in self.entities_in(sent.start, sent.end, ("place", "country"))][:1]
        label = {"election": "Election", "disaster": "Disaster"}.get(kind, "Violence") + (
            f" in {places[0].name}" if places else "")
        ev = Event(kind, label, (tok.idx, tok.idx + len(tok.text)), sents=[si], tokens=[tok.i], places=places,
                   implicit=True)
        self.events.append(ev)
        return ev

    # ------------------------------------------------------------------ quotes

    def _find_quotes(self) -> list[tuple[int, int]]:
        """Quoted spans, straight or curly, one per paragraph at most: a quote left open at the end of
        a paragraph ends there, and its next paragraph (reopened with a quote mark) is a quote of its
        own, given the same speaker by :meth:`find_quotes`."""
        text = self.text
        spans: list[tuple[int, int]] = []
        for para in re.finditer(r"[^\n]+", text):
            p0, ptext = para.start(), para.group(0)
            k = 0
            while k < len(ptext):
                c = ptext[k]
                if c == "“" or (c == '"' and (k == 0 or not ptext[k - 1].isalnum())):
                    close = "”" if c == "“" else '"'
                    end = ptext.find(close, k + 1)
                    if c == "“" and end < 0:
                        end = ptext.find('"', k + 1)
                    if end < 0:
                        end = len(ptext)
                    spans.append((p0 + k + 1, p0 + end))
                    k = end + 1
                else:
                    k += 1
        return spans

    def find_quotes(self) -> None:
        prev_speaker: Entity | None = None
        prev_end = -10**9
        spans = self.quote_spans
        own = [self._speaker(qs, qe) for qs, qe in spans]
        for i in range(len(spans) - 2, -1, -1):
            # a quote left open at the end of its paragraph and reopened in the next one: the
            # attribution often comes only with the last part ('"…\n\n"…," Hollande said.')
            if own[i] is None and self._continues(spans[i], spans[i + 1]):
                own[i] = own[i + 1]
        for (qs, qe), speaker in zip(spans, own, strict=True):
            inner = self.text[qs:qe]
            words = inner.split()
            stripped = inner.strip()
            if not stripped:
                continue
            lead = len(inner) - len(inner.lstrip())
            trail = len(inner) - len(inner.rstrip())
            span = (qs + lead, qe - trail)
            if len(words) < 3:
                continue
            if speaker is None and prev_speaker is not None and \
                    self.text.count("\n\n", prev_end, qs) <= 1 and qs - prev_end < 600:
                speaker = prev_speaker
            if speaker is None:
                sent_i = self._sent_at_char(qs)
                lo = self.sents[max(0, sent_i - 1)].start_char
                for e in self._before(qs):
                    if e.kind == "person" and any(lo <= m.cstart < qs for m in e.mentions):
                        speaker = e
                        break
            if speaker is None:
                continue
            self.quotes.append({"text": stripped, "speaker": speaker, "evidence": span,
                                "about": self._quote_about(span, speaker)})
            prev_speaker, prev_end = speaker, qe

    def _continues(self, first: tuple[int, int], second: tuple[int, int]) -> bool:
        """``first`` runs to the end of its paragraph without a closing mark and ``second`` opens the next."""
        text = self.text
        gap = text[first[1]:second[0]]
        return (first[1] >= len(text) or text[first[1]] == "\n") and gap.strip() in ('"', "“") and "\n" in gap

    def _quote_about(self, span: tuple[int, int], speaker: Entity) -> list[str]:
        """What a quote is about: the entities it names, and the event told in its sentences (or,
        failing that, in the two sentences before it)."""
        about: list[Entity | Event] = []
        s0, s1 = self._sent_at_char(span[0]), self._sent_at_char(max(span[0], span[1] - 1))
        for t in range(self.sents[s0].start, self.sents[s1].end):
            m = self.mention_at[t]
            if m and m.entity and m.entity is not speaker and span[0] <= m.cstart < span[1] \
                    and m.entity not in about and not m.adjective:
                about.append(m.entity)
        best: tuple[int, Event] | None = None
        qtok = self.sents[s0].start
        for ev in self.events:
            for si, ti in zip(ev.sents, ev.tokens, strict=False):
                if s0 - 2 <= si <= s1:
                    d = 0 if s0 <= si <= s1 else abs(qtok - ti)
                    if best is None or d < best[0]:
                        best = (d, ev)
        if best:
            about.insert(0, best[1])
        return [x.id for x in about]

    def _sent_at_char(self, c: int) -> int:
        tok = self.doc.char_span(c, c + 1, alignment_mode="expand")
        if tok is None or len(tok) == 0:
            for t in self.doc:
                if t.idx >= c:
                    return self.sent_of[t.i]
            return len(self.sents) - 1
        return self.sent_of[tok.start]

    def _speaker(self, qs: int, qe: int) -> Entity | None:
        doc, low = self.doc, self.lower
        s0 = self._sent_at_char(qs)
        s1 = self._sent_at_char(max(qs, qe - 1))
        # the attribution may sit in the sentence after the closing quote mark
        after = qe + 1
        if s1 + 1 < len(self.sents) and self.sents[s1 + 1].start_char <= after + 2 \
                and "\n" not in self.text[qe:self.sents[s1 + 1].start_char]:
            nxt = self.sents[s1 + 1]
            if any(self.lower[t] in L.SPEECH_VERBS for t in range(nxt.start, min(nxt.end, nxt.start + 6))):
                s1 += 1
        lo, hi = self.sents[s0].start, self.sents[s1].end
        cands: list[tuple[int, Any]] = []
        for k in range(lo, hi):
            if self.in_quote[k] or low[k] not in L.SPEECH_VERBS and low[k] not in L.SPEAKER_VERBS:
                continue
            tok = doc[k]
            if low[k] == "according":
                dist = min(abs(tok.idx - qe), abs(tok.idx - qs))
                cands.append((dist, tok))
                continue
            if not self.tags[k].startswith("VB"):
                continue
            # skip verbs whose whole clause lies in another quote's paragraph
            dist = min(abs(tok.idx - qe), abs(tok.idx - qs))
            covers = tok.left_edge.idx <= qs and qe <= tok.right_edge.idx + len(tok.right_edge.text) + 1
            rank = 0 if covers else 10**6 if low[k] in L.SPEECH_VERBS else 2 * 10**6  # the verb governing the quote
            cands.append((dist + rank, tok))
        cands.sort(key=lambda p: p[0])
        for _, tok in cands:
            if tok.lower_ == "according":
                for c in doc[tok.i + 1].children if tok.i + 1 < len(doc) else []:
                    if c.dep_ == "pobj":
                        e = self.resolve(c, before=qs)
                        if e:
                            return e
                continue
            verbs = [tok]  # a verb with no subject takes its head's: "Trump criticised Seoul, saying ..."
            while not any(c.dep_ in ("nsubj", "nsubjpass") for c in verbs[0].children) and len(verbs) < 4 \
                    and verbs[-1].dep_ in ("advcl", "xcomp", "conj", "ccomp")[:3 if len(verbs) == 1 else 4] \
                    and verbs[-1].head.tag_.startswith("VB"):
                verbs.append(verbs[-1].head)  # "The army said six were killed and called the strike '…'"
            found = self._verb_speaker(verbs[1:] or verbs, qs)
            if found is not None:
                return found
            return None  # a speech verb without a usable subject ("and added"): fall back
        return None

    def _verb_speaker(self, verbs: list[Any], qs: int) -> Entity | None:
        """The speaker a speech verb names through its subject; for a verb with no subject of its
        own, the first of its heads whose subject stands for a person, organisation or country."""
        for verb in verbs:
            if verb.lower_ in ("quoted", "quotes", "quoting", "cited", "cites") and any(
                    c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
                for c in verb.children:  # "the Elysée quoted him as saying": the one quoted speaks
                    if c.dep_ == "dobj":
                        e = self.resolve(c, before=qs)
                        if e is not None and e.kind == "person":
                            return e
        for verb in verbs:
            for c in verb.children:
                if c.dep_ in ("nsubj", "nsubjpass") and not self.in_quote[c.i]:
                    for a in c.children:  # "the UN High Commissioner for Human Rights, Volker Turk, said"
                        m = self.mention_at[a.i] if a.dep_ == "appos" else None
                        if m is not None and m.entity is not None and m.entity.kind == "person":
                            return m.entity
                    e = self.resolve(c, before=min(qs, c.idx))
                    if e is None:  # "said a woman who gave her name only as Memory"
                        e = next((self.mention_at[t.i].entity for t in c.subtree
                                  if t.i > 0 and self.lower[t.i - 1] == "as" and self.mention_at[t.i] is not None
                                  and self.mention_at[t.i].entity is not None
                                  and self.mention_at[t.i].entity.kind == "person"), None)
                    if e is None and self.mention_at[c.i] is None and (c.tag_ == "NNP" or c.tag_ in ("NNS", "NN")
                                                                        and c.text[:1].isupper() and c.i > 0):
                        e = next((p for p in self.entities if p.kind == "person"
                                  and c.text in p.name.split()), None)  # '"…," Ri said' after Ri Yong Ho
                    if e and e.kind != "place":
                        return e
            if verb.i > 0 and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                m = self.mention_at[verb.i - 1]  # '"…," May said' with "May" parsed as a modal verb
                if m is not None and m.entity is not None and m.entity.kind == "person" and m.end == verb.i:
                    return m.entity
        return None

    # ------------------------------------------------------------------ claims

    def find_claims(self) -> None:
        doc, low = self.doc, self.lower
        used_spans: set[tuple[int, int]] = set()
        for k in range(len(doc)):
            w = low[k]
            tok = doc[k]
            if self.in_quote[k] or not (self.tags[k].startswith("VB") or (
                    w in L.CLAIM_VERBS and any(c.dep_ == "nsubj" for c in tok.children))):
                continue
            kind = None
            if w in L.ACCUSE_VERBS:
                kind = "accusation"
            elif w in L.DENY_VERBS:
                kind = "denial"
            elif w in L.DEMAND_VERBS:
                if w.startswith("call") and not any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children) \
                        and not (k + 1 < len(doc) and low[k + 1] == "on"):
                    continue
                kind = "demand"
            elif w in L.CLAIM_VERBS or (w in ("says", "said", "say") and any(c.dep_ == "ccomp" for c in tok.children)):
                kind = "statement"
            else:
                continue
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None and tok.dep_ in ("conj", "xcomp", "relcl"):
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is None and tok.dep_ == "relcl":
                subj = tok.head
            author = self.resolve(subj, before=subj.idx) if subj is not None else None
            if author is None or author.kind == "place":
                continue
            if kind == "statement" and author.kind == "person":
                # people's statements are mostly quoted; keep organisations' and countries' claims
                sent = self.sents[self.sent_of[k]]
                if any(self.in_quote[t] for t in range(sent.start, sent.end)) or w in ("says", "said", "say"):
                    continue
            about: list[str] = []
            for c in tok.children:
                if c.dep_ in ("dobj", "ccomp", "prep") or (c.dep_ == "prep" and c.lower_ == "on"):
                    for t in c.subtree:
                        m = self.mention_at[t.i]
                        if m and m.entity and m.entity is not author and m.entity.id not in about:
                            if kind in ("accusation", "demand") and t.i > c.right_edge.i:
                                continue
                            about.append(m.entity.id)
                    if kind == "accusation" and c.dep_ == "dobj":
                        break
            if kind == "accusation":
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    about = []
                    for t in [obj] + [x for x in obj.subtree if x.dep_ == "conj"]:
                        m = self.mention_at[t.i]
                        e = m.entity if m and m.entity else self.resolve(t)
                        if e and e.id not in about and e is not author:
                            about.append(e.id)
            if kind == "denial":
                ev = next((e for e in self.events for s in e.sents if s == self.sent_of[k]), None)
                if ev and ev.id not in about:
                    about.insert(0, ev.id)
            lo = min(subj.left_edge.idx if subj is not None else tok.idx, tok.idx)
            right = tok.right_edge
            hi = right.idx + len(right.text)
            sent = self.sents[self.sent_of[k]]
            hi = min(hi, sent.end_char)
            if hi - lo < 40 or kind == "statement" and tok.dep_ != "ROOT":
                lo, hi = sent.start_char, sent.end_char
            if (lo, hi) in used_spans:
                continue
            used_spans.add((lo, hi))
            text = re.sub(r"\s+", " ", self.text[lo:hi]).strip(" ,.;:")
            if len(text) > 300:
                text = text[:297].rsplit(" ", 1)[0] + "…"
            claim = {"kind": kind, "author": author.id, "text": text, "evidence": (lo, hi)}
            if about:
                claim["about"] = about
            self.claims.append(claim)

    # ------------------------------------------------------------------ assemble

    def _event_ids(self) -> None:
        used = {ev.id for ev in self.events if ev.id}
        for ev in self.events:
            if ev.id:
                continue
            base = slug(ev.label)[:60].strip("-") or ev.kind
            eid, n = base, 2
            while eid in used:
                eid, n = f"{base}-{n}", n + 1
            used.add(eid)
            ev.id = eid

    def run(self) -> None:
        self.find_entities()
        self.find_events()
        self.armed_actors_near()
        self._event_ids()
        self.find_counts()
        self._event_ids()  # events made for tolls with no event word
        self.find_quotes()
        self.find_claims()


def build_sheet(doc: Any, article: Any) -> dict[str, Any]:
    """Run the rules over a parsed article and return the fact-sheet dict."""
    ex = Extractor(doc, getattr(article, "published", None))
    ex.run()
    spans_used: set[tuple[int, int]] = set()

    def evid(span: tuple[int, int]) -> dict[str, int] | None:
        if span in spans_used or span[1] <= span[0]:
            return None
        spans_used.add(span)
        return {"start": span[0], "end": span[1]}

    meta = article.metadata() if hasattr(article, "metadata") else {"headline": article.headline}
    art: dict[str, Any] = dict(meta)
    if getattr(article, "extra", None) and article.extra.get("id"):
        art["id"] = article.extra["id"]
    art["text"] = doc.text
    sheet: dict[str, Any] = {"kgpub": 1, "article": art}
    entities = []
    for e in ex.entities:
        item: dict[str, Any] = {"id": e.id, "name": e.name, "type": e.kind}
        if e.forms:
            item["aliases"] = e.forms
        m = e.mentions[0]
        ev = evid((m.cstart, m.cend))
        if ev:
            item["evidence"] = ev
        entities.append(item)
    events = []
    for v in ex.events:
        item = {"id": v.id, "kind": v.kind, "label": v.label}
        if v.places:
            item["places"] = [p.id for p in v.places]
        if v.actors:
            item["actors"] = [a.id for a in v.actors]
        if v.date:
            item.update(v.date)
        if v.part_of is not None:
            item["part_of"] = v.part_of.id
        ev = evid(v.trigger)
        if ev:
            item["evidence"] = ev
        events.append(item)
    counts = []
    for n, c in enumerate(ex.counts, 1):
        c["id"] = f"count-{n}"
        item = {"id": c["id"], "event": c["event"].id, "type": c["type"], "value": c["value"]}
        if c["qualifier"]:
            item["qualifier"] = c["qualifier"]
        if c["group"]:
            item["group"] = c["group"]
        if c["reporter"] is not None:
            item["reported_by"] = c["reporter"].id
        if c.get("parent"):
            item["included_in"] = c["parent"]["id"]
        ev = evid(c["evidence"])
        if ev:
            item["evidence"] = ev
        counts.append(item)
    quotes = []
    for n, q in enumerate(ex.quotes, 1):
        item = {"id": f"quote-{n}", "text": q["text"], "speaker": q["speaker"].id}
        if q.get("about"):
            item["about"] = q["about"]
        ev = evid(q["evidence"])
        if ev:
            item["evidence"] = ev
        quotes.append(item)
    claims = []
    for n, k in enumerate(ex.claims, 1):
        item = {"id": f"claim-{n}", "kind": k["kind"], "author": k["author"], "text": k["text"]}
        if k.get("about"):
            item["about"] = k["about"]
        ev = evid(k["evidence"])
        if ev:
            item["evidence"] = ev
        claims.append(item)
    for key, items in (("entities", entities), ("events", events), ("counts", counts), ("quotes", quotes),
                       ("claims", claims)):
        if items:
            sheet[key] = items
    return sheet
