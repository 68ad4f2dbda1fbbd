"""RDF namespaces used by kgpub.

``KGPUB`` is generated from ``ontology/kgpub.ttl`` (one line per term, with its skos:definition)::

    python -m rdflib.tools.defined_namespace_creator ontology/kgpub.ttl "https://w3id.org/kgpub/ns#" KGPUB

then pasted below with ``_fail = True``, so that a misspelt term is an AttributeError instead of a
silently wrong IRI. ``tests/test_namespaces.py`` fails when the class and the ontology disagree.
Use rdflib's own ``SDO``, ``PROV``, ``DCTERMS``, ``SH``, ``SKOS`` ... for the other vocabularies.

>>> KGPUB.Count
rdflib.term.URIRef('https://w3id.org/kgpub/ns#Count')
>>> SEM.Event
rdflib.term.URIRef('http://semanticweb.cs.vu.nl/2009/11/sem/Event')
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["KGPUB", "KGSH", "OA", "SEM", "WD", "KGPUB_ONTOLOGY", "KGPUB_SHAPES"]


class KGPUB(DefinedNamespace):
    """The kgpub vocabulary, <https://w3id.org/kgpub/ns#> (generated from ontology/kgpub.ttl)."""

    _NS = Namespace("https://w3id.org/kgpub/ns#")
    _fail = True

    Accusation: URIRef  # A claim that someone did something wrong; schema:about names the accused or the event.
    Airstrike: URIRef  # An attack from the air (aircraft, drones, missiles fired from aircraft) on a place or target.
    Attack: URIRef  # A violent act against people or places that is not an airstrike or part of a described offensive: a bombing, a shooting, a raid.
    Conference: URIRef  # A scheduled, usually recurring, gathering with many participants, such as a security conference.
    Count: URIRef  # A number of people or things that an article reports for an event (killed, injured, taking part, ...), with its hedge and its source.
    CountTypes: URIRef  # The kinds of things a kgpub:Count counts; the values of kgpub:countType.
    Demand: URIRef  # A claim that someone must do or stop doing something, such as a call for a ceasefire.
    Denial: URIRef  # A claim that something said or alleged is not true.
    Disaster: URIRef  # A natural or technological catastrophe: an earthquake, a flood, a storm, an industrial accident.
    Election: URIRef  # A vote in which people choose office holders, or a referendum on a question.
    EntityLink: URIRef  # A record of how kgpub linked an entity to a Wikidata item: the entity, the item, the score, the margin over the runner-up and the method.
    LinkMethods: URIRef  # The ways kgpub finds the Wikidata item for an entity; the values of kgpub:linkMethod.
    Meeting: URIRef  # A gathering of a few named people or delegations, such as a meeting of ministers or a summit.
    Offensive: URIRef  # A military operation in which armed forces attack to take ground or defeat an enemy, often over days or weeks.
    Protest: URIRef  # A public demonstration of objection or demand: a march, a rally, a sit-in, a strike.
    Talks: URIRef  # Negotiations between parties to a conflict or dispute, such as peace talks.
    Visit: URIRef  # A trip by a person or delegation to a place or to another party, such as a state visit.
    War: URIRef  # An armed conflict between states or organised groups, lasting months or years; offensives and airstrikes are often part of one (sem:subEventOf).
    affected: URIRef  # People affected by the event in a way the article does not narrow down (for example left without power or water by a disaster).
    arrested: URIRef  # People arrested or detained in connection with the event.
    countOf: URIRef  # The event that a count is a count of.
    countType: URIRef  # What a count counts: a concept of the kgpub:CountTypes scheme (killed, injured, displaced, ...).
    displaced: URIRef  # People forced to leave their homes by the event.
    evidence: URIRef  # A Web Annotation that points at the words of the article stating a fact (an event, count, quote, claim or entity mention).
    exactAliasMatch: URIRef  # A name of the entity (its label or an alias) equals an alias of the Wikidata item, after Unicode normalisation and case folding.
    exactLabelMatch: URIRef  # A name of the entity (its label or an alias) equals the label of the Wikidata item, after Unicode normalisation and case folding.
    group: URIRef  # Who or what is counted, in the article's words, when it narrows or names the count: "civilians", "children", "seats won by the ruling party".
    includedIn: URIRef  # A larger count that this count is part of: "at least 100 civilians" among "at least 500 killed".
    injured: URIRef  # People hurt in the event who survived it.
    killed: URIRef  # People who died in or because of the event.
    linkMargin: URIRef  # How far the chosen item's score is above the runner-up's; a small margin marks a doubtful link.
    linkMethod: URIRef  # How the Wikidata item was found: a concept such as kgpub:exactLabelMatch or kgpub:exactAliasMatch.
    linkScore: URIRef  # The score the linker gave the chosen Wikidata item; higher means a surer link.
    linkSubject: URIRef  # The kgpub entity (person, organisation, place) that a link record links.
    linkTarget: URIRef  # The Wikidata item that a link record links the entity to (the object of its owl:sameAs).
    matchedLabel: URIRef  # The label or alias of the Wikidata item that matched a name of the entity.
    missing: URIRef  # People whose fate after the event is not known.
    other: URIRef  # Anything else an article counts for an event (seats won, registered voters, buildings destroyed); kgpub:group then says what.
    participants: URIRef  # People taking part in the event: crowds, marchers, delegates, fighters.
    qualifier: URIRef  # The words that hedge a number, as the article writes them: "at least", "more than", "up to", "nearly", "about".
    reportedBy: URIRef  # The actor (person, organisation or country) that gives the number, according to the article.
    runnerUp: URIRef  # The Wikidata item that scored second, which the linker did not choose.


#: The ontology document itself (owl:Ontology; its terms are in ``KGPUB``).
KGPUB_ONTOLOGY = URIRef("https://w3id.org/kgpub/ns")
#: The shapes document (shapes/kgpub.shapes.ttl), e.g. for ``dcterms:conformsTo``.
KGPUB_SHAPES = URIRef("https://w3id.org/kgpub/shapes")
#: The names of the shapes in shapes/kgpub.shapes.ttl (``KGSH.CountShape``).
KGSH = Namespace("https://w3id.org/kgpub/shapes#")
#: Simple Event Model.
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
#: Web Annotation vocabulary.
OA = Namespace("http://www.w3.org/ns/oa#")
#: Wikidata items (``WD.Q41183`` is Aleppo).
WD = Namespace("http://www.wikidata.org/entity/")
