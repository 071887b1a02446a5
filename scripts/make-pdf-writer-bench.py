#!/usr/bin/env python3
"""PDFs printed by a real office suite (LibreOffice Writer), for
`dossier eval pdf --gold data/eval/pdf-writer` (a held-out set).

Six articles of `data/eval/quotes-heldout-3.jsonl` (written for the
project) are laid out as Writer documents (flat ODT, `<name>.fodt`, kept
beside the PDFs) in three layouts, two articles each, on A5 pages with a
running header and a "Page N of M" footer:

- `notes`: one justified column in Liberation Serif, two footnotes
  anchored in the last paragraph (so their text ends the last page);
- `twocol`: two justified columns in DejaVu Sans, automatic hyphenation
  (needs Debian's hyphen-en-gb), the headline across both columns;
- `table`: one column in Liberation Sans with a three-column table of the
  article's particulars after the second paragraph.

`<name>.txt` is the gold text: the headline and paragraphs, table rows
with their cells separated by tabs, then the footnotes, without header,
footer, page numbers or note markers. Then each `.fodt` is printed to PDF
by `soffice --headless --convert-to pdf`. Run from the repository root:

    apt-get install -y libreoffice-writer-nogui hyphen-en-gb
    python3 scripts/make-pdf-writer-bench.py
"""
import json
import os
import subprocess
from xml.sax.saxutils import escape

OUT = "data/eval/pdf-writer"
CHOSEN = {
    "wire-mine-blockade": "notes",
    "sports-doping-appeal": "notes",
    "arts-museum-restitution": "twocol",
    "local-school-board-books": "twocol",
    "wire-ferry-grounding": "table",
    "tech-city-ransomware": "table",
}
NOTES = [
    "Figures are those the agencies gave on the day and may since have been revised.",
    "Statements were translated by the desk where they were not given in English.",
]
HEADER = "Regional Desk \u00b7 not for publication"

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def p(style, text):
    return '<text:p text:style-name="%s">%s</text:p>' % (style, text)


def note(i, body):
    return (
        '<text:note text:id="ftn%d" text:note-class="footnote"><text:note-citation>%d</text:note-citation>'
        '<text:note-body>%s</text:note-body></text:note>' % (i, i, p("Footnote", escape(body)))
    )


def document(article, layout):
    paras = [x.strip() for x in article["text"].split("\n\n") if x.strip()]
    title = paras[0] if len(paras[0]) < 110 and not paras[0].endswith(".") else None
    body = paras[1:] if title else paras
    font = {"notes": "Liberation Serif", "twocol": "DejaVu Sans", "table": "Liberation Sans"}[layout]
    hyphenate = "true" if layout == "twocol" else "false"
    gold, xml = [], []
    if title:
        gold.append(title)
        xml.append(p("Title", escape(title)))
    if layout == "twocol":
        xml.append('<text:section text:style-name="Sect2" text:name="Columns">')
    table_rows = [
        ("Desk", "Style", "Words"),
        ("Regional", article["outlet_style"].split(" (")[0], str(len(article["text"].split()))),
    ]
    for k, para in enumerate(body):
        last = k == len(body) - 1
        if layout == "notes" and last:
            xml.append(p("Body", escape(para) + note(1, NOTES[0]) + " " + note(2, NOTES[1])))
        else:
            xml.append(p("Body", escape(para)))
        gold.append(para)
        if layout == "table" and k == 1:
            rows = "".join(
                "<table:table-row>%s</table:table-row>"
                % "".join(
                    '<table:table-cell office:value-type="string">%s</table:table-cell>' % p("Cell", escape(c))
                    for c in row
                )
                for row in table_rows
            )
            xml.append(
                '<table:table table:name="Particulars" table:style-name="Tbl">'
                '<table:table-column table:number-columns-repeated="3"/>%s</table:table>' % rows
            )
            gold.extend("\t".join(row) for row in table_rows)
    if layout == "twocol":
        xml.append("</text:section>")
    if layout == "notes":
        gold.extend(NOTES)
    styles = f"""
 <office:font-face-decls>
  <style:font-face style:name="{font}" svg:font-family="'{font}'"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
   <style:text-properties style:font-name="{font}" fo:font-size="11pt" fo:language="en" fo:country="GB"
     fo:hyphenate="{hyphenate}" fo:hyphenation-remain-char-count="3" fo:hyphenation-push-char-count="3"/>
  </style:default-style>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.18cm"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.4cm"/>
   <style:text-properties fo:font-size="17pt" fo:font-weight="bold" fo:hyphenate="false"/>
  </style:style>
  <style:style style:name="Small" style:family="paragraph">
   <style:text-properties fo:font-size="8pt" fo:hyphenate="false"/>
  </style:style>
  <style:style style:name="Footnote" style:family="paragraph">
   <style:text-properties fo:font-size="8.5pt"/>
  </style:style>
  <style:style style:name="Cell" style:family="paragraph">
   <style:text-properties fo:font-size="9.5pt" fo:hyphenate="false"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="A5">
   <style:page-layout-properties fo:page-width="14.8cm" fo:page-height="21cm" fo:margin-top="1.2cm"
     fo:margin-bottom="1.2cm" fo:margin-left="1.7cm" fo:margin-right="1.7cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.3cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="Sect2" style:family="section">
   <style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.6cm"/></style:section-properties>
  </style:style>
  <style:style style:name="Tbl" style:family="table">
   <style:table-properties style:width="11.4cm" table:align="left" fo:margin-top="0.2cm" fo:margin-bottom="0.3cm"/>
  </style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="A5">
   <style:header>{p("Small", escape(HEADER))}</style:header>
   <style:footer>{p("Small", 'Page <text:page-number text:select-page="current"/> of <text:page-count/>')}</style:footer>
  </style:master-page>
 </office:master-styles>"""
    doc = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">\n'
        f'<office:meta><dc:title>{escape(title or article["id"])}</dc:title>'
        "<meta:initial-creator>Regional Desk</meta:initial-creator></office:meta>"
        f"{styles}\n<office:body><office:text>\n" + "\n".join(xml) + "\n</office:text></office:body></office:document>\n"
    )
    return doc, "\n\n".join(gold) + "\n"


def main():
    os.makedirs(OUT, exist_ok=True)
    articles = {}
    with open("data/eval/quotes-heldout-3.jsonl") as f:
        for line in f:
            a = json.loads(line)
            articles[a["id"]] = a
    for art_id, layout in CHOSEN.items():
        name = f"{art_id}-{layout}"
        doc, gold = document(articles[art_id], layout)
        with open(os.path.join(OUT, name + ".fodt"), "w") as f:
            f.write(doc)
        with open(os.path.join(OUT, name + ".txt"), "w") as f:
            f.write(gold)
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", OUT, os.path.join(OUT, name + ".fodt")],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(name)


if __name__ == "__main__":
    main()
