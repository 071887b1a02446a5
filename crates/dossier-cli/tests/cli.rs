//! End-to-end tests of the `dossier` binary on real files: every input
//! format, offsets on non-ASCII text, and bad input that must not stop a run.

mod util;

use util::{dossier, fixture, json_lines, TempDir};

#[test]
fn plain_text_is_verbatim_and_offsets_are_code_points() {
    let path = fixture("unicode.txt");
    let run = dossier(&["extract", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docs = json_lines(&run.stdout);
    let doc = &docs[0];
    let raw = std::fs::read_to_string(&path).unwrap();
    assert_eq!(doc["text"].as_str().unwrap(), raw);
    assert_eq!(doc["format"], "text");
    assert_eq!(doc["lang"], "en");
    let chars: Vec<char> = raw.chars().collect();
    let sentences = doc["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 2);
    let first_end = sentences[0][1].as_u64().unwrap() as usize;
    assert_eq!(
        chars[..first_end].iter().collect::<String>(),
        "Račak\u{a0}— “Vučić” said: “We will not give up Kosovo” 🙂."
    );
    util::check_contract(&run.stdout, &[&path]);
}

#[test]
fn html_page_gives_main_text_and_metadata() {
    let run = dossier(&["extract", &fixture("article.html")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = &json_lines(&run.stdout)[0];
    assert_eq!(doc["format"], "html");
    let text = doc["text"].as_str().unwrap();
    assert!(text.contains("would last throughout September, October and November"), "{text}");
    assert!(text.contains("Human rights groups welcomed the commission"));
    for boilerplate in [
        "Accept all cookies",
        "Share on Facebook",
        "Leave a comment",
        "Ten recipes for plov",
        "All rights reserved",
    ] {
        assert!(!text.contains(boilerplate), "boilerplate {boilerplate:?} kept in {text}");
    }
    assert_eq!(doc["url"], "https://steppe-herald.example/2010/08/24/osh-inquiry");
    assert!(doc["title"].as_str().unwrap().starts_with("Envoy says inquiry into Osh clashes"));
    assert_eq!(doc["authors"][0], "Aigul Sadykova");
    assert!(doc["published"].as_str().unwrap().starts_with("2010-08-24"));
    util::check_contract(&run.stdout, &[]);
}

#[test]
fn gzipped_html_is_read() {
    use std::io::Write;
    let dir = TempDir::new();
    let path = dir.path("article.html.gz");
    let mut gz =
        flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::default());
    gz.write_all(&std::fs::read(fixture("article.html")).unwrap()).unwrap();
    gz.finish().unwrap();
    let run = dossier(&["extract", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(json_lines(&run.stdout)[0]["text"].as_str().unwrap().contains("Fergana Valley"));
}

fn write_warc(path: &str, gzip: bool) {
    use warc::{RecordBuilder, RecordType, WarcHeader, WarcWriter};
    let page = std::fs::read(fixture("article.html")).unwrap();
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    http.extend_from_slice(&page);
    let records = vec![
        RecordBuilder::default().warc_type(RecordType::WarcInfo).body(b"software: test".to_vec()),
        RecordBuilder::default()
            .warc_type(RecordType::Request)
            .header(WarcHeader::TargetURI, "https://steppe-herald.example/osh")
            .header(WarcHeader::ContentType, "application/http; msgtype=request")
            .body(b"GET /osh HTTP/1.1\r\n\r\n".to_vec()),
        RecordBuilder::default()
            .warc_type(RecordType::Response)
            .header(WarcHeader::TargetURI, "https://steppe-herald.example/osh")
            .header(WarcHeader::Date, "2010-08-25T10:00:00Z")
            .header(WarcHeader::ContentType, "application/http; msgtype=response")
            .body(http),
        RecordBuilder::default()
            .warc_type(RecordType::Response)
            .header(WarcHeader::TargetURI, "https://steppe-herald.example/logo.png")
            .header(WarcHeader::ContentType, "application/http; msgtype=response")
            .body(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n".to_vec()),
        RecordBuilder::default()
            .warc_type(RecordType::Resource)
            .header(WarcHeader::TargetURI, "file:///notes/osh.txt")
            .header(WarcHeader::Date, "2010-09-01T00:00:00Z")
            .header(WarcHeader::ContentType, "text/plain")
            .body("Kiljunen said on August 23 that Otunbaeva backed the inquiry.".as_bytes().to_vec()),
    ];
    let mut bytes = Vec::new();
    {
        let mut w = WarcWriter::new(&mut bytes);
        for r in records {
            w.write(&r.build().unwrap()).unwrap();
        }
    }
    if gzip {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&bytes).unwrap();
        bytes = gz.finish().unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn warc_records_become_documents() {
    let dir = TempDir::new();
    for (name, gzip) in [("crawl.warc", false), ("crawl.warc.gz", true)] {
        let path = dir.path(name);
        write_warc(&path, gzip);
        let run = dossier(&["extract", &path]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let docs = json_lines(&run.stdout);
        assert_eq!(
            docs.len(),
            2,
            "one HTML response and one text resource; request, warcinfo and image skipped"
        );
        assert!(docs.iter().all(|d| d["format"] == "warc-record"));
        assert_eq!(
            docs[0]["url"], "https://steppe-herald.example/2010/08/24/osh-inquiry",
            "canonical URL wins"
        );
        assert!(docs[0]["text"].as_str().unwrap().contains("Fergana Valley"));
        assert_eq!(docs[1]["url"], "file:///notes/osh.txt");
        assert_eq!(docs[1]["published"], "2010-09-01", "record date is the fallback");
        assert_eq!(docs[1]["text"], "Kiljunen said on August 23 that Otunbaeva backed the inquiry.");
        assert!(docs[1]["source_id"].as_str().unwrap().starts_with("<urn:uuid:"));
        util::check_contract(&run.stdout, &[]);
    }
}

#[test]
fn truncated_warc_keeps_the_records_before_the_cut() {
    let dir = TempDir::new();
    let full = dir.path("full.warc");
    write_warc(&full, false);
    let bytes = std::fs::read(&full).unwrap();
    let cut = dir.path("cut.warc");
    // Cut inside the last record's body.
    std::fs::write(&cut, &bytes[..bytes.len() - 20]).unwrap();
    let run = dossier(&["extract", &cut]);
    assert_eq!(run.code, 1);
    assert_eq!(json_lines(&run.stdout).len(), 1);
    assert!(run.stderr.contains("cut.warc#record 5"), "{}", run.stderr);
}

#[test]
fn rss_and_atom_items_become_documents() {
    let run = dossier(&["extract", &fixture("feed.rss"), &fixture("feed.atom")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docs = json_lines(&run.stdout);
    assert_eq!(docs.len(), 4);
    assert!(docs.iter().all(|d| d["format"] == "feed-item"));
    assert_eq!(docs[0]["title"], "Talks on Kosovo status resume in Vienna");
    assert_eq!(docs[0]["url"], "https://balkan-monitor.example/2007/11/20/vienna-talks");
    assert_eq!(docs[0]["authors"][0], "Marko Petrović");
    assert!(docs[0]["published"].as_str().unwrap().starts_with("2007-11-20"));
    assert_eq!(docs[0]["site"], "Balkan Monitor");
    let text0 = docs[0]["text"].as_str().unwrap();
    assert!(text0.contains("Negotiators from Belgrade and Priština") && !text0.contains("<p>"), "{text0}");
    assert!(docs[1]["text"].as_str().unwrap().starts_with("Hundreds gathered in Račak"));
    assert_eq!(docs[2]["authors"][0], "Nurlan Abdyrakhmanov");
    assert!(docs[2]["text"].as_str().unwrap().contains("international police operation"));
    assert_eq!(docs[3]["authors"][0], "Central Asia Wire desk", "the feed's author stands in");
    assert!(docs[3]["published"].as_str().unwrap().starts_with("2010-06-15"));
    util::check_contract(&run.stdout, &[]);
}

#[test]
fn jsonl_and_stdin() {
    let demo = util::demo_corpus();
    let run = dossier(&["extract", &demo]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docs = json_lines(&run.stdout);
    assert_eq!(docs.len(), 24);
    assert_eq!(docs[0]["source_id"], "GUM_news_afghan");
    assert_eq!(docs[0]["published"], "2017-07-18");
    assert_eq!(docs[0]["format"], "jsonl");
    util::check_contract(&run.stdout, &[]);

    let stdin = util::dossier_stdin(&["extract", "-"], b"Otunbaeva spoke in Osh.");
    assert_eq!(stdin.code, 0);
    let doc = &json_lines(&stdin.stdout)[0];
    assert_eq!(doc["path"], "-");
    assert_eq!(doc["text"], "Otunbaeva spoke in Osh.");
}

#[test]
fn output_order_is_input_order_across_parallel_batches() {
    let dir = TempDir::new();
    let path = dir.path("many.jsonl");
    let lines: String =
        (0..1500).map(|i| format!("{{\"id\": \"d{i}\", \"text\": \"Document number {i}.\"}}\n")).collect();
    std::fs::write(&path, lines).unwrap();
    let run = dossier(&["extract", "-j", "2", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<String> =
        json_lines(&run.stdout).iter().map(|d| d["source_id"].as_str().unwrap().to_string()).collect();
    let expected: Vec<String> = (0..1500).map(|i| format!("d{i}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn folders_are_walked_in_sorted_order() {
    let dir = TempDir::new();
    std::fs::create_dir(dir.path("sub")).unwrap();
    std::fs::write(dir.path("sub/b.txt"), "Second.").unwrap();
    std::fs::write(dir.path("a.txt"), "First.").unwrap();
    let run = dossier(&["extract", &dir.path("")]);
    let texts: Vec<String> =
        json_lines(&run.stdout).iter().map(|d| d["text"].as_str().unwrap().to_string()).collect();
    assert_eq!(texts, ["First.", "Second."]);
}

#[test]
fn bad_inputs_are_named_and_the_rest_goes_on() {
    let dir = TempDir::new();
    let good = dir.path("good.txt");
    std::fs::write(&good, "Kiljunen said the report would be ready in December.").unwrap();
    let binary = dir.path("image.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00").unwrap();
    let truncated = dir.path("cut.html.gz");
    {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&std::fs::read(fixture("article.html")).unwrap()).unwrap();
        let bytes = gz.finish().unwrap();
        std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    }
    let empty = dir.path("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let invalid = dir.path("invalid.txt");
    std::fs::write(&invalid, b"Vu\xC4\x8Di\xC4\x87 met the envoy \xFF\xFE in Pri\xC5\xA1tina.").unwrap();
    let bad_feed = dir.path("broken.rss");
    std::fs::write(&bad_feed, "<?xml version=\"1.0\"?><rss><channel><item><title>unclosed").unwrap();
    let missing = dir.path("missing.txt");
    let run = dossier(&["extract", &binary, &truncated, &good, &missing, &empty, &invalid, &bad_feed]);
    assert_eq!(run.code, 1, "some inputs failed: exit status 1");
    let docs = json_lines(&run.stdout);
    let texts: Vec<&str> = docs.iter().map(|d| d["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "Kiljunen said the report would be ready in December.",
            "",
            "Vučić met the envoy \u{FFFD}\u{FFFD} in Priština."
        ]
    );
    for (path, reason) in [
        (&binary, "an image"),
        (&truncated, "truncated"),
        (&missing, "no such file"),
        (&bad_feed, "malformed feed"),
    ] {
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains(path.as_str()))
            .unwrap_or_else(|| panic!("{path} not named in {}", run.stderr));
        assert!(line.contains(reason), "{line}");
    }
    assert_eq!(run.stderr.matches("invalid.txt: warning").count(), 1, "one warning per file: {}", run.stderr);
}

/// Hostile sizes and shapes: each must finish without a panic. The bound is
/// a guard against hangs, not a speed measurement (see `dossier bench`).
#[test]
fn huge_single_line_and_deeply_nested_html_finish() {
    let dir = TempDir::new();
    let big = dir.path("big.html");
    let para =
        format!("<p>{}</p>", "Kiljunen said the investigation would last throughout September. ".repeat(12));
    let mut page = String::from("<html><head><title>Big</title></head><body>");
    while page.len() < 50 << 20 {
        page.push_str(&para);
    }
    page.push_str("</body></html>");
    std::fs::write(&big, &page).unwrap();
    let deep = dir.path("deep.html");
    std::fs::write(
        &deep,
        format!("<html><body>{}deep text{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000)),
    )
    .unwrap();
    let run = util::dossier_timeout(&["extract", &big, &deep], std::time::Duration::from_secs(120));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docs = json_lines(&run.stdout);
    assert_eq!(docs.len(), 2);
    assert!(docs[0]["text"].as_str().unwrap().len() > 40 << 20, "the big page's text is kept");
    assert!(docs[1]["text"].as_str().unwrap().contains("deep text"));
}
