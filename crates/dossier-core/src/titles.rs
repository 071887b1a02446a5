//! Titles and roles written before a person's name (`Sen.`, `Mayor`,
//! `Datuk`), in one table for the three stages that read them:
//!
//! - the tagger (`dossier-nlp`, `ner/roles.rs`) keeps them out of a
//!   person's name (`Sen. Rand Paul` → `Rand Paul`);
//! - the quote stage (`dossier-nlp`, `TITLES` in `quotes/speaker.rs`)
//!   drops them when it compares speakers' names (`Senator Sanders` is
//!   `Sanders`) and skips them when it looks for the name after a title;
//! - the linker (`dossier-link`, `names.rs`) drops them from names and
//!   descriptions before it keys them (`President Japarov` is `Japarov`).
//!
//! Each row says which stages read the word. The lists grew apart before
//! they were joined here (the linker's in `dossier-link`, which does not
//! depend on `dossier-nlp`: so the table lives in this crate), and each
//! stage's behaviour is measured with its own list (5-fold CV of the
//! tagger, `eval quotes` of the speakers, `eval link`), so the rows keep
//! each stage's words exactly:
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
//! - **The linker** (`LINKER`) reads its own words: most titles both
//!   others read, and the words of a description that only it drops
//!   (`Foreign`, `Interim`, `Acting`, `Miss`, `Father`, `Major`), which
//!   the tagger must not take out of names (`Major League`).
//! - Words with the abbreviation's full stop (`dr.`, `sen.`) are rows of
//!   their own because the quote stage looks tokens up as the tokenizer
//!   cuts them; the tagger strips one final full stop before it looks a
//!   word up, so for it `Dr.` is `dr`; the linker looks up folded words,
//!   which have no full stop.
//!
//! Words that are also common first names (`Dean`, `Major`, `Christian`)
//! are in no row the tagger reads, nor is `Miss` (`Miss Universe`). Rows
//! are lower case and sorted (byte order), so that every stage can search
//! them by bisection; a test checks the order.

/// Read by the tagger (`ner/roles.rs`).
const NAMES: u8 = 1;
/// Read by the quote stage (`quotes/speaker.rs`).
const SPEAKERS: u8 = 2;
/// Read by the linker (`dossier-link`, `names::is_title`).
const LINKER: u8 = 4;
/// Read by the tagger and the quote stage.
const BOTH: u8 = NAMES | SPEAKERS;
/// Read by all three.
const ALL: u8 = NAMES | SPEAKERS | LINKER;

