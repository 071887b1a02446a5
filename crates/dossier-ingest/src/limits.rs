//! Bounds on what one input may cost: the size of a document, how far
//! compressed data may expand, and readers that enforce them while
//! streaming.
//!
//! - One document (a file, a WARC record's payload, a JSON line, a feed item)
//!   is read up to [`MAX_DOCUMENT_BYTES`]; a longer text or page is cut
//!   there with a warning, a longer record or line is refused with the
//!   reason. Memory per document is bounded whatever the input claims.
//! - Gzip data (a `.gz` input, a gzip or deflate `Content-Encoding` inside
//!   a WARC record) may expand at most [`MAX_EXPANSION`] times once past
//!   [`EXPANSION_FLOOR`] bytes: beyond that the stream is stopped as a
//!   probable decompression bomb (text compresses 3 to 10 times).
//! - Bytes after the last gzip member that are not another member are
//!   ignored with a warning; what was decoded before them is kept.
//! - A zip archive has at most [`MAX_ZIP_MEMBERS`] members, which expand
//!   to at most [`MAX_ZIP_TOTAL_BYTES`] together, each within the document
//!   and expansion bounds; archives and messages nest at most
//!   [`MAX_NESTING`] deep (see `archive.rs`). An mbox message is bounded
//!   like a document.
//! - An office file's parts are zip members under the same bounds; a
//!   spreadsheet is read up to [`MAX_SHEET_CELLS`] cells (see `office/`).

use std::io::{self, BufRead, Read};
use std::sync::{Arc, Mutex};

/// Largest document read, in bytes after decompression (64 MiB: a news
/// article is a few KB; the store's limit is 1 GB).
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// Largest feed item read: a feed is streamed item by item, but feed-rs
/// builds each item in memory (~13 times its size), so an item has a lower
/// bound than a document; a real item is a few KB.
pub const MAX_FEED_ITEM_BYTES: usize = 16 << 20;

/// Most members a zip archive may have.
pub const MAX_ZIP_MEMBERS: usize = 10_000;

/// Most bytes the members of one zip archive may expand to, together
/// (each member also has the document bound and the expansion bound).
pub const MAX_ZIP_TOTAL_BYTES: u64 = 1 << 30;

/// Largest zip archive read from standard input, a `.gz` or another
/// container (it is held in memory: a zip's index is at its end); a zip
/// file on disk is read in place, whatever its size.
pub const MAX_HELD_ZIP_BYTES: usize = 256 << 20;

/// How deep archives and messages may nest (a zip in a message in a zip
/// …): deeper ones are refused, against nested zip bombs.
pub const MAX_NESTING: usize = 3;

/// Most cells read from one spreadsheet (`.xlsx`, `.ods`, `.csv`), all
/// sheets together: past them the text is cut with a warning. A million
/// cells is a large real workbook; a hostile one declaring a billion stops
/// here instead of filling memory.
pub const MAX_SHEET_CELLS: usize = 1_000_000;

/// Largest PDF or image read (it is held in memory whole: a PDF's index
/// is at its end); a scanned report of a few hundred pages fits.
pub const MAX_PDF_BYTES: usize = 256 << 20;

/// Pages of one PDF read; the pages after them are named in a warning.
pub const MAX_PDF_PAGES: usize = 5000;

/// Seconds the text layer of one PDF may take (about 200 pages a second
/// are read: a file that needs more is hostile or broken).
pub const PDF_SECONDS: u64 = 120;

/// Seconds Tesseract may take on one scanned page or image (about one is
/// usual), after which it is stopped and the page named.
pub const OCR_PAGE_SECONDS: u64 = 120;

/// Most memory the reader of one PDF may hold when it runs in its own
/// process (`pdf/isolate.rs`): past it the reader is stopped and the file
/// named. lopdf holds a whole file and a page's decoded content stream; a
/// hostile page of four million drawing operators takes 2 GB.
pub const MAX_PDF_MEMORY: u64 = 3 << 30;

/// Most times compressed data may expand.
pub const MAX_EXPANSION: u64 = 100;

