//! The registry importer: CSV syntax, cell spans, row conversion and the
//! registry rules, then both diagnostic printers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopkb::diag::{self, Lang, SourceMap};
use sopkb::load::Input;
use sopkb::import;
use sopkb::load::csv;

fuzz_target!(|text: &str| {
    for delim in [',', ';'] {
        if let Ok(records) = csv::parse(text, delim) {
            for r in &records {
                for c in &r.cells {
                    assert!(c.start <= c.end && c.end <= text.len());
                    let _ = c.raw_offset(text, c.text.len());
                    let _ = c.line_span(text, 0);
                }
            }
        }
    }
    let mut sources = SourceMap::default();
    let file = import::add_source(&mut sources, "data.csv".into(), text);
    let mut input = Input::empty("/nonexistent".into());
    input.sources = sources;
    let plan = import::plan(&input, file, &Default::default(), false, Some("2026-01-01"));
    let _ = diag::render_human(&plan.diags, &input.sources, Lang::Id);
    let _ = diag::render_json(&plan.diags, &input.sources, Lang::En);
    for (_, md) in &plan.files {
        assert!(md.starts_with("---\n"), "{md}");
    }
});
