//! RTF, read by a small reader of the control-word format (no RTF crate on
//! crates.io is both maintained and free of a dependency tree larger than
//! this file; the format's text part is simple).
//!
//! Groups `{…}` carry state (skipping, the `\ucN` count); destinations that
//! are not text are skipped (`\fonttbl`, `\colortbl`, `\stylesheet`,
//! `\pict`, `\object`, headers and footers, field instructions, every
//! `{\*\…}` destination); `\par` ends a paragraph, `\line` breaks a line,
//! `\tab` is a tab, `\cell` and `\row` make table rows like `.docx`;
//! `\'hh` is a byte in the document's code page (`\ansicpgN`), `\uN` a
//! UTF-16 unit followed by `N` replacement characters to skip; `\binN`
//! skips N bytes of binary data. Footnotes go after the body. `\info`
//! gives the title, author and creation time. Nesting and text are bounded;
//! nothing recurses.

use super::flow::Flow;
use super::Extracted;

/// Destinations whose text is not the document's.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "pict",
    "object",
    "objdata",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "fldinst",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "xmlnstbl",
    "generator",
    "filetbl",
    "pgdsctbl",
    "bkmkstart",
    "bkmkend",
    "xe",
    "tc",
    "nonshppict",
    "shpinst",
    "private",
    "annotation",
    "atnid",
    "atnauthor",
    "atrfstart",
    "atrfend",
    "operator",
    "keywords",
    "comment",
    "doccomm",
    "subject",
    "company",
    "category",
    "manager",
    "hlinkbase",
];

/// Deepest group nesting kept track of (deeper groups inherit the state).
const MAX_DEPTH: usize = 4096;

/// Where the text of the current group goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dest {
    Body,
    Skip,
    Footnote,
    Title,
    Author,
    Created,
    Info,
}

#[derive(Clone, Copy)]
struct State {
    dest: Dest,
    /// Characters after `\uN` that stand in for it.
    uc: usize,
}

/// Reads an RTF file.
pub(crate) fn read(bytes: &[u8]) -> Extracted {
    let mut r = Reader {
        bytes,
        pos: 0,
        state: State { dest: Dest::Body, uc: 1 },
        stack: Vec::new(),
        extra_depth: 0,
        body: Flow::default(),
        notes: Flow::default(),
        title: String::new(),
        author: String::new(),
        created: [0; 5],
        encoding: encoding_rs::WINDOWS_1252,
        pending: Vec::new(),
        high_surrogate: None,
        in_table: false,
        row_closed: false,
        in_cell_paragraph: false,
        skip_chars: 0,
        group_start: false,
        after_star: false,
    };
    r.run();
    r.flush_bytes();
    let full = r.body.full || r.notes.full;
    let mut out = Extracted::default();
    if full {
        out.warnings.push(super::cut_warning());
    }
    let title = r.title.trim();
    out.title = (!title.is_empty()).then(|| title.to_string());
    out.authors = super::split_authors(&r.author);
    let [y, mo, d, h, mi] = r.created;
    out.published = chrono::NaiveDate::from_ymd_opt(y, mo as u32, d as u32)
        .and_then(|date| date.and_hms_opt(h as u32, mi as u32, 0))
        .filter(|_| (1800..=2200).contains(&y))
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string());
    let mut body = r.body;
    body.append(r.notes);
    out.text = body.finish();
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    state: State,
    stack: Vec<State>,
    /// Groups opened beyond [`MAX_DEPTH`].
    extra_depth: usize,
    body: Flow,
    notes: Flow,
    title: String,
    author: String,
    /// `\creatim`: year, month, day, hour, minute.
    created: [i32; 5],
    encoding: &'static encoding_rs::Encoding,
    /// `\'hh` bytes not decoded yet (a multi-byte code page needs them together).
    pending: Vec<u8>,
    high_surrogate: Option<u16>,
    in_table: bool,
    /// A `\row` ended the last row and no `\trowd` began another.
    row_closed: bool,
    /// Whether the paragraph being read is inside a table (`\intbl`).
    in_cell_paragraph: bool,
    /// Replacement characters still to skip after a `\uN`.
    skip_chars: usize,
    /// Right after `{`: a destination word may follow.
    group_start: bool,
    /// Right after `{\*`: so may an optional destination's word.
    after_star: bool,
}

