#!/bin/sh
# Adds the project's test fixtures to the committed seed corpora (run from
# the repository root before `cargo +nightly fuzz run TARGET`).
set -e
F=crates/dossier-cli/tests/fixtures
C=fuzz/corpus
mkdir -p $C/detect $C/decode $C/html $C/warc $C/feed $C/jsonl $C/query $C/mail $C/zip $C/office $C/pdf
cp $F/article.html $F/serve/hostile.html $C/html/
cp $F/feed.atom $F/feed.rss $C/feed/
cp $F/serve/hostile.jsonl $C/jsonl/
head -1 data/demo/wikinews-gum.jsonl > $C/jsonl/demo-line.jsonl
cp $F/unicode.txt $F/article.html $F/feed.rss $F/serve/hostile.jsonl $C/warc/*.warc $C/detect/
cp $F/unicode.txt $C/decode/
cp $F/mail/reply.eml $F/mail/inbox.mbox $C/mail/
cp crates/dossier-ingest/tests/fixtures/office/* $C/office/
# The main XML parts of the office fixtures, as the target wraps them.
for f in memo.docx:word/document.xml minutes.odt:content.xml votes.ods:content.xml budget.xlsx:xl/worksheets/sheet1.xml; do
    unzip -p crates/dossier-ingest/tests/fixtures/office/${f%%:*} ${f#*:} > $C/office/${f%%:*}.xml 2>/dev/null || true
done
cp $F/mail/leak.zip $F/mail/corrupt.zip $F/pdf/bundle.zip $C/zip/
cp $F/pdf/memo-mail.eml $C/mail/
D=crates/dossier-ingest/tests/data
cp $D/memo.pdf $D/locked.pdf $D/loop.pdf $D/hostile/form-inherits.pdf $D/hostile/parent-loop.pdf $D/hostile/parent-cycle.pdf \
    $D/hostile/form-subtype.pdf $D/hostile/form-behind-reference.pdf $D/hostile/form-glued-do.pdf $D/hostile/parent-behind-reference.pdf \
    data/eval/pdf/ie9-twocol.pdf data/eval/pdf-heldout/bridge-hyphen.pdf $C/pdf/
