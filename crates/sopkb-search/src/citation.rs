//! Legal citations as one term: "PP 28/2018", "PP No. 28 Tahun 2018",
//! "Peraturan Pemerintah Nomor 28 Tahun 2018" and "pp nomor 28 thn 2018"
//! all give `pp_28_2018`, at index time (injected beside the words) and at
//! query time (in place of the number and year). A citation with another
//! number or year is another term: numbers are not prefixes, and
//! "PP 28/2019" does not match PP 28/2018 as if equal. The `_` keeps the
//! term apart from any word (words are runs of letters and digits).

use tantivy::tokenizer::Token;

/// Kinds of regulation: the words that name one (lower case, as split into
/// words) -> the canonical short name. Longer names first.
const TYPES: &[(&[&str], &str)] = &[
    (
        &["peraturan", "pemerintah", "pengganti", "undang", "undang"],
        "perppu",
    ),
    (
        &[
            "peraturan",
            "menteri",
            "pendayagunaan",
            "aparatur",
            "negara",
            "dan",
            "reformasi",
            "birokrasi",
        ],
        "permenpanrb",
    ),
    (&["peraturan", "menteri", "dalam", "negeri"], "permendagri"),
    (&["peraturan", "pemerintah"], "pp"),
    (&["peraturan", "daerah"], "perda"),
    (&["peraturan", "bupati"], "perbup"),
    (&["peraturan", "wali", "kota"], "perwal"),
    (&["peraturan", "walikota"], "perwal"),
    (&["peraturan", "gubernur"], "pergub"),
    (&["peraturan", "presiden"], "perpres"),
    (&["keputusan", "wali", "kota"], "kepwal"),
    (&["keputusan", "walikota"], "kepwal"),
    (&["undang", "undang"], "uu"),
    (&["permenpan", "rb"], "permenpanrb"),
    (&["permenpan"], "permenpanrb"),
    (&["permendagri"], "permendagri"),
    (&["perppu"], "perppu"),
    (&["pp"], "pp"),
    (&["uu"], "uu"),
    (&["perda"], "perda"),
    (&["perbup"], "perbup"),
    (&["perwal"], "perwal"),
    (&["perwali"], "perwal"),
    (&["pergub"], "pergub"),
    (&["perpres"], "perpres"),
    (&["kepwal"], "kepwal"),
];

/// Words between the kind and the number that name a region ("Kota
/// Yogyakarta", "Kabupaten Paser"): at most this many.
const MAX_REGION_WORDS: usize = 3;

const NOMOR: &[&str] = &["no", "nomor", "nmr", "nomer"];
const TAHUN: &[&str] = &["tahun", "thn", "th"];

/// A citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Citation {
    /// Byte offsets of the whole citation (kind to year).
    pub(crate) from: usize,
    pub(crate) to: usize,
    /// Where its number part starts ("Nomor 28 Tahun 2018"): the words a
    /// query replaces by the term.
    pub(crate) number_from: usize,
    /// `pp_28_2018`.
    pub(crate) term: String,
}

