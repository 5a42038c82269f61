//! The diagnostic catalogue `docs/codes/` against the code: every code sopkb
//! emits has an entry and every entry's code is emitted (at its severity);
//! every entry has both language halves and every section; every code is
//! triggered by a test (the bad-input corpus, or a named exception); the
//! index `docs/codes/README.md` lists them all; `sopkb explain` prints them.
//!
//! After adding or changing an entry, regenerate the index:
//! `UPDATE_CATALOGUE=1 cargo test --test testsuite catalogue::`.

use crate::common;

use common::Project;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Codes no bad-input case can show, with the test that does trigger them
/// (it must assert the code) and why the corpus cannot.
const NOT_IN_CORPUS: &[(&str, &str, &str)] = &[
    (
        "FILE002",
        "tests/testsuite/catalogue.rs",
        "an I/O error on a listed file needs a file its user cannot read: only a test can make one (and root reads any file)",
    ),
    (
        "KS115",
        "src/import/mod.rs",
        "it reports a sopkb bug (an imported row whose written file does not read back the same), so no input can trigger it by design; only a unit test feeding emit() a row to_markdown cannot round-trip can (none exists yet)",
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Severity {
    Error,
    Warning,
}

/// `"SOP004"`: 2–6 capitals then 3 digits.
fn is_code(s: &str) -> bool {
    let letters = s.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = &s.as_bytes()[letters..];
    (2..=6).contains(&letters) && digits.len() == 3 && digits.iter().all(u8::is_ascii_digit)
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk src"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// The source without `#[cfg(test)] mod … { … }` blocks (rustfmt closes
/// them with a `}` at column 0) and without comment lines.
fn non_test_code(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut skipping = false;
    for (i, line) in lines.iter().enumerate() {
        if skipping {
            skipping = *line != "}";
            continue;
        }
        let next_is_mod = lines
            .get(i + 1)
            .is_some_and(|n| n.trim_start().starts_with("mod "));
        if line.trim() == "#[cfg(test)]" && next_is_mod {
            skipping = true;
            continue;
        }
        if !line.trim_start().starts_with("//") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The string literals of Rust source `code`: (byte offset of the opening
/// quote, content as written). A small lexer, enough for rustfmt'd code:
/// comments, char literals (`'"'`), lifetimes, escapes and raw strings
/// (`r#"…"#`) are stepped over, so no quote inside them starts a string.
fn string_literals(code: &str) -> Vec<(usize, &str)> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = code[i..].find('\n').map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = code[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
            }
            b'\'' => {
                // `'\''`, `'"'`, `'x'`: a char literal; `'a` alone: a lifetime.
                let rest = &code[i + 1..];
                let mut chars = rest.char_indices();
                i += match (chars.next(), chars.next()) {
                    (Some((_, '\\')), _) => rest[2..].find('\'').map_or(rest.len(), |n| n + 3) + 1,
                    (Some(_), Some((n, '\''))) => n + 2,
                    _ => 1,
                };
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                let open = i + 1 + hashes;
                if b.get(open) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let end = code[open + 1..]
                    .find(&close)
                    .map_or(b.len(), |n| open + 1 + n);
                out.push((open, &code[open + 1..end]));
                i = end + close.len();
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                out.push((i, &code[i + 1..j.min(b.len())]));
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Every code literal of non-test code in `src/` with its severity: what
/// `Diagnostic::error(..)`/`warning(..)`, the YAML error translation and the
/// code parameters of the shared checks (`refs::require(.., "TPL001", ..)`)
/// emit. A literal compared with `==`/`!=` (`d.code == "CFG001"`) reads a
/// code and does not count. A code is a warning when its literal is the
/// first argument of `Diagnostic::warning(`; the code parameters of shared
/// checks are errors (they build `Diagnostic::error(code, ..)`).
fn emitted_codes() -> BTreeMap<String, BTreeSet<Severity>> {
    let mut codes: BTreeMap<String, BTreeSet<Severity>> = BTreeMap::new();
    for file in rust_files(&Path::new(ROOT).join("src")) {
        let code = non_test_code(&std::fs::read_to_string(&file).expect("read src"));
        for (at, literal) in string_literals(&code) {
            let before = code[..at].trim_end();
            if !is_code(literal) || before.ends_with("==") || before.ends_with("!=") {
                continue;
            }
            let severity = if before.ends_with("Diagnostic::warning(") {
                Severity::Warning
            } else {
                Severity::Error
            };
            codes
                .entry(literal.to_owned())
                .or_default()
                .insert(severity);
        }
    }
    codes
}

#[test]
fn the_literal_scanner_steps_over_chars_comments_and_raw_strings() {
    let code = r####"let q = ['\'', '"']; // "NOT001"
    fn f<'a>(x: &'a str) {} /* "NOT002" */ let e = '\u{1F600}';
    Diagnostic::warning("ABC001", r#"a "quoted" b"#); d.code == "NOT003";
    let s = "esc \" still \\"; Diagnostic::error(
        "ABC002", ..)"####;
    let found: Vec<&str> = string_literals(code).into_iter().map(|(_, s)| s).collect();
    assert_eq!(
        found,
        [
            "ABC001",
            "a \"quoted\" b",
            "NOT003",
            "esc \\\" still \\\\",
            "ABC002"
        ]
    );
    assert_eq!(
        non_test_code("a\n// \"X\"\n#[cfg(test)]\nmod tests {\n    \"Y\"\n}\nb\n"),
        "a\nb\n"
    );
}

/// `docs/codes/<CODE>.md`, by code.
fn entries() -> BTreeMap<String, String> {
    let dir = Path::new(ROOT).join("docs/codes");
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(&dir).expect("docs/codes") {
        let name = e.expect("entry").file_name().to_string_lossy().into_owned();
        if name == "README.md" {
            continue;
        }
        let code = name
            .strip_suffix(".md")
            .filter(|c| is_code(c))
            .unwrap_or_else(|| {
                panic!("docs/codes/{name}: only <CODE>.md files (e.g. SOP004.md) and README.md")
            });
        let text = std::fs::read_to_string(dir.join(&name)).expect("read entry");
        out.insert(code.to_owned(), text);
    }
    out
}

/// Codes the bad-input corpus triggers (the `diagnostics` of every case).
fn corpus_codes() -> BTreeMap<String, Vec<String>> {
    crate::bad_input::listed_codes()
}

#[test]
fn every_emitted_code_has_an_entry_and_every_entry_is_emitted() {
    let emitted = emitted_codes();
    let entries = entries();
    assert!(emitted.len() >= 90, "found {} codes in src/", emitted.len());
    let missing: Vec<&String> = emitted
        .keys()
        .filter(|c| !entries.contains_key(*c))
        .collect();
    let stale: Vec<&String> = entries
        .keys()
        .filter(|c| !emitted.contains_key(*c))
        .collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "codes emitted in src/ without docs/codes/<CODE>.md (write one like the others): {missing:?}\n\
         docs/codes/ entries whose code src/ no longer emits (delete them): {stale:?}"
    );
    for (code, severities) in &emitted {
        assert_eq!(
            severities.len(),
            1,
            "{code} is emitted both as an error and as a warning"
        );
    }
}

/// The lines of `text` outside fenced code blocks.
fn prose_lines(text: &str) -> Vec<&str> {
    let mut in_fence = false;
    text.lines()
        .filter(|l| {
            if l.trim_start().starts_with("```") {
                in_fence = !in_fence;
                return false;
            }
            !in_fence
        })
        .collect()
}

/// The two halves of an entry: each from its `# CODE: ` title.
fn halves<'a>(code: &str, text: &'a str) -> Vec<&'a str> {
    let title = format!("# {code}: ");
    let mut starts = Vec::new();
    let mut in_fence = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with(&title) {
            starts.push(at);
        }
        at += line.len();
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, &s)| &text[s..starts.get(i + 1).copied().unwrap_or(text.len())])
        .collect()
}

/// Problems of one half: (severity word, headings, output label, output prefix).
fn check_half(code: &str, half: &str, lang: &str, severity: Severity) -> Vec<String> {
    let (head, word, sections, output, shown) = match (lang, severity) {
        ("id", Severity::Error) => (
            "Tingkat",
            "kesalahan",
            ["## Contoh", "## Perbaikan"],
            "Keluaran:",
            "kesalahan",
        ),
        ("id", Severity::Warning) => (
            "Tingkat",
            "peringatan",
            ["## Contoh", "## Perbaikan"],
            "Keluaran:",
            "peringatan",
        ),
        (_, Severity::Error) => (
            "Severity",
            "error",
            ["## Example", "## Fix"],
            "Output:",
            "error",
        ),
        (_, Severity::Warning) => (
            "Severity",
            "warning",
            ["## Example", "## Fix"],
            "Output:",
            "warning",
        ),
    };
    let mut problems = Vec::new();
    let lines = prose_lines(half);
    let title = lines[0].strip_prefix(&format!("# {code}: ")).unwrap_or("");
    if title.trim().len() < 5 {
        problems.push(format!("{lang}: no title after `# {code}: `"));
    }
    let sev_line = format!("{head}: **{word}**");
    if lines.get(2).is_none_or(|l| !l.starts_with(&sev_line)) {
        problems.push(format!(
            "{lang}: the third line must start `{sev_line}` (the severity src/ emits)"
        ));
    }
    let headings: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("## "))
        .collect();
    if headings != sections {
        problems.push(format!(
            "{lang}: sections {headings:?}, expected {sections:?}"
        ));
    }
    let (intro, rest) = half.split_once(sections[0]).unwrap_or((half, ""));
    let (example, fix) = rest.split_once(sections[1]).unwrap_or((rest, ""));
    // The meaning: prose between the severity line and the example.
    let meaning = prose_lines(intro).iter().skip(3).any(|l| l.len() > 20);
    if !meaning {
        problems.push(format!("{lang}: no explanation before {}", sections[0]));
    }
    // The example: where (a path in backticks), the snippet, the output.
    let first = prose_lines(example)
        .into_iter()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    if !first.contains('`') || !first.trim_end().ends_with(':') {
        problems.push(format!(
            "{lang}: the example must open with the file (\"`path`:\"), found {first:?}"
        ));
    }
    let fences = example.matches("\n```").count() / 2;
    if fences < 2 {
        problems.push(format!(
            "{lang}: the example needs the snippet and the output blocks"
        ));
    }
    let printed = example.split_once(output).map(|(_, o)| o).unwrap_or("");
    if !printed.contains(&format!("{shown}[{code}]")) {
        problems.push(format!(
            "{lang}: `{output}` must show `{shown}[{code}]` as sopkb prints it"
        ));
    }
    if prose_lines(fix).iter().all(|l| l.trim().len() < 10) {
        problems.push(format!("{lang}: {} says nothing", sections[1]));
    }
    problems
}

#[test]
fn every_entry_has_both_halves_and_every_section() {
    let emitted = emitted_codes();
    let mut problems = Vec::new();
    for (code, text) in entries() {
        let Some(severity) = emitted.get(&code).and_then(|s| s.first().copied()) else {
            continue; // reported by the test above
        };
        let parts = halves(&code, &text);
        if parts.len() != 2 || !text.starts_with(&format!("# {code}: ")) {
            problems.push(format!(
                "{code}: two halves expected, each opening with `# {code}: title` (Indonesian first)"
            ));
            continue;
        }
        for (half, lang) in parts.iter().zip(["id", "en"]) {
            for p in check_half(&code, half, lang, severity) {
                problems.push(format!("{code}: {p}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_code_is_triggered_by_a_test() {
    let emitted = emitted_codes();
    let corpus = corpus_codes();
    let mut problems = Vec::new();
    for (code, test, why) in NOT_IN_CORPUS {
        assert!(why.len() > 20);
        if !emitted.contains_key(*code) {
            problems.push(format!(
                "{code} is in NOT_IN_CORPUS but no longer emitted: remove it"
            ));
        }
        if let Some(cases) = corpus.get(*code) {
            problems.push(format!(
                "{code} is in NOT_IN_CORPUS but cases {cases:?} trigger it: remove it"
            ));
        }
        // As printed (`kesalahan[CFG001]`) or as parsed (`code: Some("CFG001")`).
        let text = std::fs::read_to_string(Path::new(ROOT).join(test)).expect("test file");
        if !text.contains(&format!("[{code}]")) && !text.contains(&format!("Some(\"{code}\")")) {
            problems.push(format!("{code}: {test} does not assert it"));
        }
    }
    let excepted: BTreeSet<&str> = NOT_IN_CORPUS.iter().map(|(c, _, _)| *c).collect();
    let untested: Vec<&String> = emitted
        .keys()
        .filter(|c| !corpus.contains_key(*c) && !excepted.contains(c.as_str()))
        .collect();
    if !untested.is_empty() {
        problems.push(format!(
            "codes no bad-input case triggers (add tests/testsuite/bad_input/cases/<name>/): {untested:?}"
        ));
    }
    for code in corpus.keys().filter(|c| !emitted.contains_key(*c)) {
        problems.push(format!(
            "corpus cases expect {code}, which src/ never emits"
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Families of codes in the index, in order: code prefix, Indonesian and
/// English heading.
const FAMILIES: &[(&str, &str, &str)] = &[
    ("FILE", "Berkas", "Files"),
    ("FM", "Front matter Markdown", "Markdown front matter"),
    ("YAML", "YAML", "YAML"),
    (
        "CFG",
        "Konfigurasi `sopkb.toml`",
        "Configuration `sopkb.toml`",
    ),
    ("URL", "Tautan", "Links"),
    ("SOP", "SOP (`sops/`)", "SOPs (`sops/`)"),
    (
        "HUK",
        "Dasar hukum (`content/dasar-hukum/`)",
        "Legal bases (`content/dasar-hukum/`)",
    ),
    (
        "IST",
        "Glosarium (`content/istilah.yaml`)",
        "Glossary (`content/istilah.yaml`)",
    ),
    (
        "TPL",
        "Templat dokumen (`content/templat/`)",
        "Document templates (`content/templat/`)",
    ),
    (
        "ART",
        "Artikel (`content/pengetahuan/`)",
        "Articles (`content/pengetahuan/`)",
    ),
    (
        "PAN",
        "Panduan kerja sama (`content/panduan.yaml`)",
        "Cooperation navigator (`content/panduan.yaml`)",
    ),
    (
        "KS0",
        "Register kerja sama (`content/kerja-sama/`)",
        "Cooperation registry (`content/kerja-sama/`)",
    ),
    (
        "KS1",
        "Impor CSV register (`sopkb import kerja-sama`)",
        "Registry CSV import (`sopkb import kerja-sama`)",
    ),
    (
        "THEME",
        "Tema dan templat situs (`sopkb build`)",
        "Theme and site templates (`sopkb build`)",
    ),
];

/// Title and severity word of one half.
fn summary<'a>(code: &str, half: &'a str) -> (&'a str, &'a str) {
    let lines = prose_lines(half);
    let title = lines[0].strip_prefix(&format!("# {code}: ")).unwrap_or("");
    let severity = lines
        .get(2)
        .and_then(|l| l.split_once("**"))
        .and_then(|(_, r)| r.split_once("**"))
        .map_or("", |(s, _)| s);
    (title.trim(), severity)
}

/// `docs/codes/README.md` as the entries make it.
fn index(entries: &BTreeMap<String, String>) -> String {
    let mut out = String::from(
        "# Kode diagnostik / Diagnostic codes\n\n\
         Setiap diagnostik sopkb membawa kode tetap, mis. `kesalahan[SOP004]`. Setiap berkas di\n\
         folder ini menjelaskan satu kode: artinya, contoh yang memicunya dan cara memperbaikinya,\n\
         dalam bahasa Indonesia lalu bahasa Inggris. `sopkb explain KODE` mencetak penjelasan yang\n\
         sama di terminal (`--lang en` untuk bahasa Inggris); `sopkb explain` saja mendaftar semua\n\
         kode.\n\n\
         Every sopkb diagnostic carries a stable code, e.g. `error[SOP004]`. Each file of this\n\
         folder explains one code: what it means, an example that triggers it and how to fix it,\n\
         in Indonesian, then English. `sopkb explain CODE` prints the same text in the terminal\n\
         (`--lang en` for English); `sopkb explain` alone lists every code.\n\n\
         <!-- Generated from the entries by tests/testsuite/catalogue.rs: after a change, run\n\
         UPDATE_CATALOGUE=1 cargo test --test testsuite catalogue:: -->\n",
    );
    let family_of = |code: &str| {
        FAMILIES
            .iter()
            .position(|(prefix, _, _)| code.starts_with(prefix))
            .unwrap_or_else(|| {
                panic!("{code}: add its family to FAMILIES in tests/testsuite/catalogue.rs")
            })
    };
    for (i, (_, id, en)) in FAMILIES.iter().enumerate() {
        let codes: Vec<&String> = entries.keys().filter(|c| family_of(c) == i).collect();
        if codes.is_empty() {
            continue;
        }
        let heading = if id == en {
            id.to_string()
        } else {
            format!("{id} / {en}")
        };
        out.push_str(&format!(
            "\n## {heading}\n\n| kode / code | tingkat / severity | arti | meaning |\n|---|---|---|---|\n"
        ));
        for code in codes {
            let parts = halves(code, &entries[code]);
            let (Some(id_half), Some(en_half)) = (parts.first(), parts.get(1)) else {
                continue; // reported by every_entry_has_both_halves_and_every_section
            };
            let (id_title, id_sev) = summary(code, id_half);
            let (en_title, en_sev) = summary(code, en_half);
            out.push_str(&format!(
                "| [{code}]({code}.md) | {id_sev} / {en_sev} | {} | {} |\n",
                id_title.replace('|', "\\|"),
                en_title.replace('|', "\\|")
            ));
        }
    }
    out
}

#[test]
fn the_index_lists_every_entry() {
    let entries = entries();
    let want = index(&entries);
    let path = Path::new(ROOT).join("docs/codes/README.md");
    if std::env::var_os("UPDATE_CATALOGUE").is_some() {
        std::fs::write(&path, &want).expect("write index");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/codes/README.md is out of date: UPDATE_CATALOGUE=1 cargo test --test testsuite catalogue::"
    );
    for code in entries.keys() {
        assert!(have.contains(&format!("]({code}.md)")), "{code}");
    }
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).expect("README");
    assert!(
        readme.contains("docs/codes/README.md") && readme.contains("sopkb explain"),
        "README.md links the catalogue"
    );
}

// ---------------------------------------------------------------- explain

fn explain(args: &[&str], env: &[(&str, &str)]) -> common::Run {
    let p = Project::empty();
    let mut all = vec!["explain"];
    all.extend_from_slice(args);
    let run = common::run_in(p.root(), &all, env);
    run.assert_no_panic();
    run
}

#[test]
fn explain_prints_the_entry_in_the_chosen_language() {
    let entry = entries().remove("SOP004").expect("SOP004.md");
    let parts = halves("SOP004", &entry);
    let id = explain(&["SOP004"], &[]);
    assert_eq!(id.code, Some(0), "{}", id.stderr);
    assert_eq!(id.stdout.trim_end(), parts[0].trim_end());
    assert!(id.stdout.contains("## Contoh") && !id.stdout.contains("## Example"));
    // Any case, as printed in a diagnostic, or without the leading zeros.
    for input in ["sop004", "kesalahan[SOP004]", "SOP4"] {
        let run = explain(&[input], &[]);
        assert_eq!(
            (run.code, &run.stdout),
            (Some(0), &id.stdout),
            "{input}: {}",
            run.stderr
        );
    }
    let en = explain(&["SOP004", "--lang", "en"], &[]);
    assert_eq!(en.code, Some(0));
    assert_eq!(en.stdout.trim_end(), parts[1].trim_end());
    let env = explain(&["SOP004"], &[("SOPKB_LANG", "en")]);
    assert_eq!(env.stdout, en.stdout);
    // --lang wins over the environment; `all` is the whole entry.
    let flag = explain(&["SOP004", "--lang", "id"], &[("SOPKB_LANG", "en")]);
    assert_eq!(flag.stdout, id.stdout);
    let all = explain(&["SOP004", "--lang", "all"], &[]);
    assert_eq!(all.stdout.trim_end(), entry.trim_end());
}

#[test]
fn explain_refuses_an_unknown_code_with_the_nearest_ones() {
    let run = explain(&["SOP999"], &[]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("SOP999") && run.stderr.contains("SOP009"));
    let run = explain(&["SOP999", "--lang", "en"], &[]);
    assert!(run.stderr.contains("unknown code"), "{}", run.stderr);
    // A family with no close code: its codes; nonsense: none, no flood.
    let run = explain(&["THEME999"], &[]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("THEME001"), "{}", run.stderr);
    let long = "\u{1b}[31m".repeat(2000);
    let run = explain(&[&long], &[]);
    assert_eq!(run.code, Some(2));
    assert!(!run.stderr.contains('\u{1b}') && run.stderr.len() < 400);
    let run = explain(&["SOP004", "--lang", "fr"], &[]);
    assert_eq!(run.code, Some(2), "a bad --lang is a bad argument");
}

#[test]
fn explain_without_a_code_lists_every_code() {
    let run = explain(&[], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let entries = entries();
    let listed: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| is_code(w))
        .collect();
    assert_eq!(
        listed,
        entries.keys().map(String::as_str).collect::<Vec<_>>()
    );
    let line = |out: &str, code: &str| {
        out.lines()
            .find(|l| l.starts_with(code))
            .unwrap_or_default()
            .to_owned()
    };
    let id = line(&run.stdout, "SOP005");
    assert!(id.contains("peringatan"), "{id}");
    let en = explain(&["--lang", "en"], &[]);
    assert!(line(&en.stdout, "SOP005").contains("warning"));
    assert!(line(&en.stdout, "SOP004").contains("error"));
}

#[test]
fn a_failed_check_or_build_names_the_command_that_explains_it() {
    let p = Project::valid();
    let ok = p.run(&["check"]);
    assert_eq!(ok.code, Some(0), "{}", ok.stderr);
    assert!(!ok.stderr.contains("sopkb explain"), "{}", ok.stderr);
    p.replace(common::SOP_PATH, "pelaksana: bupati", "pelaksana: keuangan");
    for cmd in ["check", "build"] {
        let run = p.run(&[cmd]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        let last = run.stderr.lines().last().unwrap_or_default();
        assert_eq!(
            last, "bantuan: jalankan `sopkb explain SOP004` untuk penjelasan",
            "{cmd}: {}",
            run.stderr
        );
        let en = p.run_env(&[cmd], &[("SOPKB_LANG", "en")]);
        assert!(
            en.stderr
                .ends_with("help: run `sopkb explain SOP004` for an explanation\n"),
            "{}",
            en.stderr
        );
    }
    // JSON output stays JSON, with nothing added on stderr.
    let json = p.run(&["check", "--format", "json"]);
    assert!(!json.stderr.contains("sopkb explain"), "{}", json.stderr);
}

/// FILE002: a content file its user cannot read. Root reads any file, so
/// the test only proves something when run as another user.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_file002() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::valid();
    let path = p.path(common::SOP_PATH);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        eprintln!("skipped: this user (root?) reads files of mode 000");
        return;
    }
    let run = p.run(&["check"]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("kesalahan[FILE002]: tidak dapat membaca `sops/contoh.yaml`"),
        "{}",
        run.stderr
    );
}
