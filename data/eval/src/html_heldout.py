#!/usr/bin/env python3
"""Builds data/eval/html-heldout/: twelve news pages written for the
project in the shapes real publishers use (WordPress with Yoast, Arc-style
templates, JSON-LD @graph, Blogger, microdata, pages with no metadata at
all), with the traps real pages carry (a <noscript> notice, consent
banners, sidebars and comment sections full of other people's names and
dates, "Advertisement" markers, galleries, photo credits, pull quotes).

Every article, name, place and site is invented. The gold (article body,
authors, publication day) was written with each page, before dossier's new
metadata and cleaning code was run on any of them; the pages were never
tuned on. Deterministic; run from the repository root:

    python3 data/eval/src/html_heldout.py

It writes html/<id>.html, ground-truth.json (Zyte layout, so `dossier eval
html --gold data/eval/html-heldout` scores the text) and meta.jsonl (the
layout of html-meta-dev.jsonl, for `--meta`).
"""
import json
import os

OUT = "data/eval/html-heldout"

PAGES = []


def page(pid, authors, published, paragraphs, html):
    """One page: `@@P0@@`... in `html` become the paragraphs as <p>."""
    for i, p in enumerate(paragraphs):
        html = html.replace(f"@@P{i}@@", f"<p>{p}</p>")
    assert "@@P" not in html, pid
    PAGES.append((pid, authors, published, paragraphs, html))


# 1. WordPress + Yoast @graph (author by @id), tagDiv-style ad markers,
#    caption with a photo credit, recent-posts widget, comments.
page("01-wordpress-yoast", ["Hanna Ilves"], ["2022-09-14"], [
    "The ferry link between Saarvik and the outer islands will run twice a day through the winter for the first time, the regional transport board decided on Tuesday evening.",
    "Until now the crossing stopped in November and islanders relied on a hovercraft that the board retired last year after repeated engine failures.",
    "\u201cPeople on Lind Island have waited a decade for this,\u201d said board member Toomas Reier, who grew up on the island. \u201cA school run should not depend on the weather forecast.\u201d",
    "The extra sailings will cost about 1.2 million euros a year. The board said it would apply to the national islands fund to cover half of that.",
    "Fishermen\u2019s associations welcomed the decision but asked for a later evening departure so that crews landing catches after dark could get home.",
], """<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8">
<title>Winter ferry service to outer islands approved - Saarvik Courier</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Winter ferry service to outer islands approved">
<meta property="og:site_name" content="Saarvik Courier">
<meta property="article:published_time" content="2022-09-14T18:42:10+00:00">
<meta property="article:modified_time" content="2022-09-15T07:01:55+00:00">
<meta property="article:author" content="https://www.facebook.com/saarvikcourier">
<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org","@graph":[
{"@type":"Organization","@id":"https://courier.example/#organization","name":"Saarvik Courier"},
{"@type":"WebSite","@id":"https://courier.example/#website","name":"Saarvik Courier","publisher":{"@id":"https://courier.example/#organization"}},
{"@type":"WebPage","@id":"https://courier.example/2022/09/14/winter-ferry/","url":"https://courier.example/2022/09/14/winter-ferry/","name":"Winter ferry service to outer islands approved - Saarvik Courier","datePublished":"2022-09-14T18:42:10+00:00","dateModified":"2022-09-15T07:01:55+00:00"},
{"@type":"Article","@id":"https://courier.example/2022/09/14/winter-ferry/#article","isPartOf":{"@id":"https://courier.example/2022/09/14/winter-ferry/"},"author":{"@id":"https://courier.example/#/schema/person/5f1c"},"headline":"Winter ferry service to outer islands approved","datePublished":"2022-09-14T18:42:10+00:00","publisher":{"@id":"https://courier.example/#organization"}},
{"@type":"Person","@id":"https://courier.example/#/schema/person/5f1c","name":"Hanna Ilves","url":"https://courier.example/author/hilves/"}]}</script>
</head><body class="post-template-default single single-post">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<div class="td-header-wrap"><div class="td-header-menu-wrap"><ul class="sf-menu"><li><a href="/">Home</a></li><li><a href="/news/">News</a></li><li><a href="/islands/">Islands</a></li><li><a href="/sport/">Sport</a></li></ul></div></div>
<div class="td-container"><div class="td-pb-row"><div class="td-pb-span8 td-main-content" role="main">
<article id="post-8812" class="post-8812 post type-post status-publish format-standard">
<div class="td-post-header"><ul class="td-category"><li><a href="/islands/">Islands</a></li></ul>
<header class="td-post-title"><h1 class="entry-title">Winter ferry service to outer islands approved</h1>
<div class="td-module-meta-info"><div class="td-post-author-name"><div class="td-author-by">By</div> <a href="https://courier.example/author/hilves/">Hanna Ilves</a><div class="td-author-line"> - </div></div>
<span class="td-post-date"><time class="entry-date updated td-module-date" datetime="2022-09-14T21:42:10+03:00">September 14, 2022</time></span></div></header></div>
<div class="td-post-content tagdiv-type">
<figure class="wp-block-image"><img src="/wp-content/uploads/2022/09/ferry.jpg" alt=""><figcaption>The ferry Lindholm at the Saarvik quay. (Photo: Karl Mets/Saarvik Courier)</figcaption></figure>
@@P0@@
@@P1@@
<div class="td-a-rec td-a-rec-id-content_inline"><span class="td-adspot-title">- Advertisement -</span><div class="ad-slot"></div></div>
@@P2@@
@@P3@@
<p>- Advertisement -</p>
@@P4@@
</div>
<div class="td-post-source-tags"><ul class="td-tags"><li><span>TAGS</span></li><li><a href="/tag/ferry/">ferry</a></li><li><a href="/tag/lind-island/">Lind Island</a></li></ul></div>
</article>
<div class="comments" id="comments"><h3 class="td-comments-title"><span>2 COMMENTS</span></h3><ol class="comment-list">
<li class="comment"><article><footer><div class="comment-author vcard"><cite class="fn">Peeter Saar</cite></div><time datetime="2022-09-15T08:10:00+03:00">September 15, 2022 at 8:10 am</time></footer><div class="comment-content"><p>About time. The hovercraft was a disgrace for years and everyone on the island knew it.</p></div></article></li>
<li class="comment"><article><footer><div class="comment-author vcard"><cite class="fn">Maris K.</cite></div></footer><div class="comment-content"><p>Will the timetable be published before October?</p></div></article></li></ol></div>
</div>
<div class="td-pb-span4 td-main-sidebar" role="complementary"><aside class="widget widget_recent_entries"><h4 class="block-title">Recent Posts</h4><ul>
<li><a href="/2022/09/13/harbour-dues/">Harbour dues to rise in spring</a><span class="post-date">September 13, 2022</span></li>
<li><a href="/2022/09/12/school-roof/">School roof repairs finished early</a><span class="post-date">September 12, 2022</span></li></ul></aside></div>
</div></div>
<footer class="td-footer-wrapper"><p>&copy; Saarvik Courier 2022. All rights reserved.</p></footer>
</body></html>
""")