/// The citations of `text`, in order.
pub(crate) fn find(text: &str) -> Vec<Citation> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let words: Vec<(usize, String)> = crate::normalise::words(text)
        .map(|(i, w)| (i, w.to_ascii_lowercase()))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match at(text, &words, i) {
            Some((c, next)) => {
                out.push(c);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// The citation starting at word `i`, and the word after it.
fn at(text: &str, words: &[(usize, String)], i: usize) -> Option<(Citation, usize)> {
    let w = |j: usize| words.get(j).map(|(_, s)| s.as_str());
    let (seq, short) = TYPES
        .iter()
        .find(|(seq, _)| seq.iter().enumerate().all(|(k, s)| w(i + k) == Some(s)))?;
    let mut j = i + seq.len();
    let region_end = (j + MAX_REGION_WORDS).min(words.len());
    while j < region_end && w(j).is_some_and(is_region_word) {
        j += 1;
    }
    let number_from = words.get(j)?.0;
    if w(j).is_some_and(|s| NOMOR.contains(&s)) {
        j += 1;
    }
    let number = w(j).filter(|s| s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))?;
    let number = number.trim_start_matches('0');
    let after_number = words[j].0 + words[j].1.len();
    j += 1;
    if w(j).is_some_and(|s| TAHUN.contains(&s)) {
        j += 1;
    } else {
        // "28/2018" or "28 2018": nothing else between number and year.
        let gap = text.get(after_number..words.get(j)?.0)?;
        if !gap.trim().is_empty() && gap.trim() != "/" {
            return None;
        }
    }
    let year = w(j).filter(|s| is_year(s))?;
    let to = words[j].0 + year.len();
    let term = format!("{short}_{number}_{year}");
    let from = words[i].0;
    Some((
        Citation {
            from,
            to,
            number_from,
            term,
        },
        j + 1,
    ))
}

fn is_region_word(s: &str) -> bool {
    !NOMOR.contains(&s) && !TAHUN.contains(&s) && s.chars().all(char::is_alphabetic)
}

fn is_year(s: &str) -> bool {
    s.len() == 4
        && (s.starts_with("19") || s.starts_with("20"))
        && s.bytes().all(|b| b.is_ascii_digit())
}

/// Index form: a token for each citation of `text`, at the position of
/// the first token of the citation, spanning it (for highlights). `toks`
/// stay sorted by position.
pub(crate) fn inject(text: &str, toks: &mut Vec<Token>) {
    let found = find(text);
    if found.is_empty() {
        return;
    }
    for c in found {
        let Some(first) = toks.iter().find(|t| t.offset_from >= c.from) else {
            continue;
        };
        toks.push(Token {
            offset_from: c.from,
            offset_to: c.to,
            position: first.position,
            text: c.term,
            position_length: 1,
        });
    }
    toks.sort_by_key(|t| t.position);
}

/// Query form: each citation's number part ("Nomor 28 Tahun 2018") is
/// replaced by its term; the kind's words stay terms.
pub(crate) fn replace(text: &str, toks: &mut Vec<Token>) {
    for c in find(text) {
        let Some(at) = toks.iter().position(|t| t.offset_from >= c.number_from) else {
            continue;
        };
        let position = toks[at].position;
        toks.retain(|t| t.offset_from < c.number_from || t.offset_from >= c.to);
        let at = toks.partition_point(|t| t.position < position);
        toks.insert(
            at,
            Token {
                offset_from: c.number_from,
                offset_to: c.to,
                position,
                text: c.term,
                position_length: 1,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        find(text).into_iter().map(|c| c.term).collect()
    }

    #[test]
    fn every_way_of_citing_gives_one_term() {
        for text in [
            "PP 28/2018",
            "PP No. 28 Tahun 2018",
            "Peraturan Pemerintah Nomor 28 Tahun 2018",
            "pp nomor 28 thn 2018",
            "pp 28 2018",
            "PP Nomor 028 Tahun 2018",
        ] {
            assert_eq!(terms(text), ["pp_28_2018"], "{text}");
        }
        assert_eq!(terms("Permendagri 22/2020"), ["permendagri_22_2020"]);
        assert_eq!(
            terms("Permendagri No 22 Tahun 2020"),
            ["permendagri_22_2020"]
        );
        assert_eq!(
            terms("Peraturan Menteri Dalam Negeri Nomor 22 Tahun 2020 tentang"),
            ["permendagri_22_2020"]
        );
        assert_eq!(terms("melaksanakan Pasal 369 UU 23/2014."), ["uu_23_2014"]);
        assert_eq!(terms("Undang-Undang Nomor 23 Tahun 2014"), ["uu_23_2014"]);
    }

    #[test]
    fn a_region_between_kind_and_number_is_skipped() {
        assert_eq!(
            terms("Peraturan Wali Kota Kota Yogyakarta Nomor 52 Tahun 2021"),
            ["perwal_52_2021"]
        );
        assert_eq!(terms("Perwal Kota Yogyakarta 52/2021"), ["perwal_52_2021"]);
        assert_eq!(terms("kepwal jogja 390/2021"), ["kepwal_390_2021"]);
    }

    #[test]
    fn other_numbers_and_years_are_other_terms() {
        assert_eq!(terms("PP 28/2019"), ["pp_28_2019"]);
        assert_eq!(terms("PP 2/2018"), ["pp_2_2018"]);
        assert_eq!(terms("PP 28"), Vec::<String>::new());
        assert_eq!(terms("uu cipta kerja 2020"), Vec::<String>::new());
        assert_eq!(terms("PP 28-2018 lampiran"), Vec::<String>::new());
    }

    #[test]
    fn two_citations_in_one_text() {
        let t = "Peraturan Daerah Kota Tangerang Nomor 7 Tahun 2020 tentang Perubahan atas Peraturan Daerah Nomor 8 Tahun 2016";
        assert_eq!(terms(t), ["perda_7_2020", "perda_8_2016"]);
        let c = &find("lihat PP No. 28 Tahun 2018 ya")[0];
        assert_eq!(
            &"lihat PP No. 28 Tahun 2018 ya"[c.from..c.to],
            "PP No. 28 Tahun 2018"
        );
        assert_eq!(
            &"lihat PP No. 28 Tahun 2018 ya"[c.number_from..c.to],
            "No. 28 Tahun 2018"
        );
    }
}
