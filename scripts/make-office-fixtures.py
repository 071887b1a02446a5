#!/usr/bin/env python3
"""Writes the office test files of crates/dossier-ingest/tests/fixtures/office.

The files are committed, so tests and CI need none of these tools. To
rebuild them (same text, same properties, same bytes):

    pip install python-docx==1.2.0 openpyxl==3.1.5 odfpy==1.4.1 python-pptx==1.0.2
    python3 scripts/make-office-fixtures.py

Every sentence is written for these tests. Zip members are rewritten with a
fixed time stamp so that a rebuild gives the same bytes.
"""
import datetime
import os
import re
import zipfile

OUT = os.path.join(os.path.dirname(__file__), "..", "crates", "dossier-ingest", "tests", "fixtures", "office")
CREATED = datetime.datetime(2024, 3, 5, 10, 22, 0)
MODIFIED = datetime.datetime(2024, 3, 7, 16, 0, 0)


def fixed_zip(path):
    """Rewrites a zip with fixed member times and order kept; a time stamp
    of today that a library wrote into a part (a comment's date, openpyxl's
    modification time) becomes MODIFIED."""
    today = re.compile(datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d").encode() + rb"T[0-9:]{8}Z")
    stamp = MODIFIED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as z:
        members = [(i, today.sub(stamp, z.read(i.filename))) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 5, 10, 22, 0))
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            z.writestr(fixed, data)


