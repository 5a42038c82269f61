//! "Did you mean": the known ids closest to an unknown one, for the help of
//! a reference error. Likeness is Jaro-Winkler (strsim, as clap ranks its
//! own suggestions), so `pp-28-2081` offers `pp-28-2018` first instead of
//! the alphabetically first dozen ids.
//!
//! Ranking reads every known id, once per error. Thousands of errors
//! against thousands of ids would be quadratic, so each validation pass
//! ranks a bounded number of times and small sets only; past that the help
//! falls back to the plain alphabetical [`super::listing`].

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Rankings per validation pass and thread (errors beyond get the plain
/// listing).
const RANKED_PER_PASS: usize = 200;
/// Known sets larger than this are listed, not ranked.
const MAX_RANKED_SET: usize = 2_000;
/// Below this likeness an id is listed but not offered as "did you mean".
const CLOSE_ENOUGH: f64 = 0.85;

/// The current validation pass; a thread's budget restarts when it changes.
static PASS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static BUDGET: Cell<Budget> = const { Cell::new(Budget { pass: 0, left: RANKED_PER_PASS }) };
}

/// Starts a new validation pass (every thread's budget restarts): called
/// once at the start of each validation.
pub(crate) fn new_pass() {
    PASS.fetch_add(1, Ordering::Relaxed);
}

/// Rankings left to one thread in one pass.
#[derive(Clone, Copy, Debug)]
struct Budget {
    pass: usize,
    left: usize,
}

impl Budget {
    /// Takes one ranking in `pass`, if any is left.
    fn take(&mut self, pass: usize) -> bool {
        if self.pass != pass {
            *self = Budget {
                pass,
                left: RANKED_PER_PASS,
            };
        }
        let ok = self.left > 0;
        self.left = self.left.saturating_sub(1);
        ok
    }
}

fn may_rank() -> bool {
    let pass = PASS.load(Ordering::Relaxed);
    BUDGET.with(|cell| {
        let mut budget = cell.get();
        let ok = budget.take(pass);
        cell.set(budget);
        ok
    })
}

/// What to suggest for an unknown id.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Suggestion {
    /// The one id it most likely meant, when one is close.
    pub(crate) closest: Option<String>,
    /// Up to `max` known ids, the likeliest first, then "… (N)".
    pub(crate) listing: String,
}

/// Suggestions for `wanted` among `known` (at most `max` listed).
pub(crate) fn suggest<'a>(
    wanted: &str,
    known: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Suggestion {
    let known: Vec<&str> = known.into_iter().collect();
    if known.len() > MAX_RANKED_SET || !may_rank() {
        return Suggestion {
            closest: None,
            listing: super::listing(known.iter().copied(), max),
        };
    }
    let wanted = wanted.trim().to_lowercase();
    let mut scored: Vec<(f64, &str)> = known
        .iter()
        .map(|k| (likeness(&wanted, &k.to_lowercase()), *k))
        .collect();
    // Likeliest first; equal scores alphabetically, so output is stable.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let closest = scored
        .first()
        .filter(|(score, _)| *score >= CLOSE_ENOUGH)
        .map(|(_, k)| (*k).to_owned());
    Suggestion {
        closest,
        listing: super::listing(scored.iter().map(|(_, k)| *k), max),
    }
}

impl Suggestion {
    /// The label under an unknown id: "maksudnya `x`?" when one is close,
    /// else `otherwise`.
    pub(crate) fn label(&self, otherwise: super::Text) -> super::Text {
        match &self.closest {
            Some(id) => crate::tr!("maksudnya `{}`?", "did you mean `{}`?", id),
            None => otherwise,
        }
    }
}

/// 0..=1: Jaro-Winkler, raised when one contains the other (`pp-28` for
/// `pp-28-2018`, an id written without its year).
fn likeness(a: &str, b: &str) -> f64 {
    let jw = strsim::jaro_winkler(a, b);
    if a.len() >= 3 && b.len() >= 3 && (a.contains(b) || b.contains(a)) {
        jw.max(0.9)
    } else {
        jw
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEGAL: [&str; 14] = [
        "kepwal-kota-yogyakarta-390-2021",
        "perbup-paser-72-2017",
        "perda-kota-tangerang-7-2020",
        "perda-kota-tangerang-8-2016",
        "perda-kota-yogyakarta-12-2009",
        "permendagri-22-2009",
        "permendagri-22-2020",
        "permenpan-rb-35-2012",
        "perppu-2-2022",
        "perwal-kota-tangerang-33-2014",
        "pp-28-2018",
        "pp-50-2007",
        "uu-23-2014",
        "uu-9-2015",
    ];

    #[test]
    fn a_typo_offers_the_id_it_meant_first() {
        let s = suggest("pp-28-2081", LEGAL, 3);
        assert_eq!(s.closest.as_deref(), Some("pp-28-2018"));
        assert!(s.listing.starts_with("pp-28-2018, "), "{}", s.listing);
        assert!(s.listing.ends_with(", … (14)"), "{}", s.listing);
        let s = suggest("Permendagri-22-2020", LEGAL, 3);
        assert_eq!(s.closest.as_deref(), Some("permendagri-22-2020"));
        let s = suggest("pp-28", LEGAL, 3);
        assert_eq!(s.closest.as_deref(), Some("pp-28-2018"));
    }

    #[test]
    fn nothing_close_lists_without_a_guess() {
        let s = suggest("anggaran", LEGAL, 20);
        assert_eq!(s.closest, None);
        assert_eq!(s.listing.split(", ").count(), LEGAL.len());
        assert_eq!(suggest("x", [], 3).listing, "");
    }

    #[test]
    fn a_pass_ranks_a_bounded_number_of_times_then_lists() {
        let mut budget = Budget { pass: 7, left: 0 };
        assert!(!budget.take(7), "spent in pass 7");
        assert!(budget.take(8), "a new pass restarts it");
        for _ in 1..RANKED_PER_PASS {
            assert!(budget.take(8));
        }
        assert!(!budget.take(8));
    }

    #[test]
    fn a_large_set_is_listed_alphabetically() {
        let ids: Vec<String> = (0..=MAX_RANKED_SET).map(|i| format!("id-{i:05}")).collect();
        let s = suggest("id-00077x", ids.iter().map(String::as_str), 2);
        assert_eq!(s.closest, None);
        assert!(
            s.listing.starts_with("id-00000, id-00001, …"),
            "{}",
            s.listing
        );
    }
}
