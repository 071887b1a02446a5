//! mbox archives, streamed: messages are split at `From ` lines that
//! follow a blank line (or open the file), one message in memory at a time,
//! so memory stays flat however large the archive. `>From ` lines are
//! unescaped one level (mboxrd; in mboxo files such lines were quoted by the
//! writer and are unescaped the same way). A message larger than the
//! document bound is skipped with the reason; a file that ends in the middle
//! of a line is named as truncated.

use std::io::BufRead;

use crate::limits::{read_line_capped, size, MAX_DOCUMENT_BYTES};
use crate::source::RawDocs;
use crate::IngestError;

/// One message's bytes as split from the archive, or why it was skipped.
type Split = Result<(String, Vec<u8>, Option<String>), IngestError>;

/// Splits an mbox into messages as they are pulled.
struct Splitter {
    inner: Box<dyn BufRead + Send>,
    path: String,
    /// The number of the message being read (1-based).
    n: usize,
    /// A `From ` line read at the end of the previous message.
    started: bool,
    done: bool,
}

impl Splitter {
    fn next_message(&mut self) -> Option<Split> {
        if self.done {
            return None;
        }
        let mut line = Vec::new();
        // Find the first `From ` line (text before it is not a message).
        while !self.started {
            match read_line_capped(&mut self.inner, &mut line, MAX_DOCUMENT_BYTES) {
                Ok((0, _)) => {
                    self.done = true;
                    return None;
                }
                Ok(_) if line.starts_with(b"From ") => self.started = true,
                Ok(_) => {}
                Err(e) => return self.fatal(crate::error::describe_io(&e)),
            }
        }
        self.n += 1;
        let locator = format!("{}#message {}", self.path, self.n);
        let mut msg: Vec<u8> = Vec::new();
        let mut too_large = false;
        let mut prev_blank = false;
        loop {
            let (n, dropped) = match read_line_capped(&mut self.inner, &mut line, MAX_DOCUMENT_BYTES) {
                Ok(r) => r,
                Err(e) => return self.fatal(crate::error::describe_io(&e)),
            };
            if n == 0 {
                self.done = true;
                let cut = !msg.is_empty() && !msg.ends_with(b"\n");
                let warning = cut
                    .then(|| "truncated: the mbox ends in the middle of a line of this message".to_string());
                return Some(self.finish(locator, msg, too_large, warning));
            }
            if prev_blank && line.starts_with(b"From ") {
                // The blank line before a `From ` line belongs to the format.
                strip_one_newline(&mut msg);
                return Some(self.finish(locator, msg, too_large, None));
            }
            prev_blank = line == b"\n" || line == b"\r\n";
            if too_large || dropped || msg.len() + line.len() > MAX_DOCUMENT_BYTES {
                too_large = true;
                msg.clear();
                continue;
            }
            let unescaped = match line.iter().position(|&b| b != b'>') {
                Some(k) if k > 0 && line[k..].starts_with(b"From ") => &line[1..],
                _ => &line[..],
            };
            msg.extend_from_slice(unescaped);
        }
    }

    fn finish(&self, locator: String, msg: Vec<u8>, too_large: bool, warning: Option<String>) -> Split {
        if too_large {
            return Err(IngestError::new(
                locator,
                format!("message larger than {}: skipped", size(MAX_DOCUMENT_BYTES as u64)),
            ));
        }
        Ok((locator, msg, warning))
    }

    fn fatal(&mut self, reason: String) -> Option<Split> {
        self.done = true;
        Some(Err(IngestError::new(format!("{}#message {}", self.path, self.n.max(1)), reason)))
    }
}

fn strip_one_newline(msg: &mut Vec<u8>) {
    if msg.ends_with(b"\r\n") {
        msg.truncate(msg.len() - 2);
    } else if msg.ends_with(b"\n") {
        msg.truncate(msg.len() - 1);
    }
}

/// Streams the documents of an mbox: each message and its attachments.
pub fn messages(path: String, reader: Box<dyn BufRead + Send>, depth: usize) -> RawDocs {
    let mut splitter = Splitter { inner: reader, path: path.clone(), n: 0, started: false, done: false };
    let split = std::iter::from_fn(move || splitter.next_message());
    Box::new(split.flat_map(move |m| -> RawDocs {
        match m {
            Err(e) => Box::new(std::iter::once(Err(e))),
            Ok((locator, bytes, warning)) => {
                let docs = super::message(path.clone(), locator, bytes, depth);
                match warning {
                    None => docs,
                    Some(w) => Box::new(docs.map(move |r| {
                        r.map(|mut d| {
                            if d.format == dossier_core::Format::Email && d.meta.envelope.parent.is_none() {
                                d.warnings.push(w.clone());
                            }
                            d
                        })
                    })),
                }
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(bytes: &[u8]) -> Vec<Split> {
        let mut s = Splitter {
            inner: Box::new(std::io::Cursor::new(bytes.to_vec())),
            path: "box".into(),
            n: 0,
            started: false,
            done: false,
        };
        std::iter::from_fn(|| s.next_message()).collect()
    }

    #[test]
    fn splits_at_from_lines_after_blank_lines_and_unescapes() {
        let mbox = b"From a@example.org Tue Mar  4 10:22:00 2008\nSubject: one\n\nBody one.\n>From here on, we wait.\nFrom now on no split: no blank line before.\n\nFrom b@example.org Wed Mar  5 09:00:00 2008\nSubject: two\n\nBody two.\n";
        let got = split(mbox);
        assert_eq!(got.len(), 2);
        let (loc, one, w) = got[0].as_ref().unwrap();
        assert_eq!(loc, "box#message 1");
        assert_eq!(
            String::from_utf8_lossy(one),
            "Subject: one\n\nBody one.\nFrom here on, we wait.\nFrom now on no split: no blank line before.\n"
        );
        assert!(w.is_none());
        let (loc, two, _) = got[1].as_ref().unwrap();
        assert_eq!(loc, "box#message 2");
        assert_eq!(String::from_utf8_lossy(two), "Subject: two\n\nBody two.\n");
    }

    #[test]
    fn a_cut_last_line_is_named() {
        let got = split(b"From a@example.org Tue Mar  4 10:22:00 2008\nSubject: one\n\nBody is cu");
        let (_, _, w) = got[0].as_ref().unwrap();
        assert!(w.as_deref().unwrap().contains("truncated"), "{w:?}");
    }
}