# 2. Arc-style template: a <noscript> "JavaScript is disabled" notice,
#    byline element with two links, photo gallery placeholder, pull quote
#    repeating a body sentence, JSON-LD author array of Persons.
page("02-arc-noscript", ["Daniel Okafor", "Priya Raman"], ["2023-02-07"], [
    "The city of Marrow Falls will stop sending unsorted household waste to the Grey Ridge landfill by the end of next year, council officials said Monday, after inspectors found the site close to capacity.",
    "The landfill, opened in 1987, takes about 90,000 tonnes a year from the city and three neighbouring towns. An inspection report released last week said it had room for roughly eighteen more months at current rates.",
    "\u201cWe are out of road,\u201d said Deputy Mayor Lorna Vance. \u201cEvery bag we do not sort today is a bag we will pay twice for tomorrow.\u201d",
    "The plan relies on a sorting plant that the city has not yet found a site for. Two earlier proposals were dropped after residents objected to truck traffic.",
    "Environmental groups said the timetable was ambitious but overdue. The council will hold public meetings on the plan in March.",
], """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Marrow Falls to stop landfilling unsorted waste - The Valley Ledger</title>
<meta name="description" content="The city will stop sending unsorted waste to Grey Ridge by the end of next year.">
<meta property="og:title" content="Marrow Falls to stop landfilling unsorted waste">
<meta property="og:site_name" content="The Valley Ledger">
<meta property="og:url" content="https://www.valleyledger.example/news/2023/02/07/marrow-falls-landfill-waste-plan/">
<script type="application/ld+json">{"@context":"http://schema.org","@type":"NewsArticle","headline":"Marrow Falls to stop landfilling unsorted waste","datePublished":"2023-02-07T00:31:12.402Z","dateModified":"2023-02-07T15:02:44.118Z","author":[{"@type":"Person","name":"Daniel Okafor","url":"https://www.valleyledger.example/people/daniel-okafor/"},{"@type":"Person","name":"Priya Raman","url":"https://www.valleyledger.example/people/priya-raman/"}],"publisher":{"@type":"Organization","name":"The Valley Ledger"}}</script>
</head><body>
<noscript><div class="noscript-banner"><p>JavaScript is disabled in your browser. To read The Valley Ledger, please enable JavaScript and reload the page. Some features, including comments and galleries, need JavaScript to work. If you believe you are seeing this message in error, contact our support team.</p></div></noscript>
<div id="fusion-app"><div class="layout-section">
<header class="site-header"><a class="skip" href="#main">Skip to main content</a><nav class="nav-sections"><a href="/news/">News</a><a href="/business/">Business</a><a href="/opinion/">Opinion</a></nav></header>
<main id="main"><div class="article-header"><div class="overline"><a href="/news/local/">Local</a></div>
<h1 class="headline">Marrow Falls to stop landfilling unsorted waste</h1>
<h2 class="sub-headline">Inspectors say the Grey Ridge site is close to capacity</h2>
<div class="byline-wrapper"><div class="byline"><span>By </span><a href="/people/daniel-okafor/">Daniel Okafor</a><span> and </span><a href="/people/priya-raman/">Priya Raman</a></div>
<div class="timestamp"><time datetime="2023-02-07T00:31:12.402Z">February 6, 2023 at 7:31 p.m. EST</time></div></div></div>
<div class="article-body">
<div class="gallery-embed"><div class="gallery-loading">Loading Photo Gallery</div></div>
@@P0@@
@@P1@@
<aside class="pull-quote"><blockquote><p>\u201cEvery bag we do not sort today is a bag we will pay twice for tomorrow.\u201d</p></blockquote></aside>
@@P2@@
<div class="ad-container"><div class="ad-label">Advertisement</div></div>
@@P3@@
@@P4@@
</div>
<section class="trending"><h3>Trending</h3><ol>
<li><a href="/news/2023/02/06/bridge/">Old mill bridge reopens</a><span class="byline">By Carla Mendes</span></li>
<li><a href="/news/2023/02/05/snow/">Snow totals top 30 cm</a><span class="byline">By Jorge Whitfield</span></li></ol></section>
</main></div></div>
<footer><p>&copy; 2023 The Valley Ledger</p></footer>
</body></html>
""")

