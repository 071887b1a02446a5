use super::*;

/// A cable of my own making, in the form WikiLeaks published.
const CABLE: &str = "\
VZCZCXYZ0001
P 101200Z APR 08
FM AMEMBASSY BISHKEK
TO SECSTATE WASHDC PRIORITY 1234
INFO OSCE COLLECTIVE

C O N F I D E N T I A L SECTION 01 OF 02 BISHKEK 000321

SIPDIS

E.O. 12958: DECL: 04/10/2018
TAGS: PREL, PGOV, KG
SUBJECT: KYRGYZSTAN: WATER TALKS STALL AS
DONORS LOSE PATIENCE

REF: A. BISHKEK 111 B. STATE 2222

Classified By: Ambassador Jane Rowe for reasons 1.4 (b) and (d)

1. (C) Summary: Talks on the reservoir stalled this week.
2. (U) The minister said the donors would meet again in May.
";

#[test]
fn a_cable_header_is_read() {
    let c = read(CABLE).expect("recognised");
    assert_eq!(c.date.as_deref(), Some("2008-04-10T12:00:00Z"));
    assert_eq!(c.from.as_deref(), Some("AMEMBASSY BISHKEK"));
    assert_eq!(c.to, vec!["SECSTATE WASHDC".to_string()]);
    assert_eq!(c.classification.as_deref(), Some("CONFIDENTIAL"));
    assert_eq!(c.subject.as_deref(), Some("KYRGYZSTAN: WATER TALKS STALL AS DONORS LOSE PATIENCE"));
    assert_eq!(c.references, vec!["BISHKEK 111".to_string(), "STATE 2222".to_string()]);
}

#[test]
fn a_memo_with_labelled_fields_is_read() {
    let memo = "DATE: 14 March 2009\nFROM: Deputy Chief of Mission\nTO: Political Section\nCLASSIFICATION: SECRET//NOFORN\nSUBJ: Meeting with the opposition\nREF: STATE 4455; BISHKEK 98\n\n1. (S/NF) The opposition leader asked for help.\n";
    let c = read(memo).expect("recognised");
    assert_eq!(c.date.as_deref(), Some("2009-03-14"));
    assert_eq!(c.from.as_deref(), Some("Deputy Chief of Mission"));
    assert_eq!(c.classification.as_deref(), Some("SECRET//NOFORN"));
    assert_eq!(c.subject.as_deref(), Some("Meeting with the opposition"));
    assert_eq!(c.references, vec!["STATE 4455".to_string(), "BISHKEK 98".to_string()]);
}

#[test]
fn dates_in_every_written_form() {
    for (text, want) in [
        ("2008-04-10", "2008-04-10"),
        ("April 10, 2008", "2008-04-10"),
        ("10 APR 08", "2008-04-10"),
        ("04/10/2008", "2008-04-10"),
        ("2008-04-10 12:00", "2008-04-10"),
    ] {
        assert_eq!(parse_date(text).as_deref(), Some(want), "{text}");
    }
    assert_eq!(parse_date("sometime in spring"), None);
    assert_eq!(parse_date("2008-13-45"), None);
}

#[test]
fn ordinary_text_is_no_cable() {
    assert!(read("Subject: the budget\n\nThe council met on Tuesday and agreed the budget.\n").is_none());
    assert!(read("Secret talks were held in Osh, officials said.\nSUBJECT: none\n").is_none());
    // A cable quoted far down an article is the article's content.
    let article = format!("{}{}", "The ministry said nothing new.\n".repeat(70), CABLE);
    assert!(read(&article).is_none());
}

#[test]
fn the_header_becomes_the_metadata() {
    let mut meta = ContainerMeta {
        published: Some("2023-06-01".into()),
        title: Some("What the cables said".into()),
        ..ContainerMeta::default()
    };
    read(CABLE).unwrap().apply(&mut meta);
    assert_eq!(meta.published.as_deref(), Some("2008-04-10T12:00:00Z"));
    assert_eq!(meta.authors, vec!["AMEMBASSY BISHKEK".to_string()]);
    assert_eq!(meta.title.as_deref(), Some("KYRGYZSTAN: WATER TALKS STALL AS DONORS LOSE PATIENCE"));
    assert_eq!(meta.envelope.classification.as_deref(), Some("CONFIDENTIAL"));
}
