//! Embeds the diagnostic catalogue for `sopkb explain`: every
//! `docs/codes/<CODE>.md` becomes one `(code, include_str!(..))` item of a
//! list in `OUT_DIR/catalogue.rs` (src/diag/catalogue.rs includes it). A
//! generated list, not a hand-kept one: adding a code's file is enough, and
//! the code strings stay out of `src/` (where tests/catalogue.rs looks for
//! the codes sopkb emits).

use std::path::Path;

fn main() {
    // A folder here makes cargo rerun this script when any file in it is
    // added, removed or changed.
    println!("cargo:rerun-if-changed=docs/codes");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("docs").join("codes");
    let mut codes: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("docs/codes entry").file_name())
        .filter_map(|n| n.to_str()?.strip_suffix(".md").map(str::to_owned))
        .filter(|c| is_code(c))
        .collect();
    codes.sort();
    let mut list = String::from("&[\n");
    for code in &codes {
        let path = dir.join(format!("{code}.md"));
        let path = path.to_str().expect("UTF-8 path of docs/codes");
        // `{:?}` of a str is a valid Rust string literal (quotes, escapes).
        list.push_str(&format!("    ({code:?}, include_str!({path:?})),\n"));
    }
    list.push_str("]\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalogue.rs");
    std::fs::write(&out, list).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// `SOP004`, `THEME001`: 2–6 capitals then 3 digits (the README and other
/// files of the folder are not entries).
fn is_code(name: &str) -> bool {
    let letters = name.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = &name.as_bytes()[letters..];
    (2..=6).contains(&letters) && digits.len() == 3 && digits.iter().all(u8::is_ascii_digit)
}
