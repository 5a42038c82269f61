//! Knowledge pages on a fixture project run through the real binary: the
//! glossary and `<abbr>` tooltips, document templates (page, `.docx`, `.md`,
//! links from SOP steps), articles, legal backlinks and timeline, home page,
//! sitemap, robots, Atom feed, Open Graph, 404, `--base-url` with a sub-path.
//! One case per `IST`, `TPL` and `ART` rule code is in the bad-input corpus
//! (`bad_input/cases/`, base `knowledge`: this fixture project).

use crate::common;

use common::Project;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

const GLOSSARY_PATH: &str = "content/istilah.yaml";
const TEMPLATE_PATH: &str = "content/templat/surat-penawaran.md";
const TEMPLATE2_PATH: &str = "content/templat/surat-permohonan.md";
const ARTICLE_PATH: &str = "content/pengetahuan/memilih-jenis.md";

// The files of the bad-input base `knowledge` (its IST, TPL and ART cases
// change one of them).
const GLOSSARY: &str = include_str!("bad_input/bases/knowledge/content/istilah.yaml");
const TEMPLATE: &str = include_str!("bad_input/bases/knowledge/content/templat/surat-penawaran.md");
const TEMPLATE2: &str =
    include_str!("bad_input/bases/knowledge/content/templat/surat-permohonan.md");
const ARTICLE: &str =
    include_str!("bad_input/bases/knowledge/content/pengetahuan/memilih-jenis.md");

/// The valid project of `common` plus a glossary, two templates and an article.
fn project() -> Project {
    let p = Project::valid();
    p.write(GLOSSARY_PATH, GLOSSARY);
    p.write(TEMPLATE_PATH, TEMPLATE);
    p.write(TEMPLATE2_PATH, TEMPLATE2);
    p.write(ARTICLE_PATH, ARTICLE);
    p
}

fn build(p: &Project, args: &[&str]) -> std::path::PathBuf {
    let out = p.path("public");
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = p.run(&all);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "build failed:\n{}", run.stderr);
    out
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("public/{rel}: {e}"))
}

/// The `<main>` part of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("<main>");
    let end = html.rfind("</main>").expect("</main>");
    &html[start..end]
}

/// Every `href="..."` and `src="..."` value of a page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').expect("closing quote");
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Checks that every internal link of every HTML page resolves to a file of
/// `out`, for a site whose URLs start with `prefix` (`/` or `/kb/`).
fn assert_links_resolve(out: &Path, prefix: &str) {
    let files = common::snapshot(out);
    let mut broken = Vec::new();
    let mut checked = 0;
    for (rel, bytes) in &files {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            if link.starts_with("http") || link.starts_with("mailto:") || link.starts_with('#') {
                continue;
            }
            assert!(
                link.starts_with(prefix),
                "{rel}: link `{link}` does not start with the base `{prefix}`"
            );
            let path = link[prefix.len()..].split(['#', '?']).next().unwrap_or("");
            let target = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_owned()
            };
            checked += 1;
            if !files.contains_key(&target) {
                broken.push(format!("{rel} -> {link}"));
            }
        }
    }
    assert!(checked > 50, "too few links checked: {checked}");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text)
        .unwrap_or_else(|e| panic!("not well-formed XML ({e}):\n{text}"))
}

#[test]
fn builds_glossary_template_and_article_pages_with_downloads() {
    let p = project();
    let out = build(&p, &[]);
    for f in [
        "istilah/index.html",
        "templat/index.html",
        "templat/surat-penawaran/index.html",
        "templat/surat-penawaran/surat-penawaran.docx",
        "templat/surat-penawaran/surat-penawaran.md",
        "templat/surat-permohonan/surat-permohonan.docx",
        "pengetahuan/index.html",
        "pengetahuan/memilih-jenis/index.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "404.html",
    ] {
        assert!(out.join(f).is_file(), "missing public/{f}");
    }
    assert_eq!(
        read(&out, "templat/surat-penawaran/surat-penawaran.md"),
        TEMPLATE
    );
    let list = read(&out, "templat/index.html");
    let penawaran = list.find("Tahap: Penawaran").expect("stage group");
    let inisiasi = list.find("Tahap: Inisiasi").expect("stage group");
    assert!(inisiasi < penawaran, "stages follow the procedure's order");
}

