//! Scoring attribution against gold annotations (PolNeAR's brat standoff).
//!
//! Pure functions, so the CLI's `dossier eval quotes`, the release-mode
//! quality test and the unit tests below all score the same way:
//!
//! - a predicted content matches a gold Content when they overlap by at
//!   least half of the longer span's characters; when the gold content is
//!   split in pieces (`"A," he said. "B."`), the gap between the pieces
//!   counts neither way (it is removed from the predicted span's length, and
//!   it is not part of the gold length);
//! - matches are one-to-one (a maximum bipartite matching, so the count does
//!   not depend on the order of the lists);
//! - **direct** scores only gold contents that contain a double quotation
//!   mark (`"` `“` `”` `„` `«` `»` or a `''`/``` `` ``` pair) against
//!   predictions of kind direct or mixed;
//! - **end-to-end** requires the content match and a predicted speaker span
//!   overlapping the gold Source; a gold attribution without a Source can
//!   never match end-to-end (no predicted speaker can overlap a Source that
//!   is not there, and a prediction without a speaker never counts);
//! - **all** scores every gold attribution against every prediction.

use dossier_core::{Quote, QuoteKind, Span};

/// One gold attribution: its content, source and cue spans (bytes; each may
/// be split into several pieces).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldAttribution {
    /// The attributed content, in text order.
    pub content: Vec<Span>,
    /// The source (speaker) pieces; empty when the annotators gave none.
    pub source: Vec<Span>,
    /// The cue pieces.
    pub cue: Vec<Span>,
}

/// Parses a brat standoff `.ann` file of PolNeAR over its `text`.
///
/// Brat offsets are code points; they are converted to bytes. Attributions
/// (`E` lines) without a Content are skipped; `Content2` roles are ignored.
/// Malformed lines are skipped, never fatal.
pub fn parse_brat(text: &str, ann: &str) -> Vec<GoldAttribution> {
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let to_byte = |cp: usize| byte_of.get(cp).copied();
    let mut spans: std::collections::HashMap<&str, Vec<Span>> = std::collections::HashMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else { continue };
        if id.starts_with('T') {
            let Some((_, offs)) = body.split_once(' ') else { continue };
            let mut pieces = Vec::new();
            for piece in offs.split(';') {
                let mut it = piece.split_whitespace().map(|n| n.parse::<usize>().ok().and_then(to_byte));
                if let (Some(Some(s)), Some(Some(e))) = (it.next(), it.next()) {
                    if s < e {
                        pieces.push(Span::new(s, e));
                    }
                }
            }
            pieces.sort();
            spans.insert(id, pieces);
        } else if id.starts_with('E') {
            events.push(body.split_whitespace().filter_map(|r| r.split_once(':')).collect());
        }
    }
    let mut out = Vec::new();
    for ev in events {
        let get = |role: &str| -> Vec<Span> {
            ev.iter()
                .filter(|(r, _)| *r == role)
                .filter_map(|(_, id)| spans.get(id))
                .flatten()
                .copied()
                .collect()
        };
        let content = get("Content");
        if content.is_empty() {
            continue;
        }
        out.push(GoldAttribution { content, source: get("Source"), cue: get("Cue") });
    }
    out.sort_by(|a, b| a.content.cmp(&b.content));
    out
}

/// True when `s` holds a double quotation mark.
pub fn has_quotation_mark(s: &str) -> bool {
    s.contains(['"', '“', '”', '„', '«', '»']) || s.contains("''") || s.contains("``")
}

/// Counts for precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Matched pairs.
    pub tp: usize,
    /// Predictions scored.
    pub pred: usize,
    /// Gold items scored.
    pub gold: usize,
}

impl Counts {
    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            1.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }

    /// Recall (1 when there was nothing to find).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
}

/// The four scores `dossier eval quotes` prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuoteScores {
    /// Quoted gold contents against direct and mixed predictions.
    pub direct: Counts,
    /// The same, also requiring the speaker.
    pub direct_e2e: Counts,
    /// Every gold content against every prediction.
    pub all: Counts,
    /// The same, also requiring the speaker.
    pub all_e2e: Counts,
}