/// Output below which expansion is not checked (a small, very repetitive
/// file is not a bomb).
pub const EXPANSION_FLOOR: u64 = 8 << 20;

/// Human-readable size.
pub fn size(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

/// Warnings a reader met while streaming, read by whoever reports them.
pub type Notes = Arc<Mutex<Vec<String>>>;

/// A reader that counts the bytes read through it.
struct Counting<R> {
    inner: R,
    count: Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.count.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        self.inner.consume(n);
    }
}

/// Decodes every gzip member of a stream in turn, with the expansion
/// bound; bytes after the last member that do not start another are
/// noted and ignored.
pub struct Gunzip<R: BufRead> {
    dec: Option<flate2::bufread::GzDecoder<Counting<R>>>,
    read_in: Arc<std::sync::atomic::AtomicU64>,
    out: u64,
    notes: Notes,
}

impl<R: BufRead> Gunzip<R> {
    /// Decodes `inner`, noting trailing data in `notes`.
    pub fn new(inner: R, notes: Notes) -> Self {
        let read_in = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let counting = Counting { inner, count: Arc::clone(&read_in) };
        Gunzip { dec: Some(flate2::bufread::GzDecoder::new(counting)), read_in, out: 0, notes }
    }
}

impl<R: BufRead> Read for Gunzip<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(dec) = self.dec.as_mut() else { return Ok(0) };
            let n = dec.read(buf)?;
            if n > 0 {
                self.out += n as u64;
                check_expansion(self.out, self.read_in.load(std::sync::atomic::Ordering::Relaxed))?;
                return Ok(n);
            }
            if buf.is_empty() {
                return Ok(0);
            }
            // End of a member: another, the end, or trailing data.
            let Some(dec) = self.dec.take() else { return Ok(0) };
            let mut inner = dec.into_inner();
            let next = inner.fill_buf()?;
            if next.is_empty() {
                return Ok(0);
            }
            if next.starts_with(&[0x1f, 0x8b]) {
                self.dec = Some(flate2::bufread::GzDecoder::new(inner));
                continue;
            }
            let mut rest = 0u64;
            loop {
                let n = inner.fill_buf()?.len();
                if n == 0 {
                    break;
                }
                rest += n as u64;
                inner.consume(n);
            }
            self.notes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(format!("{} of trailing data after the gzip stream ignored", size(rest)));
            return Ok(0);
        }
    }
}

/// An error when `out` bytes decoded from `read_in` compressed bytes is
/// beyond the expansion bound.
pub fn check_expansion(out: u64, read_in: u64) -> io::Result<()> {
    if out > EXPANSION_FLOOR && out > read_in.max(1).saturating_mul(MAX_EXPANSION) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "compressed data expands more than {MAX_EXPANSION} times ({} from {}): \
                 stopped, a decompression bomb?",
                size(out),
                size(read_in)
            ),
        ));
    }
    Ok(())
}

/// Reads at most `max` bytes of `r` into a vector; also says whether more
/// followed (the rest is not read).
pub fn read_capped(r: &mut dyn Read, max: usize) -> io::Result<(Vec<u8>, bool)> {
    let mut out = Vec::new();
    r.take(max as u64 + 1).read_to_end(&mut out)?;
    let more = out.len() > max;
    out.truncate(max);
    Ok((out, more))
}

/// Reads one line (with its `\n`) into `line`, keeping at most `max`
/// bytes; a longer line is read to its end and dropped. Returns the bytes
/// the line had (0 at the end of the input) and whether it was dropped.
pub fn read_line_capped(r: &mut dyn BufRead, line: &mut Vec<u8>, max: usize) -> io::Result<(usize, bool)> {
    line.clear();
    let mut total = 0usize;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok((total, total > max));
        }
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let n = chunk.len();
        if total + n <= max {
            line.extend_from_slice(chunk);
        } else if total <= max {
            line.clear();
            line.shrink_to_fit();
        }
        total += n;
        r.consume(n);
        if done {
            return Ok((total, total > max));
        }
    }
}