#[test]
fn glossary_lists_terms_alphabetically_with_both_meanings_under_one_anchor() {
    let p = project();
    let out = build(&p, &[]);
    let page = read(&out, "istilah/index.html");
    let main = main_of(&page);
    for anchor in ["id=\"pks\"", "id=\"sk\"", "id=\"tapem\"", "id=\"mitra\""] {
        assert_eq!(main.matches(anchor).count(), 1, "{anchor}");
    }
    let order: Vec<usize> = ["id=\"mitra\"", "id=\"pks\"", "id=\"sk\"", "id=\"tapem\""]
        .iter()
        .map(|a| main.find(a).unwrap())
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "alphabetical: {order:?}"
    );
    let sk = &main[main.find("id=\"sk\"").unwrap()..main.find("id=\"tapem\"").unwrap()];
    assert!(
        sk.contains("Surat Keputusan") && sk.contains("Studi Kelayakan"),
        "{sk}"
    );
    assert!(main.contains("href=\"/dasar-hukum/pp-28-2018/\""));
    // The glossary defines the acronyms: no tooltips on its own page.
    assert!(!main.contains("<abbr title"), "{main}");
}

#[test]
fn abbr_marks_the_first_use_of_each_acronym_on_every_page() {
    let p = project();
    let out = build(&p, &[]);
    let article = read(&out, "pengetahuan/memilih-jenis/index.html");
    let main = main_of(&article);
    assert_eq!(
        main.matches("<abbr title=\"Perjanjian Kerja Sama\">PKS</abbr>")
            .count(),
        1,
        "{main}"
    );
    assert!(main.contains("<abbr title=\"Surat Keputusan / Studi Kelayakan\">SK</abbr>"));
    assert!(main.contains("<abbr title=\"Tata Pemerintahan\">Tapem</abbr>"));
    // Not in the header, title or navigation.
    let head = &article[..article.find("<main").unwrap()];
    assert!(!head.contains("<abbr"));
    // SOP pages: the kegiatan and Mutu Baku text (the SOP's unit "Bagian Tata
    // Pemerintahan" has no acronym; its lane "Bagian Tapem" has).
    let sop = read(&out, "sop/contoh/index.html");
    let main = main_of(&sop);
    assert_eq!(
        main.matches("<abbr title=\"Tata Pemerintahan\">").count(),
        1
    );
    // Never inside the inline SVG diagram.
    let svg_start = main.find("<svg").unwrap();
    let svg_end = main.find("</svg>").unwrap();
    assert!(!main[svg_start..svg_end].contains("<abbr"));
}

#[test]
fn template_page_highlights_fields_and_lists_them() {
    let p = project();
    let out = build(&p, &[]);
    let page = read(&out, "templat/surat-penawaran/index.html");
    let main = main_of(&page);
    assert!(
        main.contains("<mark class=\"isian\" data-isian=\"nomor_surat\""),
        "{main}"
    );
    assert_eq!(
        main.matches("data-isian=\"mitra\"").count(),
        2,
        "used twice in the body"
    );
    assert!(!main.contains("{{"), "no raw markers left: {main}");
    for text in [
        "Nomor dari buku agenda surat keluar",
        "000.3/123/",
        "Nama calon mitra",
    ] {
        assert!(main.contains(text), "{text}");
    }
    assert!(main.contains("href=\"/templat/surat-penawaran/surat-penawaran.docx\""));
    assert!(main.contains("href=\"/templat/surat-penawaran/surat-penawaran.md\""));
    assert!(main.contains("href=\"/sop/contoh/\""), "terkait_sop link");
    // Steps whose kelengkapan/output names the template are listed.
    assert!(main.contains("href=\"/sop/contoh/#langkah-4\""), "{main}");
    assert!(main.contains("href=\"/sop/contoh/#langkah-5\""), "{main}");
}

