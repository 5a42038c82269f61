//! The search WASM module embedded in the binary (`assets/search-wasm/`) was
//! built from the current sources: its `SOURCE_HASH` equals a fresh hash of
//! the WASM crate (its own workspace: manifest, lockfile, profile and
//! patches), the shared search crate, the vendored crates it patches in, their
//! locked dependencies, the root workspace settings the search crate inherits
//! and `scripts/build-wasm`.
//!
//! `scripts/build-wasm` runs this test with `SOPKB_WASM_SOURCE_HASH_OUT=FILE`
//! to write the hash instead of checking it, so the two never disagree.

use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const WASM_CRATE: &str = "sopkb-search-wasm";
/// Workspace crates the module is compiled from (every path dependency of the
/// WASM crate must be listed here: the test fails otherwise).
const SOURCE_CRATES: &[(&str, &str)] = &[
    ("sopkb-search-wasm", "crates/sopkb-search-wasm"),
    ("sopkb-search", "crates/sopkb-search"),
    // tantivy's bitpacking, vendored ([patch.crates-io] in both workspaces)
    ("bitpacking", "crates/bitpacking-compact"),
    // regex-lite as regex ([patch.crates-io] of the WASM crate's workspace)
    ("regex", "crates/regex-lite-as-regex"),
];
/// The WASM crate's own lockfile (it is its own workspace).
const WASM_LOCK: &str = "crates/sopkb-search-wasm/Cargo.lock";
const SOURCE_FILES: &[&str] = &["scripts/build-wasm"];

#[test]
fn embedded_wasm_module_is_built_from_current_sources() {
    let root = Path::new(ROOT);
    let fresh = source_hash(root);
    if let Some(out) = std::env::var_os("SOPKB_WASM_SOURCE_HASH_OUT") {
        std::fs::write(&out, format!("{fresh}\n")).expect("write the source hash");
        return;
    }
    let stored_path = root.join("assets/search-wasm/SOURCE_HASH");
    let stored = std::fs::read_to_string(&stored_path)
        .unwrap_or_else(|e| panic!("{}: {e}", stored_path.display()));
    assert_eq!(
        stored.trim(),
        fresh,
        "the embedded search module (assets/search-wasm/) is stale: its sources \
         changed since it was built. Run `scripts/build-wasm` (needs the wasm32 \
         toolchain: `scripts/build-wasm --install-toolchain`) and commit the result."
    );
}

/// The browser reads indexes the native writer wrote: both workspaces must
/// lock the same tantivy.
#[test]
fn module_and_writer_lock_the_same_tantivy() {
    let root = Path::new(ROOT);
    let version = |lock: &str| -> Vec<String> {
        let text = std::fs::read_to_string(root.join(lock)).expect("lockfile");
        let lock: toml::Table = toml::from_str(&text).expect("lockfile is TOML");
        lock["package"]
            .as_array()
            .expect("[[package]]")
            .iter()
            .map(|p| p.as_table().expect("package table"))
            .filter(|p| field(p, "name").starts_with("tantivy"))
            .map(|p| format!("{} {}", field(p, "name"), field(p, "version")))
            .collect()
    };
    let (module, writer) = (version(WASM_LOCK), version("Cargo.lock"));
    assert!(!module.is_empty(), "{WASM_LOCK} locks no tantivy");
    for crate_version in &module {
        assert!(
            writer.contains(crate_version),
            "{WASM_LOCK} locks {crate_version}, Cargo.lock does not: \
             the module would read indexes another tantivy wrote"
        );
    }
}

#[test]
fn embedded_wasm_module_files_are_present() {
    let dir = Path::new(ROOT).join("assets/search-wasm");
    let wasm = std::fs::read(dir.join("sopkb_search_wasm_bg.wasm")).expect("module");
    assert_eq!(&wasm[..4], b"\0asm", "not a WASM module");
    let glue = std::fs::read_to_string(dir.join("sopkb_search_wasm.js")).expect("glue");
    assert!(
        glue.contains("wasm_bindgen"),
        "not wasm-bindgen no-modules glue"
    );
}

