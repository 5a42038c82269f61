//! The cooperation registry end to end, through the real binary: statuses
//! at a fixed build date, a bad-input case for every rule, open data
//! (JSON and formula-safe CSV), pages, and `import kerja-sama` (bad rows
//! refused with row and column, `--force`, export -> import round trip).

use crate::common;

use common::{run_in, Project, LEGAL, LEGAL_PATH, SOP, SOP_PATH};
use serde_json::Value;
use std::path::{Path, PathBuf};

pub(crate) const BUILD_DATE: &str = "2026-06-15";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/registry")
}

/// The bad-input base `registry`: this project, whose cases break one rule each.
fn base() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/bad_input/bases/registry")
}

fn fixture_text(rel: &str) -> String {
    std::fs::read_to_string(fixtures().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The valid project of `common` plus the registry fixtures, statuses
/// computed at `BUILD_DATE`.
pub(crate) fn registry_project() -> Project {
    let p = empty_registry_project();
    for entry in std::fs::read_dir(base().join("content/kerja-sama")).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        p.write(
            &format!("content/kerja-sama/{name}"),
            &std::fs::read_to_string(&path).unwrap(),
        );
    }
    p
}

/// The same project without registry entries.
fn empty_registry_project() -> Project {
    let p = Project::empty();
    p.write(
        "sopkb.toml",
        &format!("title = \"Uji\"\nbuild_date = \"{BUILD_DATE}\"\n"),
    );
    p.write(SOP_PATH, SOP);
    p.write(LEGAL_PATH, LEGAL);
    p
}

fn build_ok(p: &Project) {
    let run = p.run(&["build"]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "build failed:\n{}", run.stderr);
}

fn registry_json(p: &Project) -> Value {
    serde_json::from_str(&p.read("public/data/kerja-sama.json")).expect("kerja-sama.json")
}

fn entry<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["kerja_sama"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no entry `{id}` in {json:#}"))
}

fn import(p: &Project, csv: &Path, force: bool) -> common::Run {
    let csv = csv.to_string_lossy().into_owned();
    let mut args = vec!["import", "kerja-sama", csv.as_str()];
    if force {
        args.push("--force");
    }
    let run = p.run(&args);
    run.assert_no_panic();
    run
}

// --- Status ---

#[test]
fn today_on_the_command_line_replaces_build_date() {
    let p = registry_project();
    let run = p.run(&["build", "--today", "2100-01-01"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let json = registry_json(&p);
    assert_eq!(json["tanggal_status"], "2100-01-01");
    assert_eq!(entry(&json, "kb-aktif")["status"], "berakhir");
    assert_eq!(entry(&json, "rk-belum-mulai")["status"], "berakhir");
    // `check` takes it too; a day the calendar lacks is a usage error.
    assert_eq!(p.run(&["check", "--today", "2026-06-15"]).code, Some(0));
    for bad in ["2026-02-30", "15-06-2026", "besok"] {
        let run = p.run(&["build", "--today", bad]);
        assert_eq!(run.code, Some(2), "{bad}: {run:?}");
        assert!(run.stderr.contains("YYYY-MM-DD"), "{}", run.stderr);
    }
    // The failed runs left the site of the good one.
    assert_eq!(registry_json(&p)["tanggal_status"], "2100-01-01");
}

#[test]
fn status_at_a_fixed_build_date_covers_every_case() {
    let p = registry_project();
    build_ok(&p);
    let json = registry_json(&p);
    assert_eq!(json["tanggal_status"], BUILD_DATE);
    assert_eq!(json["tanggal_status_tetap"], true);
    assert_eq!(json["akan_berakhir_hari"], 180);
    for (id, status, overdue) in [
        ("kb-aktif", "aktif", false),
        // 91 days left: inside the default 180-day renewal window.
        ("kb-batas-aktif", "akan-berakhir", false),
        ("pks-akan-berakhir", "akan-berakhir", false),
        ("nk-aktif", "aktif", true),
        ("rk-belum-mulai", "belum-mulai", false),
        ("nk-berakhir", "berakhir", false),
    ] {
        let a = entry(&json, id);
        assert_eq!(a["status"], status, "status of {id}");
        assert_eq!(a["pemantauan_terlambat"], overdue, "overdue of {id}");
    }
    // Due six months after the last record; none for agreements not running.
    assert_eq!(
        entry(&json, "nk-aktif")["pemantauan_berikutnya"],
        "2026-05-30"
    );
    assert_eq!(
        entry(&json, "pks-akan-berakhir")["pemantauan_berikutnya"],
        "2026-07-10"
    );
    assert_eq!(
        entry(&json, "nk-berakhir")["pemantauan_berikutnya"],
        Value::Null
    );
    assert_eq!(
        entry(&json, "rk-belum-mulai")["pemantauan_berikutnya"],
        Value::Null
    );
    // Records are sorted by date; the umbrella lists what implements it.
    assert_eq!(
        entry(&json, "pks-akan-berakhir")["pemantauan"][0]["tanggal"],
        "2025-07-10"
    );
    assert_eq!(
        entry(&json, "kb-aktif")["turunan"],
        serde_json::json!(["pks-akan-berakhir"])
    );
}

#[test]
fn ends_soon_threshold_is_configurable() {
    let p = registry_project();
    p.write(
        "sopkb.toml",
        &format!(
            "title = \"Uji\"\nbuild_date = \"{BUILD_DATE}\"\n\n[registry]\nakan_berakhir_hari = 91\n"
        ),
    );
    build_ok(&p);
    let json = registry_json(&p);
    assert_eq!(json["akan_berakhir_hari"], 91);
    assert_eq!(entry(&json, "kb-batas-aktif")["status"], "akan-berakhir");
    p.write(
        "sopkb.toml",
        &format!(
            "title = \"Uji\"\nbuild_date = \"{BUILD_DATE}\"\n\n[registry]\nakan_berakhir_hari = 90\n"
        ),
    );
    build_ok(&p);
    assert_eq!(
        entry(&registry_json(&p), "kb-batas-aktif")["status"],
        "aktif"
    );
    p.write(
        "sopkb.toml",
        &format!(
            "title = \"Uji\"\nbuild_date = \"{BUILD_DATE}\"\n\n[registry]\nakan_berakhir_hari = 30\n"
        ),
    );
    build_ok(&p);
    assert_eq!(
        entry(&registry_json(&p), "pks-akan-berakhir")["status"],
        "aktif"
    );
}

#[test]
fn errors_on_an_out_of_range_threshold() {
    let p = registry_project();
    p.write(
        "sopkb.toml",
        "title = \"Uji\"\n\n[registry]\nakan_berakhir_hari = 0\n",
    );
    let (run, report) = p.check_json();
    assert_eq!(run.code, Some(1));
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "KS014")
        .expect("KS014");
    assert_eq!(d.file.as_deref(), Some("sopkb.toml"));
    assert_eq!(d.line, Some(4));
}

#[test]
fn without_build_date_the_status_date_is_today_and_not_pinned() {
    let p = registry_project();
    p.write("sopkb.toml", "title = \"Uji\"\n");
    build_ok(&p);
    let json = registry_json(&p);
    assert_eq!(json["tanggal_status_tetap"], false);
    let today = json["tanggal_status"].as_str().unwrap();
    assert!(today.len() == 10 && today > "2026-01-01", "{today}");
}

// --- Validation: one bad-input case per rule (`bad_input/cases/ks*`) ---

#[test]
fn every_registry_rule_has_a_case_on_this_project() {
    let config = std::fs::read_to_string(base().join("sopkb.toml")).expect("base config");
    assert_eq!(
        config,
        format!("title = \"Uji\"\nbuild_date = \"{BUILD_DATE}\"\n"),
        "the base `registry` is the project of this file"
    );
    let listed = crate::bad_input::listed_codes();
    for code in [
        "KS001", "KS002", "KS003", "KS004", "KS005", "KS006", "KS007", "KS008", "KS009", "KS010",
        "KS011", "KS012", "KS013", "KS015", "KS016", "KS017", "KS018", "KS019", "KS020", "KS021",
    ] {
        let on_registry = listed.get(code).into_iter().flatten().any(|name| {
            crate::bad_input::read_case(name).is_ok_and(|c| c.base.as_deref() == Some("registry"))
        });
        assert!(on_registry, "no case on the base `registry` for {code}");
    }
}

// --- Pages ---

#[test]
fn builds_the_list_agreement_and_partner_pages() {
    let p = registry_project();
    build_ok(&p);
    let list = p.read("public/kerja-sama/index.html");
    // A full server-rendered table: every entry is a row with its filter keys.
    assert_eq!(list.matches("<tr data-jenis=").count(), 6);
    assert!(list.contains(r#"data-status="belum-mulai""#));
    assert!(list.contains(r#"data-mitra="pemerintah-kabupaten-uji pemerintah-kabupaten-contoh""#));
    assert!(list.contains(r#"<script src="/assets/registry.js" defer></script>"#));
    assert!(
        !list.contains("<script>") && !list.contains("style="),
        "no inline script or style"
    );
    assert!(list.contains(r#"<form class="ks-filter" id="ks-filter" hidden"#));
    // Three accessible charts, each with a table next to it.
    assert_eq!(list.matches(r#"<svg class="chart""#).count(), 3);
    assert_eq!(list.matches(r#"role="img" aria-labelledby="#).count(), 3);
    assert_eq!(list.matches("<desc id=").count(), 3);
    assert_eq!(list.matches("class=\"ks-chart-table ").count(), 3);
    assert!(p.path("public/assets/registry.js").is_file());

    let page = p.read("public/kerja-sama/pks-akan-berakhir/index.html");
    assert!(page.contains("Akan berakhir"));
    assert!(
        page.contains(r#"href="/kerja-sama/kb-aktif/""#),
        "link to the KB"
    );
    assert!(page.contains("Rp 450.000.000"));
    assert!(page.contains(r#"href="https://contoh.go.id/berkas/pks-tpa.pdf""#));
    assert!(!page.contains("CONTOH — bukan perjanjian nyata"));
    // Timeline in date order: signed, start, monitoring..., end.
    let order = [
        "ks-ev-ttd",
        "ks-ev-mulai",
        "ks-ev-pemantauan",
        "ks-ev-evaluasi",
        "ks-ev-berakhir",
    ];
    let pos: Vec<usize> = order
        .iter()
        .map(|c| page.find(c).unwrap_or_else(|| panic!("{c} missing")))
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{pos:?}");

    let example = p.read("public/kerja-sama/kb-aktif/index.html");
    assert!(example.contains("CONTOH — bukan perjanjian nyata"));
    assert!(example.contains(r#"href="/sop/contoh/""#), "related SOP");
    assert!(example.contains(r#"href="/dasar-hukum/pp-28-2018/""#));

    let partner = p.read("public/kerja-sama/mitra/pemerintah-kabupaten-uji/index.html");
    assert!(partner.matches("href=\"/kerja-sama/").count() >= 6);
    assert!(partner.contains("Badan Pusat Statistik"));
    assert!(p
        .path("public/kerja-sama/mitra/universitas-contoh/index.html")
        .is_file());
    assert!(p
        .read("public/index.html")
        .contains(r#"href="/kerja-sama/""#));
}

#[test]
fn builds_the_shipped_registry() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let run = run_in(root, &["build", "--out", out.path().to_str().unwrap()], &[]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("data/kerja-sama.json")).unwrap(),
    )
    .unwrap();
    let entries = json["kerja_sama"].as_array().unwrap();
    assert!(entries.len() >= 12);
    assert!(
        entries.iter().all(|a| a["contoh"] == true),
        "shipped entries are examples"
    );
    for kind in ["KSDD", "KSDPK", "Sinergi", "KSDPL", "KSDLL"] {
        assert!(entries.iter().any(|a| a["jenis"] == kind), "no {kind}");
    }
    for doc in ["KB", "NK", "PKS", "RK"] {
        assert!(entries.iter().any(|a| a["dokumen"] == doc), "no {doc}");
    }
    for seed in [
        "Pemerintah Kabupaten Magetan",
        "Pemerintah Provinsi Kepulauan Bangka Belitung",
        "Pemerintah Kabupaten Paser",
        "Pemerintah Kota Tangerang",
        "Pemerintah Kota Yogyakarta",
    ] {
        assert!(
            entries.iter().any(|a| a["para_pihak"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["nama"] == seed)),
            "no entry with {seed}"
        );
    }
    for a in entries {
        let id = a["id"].as_str().unwrap();
        let html = std::fs::read_to_string(out.path().join(format!("kerja-sama/{id}/index.html")))
            .unwrap();
        if a["dokumen"] == "PKS" {
            assert!(
                html.contains(r#"href="/templat/perjanjian-kerja-sama/""#),
                "{id} links the PKS template"
            );
        }
        assert!(
            html.contains("CONTOH — bukan perjanjian nyata"),
            "{id} lacks the banner"
        );
    }
}

#[test]
fn shipped_statuses_vary_across_2026_and_2027() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for date in ["2026-11-25", "2027-06-01"] {
        let p = Project::empty();
        copy_project(root, p.root());
        p.write(
            "sopkb.toml",
            &format!("title = \"Uji\"\nbuild_date = \"{date}\"\n"),
        );
        build_ok(&p);
        let json = registry_json(&p);
        let entries = json["kerja_sama"].as_array().unwrap();
        for status in ["aktif", "akan-berakhir", "berakhir", "belum-mulai"] {
            if date == "2027-06-01" && status == "belum-mulai" {
                continue;
            }
            assert!(
                entries.iter().any(|a| a["status"] == status),
                "{date}: no `{status}` entry"
            );
        }
        assert!(
            entries.iter().any(|a| a["pemantauan_terlambat"] == true),
            "{date}: no overdue monitoring"
        );
    }
}

// --- Open data ---

#[test]
fn csv_export_is_utf8_with_stable_columns_one_row_per_agreement() {
    let p = registry_project();
    build_ok(&p);
    let bytes = std::fs::read(p.path("public/data/kerja-sama.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for spreadsheets");
    let text = String::from_utf8(bytes).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let records = sopkb::load::csv::parse(text, ',').unwrap();
    let header: Vec<&str> = records[0].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(header, sopkb::render::open_data::COLUMNS);
    assert_eq!(&header[..5], ["id", "contoh", "jenis", "dokumen", "judul"]);
    assert_eq!(records.len(), 1 + 6);
    assert!(records.iter().all(|r| r.cells.len() == header.len()));
}

#[test]
fn csv_export_defuses_spreadsheet_formulas_and_imports_them_back() {
    let p = registry_project();
    let risky = "\
---
jenis: KSDD
dokumen: KB
judul: \"=HYPERLINK(\\\"http://x\\\",\\\"klik\\\")\"
objek: \"+62 cmd|' /C calc'!A0\"
bidang_urusan: \"-2+3\"
para_pihak:
  - nama: \"@SUM(A1:A2)\"
    nomor: \"=1+1\"
  - nama: Pemerintah Kota Lain
    nomor: \"'quoted\"
tanggal:
  tanda_tangan: 2025-01-01
  berakhir: 2027-01-01
---
- butir yang diawali tanda minus
";
    p.write("content/kerja-sama/rumus.md", risky);
    build_ok(&p);
    let text = p.read("public/data/kerja-sama.csv");
    let text = text.trim_start_matches('\u{feff}');
    let records = sopkb::load::csv::parse(text, ',').unwrap();
    for r in &records {
        for c in &r.cells {
            assert!(
                !c.text.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "cell starts a formula: {:?}",
                c.text
            );
        }
    }
    let row = records
        .iter()
        .find(|r| r.cells[0].text == "rumus")
        .expect("row");
    assert!(row.cells[4].text.starts_with("'=HYPERLINK"));
    // The guard is undone on import: the registry comes back unchanged.
    let before = registry_json(&p);
    let q = empty_registry_project();
    let csv = p.path("public/data/kerja-sama.csv");
    let run = import(&q, &csv, false);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    build_ok(&q);
    assert_eq!(entry(&registry_json(&q), "rumus"), entry(&before, "rumus"));
}

// --- Import ---

#[test]
fn export_then_import_into_an_empty_project_gives_the_same_registry() {
    let p = registry_project();
    build_ok(&p);
    let q = empty_registry_project();
    let run = import(&q, &p.path("public/data/kerja-sama.csv"), false);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    build_ok(&q);
    assert_eq!(
        q.read("public/data/kerja-sama.json"),
        p.read("public/data/kerja-sama.json")
    );
    assert_eq!(
        q.read("public/data/kerja-sama.csv"),
        p.read("public/data/kerja-sama.csv")
    );
}

#[test]
fn the_shipped_registry_survives_an_export_import_round_trip() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let p = Project::empty();
    copy_project(root, p.root());
    p.write(
        "sopkb.toml",
        "title = \"Uji\"\nbuild_date = \"2026-11-25\"\n",
    );
    build_ok(&p);
    let q = Project::empty();
    copy_project(root, q.root());
    q.write(
        "sopkb.toml",
        "title = \"Uji\"\nbuild_date = \"2026-11-25\"\n",
    );
    std::fs::remove_dir_all(q.path("content/kerja-sama")).unwrap();
    let run = import(&q, &p.path("public/data/kerja-sama.csv"), false);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    build_ok(&q);
    assert_eq!(
        q.read("public/data/kerja-sama.json"),
        p.read("public/data/kerja-sama.json")
    );
}

#[test]
fn imports_semicolons_bom_and_indonesian_dates() {
    let p = empty_registry_project();
    let run = import(&p, &fixtures().join("impor-titik-koma.csv"), false);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("2 entri"), "{}", run.stderr);
    let kb = p.read("content/kerja-sama/kb-impor.md");
    assert!(kb.contains("tanda_tangan: 2025-09-16"), "{kb}");
    assert!(kb.contains("berakhir: 2030-09-16"));
    assert!(kb.contains("contoh: true"));
    let pks = p.read("content/kerja-sama/perjanjian-kerja-sama-impor-tahap-i.md");
    assert!(pks.contains("tanda_tangan: 2025-10-01"), "{pks}");
    assert!(pks.contains("berakhir: 2027-09-30"));
    assert!(pks.contains("nilai: 1250000000"));
    assert!(pks.contains("kb: kb-impor"));
    build_ok(&p);
    let json = registry_json(&p);
    assert_eq!(
        entry(&json, "kb-impor")["pemantauan"][0],
        serde_json::json!({"tanggal": "2026-03-16", "catatan": "Rapat pertama; lancar"})
    );
}

#[test]
fn imports_region_codes_in_either_form_and_locates_a_malformed_one_in_its_cell() {
    let p = empty_registry_project();
    let head = "id,jenis,dokumen,judul,objek,pihak_nama,pihak_nomor,pihak_kode_wilayah,tanggal_tanda_tangan,tanggal_berakhir\n";
    let good = "kb-wilayah,KSDD,KB,KB Wilayah,Air,\"Pemerintah Kabupaten Magetan\nPT Mitra\",\"1/2025\n2/2025\",3520,2025-01-02,2027-01-01\n";
    let csv = p.path("wilayah.csv");
    std::fs::write(&csv, format!("{head}{good}")).unwrap();
    let run = import(&p, &csv, false);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let md = p.read("content/kerja-sama/kb-wilayah.md");
    assert!(
        md.contains("kode_wilayah: '3520'") || md.contains("kode_wilayah: \"3520\""),
        "{md}"
    );
    build_ok(&p);
    let json = registry_json(&p);
    let pihak = &entry(&json, "kb-wilayah")["para_pihak"];
    assert_eq!(
        pihak[0]["kode_wilayah"], "35.20",
        "published in the dotted form"
    );
    assert_eq!(pihak[1]["kode_wilayah"], Value::Null);
    let bad = good
        .replace("kb-wilayah", "kb-salah")
        .replace("/2025", "/2026")
        .replace(",3520,", ",\"\n35.2\",");
    let text = format!("{head}{bad}");
    std::fs::write(&csv, &text).unwrap();
    let run = import(&p, &csv, false);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("KS021"), "{}", run.stderr);
    assert_eq!(
        locations(&run.stderr, &csv.to_string_lossy()),
        vec![line_col(&text, "35.2\"")],
        "{}",
        run.stderr
    );
    assert!(!p.path("content/kerja-sama/kb-salah.md").exists());
}

/// `--> FILE:LINE:COL` locations printed for `file`.
fn locations(stderr: &str, file: &str) -> Vec<(usize, usize)> {
    stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix("--> "))
        .filter_map(|l| l.strip_prefix(file)?.strip_prefix(':').map(str::to_owned))
        .map(|lc| {
            let (l, c) = lc.split_once(':').unwrap();
            (l.parse().unwrap(), c.parse().unwrap())
        })
        .collect()
}

/// 1-based line and column of the first occurrence of `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in CSV"));
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

#[test]
fn refuses_a_csv_with_bad_rows_naming_each_row_and_column_and_writes_nothing() {
    let p = empty_registry_project();
    let csv_path = fixtures().join("impor-baris-salah.csv");
    let csv = fixture_text("impor-baris-salah.csv");
    let run = import(&p, &csv_path, false);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        !p.path("content/kerja-sama").exists(),
        "nothing may be written"
    );
    let shown = csv_path.to_string_lossy().into_owned();
    let locs = locations(&run.stderr, &shown);
    // (code, message prefix, where in the CSV)
    let expected = [
        (
            "KS106",
            "baris 3 lembar kerja, kolom `tanggal_berakhir`",
            line_col(&csv, "30/02/2027"),
        ),
        (
            "KS004",
            "baris 4 lembar kerja, kolom `jenis`",
            line_col(&csv, "KSDX"),
        ),
        (
            "KS107",
            "baris 5 lembar kerja, kolom `nilai`",
            line_col(&csv, "satu juta"),
        ),
        (
            "KS109",
            "baris 6 lembar kerja, kolom `pihak_nomor`",
            line_col(&csv, "K/1"),
        ),
        ("KS105", "baris 7", line_col(&csv, "sel-kurang")),
        (
            "KS007",
            "baris 8 lembar kerja, kolom `kb`",
            line_col(&csv, "kb-hilang"),
        ),
        (
            "KS011",
            "baris 9 lembar kerja, kolom `pihak_nomor`",
            line_col(&csv, "B/1\nG/2"),
        ),
    ];
    for (code, prefix, at) in expected {
        let head = format!("kesalahan[{code}]: {prefix}");
        assert!(
            run.stderr.contains(&head),
            "missing `{head}` in:\n{}",
            run.stderr
        );
        assert!(
            locs.contains(&at),
            "{code}: no location {at:?} in {locs:?}\n{}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("baris 2"),
        "row 2 is valid:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("tidak ada berkas yang ditulis"));
}

#[test]
fn never_overwrites_an_entry_without_force() {
    let p = empty_registry_project();
    let csv = fixtures().join("impor-titik-koma.csv");
    assert_eq!(import(&p, &csv, false).code, Some(0));
    let path = "content/kerja-sama/kb-impor.md";
    let edited = p.read(path).replace("Air minum", "Air minum (disunting)");
    p.write(path, &edited);
    p.remove("content/kerja-sama/perjanjian-kerja-sama-impor-tahap-i.md");

    let run = import(&p, &csv, false);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("kesalahan[KS113]: baris 2 lembar kerja, kolom `id`"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read(path), edited, "existing entry kept");
    assert!(
        !p.path("content/kerja-sama/perjanjian-kerja-sama-impor-tahap-i.md")
            .exists(),
        "all or nothing: the new row is not written either"
    );

    let run = import(&p, &csv, true);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        !p.read(path).contains("disunting"),
        "--force replaces the entry"
    );
    assert!(p
        .path("content/kerja-sama/perjanjian-kerja-sama-impor-tahap-i.md")
        .is_file());
    let leftovers: Vec<_> = common::entries(&p.path("content/kerja-sama"))
        .into_iter()
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn import_reports_unknown_columns_and_non_utf8_files() {
    let p = empty_registry_project();
    p.write("a.csv", "id,jenis,warna\nx,KSDD,merah\n");
    let run = import(&p, &p.path("a.csv"), false);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("kesalahan[KS103]"), "{}", run.stderr);
    assert!(run.stderr.contains("kesalahan[KS104]"), "{}", run.stderr);
    p.write_bytes("b.csv", b"id,jenis\nx,KSD\xff\n");
    let run = import(&p, &p.path("b.csv"), false);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("kesalahan[KS101]"), "{}", run.stderr);
    let run = import(&p, &p.path("tidak-ada.csv"), false);
    assert_eq!(run.code, Some(2));
}

/// Copies the shipped project (config, SOPs, content) into `dest`.
fn copy_project(root: &Path, dest: &Path) {
    for dir in ["sops", "content"] {
        for entry in walkdir::WalkDir::new(root.join(dir)) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(root).unwrap();
            let to = dest.join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
    }
    std::fs::copy(root.join("sopkb.toml"), dest.join("sopkb.toml")).unwrap();
}
