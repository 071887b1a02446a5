#!/usr/bin/env python3
"""Builds the PDF extraction benchmark and the scanned-page test images.

    python3 -m pip install reportlab==5.1.0 fpdf2==2.8.9 pyphen pillow
    python3 scripts/make-pdf-bench.py

Writes (all committed, so neither CI nor a developer needs these tools):

- data/eval/pdf/            dev set: 12 demo-corpus articles (Wikinews,
                            CC BY 2.5, data/demo) rendered by reportlab in
                            four layouts, three articles each.
- data/eval/pdf-heldout/    held out: the three articles written for the
                            project (src/*.txt) rendered by fpdf2, a second
                            PDF producer, in three layouts each.
- crates/dossier-ingest/tests/data/memo.pdf, locked.pdf, loop.pdf,
  crates/dossier-cli/tests/fixtures/pdf/
                            test fixtures of text written for the tests
                            (see fixtures()).
- crates/dossier-ingest/tests/data/scan-*.{png,pdf}
                            a page of the held-out text rendered to an image
                            with noise and a slight rotation, and the same
                            image as a PDF page without a text layer.

Each PDF `<name>.pdf` has its gold text `<name>.txt` beside it: the article
as written (title, then paragraphs), without the running headers and page
numbers the layouts add. Layouts: one column; two columns; justified text
hyphenated at line ends (reportlab's pyphen hyphenation, fpdf2 soft
hyphens); an embedded TrueType font (DejaVu, Debian's fonts-dejavu-core)
drawn with the ligature characters U+FB00-FB04 for ff, fi, fl, ffi, ffl.
Every page has a running header and a numbered footer. The output is
deterministic (fixed creation dates, no random ids).
"""

import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FONTS = "/usr/share/fonts/truetype/dejavu"
DATE = "20240315120000"