#[test]
fn sop_steps_link_to_the_template_their_documents_name() {
    let p = project();
    let out = build(&p, &[]);
    let page = read(&out, "sop/contoh/index.html");
    let main = main_of(&page);
    let permohonan =
        "<a class=\"doc-link\" href=\"/templat/surat-permohonan/\">Surat Permohonan</a>";
    // Step 1 kelengkapan + output and step 2 kelengkapan + output, in both the
    // Mutu Baku table and the step text.
    assert_eq!(main.matches(permohonan).count(), 6, "{main}");
    let penawaran = "href=\"/templat/surat-penawaran/\">Surat penawaran</a>";
    assert_eq!(main.matches(penawaran).count(), 2, "any case: {main}");
    // Items naming no template stay plain.
    assert!(main.contains("Kerangka Acuan Kerja"));
    assert!(!main.contains(">Kerangka Acuan Kerja</a>"));
}

#[test]
fn article_page_shows_sources_related_sops_and_legal_bases() {
    let p = project();
    let out = build(&p, &[]);
    let main_page = read(&out, "pengetahuan/memilih-jenis/index.html");
    let main = main_of(&main_page);
    assert!(main.contains("PP 28/2018 Pasal 4"));
    assert!(main.contains("href=\"/sop/contoh/\""));
    assert!(main.contains("href=\"/dasar-hukum/pp-28-2018/\""));
    assert!(main.contains("datetime=\"2026-10-01\""));
    let list = read(&out, "pengetahuan/index.html");
    assert!(list.contains("href=\"/pengetahuan/memilih-jenis/\""));
}

#[test]
fn legal_page_links_back_to_templates_articles_and_sops() {
    let p = project();
    let out = build(&p, &[]);
    let page = read(&out, "dasar-hukum/pp-28-2018/index.html");
    let main = main_of(&page);
    assert!(main.contains("href=\"/templat/surat-penawaran/\""));
    assert!(
        !main.contains("href=\"/templat/surat-permohonan/\""),
        "does not cite it"
    );
    assert!(main.contains("href=\"/pengetahuan/memilih-jenis/\""));
    assert!(main.contains("href=\"/sop/contoh/\""));
    let list = read(&out, "dasar-hukum/index.html");
    assert!(list.contains("templat/artikel: 2"), "{list}");
}

#[test]
fn legal_page_shows_the_chain_of_amendments_oldest_first() {
    let p = project();
    p.write(
        "content/dasar-hukum/uu-23-2014.md",
        "---\njenis: Undang-Undang\nnomor: \"23\"\ntahun: 2014\ntentang: Pemerintahan Daerah\nstatus: diubah\ndiubah_oleh: [uu-9-2015]\n---\nx\n",
    );
    p.write(
        "content/dasar-hukum/uu-9-2015.md",
        "---\njenis: Undang-Undang\nnomor: \"9\"\ntahun: 2015\ntentang: Perubahan Kedua\nstatus: berlaku\n---\nx\n",
    );
    let out = build(&p, &[]);
    let page = read(&out, "dasar-hukum/uu-9-2015/index.html");
    let main = main_of(&page);
    let tl = &main[main.find("class=\"timeline\"").expect("timeline")..];
    let old = tl.find("2014").unwrap();
    let new = tl.find("2015").unwrap();
    assert!(old < new);
    assert!(tl.contains("href=\"/dasar-hukum/uu-23-2014/\""));
    assert!(tl.contains("aria-current=\"true\""));
    // A regulation outside any chain has no timeline.
    let alone = read(&out, "dasar-hukum/pp-28-2018/index.html");
    assert!(!alone.contains("class=\"timeline\""));
}

#[test]
fn every_internal_link_resolves() {
    let p = project();
    let out = build(&p, &[]);
    assert_links_resolve(&out, "/");
}

