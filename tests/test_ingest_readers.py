"""Readers chosen by content: HTML, PDF, JSON/CSV with field mapping, sniffing, language, offsets."""

from __future__ import annotations

import json

import pytest

from samples import ARTICLES, SPANISH_ARTICLE, article_page, article_text, pdf_bytes, rss_feed, wrap
from tacitus.ingest import iter_inputs
from tacitus.ingest.language import LanguageIdentifier
from tacitus.ingest.normalize import normalize_text
from tacitus.ingest.sniff import Kind, sniff
from tacitus.model import Document, Reject


def _split(items):
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Reject)]


def _pdf_lines(index: int) -> list[str]:
    return [line for paragraph in article_text(index).split("\n\n") for line in [*wrap(paragraph), ""]]


@pytest.mark.parametrize(
    ("data", "name", "content_type", "kind"),
    [
        (b"", "a.txt", None, Kind.EMPTY),
        (b" \n\t", "a.txt", None, Kind.EMPTY),
        (b"%PDF-1.4\n...", "scan.bin", None, Kind.PDF),
        (b"\x89PNG\r\n\x1a\n....", "photo.txt", None, Kind.BINARY),
        (b"abc\x00def", "a.txt", None, Kind.BINARY),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "feed", None, Kind.FEED),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', "x.txt", None, Kind.FEED),
        (b"<!DOCTYPE html><html><body>Hi</body></html>", "page.txt", None, Kind.HTML),
        (b"<html><p>no doctype</p></html>", "noext", None, Kind.HTML),
        (b'<?xml version="1.0"?><invoice><total>3</total></invoice>', "a.xml", None, Kind.XML),
        (b'{"text": "Iran condemned it."}\n{"text": "x"}\n', "data.txt", None, Kind.JSONL),
        (b'[{"text": "Iran condemned it."}]', "data.json", None, Kind.JSON),
        (b"[Reuters] Iran condemned the strike.", "a.txt", None, Kind.TEXT),
        (b"{Reuters} Iran condemned the strike.", "a.txt", None, Kind.TEXT),
        (b"id,text\n1,Iran condemned it.\n", "table.csv", None, Kind.CSV),
        (b"id,text\n1,Iran condemned it.\n", "http://x/export", "text/csv; charset=utf-8", Kind.CSV),
        (b"Plain words, but served as a page.", "http://x/a", "text/html", Kind.HTML),
        (b"Iran condemned the strike.", "notes.html", None, Kind.HTML),
        (b"Iran condemned the strike, officials said.", "a.md", None, Kind.TEXT),
    ],
)
def test_ingest_sniff_kind_from_content_then_hints(data, name, content_type, kind):
    assert sniff(data, name, content_type) is kind


