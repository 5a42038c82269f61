//! The shipped JSON Schema is generated from the loader's raw types; this
//! fails when it is stale, and checks every SOP file points editors at it.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn shipped_schema_matches_the_raw_types() {
    let shipped = std::fs::read_to_string(Path::new(ROOT).join("schema/sop.schema.json")).unwrap();
    assert!(
        shipped == sopkb::schema::sop_schema(),
        "schema/sop.schema.json is stale: run `cargo run -- schema > schema/sop.schema.json`"
    );
}

#[test]
fn every_sop_file_references_the_schema_on_its_first_line() {
    for entry in std::fs::read_dir(Path::new(ROOT).join("sops")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.lines().next(),
            Some("# yaml-language-server: $schema=../schema/sop.schema.json"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn schema_rejects_unknown_keys_like_the_loader() {
    let schema: serde_json::Value = serde_json::from_str(&sopkb::schema::sop_schema()).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    assert!(schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k == "langkah"));
}
