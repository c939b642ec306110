"""read_documents: choosing the reader, and the message a user gets for each bad input."""

from __future__ import annotations

import pytest
from docs_helpers import check_offsets

from pharmgraph.documents import read_documents
from pharmgraph.errors import InputError


def test_formats_are_chosen_by_suffix_and_content(tmp_path):
    (tmp_path / "a.txt").write_text("Phenytoin blocks sodium channels.\n")
    (tmp_path / "b.md").write_text("# Title\n\nDiazepam binds GABA-A receptors.\n")
    (tmp_path / "c.html").write_text("<p>Ethosuximide blocks T-type channels.</p>")
    (tmp_path / "d.txt").write_text(
        "42|t|Levetiracetam binds SV2A.\n42|a|It is used in epilepsy.\n"
    )
    (tmp_path / "e.txt").write_text(
        "<!DOCTYPE html><html><body><p>Page in a txt file.</p></body></html>"
    )
    (tmp_path / "f.xml").write_text(
        "<collection><document><id>9</id><passage><offset>0</offset>"
        "<text>Valproate inhibits HDAC.</text></passage></document></collection>"
    )
    (tmp_path / "g.xml").write_text(
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>5</PMID><Article>"
        "<ArticleTitle>Lacosamide title.</ArticleTitle></Article></MedlineCitation>"
        "</PubmedArticle></PubmedArticleSet>"
    )
    expected = {
        "a.txt": ("text", "a.txt"),
        "b.md": ("markdown", "b.md"),
        "c.html": ("html", "c.html"),
        "d.txt": ("pubtator", "42"),
        "e.txt": ("html", "e.txt"),
        "f.xml": ("bioc", "9"),
        "g.xml": ("pubmed", "5"),
    }
    for file_name, (fmt, name) in expected.items():
        docs = read_documents(tmp_path / file_name)
        assert len(docs) == 1, file_name
        assert (docs[0].metadata["format"], docs[0].name) == (fmt, name)
        assert docs[0].metadata["path"] == str(tmp_path / file_name)
        assert docs[0].sentences, file_name
        check_offsets(docs[0])


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match=r"nope.txt: no such file\.$"):
        read_documents(tmp_path / "nope.txt")
    with pytest.raises(InputError, match=r"is a folder, not a file"):
        read_documents(tmp_path)


def test_empty_files(tmp_path):
    for name in ("empty.txt", "empty.md", "empty.html"):
        (tmp_path / name).write_bytes(b"")
        docs = read_documents(tmp_path / name)
        assert len(docs) == 1 and docs[0].sentences == [] and docs[0].name == name
    for name in ("empty.xml", "empty.pubtator"):
        (tmp_path / name).write_bytes(b"")
        assert read_documents(tmp_path / name) == []


def test_binary_and_non_utf8(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(
        InputError, match=r"^bin.txt is binary data, not text \(NUL byte at offset 4\)\.$"
    ):
        read_documents(tmp_path / "bin.txt")
    (tmp_path / "latin.txt").write_bytes("Valproate caf\xe9 text".encode("latin-1"))
    with pytest.raises(
        InputError, match=r"^latin.txt is not UTF-8 text \(byte 0xe9 at offset 13\)\.$"
    ):
        read_documents(tmp_path / "latin.txt")
    (tmp_path / "bin.xml").write_bytes(b"<collection>\x00</collection>")
    with pytest.raises(InputError, match=r"^bin.xml is binary data"):
        read_documents(tmp_path / "bin.xml")


def test_byte_order_mark_is_dropped(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffDiazepam sedates.".encode())
    doc = read_documents(tmp_path / "bom.txt")[0]
    assert doc.text == "Diazepam sedates." and doc.sentences[0].start == 0


def test_large_text_file_is_read(tmp_path):
    paragraph = "Carbamazepine blocks sodium channels.[1] It treats trigeminal neuralgia (e.g. in adults).\n\n"
    path = tmp_path / "large.txt"
    path.write_text(paragraph * 20_000)  # about 1.8 MB; the 50 MB figure is in the report
    doc = read_documents(path)[0]
    assert len(doc.sentences) == 40_000
    assert doc.sentences[-1].references == ()
    assert doc.sentences[-2].references == ("1",)