def test_ingest_directory_of_mixed_documents(tmp_path):
    """HTML, PDF and text in English are read; Spanish, empty and scanned PDF are rejected with reasons."""
    (tmp_path / "page.html").write_text(article_page(0), encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(pdf_bytes(_pdf_lines(5), title="Kharkiv shelling", created="20220309"))
    (tmp_path / "scan.pdf").write_bytes(pdf_bytes(None))
    (tmp_path / "noticia.txt").write_text(SPANISH_ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "2024-02-20_manila.txt").write_text(article_text(4), encoding="utf-8")
    docs, rejects = _split(list(iter_inputs([str(tmp_path)])))
    by_id = {d.id: d for d in docs}
    assert set(by_id) == {"page", "report", "2024-02-20_manila"}
    assert by_id["page"].title == ARTICLES[0][2] and by_id["page"].date == "2024-06-25"
    assert "Most read" not in by_id["page"].text
    assert by_id["report"].title == "Kharkiv shelling" and by_id["report"].date == "2022-03-09"
    assert "Russian forces shelled residential districts" in " ".join(by_id["report"].text.split())
    assert by_id["2024-02-20_manila"].date == "2024-02-20"
    assert {d.language for d in docs} == {"en"}
    reasons = {r.item.rsplit("/", 1)[-1]: r.reason for r in rejects}
    assert reasons == {
        "noticia.txt": "language is Spanish (es), the model is English",
        "empty.txt": "empty text",
        "scan.pdf": "PDF has no text layer (scanned?)",
    }


@pytest.mark.model
def test_ingest_directory_of_mixed_documents_is_coded(tmp_path, coder):
    (tmp_path / "page.html").write_text(article_page(0), encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(pdf_bytes(_pdf_lines(5)))
    (tmp_path / "noticia.txt").write_text(SPANISH_ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "manila.txt").write_text(article_text(4), encoding="utf-8")
    items = list(iter_inputs([str(tmp_path)], date="2024-06-25"))
    docs, rejects = _split(items)
    coded = {doc.id: events for doc, events in coder.code_documents(docs)}
    assert set(coded) == {"page", "report", "manila"}
    roots = {doc_id: {(e.source.country, e.root) for e in events} for doc_id, events in coded.items()}
    assert ("KEN", "17") in roots["page"]
    assert ("RUS", "19") in roots["report"]
    assert ("PHL", "11") in roots["manila"] or ("PHL", "09") in roots["manila"] or ("PHL", "10") in roots["manila"]
    assert sorted(r.item.rsplit("/", 1)[-1] for r in rejects) == ["empty.txt", "noticia.txt"]


def test_ingest_pdf_encrypted_and_corrupt_are_rejects(tmp_path):
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(_pdf_lines(1)))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    (tmp_path / "locked.pdf").write_bytes(buffer.getvalue())
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF\n")
    _, rejects = _split(list(iter_inputs([str(tmp_path)])))
    reasons = {r.item.rsplit("/", 1)[-1]: r.reason for r in rejects}
    assert reasons["locked.pdf"] == "PDF is encrypted (password needed)"
    assert reasons["broken.pdf"].startswith("corrupt PDF: ")


def test_ingest_jsonl_field_mapping_and_missing_text(tmp_path):
    path = tmp_path / "wire.jsonl"
    rows = [
        {"uid": "k1", "body": article_text(0), "published": "2024-06-25", "title": "Kenya", "url": "http://a/k"},
        {"uid": "k2", "text": "the text is in the wrong field"},
        {"uid": "k3", "body": article_text(1)},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs, rejects = _split(list(iter_inputs([str(path)], text_field="body", id_field="uid", date_field="published")))
    assert [(d.id, d.date, d.title, d.url) for d in docs] == [
        ("k1", "2024-06-25", "Kenya", "http://a/k"), ("k3", None, None, None)
    ]
    assert [(r.item, r.reason) for r in rejects] == [(f"{path}:2", "no 'body' field, or it is empty")]


def test_ingest_json_array_and_pretty_object(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"id": "a", "text": article_text(2)}, {"id": "b"}]))
    (tmp_path / "one.json").write_text(json.dumps({"id": "c", "text": article_text(3)}, indent=2))
    docs, rejects = _split(list(iter_inputs([str(tmp_path)])))
    assert [d.id for d in docs] == ["a", "c"]
    assert [r.item.rsplit("/", 1)[-1] for r in rejects] == ["list.json[2]"]


def test_ingest_csv_mapping_delimiters_and_line_numbers(tmp_path):
    csv_path = tmp_path / "export.csv"
    quoted = article_text(4).replace('"', '""')
    csv_path.write_text(
        'story,headline,content,day\n'
        f's1,Manila protests,"{quoted}",2024-02-20\n'
        's2,Nothing,,2024-02-21\n'
        f's3,Kharkiv,"{article_text(5)}",2022-03-09\n',
        encoding="utf-8",
    )
    docs, rejects = _split(list(iter_inputs([str(csv_path)], text_field="content", id_field="story",
                                            date_field="day")))
    assert [(d.id, d.date) for d in docs] == [("s1", "2024-02-20"), ("s3", "2022-03-09")]
    first_line_of_s2 = 3 + article_text(4).count("\n")
    expected = [(f"{csv_path}:{first_line_of_s2}", "no 'content' field, or it is empty")]
    assert [(r.item, r.reason) for r in rejects] == expected
    tsv = tmp_path / "semi.tsv"
    tsv.write_text(f"id\ttext\nt1\t{article_text(6).replace(chr(10), ' ')}\n", encoding="utf-8")
    (doc,) = list(iter_inputs([str(tsv)]))
    assert doc.id == "t1"


