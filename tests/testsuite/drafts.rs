//! Drafts (`draf: true`, issue 20): `build` publishes the project as if a
//! draft's file were absent (no page, list entry, sitemap or feed entry,
//! search document or open-data row); a published page that still names a
//! draft fails the build with a note saying so, and `check` reports that
//! too; `build --drafts` publishes drafts with a banner, out of search
//! engines' reach.

use crate::common;

use common::{snapshot, Project, LEGAL_PATH, SOP_PATH};

fn draft(p: &Project, path: &str) {
    let text = p.read(path);
    let text = match text.strip_prefix("---\n") {
        Some(rest) => format!("---\ndraf: true\n{rest}"),
        None => text.replacen("\nnama:", "\ndraf: true\nnama:", 1),
    };
    p.write(path, &text);
}

fn search(p: &Project, query: &str) -> String {
    let site = p.path("public").to_string_lossy().into_owned();
    let run = p.run(&["search", "--site", &site, "--json", query]);
    assert_eq!(run.code, Some(0), "{run:?}");
    run.stdout
}

#[test]
fn a_draft_is_left_out_of_everything_build_writes() {
    let p = Project::valid();
    assert_eq!(p.run(&["build"]).code, Some(0));
    assert!(search(&p, "surat penawaran").contains("sop/contoh/"));
    draft(&p, SOP_PATH);
    let check = p.run(&["check"]);
    assert_eq!(check.code, Some(0), "nothing names the SOP: {check:?}");
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stderr.contains(": 0 SOP,"), "{}", run.stderr);
    let site = snapshot(&p.path("public"));
    assert!(
        !site.keys().any(|k| k.starts_with("sop/contoh/")),
        "{:?}",
        site.keys()
    );
    for file in [
        "sitemap.xml",
        "feed.xml",
        "data/sops.json",
        "sop/index.html",
        "dasar-hukum/pp-28-2018/index.html",
    ] {
        let text = String::from_utf8_lossy(&site[file]);
        assert!(
            !text.contains("sop/contoh/") && !text.contains("Contoh Prosedur Kerja Sama"),
            "{file}: {text}"
        );
    }
    assert!(!search(&p, "surat penawaran").contains("sop/contoh/"));

    // --drafts: published, with a banner, and not for search engines.
    let run = p.run(&["build", "--drafts"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let page = p.read("public/sop/contoh/index.html");
    assert!(
        page.contains("class=\"draft-banner\"")
            && page.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{page}"
    );
    assert!(search(&p, "surat penawaran").contains("sop/contoh/"));
    // A published page has neither.
    let legal = p.read("public/dasar-hukum/pp-28-2018/index.html");
    assert!(
        !legal.contains("draft-banner") && !legal.contains("noindex"),
        "{legal}"
    );
}

#[test]
fn a_published_page_naming_a_draft_fails_build_and_check_says_why() {
    let p = Project::valid();
    assert_eq!(p.run(&["build"]).code, Some(0));
    let before = snapshot(&p.path("public"));
    // The SOP cites the legal basis, which becomes a draft.
    draft(&p, LEGAL_PATH);
    for args in [&["check"][..], &["build"]] {
        let run = p.run(args);
        assert_eq!(run.code, Some(1), "{args:?}: {run:?}");
        assert!(
            run.stderr.contains("--> sops/contoh.yaml:"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!(
                "`pp-28-2018` masih draf (`draf: true` di {LEGAL_PATH})"
            )),
            "{}",
            run.stderr
        );
    }
    assert_eq!(
        before,
        snapshot(&p.path("public")),
        "a refused build keeps the site"
    );
    // The draft's own content is still checked by `check`.
    p.replace(LEGAL_PATH, "tahun: 2018", "tahun: dua ribu");
    let run = p.run(&["check"]);
    assert!(run.stderr.contains(LEGAL_PATH), "{}", run.stderr);
    p.replace(LEGAL_PATH, "tahun: dua ribu", "tahun: 2018");
    assert_eq!(p.run(&["build", "--drafts"]).code, Some(0));
}
