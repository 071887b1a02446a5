//! A document's credits (wire credits, datelines, republication notes) as
//! stored: one JSON array in `documents.credits` with byte spans, like
//! every span in the store; they leave it as the contract's
//! [`CreditJson`], in code points.

use dossier_core::contract::CreditJson;
use dossier_core::{CharOffsets, Credit, CreditKind, Span};
use serde::{Deserialize, Serialize};

/// A credit as stored.
#[derive(Serialize, Deserialize)]
struct Stored {
    kind: String,
    name: String,
    start: usize,
    end: usize,
}

/// The stored form of `credits` that fit `text`; `None` when there are none.
pub fn encode(credits: &[Credit], text: &str) -> Option<String> {
    let fits = |s: &Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let stored: Vec<Stored> = credits
        .iter()
        .filter(|c| fits(&c.span))
        .map(|c| Stored {
            kind: c.kind.as_str().into(),
            name: c.name.clone(),
            start: c.span.start,
            end: c.span.end,
        })
        .collect();
    if stored.is_empty() {
        return None;
    }
    serde_json::to_string(&stored).ok()
}

/// The credits stored for a document with `text`, in the contract's form
/// (`[]` for none, or for a value that cannot be read).
pub fn decode(stored: Option<String>, text: &str) -> Vec<CreditJson> {
    let Some(json) = stored else { return Vec::new() };
    let list: Vec<Stored> = serde_json::from_str(&json).unwrap_or_default();
    let offsets = CharOffsets::new(text);
    list.into_iter()
        .filter_map(|s| {
            let kind = CreditKind::parse(&s.kind)?;
            let span = Span::new(s.start, s.end);
            text.get(s.start..s.end)?;
            Some(CreditJson::of(text, &offsets, &Credit { kind, name: s.name, span }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_round_trip_in_code_points() {
        let text = "ŁÓDŹ (AFP) – Rain fell.";
        let at = text.find("AFP").unwrap();
        let credits = vec![
            Credit { kind: CreditKind::Dateline, name: "ŁÓDŹ".into(), span: Span::new(0, at + 4) },
            Credit { kind: CreditKind::Wire, name: "AFP".into(), span: Span::new(at, at + 3) },
            Credit { kind: CreditKind::Wire, name: "bad".into(), span: Span::new(1, 2) },
        ];
        let back = decode(encode(&credits, text), text);
        assert_eq!(back.len(), 2, "a span inside a character is dropped");
        assert_eq!((back[1].start, back[1].end, back[1].text.as_str()), (6, 9, "AFP"));
        assert_eq!(back[0].text, "ŁÓDŹ (AFP)");
        assert_eq!(encode(&[], text), None);
        assert!(decode(None, text).is_empty());
    }
}