#[test]
fn base_url_with_a_sub_path_works_for_every_new_page() {
    let p = project();
    let out = build(&p, &["--base-url", "/kb/"]);
    assert_links_resolve(&out, "/kb/");
    let page = read(&out, "templat/surat-penawaran/index.html");
    assert!(page.contains("href=\"/kb/templat/surat-penawaran/surat-penawaran.docx\""));
    let sop = read(&out, "sop/contoh/index.html");
    assert!(sop.contains("href=\"/kb/templat/surat-permohonan/\""));
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>/kb/istilah/</loc>"), "{sitemap}");
    // A `Sitemap:` line must be absolute: none is written for a path-only base URL.
    assert!(!read(&out, "robots.txt").contains("Sitemap:"));
    let feed = read(&out, "feed.xml");
    assert!(feed.contains("href=\"/kb/pengetahuan/memilih-jenis/\""));
    let nf = read(&out, "404.html");
    for l in ["/kb/cari/", "/kb/sop/", "/kb/istilah/"] {
        assert!(nf.contains(&format!("href=\"{l}\"")), "404 links to {l}");
    }
}

#[test]
fn absolute_base_url_gives_absolute_sitemap_feed_ids_and_og_url() {
    let p = project();
    let out = build(&p, &["--base-url", "https://ksd.example.go.id/kb"]);
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://ksd.example.go.id/kb/</loc>"));
    assert!(read(&out, "robots.txt").contains("Sitemap: https://ksd.example.go.id/kb/sitemap.xml"));
    let feed = read(&out, "feed.xml");
    assert!(feed.contains("<id>https://ksd.example.go.id/kb/templat/surat-penawaran/</id>"));
    let page = read(&out, "pengetahuan/memilih-jenis/index.html");
    assert!(page.contains(
        "<meta property=\"og:url\" content=\"https://ksd.example.go.id/kb/pengetahuan/memilih-jenis/\">"
    ));
    assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(page.contains(
        "<meta property=\"og:description\" content=\"Dari calon mitra ke jenis kerja sama dan dokumennya.\">"
    ));
}

/// Search engines and link previews show the page's own summary, not the
/// site's: an article its `ringkasan`, an SOP whose it is and how long.
#[test]
fn pages_describe_themselves_to_search_engines_and_previews() {
    let p = project();
    let out = build(&p, &[]);
    let pages = [
        (
            "pengetahuan/memilih-jenis/index.html",
            "Dari calon mitra ke jenis kerja sama dan dokumennya.",
        ),
        (
            "sop/contoh/index.html",
            "Pemerintah Kabupaten Uji · 5 langkah · 45 menit + 2 hari",
        ),
    ];
    for (path, about) in pages {
        let page = read(&out, path);
        for tag in ["name=\"description\"", "property=\"og:description\""] {
            assert!(
                page.contains(&format!("<meta {tag} content=\"{about}\">")),
                "{path}: {tag}"
            );
        }
    }
}

#[test]
fn open_graph_tags_without_og_url_for_a_relative_base() {
    let p = project();
    let out = build(&p, &[]);
    let page = read(&out, "index.html");
    assert!(page.contains("<meta property=\"og:title\""));
    assert!(page.contains("<meta property=\"og:type\" content=\"website\">"));
    assert!(!page.contains("og:url"));
}

#[test]
fn sitemap_lists_every_page_but_404_and_is_well_formed() {
    let p = project();
    let out = build(&p, &[]);
    let text = read(&out, "sitemap.xml");
    let doc = xml(&text);
    let locs: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap_or("").to_owned())
        .collect();
    let pages: BTreeSet<String> = common::snapshot(&out)
        .keys()
        .filter(|k| k.ends_with(".html") && *k != "404.html")
        .map(|k| format!("/{}", k.trim_end_matches("index.html")))
        .collect();
    assert_eq!(locs, pages);
    assert!(text.contains("<loc>/templat/surat-penawaran/</loc><lastmod>2026-11-01</lastmod>"));
    let robots = read(&out, "robots.txt");
    assert!(robots.contains("User-agent: *"));
    assert!(!robots.contains("Sitemap:"), "{robots}");
}

