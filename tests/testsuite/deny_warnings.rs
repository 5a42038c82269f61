//! `--deny-warnings` (`-D warnings`) and `--quiet` on `check` and `build`:
//! warnings fail the run (a failed build writes nothing) and quiet runs
//! print errors only.

use crate::common;

use common::{snapshot, Project, SOP_PATH};

#[test]
fn warnings_fail_check_when_denied() {
    let p = Project::with_one_warning();
    for flags in [&["--deny-warnings"][..], &["-D", "warnings"]] {
        let run = p.run(&[&["check"][..], flags].concat());
        assert_eq!(run.code, Some(1), "{flags:?}: {run:?}");
        assert!(run.stderr.contains("--deny-warnings"), "{}", run.stderr);
    }
    let run = p.run(&["check", "--deny-warnings", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(common::parse_report(&run.stdout).warnings, 1);
    // -D takes only `warnings`.
    assert_eq!(p.run(&["check", "-D", "errors"]).code, Some(2));
    // Without warnings, denying them changes nothing.
    assert_eq!(
        Project::valid().run(&["check", "-D", "warnings"]).code,
        Some(0)
    );
}

#[test]
fn a_denied_build_writes_nothing_and_keeps_the_previous_site() {
    let p = Project::valid();
    assert_eq!(p.run(&["build"]).code, Some(0));
    let before = snapshot(&p.path("public"));
    p.replace(
        SOP_PATH,
        "total_tertulis: 2 hari 45 menit",
        "total_tertulis: 3 hari",
    );
    p.replace(
        SOP_PATH,
        "Menandatangani surat penawaran",
        "Menandatangani surat",
    );
    let run = p.run(&["build", "--deny-warnings"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("SOP013"), "{}", run.stderr);
    assert_eq!(snapshot(&p.path("public")), before, "the site changed");
    // Allowed, the same build goes through.
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_ne!(snapshot(&p.path("public")), before);
}

#[test]
fn a_denied_first_build_creates_no_folder() {
    let p = Project::with_one_warning();
    let run = p.run(&["build", "-D", "warnings"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(!p.path("public").join("index.html").exists());
}

#[test]
fn quiet_prints_errors_only() {
    let p = Project::with_one_warning();
    for cmd in ["check", "build"] {
        let loud = p.run(&[cmd]);
        assert_eq!(loud.code, Some(0), "{loud:?}");
        assert!(loud.stderr.contains("SOP013"), "{cmd}: {}", loud.stderr);
        for q in ["--quiet", "-q"] {
            let run = p.run(&[cmd, q]);
            assert_eq!(run.code, Some(0), "{cmd} {q}: {run:?}");
            assert_eq!(run.stderr, "", "{cmd} {q}: prints nothing");
            assert_eq!(run.stdout, "", "{cmd} {q}: prints nothing");
        }
    }
    // An error is printed, with its summary; the warning is not.
    p.replace(SOP_PATH, "pelaksana: bupati", "pelaksana: walikota");
    for cmd in ["check", "build"] {
        let run = p.run(&[cmd, "-q"]);
        assert_eq!(run.code, Some(1), "{cmd}: {run:?}");
        assert!(run.stderr.contains("error") || run.stderr.contains("kesalahan"));
        assert!(!run.stderr.contains("SOP013"), "{cmd}: {}", run.stderr);
        assert!(run.stderr.contains("1 kesalahan"), "{cmd}: {}", run.stderr);
    }
    // Quiet and denied: the reason is still said.
    let p = Project::with_one_warning();
    let run = p.run(&["check", "-q", "-D", "warnings"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("--deny-warnings"), "{}", run.stderr);
}
