//! `sopkb new KIND NAME` with the real binary: each kind's skeleton lands in
//! its folder, passes `check` without a diagnostic, is a draft (`build`
//! leaves it out, `build --drafts` publishes it) whose placeholders must be
//! replaced before it is published, and builds into a page;
//! existing files are never overwritten; names must be ids.

use crate::common;

use common::{snapshot, Project};

const KINDS: &[(&str, &str, &str)] = &[
    ("sop", "sops/baru.yaml", "sop/baru/index.html"),
    (
        "dasar-hukum",
        "content/dasar-hukum/baru.md",
        "dasar-hukum/baru/index.html",
    ),
    (
        "templat",
        "content/templat/baru.md",
        "templat/baru/index.html",
    ),
    (
        "kerja-sama",
        "content/kerja-sama/baru.md",
        "kerja-sama/baru/index.html",
    ),
    (
        "pengetahuan",
        "content/pengetahuan/baru.md",
        "pengetahuan/baru/index.html",
    ),
];

#[test]
fn each_skeleton_passes_check_and_builds_into_a_page() {
    for (kind, file, page) in KINDS {
        let p = Project::valid();
        let run = p.run(&["new", kind, "baru"]);
        assert_eq!(run.code, Some(0), "{kind}: {run:?}");
        assert_eq!(run.stdout.trim(), *file, "{kind}: prints the path");
        assert!(p.path(file).is_file(), "{kind}: {file} not written");
        let text = p.read(file);
        assert!(text.contains("# "), "{kind}: the skeleton is commented");
        let (check, report) = p.check_json();
        assert_eq!(check.code, Some(0), "{kind}: {}", check.stdout);
        assert_eq!(
            report.diagnostics.len(),
            0,
            "{kind}: {:#?}",
            report.diagnostics
        );
        // A draft: left out of `build`, published by `build --drafts`.
        assert!(text.contains("\ndraf: true "), "{kind}: {text}");
        let build = p.run(&["build"]);
        assert_eq!(build.code, Some(0), "{kind}: {}", build.stderr);
        assert!(
            !snapshot(&p.path("public")).contains_key(*page),
            "{kind}: {page} published"
        );
        let build = p.run(&["build", "--drafts"]);
        assert_eq!(build.code, Some(0), "{kind}: {}", build.stderr);
        let files = snapshot(&p.path("public"));
        assert!(files.contains_key(*page), "{kind}: no {page}");
        // Published as is, its example text would go out: build refuses.
        let published: String = text
            .lines()
            .filter(|l| !l.starts_with("draf: true"))
            .map(|l| format!("{l}\n"))
            .collect();
        p.write(file, &published);
        let build = p.run(&["build"]);
        assert_eq!(build.code, Some(1), "{kind}: {}", build.stderr);
        assert!(
            build.stderr.contains("kesalahan[FILE013]"),
            "{kind}: {}",
            build.stderr
        );
        let (check, report) = p.check_json();
        assert_eq!(
            (check.code, report.warnings),
            (Some(0), 1),
            "{kind}: {}",
            check.stdout
        );
        // Once every `[isi]` text is replaced, it is published.
        p.write(file, &published.replace("[isi] ", ""));
        let build = p.run(&["build"]);
        assert_eq!(build.code, Some(0), "{kind}: {}", build.stderr);
        assert!(
            snapshot(&p.path("public")).contains_key(*page),
            "{kind}: no {page}"
        );
    }
}

#[test]
fn every_kind_in_one_empty_project_passes_check() {
    let p = Project::empty();
    p.write("sopkb.toml", common::CONFIG);
    for (kind, _, _) in KINDS {
        let run = p.run(&["new", kind, &format!("contoh-{kind}")]);
        assert_eq!(run.code, Some(0), "{kind}: {run:?}");
    }
    let (check, report) = p.check_json();
    assert_eq!(check.code, Some(0));
    assert_eq!(report.diagnostics.len(), 0, "{:#?}", report.diagnostics);
}

#[test]
fn refuses_to_overwrite_an_existing_file() {
    let p = Project::valid();
    let before = p.read(common::SOP_PATH);
    let run = p.run(&["new", "sop", "contoh"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("sops/contoh.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("tidak ditimpa"), "{}", run.stderr);
    assert_eq!(p.read(common::SOP_PATH), before);
}

#[test]
fn refuses_names_that_are_not_ids() {
    let p = Project::valid();
    for bad in [
        "Baru",
        "baru_sop",
        "-baru",
        "baru-",
        "../baru",
        "a/b",
        "baru.yaml",
        "ba ru",
    ] {
        let run = p.run(&["new", "sop", bad]);
        assert_eq!(run.code, Some(2), "{bad}: {run:?}");
        assert!(run.stdout.is_empty(), "{bad}");
    }
    let run = p.run(&["new", "sop", "baru.yaml"]);
    assert!(run.stderr.contains("`baru`"), "{}", run.stderr);
    let files = snapshot(p.root());
    assert_eq!(
        files.keys().filter(|k| k.starts_with("sops/")).count(),
        1,
        "{:?}",
        files.keys()
    );
}

#[test]
fn english_messages_with_sopkb_lang() {
    let p = Project::valid();
    let run = p.run_env(&["new", "sop", "contoh"], &[("SOPKB_LANG", "en")]);
    assert!(run.stderr.contains("not overwritten"), "{}", run.stderr);
}
