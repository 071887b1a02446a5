#!/usr/bin/env python3
"""Builds the syndication test corpus of `dossier eval copies`, deterministically.

Sources (texts the repository may ship; never the seeds in ../shared):
  - data/demo/wikinews-gum.jsonl: Wikinews articles (CC BY 2.5);
  - data/eval/quotes-heldout-{2,3,4}.jsonl: articles written for the project;
  - data/eval/copies/src/same-story.jsonl: short articles written for this
    corpus, several per event by different "outlets" in their own words
    (same story, not copies: they must NOT be joined), some sharing a
    quoted sentence.

Every source article becomes the origin of a copies group: 1-3 copies made
by the edits syndication makes (a new headline, a new or reworded lead,
truncation, site boilerplate around the text, paragraphs moved, a quoted
paragraph dropped, light word edits), each copy with 2-4 of them. Articles
of the same event each get one copy at most, so the groups stay apart only
if the detector tells an event from a text.

Groups are split into a dev half (thresholds chosen there) and a test half
(reported untouched), whole groups and whole events on one side.

Writes data/eval/copies/dev.jsonl and test.jsonl: one document per line
(`id`, `title`, `site`, `published`, `text`, plus `group`: documents with
the same group are copies of each other, and `edits`).

Run from the repository root: python3 scripts/make-copies-corpus.py
"""
import json
import random
import re

SEED = 20261206
OUT = "data/eval/copies"
MIN_WORDS = 150

SITES = [
    "Metro Daily", "The Evening Standard-Tribune", "Valley News Online", "Global Wire Digest",
    "Northern Echo Post", "City Beat", "The Morning Bulletin", "Harbour Times", "Daily Dispatch",
    "News24 Aggregator", "The Provincial", "Capital Chronicle", "Riverside Weekly", "World Briefing",
]

HEADERS = [
    "Home | News | World | Business | Sport | Opinion",
    "Skip to main content\nMenu\nSearch",
    "BREAKING NEWS",
    "Advertisement",
    "Subscribe now and get unlimited access for 1 month",
    "World News\nShare on Facebook  Share on Twitter  Email",
]

FOOTERS = [
    "Copyright {site}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Sign up for our morning newsletter to get the day's top stories delivered to your inbox.",
    "Related stories\nMore from {site}\nMost read this week",
    "Have a news tip? Contact the {site} newsroom by e-mail or phone. Comments are moderated.",
    "This article was produced by a news agency and published without changes to its text. {site} is not responsible for its content.",
    "Follow us on social media for more updates. Advertisement. Continue reading below.",
]

LEADS = [
    "Here is what we know so far about a story that has drawn wide attention this week.",
    "Readers have been asking about this story, so here is the latest report in full.",
    "The following report gives the details as they were known at the time of writing.",
    "A story that began with a brief announcement has grown into one of the week's most talked-about events.",
    "Our partners filed the following report, which we publish with their permission.",
    "It was the kind of news that few people expected to read this week.",
]

HEADLINES = [
    "WATCH: {t}", "{t} — latest", "Report: {t}", "{t}: what happened", "Explained: {t}", "{t} (updated)",
]

LIGHT = [
    (r"\bsaid\b", "says"), (r"\bhonored\b", "honoured"), (r"\borganization\b", "organisation"),
    (r"\bper cent\b", "percent"), (r"\bpercent\b", "per cent"), (r"\bU\.S\.", "US"), (r"\bMr\. ", "Mr "),
    (r"\btold\b", "informed"), (r"\bhowever\b", "but"), (r"\bcenter\b", "centre"), (r"\bTuesday\b", "on Tuesday"),
]


def words(text):
    return len(text.split())


def paragraphs(text):
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def load(path, name):
    out = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        if words(d["text"]) < MIN_WORDS and "story" not in d:
            continue
        out.append({
            "key": f"{name}:{d['id']}",
            "event": d.get("story") and f"event:{d['story']}",
            "title": d.get("title") or paragraphs(d["text"])[0][:90],
            "site": d.get("site") or "Original Desk",
            "published": d.get("published") or "2025-01-01",
            "text": d["text"],
        })
    return out


def new_headline(rng, doc, paras):
    doc["title"] = rng.choice(HEADLINES).format(t=doc["title"])
    # A first paragraph that reads as a headline (no final full stop) is replaced.
    if len(paras) > 1 and words(paras[0]) <= 25 and not paras[0].rstrip().endswith("."):
        paras[0] = doc["title"]
    return paras


