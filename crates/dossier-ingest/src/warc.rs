//! WARC archives (`.warc`, `.warc.gz`): each HTML or plain-text `response`
//! or `resource` record is one document; every other record (requests,
//! metadata, images, …) is skipped. Records are streamed one at a time, so
//! memory stays flat whatever the archive's size.

use std::io::{BufRead, Read};

use dossier_core::Format;

use crate::limits::{read_line_capped, size, MAX_DOCUMENT_BYTES};
use crate::source::{Body, ContainerMeta, RawDoc, RawDocs};
use crate::IngestError;

/// Longest header line read.
const MAX_HEADER_LINE: usize = 64 << 10;
/// Most header lines in a record.
const MAX_HEADER_LINES: usize = 1_000;

/// A record's headers (names lower-cased) and its block.
struct Record {
    headers: Vec<(String, String)>,
    block: Vec<u8>,
}

impl Record {
    fn get(&self, name: &str) -> Option<String> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
}

/// What reading one record gave.
enum Read1 {
    Record(Record),
    /// A malformed record: the reason; the reader has moved on to the next
    /// `WARC/` line (or the end).
    Malformed(String),
    /// The archive ends inside a record, or cannot be read further.
    Fatal(String),
}

/// Reads WARC records one at a time, resynchronising on the next line
/// that starts with `WARC/` after a malformed one.
struct Reader {
    inner: Box<dyn BufRead + Send>,
    /// A version line read ahead while resynchronising.
    pending: Option<Vec<u8>>,
}

impl Reader {
    fn line(&mut self, buf: &mut Vec<u8>) -> Result<(usize, bool), String> {
        read_line_capped(&mut self.inner, buf, MAX_HEADER_LINE).map_err(|e| crate::error::describe_io(&e))
    }

    /// Skips to the next line starting with `WARC/`, kept for the next read.
    fn resync(&mut self) -> Result<(), String> {
        let mut buf = Vec::new();
        loop {
            let (n, _) = self.line(&mut buf)?;
            if n == 0 {
                return Ok(());
            }
            if buf.starts_with(b"WARC/") {
                self.pending = Some(buf);
                return Ok(());
            }
        }
    }

    fn malformed(&mut self, why: String) -> Option<Read1> {
        Some(match self.resync() {
            Ok(()) => Read1::Malformed(why),
            Err(e) => Read1::Fatal(e),
        })
    }

    fn next(&mut self) -> Option<Read1> {
        let mut buf = Vec::new();
        // The version line, after any blank lines (the CRLFs ending the
        // previous record).
        let version = match self.pending.take() {
            Some(v) => v,
            None => loop {
                match self.line(&mut buf) {
                    Err(e) => return Some(Read1::Fatal(e)),
                    Ok((0, _)) => return None,
                    Ok((_, true)) => {
                        return self.malformed("a line too long where a WARC record should start".into())
                    }
                    Ok(_) if buf.iter().all(|b| matches!(b, b'\r' | b'\n')) => continue,
                    Ok(_) => break std::mem::take(&mut buf),
                }
            },
        };
        if !version.starts_with(b"WARC/") {
            return self.malformed("no `WARC/` line where a record should start".into());
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            match self.line(&mut buf) {
                Err(e) => return Some(Read1::Fatal(e)),
                Ok((0, _)) => {
                    return Some(Read1::Fatal("truncated WARC record: the archive ends inside it".into()))
                }
                Ok((_, true)) => return self.malformed("a WARC header line longer than 64 KiB".into()),
                Ok(_) => {}
            }
            let text = String::from_utf8_lossy(&buf);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if headers.len() >= MAX_HEADER_LINES {
                return self.malformed(format!("more than {MAX_HEADER_LINES} WARC header lines"));
            }
            if text.starts_with([' ', '\t']) {
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(text.trim());
                    continue;
                }
            }
            if text.starts_with("WARC/") {
                // A new record began before this one's headers ended.
                self.pending = Some(buf.clone());
                return Some(Read1::Malformed("WARC headers without an end".into()));
            }
            let Some((k, v)) = text.split_once(':') else {
                return self.malformed(format!("malformed WARC header line {:?}", crate::error::short(text)));
            };
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
        let Some(len) = headers.iter().find(|(k, _)| k == "content-length").map(|(_, v)| v.clone()) else {
            return self.malformed("WARC record without Content-Length".into());
        };
        let Ok(len) = len.parse::<u64>() else {
            return self.malformed(format!("bad WARC Content-Length {:?}", crate::error::short(&len)));
        };
        // The block, at most the document bound (a longer one is skipped
        // over without being kept).
        let keep = len.min(MAX_DOCUMENT_BYTES as u64);
        let mut block = Vec::new();
        match (&mut self.inner).take(keep).read_to_end(&mut block) {
            Err(e) => return Some(Read1::Fatal(crate::error::describe_io(&e))),
            Ok(n) if (n as u64) < keep => {
                return Some(Read1::Fatal("truncated WARC record: the archive ends inside it".into()))
            }
            Ok(_) => {}
        }
        if len > keep {
            let skipped = std::io::copy(&mut (&mut self.inner).take(len - keep), &mut std::io::sink());
            match skipped {
                Err(e) => return Some(Read1::Fatal(crate::error::describe_io(&e))),
                Ok(n) if n < len - keep => {
                    return Some(Read1::Fatal("truncated WARC record: the archive ends inside it".into()))
                }
                Ok(_) => {}
            }
            return Some(Read1::Malformed(format!(
                "WARC record of {} larger than {}: skipped",
                size(len),
                size(MAX_DOCUMENT_BYTES as u64)
            )));
        }
        Some(Read1::Record(Record { headers, block }))
    }
}