#[test]
fn feed_is_atom_with_templates_and_articles_newest_first() {
    let p = project();
    let out = build(&p, &[]);
    let text = read(&out, "feed.xml");
    let doc = xml(&text);
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert_eq!(root.tag_name().name(), "feed");
    let child = |n: roxmltree::Node<'_, '_>, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .unwrap_or_else(|| panic!("no <{name}>"))
            .to_owned()
    };
    assert_eq!(child(root, "updated"), "2026-11-01T00:00:00Z");
    assert!(!child(root, "id").is_empty());
    let entries: Vec<(String, String)> = root
        .children()
        .filter(|c| c.has_tag_name("entry"))
        .map(|e| (child(e, "title"), child(e, "updated")))
        .collect();
    assert_eq!(
        entries,
        vec![
            (
                "Surat Penawaran Kerja Sama".to_owned(),
                "2026-11-01T00:00:00Z".to_owned()
            ),
            (
                "Memilih jenis kerja sama".to_owned(),
                "2026-10-01T00:00:00Z".to_owned()
            ),
            (
                "Surat Permohonan Fasilitasi Kerja Sama".to_owned(),
                "2026-09-15T00:00:00Z".to_owned()
            ),
        ]
    );
    // Every page announces the feed.
    assert!(read(&out, "index.html").contains("type=\"application/atom+xml\""));
}

