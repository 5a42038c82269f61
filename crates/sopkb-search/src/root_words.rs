//! Sastrawi's root-word dictionary, shipped front-coded instead of as the
//! crate's prebuilt FST: the same 29,932 words (`data/root-words.txt`), 60 KB
//! gzipped instead of 96 KB in the search module. Each line is one word in
//! byte order: a character `'0' + n` (n bytes shared with the previous
//! word) and the rest of the word. The FST is built from it once, on first
//! use. The test below checks the set equals `Dictionary::new()`'s, so the
//! stemmer behaves identically (the writer and the browser use this one).

use sastrawi::Dictionary;

const FRONT_CODED: &str = include_str!("../data/root-words.txt");

/// The words of `data/root-words.txt`, in order.
fn words() -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(30_000);
    let mut prev = String::new();
    for line in FRONT_CODED.lines() {
        let mut chars = line.chars();
        let shared = chars
            .next()
            .map_or(0, |c| (c as usize).saturating_sub('0' as usize));
        let mut word = prev.get(..shared).unwrap_or(&prev).to_owned();
        word.push_str(chars.as_str());
        out.push(word.clone());
        prev = word;
    }
    out
}

/// The stemmer's root-word dictionary.
pub(crate) fn dictionary() -> Dictionary {
    let words = words();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    Dictionary::custom(&refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_words_as_sastrawi_builtin_dictionary() {
        let words = words();
        let builtin = Dictionary::new();
        assert!(
            words.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        assert_eq!(words.len(), builtin.length());
        for w in &words {
            assert!(builtin.find(w), "{w} is not in Sastrawi's dictionary");
        }
        assert_eq!(dictionary().length(), builtin.length());
    }
}
