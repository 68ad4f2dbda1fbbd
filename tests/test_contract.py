"""The independent contract checker (../shared/tools/contract-check) accepts every format kgpub writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from kgpub.cli import cli


def test_contract_check_passes_on_every_format(shared: Path, tmp_path: Path) -> None:
    outs = [tmp_path / f"events{ext}" for ext in (".ttl", ".jsonld", ".nt", ".nq", ".trig")]
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "-q", *[x for o in outs for x in ("-o", str(o))]])
    assert result.exit_code == 0, result.output
    for out in outs:
        check = subprocess.run(
            [sys.executable, str(shared / "tools" / "contract-check"), str(out),
             "--ontology", str(ROOT / "ontology" / "kgpub.ttl")],
            capture_output=True, text=True)
        assert check.returncode == 0, f"{out.name}:\n{check.stdout}{check.stderr}"
        assert "BROKEN" not in check.stdout


def test_seed_fact_sheet_holds_the_seed_facts(shared: Path) -> None:
    """The hand-curated sheet of the seed article states what issue 2 lists (checked by SPARQL)."""
    import kgpub

    quads = kgpub.build([EXAMPLES / "euronews-2016-02-aleppo.yaml"]).quads
    seed_words = (shared / "seeds" / "000_6bd227958ae20c99.txt").read_text(encoding="utf-8")
    ask = """ASK {
      ?off a kgpub:Offensive ; sem:hasPlace/rdfs:label "Aleppo"@en ; sem:hasBeginTimeStamp "2016-02"^^xsd:gYearMonth .
      ?c500 kgpub:countOf ?off ; kgpub:countType kgpub:killed ; schema:minValue 500 ;
            kgpub:reportedBy/rdfs:label "Syrian Observatory for Human Rights"@en .
      ?c100 kgpub:includedIn ?c500 ; schema:minValue 100 ; kgpub:group "civilians"@en .
      ?war kgpub:countType kgpub:displaced ; schema:value 11000000 .
      ?talks a kgpub:Talks ; sem:hasPlace/rdfs:label "Geneva"@en .
      ?conf a kgpub:Conference ; sem:hasActor/rdfs:label "Sergei Lavrov"@en .
      ?q a schema:Quotation ; schema:creator/rdfs:label "Salim al-Muslat"@en .
      ?acc a kgpub:Accusation ; schema:author/rdfs:label "Laurent Fabius"@en ;
           schema:about/rdfs:label "Russia"@en, "Iran"@en .
    }"""
    assert bool(kgpub.query(ask, quads=quads))
    for actor in ("Russia", "Iran", "Hezbollah", "Syrian government forces"):
        assert bool(kgpub.query(f'ASK {{ ?o a kgpub:Offensive ; sem:hasActor/rdfs:label "{actor}"@en }}',
                                quads=quads)), actor
    for quote in kgpub.query("SELECT ?t WHERE { ?q a schema:Quotation ; schema:text ?t }", quads=quads):
        words = quote["t"].value.rstrip(",.")
        assert words.split(".")[0] in seed_words.replace("’", "'"), words
