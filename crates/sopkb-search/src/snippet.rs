//! Snippets: the window of a stored text holding the most query terms,
//! HTML-escaped (`escape::html_attr`: the snippet is a fragment whose
//! place the caller decides), matches wrapped in `<mark>`.

use crate::analyzer::Analyzer;
use crate::escape::push_html_attr;
use std::collections::BTreeSet;

/// Characters of text around the matches a snippet shows, about.
pub const SNIPPET_CHARS: usize = 180;

/// Byte ranges of `text` whose index-form tokens are in `terms`, merged.
pub fn matches(analyzer: &Analyzer, text: &str, terms: &BTreeSet<&str>) -> Vec<(usize, usize)> {
    // Only injected tokens (acronyms, expansions, citations) need the whole
    // index form; written words are matched without building tokens (a
    // warm query spent most of its snippet time building them).
    let mut spans: Vec<(usize, usize)> = if terms.iter().any(|t| analyzer.may_be_injected(t)) {
        analyzer
            .tokens(text)
            .into_iter()
            .filter(|t| terms.contains(t.text.as_str()))
            .map(|t| (t.offset_from, t.offset_to))
            .collect()
    } else {
        analyzer.written_spans(text, terms)
    };
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// An HTML snippet of `text` around the matches of `terms` (the start of the
/// text when nothing matches).
pub fn snippet(
    analyzer: &Analyzer,
    text: &str,
    terms: &BTreeSet<&str>,
    max_chars: usize,
) -> String {
    let spans = matches(analyzer, text, terms);
    let (start, end) = window(text, &spans, max_chars);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for &(a, b) in spans.iter().filter(|(a, b)| *a >= start && *b <= end) {
        push_html_attr(&mut out, &text[at..a]);
        out.push_str("<mark>");
        push_html_attr(&mut out, &text[a..b]);
        out.push_str("</mark>");
        at = b;
    }
    push_html_attr(&mut out, &text[at..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

/// The byte window `[start, end)`: from a little before the match that
/// starts the densest run of matches, cut at word boundaries, except where
/// a boundary would cut that match off (a word longer than the window, e.g.
/// a URL): then inside the word.
fn window(text: &str, spans: &[(usize, usize)], max_chars: usize) -> (usize, usize) {
    if text.chars().count() <= max_chars {
        return (0, text.len());
    }
    let best = spans
        .iter()
        .enumerate()
        .max_by_key(|&(i, &(a, _))| {
            let within = spans[i..]
                .iter()
                .take_while(|(_, b)| char_distance(text, a, *b) <= max_chars)
                .count();
            (within, std::cmp::Reverse(i))
        })
        .map(|(_, &span)| span);
    let (start, must_end) = match best {
        None => (0, 0),
        Some((a, b)) => {
            let before = back(text, a, max_chars / 5);
            match word_start(text, before) {
                s if s <= a => (s, b),
                _ => (before, b),
            }
        }
    };
    let cut = forward(text, start, max_chars);
    let end = match word_end(text, cut) {
        e if e > start && e >= must_end.min(cut) => e,
        _ => cut,
    };
    (start, end)
}

fn char_distance(text: &str, a: usize, b: usize) -> usize {
    text[a..b].chars().count()
}

/// The byte index `n` characters before `i` (or 0).
fn back(text: &str, i: usize, n: usize) -> usize {
    text[..i]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(j, _)| j)
}

/// The byte index `n` characters after `i` (or the end).
fn forward(text: &str, i: usize, n: usize) -> usize {
    text[i..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(j, _)| i + j)
}

/// Moves `i` forward to the start of a word (unless at 0).
fn word_start(text: &str, i: usize) -> usize {
    if i == 0 {
        return 0;
    }
    match text[i..].find(char::is_whitespace) {
        Some(j) => {
            let k = i + j;
            k + text[k..].len() - text[k..].trim_start().len()
        }
        None => i,
    }
}

/// Moves `i` back to the end of a word (unless at the end).
fn word_end(text: &str, i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    text[..i].rfind(char::is_whitespace).map_or(i, |j| j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synonyms::Synonyms;

    fn snip(text: &str, terms: &[&str], max: usize) -> String {
        let a = Analyzer::new(&Synonyms::builtin());
        snippet(&a, text, &terms.iter().copied().collect(), max)
    }

    #[test]
    fn marks_matches_of_stemmed_and_split_terms() {
        assert_eq!(
            snip(
                "Naskah yang telah ditandatangani <Para Pihak>",
                &["tanda"],
                200
            ),
            "Naskah yang telah <mark>ditandatangani</mark> &lt;Para Pihak&gt;"
        );
    }

    #[test]
    fn marks_the_acronym_for_its_expansion_and_back() {
        assert_eq!(
            snip("Naskah PKS", &["janji"], 200),
            "Naskah <mark>PKS</mark>"
        );
        assert_eq!(
            snip("Rancangan Perjanjian Kerja Sama", &["pks"], 200),
            "Rancangan <mark>Perjanjian Kerja Sama</mark>"
        );
    }

    #[test]
    fn cuts_a_long_text_around_the_matches() {
        let text = format!(
            "{} Legal Drafting oleh Bagian Hukum {}",
            "awal ".repeat(60),
            "akhir ".repeat(60)
        );
        let s = snip(&text, &["legal", "drafting"], 60);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(
            s.contains("<mark>Legal</mark> <mark>Drafting</mark>"),
            "{s}"
        );
        assert!(s.chars().count() < 90, "{s}");
    }

    /// Words longer than the window (URLs) around a match: the window keeps
    /// the match, cutting inside the long word (a word boundary there used
    /// to end the window before its start: a panic).
    #[test]
    fn a_match_next_to_a_word_longer_than_the_window_stays_in_it() {
        let long = |before: &str| {
            format!(
                "{}{before}legal-{} akhir",
                "awal ".repeat(60),
                "y".repeat(300)
            )
        };
        for text in [
            long(""),
            long(&format!("{} ", "x".repeat(50))),
            long(&format!("{}-", "x".repeat(100))),
        ] {
            let s = snip(&text, &["legal"], 180);
            assert!(s.contains("<mark>legal</mark>-yyy"), "{s}");
            assert!(s.ends_with("y…"), "{s}");
            let shown = s.replace("<mark>", "").replace("</mark>", "");
            assert!(shown.chars().count() <= 180 + 2, "{s}");
        }
    }

    #[test]
    fn without_matches_shows_the_start() {
        let text = "kata ".repeat(100);
        let s = snip(&text, &["tidakada"], 40);
        assert!(s.starts_with("kata kata") && s.ends_with('…'));
        assert!(!s.contains("<mark>"));
    }
}