fn source_hash(root: &Path) -> String {
    let mut h = Sha256::new();
    let mut files = Vec::new();
    for (_, dir) in SOURCE_CRATES {
        collect_files(&root.join(dir), &mut files);
    }
    files.extend(SOURCE_FILES.iter().map(|f| root.join(f)));
    files.sort();
    for file in &files {
        let rel = file.strip_prefix(root).expect("inside the repository");
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        feed(&mut h, rel.to_string_lossy().replace('\\', "/").as_bytes());
        feed(&mut h, &bytes);
    }
    let (locked, used) = locked_dependencies(root);
    feed(&mut h, locked.as_bytes());
    feed(&mut h, workspace_settings(root, &used).as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn feed(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

/// Every file of a crate folder, skipping build output and hidden files.
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("directory entry");
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The lockfile entries the WASM crate can reach, one line each (a change to
/// a dependency only the native binary uses does not make the module stale),
/// and the names of those crates.
fn locked_dependencies(root: &Path) -> (String, BTreeSet<String>) {
    let text = std::fs::read_to_string(root.join(WASM_LOCK)).expect("WASM crate's Cargo.lock");
    let lock: toml::Table = toml::from_str(&text).expect("Cargo.lock is TOML");
    let packages: Vec<&toml::Table> = lock["package"]
        .as_array()
        .expect("[[package]]")
        .iter()
        .map(|p| p.as_table().expect("package table"))
        .collect();
    // A dependency is written "name", "name version" or "name version (source)".
    let find = |dep: &str| -> usize {
        let mut parts = dep.split(' ');
        let name = parts.next().unwrap_or_default();
        let version = parts.next();
        let matches: Vec<usize> = (0..packages.len())
            .filter(|&i| field(packages[i], "name") == name)
            .filter(|&i| version.is_none_or(|v| field(packages[i], "version") == v))
            .collect();
        assert_eq!(matches.len(), 1, "Cargo.lock: cannot resolve `{dep}`");
        matches[0]
    };
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([find(WASM_CRATE)]);
    while let Some(i) = queue.pop_front() {
        if !seen.insert(i) {
            continue;
        }
        let deps = packages[i].get("dependencies").and_then(|d| d.as_array());
        for dep in deps.into_iter().flatten() {
            queue.push_back(find(dep.as_str().expect("dependency string")));
        }
    }
    let mut lines = Vec::new();
    let mut names = BTreeSet::new();
    for &i in &seen {
        let p = packages[i];
        let name = field(p, "name");
        names.insert(name.to_owned());
        if field(p, "source").is_empty() {
            assert!(
                SOURCE_CRATES.iter().any(|(n, _)| *n == name),
                "the WASM module now depends on the workspace crate `{name}`: \
                 add it to SOURCE_CRATES in tests/testsuite/wasm_fresh.rs"
            );
        }
        lines.push(format!(
            "{name} {} {} {}\n",
            field(p, "version"),
            field(p, "source"),
            field(p, "checksum")
        ));
    }
    lines.sort();
    (lines.concat(), names)
}

fn field<'a>(p: &'a toml::Table, key: &str) -> &'a str {
    p.get(key).and_then(|v| v.as_str()).unwrap_or("")
}

/// The root manifest's settings that shape the module: the shared
/// (`[workspace.dependencies]`) versions and features the search crate
/// inherits. The profile and patches are in the WASM crate's manifest, hashed
/// with its files.
fn workspace_settings(root: &Path, used: &BTreeSet<String>) -> String {
    let text = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    let manifest: toml::Table = toml::from_str(&text).expect("Cargo.toml is TOML");
    let mut out = String::new();
    let shared = manifest
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(|d| d.as_table());
    for (name, spec) in shared.into_iter().flatten() {
        if used.contains(name) {
            out.push_str(&format!("{name} = {spec}\n"));
        }
    }
    out
}
