//! Acronym synonyms (lower-case acronym -> its expansions), shipped in the
//! index manifest so the reader analyzes exactly as the writer did.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Lower-case acronym -> its expansions ("pks" -> ["perjanjian kerja sama"]);
/// an acronym with two meanings has two.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Synonyms(BTreeMap<String, Vec<String>>);

/// Acronyms of regional cooperation every site gets, whatever its glossary
/// (the glossary adds to and overrides these).
const BUILTIN: &[(&str, &str)] = &[
    ("kak", "kerangka acuan kerja"),
    ("kb", "kesepakatan bersama"),
    ("ksd", "kerja sama daerah"),
    ("ksdd", "kerja sama daerah dengan daerah lain"),
    ("ksdpk", "kerja sama daerah dengan pihak ketiga"),
    ("nk", "nota kesepakatan"),
    ("opd", "organisasi perangkat daerah"),
    ("pks", "perjanjian kerja sama"),
    ("rk", "rencana kerja"),
    ("tkksd", "tim koordinasi kerja sama daerah"),
];

impl Synonyms {
    pub fn new() -> Synonyms {
        Synonyms::default()
    }

    /// The built-in regional-cooperation acronyms.
    pub fn builtin() -> Synonyms {
        let mut s = Synonyms::new();
        for (a, e) in BUILTIN {
            s.insert(a, e);
        }
        s
    }

    /// Adds an expansion of an acronym (once, compared case-insensitively);
    /// both sides are trimmed, the key lower-cased. Empty sides, and
    /// acronyms of more than one word ("SOP AP", "AD/ART"), are ignored.
    pub fn insert(&mut self, acronym: &str, expansion: &str) {
        let key = acronym.trim().to_lowercase();
        let value = expansion.trim();
        if key.is_empty() || value.is_empty() || !key.chars().all(char::is_alphanumeric) {
            return;
        }
        let list = self.0.entry(key).or_default();
        if !list.iter().any(|v| v.eq_ignore_ascii_case(value)) {
            list.push(value.to_owned());
        }
    }

    /// The expansions of a lower-case acronym (empty when unknown).
    pub fn get(&self, acronym_lower: &str) -> &[String] {
        self.0.get(acronym_lower).map_or(&[], Vec::as_slice)
    }

    pub fn contains(&self, acronym_lower: &str) -> bool {
        self.0.contains_key(acronym_lower)
    }

    /// Every (acronym, expansion) pair, sorted by acronym.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .flat_map(|(k, v)| v.iter().map(move |e| (k.as_str(), e.as_str())))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_lower_cased_and_trimmed() {
        let mut s = Synonyms::new();
        s.insert(" PKS ", " Perjanjian Kerja Sama ");
        s.insert("pks", "perjanjian kerja sama");
        s.insert("", "x");
        s.insert("a b", "x");
        s.insert("AD/ART", "x");
        assert_eq!(s.get("pks"), ["Perjanjian Kerja Sama"]);
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn an_acronym_may_have_two_meanings() {
        let mut s = Synonyms::new();
        s.insert("SK", "Surat Keputusan");
        s.insert("SK", "Sekretaris");
        assert_eq!(s.get("sk").len(), 2);
        assert_eq!(s.iter().count(), 2);
    }

    #[test]
    fn serializes_as_a_plain_sorted_object() {
        let mut s = Synonyms::new();
        s.insert("RK", "rencana kerja");
        s.insert("KB", "kesepakatan bersama");
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"kb":["kesepakatan bersama"],"rk":["rencana kerja"]}"#
        );
    }
}
