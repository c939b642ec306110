"""PubTator, BioC and PubMed XML: one document per record, annotation offsets intact."""

from __future__ import annotations

import pytest
from docs_helpers import check_offsets

from pharmgraph.documents import parse_bioc, parse_pubmed_xml, parse_pubtator, read_documents
from pharmgraph.errors import InputError

PUBTATOR = (
    "111|t|Lacosamide enhances slow inactivation.\n"
    "111|a|In neurons, lacosamide reduced firing. Phenytoin did not.\n"
    "111\t0\t10\tLacosamide\tChemical\tMESH:D000078334\n"
    "111\t78\t87\tPhenytoin\tChemical\tMESH:D010672\n"
    "111\t0\t5\tWRONG\tChemical\t\n"
    "111\tCID\tMESH:D000078334\tMESH:D004827\n"
    "\n"
    "222|t|Retigabine opens KCNQ2 channels.\n"
    "222|a|\n"
    "222\t17\t22\tKCNQ2\tGene\t3785\n"
)


def test_pubtator_documents_and_offsets():
    docs = parse_pubtator(PUBTATOR, "x.pubtator")
    assert [d.name for d in docs] == ["111", "222"]
    first, second = docs
    for doc in docs:
        check_offsets(doc)
    assert [(a.text, a.type, a.identifier) for a in first.annotations] == [
        ("Lacosamide", "Chemical", "MESH:D000078334"),
        ("Phenytoin", "Chemical", "MESH:D010672"),
    ]
    assert first.metadata["annotations_dropped"] == 1
    assert first.metadata["relations"] == [("CID", "MESH:D000078334", "MESH:D004827")]
    assert first.title == "Lacosamide enhances slow inactivation."
    assert [(s.section, s.text) for s in first.sentences] == [
        ("title", "Lacosamide enhances slow inactivation."),
        ("abstract", "In neurons, lacosamide reduced firing."),
        ("abstract", "Phenytoin did not."),
    ]
    assert second.text == "Retigabine opens KCNQ2 channels."
    assert second.annotations[0].identifier == "3785"


def test_pubtator_bad_line_names_the_line(tmp_path):
    with pytest.raises(InputError, match=r"^y.pubtator, line 2, is not PubTator"):
        parse_pubtator("1|t|Title.\nthis is prose\n", "y.pubtator")
    path = tmp_path / "empty.pubtator"
    path.write_text("")
    assert read_documents(path) == []