impl QuoteScores {
    /// Adds another document's counts.
    pub fn add(&mut self, o: &QuoteScores) {
        self.direct.add(o.direct);
        self.direct_e2e.add(o.direct_e2e);
        self.all.add(o.all);
        self.all_e2e.add(o.all_e2e);
    }
}

fn char_len(text: &str, s: Span) -> usize {
    text.get(s.start..s.end).map_or(s.len(), |t| t.chars().count())
}

fn intersect(a: Span, b: Span) -> Span {
    Span::new(a.start.max(b.start), a.end.min(b.end).max(a.start.max(b.start)))
}

/// Does the predicted content `pred` match the gold content `gold` (pieces in order)?
pub fn content_matches(text: &str, pred: Span, gold: &[Span]) -> bool {
    if gold.is_empty() || pred.is_empty() {
        return false;
    }
    let overlap: usize = gold.iter().map(|g| char_len(text, intersect(pred, *g))).sum();
    if overlap == 0 {
        return false;
    }
    let gold_len: usize = gold.iter().map(|g| char_len(text, *g)).sum();
    // The gaps between gold pieces do not count against the prediction.
    let gaps: usize =
        gold.windows(2).map(|w| char_len(text, intersect(pred, Span::new(w[0].end, w[1].start)))).sum();
    let pred_len = char_len(text, pred).saturating_sub(gaps);
    2 * overlap >= pred_len.max(gold_len)
}

/// Maximum one-to-one matching size over `edges[p]` = gold indices predicted item `p` may match.
fn max_matching(edges: &[Vec<usize>], n_gold: usize) -> usize {
    fn augment(p: usize, edges: &[Vec<usize>], seen: &mut [bool], owner: &mut [Option<usize>]) -> bool {
        for &g in &edges[p] {
            if seen[g] {
                continue;
            }
            seen[g] = true;
            if owner[g].is_none_or(|q| augment(q, edges, seen, owner)) {
                owner[g] = Some(p);
                return true;
            }
        }
        false
    }
    let mut owner = vec![None; n_gold];
    let mut n = 0;
    for p in 0..edges.len() {
        let mut seen = vec![false; n_gold];
        if augment(p, edges, &mut seen, &mut owner) {
            n += 1;
        }
    }
    n
}