def paragraphs(text):
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def ligate(s):
    """Draws ff, fi, fl, ffi, ffl as the ligature characters a typesetter
    would pick (the extractor must expand them back)."""
    for a, b in (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02")):
        s = s.replace(a, b)
    return s


# --- dev: reportlab ------------------------------------------------------


def reportlab_pdf(path, title, paras, layout):
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
    from reportlab.rl_config import invariant  # noqa: F401

    import reportlab.rl_config as cfg

    cfg.invariant = 1  # fixed dates and ids: the same bytes every run
    pdfmetrics.registerFont(TTFont("DejaVuSerif", f"{FONTS}/DejaVuSerif.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSans", f"{FONTS}/DejaVuSans.ttf"))
    font, size, columns, align, hyphen, lig = {
        "onecol": ("Helvetica", 10, 1, TA_LEFT, False, False),
        "twocol": ("Times-Roman", 9, 2, TA_JUSTIFY, False, False),
        "hyphen": ("DejaVuSerif", 9, 1, TA_JUSTIFY, True, False),
        "ligature": ("DejaVuSans", 8, 2, TA_JUSTIFY, True, True),
    }[layout]
    body = ParagraphStyle(
        "body", fontName=font, fontSize=size, leading=size * 1.25, alignment=align, spaceAfter=size * 0.6
    )
    if hyphen:
        body.hyphenationLang = "en_GB"
        body.embeddedHyphenation = 1
        body.uriWasteReduce = 0.3
    head = ParagraphStyle("head", parent=body, fontSize=size + 4, leading=(size + 4) * 1.2, alignment=TA_LEFT)
    width, height = A5
    margin = 15 * mm
    gap = 6 * mm
    col_w = (width - 2 * margin - (columns - 1) * gap) / columns
    frames = [
        Frame(margin + i * (col_w + gap), margin, col_w, height - 2 * margin, id=f"c{i}", showBoundary=0)
        for i in range(columns)
    ]
    running = title if len(title) < 50 else title[:47] + "..."

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawString(margin, height - 9 * mm, f"Wikinews | {running}")
        canvas.drawRightString(width - margin, 8 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = BaseDocTemplate(
        path, pagesize=A5, title=title, author="Wikinews", subject="PDF benchmark", creator="reportlab"
    )
    doc.addPageTemplates([PageTemplate(id="p", frames=frames, onPage=furniture)])
    fix = ligate if lig else (lambda s: s)
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # noqa: E731
    story = [Paragraph(esc(fix(title)), head)] + [Paragraph(esc(fix(p)), body) for p in paras]
    doc.build(story)


def dev():
    out = os.path.join(ROOT, "data/eval/pdf")
    os.makedirs(out, exist_ok=True)
    docs = [json.loads(l) for l in open(os.path.join(ROOT, "data/demo/wikinews-gum.jsonl"))]
    docs.sort(key=lambda d: d["id"])
    layouts = ["onecol", "twocol", "hyphen", "ligature"]
    # Every other article of the 24, so both halves of the alphabet appear.
    for i, d in enumerate(docs[::2]):
        layout = layouts[i % len(layouts)]
        name = f"{d['id'].removeprefix('GUM_news_')}-{layout}"
        paras = paragraphs(d["text"])
        title, rest = paras[0], paras[1:]
        reportlab_pdf(os.path.join(out, name + ".pdf"), title, rest, layout)
        with open(os.path.join(out, name + ".txt"), "w") as f:
            f.write("\n\n".join(paras) + "\n")


# --- held out: fpdf2 -----------------------------------------------------


def soft_hyphens(text, dic):
    return re.sub(r"[A-Za-z]{7,}", lambda m: dic.inserted(m.group(0), hyphen="\u00ad"), text)


def fpdf_page(header, footer):
    """An fpdf2 document on 105 x 148 mm pages with a running `header` and
    a `footer` (a format string given the page number) on every page."""
    from fpdf import FPDF

    class Page(FPDF):
        def header(self):
            self.set_font("helvetica", size=7)
            self.cell(0, 5, header, align="L")
            self.ln(9)

        def footer(self):
            self.set_y(-12)
            self.set_font("helvetica", size=7)
            self.cell(0, 5, footer.format(self.page_no()), align="C")

    return Page(format=(105, 148))


def fpdf_pdf(path, title, paras, layout):
    import datetime

    import pyphen

    pdf = fpdf_page("The Regional Courier - special print", "- {} -")
    pdf.set_creation_date(datetime.datetime(2024, 3, 15, 12, 0, 0, tzinfo=datetime.timezone.utc))
    pdf.set_title(title)
    pdf.set_author("Dossier Desk")
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(True, 16)
    pdf.add_font("DejaVuSerif", fname=f"{FONTS}/DejaVuSerif.ttf")
    pdf.add_page()
    dic = pyphen.Pyphen(lang="en_GB")
    if layout == "onecol":
        font, size, fix = "helvetica", 10, lambda s: s
    elif layout == "twocol":
        font, size, fix = "DejaVuSerif", 8, ligate
    else:
        font, size, fix = "DejaVuSerif", 9, lambda s: soft_hyphens(s, dic)
    pdf.set_font(font, size=size + 4)
    pdf.multi_cell(0, (size + 4) * 0.5, fix(title) if layout != "hyphen" else title)
    pdf.ln(3)
    pdf.set_font(font, size=size)
    if layout == "twocol":
        with pdf.text_columns(ncols=2, gutter=5, text_align="JUSTIFY", l_margin=10, r_margin=10) as cols:
            for p in paras:
                cols.write(text=fix(p) + "\n\n")
    else:
        for p in paras:
            pdf.multi_cell(0, size * 0.45, fix(p), align="J")
            pdf.ln(2)
    pdf.output(path)


def heldout():
    base = os.path.join(ROOT, "data/eval/pdf-heldout")
    for src in sorted(os.listdir(os.path.join(base, "src"))):
        text = open(os.path.join(base, "src", src)).read()
        paras = paragraphs(text)
        for layout in ["onecol", "twocol", "hyphen"]:
            name = f"{src.removesuffix('.txt')}-{layout}"
            fpdf_pdf(os.path.join(base, name + ".pdf"), paras[0], paras[1:], layout)
            with open(os.path.join(base, name + ".txt"), "w") as f:
                f.write("\n\n".join(paras) + "\n")


# --- scans ---------------------------------------------------------------


def scans():
    """A page of printed text as a scanner gives it: grey paper, speckles,
    a slight blur and a 1.2-degree rotation, at 200 dpi."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    out = os.path.join(ROOT, "crates/dossier-ingest/tests/data")
    os.makedirs(out, exist_ok=True)
    text = open(os.path.join(ROOT, "data/eval/pdf-heldout/src/bridge.txt")).read()
    paras = paragraphs(text)[:3]
    w, h = 1654, 1240  # the top half of an A4 page at 200 dpi
    img = Image.new("L", (w, h), 236)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(f"{FONTS}/DejaVuSerif.ttf", 30)
    y = 160
    lines_out = []
    for p in paras:
        line = ""
        for word in p.split():
            trial = (line + " " + word).strip()
            if draw.textlength(trial, font=font) > w - 300:
                lines_out.append(line)
                line = word
            else:
                line = trial
        lines_out.append(line)
        lines_out.append("")
    for line in lines_out:
        draw.text((150, y), line, fill=25, font=font)
        y += 44
    rng = random.Random(17)
    px = img.load()
    for _ in range(w * h // 150):
        x, yy = rng.randrange(w), rng.randrange(h)
        px[x, yy] = rng.choice((0, 90, 255))
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    img = img.rotate(1.2, resample=Image.BICUBIC, expand=False, fillcolor=236)
    img.save(os.path.join(out, "scan-bridge.png"), optimize=True, dpi=(200, 200))
    with open(os.path.join(out, "scan-bridge.txt"), "w") as f:
        f.write("\n\n".join(paras) + "\n")
    # The same page as a PDF with the image only (no text layer), as a
    # scanner writes it.
    import time

    when = time.gmtime(1710504000)  # 2024-03-15 12:00 UTC
    img.convert("L").save(
        os.path.join(out, "scan-bridge.pdf"),
        "PDF",
        resolution=200.0,
        title="Scanned page",
        creationDate=when,
        modDate=when,
    )


# --- test fixtures ---------------------------------------------------------

MEMO = [
    "Water board memo on the reservoir audit",
    "The audit of the Kelmscott reservoir found that the pumps installed in 2016 were "
    "never certified, the water board's inspector wrote in a memo to the council.",
    "The inspector, Maren Holt, said the contractor had submitted the same safety "
    "certificate for three different sites. \"We asked for the originals twice and "
    "received photocopies both times,\" she wrote.",
    "The board will decide on Friday whether the reservoir stays in service while a "
    "second, independent inspection takes place. A spokesman for the contractor "
    "declined to comment.",
] + [
    f"Appendix note {i}: the flow meters at station {i} were read by hand in October and "
    "their figures differ from the automatic log by up to four per cent."
    for i in range(1, 9)
]


def fixtures():
    """Small PDFs of text written for the tests: a two-page memo with a
    running header, numbered footers, XMP and Info metadata; an encrypted
    PDF; a PDF whose form object draws itself; one whose only page is blank."""
    import datetime

    out = os.path.join(ROOT, "crates/dossier-ingest/tests/data")
    pdf = fpdf_page("Kelmscott Water Board - internal", "Page {}")
    pdf.set_creation_date(datetime.datetime(2023, 5, 17, 9, 30, 0, tzinfo=datetime.timezone.utc))
    pdf.set_title("Reservoir audit memo")
    pdf.set_author("Maren Holt")
    pdf.set_lang("en")
    pdf.set_xmp_metadata(
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreateDate="2023-05-17T11:30:00+02:00">'
        "<dc:creator><rdf:Seq><rdf:li>Maren Holt</rdf:li><rdf:li>Ola Dahl</rdf:li></rdf:Seq></dc:creator>"
        "</rdf:Description>"
    )
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(True, 16)
    pdf.add_page()
    pdf.set_font("helvetica", size=13)
    pdf.multi_cell(0, 6, MEMO[0])
    pdf.ln(3)
    pdf.set_font("helvetica", size=9)
    for p in MEMO[1:]:
        pdf.multi_cell(0, 4.2, p, align="J")
        pdf.ln(2)
    pdf.output(os.path.join(out, "memo.pdf"))
    with open(os.path.join(out, "memo.txt"), "w") as f:
        f.write("\n\n".join(MEMO) + "\n")

    from reportlab.pdfgen import canvas
    import reportlab.rl_config as cfg

    cfg.invariant = 1
    c = canvas.Canvas(os.path.join(out, "locked.pdf"), encrypt="not-the-empty-password")
    c.drawString(72, 720, "This memo is encrypted and needs a password.")
    c.save()

    # Hand-written: a page draws form /F1, whose resources name itself.
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R "
        b"/Resources << /XObject << /F1 5 0 R >> >> >>",
        None,  # page content
        None,  # the form
    ]
    page = b"/F1 Do"
    form = b"/F1 Do"
    objects[3] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(page), page)
    objects[4] = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 300] /Resources << /XObject << /F1 5 0 R >> >> "
        b"/Length %d >>\nstream\n%s\nendstream" % (len(form), form)
    )
    body = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (i, o)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        body += b"%010d 00000 n \n" % off
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(os.path.join(out, "loop.pdf"), "wb") as f:
        f.write(body)

    # The memo as an e-mail attachment and as a zip member, for the CLI
    # tests (crates/dossier-cli/tests/pdf.rs).
    import zipfile
    from email.message import EmailMessage
    from email.utils import format_datetime

    cli = os.path.join(ROOT, "crates/dossier-cli/tests/fixtures/pdf")
    os.makedirs(cli, exist_ok=True)
    memo = open(os.path.join(out, "memo.pdf"), "rb").read()
    msg = EmailMessage()
    msg["From"] = "Maren Holt <maren@kelmscott-water.example>"
    msg["To"] = "Council desk <desk@kelmscott.example>"
    msg["Subject"] = "Audit memo attached"
    msg["Date"] = format_datetime(datetime.datetime(2023, 5, 17, 12, 0, tzinfo=datetime.timezone.utc))
    msg["Message-ID"] = "<memo-7@kelmscott-water.example>"
    msg.set_content("Please find the reservoir audit memo attached.\n\nMaren")
    msg.add_attachment(memo, maintype="application", subtype="pdf", filename="audit-memo.pdf")
    msg.set_boundary("memo-7-boundary")  # fixed, so the bytes are the same every run
    with open(os.path.join(cli, "memo-mail.eml"), "wb") as f:
        f.write(bytes(msg))
    with zipfile.ZipFile(os.path.join(cli, "bundle.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("papers/audit-memo.pdf", date_time=(2023, 5, 17, 12, 0, 0))
        z.writestr(info, memo, zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    which = sys.argv[1:] or ["dev", "heldout", "scans", "fixtures"]
    for w in which:
        globals()[w]()
