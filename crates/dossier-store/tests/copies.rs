//! Copies at ingest: a wire story stored again under another headline, with
//! a new lead, trimmed, or wrapped in a site's boilerplate joins the
//! story's cluster; another article on the same event does not. Texts
//! written for these tests.

use dossier_core::{Annotations, Document, Format, Span};
use dossier_store::Store;

const WIRE: &str = "The regional water board voted on Thursday to ration irrigation water for the \
coming season, after the driest winter recorded in the valley for forty years.\n\n\
Farmers will receive a little over half of their usual allocation, and the board will review the \
limits every month until the reservoirs recover.\n\n\
\"We have no choice but to share what little there is,\" the board's chair, Marta Ilves, told \
reporters after the vote. \"If we wait for rain, we will have nothing left by August.\"\n\n\
Growers' groups said the cut would hit orchards hardest, because young trees cannot survive a \
summer without water, and asked the government for emergency loans to buy water from \
neighbouring districts.\n\n\
The board said towns would not be affected for now, but asked households to water gardens only \
after dark and to report leaking pipes.";

const OTHER_REPORT: &str = "Irrigation in the valley will be cut by nearly half this year, the \
water board decided on Thursday, as reservoirs stand at their lowest level in four decades.\n\n\
Marta Ilves, who chairs the board, said members had voted unanimously. Orchard owners, who fear \
for their young trees, are now lobbying ministers for cheap loans so that they can buy water from \
other districts, and some say they may leave part of their land unplanted.\n\n\
Households are not rationed yet, although the board wants people to stop watering lawns during \
the day. A decision on town supplies is expected in the spring, once the snowmelt is measured.";

fn doc(id: &str, site: &str, published: Option<&str>, text: &str) -> (Document, Annotations) {
    let mut d = Document::new(id.into(), format!("{id}.txt"), Format::Text, text.into());
    d.site = Some(site.into());
    d.published = published.map(str::to_string);
    let ann = Annotations { sentences: vec![Span::new(0, text.len())], ..Default::default() };
    (d, ann)
}

/// The wire story under a new lead, trimmed after its quote, inside a
/// site's header and footer.
fn reprint() -> String {
    let paras: Vec<&str> = WIRE.split("\n\n").collect();
    format!(
        "Valley Courier | Home | News | Weather\n\nDrought forces water cuts on valley farms.\n\n{}\n\n{}\n\n{}\n\n\
         Subscribe to our newsletter for the latest local news. © Valley Courier. All rights reserved.",
        paras[1], paras[2], paras[3]
    )
}

fn add(store: &mut Store, docs: &[(Document, Annotations)]) {
    let mut w = store.writer().unwrap();
    for (d, a) in docs {
        w.add(d, a).unwrap();
    }
    w.finish().unwrap();
}

#[test]
fn a_reprint_joins_the_story_and_another_report_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path()).unwrap();
    add(
        &mut store,
        &[
            doc("courier", "Valley Courier", Some("2024-03-08"), &reprint()),
            doc("wire", "Wire Service", Some("2024-03-07"), WIRE),
            doc("other", "Evening Post", Some("2024-03-07"), OTHER_REPORT),
        ],
    );
    let v = store.copies("courier").unwrap();
    assert_eq!(v.documents, 2, "{v:?}");
    assert_eq!(v.sites, 2);
    // The origin is the earliest, whichever was stored first.
    assert_eq!(v.origin.as_ref().map(|o| o.id.as_str()), Some("wire"));
    assert_eq!(v.members.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["wire", "courier"]);
    // The evidence: the measured overlap of the pair.
    assert_eq!(v.pairs.len(), 1);
    let p = &v.pairs[0];
    assert_eq!((p.a.as_str(), p.b.as_str()), ("courier", "wire"));
    assert!(p.containment > 0.6 && p.jaccard < p.containment, "{p:?}");
    // Same event, other words: alone.
    let o = store.copies("other").unwrap();
    assert_eq!((o.documents, o.origin.is_none(), o.members.len()), (1, true, 0));
    assert!(matches!(store.copies("nope"), Err(dossier_store::StoreError::NotFound(_))));
}

#[test]
fn a_later_ingest_joins_and_merges_existing_clusters() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path()).unwrap();
    let paras: Vec<&str> = WIRE.split("\n\n").collect();
    // Two parts of the story that share nothing; the whole story, stored
    // later, is a copy of both.
    let first = paras[..2].join("\n\n");
    let second = paras[3..].join("\n\n");
    add(
        &mut store,
        &[doc("first", "A", Some("2024-03-09"), &first), doc("second", "B", Some("2024-03-10"), &second)],
    );
    assert_eq!(store.copies("first").unwrap().documents, 1);
    assert!(store.copy_clusters().unwrap().is_empty());
    add(&mut store, &[doc("whole", "Wire Service", None, WIRE)]);
    let v = store.copies("second").unwrap();
    assert_eq!(v.documents, 3, "{v:?}");
    // Undated documents come last, so the earliest dated one is the origin.
    assert_eq!(v.origin.unwrap().id, "first");
    assert_eq!(store.copy_clusters().unwrap(), vec![vec!["first", "second", "whole"]]);
    // Ingest is idempotent: the same documents again change nothing.
    add(&mut store, &[doc("whole", "Wire Service", None, WIRE)]);
    assert_eq!(store.copies("whole").unwrap().pairs.len(), 2);
}

#[test]
fn short_texts_are_never_copies() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path()).unwrap();
    let line = "The match was postponed because of snow.";
    add(&mut store, &[doc("a", "A", None, line), doc("b", "B", None, line)]);
    assert_eq!(store.copies("a").unwrap().documents, 1);
}
