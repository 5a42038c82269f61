//! Duration parser: never panics; what it reads formats and sums without overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopkb::diag::Lang;
use sopkb::model::duration::parse;

fuzz_target!(|text: &str| {
    if let Ok(d) = parse(text) {
        let _ = d.format(Lang::Id);
        let _ = d.format(Lang::En);
        let _ = d + d;
    }
});
