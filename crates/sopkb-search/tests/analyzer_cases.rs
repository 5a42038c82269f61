//! The analyzer against `tests/data/analyzer-cases.json`: texts with their
//! expected index-form tokens `[term, position, from, to]` (built-in
//! synonyms). The WASM crate can run the same file under node to show the
//! module analyzes exactly like the native indexer.

use sopkb_search::{Analyzer, Synonyms};

#[test]
fn analyzer_gives_the_shared_expected_tokens() {
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("data/analyzer-cases.json")).unwrap();
    assert!(cases.len() >= 10);
    let a = Analyzer::new(&Synonyms::builtin());
    for case in cases {
        let text = case["text"].as_str().unwrap();
        let got: Vec<serde_json::Value> = a
            .tokens(text)
            .into_iter()
            .map(|t| serde_json::json!([t.text, t.position, t.offset_from, t.offset_to]))
            .collect();
        assert_eq!(got, case["tokens"].as_array().unwrap().clone(), "{text}");
    }
}
