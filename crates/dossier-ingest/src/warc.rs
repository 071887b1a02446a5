//! WARC archives (`.warc`, `.warc.gz`): each HTML or plain-text `response`
//! or `resource` record is one document; every other record (requests,
//! metadata, images, …) is skipped. Records are streamed one at a time, so
//! memory stays flat whatever the archive's size.

use std::io::{BufRead, Read};

use dossier_core::Format;
use warc::{WarcHeader, WarcReader};

use crate::source::{Body, ContainerMeta, RawDoc, RawDocs};
use crate::IngestError;

/// Streams the documents of a WARC reader (already decompressed).
pub fn records(path: String, reader: Box<dyn BufRead + Send>) -> RawDocs {
    let mut iter = WarcReader::new(reader).iter_raw_records();
    let mut n = 0usize;
    let mut done = false;
    Box::new(std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        n += 1;
        let locator = format!("{path}#record {n}");
        let (header, body) = match iter.next()? {
            Ok(r) => r,
            Err(e) => {
                // The reader cannot resynchronise after a broken record.
                done = true;
                let reason = match e {
                    warc::Error::ReadData(io) => crate::error::describe_io(&io),
                    warc::Error::UnexpectedEOB => "truncated WARC record: the archive ends inside it".into(),
                    other => format!("malformed WARC record: {other}"),
                };
                return Some(Err(IngestError::new(locator, reason)));
            }
        };
        let get =
            |h: WarcHeader| header.headers.get(&h).map(|v| String::from_utf8_lossy(v).trim().to_string());
        let warc_type = get(WarcHeader::WarcType).unwrap_or_default().to_ascii_lowercase();
        let record_type = get(WarcHeader::ContentType).unwrap_or_default().to_ascii_lowercase();
        let (content_type, payload) = match warc_type.as_str() {
            "response" if record_type.starts_with("application/http") => match parse_http(&body) {
                Ok(r) => r,
                Err(reason) => return Some(Err(IngestError::new(locator, reason))),
            },
            "resource" => (record_type.clone(), body),
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
        let published = get(WarcHeader::Date).map(|d| d.get(..10).unwrap_or(&d).to_string());
        return Some(Ok(RawDoc {
            path: path.clone(),
            locator,
            format: Format::WarcRecord,
            bytes: payload,
            body: body_kind,
            charset,
            meta: ContainerMeta {
                url: get(WarcHeader::TargetURI).map(|u| u.trim_matches(['<', '>']).to_string()),
                published,
                source_id: get(WarcHeader::RecordID),
                ..Default::default()
            },
        }));
    }))
}

/// Splits an HTTP response into its `Content-Type` and its decoded payload
/// (chunked transfer encoding and gzip/deflate content encoding undone).
fn parse_http(block: &[u8]) -> Result<(String, Vec<u8>), String> {
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
    match encoding.as_str() {
        "gzip" | "x-gzip" => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&payload[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("bad gzip content in WARC record: {e}"))?;
            payload = out;
        }
        "deflate" => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&payload[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("bad deflate content in WARC record: {e}"))?;
            payload = out;
        }
        _ => {}
    }
    Ok((content_type, payload))
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
        let (ct, payload) = parse_http(block).unwrap();
        assert_eq!(ct, "text/html; charset=utf-8");
        assert_eq!(payload, b"<p>hi</p>");
        assert!(parse_http(b"garbage").is_err());
    }
}
