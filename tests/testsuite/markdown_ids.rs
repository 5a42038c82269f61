//! Ids on built pages: Markdown that asks for the theme's ids (`{#isi}`,
//! the search box's, a template field's) or repeats one (headings,
//! footnotes, raw HTML) still gives pages whose every id is unique, with the
//! theme's elements keeping theirs; content classes do not reach the page.

use crate::common;

use common::{snapshot, Project};
use std::collections::BTreeMap;

/// Markdown that collides with the theme and with itself.
const HOSTILE_BODY: &str = "\n\
## Isi {#isi .skip}\n\n\
## Cari {#site-search-q}\n\n\
## Langkah {#langkah-1}\n\n\
## Isian {#isian-nomor_surat}\n\n\
## Dua kali {#dua}\n\n\
## Dua kali lagi {#dua}\n\n\
## Pihak {#ks-pihak}\n\n\
Kembali ke [isi](#isi)[^isi] dan [cari](#site-search-q)[^dua].\n\n\
<div id=\"isi\" class=\"ks-sr badge-berlaku\">tersembunyi?</div>\n\n\
<h2 id=\"dua\">mentah</h2>\n\n\
[^isi]: Catatan kaki bernama isi.\n\n\
[^dua]: Catatan kaki bernama dua.\n";

/// Every `id="…"` of a page, with how often it occurs.
fn ids(html: &str) -> BTreeMap<&str, usize> {
    let mut out = BTreeMap::new();
    for part in html.split(" id=\"").skip(1) {
        let id = &part[..part.find('"').expect("closing quote")];
        *out.entry(id).or_default() += 1;
    }
    out
}

fn hostile_project(trust_html: bool) -> Project {
    let p = Project::valid();
    p.write(
        "sopkb.toml",
        &format!("title = \"Uji\"\nbuild_date = \"2026-01-15\"\ntrust_html = {trust_html}\n"),
    );
    for (kind, file) in [
        ("pengetahuan", "content/pengetahuan/artikel.md"),
        ("templat", "content/templat/artikel.md"),
        ("kerja-sama", "content/kerja-sama/artikel.md"),
    ] {
        let run = p.run(&["new", kind, "artikel"]);
        assert_eq!(run.code, Some(0), "{run:?}");
        let text = p.read(file);
        p.write(file, &format!("{text}{HOSTILE_BODY}"));
    }
    let legal = p.read(common::LEGAL_PATH);
    p.write(common::LEGAL_PATH, &format!("{legal}{HOSTILE_BODY}"));
    p.write(
        "content/_index.md",
        &format!("---\njudul: Beranda\n---\nSelamat datang.\n{HOSTILE_BODY}"),
    );
    p
}

#[test]
fn every_id_on_every_built_page_is_unique_and_the_theme_keeps_its_own() {
    for trust in [false, true] {
        let p = hostile_project(trust);
        // The pages come from `sopkb new` skeletons, which are drafts.
        let run = p.run(&["build", "--drafts"]);
        run.assert_no_panic();
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert!(run.stderr.contains("peringatan[URL003]"), "{}", run.stderr);
        let site = snapshot(&p.path("public"));
        let pages = [
            "pengetahuan/artikel/index.html",
            "templat/artikel/index.html",
            "kerja-sama/artikel/index.html",
            "dasar-hukum/pp-28-2018/index.html",
            "index.html",
        ];
        for page in pages {
            let html = String::from_utf8(site[page].clone()).unwrap();
            assert!(html.contains("konten-isi"), "{page}: content id not moved");
            if trust {
                continue; // raw HTML is kept as written (`<div id="isi">`)
            }
            let dups: Vec<_> = ids(&html).into_iter().filter(|(_, n)| *n > 1).collect();
            assert!(dups.is_empty(), "{page}: repeated ids {dups:?}");
            assert!(html.contains("<main id=\"isi\""), "{page}: theme id lost");
            assert!(
                html.contains("href=\"#konten-isi\""),
                "{page}: link not moved"
            );
            // Content classes do not reach the page (the theme's own do).
            assert!(html.contains("<h2 id=\"konten-isi\">Isi</h2>"), "{page}");
            // The raw `<div id="isi" class="ks-sr badge-berlaku">`: its id
            // claimed after the Markdown ones, the theme's classes gone.
            assert!(
                html.contains("<div id=\"isi-3\">tersembunyi?</div>"),
                "{page}"
            );
        }
        // Every other page too: no id anywhere twice (untrusted content).
        if !trust {
            for (name, bytes) in site.iter().filter(|(n, _)| n.ends_with(".html")) {
                let html = String::from_utf8_lossy(bytes);
                let dups: Vec<_> = ids(&html).into_iter().filter(|(_, n)| *n > 1).collect();
                assert!(dups.is_empty(), "{name}: repeated ids {dups:?}");
            }
        }
    }
}
