//! Outlook messages made here with `cfb` (properties laid out as MS-OXMSG
//! says, sentences written for these tests).

use std::io::{Cursor, Write};

use crate::source::{open_reader, Built, RawDoc};

type Cfb = cfb::CompoundFile<Cursor<Vec<u8>>>;

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn put(c: &mut Cfb, path: &str, bytes: &[u8]) {
    c.create_stream(path).unwrap().write_all(bytes).unwrap();
}

fn put_str(c: &mut Cfb, base: &str, id: u16, s: &str) {
    put(c, &format!("{base}__substg1.0_{id:04X}001F"), &utf16(s));
}

/// A properties stream: `header` zero bytes, then (type, id, value) entries.
fn properties(c: &mut Cfb, base: &str, header: usize, entries: &[(u16, u16, u64)]) {
    let mut b = vec![0u8; header];
    for (kind, id, value) in entries {
        b.extend(kind.to_le_bytes());
        b.extend(id.to_le_bytes());
        b.extend(6u32.to_le_bytes());
        b.extend(value.to_le_bytes());
    }
    put(c, &format!("{base}__properties_version1.0"), &b);
}

fn filetime(iso: &str) -> u64 {
    let t = chrono::DateTime::parse_from_rfc3339(iso).unwrap().timestamp() as u64;
    (t + 11_644_473_600) * 10_000_000
}

/// A message from Ana Lind to Ben Okoro (cc the desk) with one attachment.
fn make_msg(attachment: (&str, &[u8])) -> Vec<u8> {
    let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    put_str(&mut c, "/", 0x0037, "Re: Reservoir figures");
    put_str(&mut c, "/", 0x0C1A, "Ana Lind");
    put_str(&mut c, "/", 0x5D01, "ana@example.org");
    put_str(&mut c, "/", 0x0E04, "Ben Okoro");
    put_str(
        &mut c,
        "/",
        0x1000,
        "Ben,\r\nThe north dam is at 40 percent.\r\n\r\nOn Monday, Ben Okoro wrote:\r\n> How full is it?\r\n",
    );
    put_str(&mut c, "/", 0x1035, "<reply-7@example.org>");
    put_str(&mut c, "/", 0x1042, "<question-6@example.org>");
    properties(&mut c, "/", 32, &[(0x0040, 0x0039, filetime("2024-03-05T10:22:00Z"))]);
    for (n, (name, address, kind)) in
        [("Ben Okoro", "ben@example.org", 1u64), ("Desk", "desk@example.org", 2)].into_iter().enumerate()
    {
        let base = format!("/__recip_version1.0_#{n:08X}/");
        c.create_storage(&base).unwrap();
        put_str(&mut c, &base, 0x3001, name);
        put_str(&mut c, &base, 0x39FE, address);
        properties(&mut c, &base, 8, &[(0x0003, 0x0C15, kind)]);
    }
    let base = "/__attach_version1.0_#00000000/";
    c.create_storage(base).unwrap();
    put_str(&mut c, base, 0x3707, attachment.0);
    put(&mut c, &format!("{base}__substg1.0_37010102"), attachment.1);
    properties(&mut c, base, 8, &[]);
    c.flush().unwrap();
    c.into_inner().into_inner()
}

fn read(name: &str, bytes: &[u8]) -> Vec<Result<Built, crate::IngestError>> {
    open_reader(name.into(), name, Box::new(Cursor::new(bytes.to_vec())))
        .map(|r| r.and_then(RawDoc::build))
        .collect()
}

fn docx_fixture() -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/office/memo.docx", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn a_message_its_envelope_and_its_attachment() {
    let docx = docx_fixture();
    let msg = make_msg(("memo.docx", &docx));
    let docs: Vec<Built> = read("reply.msg", &msg).into_iter().map(Result::unwrap).collect();
    assert_eq!(docs.len(), 2);
    let m = &docs[0].doc;
    assert_eq!(m.format.as_str(), "email");
    assert_eq!(m.title.as_deref(), Some("Re: Reservoir figures"));
    assert_eq!(m.authors, vec!["Ana Lind".to_string()]);
    assert_eq!(m.published.as_deref(), Some("2024-03-05T10:22:00Z"));
    assert_eq!(m.envelope.to, vec!["Ben Okoro <ben@example.org>".to_string()]);
    assert_eq!(m.envelope.cc, vec!["Desk <desk@example.org>".to_string()]);
    assert_eq!(m.envelope.message_id.as_deref(), Some("reply-7@example.org"));
    assert_eq!(m.envelope.in_reply_to.as_deref(), Some("question-6@example.org"));
    assert_eq!(m.text, "Ben,\nThe north dam is at 40 percent.\n", "quoted reply cut");
    let a = &docs[1].doc;
    assert_eq!(a.format.as_str(), "docx", "the attachment goes through the same detection");
    assert_eq!(a.envelope.parent.as_deref(), Some(m.id.as_str()));
    assert_eq!(a.envelope.filename.as_deref(), Some("memo.docx"));
}

#[test]
fn other_ole2_files_and_broken_messages_are_named() {
    let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    put(&mut c, "/WordDocument", b"old word");
    c.flush().unwrap();
    let doc = c.into_inner().into_inner();
    let e = read("old.doc", &doc).remove(0).unwrap_err();
    assert!(e.reason.contains("no Outlook message"), "{}", e.reason);
    let msg = make_msg(("note.txt", b"The dam holds."));
    let e = read("cut.msg", &msg[..msg.len() / 2]).remove(0).unwrap_err();
    assert_eq!(e.path, "cut.msg");
    assert!(e.reason.contains("corrupt"), "{}", e.reason);
}

#[test]
fn a_draft_names_whom_it_is_sent_for() {
    // An unsent message has no sender yet, only the account it is sent for.
    let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    put_str(&mut c, "/", 0x0037, "Draft");
    put_str(&mut c, "/", 0x0065, "ana@example.org");
    put_str(&mut c, "/", 0x1000, "Not sent yet.");
    c.flush().unwrap();
    let d = read("draft.msg", &c.into_inner().into_inner()).remove(0).unwrap().doc;
    assert_eq!(d.authors, vec!["ana@example.org".to_string()]);
    assert_eq!(d.text, "Not sent yet.\n");
}
