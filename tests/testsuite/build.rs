//! `sopkb build` on the valid project of `common` and on the shipped content:
//! the output layout, open data shape, determinism, atomic replacement,
//! `--out`, `--base-url`, and broken template overrides.

use crate::common;

use common::{entries, run_in, snapshot, Project, SOP_PATH};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn build(p: &Project, args: &[&str]) -> common::Run {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = p.run(&all);
    run.assert_no_panic();
    run
}

fn build_ok(p: &Project, args: &[&str]) {
    let run = build(p, args);
    assert_eq!(run.code, Some(0), "build failed:\n{}", run.stderr);
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn assert_has_keys(v: &Value, wanted: &[&str], what: &str) {
    let have = keys(v);
    for k in wanted {
        assert!(have.contains(k), "{what} lacks `{k}`; has {have:?}");
    }
}

#[test]
fn builds_the_pages_the_diagram_and_the_open_data() {
    let p = Project::valid();
    build_ok(&p, &[]);
    let public = p.path("public");
    for f in [
        "index.html",
        "sop/index.html",
        "sop/contoh/index.html",
        "sop/contoh/swimlane.svg",
        "data/sops.json",
    ] {
        assert!(
            public.join(f).is_file(),
            "missing public/{f}; have {:?}",
            snapshot(&public).keys()
        );
    }
    let page = std::fs::read_to_string(public.join("sop/contoh/index.html")).unwrap();
    assert!(page.contains("Contoh Prosedur Kerja Sama"), "{page}");
    let svg = std::fs::read_to_string(public.join("sop/contoh/swimlane.svg")).unwrap();
    assert!(svg.contains("<svg"), "{svg}");
    for (step, kind) in [
        (1, "mulai"),
        (2, "proses"),
        (3, "keputusan"),
        (5, "selesai"),
    ] {
        let attr = format!("data-step=\"{step}\"");
        assert!(svg.contains(&attr), "svg lacks {attr}");
        assert!(
            svg.contains(&format!("data-kind=\"{kind}\"")),
            "svg lacks kind {kind}"
        );
    }
}

#[test]
fn sops_json_has_the_documented_shape() {
    let p = Project::valid();
    build_ok(&p, &[]);
    let data = read_json(&p.path("public/data/sops.json"));
    let sops = data["sops"].as_array().expect("`sops` is a list");
    assert_eq!(sops.len(), 1);
    let s = &sops[0];
    assert_has_keys(
        s,
        &[
            "id",
            "url",
            "nama",
            "nomor",
            "instansi",
            "unit",
            "pelaksana",
            "langkah",
            "durasi_total",
            "dasar_hukum",
        ],
        "sop",
    );
    assert_eq!(s["id"], "contoh");
    assert_eq!(s["url"], "/sop/contoh/");
    assert_eq!(s["nama"], "Contoh Prosedur Kerja Sama");
    assert_eq!(s["nomor"], "1/UJI/2024");
    assert_eq!(s["instansi"], "Pemerintah Kabupaten Uji");
    assert_eq!(s["unit"], "Bagian Tata Pemerintahan");
    assert_eq!(s["dasar_hukum"], serde_json::json!(["pp-28-2018"]));

    let lanes = s["pelaksana"].as_array().expect("pelaksana list");
    assert_eq!(lanes.len(), 3);
    for lane in lanes {
        assert_has_keys(lane, &["id", "nama"], "pelaksana");
    }
    assert_eq!(lanes[0]["id"], "opd");
    assert_eq!(lanes[0]["nama"], "OPD Pemrakarsa");

    let steps = s["langkah"].as_array().expect("langkah list");
    assert_eq!(steps.len(), 5);
    for st in steps {
        assert_has_keys(
            st,
            &[
                "no",
                "label",
                "kegiatan",
                "pelaksana",
                "kelengkapan",
                "waktu",
                "output",
                "keterangan",
                "keputusan",
            ],
            "langkah",
        );
        assert_has_keys(&st["waktu"], &["teks", "menit", "hari"], "waktu");
        assert!(
            st["pelaksana"].is_array() && st["kelengkapan"].is_array() && st["output"].is_array(),
            "{st}"
        );
    }
    assert_eq!(steps[0]["no"], 1);
    assert_eq!(steps[0]["label"], "1");
    assert_eq!(steps[0]["pelaksana"], serde_json::json!(["opd"]));
    assert_eq!(
        steps[0]["kelengkapan"],
        serde_json::json!(["Surat Permohonan", "Kerangka Acuan Kerja"])
    );
    assert_eq!(
        steps[0]["waktu"],
        serde_json::json!({"teks": "1 hari", "menit": 0, "hari": 1})
    );
    assert_eq!(steps[0]["keputusan"], Value::Null);
    assert_eq!(
        steps[1]["waktu"],
        serde_json::json!({"teks": "30 menit", "menit": 30, "hari": 0})
    );
    assert_eq!(steps[1]["output"], serde_json::json!(["Hasil pemeriksaan"]));
    assert_eq!(
        steps[2]["keputusan"],
        serde_json::json!({"Ya": 4, "Tidak": 1})
    );
    assert_eq!(steps[4]["keterangan"], "Surat dikirim ke pihak kedua");
    assert_eq!(steps[4]["pelaksana"], serde_json::json!(["bupati"]));

    let total = &s["durasi_total"];
    assert_has_keys(
        total,
        &["menit", "hari", "teks", "tertulis"],
        "durasi_total",
    );
    // 1 hari + 30 menit + 15 menit + (1 hari kerja for steps 4-5, once).
    assert_eq!(total["menit"], 45);
    assert_eq!(total["hari"], 2);
    assert_eq!(total["tertulis"], "2 hari 45 menit");
    assert!(total["teks"].is_string(), "{total}");
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let p = Project::valid();
    build_ok(&p, &[]);
    let first = snapshot(&p.path("public"));
    assert!(first.len() >= 5, "{:?}", first.keys());
    build_ok(&p, &[]);
    let second = snapshot(&p.path("public"));
    assert_same_site(&first, &second);

    // The same input in another folder gives the same bytes too (no
    // absolute paths or folder names leak into the output).
    let q = Project::valid();
    build_ok(&q, &[]);
    assert_same_site(&first, &snapshot(&q.path("public")));
}

fn assert_same_site(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "different file lists"
    );
    for (path, bytes) in a {
        assert!(bytes == &b[path], "{path} differs between builds");
    }
}

