//! Titles and roles written before a person's name (`Sen.`, `Mayor`,
//! `Datuk`), in one table for the two stages that read them:
//!
//! - the tagger ([`crate::ner`], `ner/roles.rs`) keeps them out of a
//!   person's name (`Sen. Rand Paul` → `Rand Paul`);
//! - the quote stage ([`crate::quotes`], `TITLES` in `quotes/speaker.rs`)
//!   drops them when it compares speakers' names (`Senator Sanders` is
//!   `Sanders`) and skips them when it looks for the name after a title.
//!
//! Each row says which stage reads the word. The two lists grew apart
//! before they were joined here, and each stage's behaviour is measured
//! with its own list (5-fold CV of the tagger, `eval quotes` of the
//! speakers), so the rows keep each stage's words exactly:
//!
//! - **Only the tagger** (`NAMES`): titles and role nouns the quote
//!   stage never needed for matching speakers (`Admiral`, `Cardinal`,
//!   `Chief`, `Deputy`, `Director`, `Executive`, `Spokeswoman`, …).
//! - **Only the quote stage** (`SPEAKERS`): military and police short
//!   forms (`Brig`, `Cpl`, `DS`, `PC`), the honorifics of Malaysia and
//!   Nigeria (`Datuk`, `Tun`, `Alhaji`, `Engr.`), and words that also open the
//!   names of organisations (`General Motors`, `Justice Department`, `Vice
//!   News`) or begin titles of two words (`Prime Minister`, `Vice
//!   President`). The tagger, which would take them out of names, was
//!   never measured with them.
//! - Words with the abbreviation's full stop (`dr.`, `sen.`) are rows of
//!   their own because the quote stage looks tokens up as the tokenizer
//!   cuts them; the tagger strips one final full stop before it looks a
//!   word up, so for it `Dr.` is `dr`.
//!
//! The linker keeps a third list of its own (`is_title` in
//! `crates/dossier-link/src/names.rs`, a crate that does not depend on
//! this one), for the titles it drops from names and descriptions; it is
//! not joined here yet.
//!
//! Words that are also common first names (`Dean`, `Major`, `Christian`)
//! are in no row, nor is `Miss` (`Miss Universe`). Rows are lower case
//! and sorted (byte order), so that both stages can search them by
//! bisection; a test checks the order.

/// Read by the tagger (`ner/roles.rs`).
const NAMES: u8 = 1;
/// Read by the quote stage (`quotes/speaker.rs`).
const SPEAKERS: u8 = 2;
/// Read by both.
const BOTH: u8 = NAMES | SPEAKERS;