impl Reader<'_> {
    fn run(&mut self) {
        while self.pos < self.bytes.len() {
            if self.body.full || self.notes.full {
                return;
            }
            let b = self.bytes[self.pos];
            self.pos += 1;
            match b {
                b'{' => {
                    self.flush_bytes();
                    if self.stack.len() < MAX_DEPTH {
                        self.stack.push(self.state);
                    } else {
                        self.extra_depth += 1;
                    }
                    self.group_start = true;
                    self.skip_chars = 0;
                    continue;
                }
                b'}' => {
                    self.flush_bytes();
                    if self.extra_depth > 0 {
                        self.extra_depth -= 1;
                    } else if let Some(s) = self.stack.pop() {
                        self.state = s;
                    }
                    self.skip_chars = 0;
                }
                b'\\' => self.control(),
                b'\r' | b'\n' => continue,
                _ => {
                    self.after_star = false;
                    if self.skip_chars > 0 {
                        self.skip_chars -= 1;
                    } else if b < 0x80 {
                        self.flush_bytes();
                        self.push(&(b as char).to_string());
                    } else {
                        self.pending.push(b);
                    }
                }
            }
            self.group_start = false;
        }
    }

    /// A control word or symbol after `\`.
    fn control(&mut self) {
        let Some(&c) = self.bytes.get(self.pos) else { return };
        if !c.is_ascii_alphabetic() {
            self.pos += 1;
            self.symbol(c);
            return;
        }
        let start = self.pos;
        while self.pos < self.bytes.len()
            && self.bytes[self.pos].is_ascii_alphabetic()
            && self.pos - start < 32
        {
            self.pos += 1;
        }
        let word = String::from_utf8_lossy(&self.bytes[start..self.pos]).into_owned();
        let num_start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        while self.pos < self.bytes.len()
            && self.bytes[self.pos].is_ascii_digit()
            && self.pos - num_start < 11
        {
            self.pos += 1;
        }
        let param =
            std::str::from_utf8(&self.bytes[num_start..self.pos]).ok().and_then(|s| s.parse::<i64>().ok());
        if self.bytes.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
        // A destination word opens its group, or follows `{\*`.
        let at_group_start = self.group_start || std::mem::take(&mut self.after_star);
        self.group_start = false;
        self.word(&word, param, at_group_start);
    }

    fn symbol(&mut self, c: u8) {
        match c {
            b'\'' => {
                let hex = self.bytes.get(self.pos..self.pos + 2).and_then(|h| std::str::from_utf8(h).ok());
                if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    self.pos += 2;
                    if self.skip_chars > 0 {
                        self.skip_chars -= 1;
                    } else {
                        self.pending.push(byte);
                    }
                }
            }
            // `{\*\dest …}`: an optional destination; read only the known ones.
            b'*' if self.group_start => {
                self.state.dest = Dest::Skip;
                self.after_star = true;
            }
            b'~' => self.text(" "),
            b'_' => self.text("-"),
            b'-' => {}
            b'\\' | b'{' | b'}' => self.text(&(c as char).to_string()),
            b'\r' | b'\n' => self.paragraph(),
            _ => {}
        }
    }

    fn word(&mut self, word: &str, param: Option<i64>, at_group_start: bool) {
        let p = param.unwrap_or(0);
        match word {
            "par" | "sect" | "page" => self.paragraph(),
            "line" => self.text("\n"),
            "tab" => self.text("\t"),
            "emdash" => self.text("—"),
            "endash" => self.text("–"),
            "lquote" => self.text("‘"),
            "rquote" => self.text("’"),
            "ldblquote" => self.text("“"),
            "rdblquote" => self.text("”"),
            "bullet" => self.text("•"),
            "u" => self.unicode(p),
            "uc" => self.state.uc = p.clamp(0, 16) as usize,
            "ansicpg" => {
                if let Some(e) = code_page(p) {
                    self.encoding = e;
                }
            }
            "bin" => {
                // Binary data: skipped whole, never read as RTF.
                self.flush_bytes();
                self.pos = self.pos.saturating_add(p.max(0) as usize).min(self.bytes.len());
            }
            "pard" => self.in_cell_paragraph = false,
            "trowd" => self.row_closed = false,
            "intbl" => {
                self.in_cell_paragraph = true;
                self.row_closed = false;
                if self.state.dest == Dest::Body && !self.in_table {
                    self.flush_bytes();
                    self.body.start_table();
                    self.in_table = true;
                }
            }
            "cell" | "nestcell" => {
                self.flush_bytes();
                if self.state.dest == Dest::Body && self.in_table {
                    self.body.end_paragraph();
                    self.body.end_cell();
                }
            }
            "row" | "nestrow" => {
                self.flush_bytes();
                if self.state.dest == Dest::Body && self.in_table {
                    self.body.end_row();
                    self.row_closed = true;
                }
            }
            "info" if at_group_start => self.state.dest = Dest::Info,
            "title" if at_group_start && self.state.dest == Dest::Info => self.state.dest = Dest::Title,
            "author" if at_group_start && self.state.dest == Dest::Info => self.state.dest = Dest::Author,
            "creatim" if at_group_start && self.state.dest == Dest::Info => self.state.dest = Dest::Created,
            "yr" | "mo" | "dy" | "hr" | "min" if self.state.dest == Dest::Created => {
                let i = ["yr", "mo", "dy", "hr", "min"].iter().position(|w| *w == word).unwrap_or(0);
                self.created[i] = p.clamp(0, 9999) as i32;
            }
            "footnote" if at_group_start => self.state.dest = Dest::Footnote,
            w if at_group_start && SKIPPED.contains(&w) => self.state.dest = Dest::Skip,
            _ => {}
        }
    }

    /// `\uN`: a UTF-16 unit (negative values count from 65536), then the
    /// stand-in characters to skip.
    fn unicode(&mut self, n: i64) {
        self.flush_bytes();
        let unit = if n < 0 { (n + 65536) as u16 } else { n.min(65535) as u16 };
        match unit {
            0xD800..=0xDBFF => self.high_surrogate = Some(unit),
            0xDC00..=0xDFFF => {
                if let Some(high) = self.high_surrogate.take() {
                    let s = String::from_utf16_lossy(&[high, unit]);
                    self.push(&s);
                }
            }
            _ => {
                let s = String::from_utf16_lossy(&[unit]);
                self.push(&s);
            }
        }
        self.skip_chars = self.state.uc;
    }

    fn paragraph(&mut self) {
        self.flush_bytes();
        match self.state.dest {
            Dest::Body => {
                self.leave_finished_table();
                if self.in_table {
                    // A paragraph inside a cell: the cell goes on.
                    self.body.text(" ");
                } else {
                    self.body.end_paragraph();
                }
            }
            Dest::Footnote => self.notes.end_paragraph(),
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        self.flush_bytes();
        self.push(s);
    }

    /// Decodes the pending `\'hh` bytes in the document's code page.
    fn flush_bytes(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.pending);
        let (text, _, _) = self.encoding.decode(&bytes);
        let text = text.into_owned();
        self.push(&text);
    }

    /// Text or a paragraph end outside a cell after the last row: the
    /// table is over.
    fn leave_finished_table(&mut self) {
        if self.in_table && self.row_closed && !self.in_cell_paragraph {
            self.body.end_table();
            self.in_table = false;
        }
    }

    fn push(&mut self, s: &str) {
        let limit = 4096;
        match self.state.dest {
            Dest::Body => {
                self.leave_finished_table();
                self.body.text(s);
            }
            Dest::Footnote => self.notes.text(s),
            Dest::Title if self.title.len() < limit => self.title.push_str(s),
            Dest::Author if self.author.len() < limit => self.author.push_str(s),
            _ => {}
        }
    }
}