# 3. JSON-LD @graph with NewsArticle authors as names; related-articles
#    list and a "most read" sidebar that carry other bylines and dates.
page("03-graph-related", ["Sofia Lindqvist"], ["2021-06-03"], [
    "Dairy farmers in the Halden valley will be paid to leave strips of meadow unmown along rivers under a pilot scheme launched by the agriculture ministry on Thursday.",
    "The scheme pays 300 crowns per hectare for strips at least six metres wide. Officials hope the uncut grass will slow run-off after heavy rain and give nesting birds a refuge.",
    "Agronomist Erik Dahl, who advised the ministry, said similar schemes elsewhere had cut nitrate levels in streams by a fifth within three years.",
    "Farmers\u2019 union chair Greta Holm said the payment was too low to tempt larger farms but might suit smaller ones on steep ground.",
], """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Farmers paid to leave river meadows unmown | Nordic Field News</title>
<meta property="og:site_name" content="Nordic Field News">
<link rel="canonical" href="https://fieldnews.example/agriculture/farmers-paid-river-meadows-unmown">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":1,"name":"Agriculture"}]},{"@type":"NewsArticle","headline":"Farmers paid to leave river meadows unmown","datePublished":"2021-06-03T09:15:00+02:00","author":[{"@type":"Person","name":"Sofia Lindqvist"}],"publisher":{"@type":"NewsMediaOrganization","name":"Nordic Field News"}}]}</script>
</head><body>
<div class="page"><div class="column-main"><article class="story">
<h1>Farmers paid to leave river meadows unmown</h1>
<p class="story-meta">Sofia Lindqvist &middot; 3 June 2021</p>
<div class="story-body">
@@P0@@
@@P1@@
@@P2@@
@@P3@@
</div>
<div class="story-related"><h3>Related articles</h3><ul>
<li><a href="/agriculture/nitrate-limits">Nitrate limits tightened</a> <span class="author">by Olav Berg</span> <time datetime="2021-05-28">28 May</time></li>
<li><a href="/agriculture/bird-count">Spring bird count rises</a> <span class="author">by Ines Kraft</span> <time datetime="2021-05-20">20 May</time></li></ul></div>
</article></div>
<div class="column-side"><div class="most-read"><h3>Most read</h3><ol>
<li><a href="/x/1">Grain prices fall again</a><p class="byline">By Mats Ek</p></li>
<li><a href="/x/2">New tractor rules explained</a><p class="byline">By Lena Sund</p></li></ol></div></div></div>
</body></html>
""")

