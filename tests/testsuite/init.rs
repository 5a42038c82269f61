//! `sopkb init [DIR]` with the real binary: the new project passes `check`
//! without a diagnostic and builds; a non-empty folder is refused unless
//! `--force`, which still overwrites nothing; no write through a link.

use crate::common;

use common::{check_json_in, run_in, snapshot, Project};
use std::path::Path;

/// Runs `sopkb init ARGS` from inside `cwd`.
fn init(cwd: &Path, args: &[&str]) -> common::Run {
    let run = run_in(cwd, &[&["init"][..], args].concat(), &[]);
    run.assert_no_panic();
    run
}

#[test]
fn a_new_project_checks_clean_and_builds() {
    let p = Project::empty();
    let dir = p.path("situs");
    let run = init(p.root(), &[dir.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let steps: Vec<&str> = run.stdout.lines().map(str::trim).collect();
    assert_eq!(
        steps,
        [
            format!("cd {}", dir.display()).as_str(),
            "sopkb serve",
            "sopkb build"
        ],
        "{}",
        run.stdout
    );
    for file in [
        "sopkb.toml",
        ".gitignore",
        "content/_index.md",
        "sops/contoh-sop.yaml",
        "content/dasar-hukum/pp-28-2018.md",
        "content/pengetahuan/memulai-kerja-sama.md",
        "content/templat/surat-permohonan-fasilitasi.md",
        "schema/sop.schema.json",
    ] {
        assert!(dir.join(file).is_file(), "{file} not written");
    }
    let toml = std::fs::read_to_string(dir.join("sopkb.toml")).unwrap();
    assert!(toml.contains("# Judul situs"), "commented in Indonesian");
    let gitignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "/public/"));

    let (check, report) = check_json_in(&dir, &[]);
    assert_eq!(check.code, Some(0), "{}", check.stdout);
    assert_eq!(report.diagnostics.len(), 0, "{:#?}", report.diagnostics);
    let build = run_in(&dir, &["build"], &[]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    let site = snapshot(&dir.join("public"));
    for page in [
        "index.html",
        "sop/contoh-sop/index.html",
        "dasar-hukum/pp-28-2018/index.html",
        "pengetahuan/memulai-kerja-sama/index.html",
        "templat/surat-permohonan-fasilitasi/index.html",
    ] {
        assert!(site.contains_key(page), "no {page}");
    }
    let sop = String::from_utf8_lossy(&site["sop/contoh-sop/index.html"]).into_owned();
    for lane in ["OPD Pemrakarsa", "Bagian Tata Pemerintahan", "Bupati"] {
        assert!(sop.contains(lane), "{lane}");
    }
    // Warnings denied too: the example is clean.
    assert_eq!(
        run_in(&dir, &["check", "-D", "warnings"], &[]).code,
        Some(0)
    );
}

#[test]
fn init_in_the_working_folder_by_default() {
    let p = Project::empty();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sopkb"))
        .arg("init")
        .current_dir(p.root())
        .env_remove("SOPKB_LANG")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(p.path("sopkb.toml").is_file());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("sopkb check"), "{stdout}");
    // Without DIR, --root names the folder.
    let q = Project::empty();
    let run = init(q.root(), &[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(q.path("sops/contoh-sop.yaml").is_file());
}

#[test]
fn a_non_empty_folder_is_refused_and_nothing_is_written() {
    let p = Project::empty();
    p.write("catatan.txt", "milik saya");
    let before = snapshot(p.root());
    let run = init(p.root(), &[p.root().to_str().unwrap()]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(snapshot(p.root()), before, "something was written");
    let en = run_in(
        p.root(),
        &["init", p.root().to_str().unwrap()],
        &[("SOPKB_LANG", "en")],
    );
    assert!(en.stderr.contains("is not empty"), "{}", en.stderr);
    // A file is not a folder.
    let run = init(p.root(), &[p.path("catatan.txt").to_str().unwrap()]);
    assert_eq!(run.code, Some(2), "{run:?}");
}

#[test]
fn force_adds_what_is_missing_and_keeps_existing_files_byte_identical() {
    let p = Project::empty();
    let mine = "title = \"Situs saya\"\n# jangan diubah\n";
    p.write("sopkb.toml", mine);
    p.write("catatan.txt", "milik saya");
    let run = init(p.root(), &[p.root().to_str().unwrap(), "--force"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(p.read("sopkb.toml"), mine, "overwritten");
    assert_eq!(p.read("catatan.txt"), "milik saya");
    assert!(
        run.stderr
            .contains("sopkb.toml: sudah ada; dilewati, tidak ditimpa"),
        "{}",
        run.stderr
    );
    assert!(p.path("sops/contoh-sop.yaml").is_file());
    // Once more: every file exists now, none changes.
    let before = snapshot(p.root());
    let again = init(p.root(), &[p.root().to_str().unwrap(), "--force"]);
    assert_eq!(again.code, Some(0), "{again:?}");
    assert_eq!(snapshot(p.root()), before);
}

#[cfg(unix)]
#[test]
fn a_linked_folder_on_the_way_is_refused() {
    let p = Project::empty();
    let elsewhere = Project::empty();
    std::os::unix::fs::symlink(elsewhere.root(), p.path("via")).unwrap();
    for dir in [p.path("via"), p.path("via/situs")] {
        let run = init(p.root(), &[dir.to_str().unwrap()]);
        assert_eq!(run.code, Some(2), "{run:?}");
        assert!(run.stderr.contains("tautan simbolik"), "{}", run.stderr);
    }
    assert!(
        snapshot(elsewhere.root()).is_empty(),
        "written through the link"
    );

    // --force into a project whose `content/` is a link: refused there too.
    let q = Project::empty();
    q.write("x.txt", "x");
    std::os::unix::fs::symlink(elsewhere.root(), q.path("content")).unwrap();
    let run = init(q.root(), &[q.root().to_str().unwrap(), "--force"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("content"), "{}", run.stderr);
    assert!(
        snapshot(elsewhere.root()).is_empty(),
        "written through the link"
    );
}
