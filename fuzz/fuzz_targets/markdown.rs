//! Markdown with our extensions: the renderer (sanitised and trusted), the
//! template markers and the glossary `<abbr>` insertion. The first line of
//! the input is a list of acronyms, the rest the Markdown body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopkb::model::{marker, Term};
use sopkb::markdown;
use sopkb::render::abbr::Abbreviations;

fuzz_target!(|text: &str| {
    let (head, body) = text.split_once('\n').unwrap_or(("", text));
    let terms: Vec<Term> = head
        .split(',')
        .map(|s| Term {
            singkatan: Some(s.to_owned()),
            kepanjangan: format!("<{s}> \"x\""),
            definisi: "d".into(),
            dasar_hukum: vec![],
            sinonim: vec![],
        })
        .collect();
    let abbr = Abbreviations::new(&terms);
    let (good, bad) = marker::scan(body);
    for m in &good {
        assert!(m.start < m.end && m.end <= body.len());
    }
    for b in &bad {
        assert!(b.start <= b.end && b.end <= body.len());
    }
    let md = marker::replace(body, |id| format!("<{id}>"));
    for trust in [false, true] {
        let html = markdown::to_html_with(&md, trust);
        let annotated = abbr.annotate(&html);
        let page = format!("<html><main>{annotated}</main></html>");
        let _ = abbr.annotate_main(&page);
        if !trust {
            let lower = annotated.to_ascii_lowercase();
            assert!(!lower.contains("<script"), "{annotated}");
            assert!(!lower.contains("href=\"javascript:"), "{annotated}");
        }
    }
    let _ = markdown::links(body);
});
