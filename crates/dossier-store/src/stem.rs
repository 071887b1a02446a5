//! An English stemming token filter that remembers the stems it computed.
//!
//! Profiling the server under load (perf, 64 connections on the 100k store)
//! showed about 60% of a search's CPU in the Snowball stemmer: cutting and
//! highlighting 20 snippets runs the index's analyzer over each hit's whole
//! text, stemming every word again. Words repeat (news text is Zipfian), so
//! each thread keeps a bounded map `word → stem`; a repeated word costs one
//! hash look-up. The output is exactly tantivy's `Stemmer` (English): the
//! same `rust_stemmers` algorithm, only memoised, so the index, the query
//! parser and the snippets keep agreeing.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rust_stemmers::Algorithm;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words a thread remembers before its map is emptied and refilled (a
/// bounded memory: at most a few MB per thread).
const CACHE_WORDS: usize = 1 << 16;

/// Words longer than this are stemmed without being remembered (rare, and
/// they would only crowd the map).
const CACHE_WORD_BYTES: usize = 24;

thread_local! {
    static STEMS: RefCell<Stems> = RefCell::new(Stems::new());
}

/// FNV-1a: the map's keys are short words, where SipHash's cost showed in
/// profiles (~6% of a search). It resists no crafted collisions: words
/// chosen to collide can only slow this thread's look-ups in a map that
/// never holds more than [`CACHE_WORDS`] words, never change a stem.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// One thread's stemmer and remembered stems.
struct Stems {
    stemmer: rust_stemmers::Stemmer,
    map: HashMap<Box<str>, Box<str>, BuildHasherDefault<Fnv>>,
}

impl Stems {
    fn new() -> Stems {
        Stems { stemmer: rust_stemmers::Stemmer::create(Algorithm::English), map: HashMap::default() }
    }

    /// Replaces `word` by its stem.
    fn stem_in_place(&mut self, word: &mut String) {
        if let Some(s) = self.map.get(word.as_str()) {
            if **s != **word {
                word.clear();
                word.push_str(s);
            }
            return;
        }
        let stem: Box<str> = self.stemmer.stem(word).into();
        if word.len() <= CACHE_WORD_BYTES {
            if self.map.len() >= CACHE_WORDS {
                self.map.clear();
            }
            self.map.insert(word.as_str().into(), stem.clone());
        }
        if *stem != **word {
            word.clear();
            word.push_str(&stem);
        }
    }
}

/// English stems of `word`, memoised per thread (for tests and callers
/// outside an analyzer).
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    STEMS.with(|s| s.borrow_mut().stem_in_place(&mut w));
    w
}

/// A token filter equal to tantivy's English `Stemmer`, memoised.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner: tokenizer }
    }
}

/// The tokenizer [`CachedStemmer`] wraps around another.
#[derive(Clone, Debug)]
pub struct CachedStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream { tail: self.inner.token_stream(text) }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        STEMS.with(|s| s.borrow_mut().stem_in_place(&mut token.text));
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::*;

    fn tokens(a: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut ts = a.token_stream(text);
        while ts.advance() {
            let t = ts.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn same_tokens_as_tantivys_stemmer() {
        let text = "The ministers said the cities' elections were happily running; \
                    relational sensibility, dying skies, news, generously. Vučić said it twice: said said.";
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::default())
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer)
            .build();
        // Twice: the second pass is served from the map.
        for _ in 0..2 {
            assert_eq!(tokens(&mut plain, text), tokens(&mut cached, text));
        }
    }

    #[test]
    fn bounded_and_safe_on_odd_input() {
        for w in ["", "a", "ééé", "x".repeat(500).as_str(), "日本語", "running"] {
            let _ = stem(w);
        }
        assert_eq!(stem("running"), "run");
        assert_eq!(stem("cities"), "citi");
        STEMS.with(|s| assert!(s.borrow().map.len() <= CACHE_WORDS));
        assert!(STEMS.with(|s| !s.borrow().map.contains_key("x".repeat(500).as_str())));
    }
}