fn counts(text: &str, gold: &[&GoldAttribution], pred: &[&Quote], e2e: bool) -> Counts {
    let edges: Vec<Vec<usize>> = pred
        .iter()
        .map(|q| {
            gold.iter()
                .enumerate()
                .filter(|(_, g)| content_matches(text, q.span, &g.content))
                .filter(|(_, g)| {
                    !e2e || q
                        .speaker
                        .as_ref()
                        .is_some_and(|s| g.source.iter().any(|src| src.overlaps(&s.span)))
                })
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    Counts { tp: max_matching(&edges, gold.len()), pred: pred.len(), gold: gold.len() }
}

/// Scores the predicted quotes of one document against its gold attributions.
pub fn score_document(text: &str, gold: &[GoldAttribution], pred: &[Quote]) -> QuoteScores {
    let all_gold: Vec<&GoldAttribution> = gold.iter().collect();
    let all_pred: Vec<&Quote> = pred.iter().collect();
    let direct_gold: Vec<&GoldAttribution> = gold
        .iter()
        .filter(|g| g.content.iter().any(|s| text.get(s.start..s.end).is_some_and(has_quotation_mark)))
        .collect();
    let direct_pred: Vec<&Quote> =
        pred.iter().filter(|q| matches!(q.kind, QuoteKind::Direct | QuoteKind::Mixed)).collect();
    QuoteScores {
        direct: counts(text, &direct_gold, &direct_pred, false),
        direct_e2e: counts(text, &direct_gold, &direct_pred, true),
        all: counts(text, &all_gold, &all_pred, false),
        all_e2e: counts(text, &all_gold, &all_pred, true),
    }
}

/// How one predicted statement fares against the gold of its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Judgement {
    /// Its content matches a gold content.
    pub content: bool,
    /// … and its speaker is right for one of those: the speaker's words
    /// overlap the gold source (and its name, when it has one, is the gold
    /// name when the gold gives names), or neither has a speaker.
    pub both: bool,
    /// It has a `speaker.name`: whether a matching gold names that speaker
    /// (`None` when unnamed; `Some(false)` also when its content matches no gold).
    pub name_right: Option<bool>,
    /// A matching gold attribution names a source (PolNeAR: has a Source;
    /// a held-out set: gives a name).
    pub gold_named: bool,
}

/// Judges each prediction of one document. `names`, when given, holds the
/// resolved name of each gold attribution (a held-out set); without them
/// (PolNeAR) a name counts as right when the speaker's words overlap the
/// gold Source, which cannot see a pronoun resolved to the wrong person.
pub fn judge(
    text: &str,
    gold: &[GoldAttribution],
    names: Option<&[Option<String>]>,
    pred: &[Quote],
) -> Vec<Judgement> {
    pred.iter()
        .map(|q| {
            let matching: Vec<usize> =
                (0..gold.len()).filter(|&g| content_matches(text, q.span, &gold[g].content)).collect();
            let name = q.speaker.as_ref().and_then(|s| s.name.as_deref());
            let overlaps = |g: usize| {
                q.speaker.as_ref().is_some_and(|s| gold[g].source.iter().any(|src| src.overlaps(&s.span)))
            };
            let gold_name = |g: usize| names.and_then(|n| n.get(g)).and_then(|n| n.as_deref());
            let name_ok = |g: usize, n: &str| match names {
                Some(_) => gold_name(g).is_some_and(|w| w.eq_ignore_ascii_case(n)),
                None => overlaps(g),
            };
            let speaker_ok = |g: usize| match (&q.speaker, name) {
                (None, _) => gold[g].source.is_empty(),
                (Some(_), Some(n)) => name_ok(g, n),
                (Some(_), None) => overlaps(g),
            };
            Judgement {
                content: !matching.is_empty(),
                both: matching.iter().any(|&g| speaker_ok(g)),
                name_right: name.map(|n| matching.iter().any(|&g| name_ok(g, n))),
                gold_named: matching.iter().any(|&g| match names {
                    Some(_) => gold_name(g).is_some(),
                    None => !gold[g].source.is_empty(),
                }),
            }
        })
        .collect()
}

/// Number of confidence bins in the reliability table (each 0.2 wide).
pub const BINS: usize = 5;

/// Speaker precision, blanks and reliability, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpeakerScores {
    /// Predictions with a `speaker.name` whose content matches a gold content.
    pub named: usize,
    /// … of which the name is the gold speaker's.
    pub named_right: usize,
    /// Predictions with a `speaker.name` whose content matches no gold.
    pub named_unmatched: usize,
    /// Content-matched predictions whose gold names a source.
    pub gold_named: usize,
    /// … of which the prediction gives no name.
    pub left_blank: usize,
    /// Per confidence bin: predictions, content right, content and speaker right.
    pub bins: [(usize, usize, usize); BINS],
}

impl SpeakerScores {
    /// Adds the judgements of one document's predictions.
    pub fn add(&mut self, pred: &[Quote], judged: &[Judgement]) {
        for (q, j) in pred.iter().zip(judged) {
            match (j.content, j.name_right) {
                (true, Some(right)) => {
                    self.named += 1;
                    self.named_right += usize::from(right);
                }
                (false, Some(_)) => self.named_unmatched += 1,
                _ => {}
            }
            if j.content && j.gold_named {
                self.gold_named += 1;
                self.left_blank += usize::from(j.name_right.is_none());
            }
            let b = bin(q.confidence.unwrap_or(0.0));
            self.bins[b].0 += 1;
            self.bins[b].1 += usize::from(j.content);
            self.bins[b].2 += usize::from(j.both);
        }
    }

    /// Share of content-matched named predictions that name the gold speaker.
    pub fn precision(&self) -> f64 {
        ratio(self.named_right, self.named)
    }

    /// Share of content-matched predictions left unnamed although the gold names a source.
    pub fn blank_share(&self) -> f64 {
        ratio(self.left_blank, self.gold_named)
    }

