//! Language identification of clean text (whatlang), as ISO 639-1.

/// The ISO 639-1 code of `text`'s language, or `None` when the text is too
/// short or the guess unreliable. Only the first kilobyte is looked
/// at: language does not change mid-article, and the cost stays flat.
pub fn identify(text: &str) -> Option<String> {
    const SAMPLE: usize = 1024;
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.split_whitespace().count() < 3 {
        return None;
    }
    if is_clearly_english(sample) {
        return Some("en".to_string());
    }
    let info = whatlang::detect(sample)?;
    // whatlang calls few short texts "reliable"; a clear lead is enough.
    if !info.is_reliable() && info.confidence() < 0.1 {
        return None;
    }
    iso639_1(info.lang()).map(str::to_string)
}

/// English function words; in English prose they make up a third or more
/// of the words, in other languages (even those sharing a few, like "a" or
/// "in") far less.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "was", "on", "with", "as", "he", "be",
    "by", "at", "said", "his", "are", "from", "this", "have", "has", "not", "but", "an", "they", "were",
    "which", "would", "had", "will", "their", "been", "who", "its", "or", "we",
];

/// A cheap first test that settles most inputs (English news) without the
/// full trigram model: at least 50 words, a quarter of them English function
/// words, and nothing but Latin letters.
fn is_clearly_english(sample: &str) -> bool {
    let (mut words, mut function) = (0usize, 0usize);
    for w in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        if !w.is_ascii() && w.chars().any(|c| !c.is_ascii() && !matches!(c, 'à'..='ÿ' | 'À'..='Þ')) {
            return false;
        }
        words += 1;
        if w.len() <= 5 && ENGLISH_FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            function += 1;
        }
    }
    words >= 50 && function * 4 >= words
}

fn iso639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Epo => "eo",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::{identify, is_clearly_english};

    #[test]
    fn identifies_english_and_russian() {
        assert_eq!(
            identify("The commission chief said the investigation would last throughout September.")
                .as_deref(),
            Some("en")
        );
        // Language is identified per document; a short paragraph is the least it gets.
        let ru = "Президент Киргизии Роза Отунбаева заявила, что международное расследование событий в Оше \
                  продлится до конца сентября. По её словам, доклад комиссии будет готов в декабре, \
                  однако его не опубликуют до парламентских выборов.";
        assert_eq!(identify(ru).as_deref(), Some("ru"));
    }

    #[test]
    fn english_fast_path_needs_strong_evidence() {
        let en = "The head of the international commission said on Monday that the investigation would last \
                  throughout September and that the report would be ready in December. He added that it was \
                  not meant to influence the elections, which are due in October, and that the commission \
                  would talk to all of the people who had been affected by the violence in the south.";
        assert!(is_clearly_english(en));
        let fr = "Le chef de la commission internationale a déclaré lundi que l'enquête durerait tout le mois \
                  de septembre et que le rapport serait prêt en décembre. Il a ajouté qu'il ne s'agissait pas \
                  d'influencer les élections, prévues en octobre, et que la commission parlerait à toutes les \
                  personnes touchées par les violences dans le sud du pays.";
        assert!(!is_clearly_english(fr));
        assert_eq!(identify(fr).as_deref(), Some("fr"));
        let de =
            "Der Leiter der internationalen Kommission sagte am Montag, dass die Untersuchung den ganzen \
                  September dauern werde und der Bericht im Dezember fertig sein solle. Er fügte hinzu, dass \
                  er die Wahlen im Oktober nicht beeinflussen solle und die Kommission mit allen Menschen \
                  sprechen werde, die von der Gewalt im Süden betroffen seien.";
        assert!(!is_clearly_english(de));
        assert_eq!(identify(de).as_deref(), Some("de"));
    }

    #[test]
    fn too_short_is_unknown() {
        assert_eq!(identify("Osh"), None);
        assert_eq!(identify(""), None);
    }
}
