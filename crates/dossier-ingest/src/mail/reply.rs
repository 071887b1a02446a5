//! Quoted replies, cut one way everywhere: what a message quotes was said
//! in an earlier message (its own document when the archive holds it), so
//! keeping it would attribute the earlier writer's words twice, the second
//! time to the wrong sender.
//!
//! Cut: every line that starts with `>` (after spaces); the attribution
//! line that introduces such a block (`On Tue, … Ana wrote:`, also over two
//! wrapped lines, and the German, French, Spanish and Russian forms); and
//! everything from an Outlook separator (`-----Original Message-----`, or a
//! line of underscores followed by a `From:` line) to the end. Forwarded
//! messages (`---------- Forwarded message ---------`) are kept: the sender
//! chose to pass them on. Runs of blank lines left behind are collapsed.

/// Ends of attribution lines, lower-cased.
const WROTE: &[&str] = &[
    "wrote:",
    "writes:",
    "schrieb:",
    "a écrit :",
    "a écrit:",
    "escribió:",
    "написал:",
    "написала:",
    "написал(а):",
];

/// `text` without its quoted replies.
pub fn cut_quoted(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let end = outlook_separator(&lines).unwrap_or(lines.len());
    let lines = &lines[..end];
    let mut keep = vec![true; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        if !is_quoted(line) {
            continue;
        }
        keep[i] = false;
        // The attribution just above the block (blank lines between allowed).
        if i > 0 && !is_quoted(lines[i - 1]) || i == 0 {
            let mut j = i;
            while j > 0 && lines[j - 1].trim().is_empty() {
                j -= 1;
            }
            if j > 0 && is_attribution(lines[j - 1]) {
                keep[j - 1] = false;
                if j > 1 && !lines[j - 2].trim().is_empty() && lines[j - 2].trim_start().starts_with("On ") {
                    keep[j - 2] = false;
                }
            } else if j > 1 && is_attribution(&format!("{} {}", lines[j - 2], lines[j - 1])) {
                keep[j - 1] = false;
                keep[j - 2] = false;
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for (line, kept) in lines.iter().zip(&keep) {
        if !kept {
            continue;
        }
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

fn is_attribution(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    WROTE.iter().any(|w| l.ends_with(w)) && l.len() < 400
}

/// The line where an Outlook-style quoted original starts.
fn outlook_separator(lines: &[&str]) -> Option<usize> {
    lines.iter().enumerate().position(|(i, line)| {
        let t = line.trim();
        let l = t.to_ascii_lowercase();
        (l.starts_with("-----") && l.contains("original message") && l.ends_with("-----"))
            || (t.len() >= 20
                && t.chars().all(|c| c == '_')
                && lines[i + 1..]
                    .iter()
                    .find(|l| !l.trim().is_empty())
                    .is_some_and(|l| l.trim_start().starts_with("From:")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_block_and_its_attribution_are_cut() {
        let text = "Yes, the shipment left Bishkek on Monday.\n\nOn Tue, 4 Mar 2008 at 10:22, Ana Lind <ana@example.org> wrote:\n> Did the shipment leave?\n> We need to know.\n\nBest,\nTomas\n";
        assert_eq!(cut_quoted(text), "Yes, the shipment left Bishkek on Monday.\n\nBest,\nTomas\n");
    }

    #[test]
    fn wrapped_attribution_is_cut() {
        let text = "Agreed.\n\nOn Tue, 4 Mar 2008 at 10:22, Ana Lind\n<ana@example.org> wrote:\n\n> Shall we meet?\n";
        assert_eq!(cut_quoted(text), "Agreed.\n");
    }

    #[test]
    fn outlook_original_is_cut_to_the_end() {
        let text = "See below.\n\n-----Original Message-----\nFrom: Ana Lind\nSent: Monday\n\nThe figures are wrong.\n";
        assert_eq!(cut_quoted(text), "See below.\n");
        let text = "See below.\n\n________________________________\nFrom: Ana Lind\nThe figures.\n";
        assert_eq!(cut_quoted(text), "See below.\n");
    }

    #[test]
    fn interleaved_answers_keep_their_own_lines() {
        let text = "> First question?\nFirst answer.\n> Second question?\nSecond answer.\n";
        assert_eq!(cut_quoted(text), "First answer.\nSecond answer.\n");
    }

    #[test]
    fn text_without_quotes_is_unchanged_and_forwards_are_kept() {
        let text = "The board met.\nIt wrote nothing down.\n";
        assert_eq!(cut_quoted(text), text);
        let fwd = "FYI\n\n---------- Forwarded message ---------\nFrom: Ana\n\nThe board met.\n";
        assert_eq!(cut_quoted(fwd), fwd);
    }
}
