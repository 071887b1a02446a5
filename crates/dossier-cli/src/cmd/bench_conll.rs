//! CoNLL-2003 text rendered as plain news articles, one per `-DOCSTART-`:
//! the input `dossier bench throughput --conll` times `extract` on. The
//! tokens are joined back into prose (no space before `,` `.` `'s` `n't`,
//! none inside quotation marks or parentheses), one sentence a paragraph, so
//! the tokenizer, sentence splitter and every later stage see ordinary text.

use std::path::Path;

use anyhow::{Context, Result};

/// The articles of a CoNLL file: each one a list of sentences, each a list
/// of tokens (the first column).
pub fn read_articles(conll: &str) -> Vec<Vec<Vec<&str>>> {
    let mut articles: Vec<Vec<Vec<&str>>> = Vec::new();
    let mut article: Vec<Vec<&str>> = Vec::new();
    let mut sentence: Vec<&str> = Vec::new();
    for line in conll.lines() {
        let word = line.split(' ').next().unwrap_or("").trim();
        if word.is_empty() || word == "-DOCSTART-" {
            if !sentence.is_empty() {
                article.push(std::mem::take(&mut sentence));
            }
            if word == "-DOCSTART-" && !article.is_empty() {
                articles.push(std::mem::take(&mut article));
            }
            continue;
        }
        sentence.push(word);
    }
    if !sentence.is_empty() {
        article.push(sentence);
    }
    if !article.is_empty() {
        articles.push(article);
    }
    articles
}

/// Tokens written straight after the previous one, with no space.
fn attaches_left(token: &str) -> bool {
    matches!(token, "," | "." | ";" | ":" | "?" | "!" | ")" | "%" | "n't")
        || (token.starts_with('\'') && token.len() <= 3)
}

/// One sentence's tokens as prose.
pub fn detokenize(tokens: &[&str]) -> String {
    let mut out = String::new();
    let mut in_quote = false;
    let mut glue_next = true;
    for &t in tokens {
        let mut space = !glue_next && !attaches_left(t);
        glue_next = matches!(t, "(" | "$");
        if t == "\"" {
            if in_quote {
                space = false;
            } else {
                glue_next = true;
            }
            in_quote = !in_quote;
        }
        if space {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// Writes every article of `conll` as `DIR/NNNN.txt`; returns how many.
pub fn write_articles(conll: &Path, dir: &Path) -> Result<usize> {
    let text = std::fs::read_to_string(conll).with_context(|| format!("cannot read {}", conll.display()))?;
    std::fs::create_dir_all(dir)?;
    let articles = read_articles(&text);
    for (i, article) in articles.iter().enumerate() {
        let body: Vec<String> = article.iter().map(|s| detokenize(s)).collect();
        std::fs::write(dir.join(format!("{i:05}.txt")), body.join("\n\n") + "\n")?;
    }
    Ok(articles.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_split_on_docstart_and_blank_lines() {
        let conll = "-DOCSTART- -X- O O\n\nAda NNP I-NP I-PER\nspoke VBD I-VP O\n. . O O\n\nShe PRP I-NP O\nleft VBD I-VP O\n\n-DOCSTART- -X- O O\n\nBob NNP I-NP I-PER\n";
        let articles = read_articles(conll);
        assert_eq!(articles, vec![vec![vec!["Ada", "spoke", "."], vec!["She", "left"]], vec![vec!["Bob"]]]);
    }

    #[test]
    fn prose_has_no_space_before_punctuation_or_inside_quotes() {
        let toks = [
            "The", "firm", "(", "Acme", ")", "said", "\"", "it", "is", "n't", "over", "\"", ",", "Ada", "'s",
            "aide", "said", "of", "$", "5", ".",
        ];
        assert_eq!(detokenize(&toks), "The firm (Acme) said \"it isn't over\", Ada's aide said of $5.");
    }
}
