//! Typo tolerance: a query word of at least `MIN_LETTERS` letters that the
//! stemmer's dictionary does not know ("kelayakn", "pemerintahn") gets, as
//! alternatives, the analyzed terms of the known words one edit away
//! (deletion, insertion, substitution, or swap of two neighbours:
//! "kelayakan" -> `layak`). The reader scores them well below exact
//! matches. Only the dictionary is read (no index I/O, no automaton over
//! the term dictionary), so it costs the browser no fetch.

use crate::analyzer::{is_known_word, Analyzer};

/// Shorter words are mostly acronyms and names; an edit of them is another word.
const MIN_LETTERS: usize = 5;
/// Known words kept per typo.
const MAX_CORRECTIONS: usize = 3;

/// The terms of the known words one edit from `word` (as typed), or
/// nothing when the word is known, short, or not plain lower-case letters.
/// Edits are tried by kind, most likely slip first (a letter left out, two
/// letters swapped, one too many, one wrong); the first kind that gives a
/// known word is kept.
pub(crate) fn alternatives(analyzer: &Analyzer, word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    if lower.len() < MIN_LETTERS
        || !lower.bytes().all(|b| b.is_ascii_lowercase())
        || analyzer.synonyms().contains(&lower)
        || is_known_word(&lower)
    {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for kind in [Edit::Insert, Edit::Swap, Edit::Delete, Edit::Replace] {
        let known = edits(&lower, kind)
            .into_iter()
            .filter(|c| is_known_word(c))
            .take(MAX_CORRECTIONS);
        for candidate in known {
            for t in analyzer.query_tokens(&candidate) {
                if !out.contains(&t.text) {
                    out.push(t.text);
                }
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Edit {
    Insert,
    Swap,
    Delete,
    Replace,
}

/// The words one edit of `kind` from `w` (ASCII lower case), each once.
fn edits(w: &str, kind: Edit) -> Vec<String> {
    let b = w.as_bytes();
    let n = b.len();
    let mut out: Vec<Vec<u8>> = Vec::new();
    match kind {
        Edit::Insert => {
            for i in 0..=n {
                for c in b'a'..=b'z' {
                    let mut v = b.to_vec();
                    v.insert(i, c);
                    out.push(v);
                }
            }
        }
        Edit::Swap => {
            for i in 0..n.saturating_sub(1) {
                let mut v = b.to_vec();
                v.swap(i, i + 1);
                out.push(v);
            }
        }
        Edit::Delete => {
            for i in 0..n {
                let mut v = b.to_vec();
                v.remove(i);
                out.push(v);
            }
        }
        Edit::Replace => {
            for i in 0..n {
                for c in (b'a'..=b'z').filter(|&c| c != b[i]) {
                    let mut v = b.to_vec();
                    v[i] = c;
                    out.push(v);
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.into_iter()
        .filter_map(|v| String::from_utf8(v).ok())
        .filter(|s| s != w && seen.insert(s.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synonyms::Synonyms;

    fn alt(w: &str) -> Vec<String> {
        alternatives(&Analyzer::new(&Synonyms::builtin()), w)
    }

    #[test]
    fn one_slip_finds_the_word() {
        assert!(alt("kelayakn").contains(&"layak".to_owned()));
        assert!(alt("kelayaakn").contains(&"layak".to_owned()));
        assert!(alt("kerjsama").contains(&"kerja".to_owned()));
    }

    #[test]
    fn known_short_and_odd_words_are_left_alone() {
        assert!(alt("kelayakan").is_empty());
        assert!(alt("rapat").is_empty());
        assert!(alt("dokmn").is_empty() || alt("dokmn").len() <= 6);
        assert!(alt("tkksd").is_empty());
        assert!(alt("kksd").is_empty());
        assert!(alt("2018a").is_empty());
    }
}
