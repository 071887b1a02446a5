"""CoNLL reading shared by the NER scripts (`ner-doc-vs-alone.py`,
`ner-sample-errors.py`)."""


def read(text):
    """Documents → sentences → [(token, tag)] (first two columns)."""
    docs, sent = [[]], []
    for line in text.splitlines():
        cols = line.split()
        if not cols:
            if sent:
                docs[-1].append(sent)
                sent = []
            continue
        if cols[0] == "-DOCSTART-":
            if sent:
                docs[-1].append(sent)
                sent = []
            if docs[-1]:
                docs.append([])
            continue
        sent.append((cols[0], cols[-1]))
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def spans(tags):
    """(start, end, type) of names in IOB1/IOB2 tags."""
    out, start, ty = [], None, None
    for i, t in enumerate(tags + ["O"]):
        p, _, k = t.partition("-")
        if start is not None and (p != "I" or k != ty):
            out.append((start, i, ty))
            start = None
        if p == "B" or (p == "I" and start is None):
            start, ty = i, k
    return out
