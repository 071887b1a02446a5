#!/usr/bin/env python3
"""Hostile PDFs for the reader's tests and the pdf fuzz target's seeds.

Each is a few hundred bytes written object by object (no PDF library), so
that the one flaw it carries is plain to read. Deterministic; run from the
repository root:

    python3 scripts/make-hostile-pdfs.py

writes crates/dossier-ingest/tests/data/hostile/*.pdf:

- form-inherits.pdf: a form without /Resources draws /X, which the page's
  resources map to the form itself (it inherits them): pdf-extract
  recursed until the stack overflowed (the SIGSEGV of the pdf fuzz target,
  issue #17).
- form-subtype.pdf: the same loop, but the form's /Subtype is not
  /Form (it reads `Form` followed by the byte 0x1C, as the fuzzer wrote
  it): pdf-extract draws any stream an XObject name points to, whatever
  its subtype, so the guard that only looked at /Form streams let it
  recurse (the SIGSEGV that remained, issue #17).
- form-no-subtype.pdf: a self-drawing XObject with no /Subtype at all.
- form-behind-reference.pdf: the page's /X points to object 6, whose
  value is only `5 0 R`; object 5 is the form drawing /X. pdf-extract
  follows chains of references, the guard followed one step.
- form-glued-do.pdf: the form's content is `/X ()Do`: lopdf reads the
  operands /X and () and the operator Do with no space between, which
  the guard's own tokenizer read as one word `)Do`.
- form-chain.pdf.gz: 1,500 forms, each drawing the next (no loop): a
  recursion deep enough to overflow a 2 MiB test thread's stack (gzipped:
  250 KB as a PDF).
- parent-loop.pdf: a page whose /Parent is itself and that has no
  /MediaBox: pdf-extract climbed the loop for ever (a hang).
- parent-cycle.pdf: a page (a drawn line, no text) and a page-tree node
  that are each other's /Parent, no /Resources: the same climb.
- parent-behind-reference.pdf: parent-cycle.pdf, but the page's /Parent
  is object 6, whose value is only `5 0 R`: pdf-extract follows the
  reference and climbs the loop for ever; the guard had stopped at it.
- operators.pdf: one page whose content stream is a million path
  operators (compressed to 27 KB) before its line of text: lopdf decodes
  the whole stream into memory before pdf-extract draws anything (about
  3 s and 500 MB), which nothing inside the process can interrupt.

`python3 scripts/make-hostile-pdfs.py slow-parse FILE` writes, for
measurement only (19 MB, not committed), a PDF of 400,000 tiny objects
without text: lopdf's parse of the file alone takes seconds.
"""
import gzip
import os
import sys
import zlib

OUT = "crates/dossier-ingest/tests/data/hostile"
FONT = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
TEXT = b"BT /F1 12 Tf 20 150 Td (Ledger page text) Tj ET"


def pdf(objects):
    """A PDF of the given object bodies, numbered from 1; 1 is the catalog."""
    parts = [b"%PDF-1.4\n"]
    size = len(parts[0])
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(size)
        parts.append(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        size += len(parts[-1])
    xref = size
    parts.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    parts.extend(b"%010d 00000 n \n" % o for o in offsets)
    out = b"".join(parts)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def stream(content, extra=b"", compress=False):
    if compress:
        content = zlib.compress(content, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(content), extra, content)


FORM = b" /Type /XObject /Subtype /Form /BBox [0 0 10 10]"
CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def page(rest):
    return b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R %s >>" % rest


def self_drawing(form_content, form_dict, xobject=5, more=()):
    """A page whose text is followed by `/X Do`, /X being object
    `xobject`; object 5 is a stream without /Resources (so it draws /X
    from the page's resources: itself) of the given content and dict."""
    return pdf([
        CATALOG, PAGES,
        page(b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> "
             b"/XObject << /X %d 0 R >> >>" % xobject),
        stream(TEXT + b" /X Do"),
        stream(form_content, form_dict),
    ] + list(more))


def parent_cycle(parent, more=()):
    """A page (a drawn line, no text) whose /Parent is object `parent`,
    and a page-tree node, object 5, whose /Parent is the page."""
    return pdf([
        CATALOG, PAGES,
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>" % parent,
        stream(b"0 0 m 100 100 l S"),
        b"<< /Type /Pages /Parent 3 0 R /Kids [3 0 R] /Count 1 >>",
    ] + list(more))


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {}
    files["form-inherits.pdf"] = self_drawing(b"/X Do", FORM)
    # What the fuzzer made of loop.pdf, on form-inherits.pdf: the subtype
    # name is `Form` and the byte 0x1C.
    files["form-subtype.pdf"] = self_drawing(b"/X Do", b" /Type /XObject /Subtype /Form\x1c /BBox [0 0 10 10]")
    files["form-no-subtype.pdf"] = self_drawing(b"/X Do", b" /Type /XObject /BBox [0 0 10 10]")
    files["form-behind-reference.pdf"] = self_drawing(b"/X Do", FORM, xobject=6, more=[b"5 0 R"])
    files["form-glued-do.pdf"] = self_drawing(b"/X ()Do", FORM)
    n = 1500
    # Objects 5 .. 5+n-1: form k draws form k+1 through its own resources.
    chain = []
    for k in range(n):
        me = 5 + k
        if k + 1 < n:
            chain.append(stream(b"/N Do", FORM + b" /Resources << /XObject << /N %d 0 R >> >>" % (me + 1)))
        else:
            chain.append(stream(TEXT, FORM + b" /Resources " + FONT))
    files["form-chain.pdf.gz"] = pdf([
        CATALOG, PAGES,
        page(b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> "
             b"/XObject << /N 5 0 R >> >>"),
        stream(TEXT + b" /N Do"),
    ] + chain)
    files["parent-loop.pdf"] = pdf([
        CATALOG, PAGES,
        b"<< /Type /Page /Parent 3 0 R /Contents 4 0 R /Resources " + FONT + b" >>",
        stream(TEXT),
    ])
    files["parent-cycle.pdf"] = parent_cycle(parent=5)
    files["parent-behind-reference.pdf"] = parent_cycle(parent=6, more=[b"5 0 R"])
    files["operators.pdf"] = pdf([
        CATALOG, PAGES, page(b"/Resources " + FONT),
        stream(b"0 0 m 1 1 l S\n" * 1_000_000 + TEXT, compress=True),
    ])
    for name, data in files.items():
        if name.endswith(".gz"):
            data = gzip.compress(data, 9, mtime=0)
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(name, len(data))


def slow_parse(path):
    filler = [b"[%d]" % k for k in range(400_000)]
    with open(path, "wb") as f:
        f.write(pdf([CATALOG, PAGES, page(b"/Resources " + FONT), stream(b"")] + filler))


if __name__ == "__main__":
    if sys.argv[1:2] == ["slow-parse"]:
        slow_parse(sys.argv[2])
    else:
        main()
