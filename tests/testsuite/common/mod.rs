//! Shared helpers for the integration tests: a temporary project holding a
//! minimal valid site, file mutations, and runs of the real `sopkb` binary.
#![allow(dead_code)] // each test crate uses a different subset

pub(crate) mod http;

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) const CONFIG: &str = include_str!("../bad_input/bases/valid/sopkb.toml");

/// A small valid SOP: 3 lanes, 5 steps, a decision with a backward branch
/// (step 3 `Tidak: 1`), one `waktu_kelompok` printed on both of its steps,
/// and a stated total that matches the computed one (45 menit + 2 hari).
pub(crate) const SOP: &str = include_str!("../bad_input/bases/valid/sops/contoh.yaml");

pub(crate) const LEGAL: &str =
    include_str!("../bad_input/bases/valid/content/dasar-hukum/pp-28-2018.md");

pub(crate) const SOP_PATH: &str = "sops/contoh.yaml";
pub(crate) const LEGAL_PATH: &str = "content/dasar-hukum/pp-28-2018.md";

/// A temporary project folder; deleted when dropped.
pub(crate) struct Project {
    dir: tempfile::TempDir,
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub(crate) struct Run {
    /// `None` when the process was killed by a signal.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Fails the test when the process panicked (a crash is never an answer).
    pub(crate) fn assert_no_panic(&self) {
        assert!(
            !self.stderr.contains("panicked"),
            "sopkb panicked:\n{}",
            self.stderr
        );
        assert!(
            self.code.is_some(),
            "sopkb was killed by a signal: {self:?}"
        );
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct Report {
    pub diagnostics: Vec<Diag>,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Diag {
    pub severity: String,
    pub code: String,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub label: Option<String>,
    pub help: Option<String>,
}

impl Project {
    /// An empty temporary folder (no `sopkb.toml`).
    pub(crate) fn empty() -> Project {
        Project {
            dir: tempfile::Builder::new()
                .prefix("sopkb-test-")
                .tempdir()
                .expect("temp dir"),
        }
    }

    /// The minimal valid site.
    pub(crate) fn valid() -> Project {
        let p = Project::empty();
        p.write("sopkb.toml", CONFIG);
        p.write(SOP_PATH, SOP);
        p.write(LEGAL_PATH, LEGAL);
        p
    }

    /// The valid project with one warning (SOP013: the printed total
    /// differs from the computed one), checked to have exactly that one.
    pub(crate) fn with_one_warning() -> Project {
        let p = Project::valid();
        p.replace(
            SOP_PATH,
            "total_tertulis: 2 hari 45 menit",
            "total_tertulis: 3 hari",
        );
        let (run, report) = p.check_json();
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert_eq!((report.errors, report.warnings), (0, 1), "{report:?}");
        p
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes (or overwrites) `rel`, creating its folders.
    pub(crate) fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub(crate) fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Replaces the one occurrence of `from` in `rel` by `to`.
    pub(crate) fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur exactly once in {rel}"
        );
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub(crate) fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap_or_else(|e| panic!("remove {rel}: {e}"));
    }

    /// Runs `sopkb --root <project> ARGS` with `SOPKB_LANG` unset.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    pub(crate) fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_in(self.root(), args, env)
    }

    /// `check --format json`, parsed; also asserts no panic.
    pub(crate) fn check_json(&self) -> (Run, Report) {
        check_json_in(self.root(), &[])
    }
}

/// Runs the binary with `--root root`.
pub(crate) fn run_in(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sopkb"));
    cmd.arg("--root").arg(root).args(args);
    run_command(cmd, env)
}

/// `SOURCE_DATE_EPOCH` of 2026-12-07 (WIB): the registry's statuses and
/// reminders as of that day, on whatever day the tests run.
pub(crate) const FIXED_TODAY: &str = "1796601600";

/// Builds the shipped content (`sops/`, `content/`, …) into `out` as of
/// [`FIXED_TODAY`], with `extra` arguments; panics with its stderr unless
/// the build succeeds.
pub(crate) fn build_shipped(out: &Path, extra: &[&str]) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sopkb"));
    cmd.args(["--root", env!("CARGO_MANIFEST_DIR"), "build"])
        .args(extra)
        .arg("--out")
        .arg(out);
    let run = run_command(cmd, &[("SOURCE_DATE_EPOCH", FIXED_TODAY)]);
    assert_eq!(
        run.code,
        Some(0),
        "the shipped content builds:\n{}",
        run.stderr
    );
}

/// Runs a checker `scripts/setup` installs (a Python module run by `cmd`,
/// or a program such as `check-jsonschema`), named `name`. When it is
/// missing the test fails naming what to install, or, with
/// `SOPKB_SKIP_PY=1` (local runs only), is skipped: `None`.
pub(crate) fn setup_tool(mut cmd: Command, name: &str) -> Option<std::process::Output> {
    let skip = std::env::var("SOPKB_SKIP_PY").is_ok_and(|v| v == "1");
    let out = match cmd.output() {
        Ok(o) => o,
        Err(e) if skip => {
            eprintln!("SKIP (SOPKB_SKIP_PY=1): {name}: {e}");
            return None;
        }
        Err(e) => panic!("{name} is required (scripts/setup): {e}"),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains(&format!("No module named '{name}'"))
        || stderr.contains(&format!("No module named {name}"))
    {
        if skip {
            eprintln!("SKIP (SOPKB_SKIP_PY=1): {name} is not installed");
            return None;
        }
        panic!("Python's `{name}` is required (pip install {name}; scripts/setup):\n{stderr}");
    }
    Some(out)
}

/// Runs `cmd` with `env` (and without the caller's `SOPKB_LANG` or colour
/// settings: output is compared as plain text).
pub(crate) fn run_command(mut cmd: Command, env: &[(&str, &str)]) -> Run {
    for k in [
        "SOPKB_LANG",
        "SOPKB_PROGRESS",
        "NO_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
    ] {
        cmd.env_remove(k);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run sopkb");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub(crate) fn check_json_in(root: &Path, env: &[(&str, &str)]) -> (Run, Report) {
    let run = run_in(root, &["check", "--format", "json"], env);
    run.assert_no_panic();
    let report = parse_report(&run.stdout);
    (run, report)
}

pub(crate) fn parse_report(stdout: &str) -> Report {
    serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("stdout is not the JSON report ({e}):\n{stdout}"))
}

/// 1-based line of the first line of `text` containing `needle`.
pub(crate) fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not found in:\n{text}"))
        + 1
}

/// Every file under `dir`, relative path (with `/`) -> bytes, sorted.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).expect("read"));
        }
    }
    out
}

/// Names of the entries directly inside `dir`, sorted.
pub(crate) fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// One entry of a folder tree (`tree`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    File(Vec<u8>),
    Dir,
    Link(PathBuf),
    Other,
}

/// Everything under `dir` (itself not included), links not followed:
/// relative path (with `/`) -> what is there. Compares whole trees,
/// folders and links included, where `snapshot` sees files only.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Node> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.expect("walk");
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("under dir")
            .to_string_lossy()
            .replace('\\', "/");
        let t = entry.file_type();
        let node = if t.is_symlink() {
            Node::Link(std::fs::read_link(entry.path()).expect("read_link"))
        } else if t.is_file() {
            Node::File(std::fs::read(entry.path()).expect("read"))
        } else if t.is_dir() {
            Node::Dir
        } else {
            Node::Other
        };
        out.insert(rel, node);
    }
    out
}

/// Runs the binary in `cwd` without `--root` (the project is found from
/// the working folder, as a user runs it).
pub(crate) fn run_at(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sopkb"));
    cmd.current_dir(cwd).args(args);
    run_command(cmd, env)
}
