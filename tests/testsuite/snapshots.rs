//! Reviewed snapshots (insta, `tests/testsuite/snapshots/*.snap`): the
//! `<main>` of every page type of the shipped site, and the human and JSON
//! diagnostics of broken projects. They pin what a reader and an editor
//! see, so a refactor that changes either shows up as a diff to review
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test
//! testsuite snapshots::` and `git diff tests/testsuite/snapshots/`).
//!
//! Inline SVG (the swimlane diagrams, charts) is replaced by its size and
//! SHA-256: every byte is still pinned, without 100 KB of coordinates in a
//! file meant for review (the swimlane has its own geometry tests).

use crate::common;

use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::OnceLock;

/// The shipped content (`sops/`, `content/`, …) built once.
fn shipped_site() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = tempfile::tempdir().expect("tmp");
        crate::common::build_shipped(&out.path().join("site"), &[]);
        out
    })
    .path()
}

/// The `<main …>…</main>` element of a page, SVG elements digested.
fn main_of(page: &str) -> String {
    let html = std::fs::read_to_string(shipped_site().join("site").join(page))
        .unwrap_or_else(|e| panic!("{page}: {e}"));
    let start = html
        .find("<main")
        .unwrap_or_else(|| panic!("{page}: no <main>"));
    let end = html
        .find("</main>")
        .unwrap_or_else(|| panic!("{page}: no </main>"))
        + 7;
    digest_svg(&html[start..end])
}

fn digest_svg(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<svg") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let len = tail.find("</svg>").map_or(tail.len(), |e| e + 6);
        let svg = &tail[..len];
        let hash = Sha256::digest(svg.as_bytes());
        let hex: String = hash.iter().take(8).map(|b| format!("{b:02x}")).collect();
        out.push_str(&format!("<svg bytes=\"{}\" sha256=\"{hex}…\"/>", svg.len()));
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

macro_rules! page_snapshots {
    ($($name:ident => $page:literal,)*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), main_of($page));
        }
    )*};
}

page_snapshots! {
    page_home => "index.html",
    page_not_found => "404.html",
    page_search => "cari/index.html",
    page_glossary => "istilah/index.html",
    page_sop_list => "sop/index.html",
    page_sop_compare => "sop/banding/index.html",
    page_sop_book_tangerang => "sop/buku/pemerintah-kota-tangerang/index.html",
    page_sop_paser => "sop/paser-fasilitasi-kerja-sama/index.html",
    page_sop_yogyakarta_perencanaan => "sop/yogyakarta-perencanaan-ksd/index.html",
    page_legal_list => "dasar-hukum/index.html",
    page_legal_basis => "dasar-hukum/permendagri-22-2020/index.html",
    page_template_list => "templat/index.html",
    page_template => "templat/kesepakatan-bersama/index.html",
    page_article_list => "pengetahuan/index.html",
    page_article => "pengetahuan/tahapan-kerja-sama-daerah/index.html",
    page_registry_list => "kerja-sama/index.html",
    page_registry_entry => "kerja-sama/magetan-ngawi-pks-tpa-regional/index.html",
    page_partner_list => "kerja-sama/mitra/index.html",
    page_partner => "kerja-sama/mitra/pemerintah-kabupaten-ngawi/index.html",
    page_panduan => "panduan/index.html",
}

/// A broken copy of the minimal project: a file whose YAML has the wrong
/// type (fatal for that file) and one with rule errors (unknown executor,
/// unreadable duration, unknown legal basis) and a warning.
fn broken_project() -> common::Project {
    let pr = common::Project::valid();
    pr.write(
        "sops/tipe-salah.yaml",
        "nama: Tipe\ninstansi: Pemerintah Kabupaten Uji\npelaksana:\n  - { id: a, nama: A }\n\
         langkah:\n  - kegiatan: Mulai\n    pelaksana: a\n    waktu: [1]\n",
    );
    pr.write(
        "sops/aturan-salah.yaml",
        "nama: Aturan\ninstansi: Pemerintah Kabupaten Uji\ndasar_hukum: [uu-99-2099]\n\
         pelaksana:\n  - { id: a, nama: A }\n  - { id: c, nama: C }\nlangkah:\n\
         \x20 - kegiatan: Mulai\n    pelaksana: b\n    waktu: sebentar\n\
         \x20 - kegiatan: Selesai\n    pelaksana: a\n    waktu: 5 menit\n",
    );
    pr
}

/// Paths in the output are the temporary project's: keep them relative.
fn stable(text: &str, root: &Path) -> String {
    text.replace(&format!("{}/", root.display()), "")
}

#[test]
fn diagnostics_human_id() {
    let pr = broken_project();
    let run = pr.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    insta::assert_snapshot!(stable(&run.stderr, pr.root()));
}

#[test]
fn diagnostics_human_en() {
    let pr = broken_project();
    let run = pr.run_env(&["check"], &[("SOPKB_LANG", "en")]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    insta::assert_snapshot!(stable(&run.stderr, pr.root()));
}

#[test]
fn diagnostics_json() {
    let pr = broken_project();
    let run = pr.run(&["check", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    insta::assert_snapshot!(stable(&run.stdout, pr.root()));
}
