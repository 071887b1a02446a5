//! The channels a statement came through, as the text gives them: `told
//! Kommersant`, `in an interview with the BBC`, `said in a statement to
//! AFP`, `wrote on X`, `said in a press release`, `according to Time
//! magazine` (when someone else speaks), `as reported by`, `quoted by
//! Interfax`.
//!
//! Only the sentence of the statement's cue is read, outside the quoted
//! content, and a phrase counts only near the cue (or opening the
//! sentence: `In an interview with the BBC, she said …`), so a second
//! statement's channel in the same sentence is not taken. Nothing is
//! inferred: `tweeted` names no platform here, a person `told` is an
//! addressee (`told Ivo Sander`), and a place is never a channel unless an
//! outlet noun says so (`told Russia's Kommersant daily` names Kommersant,
//! not Russia). Each item keeps the words that say so as its span.

use dossier_core::{EntityLabel, Span, Via, ViaKind};

use super::cues::in_list;
use super::speaker::{Name, OUTLETS};
use super::Doc;

/// Tokens between the cue and the start of a channel phrase at most.
const NEAR_CUE: usize = 12;

/// Nouns that name an outlet besides [`OUTLETS`] (`the news agency
/// Interfax`, `Interfax news agency`, `its Telegram channel`, `its Andalus
/// radio station`).
const MORE_OUTLETS: &[&str] =
    &["agency", "channel", "outlet", "paper", "podcast", "program", "programme", "show", "station"];

/// Last words of newspaper and broadcaster titles (`The Times`, `Sky
/// News`, `the Kyiv Independent`, `Harbour FM`), besides the outlet nouns
/// (`Runway Weekly`): a name ending in one is an outlet unless the tagger
/// calls it a person (`Emily Post`).
const MASTHEADS: &[&str] = &[
    "bulletin",
    "chronicle",
    "courier",
    "dispatch",
    "examiner",
    "express",
    "fm",
    "gazette",
    "guardian",
    "herald",
    "independent",
    "inquirer",
    "journal",
    "mail",
    "mirror",
    "monitor",
    "nation",
    "news",
    "observer",
    "post",
    "press",
    "record",
    "register",
    "review",
    "sentinel",
    "standard",
    "star",
    "sun",
    "telegraph",
    "times",
    "tribune",
    "tv",
];

/// An outlet's people after its name (`told a Kazinform correspondent`):
/// the name is the channel.
const JOURNALISTS: &[&str] =
    &["correspondent", "correspondents", "journalist", "journalists", "reporter", "reporters"];

/// Verbs of words sent to someone, read as `told` (`texted the Courier`).
const TOLD_VERBS: &[&str] = &["emailed", "messaged", "tell", "telling", "tells", "texted", "told"];

/// Verbs after `on` that say the words were written there (`wrote on
/// Hacker News`), whatever the platform: a post, where `said on CNN` is
/// a broadcast.
const WRITE_VERBS: &[&str] = &["post", "posted", "posting", "posts", "write", "writes", "writing", "wrote"];

/// Platforms a statement is posted on, which the tagger rarely labels
/// (`X`, `Telegram`): a name after `wrote on` is a platform when listed
/// here or tagged as an organisation.
const PLATFORMS: &[&str] = &[
    "bluesky",
    "facebook",
    "instagram",
    "linkedin",
    "mastodon",
    "reddit",
    "substack",
    "telegram",
    "threads",
    "tiktok",
    "truth",
    "twitter",
    "vk",
    "vkontakte",
    "wechat",
    "weibo",
    "whatsapp",
    "x",
    "youtube",
];

/// Words after `on` that are no platform (`said on Monday`).
const NOT_PLATFORMS: &[&str] = &[
    "april",
    "august",
    "christmas",
    "december",
    "february",
    "friday",
    "january",
    "july",
    "june",
    "march",
    "may",
    "monday",
    "november",
    "october",
    "saturday",
    "september",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
];

/// Verbs after which `on NAME` is where the words were posted.
const POST_VERBS: &[&str] =
    &["added", "post", "posted", "posting", "posts", "said", "says", "write", "writes", "writing", "wrote"];