/// Every title, lower case, with the stages that read it.
const TITLES: &[(&str, u8)] = &[
    ("adm", SPEAKERS),
    ("adm.", SPEAKERS),
    ("admiral", NAMES),
    ("alhaji", SPEAKERS),
    ("amb.", SPEAKERS),
    ("ambassador", BOTH),
    ("archbishop", BOTH),
    ("bishop", BOTH),
    ("brig", SPEAKERS),
    ("brig.", SPEAKERS),
    ("candidate", SPEAKERS),
    ("capt", BOTH),
    ("capt.", SPEAKERS),
    ("captain", BOTH),
    ("cardinal", NAMES),
    ("chairman", BOTH),
    ("chairwoman", NAMES),
    ("chancellor", NAMES),
    ("chief", NAMES),
    ("cllr", BOTH),
    ("cmdr", SPEAKERS),
    ("cmdr.", SPEAKERS),
    ("col", BOTH),
    ("col.", SPEAKERS),
    ("colonel", BOTH),
    ("commander", NAMES),
    ("commissioner", NAMES),
    ("congressman", NAMES),
    ("congresswoman", NAMES),
    ("corporal", SPEAKERS),
    ("coun", BOTH),
    ("councillor", BOTH),
    ("cpl", SPEAKERS),
    ("cpl.", SPEAKERS),
    ("dame", BOTH),
    ("datin", SPEAKERS),
    ("dato", SPEAKERS),
    ("datuk", SPEAKERS),
    ("dc", SPEAKERS),
    ("deputy", NAMES),
    ("det", BOTH),
    ("det.", SPEAKERS),
    ("detective", NAMES),
    ("di", SPEAKERS),
    ("director", NAMES),
    ("dr", BOTH),
    ("dr.", SPEAKERS),
    ("ds", SPEAKERS),
    ("engr", SPEAKERS),
    ("engr.", SPEAKERS),
    ("envoy", NAMES),
    ("executive", NAMES),
    ("former", BOTH),
    ("gen", BOTH),
    ("gen.", SPEAKERS),
    ("general", SPEAKERS),
    ("gov", BOTH),
    ("gov.", SPEAKERS),
    ("governor", BOTH),
    ("haji", SPEAKERS),
    ("hajia", SPEAKERS),
    ("hon", BOTH),
    ("hon.", SPEAKERS),
    ("honourable", BOTH),
    ("imam", BOTH),
    ("ing.", SPEAKERS),
    ("insp", SPEAKERS),
    ("insp.", SPEAKERS),
    ("inspector", NAMES),
    ("judge", BOTH),
    ("justice", SPEAKERS),
    ("king", BOTH),
    ("lady", NAMES),
    ("leader", SPEAKERS),
    ("lieutenant", BOTH),
    ("lord", BOTH),
    ("lt", BOTH),
    ("lt.", SPEAKERS),
    ("madam", BOTH),
    ("madame", BOTH),
    ("maj.", SPEAKERS),
    ("mayor", BOTH),
    ("minister", BOTH),
    ("mr", BOTH),
    ("mr.", SPEAKERS),
    ("mrs", BOTH),
    ("mrs.", SPEAKERS),
    ("ms", BOTH),
    ("ms.", SPEAKERS),
    ("pc", SPEAKERS),
    ("pope", BOTH),
    ("premier", NAMES),
    ("president", BOTH),
    ("prime", SPEAKERS),
    ("prince", BOTH),
    ("princess", NAMES),
    ("prof", BOTH),
    ("prof.", SPEAKERS),
    ("professor", BOTH),
    ("pvt", SPEAKERS),
    ("pvt.", SPEAKERS),
    ("queen", BOTH),
    ("rabbi", BOTH),
    ("rep", BOTH),
    ("rep.", SPEAKERS),
    ("representative", BOTH),
    ("rev", BOTH),
    ("rev.", SPEAKERS),
    ("reverend", BOTH),
    ("secretary", BOTH),
    ("sen", BOTH),
    ("sen.", SPEAKERS),
    ("senator", BOTH),
    ("sergeant", BOTH),
    ("sgt", BOTH),
    ("sgt.", SPEAKERS),
    ("sheikh", BOTH),
    ("sir", BOTH),
    ("speaker", BOTH),
    ("spokesman", NAMES),
    ("spokesperson", NAMES),
    ("spokeswoman", NAMES),
    ("superintendent", NAMES),
    ("supt", BOTH),
    ("supt.", SPEAKERS),
    ("tun", SPEAKERS),
    ("vice", SPEAKERS),
];

/// How many rows `stage` reads.
const fn count(stage: u8) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < TITLES.len() {
        if TITLES[i].1 & stage != 0 {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The words `stage` reads, in the table's (sorted) order.
const fn words_of<const N: usize>(stage: u8) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut j) = (0, 0);
    while i < TITLES.len() {
        if TITLES[i].1 & stage != 0 {
            out[j] = TITLES[i].0;
            j += 1;
        }
        i += 1;
    }
    out
}

/// The quote stage's titles: a sorted word list, searched by bisection
/// (`quotes::cues::in_list`).
pub(crate) const SPEAKER_TITLES: &[&str] = &words_of::<{ count(SPEAKERS) }>(SPEAKERS);

/// Whether the tagger reads `lower` (lower case, without a final full
/// stop) as a title that stands before a person's name.
pub fn is_name_title(lower: &str) -> bool {
    TITLES.binary_search_by(|(w, _)| w.cmp(&lower)).is_ok_and(|i| TITLES[i].1 & NAMES != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_sorted_unique_lower_case_and_read_by_a_stage() {
        assert!(TITLES.windows(2).all(|w| w[0].0 < w[1].0), "rows out of order or repeated");
        for (w, stage) in TITLES {
            assert_eq!(*w, w.to_lowercase(), "{w}");
            assert!(*stage & BOTH != 0, "{w}");
        }
        assert!(SPEAKER_TITLES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn each_stage_reads_its_own_rows() {
        // Both stages.
        assert!(is_name_title("senator") && SPEAKER_TITLES.contains(&"senator"));
        // The tagger only.
        assert!(is_name_title("spokeswoman") && !SPEAKER_TITLES.contains(&"spokeswoman"));
        // The quote stage only, and its dotted forms.
        assert!(!is_name_title("general") && SPEAKER_TITLES.contains(&"general"));
        assert!(!is_name_title("sen.") && SPEAKER_TITLES.contains(&"sen."));
        assert!(!is_name_title("surgeon") && !SPEAKER_TITLES.contains(&"surgeon"));
    }
}