# 4. Only <meta name=author> with a role, a large consent banner, the date
#    in article:published_time; share bar and newsletter box.
page("04-meta-author-consent", ["Marcus Webb"], ["2020-11-23"], [
    "A retired schoolteacher from Upper Tolland has returned a library book borrowed in 1961, along with a handwritten apology and a cheque for the fine.",
    "The book, a field guide to British moths, was found when Agnes Purcell cleared out her late brother\u2019s loft. The library stamp showed it was due back on 4 March 1961.",
    "\u201cI think he simply forgot,\u201d Ms Purcell said. \u201cHe was eleven and had moved on to football by April.\u201d",
    "The county library service said the fine would have been about \u00a390 at the old rate of a penny a day, and that the cheque would go to its children\u2019s reading fund.",
], """<html><head>
<title>Library book returned 59 years late - Tolland Weekly</title>
<meta name="author" content="By Marcus Webb, Staff Writer">
<meta property="article:published_time" content="2020-11-23T10:05:00Z">
<meta property="og:site_name" content="Tolland Weekly">
</head><body>
<div id="consent-manager" class="cmp-container" role="dialog"><h2>We value your privacy</h2><p>We and our partners store and access information on your device, such as cookies, and process personal data such as unique identifiers and standard information sent by a device for personalised ads and content, ad and content measurement, audience insights and product development. With your permission we and our partners may use precise geolocation data and identification through device scanning. You may click to consent to our and our partners\u2019 processing as described above. Alternatively you may access more detailed information and change your preferences before consenting or refuse to consent.</p><button>AGREE</button><button>MORE OPTIONS</button></div>
<div class="wrapper"><div class="content">
<h1>Library book returned 59 years late</h1>
<div class="share-bar"><a href="#">Facebook</a><a href="#">Twitter</a><a href="#">Email</a></div>
<div class="text">
@@P0@@
@@P1@@
@@P2@@
@@P3@@
</div>
<div class="newsletter-box"><p>Get the Tolland Weekly in your inbox every Friday. Sign up for our newsletter.</p></div>
</div></div></body></html>
""")

# 5. No metadata at all: a byline paragraph near the headline and the date
#    only in the canonical URL.
page("05-no-metadata-url-date", ["Sam Ortiz", "Lee Park"], ["2022-03-08"], [
    "Volunteers counted 412 harbour seals on the sandbanks of the Ember estuary last weekend, the highest number since the annual count began in 1994.",
    "The count is made from boats at low tide over two days. Organisers said calm weather helped, but that the rise matched a trend seen over the past five years.",
    "Marine biologist Ruth Anand said fewer nets in the estuary since a fishing ban in 2015 had probably helped the colony recover.",
    "Visitors are asked to keep at least fifty metres from the seals, especially from May, when pups are born on the banks.",
], """<html><head><title>Record seal count on Ember estuary</title>
<link rel="canonical" href="https://estuarypost.example/2022/03/08/record-seal-count/">
</head><body>
<div id="top"><a href="/">Estuary Post</a> | <a href="/wildlife">Wildlife</a> | <a href="/towns">Towns</a></div>
<div id="story">
<h1>Record seal count on Ember estuary</h1>
<p class="byline">By Sam Ortiz and Lee Park</p>
@@P0@@
@@P1@@
@@P2@@
@@P3@@
</div>
<div id="bottom"><p>Estuary Post is an independent community paper.</p></div>
</body></html>
""")

