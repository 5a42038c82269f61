//! `sopkb check` on invalid input, beyond one diagnostic per mutation (those
//! are cases of the bad-input corpus, `bad_input/cases/`, on the base
//! `valid`): every error of two files in one run, in order, in both output
//! formats; the language of the messages; a missing project folder.

use crate::common;

use common::{line_of, Project, LEGAL_PATH, SOP_PATH};

/// Errors in the SOP emitted by the validator out of line order, plus errors
/// in a legal basis: everything comes in one run, sorted by file then line.
fn project_with_errors_in_two_files() -> Project {
    let p = Project::valid();
    // Step 5 gets an unknown lane (late line), the citation an unknown id
    // (early line, but checked after the steps), step 2 an unreadable time.
    p.replace(
        SOP_PATH,
        "    pelaksana: bupati\n",
        "    pelaksana: sekda\n",
    );
    p.replace(
        SOP_PATH,
        "  - pp-28-2018\n",
        "  - pp-28-2018\n  - pp-99-2099\n",
    );
    p.replace(SOP_PATH, "waktu: 30 menit", "waktu: sehari");
    p.replace(
        LEGAL_PATH,
        "status: berlaku\n",
        "status: berlaku\ndiubah_oleh: [uu-99-2099]\nmencabut: [pp-1-1900]\n",
    );
    p
}

#[test]
fn reports_all_errors_of_two_files_in_one_run_sorted_by_file_and_line() {
    let p = project_with_errors_in_two_files();
    let (run, report) = p.check_json();
    assert_eq!(run.code, Some(1));
    let got: Vec<(String, String, usize)> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.file.clone().unwrap_or_default(),
                d.code.clone(),
                d.line.unwrap_or(0),
            )
        })
        .collect();
    let sop = p.read(SOP_PATH);
    let legal = p.read(LEGAL_PATH);
    let expected = vec![
        (
            LEGAL_PATH.to_owned(),
            "HUK001".to_owned(),
            line_of(&legal, "diubah_oleh"),
        ),
        (
            LEGAL_PATH.to_owned(),
            "HUK001".to_owned(),
            line_of(&legal, "mencabut"),
        ),
        (
            SOP_PATH.to_owned(),
            "SOP008".to_owned(),
            line_of(&sop, "pp-99-2099"),
        ),
        (
            SOP_PATH.to_owned(),
            "SOP010".to_owned(),
            line_of(&sop, "sehari"),
        ),
        (
            SOP_PATH.to_owned(),
            "SOP004".to_owned(),
            line_of(&sop, "sekda"),
        ),
        // `bupati` is now used by no step.
        (
            SOP_PATH.to_owned(),
            "SOP005".to_owned(),
            line_of(&sop, "id: bupati"),
        ),
        // Step 2 has no readable time, so the sum no longer matches.
        (
            SOP_PATH.to_owned(),
            "SOP013".to_owned(),
            line_of(&sop, "total_tertulis"),
        ),
    ];
    let mut expected_sorted = expected.clone();
    expected_sorted.sort_by(|a, b| (&a.0, a.2).cmp(&(&b.0, b.2)));
    assert_eq!(got, expected_sorted, "{report:#?}");
    assert_eq!((report.errors, report.warnings), (5, 2));
}

#[test]
fn json_and_human_formats_report_the_same_codes_in_the_same_order() {
    let p = project_with_errors_in_two_files();
    let (_, report) = p.check_json();
    let json_codes: Vec<String> = report.diagnostics.iter().map(|d| d.code.clone()).collect();
    let human = p.run(&["check", "--format", "human"]);
    human.assert_no_panic();
    assert_eq!(human.code, Some(1));
    assert!(
        human.stdout.is_empty(),
        "human diagnostics go to stderr: {}",
        human.stdout
    );
    let human_codes: Vec<String> = human
        .stderr
        .lines()
        .filter_map(|l| {
            let rest = l
                .strip_prefix("kesalahan[")
                .or_else(|| l.strip_prefix("peringatan["))?;
            Some(rest.split(']').next()?.to_owned())
        })
        .collect();
    assert_eq!(json_codes, human_codes, "{}", human.stderr);
    // The locations agree too.
    for d in &report.diagnostics {
        let arrow = format!(
            "--> {}:{}:{}",
            d.file.as_deref().unwrap(),
            d.line.unwrap(),
            d.column.unwrap()
        );
        assert!(
            human.stderr.contains(&arrow),
            "missing `{arrow}`:\n{}",
            human.stderr
        );
    }
    assert!(
        human.stderr.contains("5 kesalahan, 2 peringatan"),
        "{}",
        human.stderr
    );
}

#[test]
fn sopkb_lang_en_switches_messages_to_english() {
    let p = Project::valid();
    p.replace(
        SOP_PATH,
        "    pelaksana: bupati\n",
        "    pelaksana: [bupati, sekda]\n",
    );
    let en = p.run_env(&["check"], &[("SOPKB_LANG", "en")]);
    en.assert_no_panic();
    assert_eq!(en.code, Some(1));
    assert!(en.stderr.contains("error[SOP004]"), "{}", en.stderr);
    assert!(en.stderr.contains("not declared"), "{}", en.stderr);
    assert!(
        en.stderr.contains("1 error(s), 0 warning(s)"),
        "{}",
        en.stderr
    );
    assert!(!en.stderr.contains("kesalahan"), "{}", en.stderr);

    let (_, report) = common::check_json_in(p.root(), &[("SOPKB_LANG", "en")]);
    assert!(
        report.diagnostics[0].message.contains("not declared"),
        "{report:#?}"
    );

    let id = p.run(&["check"]);
    assert!(id.stderr.contains("kesalahan[SOP004]"), "{}", id.stderr);
    assert!(id.stderr.contains("tidak dideklarasikan"), "{}", id.stderr);
}

#[test]
fn config_language_en_switches_messages_and_env_overrides_it() {
    let p = Project::valid();
    p.write("sopkb.toml", "title = \"Uji\"\nlanguage = \"en\"\n");
    p.replace(SOP_PATH, "waktu: 30 menit", "waktu: sehari");
    let en = p.run(&["check"]);
    assert_eq!(en.code, Some(1));
    assert!(
        en.stderr.contains("error[SOP010]") && en.stderr.contains("cannot read time"),
        "{}",
        en.stderr
    );
    let id = p.run_env(&["check"], &[("SOPKB_LANG", "id")]);
    assert!(id.stderr.contains("kesalahan[SOP010]"), "{}", id.stderr);
}

#[test]
fn missing_root_folder_is_not_accepted() {
    let p = Project::empty();
    let run = common::run_in(&p.path("tidak-ada"), &["check"], &[]);
    run.assert_no_panic();
    assert_ne!(run.code, Some(0), "{run:?}");
}

#[test]
fn missing_root_folder_is_a_failure_exit_2() {
    let p = Project::empty();
    let run = common::run_in(&p.path("tidak-ada"), &["check"], &[]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(2), "{run:?}");
}
