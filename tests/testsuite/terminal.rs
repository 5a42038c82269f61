//! What `build` and `check` print for a person at a terminal (issue 18):
//! one summary line (pages per kind, files, warnings, elapsed time),
//! `--verbose` stage timings, `--color auto|always|never` and `NO_COLOR`,
//! and no escape codes where the output is not a terminal. A terminal is
//! emulated with util-linux `script`, which gives the command a pty.

use crate::common;

use common::{run_command, Project, Run};
use std::process::Command;

const ESC: char = '\u{1b}';

/// `sopkb --root <p> ARGS` on a pseudo-terminal; stdout and stderr both
/// arrive in `Run::stdout` (the pty joins them).
fn on_terminal(p: &Project, args: &str, env: &[(&str, &str)]) -> Run {
    let line = format!(
        "{} --root {} {args}",
        env!("CARGO_BIN_EXE_sopkb"),
        p.root().display()
    );
    let mut cmd = Command::new("script");
    // A terminal that takes colour, whatever the test runner's is; the
    // progress line only where a test asks for it (it depends on time).
    cmd.args(["-qec", &line, "/dev/null"])
        .env("TERM", "xterm-256color")
        .env("SOPKB_PROGRESS", "never");
    run_command(cmd, env)
}

#[test]
fn a_build_ends_with_one_summary_line_in_the_site_language() {
    let p = Project::with_one_warning();
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let last = run.stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("selesai dalam ")
            && last.contains(" detik: 1 SOP, ")
            && last.contains(" berkas ditulis ke ")
            && last.ends_with("; 1 peringatan"),
        "{last}"
    );
    let run = p.run_env(&["build"], &[("SOPKB_LANG", "en")]);
    let last = run.stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("done in ") && last.contains(" s: 1 SOP, ") && last.ends_with("1 warning"),
        "{last}"
    );
    // Not a terminal: no colour, no progress display.
    assert!(!run.stderr.contains(ESC), "{:?}", run.stderr);
}

#[test]
fn verbose_prints_the_stages_and_quiet_prints_nothing() {
    let p = Project::valid();
    let run = p.run(&["build", "--verbose"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    for stage in ["load", "validate", "render", "search index", "write"] {
        assert!(
            run.stderr.contains(&format!("timing: {stage} ")),
            "{stage}: {}",
            run.stderr
        );
    }
    let run = p.run(&["-v", "check"]);
    assert!(run.stderr.contains("timing: validate "), "{}", run.stderr);
    let run = Project::with_one_warning().run(&["build", "--quiet"]);
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), ""), "{run:?}");
}

#[test]
fn diagnostics_are_coloured_on_a_terminal_unless_no_color() {
    let p = Project::with_one_warning();
    let run = on_terminal(&p, "check", &[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    // rustc's colours: bold bright yellow for a warning, bright blue gutter.
    assert!(
        run.stdout.contains("\u{1b}[1m\u{1b}[93mperingatan[SOP013]"),
        "{:?}",
        run.stdout
    );
    assert!(run.stdout.contains("\u{1b}[94m-->"), "{:?}", run.stdout);
    for (args, env) in [
        ("check", &[("NO_COLOR", "1")][..]),
        ("--color never check", &[][..]),
        ("build --color never", &[][..]),
    ] {
        let run = on_terminal(&p, args, env);
        assert_eq!(run.code, Some(0), "{args}: {run:?}");
        assert!(run.stdout.contains("peringatan[SOP013]"), "{args}: {run:?}");
        assert!(!run.stdout.contains(ESC), "{args}: {:?}", run.stdout);
    }
    // Forced colour reaches a pipe too, and the text is the same once the
    // escape codes are removed.
    let coloured = p.run(&["check", "--color", "always"]);
    let plain = p.run(&["check"]);
    assert!(coloured.stderr.contains(ESC), "{:?}", coloured.stderr);
    assert_eq!(strip_ansi(&coloured.stderr), plain.stderr);
}

#[test]
fn the_progress_line_shows_on_a_terminal_only_and_is_cleared_for_the_summary() {
    let p = Project::valid();
    // At once (`always`): the stage and the files written, then cleared.
    let run = on_terminal(&p, "build", &[("SOPKB_PROGRESS", "always")]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.contains(" berkas · "), "{:?}", run.stdout);
    assert!(
        run.stdout.contains("\u{1b}[2K"),
        "the line is cleared: {:?}",
        run.stdout
    );
    let last = run
        .stdout
        .trim_end()
        .rsplit(['\n', '\r'])
        .next()
        .unwrap_or_default();
    let last = last.trim_start_matches("\u{1b}[2K");
    assert!(last.starts_with("selesai dalam "), "{last:?}");
    // Never on a pipe, whatever it is asked.
    let run = p.run_env(&["build"], &[("SOPKB_PROGRESS", "always")]);
    assert!(
        !run.stderr.contains(ESC) && !run.stderr.contains(" berkas · "),
        "{:?}",
        run.stderr
    );
    // `never`, and a quiet build, draw nothing on a terminal either.
    for args in ["build", "build --quiet"] {
        let env = [(
            "SOPKB_PROGRESS",
            if args == "build" { "never" } else { "always" },
        )];
        let run = on_terminal(&p, args, &env);
        assert!(!run.stdout.contains(ESC), "{args}: {:?}", run.stdout);
    }
}

/// The text without CSI escape sequences (`ESC [ … letter`).
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == ESC {
            // Skip `[`, parameters, then the final letter.
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