# 6. A long <noscript> notice first in the body, author only through
#    rel=author, date only in a dateline with a year.
page("06-noscript-dateline", ["Irene Castell"], ["2021-02-09"], [
    "KESTREL BAY, Feb. 9, 2021 \u2014 The Kestrel Bay observatory will reopen to the public in April after a two-year refit that replaced its 1930s dome and added a lift for wheelchair users.",
    "The refit cost 3.4 million dollars, most of it raised by a local trust. The telescope itself, built in 1928, was cleaned and realigned but not replaced.",
    "Trust chair Howard Mbeki said school groups would get free evening sessions on weekdays during term.",
    "Tickets for the first public nights will go on sale in March on the observatory\u2019s website.",
], """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Observatory to reopen after refit :: Bay Gazette</title></head>
<body>
<noscript>
<div style="padding:20px;background:#fee"><h2>JavaScript is disabled</h2>
<p>Your browser does not have JavaScript enabled. The Bay Gazette uses JavaScript to show videos, photo galleries, comments and the latest headlines. Without it, parts of this page will not work as intended and some content may be missing. Please enable JavaScript in your browser settings and reload this page, or use a browser that supports it. Thank you for reading the Bay Gazette.</p></div>
</noscript>
<table width="100%"><tr><td class="leftnav"><a href="/">Front page</a><br><a href="/local">Local</a><br><a href="/science">Science</a></td>
<td class="main">
<h1>Observatory to reopen after refit</h1>
<div class="credit">Story by <a rel="author" href="/staff/icastell">Irene Castell</a></div>
@@P0@@
@@P1@@
@@P2@@
@@P3@@
</td></tr></table>
</body></html>
""")

# 7. Microdata: itemprop author Person with itemprop name in the article
#    header; comments also marked itemprop=author; article:author a URL.
page("07-microdata-comments", ["Yusuf Demir"], ["2019-04-30"], [
    "Bakeries in the old town of Selvane will be allowed to open their ovens at four in the morning again after the council reversed a noise rule it adopted last year.",
    "The rule had pushed the start of baking to six, and bakers said it left shelves half empty when the first commuters arrived.",
    "Councillor Anja Petrov, who proposed the reversal, said the complaints that prompted the rule had come from just two households.",
    "Residents will still be able to report night-time noise to the council, which said it would check any bakery that drew repeated complaints.",
], """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Selvane bakers may fire ovens at 4am again</title>
<meta property="article:author" content="https://www.facebook.com/selvanetoday">
<meta property="og:site_name" content="Selvane Today">
</head><body>
<div class="container"><div itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">Selvane bakers may fire ovens at 4am again</h1>
<div class="article-info"><span itemprop="author" itemscope itemtype="https://schema.org/Person">by <span itemprop="name">Yusuf Demir</span></span> |
<time itemprop="datePublished" datetime="2019-04-30">30 April 2019</time></div>
<div itemprop="articleBody">
@@P0@@
@@P1@@
@@P2@@
@@P3@@
</div></div>
<div class="user-comments"><h3>Readers' comments</h3>
<div class="c" itemscope itemtype="https://schema.org/Comment"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Lotte Brun</span></span> <time itemprop="datePublished" datetime="2019-05-02">2 May 2019</time><p itemprop="text">Finally some common sense from the council.</p></div>
<div class="c" itemscope itemtype="https://schema.org/Comment"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ravi Kohli</span></span><p itemprop="text">Two households? That is not what I heard.</p></div>
</div></div></body></html>
""")

# 8. JSON-LD author is the organisation, the visible byline a person.
page("08-ld-organisation-byline", ["Ola Berg"], ["2024-01-16"], [
    "Harbor Daily has learned that the state port authority will delay a decision on the northern container terminal until after the spring elections.",
    "The authority\u2019s board had been due to vote in February on whether to extend the terminal into the bay, a plan opposed by residents of two coastal villages.",
    "Two board members, speaking on condition of anonymity, said the chair wanted to avoid a vote that could become an election issue.",
    "A spokeswoman for the authority said no date had been set and that the board was still studying an environmental report.",
], """<!DOCTYPE html><html lang="en"><head>
<title>Port authority to delay terminal vote until after elections | Harbor Daily</title>
<meta property="og:site_name" content="Harbor Daily">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Port authority to delay terminal vote until after elections","author":{"@type":"Organization","name":"Harbor Daily"},"datePublished":"2024-01-16T05:45:00-05:00","publisher":{"@type":"Organization","name":"Harbor Daily"}}</script>
</head><body>
<header class="masthead"><a href="/">Harbor Daily</a><nav><a href="/politics">Politics</a><a href="/port">Port</a></nav></header>
<article class="post"><header class="post-header">
<h1>Port authority to delay terminal vote until after elections</h1>
<div class="post-byline">By <span class="author-name">Ola Berg</span>, Political Correspondent</div>
<div class="post-date">January 16, 2024</div></header>
<section class="post-content">
@@P0@@
@@P1@@
@@P2@@
@@P3@@
</section></article>
<div class="comments-area"><h3>3 comments</h3><div class="comment"><span class="comment-author">Dave Linton</span><p>Typical.</p></div></div>
</body></html>
""")