/// Possessives that may stand between `on` and a platform (`on his Telegram channel`).
const POSSESSIVES: &[&str] = &["her", "his", "its", "my", "our", "their"];

/// What must be true of a name for it to be a channel of some kind.
#[derive(Clone, Copy, PartialEq)]
enum Need {
    /// An outlet: tagged an organisation, or named next to an outlet noun
    /// (`told X`, `speaking to X`).
    Outlet,
    /// A platform: listed or tagged an organisation (`wrote on X`).
    Platform,
    /// Any name but a place without an outlet noun (`according to X`,
    /// `in an interview with X`: a journalist may be the channel).
    Named,
}

/// A channel's name found after a preposition.
struct Found {
    name: String,
    name_span: Span,
    /// The last token of the phrase (the outlet noun after the name, if any).
    last: usize,
}

impl Doc<'_> {
    /// The channels of the statement with cue tokens `cue` and content
    /// `content`, in text order.
    pub(super) fn via_of(&self, cue: Option<(usize, usize)>, content: Span) -> Vec<Via> {
        let Some((c0, c1)) = cue else { return Vec::new() };
        let (s0, s1) = self.sentence_range(c0);
        // A quote joined across its cue (`“A,” he told AFP. “B.”`) holds
        // the cue's own frame between its passages: those words are the
        // reporter's, not the quote's.
        let cue_inside = content.contains(&self.span_of(c0, c1));
        let free =
            |t: usize| !self.toks[t].span.overlaps(&content) || cue_inside && self.in_passage[t].is_none();
        let near = |t: usize| t + NEAR_CUE >= c0 && t <= c1 + NEAR_CUE || self.opens(t, s0);
        let mut out: Vec<Via> = Vec::new();
        for i in s0..s1 {
            if !near(i) {
                continue;
            }
            let Some((kind, first, found)) = self.via_at(i, s1, (c0, c1)) else { continue };
            let last = found.as_ref().map_or(i, |f| f.last);
            if !(first..=last).all(free) && !self.trailing_source(kind, first, last, content) {
                continue;
            }
            let span = self.span_of(first, last);
            if out.iter().any(|v| v.span.overlaps(&span)) {
                continue;
            }
            out.push(Via {
                kind,
                span,
                name: found.as_ref().map(|f| f.name.clone()),
                name_span: found.map(|f| f.name_span),
                entity: None,
            });
        }
        out
    }

    /// `…, according to X.` or `…, as reported by X.` closing reported
    /// content: the phrase is the content's last clause, after a comma (the
    /// content runs to the sentence's end), and says who reported it.
    fn trailing_source(&self, kind: ViaKind, first: usize, last: usize, content: Span) -> bool {
        matches!(kind, ViaKind::AccordingTo | ViaKind::ReportedBy | ViaKind::QuotedBy)
            && first > 0
            && self.low(first - 1) == ","
            && self.toks[first].span.start > content.start
            && (last + 1 >= self.toks.len()
                || self.toks[last + 1].span.start >= content.end
                || self.is_terminal(last + 1))
    }

    /// Is token `t` at the start of its sentence (after an opening mark)?
    fn opens(&self, t: usize, s0: usize) -> bool {
        t == s0 || t == s0 + 1 && self.is_open_mark(s0)
    }

    /// The channel phrase whose key word is token `i`: its kind, first
    /// token and name. `cue` is the statement's cue (first and last
    /// token), `se` the sentence's end.
    fn via_at(&self, i: usize, se: usize, cue: (usize, usize)) -> Option<(ViaKind, usize, Option<Found>)> {
        let in_cue = |t: usize| (cue.0..=cue.1).contains(&t);
        let w = self.low(i);
        let next = self.low(i + 1);
        match w {
            _ if in_list(TOLD_VERBS, w) => {
                Some((ViaKind::Told, i, Some(self.name_at(i + 1, se, Need::Outlet)?)))
            }
            // `took to Instagram to write`: only a listed platform (`took to
            // the streets`, `took to court` are no channel).
            "took" | "takes" | "taking" | "take" if next == "to" => {
                let found = self.platform_at(i + 2, se)?;
                let listed = found.name.split('/').any(|p| in_list(PLATFORMS, &p.to_lowercase()));
                listed.then_some((ViaKind::Post, i, Some(found)))
            }
            "speaking" | "spoke" | "speaks" if matches!(next, "to" | "with") => {
                Some((ViaKind::Told, i, Some(self.name_at(i + 2, se, Need::Outlet)?)))
            }
            "interview" | "interviews" => {
                let at = match (next, self.low(i + 2)) {
                    ("with" | "to" | "on" | "for" | "over", _) => i + 2,
                    ("given" | "published" | "broadcast" | "aired", "to" | "by" | "on") => i + 3,
                    _ => return None,
                };
                Some((
                    ViaKind::Interview,
                    self.with_in(self.phrase_start(i)),
                    Some(self.name_at(at, se, Need::Named)?),
                ))
            }
            "statement" | "statements" | "release" => {
                let first = self.phrase_start(i);
                if first == 0 || self.low(first - 1) != "in" {
                    return None;
                }
                if w == "release" {
                    return Some((ViaKind::Release, first - 1, None));
                }
                let to = match (next, self.low(i + 2)) {
                    ("to", _) => Some(i + 2),
                    ("sent" | "emailed" | "e-mailed" | "given" | "released", "to") => Some(i + 3),
                    // `in a statement broadcast on its Andalus radio station`.
                    ("broadcast" | "aired" | "published" | "posted", "on" | "by") => Some(i + 3),
                    _ => None,
                };
                let found = to.and_then(|k| self.name_at(k, se, Need::Named));
                Some((ViaKind::Statement, first - 1, found))
            }
            "on" if i > 0 && in_list(POST_VERBS, self.low(i - 1)) => {
                // `in a post on Telegram` (the noun), `wrote on X` (the verb).
                let first =
                    if self.low(i - 1) == "post" { self.with_in(self.phrase_start(i - 1)) } else { i };
                let found = self.platform_at(i + 1, se)?;
                let listed = found.name.split('/').any(|p| in_list(PLATFORMS, &p.to_lowercase()));
                // `said on CNN`: a broadcast, not a post.
                let kind = if listed || in_list(WRITE_VERBS, self.low(i - 1)) {
                    ViaKind::Post
                } else {
                    ViaKind::Interview
                };
                Some((kind, first, Some(found)))
            }
            "according" if next == "to" && !in_cue(i) && !in_cue(i + 1) => {
                Some((ViaKind::AccordingTo, i, Some(self.name_at(i + 2, se, Need::Named)?)))
            }
            "reported" | "quoted" if next == "by" && !in_cue(i) => {
                let kind = if w == "quoted" { ViaKind::QuotedBy } else { ViaKind::ReportedBy };
                let first = if i > 0 && self.low(i - 1) == "as" { i - 1 } else { i };
                Some((kind, first, Some(self.name_at(i + 2, se, Need::Named)?)))
            }
            // `quoted as saying by Interfax`.
            "quoted" if next == "as" && self.low(i + 3) == "by" => {
                Some((ViaKind::QuotedBy, i, Some(self.name_at(i + 4, se, Need::Named)?)))
            }
            // `as Reuters reported`, `Interfax quoted him as saying`.
            _ => self.name_then_verb(i, se).filter(|(_, _, f)| f.as_ref().is_some_and(|f| !in_cue(f.last))),
        }
    }

    /// `in` before a phrase that starts at `first`, when it is there.
    fn with_in(&self, first: usize) -> usize {
        if first > 0 && self.low(first - 1) == "in" {
            first - 1
        } else {
            first
        }
    }

    /// `as NAME reported` and `NAME quoted X as saying`: the name at token
    /// `i`, followed by the verb (the phrase's last token).
    fn name_then_verb(&self, i: usize, se: usize) -> Option<(ViaKind, usize, Option<Found>)> {
        let n = self.name_starting(i)?;
        let after = n.toks.1;
        let verb = self.low(after);
        let kind = if verb == "reported" && i > 0 && self.low(i - 1) == "as" {
            ViaKind::ReportedBy
        } else if verb == "quoted"
            && (after + 1..se.min(after + 8)).any(|t| self.low(t) == "as" && self.low(t + 1) == "saying")
        {
            ViaKind::QuotedBy
        } else {
            return None;
        };
        let title = self.title_word(n.toks.1 - 1) && n.label != Some(EntityLabel::Per);
        if n.label != Some(EntityLabel::Org) && !title {
            return None;
        }
        let found = self.found(Some(n), n.toks.0, n.toks.1 - 1, after);
        let first = if kind == ViaKind::ReportedBy { i - 1 } else { i };
        Some((kind, first, Some(found)))
    }

    /// The first token of the noun phrase ending at `i` (`a`, `an`, a
    /// possessive and up to two modifiers: `in a joint statement`, `in a
    /// press release`, `in an exclusive interview`).
    fn phrase_start(&self, i: usize) -> usize {
        let mut k = i;
        for _ in 0..3 {
            if k == 0 {
                break;
            }
            let w = self.low(k - 1);
            if matches!(w, "a" | "an" | "the") || in_list(POSSESSIVES, w) {
                return k - 1;
            }
            if !self.is_word(k - 1) || matches!(w, "in" | "said" | "told") {
                break;
            }
            k -= 1;
        }
        i
    }

    /// The channel named from token `k`: an optional `the` or possessive
    /// (`on its Andalus radio station`), a possessive place (`Russia's`) or
    /// an outlet noun before (`the newspaper Kommersant`, `the state news
    /// agency Azertac`), the name, and an outlet noun or an outlet's people
    /// after (`Kommersant daily`, `Interfax news agency`, `a Kazinform
    /// correspondent`).
    fn name_at(&self, k: usize, se: usize, need: Need) -> Option<Found> {
        let mut k = k;
        // (Not when the tagger's name starts there: `The Times`.)
        let article = matches!(self.low(k), "the" | "a" | "an") || in_list(POSSESSIVES, self.low(k));
        if article && self.name_starting(k).is_none() {
            k += 1;
        }
        let mut outlet = false;
        // `Russia's Kommersant`: the place owns the outlet (`CNN's Jake
        // Tapper` names CNN).
        if let Some(n) = self.name_starting(k).filter(|n| n.label == Some(EntityLabel::Loc)) {
            if n.toks.1 < se && matches!(self.low(n.toks.1), "'s" | "'") {
                k = n.toks.1 + 1;
            }
        }
        // `the newspaper Kommersant`, `Russian daily Kommersant`.
        if let Some(o) = (k..se.min(k + 3)).find(|&t| self.outlet_noun(t)) {
            let lower_or_modifier = (k..o).all(|t| self.is_word(t));
            // (An untagged name only after a common noun: `Radio Norte` is one name.)
            let untagged = !self.capitalised(o, se) && self.capitalised(o + 1, se);
            if lower_or_modifier && (self.name_starting(o + 1).is_some() || untagged) {
                outlet = true;
                k = o + 1;
            }
        }
        let (end, tagged) = self.name_words(k, se)?;
        let label = tagged.and_then(|n| n.label);
        let mut last = end;
        // `Interfax news agency`, `Kommersant daily`, `Andalus radio station`.
        for t in end + 1..se.min(end + 3) {
            if self.outlet_noun(t) {
                last = t;
                while last + 1 < se && self.outlet_noun(last + 1) {
                    last += 1;
                }
                outlet = true;
                break;
            }
            if self.low(t) != "news" {
                break;
            }
        }
        if last == end && in_list(JOURNALISTS, self.low(end + 1)) {
            last = end + 1;
            outlet = true;
        }
        // `The Times`, `the Nation`, `Harbour FM`: a title; `Emily Post` is a person.
        outlet |= self.title_word(end) && label != Some(EntityLabel::Per);
        let ok = match (need, label) {
            (_, _) if outlet => true,
            (Need::Outlet | Need::Platform, Some(EntityLabel::Org)) => true,
            (Need::Platform, _) => in_list(PLATFORMS, self.low(k)),
            (Need::Outlet, _) => false,
            (Need::Named, Some(EntityLabel::Loc)) => false,
            (Need::Named, _) => true,
        };
        ok.then(|| self.found(tagged, k, end, last))
    }

    /// The channel named by tokens `k..=end` (the tagger's name `tagged`
    /// when they are one, at its fullest), its phrase ending at `last`.
    fn found(&self, tagged: Option<&Name>, k: usize, end: usize, last: usize) -> Found {
        let (name, name_span) = match tagged {
            Some(n) => (self.full_name(n), n.span),
            None => (self.span_of(k, end).slice(self.text).to_string(), self.span_of(k, end)),
        };
        let name = name.strip_prefix("the ").unwrap_or(&name).to_string();
        Found { name, name_span, last }
    }

    /// The name's words from token `k`: its last token, and the tagger's
    /// name when it is one. A name the tagger did not give (`in a
    /// statement to Baltpress`) is up to four capitalised words; so is a
    /// title the tagger cut short (`the Kyiv Independent` tagged `Kyiv`, a
    /// place): capitalised words going on past a name that is not a person
    /// and ending in a title word ([`MASTHEADS`]).
    fn name_words(&self, k: usize, se: usize) -> Option<(usize, Option<&Name>)> {
        let run = (k..se.min(k + 4)).take_while(|&t| self.capitalised(t, se)).last();
        match self.name_starting(k) {
            Some(n) => match run {
                Some(r) if r >= n.toks.1 && n.label != Some(EntityLabel::Per) && self.title_word(r) => {
                    Some((r, None))
                }
                _ => Some((n.toks.1 - 1, Some(n))),
            },
            None => Some((run?, None)),
        }
    }

    /// Is token `t` (before the sentence's end `se`) a capitalised word?
    fn capitalised(&self, t: usize, se: usize) -> bool {
        t < se && self.is_word(t) && self.word(t).starts_with(|c: char| c.is_uppercase())
    }

    /// `on X`, `on X/Twitter`, `on his Telegram channel`: the platform
    /// after `on` at token `k`.
    fn platform_at(&self, k: usize, se: usize) -> Option<Found> {
        let k = if in_list(POSSESSIVES, self.low(k)) { k + 1 } else { k };
        if k >= se || in_list(NOT_PLATFORMS, self.low(k)) {
            return None;
        }
        let found = self.name_at(k, se, Need::Platform);
        if found.is_some() {
            return found;
        }
        // A listed platform the tagger left out (`X`, often alone).
        let w = self.low(k);
        let listed = in_list(PLATFORMS, w) || w.split('/').any(|p| in_list(PLATFORMS, p));
        if !listed || !self.word(k).starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        let last = if self.outlet_noun(k + 1) { k + 1 } else { k };
        Some(Found { name: self.word(k).to_string(), name_span: self.toks[k].span, last })
    }

    /// The name that starts at token `k`, if any.
    fn name_starting(&self, k: usize) -> Option<&Name> {
        let t = self.toks.get(k)?;
        self.names_in(t.span.start, t.span.start + 1).first()
    }

    /// Does token `t` end an outlet's title (`Times`, `FM`, `Weekly`)?
    fn title_word(&self, t: usize) -> bool {
        in_list(MASTHEADS, self.low(t)) || self.outlet_noun(t)
    }

    fn outlet_noun(&self, t: usize) -> bool {
        let w = self.low(t);
        in_list(OUTLETS, w) || in_list(MORE_OUTLETS, w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::find_quotes;
    use crate::sentence::split_sentences;
    use crate::token::tokenize;
    use dossier_core::Mention;

    /// The channels of each quote found in `text` (with the names given
    /// as NER would tag them): (kind, name, the words that say so).
    fn via(text: &str, names: &[(&str, EntityLabel)]) -> Vec<Vec<(&'static str, Option<String>, String)>> {
        let entities: Vec<Mention> = names
            .iter()
            .map(|(n, label)| {
                let at = text.find(n).unwrap();
                Mention { span: Span::new(at, at + n.len()), label: *label, entity: None }
            })
            .collect();
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        find_quotes(text, &tokens, &sentences, &entities)
            .iter()
            .map(|q| {
                q.via
                    .iter()
                    .map(|v| {
                        if let (Some(n), Some(s)) = (&v.name, v.name_span) {
                            assert!(v.span.contains(&s), "the name lies in the evidence");
                            assert!(n.contains(s.slice(text).trim_start_matches("the ")), "{n} / {s:?}");
                        }
                        (v.kind.as_str(), v.name.clone(), v.span.slice(text).to_string())
                    })
                    .collect()
            })
            .collect()
    }

    fn one(text: &str, names: &[(&str, EntityLabel)]) -> Vec<(&'static str, Option<String>, String)> {
        let v = via(text, names);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap()
    }

    use EntityLabel::{Loc, Misc, Org, Per};

    #[test]
    fn an_outlet_told_behind_a_place_and_before_its_noun() {
        let text = "Tobias Lind told Estonia's Postimees daily that the port would stay open.";
        let v = one(text, &[("Tobias Lind", Per), ("Estonia", Loc), ("Postimees", Org)]);
        assert_eq!(v, vec![("told", Some("Postimees".into()), "told Estonia's Postimees daily".into())]);
    }

    #[test]
    fn a_person_told_or_a_place_told_is_no_channel() {
        let text = "Tobias Lind told Mara Quint that the port would stay open.";
        assert_eq!(one(text, &[("Tobias Lind", Per), ("Mara Quint", Per)]), vec![]);
        let text = "Tobias Lind told Estonia that the port would stay open.";
        assert_eq!(one(text, &[("Tobias Lind", Per), ("Estonia", Loc)]), vec![]);
    }

    #[test]
    fn an_interview_opening_the_sentence_or_after_the_cue() {
        let text = "In an interview with the Harbour Gazette, Tobias Lind said the port would stay open.";
        let v = one(text, &[("Harbour Gazette", Org), ("Tobias Lind", Per)]);
        assert_eq!(
            v,
            vec![(
                "interview",
                Some("Harbour Gazette".into()),
                "In an interview with the Harbour Gazette".into()
            )]
        );
        let text = "Tobias Lind said in a long interview on Radio Norte that the port would stay open.";
        let v = one(text, &[("Tobias Lind", Per), ("Radio Norte", Org)]);
        assert_eq!(v[0].0, "interview");
        assert_eq!(v[0].1.as_deref(), Some("Radio Norte"));
    }

    #[test]
    fn a_statement_to_an_agency_and_a_release_without_a_name() {
        let text = "The ministry said in a statement to Baltpress that the port would stay open.";
        let v = one(text, &[("Baltpress", Org)]);
        assert_eq!(v, vec![("statement", Some("Baltpress".into()), "in a statement to Baltpress".into())]);
        // A name the tagger missed is still the capitalised words named.
        let text = "The ministry said in a statement to Baltpress on Monday that the port would stay open.";
        let v = one(text, &[("The ministry", Org), ("Monday", Misc)]);
        assert_eq!(v, vec![("statement", Some("Baltpress".into()), "in a statement to Baltpress".into())]);
        let text = "The ministry said in a press release that the port would stay open.";
        assert_eq!(one(text, &[]), vec![("release", None, "in a press release".into())]);
        let text = "The ministry said in a statement that the port would stay open.";
        assert_eq!(one(text, &[]), vec![("statement", None, "in a statement".into())]);
    }

    #[test]
    fn a_post_on_a_platform_but_not_on_a_weekday() {
        let text = "Tobias Lind wrote on X that the port would stay open.";
        assert_eq!(one(text, &[("Tobias Lind", Per)]), vec![("post", Some("X".into()), "on X".into())]);
        let text = "Tobias Lind said in a post on Telegram that the port would stay open.";
        let v = one(text, &[("Tobias Lind", Per), ("Telegram", Misc)]);
        assert_eq!(v, vec![("post", Some("Telegram".into()), "in a post on Telegram".into())]);
        let text = "Tobias Lind said on Monday that the port would stay open.";
        assert_eq!(one(text, &[("Tobias Lind", Per)]), vec![]);
    }

    #[test]
    fn according_to_someone_else_is_a_channel_but_not_when_it_is_the_cue() {
        let text = "“The port will stay open,” Tobias Lind said, according to the Harbour Gazette.";
        let v = one(text, &[("Tobias Lind", Per), ("Harbour Gazette", Org)]);
        assert_eq!(
            v,
            vec![("according_to", Some("Harbour Gazette".into()), "according to the Harbour Gazette".into())]
        );
        // The outlet is the speaker: no channel besides it.
        let text = "According to the Harbour Gazette, the port will stay open.";
        for q in via(text, &[("Harbour Gazette", Org)]) {
            assert_eq!(q, vec![]);
        }
    }

    #[test]
    fn reported_and_quoted_by_an_agency() {
        let text = "Tobias Lind said the port would stay open, as reported by Baltpress.";
        let v = one(text, &[("Tobias Lind", Per), ("Baltpress", Org)]);
        assert_eq!(v, vec![("reported_by", Some("Baltpress".into()), "as reported by Baltpress".into())]);
        let text = "“The port will stay open,” Tobias Lind was quoted as saying by Baltpress.";
        let v = one(text, &[("Tobias Lind", Per), ("Baltpress", Org)]);
        assert_eq!(v, vec![("quoted_by", Some("Baltpress".into()), "quoted as saying by Baltpress".into())]);
        let text = "Baltpress quoted Tobias Lind as saying: “The port will stay open.”";
        let v = one(text, &[("Baltpress", Org), ("Tobias Lind", Per)]);
        assert_eq!(v, vec![("quoted_by", Some("Baltpress".into()), "Baltpress quoted".into())]);
    }

    #[test]
    fn an_agency_told_before_a_colon() {
        let text = "Tobias Lind told Baltpress news agency: “The port will stay open.”";
        let v = one(text, &[("Tobias Lind", Per), ("Baltpress", Org)]);
        assert_eq!(v, vec![("told", Some("Baltpress".into()), "told Baltpress news agency".into())]);
    }

    #[test]
    fn a_channel_in_the_quoted_words_is_not_the_quotes() {
        let text = "“I told the Harbour Gazette nothing,” Tobias Lind said.";
        let v = one(text, &[("Harbour Gazette", Org), ("Tobias Lind", Per)]);
        assert_eq!(v, vec![]);
    }

    #[test]
    fn an_outlet_told_in_reported_speech_by_its_title() {
        // Untagged, with a title word: an outlet.
        let text = "Outside the town hall, Marta Ilves told The Chronicle that she had waited six years.";
        let v = one(text, &[("Marta Ilves", Per)]);
        assert_eq!(v, vec![("told", Some("Chronicle".into()), "told The Chronicle".into())]);
        // Tagged as something else than an organisation.
        let text = "A ministry spokesperson told the Baltic Courier that the inquiry had started in May.";
        let v = one(text, &[("Baltic Courier", Misc)]);
        assert_eq!(v, vec![("told", Some("Baltic Courier".into()), "told the Baltic Courier".into())]);
        // A title the tagger cut to its place.
        let text = "A police spokesperson told the Riga Independent that the inquiry had begun.";
        let v = one(text, &[("Riga", Loc)]);
        assert_eq!(v, vec![("told", Some("Riga Independent".into()), "told the Riga Independent".into())]);
        // A person with a title word for a surname is still a person.
        let text = "Tobias Lind told Emily Post that the port would stay open.";
        assert_eq!(one(text, &[("Tobias Lind", Per), ("Emily Post", Per)]), vec![]);
    }

    #[test]
    fn an_outlet_told_after_a_direct_quote_and_by_present_tense() {
        let text = "“We will not give up this field,” the striker told the Evening Courier.";
        let v = one(text, &[]);
        assert_eq!(v, vec![("told", Some("Evening Courier".into()), "told the Evening Courier".into())]);
        let text = "The mayor, Owen Price, tells Harbour FM that the count was fair.";
        let v = one(text, &[("Owen Price", Per)]);
        assert_eq!(v, vec![("told", Some("Harbour FM".into()), "tells Harbour FM".into())]);
    }

    #[test]
    fn an_outlet_by_its_correspondent_and_a_message_texted() {
        let text = "Nadia Perez told a Baltpress correspondent that the region would get nine new schools.";
        let v = one(text, &[("Nadia Perez", Per), ("Baltpress", Misc)]);
        assert_eq!(v, vec![("told", Some("Baltpress".into()), "told a Baltpress correspondent".into())]);
        let text =
            "One nurse, Ivo Sander, texted the Gazette after the vote to say that he would keep working.";
        let v = one(text, &[("Ivo Sander", Per)]);
        assert_eq!(v, vec![("told", Some("Gazette".into()), "texted the Gazette".into())]);
    }

    #[test]
    fn took_to_a_platform_but_not_to_the_streets() {
        let text = "Lena Cruz took to Instagram on Sunday to write: “Thank you all for the kind words.”";
        let v = one(text, &[("Lena Cruz", Per)]);
        assert_eq!(v, vec![("post", Some("Instagram".into()), "took to Instagram".into())]);
        let text = "Lena Cruz took to the streets on Sunday to say: “Thank you all for the kind words.”";
        assert_eq!(one(text, &[("Lena Cruz", Per)]), vec![]);
    }

    #[test]
    fn posting_on_a_forum_is_a_post_and_a_statement_broadcast_on_a_station() {
        let text = "Ines Morel, a pilot posting on Runway Weekly, wrote that the runway had been icy.";
        let v = one(text, &[("Ines Morel", Per)]);
        assert_eq!(v, vec![("post", Some("Runway Weekly".into()), "on Runway Weekly".into())]);
        let text = "The group claimed the raid in a statement broadcast on its Sada radio station, saying \
            its fighters had left the town.";
        // (The finder reads two statements here; the channel is the `saying` one's.)
        let want = vec![(
            "statement",
            Some("Sada".into()),
            "in a statement broadcast on its Sada radio station".into(),
        )];
        assert!(via(text, &[("Sada", Loc)]).contains(&want), "{text}");
    }

    #[test]
    fn an_interview_over_the_radio_and_according_to_an_untagged_agency() {
        let text = "In an interview over Radio Veritas, she said that the deadline would stay.";
        let v = one(text, &[]);
        assert_eq!(
            v,
            vec![("interview", Some("Radio Veritas".into()), "In an interview over Radio Veritas".into())]
        );
        let text =
            "“The talks will resume in March,” Oleg Petrov said, according to the state news agency Tassov.";
        let v = one(text, &[("Oleg Petrov", Per)]);
        assert_eq!(
            v,
            vec![("according_to", Some("Tassov".into()), "according to the state news agency Tassov".into())]
        );
    }

    #[test]
    fn an_outlet_told_between_the_parts_of_one_quote() {
        let text =
            "\"The river has never been this low,\" Tomas Ekberg told Reuters. \"We will lose the harvest.\"";
        let v = via(text, &[("Tomas Ekberg", EntityLabel::Per), ("Reuters", EntityLabel::Org)]);
        let q = v.iter().find(|q| !q.is_empty()).expect("a quote with a channel");
        assert_eq!(q[0].1.as_deref(), Some("Reuters"), "{v:?}");
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [
            MORE_OUTLETS,
            PLATFORMS,
            NOT_PLATFORMS,
            POST_VERBS,
            POSSESSIVES,
            MASTHEADS,
            JOURNALISTS,
            TOLD_VERBS,
            WRITE_VERBS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
