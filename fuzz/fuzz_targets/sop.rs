//! An SOP file from text to diagnostics and diagram: YAML + spans (load),
//! every rule (validate), both diagnostic printers and, when the SOP is
//! valid, the swimlane SVG.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopkb::diag::{self, Lang, SourceMap};
use sopkb::load::{self, raw::RawSop, Input, Loaded};

fuzz_target!(|text: &str| {
    let mut sources = SourceMap::default();
    let file = sources.add("sops/fuzz.yaml".into(), text.to_owned());
    let mut diags = Vec::new();
    let mut input = Input::empty("/nonexistent".into());
    input.sources = sources;
    match load::yaml::parse::<RawSop>(file, text, 0) {
        Ok((raw, spans)) => input.sops.push(Loaded {
            id: "fuzz".into(),
            file,
            raw,
            spans,
        }),
        Err(d) => diags.push(*d),
    }
    let site = sopkb::validate::validate(&input, &mut diags);
    diag::sort(&mut diags, &input.sources);
    let _ = diag::render_human(&diags, &input.sources, Lang::Id);
    let _ = diag::render_json(&diags, &input.sources, Lang::En);
    if diag::count_errors(&diags) == 0 {
        for sop in &site.sops {
            let _ = sopkb::render::swimlane::swimlane_svg(sop, Lang::Id);
            let _ = sopkb::render::swimlane::swimlane_pages_svg(sop, Lang::Id);
        }
    }
});