# 9. Blogger-style: date header and "Posted by ... at ..." footer.
page("09-blogger", ["Mira Chen"], ["2022-06-14"], [
    "Our allotment society finally has its own seed library. It lives in an old card-index cabinet donated by the town library, and anyone with a plot can borrow seeds as long as they bring some back in autumn.",
    "We started with forty varieties, mostly beans, tomatoes and squash that members have grown here for years. Each drawer has a card with who saved the seed and how it did in our heavy clay.",
    "The idea came from a visit to a seed swap in Brannock last spring, where we saw how quickly a shared collection grows when people are trusted to return what they take.",
    "If you would like to help catalogue the autumn returns, leave a note in the shed or come to the society meeting on the first Sunday of September.",
], """<!DOCTYPE html>
<html><head><title>Greenfold Allotments: Our new seed library</title>
<meta content='blogger' name='generator'/></head>
<body><div class="content-outer"><div class="main-inner">
<div class="date-outer"><h2 class="date-header"><span>Tuesday, 14 June 2022</span></h2>
<div class="post-outer"><div class="post hentry">
<h3 class="post-title entry-title">Our new seed library</h3>
<div class="post-body entry-content">
@@P0@@
@@P1@@
@@P2@@
@@P3@@
</div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Posted by <span class="fn">Mira Chen</span></span> <span class="post-timestamp">at <a class="timestamp-link" href="#"><abbr class="published" title="2022-06-14T10:12:00+01:00">10:12</abbr></a></span></div></div>
</div></div></div>
<div class="sidebar"><h2>Blog Archive</h2><ul><li>2022 (12)</li><li>2021 (30)</li></ul><h2>About Me</h2><p>Allotment holders in Greenfold since 1952.</p></div>
</div></div></body></html>
""")

# 10. JSON-LD authors as strings with "By", ads and "Story continues
#     below advertisement", captions as paragraphs with credits.
page("10-ld-strings-ads-captions", ["Tom Hale", "Grace Obi"], ["2023-05-17"], [
    "Two hospitals in Northam will share a single emergency department at night from July, health officials announced Wednesday, a change they said would free up nurses for day shifts.",
    "Between midnight and 7 a.m., ambulances will take patients to St. Brendan\u2019s, while the Riverside emergency department will close its doors to walk-ins and redirect them by shuttle.",
    "Union representatives said they had not been consulted and warned the shuttle could delay care for patients who arrive in pain.",
    "The health board said night-time visits to Riverside averaged eleven patients, and that most were treated as non-urgent.",
    "A public consultation on the change opens next week and runs for six weeks.",
], """<!DOCTYPE html><html lang="en"><head>
<title>Northam hospitals to share night ER - Northam Star</title>
<meta name="author" content="Tom Hale, Grace Obi">
<script type="application/ld+json">[{"@context":"https://schema.org","@type":"WebSite","name":"Northam Star","url":"https://northamstar.example/"},{"@context":"https://schema.org","@type":"NewsArticle","headline":"Northam hospitals to share night ER","author":["By Tom Hale","Grace Obi"],"datePublished":"2023-05-17T08:00:00-04:00","dateModified":"2023-05-17T12:30:00-04:00"}]</script>
</head><body>
<a href="#main" class="skip-to-content">Skip to content</a>
<div id="main" class="article-page"><div class="article-container">
<h1 class="article-title">Northam hospitals to share night ER</h1>
<div class="article-byline">By Tom Hale and Grace Obi &middot; Updated May 17, 2023</div>
<div class="article-content">
<p>Advertisement</p>
@@P0@@
<div class="image-wrap"><img src="er.jpg"><p class="image-caption">The Riverside emergency entrance on Tuesday. (Photo: Alba Quinn/Getty Images)</p></div>
@@P1@@
<p class="continues">Story continues below advertisement</p>
@@P2@@
@@P3@@
<p>ADVERTISEMENT</p>
@@P4@@
</div></div></div>
</body></html>
""")