def test_ingest_csv_without_the_text_column_names_the_columns(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("id,body\n1,Iran condemned the strike.\n", encoding="utf-8")
    (reject,) = list(iter_inputs([str(path)]))
    assert reject.item == str(path)
    assert reject.reason == "no 'text' column (columns: 'id', 'body'); name the text column with --text-field"


def test_ingest_local_feed_with_carried_text(tmp_path):
    items = [{"title": a[2], "date": a[1], "link": f"http://127.0.0.1:9/{a[0]}",
              "content": "".join(f"<p>{p}</p>" for p in a[3])} for a in ARTICLES[:3]]
    path = tmp_path / "wire.rss"
    path.write_text(rss_feed(items), encoding="utf-8")
    docs, rejects = _split(list(iter_inputs([str(path)])))
    assert rejects == []
    assert [(d.title, d.date) for d in docs] == [(a[2], a[1]) for a in ARTICLES[:3]]
    assert docs[0].text == "\n\n".join(ARTICLES[0][3])


def test_ingest_html_with_no_main_text_is_a_reject(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    (reject,) = list(iter_inputs([str(path)]))
    assert reject.reason == "no main text found in the HTML page"


def test_ingest_language_short_texts_are_not_rejected():
    identifier = LanguageIdentifier()
    assert identifier.guess("Hezbollah y Hamas: Netanyahu") is None  # too short to tell
    spanish = identifier.guess(SPANISH_ARTICLE)
    assert (spanish.code, spanish.name) == ("es", "Spanish")
    assert identifier.rejection(spanish) == "language is Spanish (es), the model is English"
    english = identifier.guess(article_text(0))
    assert english.is_english and identifier.rejection(english) is None


def test_ingest_language_check_can_be_turned_off(tmp_path):
    path = tmp_path / "noticia.txt"
    path.write_text(SPANISH_ARTICLE, encoding="utf-8")
    (doc,) = list(iter_inputs([str(path)], check_language=False))
    assert isinstance(doc, Document) and doc.language is None


WEB_TEXT = (
    "\ufeffKHARKIV\u00a0\u2014 Russian forces arr\u00adested two \u201cpartisans\u201d in the city\u2019s east,\r\n"
    "officials said.\u200bUkraine\u2019s army con\u00addemned the inter\u00adnational silence."
)


def test_normalize_keeps_length_and_word_starts():
    clean = normalize_text(WEB_TEXT)
    assert len(clean) == len(WEB_TEXT)
    assert clean == (
        " KHARKIV \u2014 Russian forces arrested  two \"partisans\" in the city's east, \n"
        "officials said. Ukraine's army condemned  the international  silence."
    )
    starts = [i for i, c in enumerate(WEB_TEXT) if c.isalnum() and (i == 0 or not WEB_TEXT[i - 1].isalnum()
                                                                    and WEB_TEXT[i - 1] not in "\u00ad")]
    assert all(clean[i].isalnum() and (i == 0 or not clean[i - 1].isalnum()) for i in starts)
    assert normalize_text(clean) == clean


@pytest.mark.model
def test_normalize_offsets_hold_against_the_source_text(tmp_path, open_coder):
    """Spans of coded events index the file's decoded text: each sentence sits at the same offsets there."""
    path = tmp_path / "2022-03-09_web.txt"
    path.write_bytes(WEB_TEXT.encode("utf-8"))
    source = path.read_bytes().decode("utf-8")  # what a user holds: the file as written
    (doc,) = list(iter_inputs([str(path)]))
    events = [e for _, found in open_coder.code_documents([doc]) for e in found]  # the partisans have no country
    assert {(e.source.code, e.root) for e in events} >= {("RUSMIL", "17")}  # "arr\u00adested" is whole again
    for event in events:
        start, end = event.span
        assert doc.text[start:end] == event.sentence
        assert normalize_text(source[start:end]) == event.sentence


def test_ingest_language_reaches_the_store(tmp_path):
    from tacitus.store import Store

    path = tmp_path / "manila.txt"
    path.write_text(article_text(4), encoding="utf-8")
    (doc,) = list(iter_inputs([str(path)]))
    with Store(":memory:") as store:
        run_id = store.begin_run(config={}, model="none", model_version="0", dictionaries={})
        store.write_batch(run_id, [(doc, "hash-1")], [])
        assert store.sql("SELECT doc_id, language FROM documents").values.tolist() == [["manila", "en"]]


@pytest.mark.model
def test_cli_code_csv_with_field_mapping(tmp_path):
    from typer.testing import CliRunner

    from tacitus.cli import app

    path = tmp_path / "wire.csv"
    path.write_text(f'story,content,day\nk1,"{ARTICLES[0][3][0]}",2024-06-25\nk2,,2024-06-26\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(path), "--text-field", "content", "--id-field", "story",
                                      "--date-field", "day"])
    assert result.exit_code == 1, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(e["doc_id"], e["date"], e["source"]["code"], e["root"]) for e in events} >= {
        ("k1", "2024-06-25", "KENCOP", "17")
    }
    assert f"{path}:3: no 'content' field, or it is empty" in result.stderr
