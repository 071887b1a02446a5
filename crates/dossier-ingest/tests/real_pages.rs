//! Real-page shapes, written for these tests (no publisher's page is
//! copied): WordPress themes, Arc-style templates, news sites with JSON-LD
//! `@graph`. Each test holds one trap real pages set: a `<noscript>` or
//! consent notice that must not replace the article, bylines that must come
//! from the article and not from sidebars or comments, publication dates in
//! their order of trust, and furniture that must not be text.

use dossier_ingest::html::extract_html;

/// Four paragraphs of an invented local story.
const STORY: [&str; 4] = [
    "The Elmbrook swimming pool will reopen on Saturday after a six-month repair of its roof, which was damaged in the February gales.",
    "The council spent 640,000 pounds on the work, more than it had planned, after engineers found rot in two of the main beams.",
    "\u{201c}We know families have missed it badly,\u{201d} said leisure manager Colm Hart. \u{201c}The first swim on Saturday is free for children under twelve.\u{201d}",
    "Opening hours will be extended on weekday evenings until the end of the school holidays, the council said.",
];

fn paras() -> String {
    STORY.iter().map(|p| format!("<p>{p}</p>\n")).collect()
}

fn assert_story(text: &str) {
    for p in STORY {
        assert!(text.contains(p), "missing {p:?} in {text:?}");
    }
}

#[test]
fn noscript_notice_in_head_does_not_replace_the_article() {
    // A notice in <head> with block markup: an HTML parser hoists it into
    // the body. A short article under it must still be the text.
    let page = format!(
        r#"<!DOCTYPE html><html><head><title>Pool reopens</title>
        <noscript><style>.js-only{{display:none}}</style><div class="no-js"><h2>JavaScript is disabled</h2>
        <p>Please enable JavaScript in your browser to read Elmbrook Today. Without JavaScript, videos,
        galleries, comments and the newsletter form will not work and some of our content may not appear.</p></div></noscript>
        </head><body><div id="app"><h1>Pool reopens on Saturday</h1>{}</div></body></html>"#,
        "<p>The Elmbrook swimming pool will reopen on Saturday after a six-month roof repair.</p>"
    );
    let e = extract_html(&page, None);
    assert!(e.text.contains("The Elmbrook swimming pool will reopen on Saturday"), "{:?}", e.text);
    assert!(!e.text.contains("JavaScript"), "{:?}", e.text);
}

#[test]
fn noscript_notice_in_body_does_not_replace_the_article() {
    let page = format!(
        r#"<html><body><noscript><div class="noscript-warning"><p>JavaScript is disabled. This site needs
        JavaScript for its interactive maps, live scores and video player; please turn it on in your browser
        settings and reload the page to see everything we publish. Some articles may not display correctly
        without it, and you will not be able to comment or sign in.</p></div></noscript>
        <main class="fusion-main"><h1>Pool reopens on Saturday</h1>{}</main></body></html>"#,
        "<p>The Elmbrook swimming pool will reopen on Saturday after a six-month roof repair.</p>"
    );
    let e = extract_html(&page, None);
    assert_eq!(e.text, "Pool reopens on Saturday\n\nThe Elmbrook swimming pool will reopen on Saturday after a six-month roof repair.");
}

#[test]
fn article_that_lives_only_in_noscript_is_kept() {
    // Some pages render with scripts and keep a script-less copy in
    // <noscript>: with nothing else on the page, that copy is the text.
    let page = format!(
        r#"<html><body><div id="root"></div><noscript><article>{}</article></noscript></body></html>"#,
        paras()
    );
    assert_story(&extract_html(&page, None).text);
}

#[test]
fn consent_notice_longer_than_the_article_is_not_the_text() {
    let page = r#"<html><body>
        <div id="cmp-consent-banner" class="consent-layer"><h2>Your privacy choices</h2>
        <p>We and our 214 partners use cookies and similar technologies to store and access information on your
        device, and process personal data such as unique identifiers and browsing data, for personalised ads and
        content, ad and content measurement, audience research and service development. You can accept, refuse
        or set your preferences at any time from the privacy link in the page footer. Some partners rely on their
        legitimate interest, which you may object to in the settings.</p><button>Accept</button><button>Settings</button></div>
        <div class="post"><h1>Pool reopens on Saturday</h1>
        <p>The Elmbrook swimming pool will reopen on Saturday after a six-month roof repair.</p></div></body></html>"#;
    let e = extract_html(page, None);
    assert!(e.text.contains("The Elmbrook swimming pool will reopen"), "{:?}", e.text);
    assert!(!e.text.contains("cookies") && !e.text.contains("partners"), "{:?}", e.text);
}