def docx():
    import docx as d

    doc = d.Document()
    props = doc.core_properties
    props.title = "Reservoir inspection memo"
    props.author = "Ana Lind"
    props.last_modified_by = "Desk Editor"
    props.created = CREATED
    props.modified = MODIFIED
    props.revision = 1
    section = doc.sections[0]
    section.header.paragraphs[0].text = "CONFIDENTIAL DRAFT"
    section.footer.paragraphs[0].text = "Page footer text"
    doc.add_heading("Reservoir inspection", level=1)
    p = doc.add_paragraph("Mayor Ana Lind said the dam near Osh would be inspected on Friday.")
    doc.add_comment(p.runs[0], text="Check the date with the ministry.", author="Desk Editor")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([["Site", "Inspector", "Date"], ["North dam", "Ben Okoro", "8 March"], ["Canal gate", "Ana Lind", "9 March"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph("The ministry declined to comment on the cost.")
    path = os.path.join(OUT, "memo.docx")
    doc.save(path)
    fixed_zip(path)


def xlsx():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget 2024"
    ws.append(["Item", "Cost", "Approved", "Due"])
    ws.append(["Dam repair", 125000, True, datetime.date(2024, 6, 30)])
    ws.append(["Canal gate", 48000.5, False, datetime.date(2024, 9, 1)])
    ws["A5"] = "Total"
    ws["B5"] = "=B2+B3"
    staff = wb.create_sheet("Staff")
    staff.append(["Name", "Role"])
    staff.append(["Ben Okoro", "inspector"])
    staff["D4"] = "note in D4"
    wb.properties.title = "Water budget"
    wb.properties.creator = "Ben Okoro"
    wb.properties.created = CREATED
    wb.properties.modified = MODIFIED
    path = os.path.join(OUT, "budget.xlsx")
    wb.save(path)
    fixed_zip(path)


def pptx():
    from pptx import Presentation

    prs = Presentation()
    for title, body, notes in [
        ("Water briefing", "Ana Lind presented the inspection plan.", "Say that the ministry has not confirmed."),
        ("Next steps", "Ben Okoro will report in April.", None),
    ]:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    prs.core_properties.title = "Water briefing"
    prs.core_properties.author = "Ana Lind"
    prs.core_properties.created = CREATED
    prs.core_properties.modified = MODIFIED
    prs.core_properties.revision = 1
    path = os.path.join(OUT, "briefing.pptx")
    prs.save(path)
    fixed_zip(path)


def odf_meta(doc, title, author):
    from odf import dc, meta

    doc.meta.addElement(dc.Title(text=title))
    doc.meta.addElement(meta.InitialCreator(text=author))
    doc.meta.addElement(dc.Creator(text="Desk Editor"))
    doc.meta.addElement(meta.CreationDate(text=CREATED.isoformat()))
    doc.meta.addElement(dc.Date(text=MODIFIED.isoformat()))


def odt():
    from odf.opendocument import OpenDocumentText
    from odf import text, table, office

    doc = OpenDocumentText()
    odf_meta(doc, "Council minutes", "Ben Okoro")
    doc.text.addElement(text.H(outlinelevel=1, text="Council minutes"))
    p = text.P(text="The council voted to repair the dam.")
    note = text.Note(id="ftn1", noteclass="footnote")
    note.addElement(text.NoteCitation(text="1"))
    body = text.NoteBody()
    body.addElement(text.P(text="The vote was seven to two."))
    note.addElement(body)
    p.addElement(note)
    p.addText(" Work starts in May.")
    doc.text.addElement(p)
    comment = text.P(text="Spacing")
    comment.addElement(text.S(c=3))
    comment.addText("kept.")
    ann = office.Annotation()
    ann.addElement(text.P(text="A reviewer comment."))
    comment.addElement(ann)
    doc.text.addElement(comment)
    t = table.Table(name="Votes")
    t.addElement(table.TableColumn(numbercolumnsrepeated=2))
    for row in [["Member", "Vote"], ["Ana Lind", "yes"]]:
        tr = table.TableRow()
        for cell in row:
            tc = table.TableCell()
            tc.addElement(text.P(text=cell))
            tr.addElement(tc)
        t.addElement(tr)
    doc.text.addElement(t)
    path = os.path.join(OUT, "minutes.odt")
    doc.save(path)
    fixed_zip(path)


def ods():
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf import text, table

    doc = OpenDocumentSpreadsheet()
    odf_meta(doc, "Vote count", "Ana Lind")
    for name, rows in [("Votes", [["Member", "Vote"], ["Ana Lind", "yes"], [], ["Ben Okoro", "no"]]), ("Empty", [])]:
        t = table.Table(name=name)
        for row in rows:
            tr = table.TableRow()
            for cell in row:
                tc = table.TableCell(valuetype="string")
                tc.addElement(text.P(text=cell))
                tr.addElement(tc)
            # Trailing empty columns, as spreadsheet programs write them.
            tr.addElement(table.TableCell(numbercolumnsrepeated=1020))
            t.addElement(tr)
        t.addElement(table.TableRow(numberrowsrepeated=1048000))
        doc.spreadsheet.addElement(t)
    path = os.path.join(OUT, "votes.ods")
    doc.save(path)
    fixed_zip(path)


def odp():
    from odf.opendocument import OpenDocumentPresentation
    from odf import draw, text, presentation, style
    from odf.namespaces import PRESENTATIONNS

    doc = OpenDocumentPresentation()
    odf_meta(doc, "Dam update", "Ana Lind")
    layout = style.PageLayout(name="PL")
    doc.automaticstyles.addElement(layout)
    master = style.MasterPage(name="Default", pagelayoutname=layout)
    doc.masterstyles.addElement(master)
    for title, notes in [("The dam opens in June.", "Mention the ministry."), ("Costs rose by a third.", None)]:
        page = draw.Page(masterpagename=master)
        frame = draw.Frame(width="20cm", height="3cm", x="1cm", y="1cm")
        box = draw.TextBox()
        box.addElement(text.P(text=title))
        frame.addElement(box)
        page.addElement(frame)
        number = draw.Frame(width="2cm", height="1cm", x="1cm", y="18cm")
        number.setAttrNS(PRESENTATIONNS, "class", "page-number")
        nbox = draw.TextBox()
        nbox.addElement(text.P(text="99"))
        number.addElement(nbox)
        page.addElement(number)
        if notes:
            n = presentation.Notes()
            nf = draw.Frame(width="20cm", height="3cm", x="1cm", y="1cm")
            nf.setAttrNS(PRESENTATIONNS, "class", "notes")
            nb = draw.TextBox()
            nb.addElement(text.P(text=notes))
            nf.addElement(nb)
            n.addElement(nf)
            page.addElement(n)
        doc.presentation.addElement(page)
    path = os.path.join(OUT, "update.odp")
    doc.save(path)
    fixed_zip(path)


def rtf():
    body = (
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman Times New Roman;}}"
        r"{\info{\title Letter to the council}{\author Ben Okoro}{\creatim\yr2024\mo3\dy5\hr10\min22}}"
        r"{\header\pard Letterhead of the water board\par}"
        "\n"
        r"\pard Dear council,\par"
        "\n"
        r"\pard The inspection of the dam near Osh found cracks in the spillway. "
        r"The caf\'e9 by the gate stays open.\par"
        "\n"
        r"\trowd\cellx2000\cellx4000\pard\intbl Site\cell Finding\cell\row"
        "\n"
        r"\trowd\cellx2000\cellx4000\pard\intbl Spillway\cell cracks\cell\row"
        "\n"
        r"\pard Yours, Ben Okoro\par}"
        "\n"
    )
    with open(os.path.join(OUT, "letter.rtf"), "w", encoding="ascii") as f:
        f.write(body)


def csv():
    with open(os.path.join(OUT, "staff.csv"), "w", encoding="utf-8", newline="") as f:
        f.write('Name,Role,Started\r\n"Lind, Ana",mayor,2019\r\nBen Okoro,"inspector, water board",2021\r\n')


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for make in (docx, xlsx, pptx, odt, ods, odp, rtf, csv):
        make()
    print("wrote", sorted(os.listdir(OUT)))
