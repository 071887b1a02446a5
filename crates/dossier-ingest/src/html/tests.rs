//! End-to-end tests of [`super::extract_html`] on small hand-written pages,
//! and robustness tests on hostile input generated in the test (huge,
//! deeply nested, empty, binary-looking). None of these may panic.

use super::*;

const ARTICLE: &str = r##"<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8">
<title>Harbour reopens after storm | The Coastal Times</title>
<meta property="og:site_name" content="The Coastal Times">
<meta property="article:published_time" content="2021-03-04T08:15:00+00:00">
<meta name="author" content="Mara Olsen">
<link rel="canonical" href="https://coastal.example/harbour-reopens">
</head><body>
<div id="cookie-consent" class="banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Harbour reopens after storm</h1>
<div class="byline">By Mara Olsen, 4 March 2021</div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<p>The harbour at Kessock reopened on Thursday morning, three days after a winter storm tore
two fishing boats from their moorings and scattered debris across the main quay.</p>
<figure><img src="quay.jpg" alt=""><figcaption>Workers clearing the quay. Photo: J. Smith</figcaption></figure>
<p>Harbour master Ewan Reid said crews had worked through the night to clear the channel.
"We were lucky that nobody was hurt," he told reporters gathered at the gate.</p>
<p>Insurers expect claims to run into the hundreds of thousands of pounds, and the council has
promised an inquiry into why the storm barrier failed to close in time.</p>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Storm warning issued</a></li>
<li><a href="/b">Fishing quotas cut</a></li></ul></aside>
</article>
<section id="comments"><h3>Comments</h3><form><textarea name="c"></textarea><button>Post comment</button></form>
<div class="comment">First! Great article.</div></section>
</main>
<footer><p>&copy; 2021 The Coastal Times. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"##;

#[test]
fn article_text_without_furniture() {
    let e = extract_html(ARTICLE, None);
    for kept in
        ["The harbour at Kessock reopened", "Harbour master Ewan Reid", "an inquiry into why the storm"]
    {
        assert!(e.text.contains(kept), "missing {kept:?} in {:?}", e.text);
    }
    for gone in [
        "cookies",
        "Accept all",
        "Home",
        "Sport",
        "Share on",
        "Workers clearing",
        "Related stories",
        "Storm warning",
        "First! Great",
        "Post comment",
        "All rights reserved",
        "Privacy",
    ] {
        assert!(!e.text.contains(gone), "furniture {gone:?} left in {:?}", e.text);
    }
    // Paragraphs are separated by exactly one blank line, words by one space.
    assert!(e.text.contains("moorings and scattered debris across the main quay.\n\nHarbour master"));
    assert!(!e.text.contains("  ") && !e.text.contains("\n\n\n"));
    assert_eq!(e.text.trim(), e.text);
}

#[test]
fn article_metadata() {
    let e = extract_html(ARTICLE, Some("https://coastal.example/news/1"));
    assert_eq!(e.title.as_deref(), Some("Harbour reopens after storm"));
    assert_eq!(e.authors, vec!["Mara Olsen"]);
    assert_eq!(e.site.as_deref(), Some("The Coastal Times"));
    assert_eq!(e.url.as_deref(), Some("https://coastal.example/harbour-reopens"));
    assert_eq!(e.published.as_deref(), Some("2021-03-04T08:15:00Z"));
    assert_eq!(e.lang.as_deref(), Some("en"));
}

#[test]
fn short_page_falls_back_to_the_body() {
    // Too little text for Readability's thresholds: the body text is used.
    let e = extract_html(
        "<html><body><div><span>Short note: the meeting moved to 3 pm.</span></div></body></html>",
        None,
    );
    assert_eq!(e.text, "Short note: the meeting moved to 3 pm.");
}

#[test]
fn empty_and_blank_input() {
    assert_eq!(extract_html("", None), HtmlExtract::default());
    assert_eq!(extract_html(" \n\t ", None), HtmlExtract::default());
    assert_eq!(extract_html("<html></html>", None).text, "");
    assert_eq!(extract_html("<html><head><title>Only a title</title></head></html>", None).text, "");
}