#[test]
fn wordpress_yoast_graph_author_by_reference_not_commenters() {
    let page = format!(
        r#"<html lang="en-GB"><head><title>Pool reopens on Saturday - Elmbrook Today</title>
        <meta property="article:author" content="https://www.facebook.com/elmbrooktoday">
        <script type="application/ld+json">{{"@context":"https://schema.org","@graph":[
        {{"@type":"WebSite","@id":"https://elmbrook.example/#website","name":"Elmbrook Today"}},
        {{"@type":"Article","@id":"https://elmbrook.example/pool/#article","headline":"Pool reopens on Saturday",
          "author":{{"@id":"https://elmbrook.example/#/schema/person/a81"}},"datePublished":"2024-07-05T06:00:00+01:00"}},
        {{"@type":"Person","@id":"https://elmbrook.example/#/schema/person/a81","name":"Rhian Pryce"}}]}}</script>
        </head><body class="post-template-default single has-sidebar">
        <article class="post type-post"><header class="entry-header"><h1 class="entry-title">Pool reopens on Saturday</h1>
        <div class="entry-meta"><span class="byline">by <span class="author vcard"><a class="url fn n" href="/author/rpryce/">Rhian Pryce</a></span></span>
        <time class="entry-date published" datetime="2024-07-05T06:00:00+01:00">5 July 2024</time></div></header>
        <div class="entry-content">{}</div></article>
        <div id="comments" class="comments-area"><ol class="comment-list"><li class="comment"><div class="comment-author vcard">
        <b class="fn">Gwen Tudor</b></div><div class="comment-content"><p>Great news for the kids.</p></div></li></ol></div>
        <aside id="secondary" class="widget-area"><section class="widget"><h2>Recent posts</h2>
        <ul><li><a href="/x">Library hours change</a> <span class="byline">by Owen Price</span></li></ul></section></aside>
        </body></html>"#,
        paras()
    );
    let e = extract_html(&page, None);
    assert_eq!(e.authors, vec!["Rhian Pryce"]);
    assert_eq!(e.published.as_deref(), Some("2024-07-05T06:00:00+01:00"));
    assert_story(&e.text);
    assert!(!e.text.contains("Gwen Tudor") && !e.text.contains("Owen Price"));
}

#[test]
fn organisation_in_json_ld_gives_way_to_the_printed_byline() {
    let page = format!(
        r#"<html><head><script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
        "headline":"Pool reopens on Saturday","author":{{"@type":"NewsMediaOrganization","name":"Elmbrook Today"}}}}</script>
        </head><body><div class="article"><h1>Pool reopens on Saturday</h1>
        <div class="article__byline">By <span class="article__author-name">Rhian Pryce</span>, Senior Reporter</div>
        {}</div></body></html>"#,
        paras()
    );
    assert_eq!(extract_html(&page, None).authors, vec!["Rhian Pryce"]);
}

#[test]
fn meta_author_with_role_and_article_author_url() {
    let page = format!(
        r#"<html><head><meta property="article:author" content="https://elmbrook.example/staff/rhian">
        <meta name="author" content="By Rhian Pryce and Dafydd Rees, Staff Writers"></head>
        <body><h1>Pool reopens on Saturday</h1>{}</body></html>"#,
        paras()
    );
    assert_eq!(extract_html(&page, None).authors, vec!["Rhian Pryce", "Dafydd Rees"]);
}

#[test]
fn bylines_of_trending_and_related_lists_are_not_authors() {
    // Arc-style: no metadata; a "trending" rail and a related list with
    // bylines placed before and after the story; the story's own byline.
    let page = format!(
        r#"<html><body><div class="right-rail"><div class="trending-stories"><h3>Trending</h3>
        <div class="story-card"><a href="/a">Bypass plan shelved</a><span class="byline">By Nia Lloyd</span></div>
        <div class="story-card"><a rel="author" href="/staff/ifan">Ifan Hughes</a></div></div></div>
        <main><h1 class="headline">Pool reopens on Saturday</h1>
        <div class="byline-block"><div class="byline">By <a href="/staff/rhian">Rhian Pryce</a></div></div>
        <div class="article-body">{}</div>
        <div class="related-content"><h3>Related</h3><p class="byline">By Seren Jones</p></div></main></body></html>"#,
        paras()
    );
    let e = extract_html(&page, None);
    assert_eq!(e.authors, vec!["Rhian Pryce"]);
    assert_story(&e.text);
}

