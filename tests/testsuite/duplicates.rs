//! Two inputs that claim one page (issue 14): the error points at one file
//! and a note names the other, in the human output (`= catatan: juga
//! didefinisikan di FILE:LINE:COL`) and in the JSON report (`notes`).

use crate::common;

use common::{Project, SOP, SOP_PATH};
use serde_json::Value;

/// `SOP` under another name, so that only the duplicate id is wrong.
fn another_sop() -> String {
    SOP.replace("nomor: \"1/UJI/2024\"\n", "")
        .replace("nama: Contoh Prosedur Kerja Sama", "nama: Prosedur Lain")
}

fn json_check(p: &Project) -> Value {
    let run = p.run(&["check", "--format", "json"]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    serde_json::from_str(&run.stdout).expect("JSON report")
}

/// The only diagnostic `code` of a JSON report.
fn only<'a>(report: &'a Value, code: &str) -> &'a Value {
    let all: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect();
    assert_eq!(all.len(), 1, "{report:#}");
    all[0]
}

#[test]
fn one_sop_id_in_two_folders_names_both_files() {
    let p = Project::valid();
    p.remove(SOP_PATH);
    p.write("sops/a/contoh.yaml", SOP);
    p.write("sops/b/contoh.yaml", &another_sop());

    let human = p.run(&["check"]);
    human.assert_no_panic();
    assert_eq!(human.code, Some(1), "{}", human.stderr);
    assert!(
        human.stderr.contains("kesalahan[FILE008]")
            && human.stderr.contains("--> sops/b/contoh.yaml:1:1")
            && human
                .stderr
                .contains("= catatan: juga didefinisikan di sops/a/contoh.yaml:1:1"),
        "{}",
        human.stderr
    );
    let build = p.run(&["build"]);
    build.assert_no_panic();
    assert_eq!(build.code, Some(1), "{}", build.stderr);
    assert!(!p.path("public").exists(), "nothing is written");

    let report = json_check(&p);
    let d = only(&report, "FILE008");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "sops/b/contoh.yaml");
    assert_eq!(d["line"], 1);
    assert_eq!(d["notes"][0]["message"], "juga didefinisikan di");
    assert_eq!(d["notes"][0]["file"], "sops/a/contoh.yaml");
    assert_eq!(d["notes"][0]["line"], 1);
    assert_eq!(d["notes"][0]["column"], 1);

    let en = p.run_env(&["check"], &[("SOPKB_LANG", "en")]);
    assert!(
        en.stderr
            .contains("= note: also defined in sops/a/contoh.yaml:1:1"),
        "{}",
        en.stderr
    );
}

#[test]
fn a_copied_sop_names_the_first_nama() {
    let p = Project::valid();
    p.write(
        "sops/salinan.yaml",
        &SOP.replace("nomor: \"1/UJI/2024\"\n", ""),
    );
    let report = json_check(&p);
    let d = only(&report, "SOP023");
    assert_eq!(
        (&d["file"], &d["line"], &d["column"]),
        (&"sops/salinan.yaml".into(), &2.into(), &7.into())
    );
    assert_eq!(d["notes"][0]["file"], SOP_PATH);
    assert_eq!(d["notes"][0]["line"], 2);
    let human = p.run(&["check"]);
    assert!(
        human
            .stderr
            .contains(&format!("= catatan: juga didefinisikan di {SOP_PATH}:2:7")),
        "{}",
        human.stderr
    );
}

#[test]
fn a_static_file_over_a_generated_page_fails_the_build_and_keeps_the_site() {
    let p = Project::valid();
    let first = p.run(&["build"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let before = common::snapshot(&p.path("public"));
    p.write("static/sop/contoh/index.html", "<p>lama</p>\n");
    p.write("static/Sitemap.xml", "<urlset/>\n");
    let run = p.run(&["build"]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for at in [
        "--> static/sop/contoh/index.html:1:1",
        "--> static/Sitemap.xml:1:1",
        "`sitemap.xml`",
        "= catatan: hanya berbeda huruf besar/kecil",
    ] {
        assert!(run.stderr.contains(at), "{at}: {}", run.stderr);
    }
    assert!(run.stderr.matches("kesalahan[FILE010]").count() == 2);
    assert_eq!(common::snapshot(&p.path("public")), before);
    assert!(common::entries(p.root())
        .iter()
        .all(|n| !n.starts_with(".public")));
}

#[test]
fn partners_whose_names_give_one_page_are_merged_or_reported() {
    let p = Project::valid();
    let entry = |nama: &str, nomor: &str| {
        format!(
            "---\njenis: KSDD\ndokumen: KB\njudul: Kesepakatan\nobjek: Sampah\n\
             para_pihak:\n  - nama: Pemerintah Kabupaten Uji\n    nomor: \"{nomor}/A\"\n\
             \x20 - nama: {nama}\n    nomor: \"{nomor}/B\"\n\
             tanggal:\n  tanda_tangan: 2024-03-01\n  berakhir: 2027-03-01\n---\nUji.\n"
        )
    };
    // One partner spelled two ways: merged, with a warning.
    p.write("content/kerja-sama/a.md", &entry("PT. Air Bersih", "1"));
    p.write("content/kerja-sama/b.md", &entry("PT Air  Bersih", "2"));
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("peringatan[KS016]"), "{}", run.stderr);
    let page = std::fs::read_to_string(p.path("public/kerja-sama/mitra/pt-air-bersih/index.html"))
        .unwrap();
    assert!(page.contains("/kerja-sama/a/") && page.contains("/kerja-sama/b/"));
    // Two partners one slug cannot tell apart: an error naming both.
    p.write("content/kerja-sama/a.md", &entry("Kota 大阪", "1"));
    p.write("content/kerja-sama/b.md", &entry("Kota 東京", "2"));
    let report = json_check(&p);
    let d = only(&report, "KS020");
    assert_eq!(
        (&d["file"], &d["line"]),
        (&"content/kerja-sama/b.md".into(), &9.into())
    );
    assert_eq!(d["notes"][0]["file"], "content/kerja-sama/a.md");
    assert_eq!(d["notes"][0]["line"], 9);
    // A name with no Latin letter has no page.
    p.write("content/kerja-sama/b.md", &entry("東京都", "2"));
    let report = json_check(&p);
    let d = only(&report, "KS019");
    assert_eq!(
        (&d["file"], &d["line"]),
        (&"content/kerja-sama/b.md".into(), &9.into())
    );
}