/// Only `public` (and the inputs) beside the output: no temporary or old copies.
fn assert_no_leftovers(p: &Project) {
    let names = entries(p.root());
    let stray: Vec<&String> = names
        .iter()
        .filter(|n| !["public", "sopkb.toml", "sops", "content", "templates"].contains(&n.as_str()))
        .collect();
    assert!(stray.is_empty(), "leftovers beside public/: {stray:?}");
}

#[test]
fn failed_build_leaves_the_previous_site_untouched() {
    let p = Project::valid();
    build_ok(&p, &[]);
    let before = snapshot(&p.path("public"));
    p.replace(
        SOP_PATH,
        "    pelaksana: bupati\n",
        "    pelaksana: sekda\n",
    );
    let run = build(&p, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("SOP004"), "{}", run.stderr);
    assert_same_site(&before, &snapshot(&p.path("public")));
    assert_no_leftovers(&p);
}

#[test]
fn failed_first_build_writes_nothing() {
    let p = Project::valid();
    p.replace(SOP_PATH, "waktu: 30 menit", "waktu: sehari");
    let run = build(&p, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(!p.path("public").exists());
    assert_no_leftovers(&p);
}

#[test]
fn rebuild_removes_pages_of_deleted_sops() {
    let p = Project::valid();
    p.write(
        "sops/kedua.yaml",
        &common::SOP
            .replace("nomor: \"1/UJI/2024\"\n", "")
            .replace("Contoh Prosedur Kerja Sama", "Prosedur Kedua"),
    );
    build_ok(&p, &[]);
    assert!(p.path("public/sop/kedua/index.html").is_file());
    p.remove("sops/kedua.yaml");
    build_ok(&p, &[]);
    assert!(
        !p.path("public/sop/kedua").exists(),
        "stale page of a deleted SOP"
    );
    assert_no_leftovers(&p);
}

#[test]
fn build_with_only_warnings_succeeds_and_shows_them() {
    let p = Project::valid();
    p.replace(
        SOP_PATH,
        "total_tertulis: 2 hari 45 menit",
        "total_tertulis: 5 hari",
    );
    let run = build(&p, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("peringatan[SOP013]"), "{}", run.stderr);
    let data = read_json(&p.path("public/data/sops.json"));
    assert_eq!(data["sops"][0]["durasi_total"]["tertulis"], "5 hari");
}

#[test]
fn out_option_writes_elsewhere_and_not_into_the_project() {
    let p = Project::valid();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("situs").join("keluaran");
    build_ok(&p, &["--out", out.to_str().unwrap()]);
    for f in [
        "index.html",
        "sop/contoh/index.html",
        "sop/contoh/swimlane.svg",
        "data/sops.json",
    ] {
        assert!(out.join(f).is_file(), "missing {f} in --out");
    }
    assert!(
        !p.path("public").exists(),
        "--out must not write public/ in the project"
    );
    assert_eq!(entries(&elsewhere.path().join("situs")), ["keluaran"]);
    // Same bytes as a build into public/.
    build_ok(&p, &[]);
    assert_same_site(&snapshot(&out), &snapshot(&p.path("public")));
}

/// Decodes the character references Tera's escaping produces (`&#x2F;` for
/// `/`, `&amp;`, ...), as a browser does before following a link.
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(end) = after.find(';') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let name = &after[..end];
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn unwritable_out_is_a_failure_with_exit_2() {
    let p = Project::valid();
    p.write("berkas", "bukan folder\n");
    let out = p.path("berkas").join("public");
    let run = build(&p, &["--out", out.to_str().unwrap()]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("berkas"),
        "the error names the path:\n{}",
        run.stderr
    );
}

/// Every `href="..."` / `src="..."` value of an HTML text, decoded.
fn url_attributes(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            let end = after.find('"').unwrap_or(after.len());
            urls.push(decode_entities(&after[..end]));
            rest = &after[end..];
        }
    }
    urls
}

