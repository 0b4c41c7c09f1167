"""Test inputs written for Tacitus: ten short wire-style articles, HTML pages, an RSS feed, PDFs.

The articles are our own text (no real reporting copied); each holds at least one clear event.
"""

from __future__ import annotations

from html import escape
from xml.sax.saxutils import escape as xml_escape

# (slug, date, headline, paragraphs)
ARTICLES: list[tuple[str, str, str, list[str]]] = [
    ("kenya-arrests", "2024-06-25", "Kenyan police arrest dozens of protesters in Nairobi", [
        "NAIROBI, June 25 - Kenyan police arrested dozens of protesters outside parliament in Nairobi on "
        "Tuesday after demonstrators opposed to a finance bill broke through barricades.",
        "The interior ministry said officers had detained 41 people. Opposition leaders condemned the arrests "
        "and demanded the release of those held.",
    ]),
    ("nigeria-kidnapping", "2024-03-08", "Gunmen abduct pupils in northern Nigeria", [
        "KADUNA, March 8 - Gunmen abducted more than a hundred pupils from a school in Kaduna state in northern "
        "Nigeria on Thursday, local officials said.",
        "The Nigerian army said troops were searching the forests near the village.",
    ]),
    ("pakistan-talks", "2024-02-14", "Pakistan and Afghanistan hold border talks", [
        "ISLAMABAD, Feb 14 - Pakistani officials met Afghan Taliban representatives in Kabul on Wednesday to "
        "discuss the reopening of the Torkham border crossing.",
        "Pakistan's foreign ministry said the talks were constructive and would continue next month.",
    ]),
    ("colombia-ceasefire", "2023-08-03", "Colombia signs ceasefire with ELN rebels", [
        "BOGOTA, Aug 3 - The Colombian government signed a six-month ceasefire agreement with ELN rebels on "
        "Thursday, the first such deal in years.",
        "President Gustavo Petro praised the accord and said negotiations would resume in Caracas.",
    ]),
    ("philippines-protest", "2024-02-20", "Philippines protests to China over water cannon", [
        "MANILA, Feb 20 - The Philippines lodged a formal protest with China on Tuesday after Chinese coast "
        "guard vessels fired water cannon at a Philippine supply boat near Scarborough Shoal.",
        "Manila summoned the Chinese ambassador to explain the incident.",
    ]),
    ("ukraine-shelling", "2022-03-09", "Russian forces shell Kharkiv", [
        "KHARKIV, March 9 - Russian forces shelled residential districts of the Ukrainian city of Kharkiv "
        "overnight, killing at least ten civilians, regional officials said.",
        "Ukraine accused Russia of deliberately targeting civilians.",
    ]),
    ("sudan-fighting", "2023-06-02", "Sudanese army clashes with RSF in Khartoum", [
        "KHARTOUM, June 2 - The Sudanese army clashed with Rapid Support Forces fighters in southern Khartoum "
        "on Friday, residents said, a day after talks in Jeddah were suspended.",
        "The United Nations urged both sides to protect civilians.",
    ]),
    ("india-aid", "2023-05-18", "India sends relief supplies to Myanmar", [
        "NEW DELHI, May 18 - India sent a navy ship carrying relief supplies to Myanmar on Thursday after a "
        "cyclone struck the coast of Rakhine state.",
        "The Indian foreign ministry said the aid included food, tents and medicines.",
    ]),
    ("mali-coup-plot", "2024-03-14", "Mali arrests officers over alleged coup plot", [
        "BAMAKO, March 14 - Mali's military government arrested several army officers accused of plotting a "
        "coup, state television reported on Thursday.",
        "The government said the officers would face trial.",
    ]),
    ("iraq-sanctions", "2023-10-19", "United States imposes sanctions on Iraqi militia leaders", [
        "WASHINGTON, Oct 19 - The United States imposed sanctions on two leaders of an Iraqi militia on "
        "Thursday, accusing them of attacking American forces in Iraq.",
        "The Iraqi government rejected the sanctions and called for dialogue.",
    ]),
]

SPANISH_ARTICLE = (
    "MADRID, 25 de junio - La policía española detuvo el martes a decenas de manifestantes frente al "
    "Congreso de los Diputados en Madrid, después de que los manifestantes rompieran las vallas de "
    "seguridad. El Ministerio del Interior informó de que los agentes habían detenido a 41 personas."
)


def article_text(index: int) -> str:
    """An article as plain text: headline, blank line, paragraphs."""
    _, _, headline, paragraphs = ARTICLES[index]
    return "\n\n".join([headline, *paragraphs])


def html_page(headline: str, paragraphs: list[str], date: str | None = None, author: str = "Staff Reporter",
              site: str = "Tacitus Test Wire", lang: str = "en", charset: str = "utf-8") -> str:
    """A news page with navigation, a related-links box and a footer around the article."""
    meta = f'<meta property="article:published_time" content="{date}T09:30:00Z">' if date else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>{escape(headline)} | {escape(site)}</title>
<meta property="og:site_name" content="{escape(site)}"><meta name="author" content="{escape(author)}">{meta}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>{escape(headline)}</h1>
<p class="byline">By {escape(author)}</p>
{body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/x">Ten recipes for summer</a></li>
<li><a href="/y">Markets close higher</a></li></ul></aside></main>
<footer><p>Subscribe to our newsletter for daily updates.</p><p>Copyright 2024 {escape(site)}. All rights
reserved. Privacy policy. Cookie settings.</p></footer>
</body></html>"""


def article_page(index: int) -> str:
    _, date, headline, paragraphs = ARTICLES[index]
    return html_page(headline, paragraphs, date=date)


def rss_feed(items: list[dict[str, str]], title: str = "Tacitus Test Wire") -> str:
    """An RSS 2.0 feed; an item dict has title, link, date (YYYY-MM-DD), optional description and content."""
    rendered = []
    for item in items:
        parts = [f"<title>{xml_escape(item['title'])}</title>", f"<link>{xml_escape(item['link'])}</link>",
                 f"<guid>{xml_escape(item['link'])}</guid>", f"<pubDate>{_rfc822(item['date'])}</pubDate>",
                 f"<description>{xml_escape(item.get('description', ''))}</description>"]
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        rendered.append("<item>" + "".join(parts) + "</item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{xml_escape(title)}</title><link>http://127.0.0.1/</link><description>Test wire</description>"
            + "\n".join(rendered) + "</channel></rss>")


def _rfc822(day: str) -> str:
    import datetime as dt

    return dt.datetime.fromisoformat(day).strftime("%a, %d %b %Y 08:00:00 GMT")


def pdf_bytes(lines: list[str] | None, title: str = "Report", author: str = "Tacitus",
              created: str = "20240625") -> bytes:
    """A minimal valid one-page PDF: Helvetica text ``lines``, or (``None``) a drawing with no text layer."""
    if lines is None:
        stream = "q 0.5 g 72 400 300 200 re f Q"  # a filled grey box: what a scan looks like to pypdf
    else:
        shown = " T* ".join(f"({_pdf_string(line)}) Tj" for line in lines)
        stream = f"BT /F1 11 Tf 14 TL 72 740 Td {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        "/Contents 4 0 R >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Title ({_pdf_string(title)}) /Author ({_pdf_string(author)}) /CreationDate (D:{created}093000Z) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{offset:010d} 00000 n \n".encode("ascii") for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode("ascii")
    return bytes(out)


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def wrap(text: str, width: int = 90) -> list[str]:
    """Text as lines of at most ``width`` characters (for a PDF page)."""
    import textwrap

    return textwrap.wrap(text, width)
