//! The cooperation navigator (`content/panduan.yaml` -> `panduan/`): the
//! shipped page lists every outcome with working links; a broken reference
//! and a rule without a source are rejected where they are written; a
//! project without the file builds with no page and no nav entry. One case
//! per `PAN` code is in the bad-input corpus; the browser test
//! (`tests/browser/panduan.test.mjs`) checks the page with and without JS.

use crate::common;

use common::Project;
use std::collections::BTreeSet;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A navigator over `Project::valid()`'s SOP and legal basis.
const GUIDE: &str = "\
mitra:
  - id: daerah-lain
    label: Daerah lain
objek:
  - id: urusan-daerah
    label: Urusan daerah
hasil:
  - id: ksdd
    mitra: daerah-lain
    objek: [urusan-daerah]
    jenis: KSDD
    ringkasan: Kerja sama dengan daerah lain.
    dasar_hukum: [pp-28-2018]
    sop: [contoh]
    sumber:
      - dasar_hukum: pp-28-2018
        bagian: jenis KSD
";

/// The `href`s and `id`s of `html`.
fn attrs(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

/// `id: ` values of the top-level list `key` of the shipped panduan.yaml
/// (up to the next top-level key).
fn ids_of(text: &str, key: &str) -> Vec<String> {
    let start = text.find(&format!("\n{key}:\n")).unwrap() + key.len() + 3;
    text[start..]
        .lines()
        .take_while(|l| !l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.strip_prefix("  - id: "))
        .map(|s| s.trim().to_owned())
        .collect()
}

#[test]
fn the_shipped_page_lists_every_outcome_with_working_links() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    common::build_shipped(&out, &[]);
    let html = std::fs::read_to_string(out.join("panduan/index.html")).unwrap();
    let yaml = std::fs::read_to_string(Path::new(ROOT).join("content/panduan.yaml")).unwrap();
    let ids: BTreeSet<String> = attrs(&html, "id").into_iter().collect();
    let hrefs = attrs(&html, "href");
    let outcomes = ids_of(&yaml, "hasil");
    assert!(outcomes.len() >= 5, "{outcomes:?}");
    for id in &outcomes {
        let anchor = format!("panduan-{id}");
        assert!(ids.contains(&anchor), "no card #{anchor}");
        assert!(
            hrefs.contains(&format!("#{anchor}")),
            "no link to #{anchor}"
        );
    }
    for id in ids_of(&yaml, "mitra") {
        assert!(
            hrefs.contains(&format!("#panduan-mitra-{id}")),
            "partner {id}"
        );
    }
    // Every link resolves: a page of the site or an anchor of this page.
    for href in &hrefs {
        if let Some(anchor) = href.strip_prefix('#') {
            assert!(ids.contains(anchor), "broken anchor {href}");
        } else if let Some(path) = href.strip_prefix('/') {
            let file = out.join(path);
            let file = if path.is_empty() || path.ends_with('/') {
                file.join("index.html")
            } else {
                file
            };
            assert!(file.is_file(), "broken link {href}");
        }
    }
    // Each rule links its sources; the script is this page's alone.
    assert!(html.contains("class=\"panduan-sumber\""));
    assert!(html.contains("assets/panduan.js"));
    assert!(out.join("assets/panduan.js").is_file());
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("href=\"/panduan/\""), "nav entry");
    assert!(!home.contains("panduan.js"));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/panduan/</loc>"), "{sitemap}");
}

#[test]
fn a_valid_guide_builds_its_page_and_nav_entry() {
    let p = Project::valid();
    p.write("content/panduan.yaml", GUIDE);
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let html = p.read("public/panduan/index.html");
    assert!(html.contains("id=\"panduan-ksdd\""));
    assert!(html.contains("href=\"/sop/contoh/\""));
    assert!(html.contains("href=\"/dasar-hukum/pp-28-2018/\""));
    assert!(p
        .read("public/sop/index.html")
        .contains("href=\"/panduan/\""));
}

#[test]
fn a_project_without_the_file_has_no_page_and_no_nav_entry() {
    let p = Project::valid();
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!p.path("public/panduan").exists());
    assert!(!p.read("public/index.html").contains("panduan/"));
    assert!(!p.read("public/sitemap.xml").contains("panduan/"));
}

#[test]
fn a_broken_reference_is_pan002_at_the_id_with_the_nearest_one() {
    let p = Project::valid();
    p.write(
        "content/panduan.yaml",
        &GUIDE.replace("sop: [contoh]", "sop: [contoh-]"),
    );
    let (run, report) = p.check_json();
    assert_eq!(run.code, Some(1));
    let d = &report.diagnostics[0];
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(d.code, "PAN002");
    assert_eq!(d.file.as_deref(), Some("content/panduan.yaml"));
    assert_eq!((d.line, d.column), (Some(14), Some(11)));
    assert!(
        d.label.as_deref().unwrap_or("").contains("`contoh`"),
        "{d:?}"
    );
    // `build` writes nothing.
    assert!(!p.path("public/panduan").exists());
}

#[test]
fn a_rule_without_sumber_is_pan004_at_the_rule() {
    let p = Project::valid();
    let text = &GUIDE[..GUIDE.find("    sumber:").unwrap()];
    p.write("content/panduan.yaml", text);
    let (run, report) = p.check_json();
    assert_eq!(run.code, Some(1));
    let d = &report.diagnostics[0];
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(d.code, "PAN004");
    assert_eq!((d.line, d.column), (Some(8), Some(5)));
    // A legal-basis source without its part is PAN004 too.
    p.write(
        "content/panduan.yaml",
        &GUIDE.replace("        bagian: jenis KSD\n", ""),
    );
    let (_, report) = p.check_json();
    let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["PAN004"]);
    assert_eq!(report.diagnostics[0].line, Some(16));
}

#[test]
fn unknown_keys_are_rejected() {
    let p = Project::valid();
    p.write(
        "content/panduan.yaml",
        &GUIDE.replace("    jenis:", "    jenjs:"),
    );
    let (run, report) = p.check_json();
    assert_eq!(run.code, Some(1));
    let d = &report.diagnostics[0];
    assert!(d.code.starts_with("YAML"), "{d:?}");
    assert_eq!(d.line, Some(11));
}
