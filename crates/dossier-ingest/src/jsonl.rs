//! JSON Lines: one document per line, an object with `text` and optional
//! `id`, `url`, `title`, `authors`, `site`, `published`. Other fields are
//! ignored. A bad line is an error for that line only.

use dossier_core::Format;
use serde_json::Value;
use std::io::BufRead;

use crate::error::{describe_io, IngestError};
use crate::limits::{read_line_capped, size, MAX_DOCUMENT_BYTES};
use crate::source::{Body, ContainerMeta, RawDoc, RawDocs};

/// Streams the documents of a JSON Lines reader, line by line.
pub fn lines(path: String, reader: Box<dyn BufRead + Send>) -> RawDocs {
    let mut reader = reader;
    let mut line_no = 0usize;
    let mut done = false;
    Box::new(std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        let mut line = Vec::new();
        line_no += 1;
        match read_line_capped(&mut reader, &mut line, MAX_DOCUMENT_BYTES) {
            Ok((0, _)) => return None,
            Ok((n, true)) => {
                let reason = format!(
                    "line of {} longer than {}: not read",
                    size(n as u64),
                    size(MAX_DOCUMENT_BYTES as u64)
                );
                return Some(Err(IngestError::new(format!("{path}:{line_no}"), reason)));
            }
            Ok(_) => {}
            Err(e) => {
                done = true;
                return Some(Err(IngestError::new(format!("{path}:{line_no}"), describe_io(&e))));
            }
        }
        while line.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
            line.pop();
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        return Some(parse_line(&path, line_no, line));
    }))
}

fn parse_line(path: &str, line_no: usize, line: Vec<u8>) -> Result<RawDoc, IngestError> {
    let locator = format!("{path}:{line_no}");
    let value: Value = serde_json::from_slice(&line)
        .map_err(|e| IngestError::new(locator.clone(), format!("not a JSON object: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(IngestError::new(locator, "not a JSON object"));
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(IngestError::new(locator, "`text` is not a string")),
        None => return Err(IngestError::new(locator, "no `text` field")),
    };
    let string = |k: &str| match obj.get(k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let authors = match obj.get("authors").or_else(|| obj.get("author")) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    };
    Ok(RawDoc {
        path: path.to_string(),
        locator,
        format: Format::Jsonl,
        bytes: line,
        body: Body::PlainString(text),
        charset: None,
        meta: ContainerMeta {
            url: string("url"),
            title: string("title"),
            authors,
            site: string("site"),
            published: string("published"),
            source_id: string("id"),
            ..ContainerMeta::default()
        },
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_reports_bad_lines() {
        let data = b"{\"id\": \"a1\", \"text\": \"Otunbaeva spoke.\", \"title\": \"T\", \"authors\": [\"X\"], \"published\": \"2010-08-26\", \"extra\": 1}\n\nnot json\n{\"title\": \"no text\"}\n{\"text\": \"last\"}";
        let got: Vec<_> = lines("f.jsonl".into(), Box::new(&data[..])).collect();
        assert_eq!(got.len(), 4);
        let first = got[0].as_ref().unwrap();
        assert_eq!(first.body, Body::PlainString("Otunbaeva spoke.".into()));
        assert_eq!(first.meta.source_id.as_deref(), Some("a1"));
        assert_eq!(first.meta.published.as_deref(), Some("2010-08-26"));
        assert_eq!(got[1].as_ref().unwrap_err().path, "f.jsonl:3");
        assert!(got[2].as_ref().unwrap_err().reason.contains("no `text`"));
        assert!(got[3].is_ok());
    }
}
