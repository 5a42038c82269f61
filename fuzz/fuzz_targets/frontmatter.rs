//! Front-matter splitter: never panics, and its offsets always slice the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopkb::load::frontmatter::split;

fuzz_target!(|text: &str| {
    if let Ok(s) = split(text) {
        assert_eq!(&text[s.yaml_start..s.yaml_start + s.yaml.len()], s.yaml);
        assert_eq!(&text[s.body_start..], s.body);
        assert!(s.yaml_start <= s.body_start);
    }
});
