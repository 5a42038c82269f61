//! The pipeline's layering, read from `src/` (ARCHITECTURE.md, "Layers"):
//! a top-level module may use only modules of lower layers, and only the
//! stages that own the disk may touch it. Known exceptions are listed
//! below with the change that removes them; the test fails on a new
//! violation and on a listed exception that no longer exists, so the list
//! can only shrink.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// Top-level modules from the bottom layer up; a module may use those
/// before it. Modules on one line share a layer and may not use each other.
const LAYERS: &[&[&str]] = &[
    &["exit"],
    &["console"],
    &["progress"],
    &["timings"],
    &["diag"],
    &["limits"],
    &["load"],
    &["schema"],
    &["model"],
    &["markdown"],
    &["validate"],
    &["render"],
    &["search"],
    &["output"],
    &["pipeline"],
    &["import"],
    &["serve"],
    &["cmd"],
];

/// Modules that may read or write files (`std::fs`, `File`, `walkdir`…):
/// `load` reads, `output` writes.
const DISK: &[&str] = &["load", "output"];

/// Uses that break the layering, each with why and what removes it. Empty
/// since the redesign (ARCHITECTURE.md): a new upward use is a design
/// question to settle, not an entry to add here.
const KNOWN_UPWARD: &[(&str, &str)] = &[];

/// Modules other than `load`/`output` that touch the file system, and why.
/// `timings` reads the kernel's `/proc/self/status` (no project file) for
/// the memory figures of `SOPKB_TIMINGS=1`; it sits below `load`, which
/// itself opens timing spans.
const KNOWN_DISK: &[(&str, &str)] = &[("timings", "reads /proc/self/status for the RSS figure")];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/load/yaml.rs` -> `load`).
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(SRC).expect("under src");
    let first = rel.components().next().expect("a component");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_owned()
}

/// The file's text without its unit tests (`#[cfg(test)]` to the end: the
/// tests of a stage may drive the whole pipeline) and without comments.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(at) => &l[..at],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `code` holds `word` not preceded by an identifier character
/// (`fs::` but not `refs::`).
fn contains_word(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        !code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

struct Scan {
    /// (from, to) module uses.
    uses: BTreeSet<(String, String)>,
    /// module -> files touching the disk.
    disk: BTreeMap<String, BTreeSet<String>>,
}

fn scan() -> Scan {
    let mut files = Vec::new();
    rust_files(Path::new(SRC), &mut files);
    let mut uses = BTreeSet::new();
    let mut disk: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let disk_markers = ["std::fs", "fs::", "File::", "OpenOptions", "walkdir::"];
    for path in files {
        let module = module_of(&path);
        if module == "lib" || module == "main" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&path).expect("read"));
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() && name != module && rank(&name).is_some() {
                uses.insert((module.clone(), name));
            }
        }
        if disk_markers.iter().any(|m| contains_word(&code, m)) {
            let rel = path.strip_prefix(SRC).expect("under src");
            disk.entry(module.clone())
                .or_default()
                .insert(rel.display().to_string());
        }
    }
    Scan { uses, disk }
}

#[test]
fn every_module_of_src_has_a_layer() {
    let mut files = Vec::new();
    rust_files(Path::new(SRC), &mut files);
    let unknown: BTreeSet<String> = files
        .iter()
        .map(|p| module_of(p))
        .filter(|m| m != "lib" && m != "main" && rank(m).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "modules without a layer (add them to LAYERS and ARCHITECTURE.md): {unknown:?}"
    );
}

#[test]
fn no_module_uses_a_later_stage() {
    let scan = scan();
    let upward: BTreeSet<(String, String)> = scan
        .uses
        .iter()
        .filter(|(from, to)| rank(to) >= rank(from))
        .cloned()
        .collect();
    let known: BTreeSet<(String, String)> = KNOWN_UPWARD
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let new: Vec<_> = upward.difference(&known).collect();
    assert!(
        new.is_empty(),
        "modules using a later (or the same) layer: {new:?}; see ARCHITECTURE.md"
    );
    let gone: Vec<_> = known.difference(&upward).collect();
    assert!(
        gone.is_empty(),
        "fixed, remove from KNOWN_UPWARD (and ARCHITECTURE.md): {gone:?}"
    );
}

#[test]
fn only_load_and_output_touch_the_disk() {
    let scan = scan();
    let touching: BTreeSet<String> = scan
        .disk
        .keys()
        .filter(|m| !DISK.contains(&m.as_str()))
        .cloned()
        .collect();
    let known: BTreeSet<String> = KNOWN_DISK.iter().map(|(m, _)| m.to_string()).collect();
    let new: Vec<_> = touching
        .difference(&known)
        .map(|m| (m, &scan.disk[m]))
        .collect();
    assert!(new.is_empty(), "disk access outside load/output: {new:?}");
    let gone: Vec<_> = known.difference(&touching).collect();
    assert!(gone.is_empty(), "fixed, remove from KNOWN_DISK: {gone:?}");
}
