//! Deterministic corpora for the integration tests (the same words every
//! run, so sizes and hits are reproducible).

/// A deterministic pseudo-word: "ka-ri-mo" syllables from a counter.
pub fn word(mut n: u64) -> String {
    const S: [&str; 16] = [
        "ka", "ri", "mo", "su", "ta", "ne", "po", "la", "gi", "du", "wa", "se", "bo", "ni", "ju",
        "ho",
    ];
    let mut w = String::new();
    loop {
        w.push_str(S[(n % 16) as usize]);
        n /= 16;
        if n == 0 {
            return w;
        }
    }
}

/// Pseudo-random numbers from `seed` (a 64-bit linear congruential
/// generator, high bits): no dependency, the same sequence everywhere.
pub fn numbers(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 33
    }
}