BIOC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE collection SYSTEM "BioC.dtd">
<collection><source>test</source><date>2026</date><key>k</key>
<document><id>555</id>
<passage><infon key="type">title</infon><offset>0</offset>
<text>Ethosuximide blocks T-type calcium channels.</text>
<annotation id="T1"><infon key="type">Chemical</infon><infon key="identifier">MESH:D005013</infon>
<location offset="0" length="12"/><text>Ethosuximide</text></annotation></passage>
<passage><infon key="type">abstract</infon><offset>45</offset>
<text>It treats absence seizures. Cav3.1 is the target.</text>
<annotation id="T2"><infon key="type">Gene</infon><infon key="identifier">8913</infon>
<location offset="73" length="6"/><text>Cav3.1</text></annotation></passage>
<passage><infon key="type">ref</infon><offset>400</offset><text>Demo A. A reference.</text></passage>
</document>
<document><id>556</id>
<passage><infon key="type">title</infon><offset>0</offset><text>Second title.</text></passage>
<passage><infon key="type">abstract</infon><offset>5</offset><text>Overlapping offset.</text>
<annotation id="A"><infon key="type">Chemical</infon><location offset="5" length="11"/><text>Overlapping</text></annotation>
</passage></document>
</collection>"""


def test_bioc_documents_and_offsets():
    docs = parse_bioc(BIOC.encode(), "c.xml")
    assert [d.name for d in docs] == ["555", "556"]
    first, second = docs
    for doc in docs:
        check_offsets(doc)
    assert first.text.startswith("Ethosuximide blocks T-type calcium channels.\nIt treats")
    assert [(a.text, a.identifier) for a in first.annotations] == [
        ("Ethosuximide", "MESH:D005013"),
        ("Cav3.1", "8913"),
    ]
    assert first.references == {"1": "Demo A. A reference."}
    assert [s.section for s in first.sentences] == ["title", "abstract", "abstract"]
    # The second passage claims an offset inside the first: it is placed after it, and its
    # annotation moves with it.
    assert second.text == "Second title.\nOverlapping offset."
    assert second.annotations[0].text == "Overlapping"


PUBMED = """<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2019//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd">
<PubmedArticleSet>
<PubmedArticle><MedlineCitation><PMID Version="1">12345</PMID><Article>
<Journal><JournalIssue><PubDate><Year>2004</Year></PubDate></JournalIssue><Title>Example Journal</Title></Journal>
<ArticleTitle>Gabapentin binds the <i>α2δ</i> subunit.</ArticleTitle>
<Abstract><AbstractText Label="BACKGROUND">Gabapentin is an anticonvulsant.</AbstractText>
<AbstractText Label="RESULTS">It reduced calcium influx by 20%. Effects were dose dependent.</AbstractText></Abstract>
</Article></MedlineCitation>
<PubmedData><ArticleIdList><ArticleId IdType="doi">10.0000/example</ArticleId></ArticleIdList></PubmedData>
</PubmedArticle>
<PubmedArticle><MedlineCitation><PMID>67890</PMID><Article><ArticleTitle>No abstract here.</ArticleTitle></Article></MedlineCitation></PubmedArticle>
</PubmedArticleSet>"""


def test_pubmed_xml_documents():
    docs = parse_pubmed_xml(PUBMED.encode(), "p.xml")
    assert [d.name for d in docs] == ["12345", "67890"]
    doc = docs[0]
    check_offsets(doc)
    assert doc.title == "Gabapentin binds the α2δ subunit."
    assert doc.metadata["year"] == "2004" and doc.metadata["doi"] == "10.0000/example"
    assert doc.metadata["journal"] == "Example Journal"
    assert [(s.kind, s.section, s.text) for s in doc.sentences] == [
        ("sentence", "title", "Gabapentin binds the α2δ subunit."),
        ("heading", "BACKGROUND", "BACKGROUND"),
        ("sentence", "BACKGROUND", "Gabapentin is an anticonvulsant."),
        ("heading", "RESULTS", "RESULTS"),
        ("sentence", "RESULTS", "It reduced calcium influx by 20%."),
        ("sentence", "RESULTS", "Effects were dose dependent."),
    ]
    assert [s.text for s in docs[1].sentences] == ["No abstract here."]


XXE = """<?xml version="1.0"?>
<!DOCTYPE collection [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY boom "BOOM">]>
<collection><document><id>1</id><passage><offset>0</offset><text>&xxe; &boom;</text></passage></document></collection>"""


def test_xml_entities_are_refused_not_expanded(tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_text(XXE)
    with pytest.raises(InputError, match=r"^xxe.xml declares XML entities") as caught:
        read_documents(path)
    assert "root:" not in str(caught.value)
    pubmed = XXE.replace("collection", "PubmedArticleSet")
    with pytest.raises(InputError, match="declares XML entities"):
        parse_pubmed_xml(pubmed, "p.xml")


def test_malformed_and_unknown_xml(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<collection><document></collection>")
    with pytest.raises(InputError, match=r"^bad.xml is not well-formed XML"):
        read_documents(bad)
    other = tmp_path / "other.xml"
    other.write_text("<?xml version='1.0'?><!-- c --><catalog><item/></catalog>")
    with pytest.raises(InputError, match=r"^other.xml is XML with root <catalog>"):
        read_documents(other)
