//! ISO 3166 country codes, for exports whose formats want them (the
//! FollowTheMoney `country` type takes lower-case alpha-2 codes, while the
//! knowledge base speaks alpha-3 `KGZ`). The table is GeoNames' (CC BY 4.0),
//! built by `dossier build countries` into `data/countries.tsv`.

use std::collections::HashMap;
use std::sync::OnceLock;

/// `alpha2 TAB alpha3 TAB name` lines, `#` comments.
const TABLE: &str = include_str!("../data/countries.tsv");

/// Lower-cased alpha-2, alpha-3 and English name → alpha-2.
fn index() -> &'static HashMap<String, &'static str> {
    static INDEX: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m = HashMap::new();
        for line in TABLE.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let mut f = line.split('\t');
            let (Some(a2), Some(a3), Some(name)) = (f.next(), f.next(), f.next()) else { continue };
            for key in [a2, a3, name] {
                m.entry(key.to_lowercase()).or_insert(a2);
            }
        }
        m
    })
}

/// The ISO 3166-1 alpha-2 code (upper case) of a country given by its
/// alpha-2 or alpha-3 code or its English name; `None` when unknown.
pub fn alpha2(code_or_name: &str) -> Option<&'static str> {
    index().get(&code_or_name.trim().to_lowercase()).copied()
}

#[cfg(test)]
mod tests {
    use super::alpha2;

    #[test]
    fn codes_and_names_map_to_alpha2() {
        assert_eq!(alpha2("KGZ"), Some("KG"));
        assert_eq!(alpha2("kg"), Some("KG"));
        assert_eq!(alpha2("Kyrgyzstan"), Some("KG"));
        assert_eq!(alpha2("GBR"), Some("GB"));
        assert_eq!(alpha2("IGO"), None);
        assert_eq!(alpha2(""), None);
    }
}
