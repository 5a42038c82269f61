//! Output safety: a project whose every field holds hostile strings
//! (script tags, attribute breakouts, CDATA ends, template syntax,
//! `javascript:` URLs, bidi overrides, control characters) builds, and no
//! output file carries them live: pages have no inline script or style, no
//! event-handler attribute, no script URL; SVG, XML and .docx parts are
//! well-formed; JSON parses; the CSV export defuses formulas.

use crate::common;

use common::Project;
use std::collections::BTreeMap;

/// The hostile project (`tests/testsuite/output_safety/hostile/`): every text
/// field of every kind of file holds the payload
/// `<script>alert(1)</script>"><img src=x onerror=alert(2)>]]>{{ 7*7 }}{% if %}<!--`
/// plus a right-to-left override, a NUL, a control character and an escape
/// sequence (YAML `\u202E`, `\0`, `\x01`, `\x1b`); Markdown bodies hold raw
/// HTML attacks (script, handlers, `javascript:`/`data:` links in raw HTML,
/// iframe, style, form, SVG/MathML) and heading attributes; registry cells
/// start with spreadsheet formulas. Every Markdown link destination is safe
/// (unsafe ones are errors: see the test below). The browser suite's
/// `payload.test.mjs` opens the same project's pages in Chromium.
fn hostile_project() -> Project {
    let pr = Project::empty();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/testsuite/output_safety/hostile");
    for (rel, bytes) in common::snapshot(&fixture) {
        pr.write_bytes(&rel, &bytes);
    }
    pr
}

/// Tags of an HTML (or SVG) document: (name, attributes), quotes respected.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        i = start + 1;
        if html[start..].starts_with("<!--") {
            i = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let Some(first) = b.get(start + 1) else { break };
        if !first.is_ascii_alphabetic() {
            continue;
        }
        let mut j = start + 1;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let name = html[start + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let n0 = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>') {
                j += 1;
            }
            let an = html[n0..j].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                match b.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let e = html[j + 1..]
                            .find(q as char)
                            .map_or(html.len(), |e| j + 1 + e);
                        value = html[j + 1..e].to_owned();
                        j = e + 1;
                    }
                    _ => {
                        let v0 = j;
                        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                            j += 1;
                        }
                        value = html[v0..j].to_owned();
                    }
                }
            }
            attrs.push((an, value));
        }
        out.push((name, attrs));
        i = j.max(start + 1);
    }
    out
}

fn decode_entities(v: &str) -> String {
    v.replace("&colon;", ":")
        .replace("&#58;", ":")
        .replace("&#x3a;", ":")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// Every problem of one HTML or SVG text.
fn markup_problems(path: &str, text: &str, out: &mut Vec<String>) {
    let lower = text.to_ascii_lowercase();
    for (name, attrs) in tags(text) {
        if name == "script" {
            let src = attrs.iter().any(|(n, v)| n == "src" && v.starts_with('/'));
            // A JSON-LD data block is never executed (`json_ld_problems`).
            let data = attrs.len() == 1
                && attrs[0] == ("type".to_owned(), "application/ld+json".to_owned());
            if !src && !data {
                out.push(format!("{path}: inline <script {attrs:?}>"));
            }
        }
        // (The theme's own search box is a GET <form>; its `action` is checked below.)
        for bad in ["style", "iframe", "object", "embed", "base", "frame"] {
            if name == bad {
                out.push(format!("{path}: <{name}> element"));
            }
        }
        for (an, value) in &attrs {
            if an.starts_with("on") {
                out.push(format!("{path}: event handler {an}= on <{name}>"));
            }
            if an == "style" {
                out.push(format!("{path}: inline style on <{name}> (CSP)"));
            }
            let v: String = decode_entities(value)
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            let url_attr = matches!(
                an.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "data" | "poster"
            );
            if url_attr
                && (v.starts_with("javascript:")
                    || v.starts_with("vbscript:")
                    || (v.starts_with("data:") && an != "src"))
            {
                out.push(format!("{path}: script URL {an}=\"{value}\" on <{name}>"));
            }
        }
    }
    json_ld_problems(path, text, out);
    // The payload's own markup never survives as markup.
    for live in [
        "<script>alert",
        "<img src=x onerror",
        "<iframe",
        "<style>body",
    ] {
        if lower.contains(live) {
            out.push(format!("{path}: live payload `{live}`"));
        }
    }
}

/// Each JSON-LD block is one JSON value ending at its own `</script>`:
/// no `<` inside (content cannot close the element or open a comment).
fn json_ld_problems(path: &str, text: &str, out: &mut Vec<String>) {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        rest = &rest[at + OPEN.len()..];
        let Some(end) = rest.find("</script>") else {
            out.push(format!("{path}: unclosed JSON-LD"));
            return;
        };
        let body = &rest[..end];
        if body.contains('<') {
            out.push(format!("{path}: `<` inside JSON-LD"));
        }
        if serde_json::from_str::<serde_json::Value>(body).is_err() {
            out.push(format!("{path}: JSON-LD is not JSON: {body}"));
        }
        rest = &rest[end..];
    }
}

fn xml_problems(path: &str, bytes: &[u8], out: &mut Vec<String>) {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return out.push(format!("{path}: not UTF-8: {e}")),
    };
    if let Err(e) = roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    ) {
        out.push(format!("{path}: not well-formed XML: {e}"));
    }
}

fn check_docx(path: &str, bytes: &[u8], out: &mut Vec<String>) {
    let mut zip = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => return out.push(format!("{path}: not a zip: {e}")),
    };
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("zip entry");
        let name = f.name().to_owned();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).expect("read zip entry");
        if name.ends_with(".xml") || name.ends_with(".rels") {
            xml_problems(&format!("{path}!{name}"), &data, out);
        }
    }
}

