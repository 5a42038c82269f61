//! The module's `regex` is regex-lite (Cargo.toml, [patch.crates-io]). Its
//! one user, tantivy's `Display for Facet`, must get what regex 1.13 gives.

#[test]
fn the_module_builds_with_regex_lite() {
    // regex-lite has no Unicode classes: the full regex accepts `\p{L}`.
    assert!(regex::Regex::new(r"\p{L}").is_err());
}

#[test]
fn facet_slash_escaping_is_unchanged() {
    // tantivy 0.27, src/schema/facet.rs: `escape_slashes`.
    let slash = regex::Regex::new(r"[\\/]").unwrap();
    assert_eq!(slash.replace_all(r"a/b\c", "\\/"), r"a\/b\/c");
    assert_eq!(slash.replace_all("kerja sama", "\\/"), "kerja sama");
}

#[test]
fn facets_display_as_before() {
    let facet = tantivy::schema::Facet::from_path(["sop", "a/b"]);
    assert_eq!(facet.to_string(), r"/sop/a\/b");
}