    /// Of the predictions with confidence ≥ `from`: how many, and the share right (content and speaker).
    pub fn right_from(&self, from: f64) -> (usize, f64) {
        let first = bin(from as f32);
        let (n, r) = self.bins[first..].iter().fold((0, 0), |(n, r), b| (n + b.0, r + b.2));
        (n, ratio(r, n))
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The reliability bin of a confidence.
pub fn bin(confidence: f32) -> usize {
    ((confidence.clamp(0.0, 1.0) * BINS as f32) as usize).min(BINS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::Speaker;

    fn find(text: &str, s: &str) -> Span {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    }

    /// Gold attributions from (content words, source words) pairs.
    fn gold_of(text: &str, pairs: &[(&str, &str)]) -> Vec<GoldAttribution> {
        pairs
            .iter()
            .map(|(c, s)| GoldAttribution {
                content: vec![find(text, c)],
                source: vec![find(text, s)],
                cue: vec![],
            })
            .collect()
    }

    fn quote(kind: QuoteKind, span: Span, speaker: Option<Span>) -> Quote {
        Quote {
            kind,
            span,
            cue: None,
            speaker: speaker.map(|span| Speaker {
                span,
                name: None,
                entity: None,
                role: None,
                on_behalf_of: None,
                channel: None,
            }),
            confidence: None,
            candidates: vec![],
            date: None,
            date_source: None,
            via: Vec::new(),
        }
    }

    #[test]
    fn parses_brat_with_code_point_offsets_and_split_spans() {
        let text = "“Ça va,” dit-il. “Bien.”";
        // Code points: “=0, Ça va,”=0..8, dit-il=9..15, “Bien.”=17..24.
        let ann = "T1\tContent 0 8;17 24\t“Ça va,” “Bien.”\nT2\tSource 9 15\tdit-il\nT3\tCue 9 12\tdit\nT4\tAttribution 9 12\tdit\nE1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\nE2\tAttribution:T4 Cue:T3\n";
        let g = parse_brat(text, ann);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].content.len(), 2);
        assert_eq!(g[0].content[0].slice(text), "“Ça va,”");
        assert_eq!(g[0].content[1].slice(text), "“Bien.”");
        assert_eq!(g[0].source[0].slice(text), "dit-il");
    }

    #[test]
    fn half_of_the_longer_span_is_needed() {
        let text = "0123456789abcdefghij";
        let gold = [Span::new(0, 10)];
        assert!(content_matches(text, Span::new(0, 10), &gold));
        assert!(content_matches(text, Span::new(5, 10), &gold)); // 5 of 10
        assert!(!content_matches(text, Span::new(6, 10), &gold)); // 4 of 10
        assert!(content_matches(text, Span::new(0, 20), &gold)); // 10 of 20
        assert!(!content_matches(text, Span::new(1, 20), &gold)); // 9 of 19
        assert!(!content_matches(text, Span::new(10, 20), &gold));
    }

    #[test]
    fn gap_between_gold_pieces_counts_neither_way() {
        let text = "\"Aaaaaaa,\" he said very slowly and at length. \"Bbbbbbb.\"";
        let a = find(text, "\"Aaaaaaa,\"");
        let b = find(text, "\"Bbbbbbb.\"");
        let whole = Span::new(a.start, b.end);
        // One span over both pieces matches despite the long gap.
        assert!(content_matches(text, whole, &[a, b]));
        // Either piece alone covers half of the gold length.
        assert!(content_matches(text, a, &[a, b]));
    }

    #[test]
    fn matching_is_one_to_one_and_direct_filters_kinds() {
        let text = "\"We stay,\" Ann said. Bob said the talks failed.";
        let gold = gold_of(text, &[("\"We stay,\"", "Ann"), ("the talks failed", "Bob")]);
        let q = find(text, "\"We stay,\"");
        let pred = vec![
            quote(QuoteKind::Direct, q, Some(find(text, "Ann"))),
            quote(QuoteKind::Direct, q, Some(find(text, "Ann"))), // duplicate: one is a false positive
            quote(QuoteKind::Indirect, find(text, "the talks failed"), Some(find(text, "said the"))),
        ];
        let s = score_document(text, &gold, &pred);
        assert_eq!(s.direct, Counts { tp: 1, pred: 2, gold: 1 });
        assert_eq!(s.direct_e2e, Counts { tp: 1, pred: 2, gold: 1 });
        assert_eq!(s.all, Counts { tp: 2, pred: 3, gold: 2 });
        // The indirect quote's speaker span does not overlap "Bob".
        assert_eq!(s.all_e2e, Counts { tp: 1, pred: 3, gold: 2 });
        assert!((s.all.f1() - 0.8).abs() < 1e-9);
    }

    #[test]
    fn end_to_end_needs_a_speaker_overlapping_a_gold_source() {
        let text = "\"We stay,\" the sign read. \"We go,\" Ann said.";
        let stay = find(text, "\"We stay,\"");
        let go = find(text, "\"We go,\"");
        let gold = vec![
            // No Source: nothing can match it end to end.
            GoldAttribution { content: vec![stay], source: vec![], cue: vec![] },
            GoldAttribution { content: vec![go], source: vec![find(text, "Ann")], cue: vec![] },
        ];
        let pred = vec![quote(QuoteKind::Direct, stay, None), quote(QuoteKind::Direct, go, None)];
        let s = score_document(text, &gold, &pred);
        assert_eq!(s.direct, Counts { tp: 2, pred: 2, gold: 2 });
        assert_eq!(s.direct_e2e, Counts { tp: 0, pred: 2, gold: 2 });
        let pred = vec![quote(QuoteKind::Direct, go, Some(find(text, "Ann said")))];
        assert_eq!(score_document(text, &gold, &pred).direct_e2e, Counts { tp: 1, pred: 1, gold: 2 });
    }

    #[test]
    fn matching_finds_the_best_assignment() {
        // Prediction 0 could match gold 0 or 1, prediction 1 only gold 0.
        let edges = vec![vec![0, 1], vec![0]];
        assert_eq!(max_matching(&edges, 2), 2);
    }

    #[test]
    fn quotation_marks() {
        assert!(has_quotation_mark("he said “no”"));
        assert!(has_quotation_mark("''No,'' he said"));
        assert!(!has_quotation_mark("Clinton’s plan, don't"));
    }

    #[test]
    fn speaker_precision_counts_names_on_matched_contents_only() {
        let text = "\"We stay,\" Ann said. Bob said the talks failed. It rained all day long.";
        let gold = gold_of(text, &[("\"We stay,\"", "Ann"), ("the talks failed", "Bob")]);
        let named = |span: Span, sp: &str, name: &str| {
            let mut q = quote(QuoteKind::Direct, span, Some(find(text, sp)));
            q.speaker.as_mut().unwrap().name = Some(name.into());
            q.confidence = Some(0.9);
            q
        };
        let pred = vec![
            named(find(text, "\"We stay,\""), "Ann", "Ann"),
            // Right content, wrong speaker words.
            named(find(text, "the talks failed"), "said the", "Ann"),
            // No gold content at all.
            named(find(text, "It rained all day long"), "It", "Ann"),
        ];
        let j = judge(text, &gold, None, &pred);
        assert_eq!(j[0], Judgement { content: true, both: true, name_right: Some(true), gold_named: true });
        assert_eq!(j[1], Judgement { content: true, both: false, name_right: Some(false), gold_named: true });
        assert!(!j[2].content && j[2].name_right == Some(false));
        let mut s = SpeakerScores::default();
        s.add(&pred, &j);
        assert_eq!((s.named, s.named_right, s.named_unmatched), (2, 1, 1));
        assert_eq!(s.bins[4], (3, 2, 1));
        assert_eq!(s.right_from(0.8), (3, 1.0 / 3.0));
        // With gold names, the name itself must agree.
        let names = [Some("Ann Lee".to_string()), Some("Bob Ray".to_string())];
        let j = judge(text, &gold, Some(&names), &pred[..1]);
        assert_eq!(j[0].name_right, Some(false));
    }

    #[test]
    fn a_blank_speaker_is_counted_when_the_gold_has_one() {
        let text = "\"We stay,\" Ann said.";
        let gold = gold_of(text, &[("\"We stay,\"", "Ann")]);
        let pred = vec![quote(QuoteKind::Direct, find(text, "\"We stay,\""), Some(find(text, "Ann")))];
        let j = judge(text, &gold, None, &pred);
        // Right words, no name: right end to end, but a blank.
        assert!(j[0].both && j[0].name_right.is_none());
        let mut s = SpeakerScores::default();
        s.add(&pred, &j);
        assert_eq!((s.gold_named, s.left_blank), (1, 1));
        assert_eq!(bin(0.0), 0);
        assert_eq!(bin(0.8), 4);
        assert_eq!(bin(1.0), 4);
    }
}