# 11. Several JSON-LD blocks, author string with a role, og date, and an
#     author-bio box at the end.
page("11-author-role-bio", ["Ravi Menon"], ["2020-08-21"], [
    "The national rail operator will trial battery trains on the coastal line between Port Alder and Wickham from next spring, replacing diesel units on a route that was never electrified.",
    "The trains recharge from overhead wires on a short stretch at each terminus and can run about 80 kilometres on battery, enough for the 62-kilometre line.",
    "Engineers said the trial would test how the batteries cope with the line\u2019s steep climb out of Wickham in cold weather.",
    "If it succeeds, the operator plans to order twelve more units for three other unelectrified branch lines.",
], """<!DOCTYPE html><html lang="en-IN"><head>
<title>Battery trains to be trialled on coastal line | The Wire Desk</title>
<meta property="og:site_name" content="The Wire Desk">
<meta property="article:published_time" content="2020-08-21T06:30:00+05:30">
<meta property="article:author" content="https://wiredesk.example/author/ravi-menon">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":1,"name":"Transport"}]}</script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"Battery trains to be trialled on coastal line","author":{"@type":"Person","name":"Ravi Menon, Senior Correspondent"}}</script>
</head><body>
<div class="main-wrap"><div class="story-col">
<h1>Battery trains to be trialled on coastal line</h1>
<div class="meta-line"><span class="writer">Ravi Menon</span> <span class="date">21 Aug 2020, 06:30 IST</span></div>
<div class="story-content">
@@P0@@
@@P1@@
@@P2@@
@@P3@@
</div>
<div class="author-bio"><p>Ravi Menon is a senior correspondent covering transport and infrastructure. He has reported on railways for fifteen years.</p></div>
</div></div></body></html>
""")

# 12. Sidebar with other stories' dates and rel=author links placed before
#     the article in the markup; no <article> element; the story header
#     has its own <time>.
page("12-sidebar-first", ["Nadia Feld"], ["2018-10-02"], [
    "The regional court in Ostrava-Luka has ordered a chemical plant to pay for a new water filter at the village school in Dolni Brod, after tests found solvent traces in the school\u2019s well.",
    "The plant\u2019s owners had argued the solvent could have come from an old fuel depot nearby. The court said the depot had stored no such chemicals.",
    "Parents\u2019 association head Pavla Ruzicka said the children had drunk bottled water for eight months while the case went on.",
    "The company said it would study the ruling before deciding whether to appeal.",
], """<html lang="en"><head><title>Court orders plant to pay for school water filter</title></head>
<body><div id="page">
<div id="left-rail"><h3>From our columnists</h3><ul>
<li><a rel="author" href="/columnists/petr-vana">Petr Vana</a>: Why the river matters <time datetime="2018-09-30T08:00:00+02:00">30 Sep</time></li>
<li><a rel="author" href="/columnists/eva-hola">Eva Hola</a>: Schools after the flood <time datetime="2018-09-28T08:00:00+02:00">28 Sep</time></li></ul></div>
<div id="content"><div class="story-header">
<h1>Court orders plant to pay for school water filter</h1>
<div class="story-meta">By <span class="author">Nadia Feld</span> &bull; <time datetime="2018-10-02T14:20:00+02:00">2 October 2018</time></div></div>
<div class="story-text">
@@P0@@
@@P1@@
@@P2@@
@@P3@@
</div></div></div></body></html>
""")


def main():
    os.makedirs(f"{OUT}/html", exist_ok=True)
    gold, meta = {}, []
    for pid, authors, published, paragraphs, html in PAGES:
        with open(f"{OUT}/html/{pid}.html", "w", encoding="utf-8") as f:
            f.write(html)
        gold[pid] = {"articleBody": "\n".join(paragraphs)}
        meta.append({"id": pid, "authors": authors, "published": published})
    with open(f"{OUT}/ground-truth.json", "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    with open(f"{OUT}/meta.jsonl", "w", encoding="utf-8") as f:
        for m in meta:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
