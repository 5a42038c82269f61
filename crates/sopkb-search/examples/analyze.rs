//! Prints the analyzer's tokens for each argument, one JSON line per text
//! (index form with the built-in synonyms): `cargo run -p sopkb-search
//! --example analyze -- "Naskah PKS"`. Tokens are `[term, position, from, to]`.

use sopkb_search::{Analyzer, Synonyms};

fn main() {
    let a = Analyzer::new(&Synonyms::builtin());
    for text in std::env::args().skip(1) {
        let toks: Vec<serde_json::Value> = a
            .tokens(&text)
            .into_iter()
            .map(|t| serde_json::json!([t.text, t.position, t.offset_from, t.offset_to]))
            .collect();
        println!("{}", serde_json::json!({ "text": text, "tokens": toks }));
    }
}