fn built() -> (Project, BTreeMap<String, Vec<u8>>) {
    let pr = hostile_project();
    let run = pr.run(&["build"]);
    run.assert_no_panic();
    assert_eq!(
        run.code,
        Some(0),
        "the hostile project builds:\n{}",
        run.stderr
    );
    let site = common::snapshot(&pr.path("public"));
    (pr, site)
}

#[test]
fn hostile_strings_in_every_field_stay_inert_in_every_output_file() {
    let (_pr, site) = built();
    assert!(site.len() > 30, "{} files", site.len());
    let mut problems = Vec::new();
    for (path, bytes) in &site {
        let ext = path.rsplit('.').next().unwrap_or("");
        match ext {
            "html" => {
                let text = String::from_utf8_lossy(bytes);
                markup_problems(path, &text, &mut problems);
                if text.contains('\0') {
                    problems.push(format!("{path}: NUL character"));
                }
            }
            "svg" => {
                xml_problems(path, bytes, &mut problems);
                markup_problems(path, &String::from_utf8_lossy(bytes), &mut problems);
            }
            "xml" => xml_problems(path, bytes, &mut problems),
            "json" => {
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(bytes) {
                    problems.push(format!("{path}: invalid JSON: {e}"));
                }
            }
            "docx" => check_docx(path, bytes, &mut problems),
            _ => {}
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn payload_text_is_shown_escaped_not_dropped() {
    let (_pr, site) = built();
    let page = String::from_utf8_lossy(&site["sop/serangan/index.html"]);
    assert!(
        page.contains("kegiatan-1 &lt;script&gt;alert(1)&lt;/script&gt;"),
        "the step text is shown, escaped"
    );
    assert!(
        page.contains("{{ 7*7 }}"),
        "template syntax in content is text"
    );
    let svg = String::from_utf8_lossy(&site["sop/serangan/swimlane.svg"]);
    assert!(svg.contains("&lt;script&gt;"), "SVG text is escaped");
    let article = String::from_utf8_lossy(&site["pengetahuan/artikel/index.html"]);
    assert!(
        article.contains("klik"),
        "sanitised raw HTML keeps its text"
    );
    assert!(
        !article.contains("<h1 id=\"h\" class=\"k\" onclick"),
        "heading attributes are limited to id and class"
    );
}

#[test]
fn csv_export_defuses_formula_cells() {
    let (_pr, site) = built();
    let bytes = &site["data/kerja-sama.csv"];
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let text = text.trim_start_matches('\u{feff}');
    let records = sopkb::load::csv::parse(text, ',').expect("parses");
    let mut cells = 0;
    // A spreadsheet runs a cell as a formula when the cell starts with one
    // of these (a later line of a multi-line cell is text).
    for r in &records[1..] {
        for c in &r.cells {
            let first = c.text.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "formula cell `{}` in {text}",
                c.text
            );
            cells += 1;
        }
    }
    assert!(cells > 20);
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains("'@SUM(1+1)"), "{text}");
}

#[test]
fn script_urls_in_content_fail_the_build_with_located_errors() {
    let pr = Project::valid();
    pr.write(
        "content/pengetahuan/a.md",
        "---\njudul: A\nringkasan: r\ndiperbarui: 2025-01-01\n---\nLihat [ini](JavaScript:alert(1)) dan ![g](data:image/svg+xml,x).\n",
    );
    pr.replace(
        common::LEGAL_PATH,
        "status: berlaku\n",
        "status: berlaku\ntautan: \" javascript:alert(1)\"\n",
    );
    let (run, report) = pr.check_json();
    assert_eq!(run.code, Some(1), "{report:#?}");
    let got: Vec<(String, usize, usize)> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "URL001")
        .map(|d| (d.file.clone().unwrap(), d.line.unwrap(), d.column.unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("content/dasar-hukum/pp-28-2018.md".into(), 7, 9),
            ("content/pengetahuan/a.md".into(), 6, 7),
            ("content/pengetahuan/a.md".into(), 6, 38),
        ],
        "{report:#?}"
    );
}

#[test]
fn trust_html_keeps_raw_html_as_written() {
    let pr = Project::valid();
    pr.write("sopkb.toml", "title = \"Uji\"\ntrust_html = true\n");
    pr.write(
        "content/pengetahuan/a.md",
        "---\njudul: A\nringkasan: r\ndiperbarui: 2025-01-01\n---\n<div class=\"peta\" data-x=\"1\">Peta</div>\n",
    );
    let run = pr.run(&["build"]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = pr.read("public/pengetahuan/a/index.html");
    assert!(
        page.contains("<div class=\"peta\" data-x=\"1\">Peta</div>"),
        "{page}"
    );
    // Without it, the same body is sanitised (the data attribute goes).
    pr.write("sopkb.toml", "title = \"Uji\"\n");
    let run = pr.run(&["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = pr.read("public/pengetahuan/a/index.html");
    assert!(page.contains("<div class=\"peta\">Peta</div>"), "{page}");
}

#[test]
fn shipped_pages_need_no_inline_script_or_style() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("tmp");
    let run = common::run_in(
        root,
        &["build", "--out", &out.path().join("site").to_string_lossy()],
        &[],
    );
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let site = common::snapshot(&out.path().join("site"));
    let mut problems = Vec::new();
    for (path, bytes) in &site {
        if path.ends_with(".html") || path.ends_with(".svg") {
            markup_problems(path, &String::from_utf8_lossy(bytes), &mut problems);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