/// The encoding of a Windows code page number (`\ansicpg1251`).
fn code_page(n: i64) -> Option<&'static encoding_rs::Encoding> {
    let label = match n {
        874 => "windows-874".to_string(),
        932 => "shift_jis".into(),
        936 => "gbk".into(),
        949 => "euc-kr".into(),
        950 => "big5".into(),
        866 => "ibm866".into(),
        1250..=1258 => format!("windows-{n}"),
        10000 => "macintosh".into(),
        20866 => "koi8-r".into(),
        28591..=28606 => format!("iso-8859-{}", n - 28590),
        65001 => "utf-8".into(),
        _ => return None,
    };
    encoding_rs::Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_and_skipped_destinations() {
        let rtf =
            br"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}{\colortbl;\red0\green0\blue0;}
{\info{\title Dam report}{\author Ana Lind}{\creatim\yr2024\mo3\dy5\hr10\min22}}
{\header Page header}\pard The caf\'e9 owner said \ldblquote no\rdblquote .\par
Second {\*\bkmkstart x}paragraph\line broken{\*\generator Writer;}.\par
Unicode \u1044?\u1072?\u1084? and \u-10179?\u-8704? done.\par}";
        let got = read(rtf);
        assert_eq!(
            got.text,
            "The café owner said “no”.\n\nSecond paragraph\nbroken.\n\nUnicode Дам and 😀 done.\n"
        );
        assert_eq!(got.title.as_deref(), Some("Dam report"));
        assert_eq!(got.authors, vec!["Ana Lind".to_string()]);
        assert_eq!(got.published.as_deref(), Some("2024-03-05T10:22:00"));
    }

    #[test]
    fn tables_footnotes_pictures_and_binary() {
        let rtf = br"{\rtf1\ansi Votes\par
\trowd\cellx1000\cellx2000\pard\intbl Name\cell Vote\cell\row
\trowd\cellx1000\cellx2000\pard\intbl Ana\cell yes\cell\row
\pard After{\footnote\pard The note.}.\par
{\pict\pngblip 89504e47}{\object\bin4 {}}x}Tail\par}";
        let got = read(rtf);
        assert_eq!(got.text, "Votes\n\nName\tVote\nAna\tyes\n\nAfter.\n\nTail\n\nThe note.\n");
    }

    #[test]
    fn hostile_input_ends() {
        // Unbalanced and deep groups, a huge \bin, a cut escape.
        let mut deep = b"{\\rtf1 ".to_vec();
        deep.extend(std::iter::repeat_n(b'{', 100_000));
        deep.extend(b"deep text\\bin999999999999 \\'");
        let got = read(&deep);
        assert_eq!(got.text, "deep text\n");
    }
}
