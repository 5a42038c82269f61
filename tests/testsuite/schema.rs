//! JSON Schemas of every content kind (`schema/`, `sopkb schema --out`):
//! generated from the loader's raw types (this fails when a shipped one is
//! stale), and checked by a validator sopkb does not write,
//! `check-jsonschema` (scripts/setup installs it): every shipped file passes
//! its schema and a broken one fails. Without the tool the test fails,
//! unless `SOPKB_SKIP_PY=1` (local runs only).

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn shipped_schemas_match_the_raw_types() {
    for (file, _, text) in sopkb::schema::all(sopkb::diag::Lang::Id) {
        let shipped = std::fs::read_to_string(Path::new(ROOT).join("schema").join(file))
            .unwrap_or_else(|e| panic!("schema/{file}: {e}"));
        assert!(
            shipped == text,
            "schema/{file} is stale: run `cargo run -- schema --out schema`"
        );
    }
    assert_eq!(
        sopkb::schema::all(sopkb::diag::Lang::Id)[0].2,
        sopkb::schema::sop_schema(sopkb::diag::Lang::Id)
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
    let schema: serde_json::Value =
        serde_json::from_str(&sopkb::schema::sop_schema(sopkb::diag::Lang::Id)).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    assert!(schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k == "langkah"));
}

/// `check-jsonschema --schemafile schema/FILE INSTANCES…`: None when the
/// tool is missing and `SOPKB_SKIP_PY=1`, else whether it accepted them
/// (and its output).
fn validate(schema: &str, instances: &[PathBuf]) -> Option<(bool, String)> {
    let mut cmd = Command::new("check-jsonschema");
    cmd.arg("--schemafile")
        .arg(Path::new(ROOT).join("schema").join(schema))
        .args(instances);
    let out = crate::common::setup_tool(cmd, "check-jsonschema")?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some((out.status.success(), text))
}

/// The front matter of each Markdown file of `content/<dir>/`, as YAML files
/// in `into`.
fn front_matter(dir: &str, into: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in walkdir(Path::new(ROOT).join("content").join(dir)) {
        let text = std::fs::read_to_string(&entry).unwrap();
        let rest = text
            .strip_prefix("---\n")
            .unwrap_or_else(|| panic!("{}", entry.display()));
        let yaml = &rest[..rest.find("\n---").expect("front matter ends") + 1];
        let name = entry.file_stem().unwrap().to_string_lossy().into_owned();
        let path = into.join(format!("{dir}-{name}.yaml"));
        std::fs::write(&path, yaml).unwrap();
        out.push(path);
    }
    assert!(!out.is_empty(), "content/{dir} has files");
    out
}

fn walkdir(dir: PathBuf) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn every_shipped_file_passes_its_schema_in_a_generic_validator() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(ROOT);
    let sops: Vec<PathBuf> = std::fs::read_dir(root.join("sops"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let cases: Vec<(&str, Vec<PathBuf>)> = vec![
        ("sop.schema.json", sops),
        (
            "istilah.schema.json",
            vec![root.join("content/istilah.yaml")],
        ),
        (
            "panduan.schema.json",
            vec![root.join("content/panduan.yaml")],
        ),
        ("sopkb.schema.json", vec![root.join("sopkb.toml")]),
        (
            "dasar-hukum.schema.json",
            front_matter("dasar-hukum", tmp.path()),
        ),
        ("templat.schema.json", front_matter("templat", tmp.path())),
        (
            "pengetahuan.schema.json",
            front_matter("pengetahuan", tmp.path()),
        ),
        (
            "kerja-sama.schema.json",
            front_matter("kerja-sama", tmp.path()),
        ),
    ];
    for (schema, files) in cases {
        let Some((ok, text)) = validate(schema, &files) else {
            return;
        };
        assert!(ok, "{schema}: {text}");
    }
    // A broken SOP (a misspelt key, a step without its activity) and a
    // registry entry with a list where text goes are rejected.
    let bad_sop = tmp.path().join("rusak.yaml");
    let sop = std::fs::read_to_string(root.join("sops").join(first_sop())).unwrap();
    std::fs::write(&bad_sop, sop.replacen("\nnama:", "\nnamma:", 1)).unwrap();
    let (ok, text) = validate("sop.schema.json", &[bad_sop]).unwrap();
    assert!(!ok && text.contains("namma"), "{text}");
    let bad_entry = tmp.path().join("rusak-ks.yaml");
    std::fs::write(&bad_entry, "jenis: [KSDD]\ndokumen: KB\n").unwrap();
    let (ok, text) = validate("kerja-sama.schema.json", &[bad_entry]).unwrap();
    assert!(!ok, "{text}");
    // A navigator rule with a misspelt key or an empty `sumber` is rejected.
    let bad_guide = tmp.path().join("rusak-panduan.yaml");
    let guide = std::fs::read_to_string(root.join("content/panduan.yaml")).unwrap();
    std::fs::write(&bad_guide, guide.replacen("    jenis:", "    jenjs:", 1)).unwrap();
    let (ok, text) = validate("panduan.schema.json", std::slice::from_ref(&bad_guide)).unwrap();
    assert!(!ok && text.contains("jenjs"), "{text}");
    std::fs::write(&bad_guide, "mitra: [{id: a, label: A}]\nobjek: [{id: b, label: B}]\nhasil: [{id: c, mitra: a, objek: [b], jenis: J, ringkasan: R, sumber: []}]\n").unwrap();
    let (ok, text) = validate("panduan.schema.json", &[bad_guide]).unwrap();
    assert!(!ok, "{text}");
}

fn first_sop() -> String {
    let mut names: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("sops"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.remove(0)
}
