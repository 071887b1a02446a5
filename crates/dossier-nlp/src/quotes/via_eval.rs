//! Scoring channels (`via`) against gold: for each gold attribution that
//! lists its channels, the quote found over its content (the content
//! matched as `eval` matches it, one quote per gold attribution) names
//! channels, and the two lists are compared by normalised name.
//!
//! A name is normalised as a look-up key (lower case, letters and digits,
//! single spaces) with a leading `the` dropped: `the BBC`, `BBC` and
//! `B.B.C.`… are not all one (`bbc`, `bbc`, `b b c`): only case, spacing,
//! punctuation and the article are forgiven, so a name cut short or run
//! long (`Kommersant` for `Kommersant daily`) counts as wrong both ways.
//! Channels without a name (`in a statement`) are not scored: the gold
//! lists names only.

use std::collections::BTreeSet;

use dossier_core::{Quote, Span};

use super::eval::{content_matches, Counts};

/// Channel names compared over the matched statements (as [`Counts`]:
/// names in both, predicted, gold), and the gold names of statements not
/// found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChannelCounts {
    /// Names of matched statements.
    pub names: Counts,
    /// Gold names of statements no quote was found for.
    pub gold_unmatched: usize,
}

impl ChannelCounts {
    /// Adds another document's counts.
    pub fn add(&mut self, o: &ChannelCounts) {
        self.names.tp += o.names.tp;
        self.names.pred += o.names.pred;
        self.names.gold += o.names.gold;
        self.gold_unmatched += o.gold_unmatched;
    }

    /// Share of all gold names predicted (statements not found count as missed).
    pub fn recall_e2e(&self) -> f64 {
        Counts { gold: self.names.gold + self.gold_unmatched, ..self.names }.recall()
    }
}

/// The comparison key of a channel name.
pub fn channel_key(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for w in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        words.push(w.to_lowercase());
    }
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

/// One wrong or missed channel, for `--errors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelMiss {
    /// Where the gold content starts (bytes).
    pub at: usize,
    /// Gold names (as annotated) not predicted.
    pub missed: Vec<String>,
    /// Predicted names (as found) not in the gold.
    pub wrong: Vec<String>,
    /// Whether a quote was found over the content at all.
    pub found: bool,
}

/// Scores one document: `gold` holds each attribution's content pieces
/// and channel names (only attributions whose channels were annotated).
pub fn score_channels(
    text: &str,
    gold: &[(Vec<Span>, Vec<String>)],
    pred: &[Quote],
) -> (ChannelCounts, Vec<ChannelMiss>) {
    let mut counts = ChannelCounts::default();
    let mut misses = Vec::new();
    let mut used = vec![false; pred.len()];
    for (content, names) in gold {
        let want: BTreeSet<String> = names.iter().map(|n| channel_key(n)).filter(|k| !k.is_empty()).collect();
        let hit = (0..pred.len()).find(|&i| !used[i] && content_matches(text, pred[i].span, content));
        let Some(i) = hit else {
            counts.gold_unmatched += want.len();
            if !want.is_empty() {
                let at = content.first().map_or(0, |s| s.start);
                misses.push(ChannelMiss { at, missed: names.clone(), wrong: vec![], found: false });
            }
            continue;
        };
        used[i] = true;
        let found: Vec<&str> = pred[i].via.iter().filter_map(|v| v.name.as_deref()).collect();
        let got: BTreeSet<String> = found.iter().map(|n| channel_key(n)).filter(|k| !k.is_empty()).collect();
        let tp = want.intersection(&got).count();
        counts.names.tp += tp;
        counts.names.pred += got.len();
        counts.names.gold += want.len();
        if tp < want.len().max(got.len()) {
            let missed = names.iter().filter(|n| !got.contains(&channel_key(n))).cloned().collect();
            let wrong =
                found.iter().filter(|n| !want.contains(&channel_key(n))).map(|n| n.to_string()).collect();
            misses.push(ChannelMiss {
                at: content.first().map_or(0, |s| s.start),
                missed,
                wrong,
                found: true,
            });
        }
    }
    (counts, misses)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::{QuoteKind, Via, ViaKind};

    fn find(text: &str, words: &str) -> Span {
        let at = text.find(words).expect(words);
        Span::new(at, at + words.len())
    }

    fn quote(text: &str, content: &str, via: &[&str]) -> Quote {
        let via = via
            .iter()
            .map(|n| Via {
                kind: ViaKind::Told,
                span: find(text, n),
                name: Some(n.to_string()),
                name_span: Some(find(text, n)),
                entity: None,
            })
            .collect();
        Quote {
            kind: QuoteKind::Indirect,
            span: find(text, content),
            cue: None,
            speaker: None,
            confidence: None,
            candidates: vec![],
            date: None,
            date_source: None,
            via,
        }
    }

    #[test]
    fn names_compare_by_key_and_the_article_is_forgiven() {
        assert_eq!(channel_key("The Daily  Courier,"), "daily courier");
        assert_eq!(channel_key("the BBC"), channel_key("BBC"));
        assert_ne!(channel_key("Courier"), channel_key("Daily Courier"));
        assert_eq!(channel_key("The"), "the");
    }

    #[test]
    fn channels_of_matched_statements_are_scored_and_unfound_ones_missed() {
        let text = "The mayor told the Valley Courier that the bridge would reopen. \
                    She said on Radio Nord that tolls would stay. The council said it would appeal.";
        let gold = vec![
            (vec![find(text, "the bridge would reopen")], vec!["Valley Courier".to_string()]),
            (vec![find(text, "tolls would stay")], vec!["Radio Nord".to_string()]),
            (vec![find(text, "it would appeal")], vec!["Nord TV".to_string()]),
        ];
        let pred = vec![
            quote(text, "the bridge would reopen", &["the Valley Courier"]),
            // A channel found, but the wrong one.
            quote(text, "tolls would stay", &["Nord"]),
        ];
        let (c, misses) = score_channels(text, &gold, &pred);
        assert_eq!(c, ChannelCounts { names: Counts { tp: 1, pred: 2, gold: 2 }, gold_unmatched: 1 });
        assert_eq!((c.names.precision(), c.names.recall()), (0.5, 0.5));
        assert!((c.recall_e2e() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(misses.len(), 2);
        assert_eq!(
            (misses[0].missed.clone(), misses[0].wrong.clone()),
            (vec!["Radio Nord".into()], vec!["Nord".into()])
        );
        assert!(!misses[1].found);
    }

    #[test]
    fn a_statement_without_channels_counts_a_predicted_one_wrong() {
        let text = "The minister said in Paris that talks would go on.";
        let gold = vec![(vec![find(text, "talks would go on")], vec![])];
        let pred = vec![quote(text, "talks would go on", &["Paris"])];
        let (c, _) = score_channels(text, &gold, &pred);
        assert_eq!(c, ChannelCounts { names: Counts { tp: 0, pred: 1, gold: 0 }, gold_unmatched: 0 });
        assert_eq!(c.names.precision(), 0.0);
    }
}
