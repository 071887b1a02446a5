//! Language identification of clean text (whatlang), as ISO 639-1.

/// The ISO 639-1 code of `text`'s language, or `None` when the text is too
/// short or the guess unreliable. Only the first few kilobytes are looked
/// at: language does not change mid-article, and the cost stays flat.
pub fn identify(text: &str) -> Option<String> {
    const SAMPLE: usize = 4096;
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.split_whitespace().count() < 3 {
        return None;
    }
    let info = whatlang::detect(sample)?;
    // whatlang calls few short texts "reliable"; a clear lead is enough.
    if !info.is_reliable() && info.confidence() < 0.1 {
        return None;
    }
    iso639_1(info.lang()).map(str::to_string)
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
    use super::identify;

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
    fn too_short_is_unknown() {
        assert_eq!(identify("Osh"), None);
        assert_eq!(identify(""), None);
    }
}
