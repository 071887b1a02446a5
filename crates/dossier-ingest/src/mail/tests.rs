use crate::source::{open_reader, Built, RawDoc};

fn read(name: &str, bytes: &[u8]) -> Vec<Result<Built, crate::IngestError>> {
    open_reader(name.into(), name, Box::new(std::io::Cursor::new(bytes.to_vec())))
        .map(|r| r.and_then(RawDoc::build))
        .collect()
}

/// A reply with encoded words, quoted-printable text, a quoted block and
/// a text attachment in base64 (all sentences written for this test).
const REPLY: &str = "From: =?UTF-8?Q?Tom=C3=A1s_Ruiz?= <tomas@example.org>\r
To: Ana Lind <ana@example.org>, desk@example.org\r
Cc: Lea Park <lea@example.org>\r
Subject: =?ISO-8859-1?Q?Re:_R=E9servoir_figures?=\r
Date: Tue, 4 Mar 2008 10:22:00 +0100\r
Message-ID: <reply-42@example.org>\r
In-Reply-To: <question-41@example.org>\r
MIME-Version: 1.0\r
Content-Type: multipart/mixed; boundary=\"XYZ\"\r
\r
--XYZ\r
Content-Type: text/plain; charset=utf-8\r
Content-Transfer-Encoding: quoted-printable\r
\r
The minister told me the reservoir is half empty. G=C3=BCnter agrees.\r
\r
On Mon, 3 Mar 2008, Ana Lind <ana@example.org> wrote:\r
> How full is the reservoir?\r
--XYZ\r
Content-Type: text/plain; name=\"notes.txt\"\r
Content-Disposition: attachment; filename=\"notes.txt\"\r
Content-Transfer-Encoding: base64\r
\r
VGhlIGRhbSB3YXMgYnVpbHQgaW4gMTk3NS4K\r
--XYZ\r
Content-Type: application/pdf; name=\"scan.pdf\"\r
Content-Disposition: attachment; filename=\"scan.pdf\"\r
Content-Transfer-Encoding: base64\r
\r
JVBERi0xLjQKJeLjz9MK\r
--XYZ--\r
";

#[test]
fn a_message_its_headers_body_and_attachments() {
    let docs = read("reply.eml", REPLY.as_bytes());
    assert_eq!(docs.len(), 3, "{docs:?}");
    let msg = &docs[0].as_ref().unwrap().doc;
    assert_eq!(msg.format, dossier_core::Format::Email);
    assert_eq!(msg.authors, vec!["Tomás Ruiz".to_string()]);
    assert_eq!(msg.published.as_deref(), Some("2008-03-04T10:22:00+01:00"));
    assert_eq!(msg.title.as_deref(), Some("Re: Réservoir figures"));
    let env = &msg.envelope;
    assert_eq!(env.to, vec!["Ana Lind <ana@example.org>".to_string(), "desk@example.org".to_string()]);
    assert_eq!(env.cc, vec!["Lea Park <lea@example.org>".to_string()]);
    assert_eq!(env.subject.as_deref(), Some("Re: Réservoir figures"));
    assert_eq!(env.message_id.as_deref(), Some("reply-42@example.org"));
    assert_eq!(env.in_reply_to.as_deref(), Some("question-41@example.org"));
    assert_eq!(msg.text, "The minister told me the reservoir is half empty. Günter agrees.\n");
    let att = &docs[1].as_ref().unwrap().doc;
    assert_eq!(att.text, "The dam was built in 1975.\n");
    assert_eq!(att.format, dossier_core::Format::Text);
    assert_eq!(att.envelope.parent.as_deref(), Some(msg.id.as_str()));
    assert_eq!(att.envelope.filename.as_deref(), Some("notes.txt"));
    let pdf = docs[2].as_ref().unwrap_err();
    assert_eq!(pdf.path, "reply.eml › scan.pdf");
    assert!(pdf.reason.contains("PDF"), "{}", pdf.reason);
}

#[test]
fn an_html_only_message_goes_through_the_html_extractor() {
    let msg = b"From: desk@example.org\nTo: ana@example.org\nSubject: Notice\nContent-Type: text/html; charset=windows-1252\n\n<html><body><p>The board will meet on Friday in Osh to discuss the reservoir and the donors\x92 offer.</p></body></html>\n";
    let docs = read("n.eml", msg);
    let doc = &docs[0].as_ref().unwrap().doc;
    assert!(doc.text.contains("The board will meet on Friday in Osh"), "{:?}", doc.text);
    assert!(doc.text.contains("donors’ offer"), "{:?}", doc.text);
    assert!(!doc.text.contains("<p>"));
}

#[test]
fn an_mbox_is_one_document_per_message_and_a_cut_one_is_named() {
    let mbox = "From ana@example.org Mon Mar  3 09:00:00 2008\nFrom: Ana Lind <ana@example.org>\nSubject: Question\nMessage-ID: <q@example.org>\n\nHow full is the reservoir?\n\nFrom tomas@example.org Tue Mar  4 10:22:00 2008\nFrom: tomas@example.org\nSubject: Re: Question\nIn-Reply-To: <q@example.org>\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nHalf empty.\n--B\nContent-Type: text/plain\n";
    let docs = read("inbox.mbox", mbox.as_bytes());
    assert_eq!(docs.len(), 2, "{docs:?}");
    let one = docs[0].as_ref().unwrap();
    assert_eq!(one.doc.text, "How full is the reservoir?\n");
    assert!(one.warnings.is_empty(), "{:?}", one.warnings);
    let two = docs[1].as_ref().unwrap();
    assert_eq!(two.doc.envelope.in_reply_to.as_deref(), Some("q@example.org"));
    assert_eq!(two.doc.authors, vec!["tomas@example.org".to_string()]);
    assert!(two.warnings.iter().any(|w| w.contains("closing boundary")), "{:?}", two.warnings);
}

#[test]
fn garbage_in_an_mbox_is_named_and_the_rest_read() {
    let mbox = "From x Mon Mar  3 09:00:00 2008\nFrom: a@example.org\nSubject: one\n\nFirst.\n\nFrom y Mon Mar  3 09:00:00 2008\n\n\n\nFrom z Mon Mar  3 09:00:00 2008\nFrom: b@example.org\nSubject: three\n\nThird.\n";
    let docs = read("box.mbox", mbox.as_bytes());
    assert_eq!(docs.len(), 3, "{docs:?}");
    assert!(docs[0].is_ok() && docs[2].is_ok());
    let err = docs[1].as_ref().unwrap_err();
    assert_eq!(err.path, "box.mbox#message 2");
}