/// Streams the documents of a WARC reader (already decompressed).
pub fn records(path: String, reader: Box<dyn BufRead + Send>) -> RawDocs {
    let mut reader = Reader { inner: reader, pending: None };
    let mut n = 0usize;
    let mut done = false;
    Box::new(std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        n += 1;
        let locator = format!("{path}#record {n}");
        let record = match reader.next()? {
            Read1::Record(r) => r,
            Read1::Malformed(reason) => return Some(Err(IngestError::new(locator, reason))),
            Read1::Fatal(reason) => {
                done = true;
                return Some(Err(IngestError::new(locator, reason)));
            }
        };
        let warc_type = record.get("warc-type").unwrap_or_default().to_ascii_lowercase();
        let record_type = record.get("content-type").unwrap_or_default().to_ascii_lowercase();
        let mut warnings = Vec::new();
        let (content_type, payload) = match warc_type.as_str() {
            "response" if record_type.starts_with("application/http") => match parse_http(&record.block) {
                Ok((ct, payload, cut)) => {
                    if cut {
                        warnings.push(format!(
                            "payload larger than {} once decompressed: only its first {} read",
                            size(MAX_DOCUMENT_BYTES as u64),
                            size(MAX_DOCUMENT_BYTES as u64)
                        ));
                    }
                    (ct, payload)
                }
                Err(reason) => return Some(Err(IngestError::new(locator, reason))),
            },
            "resource" => (record_type.clone(), record.block.clone()),
            _ => continue,
        };
        let mime = content_type.split(';').next().unwrap_or("").trim().to_string();
        let body_kind = match mime.as_str() {
            "text/html" | "application/xhtml+xml" => Body::Html,
            "text/plain" => Body::Text,
            "" if payload.starts_with(b"<") => Body::Html,
            _ => continue,
        };
        let charset = content_type
            .split(';')
            .filter_map(|p| p.trim().strip_prefix("charset="))
            .map(|c| c.trim_matches('"').to_string())
            .next();
        let published = record.get("warc-date").map(|d| d.get(..10).unwrap_or(&d).to_string());
        return Some(Ok(RawDoc {
            path: path.clone(),
            locator,
            format: Format::WarcRecord,
            bytes: payload,
            body: body_kind,
            charset,
            meta: ContainerMeta {
                url: record.get("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string()),
                published,
                source_id: record.get("warc-record-id"),
                ..Default::default()
            },
            warnings,
        }));
    }))
}