def new_lead(rng, doc, paras):
    body = 1 if len(paras) > 1 and words(paras[0]) <= 25 and not paras[0].rstrip().endswith(".") else 0
    if rng.random() < 0.5 and len(paras) > body + 2:
        paras[body] = rng.choice(LEADS)  # the lead rewritten
    else:
        paras.insert(body, rng.choice(LEADS))  # a lead added before the story
    return paras


def truncate(rng, doc, paras):
    keep = max(3, round(len(paras) * rng.uniform(0.45, 0.75)))
    return paras[:keep]


def boilerplate(rng, doc, paras):
    head = rng.choice(HEADERS)
    foot = rng.choice(FOOTERS).format(site=doc["site"])
    return [head] + paras + [foot]


def reorder(rng, doc, paras):
    if len(paras) < 4:
        return paras
    i = rng.randrange(1, len(paras))
    p = paras.pop(i)
    paras.insert(rng.randrange(1, len(paras) + 1), p)
    return paras


def drop_quote(rng, doc, paras):
    quoted = [i for i, p in enumerate(paras) if i > 0 and re.search(r"[\"“”]", p)]
    if quoted and len(paras) > 3:
        paras.pop(rng.choice(quoted))
    return paras


def light_edit(rng, doc, paras):
    rules = rng.sample(LIGHT, 4)
    out = []
    for p in paras:
        for pat, rep in rules:
            p = re.sub(pat, rep, p)
        out.append(p)
    return out


EDITS = {
    "new_lead": new_lead, "truncate": truncate, "boilerplate": boilerplate, "reorder": reorder,
    "drop_quote": drop_quote, "light_edit": light_edit,
}
# The order edits are applied in: a site trims and edits the story it took, then wraps it.
ORDER = ["drop_quote", "reorder", "light_edit", "truncate", "new_lead", "boilerplate"]


def copy_of(rng, src, n):
    doc = {"title": src["title"], "site": rng.choice([s for s in SITES if s != src["site"]])}
    chosen = rng.sample(list(EDITS), rng.randint(2, 4))
    paras = new_headline(rng, doc, paragraphs(src["text"]))
    for name in ORDER:
        if name in chosen:
            paras = EDITS[name](rng, doc, paras)
    y, m, d = map(int, src["published"][:10].split("-"))
    day = min(28, d + rng.randint(0, 3))
    return {
        "id": f"{src['key']}#copy{n}",
        "title": doc["title"],
        "site": doc["site"],
        "published": f"{y:04d}-{m:02d}-{day:02d}",
        "text": "\n\n".join(paras),
        "group": src["key"],
        "edits": ["new_headline"] + [e for e in ORDER if e in chosen],
    }


def main():
    rng = random.Random(SEED)
    sources = (
        load("data/demo/wikinews-gum.jsonl", "wikinews")
        + load("data/eval/quotes-heldout-2.jsonl", "heldout2")
        + load("data/eval/quotes-heldout-3.jsonl", "heldout3")
        + load("data/eval/quotes-heldout-4.jsonl", "heldout4")
        + load(f"{OUT}/src/same-story.jsonl", "story")
    )
    # Units split together: an event's articles, or one article.
    units = sorted({s["event"] or s["key"] for s in sources})
    rng.shuffle(units)
    events = [u for u in units if u.startswith("event:")]
    singles = [u for u in units if not u.startswith("event:")]
    dev_units = set(events[: len(events) // 2] + singles[: len(singles) // 2])
    split = {"dev": [], "test": []}
    for src in sources:
        side = "dev" if (src["event"] or src["key"]) in dev_units else "test"
        n_copies = 1 if src["event"] else rng.randint(1, 3)
        docs = [{
            "id": src["key"], "title": src["title"], "site": src["site"], "published": src["published"],
            "text": src["text"], "group": src["key"], "edits": [],
        }]
        docs += [copy_of(rng, src, i + 1) for i in range(n_copies)]
        split[side].extend(docs)
    for side, docs in split.items():
        rng.shuffle(docs)
        with open(f"{OUT}/{side}.jsonl", "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        groups = len({d["group"] for d in docs})
        print(f"{side}: {len(docs)} documents in {groups} groups")


if __name__ == "__main__":
    main()