#[test]
fn no_byline_no_author() {
    let page = format!(
        r#"<html><body><h1>Pool reopens on Saturday</h1>{}
        <section class="comments"><div class="comment"><span itemprop="author">Gwen Tudor</span> said: lovely.</div></section>
        <div class="most-read"><p class="byline">By Nia Lloyd</p></div></body></html>"#,
        paras()
    );
    assert!(extract_html(&page, None).authors.is_empty());
}

/// A page whose `published` sources are switched on one by one.
fn dated_page(ld: bool, og: bool, time: bool, url: bool, dateline: bool) -> String {
    let ld = if ld {
        r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2023-03-01T09:00:00Z"}</script>"#
    } else {
        ""
    };
    let og =
        if og { r#"<meta property="article:published_time" content="2023-03-02T09:00:00Z">"# } else { "" };
    let time = if time { r#"<time datetime="2023-03-03T09:00:00Z">3 March</time>"# } else { "" };
    let url = if url {
        "https://elmbrook.example/news/2023/03/04/pool-reopens/"
    } else {
        "https://elmbrook.example/news/pool-reopens"
    };
    let first = if dateline {
        "ELMBROOK, March 5, 2023 \u{2014} The pool will reopen."
    } else {
        "The pool will reopen."
    };
    format!(
        r#"<html><head>{ld}{og}<link rel="canonical" href="{url}"></head><body>
        <div class="sidebar"><h3>Latest</h3><time datetime="2023-02-20T10:00:00Z">20 Feb</time></div>
        <article><header><h1>Pool reopens</h1>{time}</header><p>{first}</p>{}</article></body></html>"#,
        paras()
    )
}

#[test]
fn published_in_order_of_trust() {
    let p = |ld, og, time, url, dl| extract_html(&dated_page(ld, og, time, url, dl), None).published;
    assert_eq!(p(true, true, true, true, true).as_deref(), Some("2023-03-01T09:00:00Z"));
    assert_eq!(p(false, true, true, true, true).as_deref(), Some("2023-03-02T09:00:00Z"));
    assert_eq!(p(false, false, true, true, true).as_deref(), Some("2023-03-03T09:00:00Z"));
    assert_eq!(p(false, false, false, true, true).as_deref(), Some("2023-03-04"));
    assert_eq!(p(false, false, false, false, true).as_deref(), Some("2023-03-05"));
    // The sidebar's <time> belongs to another story.
    assert_eq!(p(false, false, false, false, false), None);
}

#[test]
fn markers_placeholders_captions_and_pull_quotes_are_not_text() {
    let page = format!(
        r##"<html><body><a class="skip-link" href="#content">Skip to content</a>
        <div class="td-post-content"><h1>Pool reopens on Saturday</h1>
        <div class="gallery-wrapper"><div class="gallery-status">Loading Photo Gallery</div></div>
        <p>{}</p><p>- Advertisement -</p>
        <figure><img src="pool.jpg"><figcaption>The refurbished roof. Photo: Elin Moss</figcaption></figure>
        <p>{}</p>
        <p>Swimmers queue at the door in 2019. (Photo: Elin Moss/Elmbrook Today)</p>
        <blockquote class="pullquote"><p>The first swim on Saturday is free for children under twelve.</p></blockquote>
        <p>{}</p><div class="ad-unit"><span>Advertisement</span></div>
        <p>{}</p>
        <p>&#8220;We know families have missed it badly,&#8221; said leisure manager Colm Hart.</p></div></body></html>"##,
        STORY[0], STORY[1], STORY[2], STORY[3]
    );
    let e = extract_html(&page, None);
    assert_story(&e.text);
    for gone in
        ["Skip to content", "Loading Photo Gallery", "Advertisement", "refurbished roof", "Swimmers queue"]
    {
        assert!(!e.text.contains(gone), "{gone:?} left in {:?}", e.text);
    }
    // The pull quote and the repeated sentence appear once: in the story.
    assert_eq!(e.text.matches("free for children under twelve").count(), 1, "{:?}", e.text);
    assert_eq!(e.text.matches("missed it badly").count(), 1, "{:?}", e.text);
}
