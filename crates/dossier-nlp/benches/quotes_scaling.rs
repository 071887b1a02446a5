//! Does attribution scale linearly with the number of quotes?
//! (`cargo bench -p dossier-nlp --bench quotes_scaling`)
//!
//! `find_quotes` once had loops over every earlier statement or name for
//! each new one, invisible on news articles but quadratic on texts with tens
//! of thousands of quotes (the pipeline's 1 MiB annotation cap hid it). This
//! benchmark builds a quote-heavy article written for it (every quote form,
//! pronoun and description speakers), repeats it 1×, 10×, 100× and 1000×,
//! both as separate paragraphs and run together in one paragraph, and
//! prints the time per quote found for each size: a linear stage keeps it
//! flat. Tokenizing and sentence splitting are done before timing.

use std::time::Instant;

use dossier_nlp::{quotes, sentence, token};

/// One quote-heavy article (written for this benchmark, not taken from any corpus).
const ARTICLE: &str = "\
The envoy Lars Berg arrived in the capital on Monday. “We came to listen, not to lecture,” Berg told reporters at the airport.

“The ceasefire holds in most districts,” he said. “But the north remains tense.”

According to the interior ministry, 40 people were detained overnight. The ministry said the detentions were lawful.

Berg's deputy, Anna Kovacs, a veteran of the Balkan talks, said the delegation would stay until Friday. ''We have time,'' she said.

Opposition leader Tomas Ruiz accused the government of “hiding the truth” and said it had “lost control of the north.”

“Nobody has lost control,” said a spokeswoman for the prime minister. “The army is in every district.”

The envoy later insisted that talks would resume. Asked about sanctions, he said: “That is for the council to decide.”

Kovacs: “The council meets next week.”

“It was a difficult day,” Ruiz said, “and tomorrow will be harder.” He added that his party would not join the talks.

A senior diplomat, who spoke on condition of anonymity, warned that the truce was ‘fragile at best.’ The official said the north could flare up again.

";

fn main() {
    for (label, sep) in [("paragraphs", "\n\n"), ("one paragraph", " ")] {
        println!("{label}:");
        let mut base: Option<f64> = None;
        for times in [1usize, 10, 100, 1000, 3000] {
            let text = ARTICLE.replace("\n\n", sep).repeat(times);
            let toks = token::tokenize(&text);
            let sents = sentence::split_sentences(&text, &toks);
            // Enough rounds that every size runs for a measurable time.
            let rounds = (2000 / times).max(3);
            let mut found = 0usize;
            let t = Instant::now();
            for _ in 0..rounds {
                found = quotes::find_quotes(&text, &toks, &sents, &[]).len();
            }
            let secs = t.elapsed().as_secs_f64() / rounds as f64;
            assert!(found >= 10 * times, "too few quotes ({found}): the benchmark measures nothing");
            let per_quote = secs / found as f64 * 1e9;
            let ratio = per_quote / *base.get_or_insert(per_quote);
            println!(
                "  {times:>5}× ({:>8} bytes, {found:>6} quotes): {:>9.3} ms, {per_quote:>7.0} ns/quote ({ratio:.2}× the 1× figure)",
                text.len(),
                secs * 1e3
            );
        }
    }
}