#[test]
fn plain_text_input_is_kept() {
    let e = extract_html("Just a line of text without any markup at all, as some pages are.", None);
    assert_eq!(e.text, "Just a line of text without any markup at all, as some pages are.");
}

/// A small deterministic generator (xorshift), so the garbage is the same on every run.
fn garbage(len: usize, mut seed: u64) -> String {
    let mut bytes = Vec::with_capacity(len);
    for _ in 0..len {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Bias towards markup characters so the parser sees many tag-like shapes.
        let b = match seed % 8 {
            0 => b'<',
            1 => b'>',
            2 => b'/',
            3 => b'"',
            _ => (seed >> 8) as u8,
        };
        bytes.push(b);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn garbage_and_binary_input_do_not_panic() {
    for seed in 1..20u64 {
        let e = extract_html(&garbage(20_000, seed), None);
        assert!(!e.text.contains("  "));
    }
    let odd = [
        "\0\0\0\0",
        "<<<<<<<<>>>>>>>>",
        "<div",
        "<script>",
        "<!--",
        "</p></p></div></body></html>",
        "<html lang=\"\"><meta name=author content=\"\"><time datetime=\"\">",
        "&#x110000;&#xD800;&#99999999999;",
        "<svg><svg><svg>",
        "<table><td><td><tr><table><caption>",
        "\u{FEFF}\u{202E}text\u{200B}",
    ];
    for s in odd {
        let _ = extract_html(s, None);
    }
}

#[test]
fn deep_nesting_takes_the_flat_path() {
    let n = 100_000;
    let mut html = String::with_capacity(n * 11 + 100);
    html.push_str(
        "<html><head><title>Deep</title><meta property=\"og:title\" content=\"Deep page\"></head><body>",
    );
    for _ in 0..n {
        html.push_str("<div>");
    }
    html.push_str("The text at the bottom of the well.");
    for _ in 0..n {
        html.push_str("</div>");
    }
    html.push_str("</body></html>");
    let e = extract_html(&html, None);
    assert_eq!(e.text, "The text at the bottom of the well.");
    assert_eq!(e.title.as_deref(), Some("Deep page"));
    // Unclosed and self-closed (`<div/>` nests in HTML) variants.
    let e = extract_html(&format!("<body>{}deep", "<div/><span>".repeat(n)), None);
    assert_eq!(e.text, "deep");
}

#[test]
fn nesting_at_the_limit_is_safe_on_a_small_stack() {
    // Just under the flat-path limit the DOM path runs; it must not overflow
    // a default 2 MiB thread stack (the size of test and rayon threads).
    let depth = DomSmoothieExtractor::default().max_depth - 10;
    let para = "<p>Some words inside a deeply nested block, long enough to be scored as content.</p>";
    let html = format!(
        "<html><body>{}{}{}</body></html>",
        "<div>".repeat(depth),
        para.repeat(20),
        "</div>".repeat(depth)
    );
    let text = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || extract_html(&html, None).text)
        .expect("spawn")
        .join()
        .expect("no panic or overflow");
    assert!(text.starts_with("Some words inside"), "{text:?}");
}

#[test]
fn fifty_megabytes_on_one_line() {
    let para = "<p class=\"x\">A sentence of ordinary words, repeated to build a very large page.</p>";
    let mut html = String::from("<html><head><title>Big</title></head><body><article>");
    while html.len() < 50 << 20 {
        html.push_str(para);
    }
    html.push_str("</article></body></html>");
    assert!(!html.contains('\n'));
    let e = extract_html(&html, None);
    assert!(e.text.starts_with("A sentence of ordinary words"));
    assert!(e.text.len() > 20 << 20);
    assert_eq!(e.title.as_deref(), Some("Big"));
}

#[test]
fn fifty_megabytes_of_one_text_node_and_one_attribute() {
    let big = "x".repeat(50 << 20);
    let e = extract_html(&big, None);
    assert_eq!(e.text.len(), 50 << 20);
    let e = extract_html(&format!("<div title=\"{big}\">after</div>"), None);
    assert_eq!(e.text, "after");
}

#[test]
fn trait_object_is_usable() {
    let ex: Box<dyn MainTextExtractor> = Box::new(DomSmoothieExtractor::default());
    assert!(ex.extract(ARTICLE, None).text.contains("Kessock"));
}

#[test]
fn embedded_posts_are_kept() {
    let p =
        "<p>The state launched its campaign on Monday, and reactions online were quick, loud and, for the \
             most part, baffled by the wording chosen by the agency.</p>";
    let html = format!(
        r#"<html><head><title>Campaign</title></head><body><article>{p}{p}
        <div class="social-media-embed"><div><blockquote class="twitter-tweet"><p>Yes this is real:
        <a href="https://t.co/Nc0nKoXGBP">https://t.co/Nc0nKoXGBP</a></p>— A. Person (@aperson)
        <a href="https://twitter.com/aperson/status/1196501054197649413">November 18, 2019</a></blockquote>
        <script src="https://platform.twitter.com/widgets.js"></script></div></div>{p}</article></body></html>"#
    );
    let e = extract_html(&html, None);
    assert!(e.text.contains("Yes this is real: https://t.co/Nc0nKoXGBP"), "{}", e.text);
}

#[test]
fn attributes_beyond_the_cap_are_dropped_in_linear_time() {
    let attrs: String = (0..200_000).map(|i| format!(" a{i}=\"v>{i}\"")).collect();
    let html = format!(
        "<html><body><div{attrs} class=x><p>Otunbayeva said the inquiry into the Osh clashes would report by December.</p></div></body></html>"
    );
    let start = std::time::Instant::now();
    let capped = cap_attributes(&html);
    assert!(capped.len() < 10_000, "{}", capped.len());
    assert!(capped.contains("<div a0=\"v>0\""), "quoted `>` kept inside the value");
    assert!(capped.contains(" a255=\"v>255\" ><p>Otunbayeva"), "{}", &capped[capped.len() - 200..]);
    assert!(!capped.contains("a256") && !capped.contains("class=x"));
    let e = extract_html(&html, None);
    assert!(e.text.contains("Otunbayeva said"), "{}", e.text);
    assert!(start.elapsed() < std::time::Duration::from_secs(5), "{:?}", start.elapsed());
    // Pages within the cap are not copied.
    assert!(matches!(cap_attributes("<p class=a id=b>x</p>"), std::borrow::Cow::Borrowed(_)));
}

#[test]
fn noscript_blocks_are_cut_before_parsing() {
    assert_eq!(strip_noscript("a<NoScript x=1>b</noscript >c<noscript>d</NOSCRIPT>e"), "ace");
    assert!(matches!(strip_noscript("<p>no blocks</p>"), std::borrow::Cow::Borrowed(_)));
    // Unclosed: left alone, as the parser will read it.
    assert_eq!(strip_noscript("a<noscript>b<p>c"), "a<noscript>b<p>c");
    // Linear on many openings.
    let many = "<noscript>".repeat(100_000);
    assert_eq!(strip_noscript(&many), many);
}

#[test]
fn many_byline_and_dated_elements_stay_fast() {
    // 60,000 marked elements, each inside a sidebar, none of them usable:
    // the byline and date lookups look at a bounded number of them.
    let mut page = String::from("<html><body><h1>H</h1>");
    for _ in 0..30_000 {
        page.push_str(r#"<div class="sidebar"><span class="byline">By Some One</span><time datetime="2020-01-01">x</time></div>"#);
    }
    page.push_str("</body></html>");
    let start = std::time::Instant::now();
    let e = extract_html(&page, None);
    assert!(e.authors.is_empty() && e.published.is_none(), "{:?} {:?}", e.authors, e.published);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}
