//! `sopkb completions SHELL` and `sopkb man`: generated from the parser, so
//! they name every command `sopkb --help` lists.

use crate::common;

use common::Project;

/// The commands `sopkb --help` lists (hidden ones excluded).
fn commands(p: &Project) -> Vec<String> {
    let help = p.run(&["--help"]).stdout;
    let list = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands section");
    let names: Vec<String> = list
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_owned)
        .collect();
    for must in ["build", "check", "completions", "man"] {
        assert!(names.iter().any(|n| n == must), "{must}: {names:?}");
    }
    names
}

#[test]
fn completions_name_every_command() {
    let p = Project::empty();
    let names = commands(&p);
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = p.run(&["completions", shell]);
        assert_eq!(run.code, Some(0), "{shell}: {run:?}");
        for name in &names {
            assert!(run.stdout.contains(name.as_str()), "{shell}: no {name}");
        }
    }
    let bash = p.run(&["completions", "bash"]).stdout;
    assert!(bash.contains("complete -F _sopkb"), "{bash}");
    assert!(
        bash.contains("--deny-warnings"),
        "check/build flags are completed"
    );
    assert_eq!(p.run(&["completions", "tcsh"]).code, Some(2));
}

#[test]
fn the_man_page_names_every_command() {
    let p = Project::empty();
    let run = p.run(&["man"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    // clap_mangen opens with two `.ie`/`.el` quoting lines, then the title.
    let first_macro = run
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"));
    assert!(
        first_macro.is_some_and(|l| l.starts_with(".TH sopkb 1")),
        "{}",
        run.stdout
    );
    for name in commands(&p) {
        assert!(
            run.stdout
                .contains(&format!("sopkb\\-{}(1)", name.replace('-', "\\-"))),
            "no {name}"
        );
    }
}

#[test]
fn man_out_writes_one_page_per_command_and_never_overwrites() {
    let p = Project::empty();
    let dir = p.path("man");
    let run = p.run(&["man", "--out", dir.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(std::fs::read_to_string(dir.join("sopkb.1"))
        .unwrap()
        .contains(".TH sopkb 1"));
    for name in commands(&p) {
        let page = std::fs::read_to_string(dir.join(format!("sopkb-{name}.1")))
            .unwrap_or_else(|e| panic!("sopkb-{name}.1: {e}"));
        assert!(page.contains(&format!(".TH sopkb-{name} 1")), "{page}");
    }
    std::fs::write(dir.join("sopkb.1"), "mine").unwrap();
    let again = p.run(&["man", "--out", dir.to_str().unwrap()]);
    assert_eq!(again.code, Some(2), "{again:?}");
    assert_eq!(
        std::fs::read_to_string(dir.join("sopkb.1")).unwrap(),
        "mine"
    );
}