#[test]
fn base_url_prefixes_every_internal_link() {
    let p = Project::valid();
    build_ok(&p, &["--base-url", "/kb/"]);
    let site = snapshot(&p.path("public"));
    let mut checked = 0;
    for (path, bytes) in site.iter().filter(|(k, _)| k.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for url in url_attributes(&html) {
            if url.starts_with('/') && !url.starts_with("//") {
                assert!(url.starts_with("/kb/"), "{path}: `{url}` is not under /kb/");
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "expected internal links, found {checked}");
    let data = read_json(&p.path("public/data/sops.json"));
    assert_eq!(data["sops"][0]["url"], "/kb/sop/contoh/");
}

#[test]
fn base_url_without_trailing_slash_is_normalised() {
    let p = Project::valid();
    build_ok(&p, &["--base-url", "/kb"]);
    let page = std::fs::read_to_string(p.path("public/sop/contoh/index.html")).unwrap();
    for url in url_attributes(&page) {
        assert!(
            !url.starts_with("/kbsop") && !url.starts_with("/kbassets"),
            "`{url}`"
        );
    }
    assert!(
        url_attributes(&page).iter().any(|u| u == "/kb/sop/"),
        "{page}"
    );
}

#[test]
fn broken_template_override_fails_and_leaves_the_previous_site_untouched() {
    let p = Project::valid();
    build_ok(&p, &[]);
    let before = snapshot(&p.path("public"));
    p.write(
        "templates/sop.html",
        "{% extends \"base.html\" %}\n{% block isi %}\n{% if %}\n{% endblock %}\n",
    );
    let run = build(&p, &[]);
    assert_ne!(
        run.code,
        Some(0),
        "a broken template must fail the build:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("sop.html"),
        "the error names the template:\n{}",
        run.stderr
    );
    assert_same_site(&before, &snapshot(&p.path("public")));
    assert_no_leftovers(&p);
}

#[test]
fn template_with_a_render_error_fails_and_leaves_the_previous_site_untouched() {
    let p = Project::valid();
    build_ok(&p, &[]);
    let before = snapshot(&p.path("public"));
    // Valid syntax, but the variable does not exist at render time.
    p.write("templates/sop.html", "<p>{{ tidak_ada.sama_sekali }}</p>\n");
    let run = build(&p, &[]);
    assert_ne!(run.code, Some(0), "{}", run.stderr);
    assert_same_site(&before, &snapshot(&p.path("public")));
    assert_no_leftovers(&p);
}

#[test]
fn valid_template_override_is_used() {
    let p = Project::valid();
    p.write(
        "templates/sop.html",
        "<p id=\"ganti\">{{ page.title }}</p>\n",
    );
    build_ok(&p, &[]);
    let page = std::fs::read_to_string(p.path("public/sop/contoh/index.html")).unwrap();
    assert_eq!(
        page.trim(),
        "<p id=\"ganti\">Contoh Prosedur Kerja Sama</p>"
    );
}

// ---- the shipped content (the repository itself) ----

fn shipped_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn shipped_content_checks_without_errors() {
    let (run, report) = common::check_json_in(shipped_root(), &[]);
    assert_eq!(run.code, Some(0), "{report:#?}");
    assert_eq!(report.errors, 0, "{report:#?}");
    let human = run_in(shipped_root(), &["check"], &[]);
    human.assert_no_panic();
    assert_eq!(human.code, Some(0), "{}", human.stderr);
}

#[test]
fn shipped_content_builds_ten_sops() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let run = run_in(
        shipped_root(),
        &["build", "--out", out.to_str().unwrap()],
        &[],
    );
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let data = read_json(&out.join("data/sops.json"));
    let sops = data["sops"].as_array().expect("sops list");
    assert_eq!(
        sops.len(),
        10,
        "{:?}",
        sops.iter().map(|s| &s["id"]).collect::<Vec<_>>()
    );
    for s in sops {
        let id = s["id"].as_str().unwrap();
        assert!(out.join(format!("sop/{id}/index.html")).is_file(), "{id}");
        assert!(out.join(format!("sop/{id}/swimlane.svg")).is_file(), "{id}");
        assert!(
            !s["langkah"].as_array().unwrap().is_empty(),
            "{id} has steps"
        );
    }
    assert_eq!(entries(tmp.path()), ["public"], "no leftovers beside --out");
}