#[test]
fn docx_is_a_valid_zip_with_the_required_well_formed_parts() {
    let p = project();
    let out = build(&p, &[]);
    let bytes = std::fs::read(out.join("templat/surat-penawaran/surat-penawaran.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    assert_eq!(names[0], "[Content_Types].xml", "content types first");
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/numbering.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    ] {
        assert!(names.iter().any(|n| n == part), "missing {part}: {names:?}");
    }
    for name in &names {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        xml(&text);
        if name == "word/document.xml" {
            assert!(text.contains("<w:highlight w:val=\"yellow\"/></w:rPr><w:t xml:space=\"preserve\">[Nomor surat]</w:t>"));
            assert!(text.contains("<w:pStyle w:val=\"Heading1\"/>"));
            assert!(text.contains("<w:tbl>"));
            assert!(text.contains("<w:numPr>"));
            assert!(!text.contains("{{"));
        }
    }
    let entry = zip.by_name("word/document.xml").unwrap();
    let t = entry.last_modified().expect("timestamp");
    assert_eq!(
        (t.year(), t.month(), t.day()),
        (2026, 11, 1),
        "fixed timestamp"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let p = project();
    let out = build(&p, &[]);
    let first = common::snapshot(&out);
    let out = build(&p, &[]);
    assert!(first == common::snapshot(&out), "the second build differs");
}

#[test]
fn home_page_has_entry_points_for_public_staff_and_editors() {
    let p = project();
    let out = build(&p, &[]);
    let page = read(&out, "index.html");
    let main = main_of(&page);
    for href in [
        "/pengetahuan/memilih-jenis/",
        "/pengetahuan/",
        "/istilah/",
        "/sop/",
        "/sop/banding/",
        "/templat/",
        "/cari/",
        "/feed.xml",
    ] {
        assert!(
            main.contains(&format!("href=\"{href}\"")),
            "home links to {href}"
        );
    }
    assert!(main.contains("sopkb check"));
    assert!(main.contains("content/templat/*.md"));
    for nav in ["/templat/", "/pengetahuan/", "/istilah/"] {
        let header = &page[..page.find("<main").unwrap()];
        assert!(header.contains(&format!("href=\"{nav}\"")), "nav {nav}");
    }
}

#[test]
fn not_found_page_offers_search_sop_list_and_glossary() {
    let p = project();
    let out = build(&p, &[]);
    let page = read(&out, "404.html");
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    for l in ["/cari/", "/sop/", "/istilah/", "/templat/"] {
        assert!(page.contains(&format!("href=\"{l}\"")), "{l}");
    }
    assert!(page.contains("action=\"/cari/\""));
}

#[test]
fn english_ui_when_language_is_en() {
    let p = project();
    p.write("sopkb.toml", "title = \"Uji\"\nlanguage = \"en\"\n");
    let out = build(&p, &[]);
    let page = read(&out, "templat/surat-penawaran/index.html");
    assert!(page.contains("Download Word (.docx)"));
    assert!(page.contains(">Glossary</a>"));
    assert!(read(&out, "istilah/index.html").contains("<h1>Glossary</h1>"));
    assert!(read(&out, "feed.xml").contains("xml:lang=\"en\""));
}

#[test]
fn project_without_knowledge_content_still_builds_the_pages() {
    let p = Project::valid();
    let out = build(&p, &[]);
    for f in [
        "istilah/index.html",
        "templat/index.html",
        "pengetahuan/index.html",
        "feed.xml",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    xml(&read(&out, "feed.xml"));
}

// --- The shipped content ---

fn build_shipped() -> (tempfile::TempDir, std::path::PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    let run = common::run_in(root, &["build", "--out", out.to_str().unwrap()], &[]);
    run.assert_no_panic();
    assert_eq!(
        run.code,
        Some(0),
        "shipped site does not build:\n{}",
        run.stderr
    );
    (tmp, out)
}

#[test]
fn shipped_site_has_no_broken_internal_link_and_a_complete_sitemap() {
    let (_tmp, out) = build_shipped();
    assert_links_resolve(&out, "/");
    let text = read(&out, "sitemap.xml");
    let doc = xml(&text);
    let locs = doc.descendants().filter(|n| n.has_tag_name("loc")).count();
    let pages = common::snapshot(&out)
        .keys()
        .filter(|k| k.ends_with("index.html"))
        .count();
    assert_eq!(locs, pages);
    xml(&read(&out, "feed.xml"));
}

#[test]
fn shipped_templates_each_have_a_page_and_valid_downloads() {
    let (_tmp, out) = build_shipped();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ids: Vec<String> = std::fs::read_dir(root.join("content/templat"))
        .map(|d| {
            d.filter_map(Result::ok)
                .filter_map(|e| {
                    e.file_name()
                        .to_str()?
                        .strip_suffix(".md")
                        .map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default();
    for id in &ids {
        let page = read(&out, &format!("templat/{id}/index.html"));
        assert!(
            page.contains("<mark class=\"isian\""),
            "{id}: fields highlighted"
        );
        let bytes = std::fs::read(out.join(format!("templat/{id}/{id}.docx"))).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut doc = String::new();
        zip.by_name("word/document.xml")
            .expect("document part")
            .read_to_string(&mut doc)
            .unwrap();
        xml(&doc);
        assert!(out.join(format!("templat/{id}/{id}.md")).is_file());
    }
}

#[test]
fn shipped_legal_pages_count_their_template_and_article_backlinks() {
    let (_tmp, out) = build_shipped();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Count, from the sources, the templates and articles citing each id.
    let mut cited: std::collections::BTreeMap<String, usize> = Default::default();
    for dir in ["content/templat", "content/pengetahuan"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let front = text.split("\n---").next().unwrap_or("");
            let ids = front
                .lines()
                .skip_while(|l| !l.starts_with("dasar_hukum:"))
                .take_while(|l| l.starts_with("dasar_hukum:") || l.starts_with("  -"))
                .flat_map(|l| {
                    l.trim_start_matches("dasar_hukum:")
                        .trim_matches(|c: char| {
                            c == '[' || c == ']' || c.is_whitespace() || c == '-'
                        })
                        .split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                })
                .collect::<BTreeSet<_>>();
            for id in ids {
                *cited.entry(id).or_default() += 1;
            }
        }
    }
    let shipped_templates = root.join("content/templat").is_dir();
    assert!(
        cited.len() > 1 || !shipped_templates,
        "the shipped templates and articles cite legal bases: {cited:?}"
    );
    for (id, n) in &cited {
        let page = read(&out, &format!("dasar-hukum/{id}/index.html"));
        let main = main_of(&page);
        let links = ["templat/", "pengetahuan/"]
            .iter()
            .map(|k| {
                let start = main.find("Dirujuk oleh").unwrap_or(main.len());
                main[start..].matches(&format!("href=\"/{k}")).count()
            })
            .sum::<usize>();
        assert_eq!(links, *n, "{id}: backlinks from templates and articles");
    }
}