/// Splits an HTTP response into its `Content-Type` and its decoded payload
/// (chunked transfer encoding and gzip/deflate content encoding undone,
/// within the bounds of [`crate::limits::inflate`]); also says whether the
/// payload was cut at the document bound.
fn parse_http(block: &[u8]) -> Result<(String, Vec<u8>, bool), String> {
    let split = find(block, b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| find(block, b"\n\n").map(|p| (p, p + 2)))
        .ok_or("malformed HTTP response in WARC record: no end of headers")?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut payload = block[split.1..].to_vec();
    let mut content_type = String::new();
    let (mut chunked, mut encoding) = (false, String::new());
    for line in head.lines().skip(1) {
        let Some((k, v)) = line.split_once(':') else { continue };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = v,
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" => encoding = v,
            _ => {}
        }
    }
    if chunked {
        payload = dechunk(&payload).unwrap_or(payload);
    }
    let mut cut = false;
    if let Some(gzip) = match encoding.as_str() {
        "gzip" | "x-gzip" => Some(true),
        "deflate" => Some(false),
        _ => None,
    } {
        let (out, more) = crate::limits::inflate(&payload, gzip)
            .map_err(|e| format!("bad {encoding} content in WARC record: {e}"))?;
        payload = out;
        cut = more;
    }
    Ok((content_type, payload, cut))
}

/// Undoes HTTP chunked transfer encoding; `None` if the data is not chunked.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..).unwrap_or(&[]);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_responses_are_decoded() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>hi\r\n4\r\n</p>\r\n0\r\n\r\n";
        let (ct, payload, cut) = parse_http(block).unwrap();
        assert_eq!(ct, "text/html; charset=utf-8");
        assert_eq!(payload, b"<p>hi</p>");
        assert!(!cut);
        assert!(parse_http(b"garbage").is_err());
    }

    fn record(kind: &str, body: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    }

    fn read(data: String) -> Vec<Result<RawDoc, IngestError>> {
        records("a.warc".into(), Box::new(std::io::Cursor::new(data.into_bytes()))).collect()
    }

    #[test]
    fn a_malformed_record_is_reported_and_the_reader_resyncs() {
        let good1 = record("resource", "Otunbayeva spoke in Osh.");
        let bad = "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: lots\r\n\r\nnot a body\r\n\r\n";
        let junk = "random junk between records\n";
        let good2 = record("resource", "Kiljunen answered.");
        let got = read(format!("{good1}{bad}{good2}{junk}{good2}"));
        let oks: Vec<_> = got.iter().filter_map(|r| r.as_ref().ok()).map(|d| d.bytes.clone()).collect();
        assert_eq!(
            oks,
            vec![
                b"Otunbayeva spoke in Osh.".to_vec(),
                b"Kiljunen answered.".to_vec(),
                b"Kiljunen answered.".to_vec()
            ]
        );
        let errs: Vec<_> = got.iter().filter_map(|r| r.as_ref().err()).collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].reason.contains("Content-Length"), "{}", errs[0].reason);
        assert_eq!(errs[0].path, "a.warc#record 2");
        assert!(errs[1].reason.contains("WARC/"), "{}", errs[1].reason);
    }

    #[test]
    fn a_truncated_or_oversized_record_is_reported() {
        let cut = "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 1000000\r\n\r\nshort";
        let got = read(format!("{}{cut}", record("resource", "first")));
        assert_eq!(got.len(), 2);
        assert!(got[1].as_ref().unwrap_err().reason.contains("truncated"));
        // A claimed length beyond the bound, with the bytes there: skipped, reader goes on.
        let big = MAX_DOCUMENT_BYTES + 10;
        let data = format!(
            "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: {big}\r\n\r\n{}\r\n\r\n{}",
            "x".repeat(big),
            record("resource", "after")
        );
        let got = read(data);
        assert!(got[0].as_ref().unwrap_err().reason.contains("larger than"));
        assert_eq!(got[1].as_ref().unwrap().bytes, b"after");
    }
}