/// Every title, lower case, with the stages that read it.
const TITLES: &[(&str, u8)] = &[
    ("acting", LINKER),
    ("adm", SPEAKERS | LINKER),
    ("adm.", SPEAKERS),
    ("admiral", NAMES | LINKER),
    ("alhaji", SPEAKERS),
    ("amb.", SPEAKERS),
    ("ambassador", ALL),
    ("archbishop", BOTH),
    ("bishop", ALL),
    ("brig", SPEAKERS),
    ("brig.", SPEAKERS),
    ("candidate", SPEAKERS),
    ("capt", ALL),
    ("capt.", SPEAKERS),
    ("captain", ALL),
    ("cardinal", NAMES | LINKER),
    ("chairman", ALL),
    ("chairwoman", NAMES | LINKER),
    ("chancellor", NAMES | LINKER),
    ("chief", NAMES | LINKER),
    ("cllr", BOTH),
    ("cmdr", SPEAKERS),
    ("cmdr.", SPEAKERS),
    ("col", ALL),
    ("col.", SPEAKERS),
    ("colonel", ALL),
    ("commander", NAMES | LINKER),
    ("commissioner", NAMES | LINKER),
    ("congressman", NAMES),
    ("congresswoman", NAMES),
    ("corporal", SPEAKERS),
    ("coun", BOTH),
    ("councillor", BOTH),
    ("cpl", SPEAKERS),
    ("cpl.", SPEAKERS),
    ("dame", ALL),
    ("datin", SPEAKERS),
    ("dato", SPEAKERS),
    ("datuk", SPEAKERS),
    ("dc", SPEAKERS),
    ("defence", LINKER),
    ("defense", LINKER),
    ("deputy", NAMES | LINKER),
    ("det", BOTH),
    ("det.", SPEAKERS),
    ("detective", NAMES),
    ("di", SPEAKERS),
    ("director", NAMES),
    ("dr", ALL),
    ("dr.", SPEAKERS),
    ("ds", SPEAKERS),
    ("emir", LINKER),
    ("engr", SPEAKERS),
    ("engr.", SPEAKERS),
    ("envoy", NAMES | LINKER),
    ("executive", NAMES),
    ("father", LINKER),
    ("foreign", LINKER),
    ("former", ALL),
    ("gen", ALL),
    ("gen.", SPEAKERS),
    ("general", SPEAKERS | LINKER),
    ("gov", ALL),
    ("gov.", SPEAKERS),
    ("governor", ALL),
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
    ("interim", LINKER),
    ("interior", LINKER),
    ("judge", ALL),
    ("justice", SPEAKERS | LINKER),
    ("king", ALL),
    ("lady", NAMES | LINKER),
    ("leader", SPEAKERS),
    ("lieutenant", BOTH),
    ("lord", ALL),
    ("lt", ALL),
    ("lt.", SPEAKERS),
    ("madam", BOTH),
    ("madame", BOTH),
    ("magistrate", SPEAKERS),
    ("maj", LINKER),
    ("maj.", SPEAKERS),
    ("major", LINKER),
    ("mayor", ALL),
    ("minister", ALL),
    ("miss", LINKER),
    ("mr", ALL),
    ("mr.", SPEAKERS),
    ("mrs", ALL),
    ("mrs.", SPEAKERS),
    ("ms", ALL),
    ("ms.", SPEAKERS),
    ("pc", SPEAKERS),
    ("pope", ALL),
    ("premier", NAMES | LINKER),
    ("president", ALL),
    ("prime", SPEAKERS | LINKER),
    ("prince", ALL),
    ("princess", NAMES | LINKER),
    ("prof", ALL),
    ("prof.", SPEAKERS),
    ("professor", ALL),
    ("pvt", SPEAKERS),
    ("pvt.", SPEAKERS),
    ("queen", ALL),
    ("rabbi", BOTH),
    ("rep", ALL),
    ("rep.", SPEAKERS),
    ("representative", BOTH),
    ("rev", ALL),
    ("rev.", SPEAKERS),
    ("reverend", ALL),
    ("secretary", ALL),
    ("sen", ALL),
    ("sen.", SPEAKERS),
    ("senator", ALL),
    ("sergeant", BOTH),
    ("sgt", ALL),
    ("sgt.", SPEAKERS),
    ("sheikh", ALL),
    ("sir", ALL),
    ("speaker", BOTH),
    ("special", LINKER),
    ("spokesman", NAMES | LINKER),
    ("spokesperson", NAMES),
    ("spokeswoman", NAMES | LINKER),
    ("superintendent", NAMES),
    ("supt", BOTH),
    ("supt.", SPEAKERS),
    ("tun", SPEAKERS),
    ("vice", SPEAKERS | LINKER),
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
pub const SPEAKER_TITLES: &[&str] = &words_of::<{ count(SPEAKERS) }>(SPEAKERS);

/// Whether the linker reads `folded` (lower case, no full stop) as a
/// title or a description word to drop before a name.
pub fn is_link_title(folded: &str) -> bool {
    reads(folded, LINKER)
}

/// Whether `stage` reads the row `lower`.
fn reads(lower: &str, stage: u8) -> bool {
    TITLES.binary_search_by(|(w, _)| w.cmp(&lower)).is_ok_and(|i| TITLES[i].1 & stage != 0)
}

/// Whether the tagger reads `lower` (lower case, without a final full
/// stop) as a title that stands before a person's name.
pub fn is_name_title(lower: &str) -> bool {
    reads(lower, NAMES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_sorted_unique_lower_case_and_read_by_a_stage() {
        assert!(TITLES.windows(2).all(|w| w[0].0 < w[1].0), "rows out of order or repeated");
        for (w, stage) in TITLES {
            assert_eq!(*w, w.to_lowercase(), "{w}");
            assert!(*stage & ALL != 0, "{w}");
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
        // The linker: shared titles, and description words only it drops.
        assert!(is_link_title("senator") && is_link_title("general") && is_link_title("foreign"));
        assert!(!is_name_title("foreign") && !SPEAKER_TITLES.contains(&"foreign"));
        assert!(!is_link_title("datuk") && !is_link_title("sen."));
    }
}
