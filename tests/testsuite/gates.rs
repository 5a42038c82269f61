//! Output gates on the shipped site (the repository's own content): builds are byte-identical, wherever they run.

use crate::common;

use common::{run_in, snapshot};
use std::collections::BTreeMap;
use std::path::Path;

fn shipped_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the project in `root` into `out` with extra arguments; returns every output file.
fn build(root: &Path, out: &Path, args: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut all = vec!["build", "--out", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let run = run_in(root, &all, &[]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    snapshot(out)
}

fn assert_same_site(what: &str, a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: different file lists"
    );
    let differing: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(differing.is_empty(), "{what}: files differ: {differing:?}");
}

/// Copies the inputs of the shipped project (not its `public/` or `target/`) into `to`.
fn copy_inputs(to: &Path) {
    let root = shipped_root();
    std::fs::copy(root.join("sopkb.toml"), to.join("sopkb.toml")).unwrap();
    for dir in ["sops", "content", "static", "templates", "themes"] {
        if !root.join(dir).is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(root.join(dir)) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(root).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }
}

#[test]
fn shipped_site_builds_are_byte_identical_in_every_file() {
    let tmp = tempfile::tempdir().unwrap();
    let first = build(shipped_root(), &tmp.path().join("a"), &[]);
    assert!(
        first.len() > 100 && first.contains_key("sop/paser-fasilitasi-kerja-sama/index.html"),
        "{:?}",
        first.keys()
    );
    let second = build(shipped_root(), &tmp.path().join("b"), &[]);
    assert_same_site("two builds", &first, &second);

    // The same inputs in another folder give the same bytes: no absolute
    // path or folder name leaks into the output.
    let copy = tmp.path().join("elsewhere/project");
    std::fs::create_dir_all(&copy).unwrap();
    copy_inputs(&copy);
    let moved = build(&copy, &tmp.path().join("c"), &[]);
    assert_same_site("a build of a copy", &first, &moved);
}

#[test]
fn shipped_site_builds_under_a_sub_path_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let args = ["--base-url", "/kb/"];
    let first = build(shipped_root(), &tmp.path().join("a"), &args);
    let second = build(shipped_root(), &tmp.path().join("b"), &args);
    assert_same_site("two builds with --base-url /kb/", &first, &second);
    let root = build(shipped_root(), &tmp.path().join("root"), &[]);
    assert_ne!(
        first["index.html"], root["index.html"],
        "--base-url changes the pages"
    );
}