/// Decompresses a whole in-memory payload (a WARC record's gzip or deflate
/// `Content-Encoding`) within the expansion bound and [`MAX_DOCUMENT_BYTES`].
/// Returns the bytes and whether they were cut at the size bound.
pub fn inflate(data: &[u8], gzip: bool) -> io::Result<(Vec<u8>, bool)> {
    let limit = (data.len() as u64).saturating_mul(MAX_EXPANSION).max(EXPANSION_FLOOR);
    let mut dec: Box<dyn Read> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(data))
    } else {
        Box::new(flate2::read::ZlibDecoder::new(data))
    };
    let max = (MAX_DOCUMENT_BYTES as u64).min(limit) as usize;
    let (out, more) = read_capped(&mut dec, max)?;
    if more && max < MAX_DOCUMENT_BYTES {
        check_expansion(max as u64 + 1, data.len() as u64)?;
    }
    Ok((out, more))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn gunzip(data: &[u8]) -> (io::Result<Vec<u8>>, Vec<String>) {
        let notes = Notes::default();
        let mut out = Vec::new();
        let r = Gunzip::new(data, Arc::clone(&notes)).read_to_end(&mut out).map(|_| out);
        let n = notes.lock().unwrap().clone();
        (r, n)
    }

    #[test]
    fn members_are_joined_and_trailing_data_is_noted() {
        let mut two = gz(b"first member, ");
        two.extend(gz(b"second member"));
        let (r, notes) = gunzip(&two);
        assert_eq!(r.unwrap(), b"first member, second member");
        assert!(notes.is_empty());
        let mut tail = gz(b"kept text");
        tail.extend(b"GARBAGE after the stream");
        let (r, notes) = gunzip(&tail);
        assert_eq!(r.unwrap(), b"kept text");
        assert_eq!(notes, vec!["24 bytes of trailing data after the gzip stream ignored".to_string()]);
    }

    #[test]
    fn a_truncated_member_is_an_error() {
        let data = gz(&b"Otunbayeva said the inquiry would start. ".repeat(500));
        let (r, _) = gunzip(&data[..data.len() / 2]);
        assert_eq!(r.unwrap_err().kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn expansion_beyond_the_bound_is_stopped() {
        // 64 MiB of zeros compress ~1000 times.
        let bomb = gz(&vec![0u8; 64 << 20]);
        let (r, _) = gunzip(&bomb);
        assert!(r.unwrap_err().to_string().contains("decompression bomb"));
        // The same bound for a payload inflated in memory.
        assert!(inflate(&bomb, true).unwrap_err().to_string().contains("decompression bomb"));
        // A small, repetitive payload is fine.
        let small = gz(&vec![b'a'; 1 << 20]);
        assert_eq!(inflate(&small, true).unwrap(), (vec![b'a'; 1 << 20], false));
    }

    #[test]
    fn long_lines_are_dropped_whole() {
        let mut r = &b"short\nthis one is too long\nok\nlast"[..];
        let mut line = Vec::new();
        assert_eq!(read_line_capped(&mut r, &mut line, 8).unwrap(), (6, false));
        assert_eq!(line, b"short\n");
        assert_eq!(read_line_capped(&mut r, &mut line, 8).unwrap(), (21, true));
        assert!(line.is_empty());
        assert_eq!(read_line_capped(&mut r, &mut line, 8).unwrap(), (3, false));
        assert_eq!(line, b"ok\n");
        assert_eq!(read_line_capped(&mut r, &mut line, 8).unwrap(), (4, false));
        assert_eq!(line, b"last");
        assert_eq!(read_line_capped(&mut r, &mut line, 8).unwrap(), (0, false));
    }

    #[test]
    fn reads_are_capped() {
        let (b, more) = read_capped(&mut &b"abcdef"[..], 4).unwrap();
        assert_eq!((b.as_slice(), more), (&b"abcd"[..], true));
        let (b, more) = read_capped(&mut &b"abc"[..], 4).unwrap();
        assert_eq!((b.as_slice(), more), (&b"abc"[..], false));
    }
}
