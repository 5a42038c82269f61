//! The SOP book (issue 19, point 4): `sop/buku/` holds every published SOP
//! once, in the contents and as a section, every in-page link resolves;
//! `sop/buku/<slug>/` holds exactly its instansi's SOPs and the SOP list
//! links it; drafts stay out unless the build keeps them; output is
//! deterministic. The printed form is tests/browser/book.test.mjs's.

use crate::common;

use common::{build_shipped, snapshot, Project, SOP_PATH};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// (id, nama, instansi) of every SOP in `data/sops.json`.
fn sops(out: &Path) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(out.join("data/sops.json")).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    json["sops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let f = |k: &str| s[k].as_str().unwrap().to_owned();
            (f("id"), f("nama"), f("instansi"))
        })
        .collect()
}

/// The values of attribute `attr` (`href="…"`) in `html`, in order.
fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// The ids of the SOP sections of a book page (`<article class="book-sop" id="buku-ID"`).
fn sections(html: &str) -> Vec<String> {
    html.match_indices("<article class=\"book-sop\" id=\"buku-")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

/// Checks one book: the contents list `want` once each, linking to its
/// section, each section once with the SOP's title as its heading, and
/// every in-page link reaches an id of the page.
fn assert_book(html: &str, want: &[&(String, String, String)], what: &str) {
    let ids: BTreeSet<&str> = attrs(html, "id").into_iter().collect();
    for href in attrs(html, "href") {
        if let Some(frag) = href.strip_prefix('#') {
            assert!(ids.contains(frag), "{what}: #{frag} has no element");
        }
    }
    let got = sections(html);
    let want_ids: Vec<String> = want.iter().map(|s| s.0.clone()).collect();
    assert_eq!(
        got.iter().collect::<BTreeSet<_>>(),
        want_ids.iter().collect::<BTreeSet<_>>(),
        "{what}: sections"
    );
    assert_eq!(got.len(), want.len(), "{what}: a section twice: {got:?}");
    for (id, nama, _) in want {
        let toc = html.matches(&format!("href=\"#buku-{id}\"")).count();
        assert_eq!(toc, 1, "{what}: contents entries of {id}");
        let title = sopkb_search::escape::html_attr(nama);
        let heading = format!("<h2 id=\"buku-{id}-h\">{title}</h2>");
        assert_eq!(html.matches(&heading).count(), 1, "{what}: {heading}");
        let entry = format!("<span class=\"book-toc-title\">{title}</span>");
        assert_eq!(html.matches(&entry).count(), 1, "{what}: {entry}");
    }
}

#[test]
fn the_books_hold_each_published_sop_once_and_per_region_exactly_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_shipped(&out, &[]);
    let all = sops(&out);
    assert!(all.len() > 1);
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    assert_book(
        &read("sop/buku/index.html"),
        &all.iter().collect::<Vec<_>>(),
        "sop/buku/",
    );

    // One book per instansi, each with its SOPs alone, linked from its group
    // of the SOP list; together they hold every SOP.
    let list = read("sop/index.html");
    let mut by_region: BTreeMap<&str, Vec<&(String, String, String)>> = BTreeMap::new();
    for s in &all {
        by_region.entry(s.2.as_str()).or_default().push(s);
    }
    let books: Vec<String> = std::fs::read_dir(out.join("sop/buku"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(books.len(), by_region.len(), "{books:?}");
    for slug in &books {
        let html = read(&format!("sop/buku/{slug}/index.html"));
        let first = sections(&html)[0].clone();
        let region = &all.iter().find(|s| s.0 == first).unwrap().2;
        assert_book(&html, &by_region[region.as_str()], slug);
        assert!(
            list.contains(&format!("href=\"/sop/buku/{slug}/\"")),
            "{slug} is not linked from sop/"
        );
    }
    assert!(list.contains("href=\"/sop/buku/\""));
    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains("<loc>/sop/buku/</loc>"), "{sitemap}");
    for slug in &books {
        assert!(sitemap.contains(&format!("<loc>/sop/buku/{slug}/</loc>")));
    }

    // Deterministic: a second build writes the same books.
    let again = dir.path().join("again");
    build_shipped(&again, &[]);
    let (a, b) = (snapshot(&out), snapshot(&again));
    let book = |s: &BTreeMap<String, Vec<u8>>| {
        s.iter()
            .filter(|(k, _)| k.starts_with("sop/buku/"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(book(&a), book(&b));
}

#[test]
fn a_draft_is_in_the_book_only_when_the_build_keeps_drafts() {
    let p = Project::valid();
    let text = p.read(SOP_PATH);
    p.write(
        SOP_PATH,
        &text.replacen("\nnama:", "\ndraf: true\nnama:", 1),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let book = p.read("public/sop/buku/index.html");
    assert!(
        sections(&book).is_empty() && !book.contains("Contoh Prosedur"),
        "{book}"
    );
    assert!(!p.path("public/sop/buku/pemerintah-kabupaten-uji").exists());

    let run = p.run(&["build", "--drafts"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(sections(&p.read("public/sop/buku/index.html")), ["contoh"]);
    let region = p.read("public/sop/buku/pemerintah-kabupaten-uji/index.html");
    assert_eq!(sections(&region), ["contoh"]);
}

#[test]
fn an_sop_may_not_take_the_books_address() {
    let p = Project::valid();
    let text = p.read(SOP_PATH);
    p.remove(SOP_PATH);
    p.write("sops/buku.yaml", &text);
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("FILE009"), "{}", run.stderr);
}
