//! Open-data metadata of the shipped site: `data/datapackage.json` passes
//! `frictionless validate` and `data/kerja-sama.csv-metadata.json` the
//! `csvw` package's validator (and a broken row or schema fails both); the
//! columns both files describe are the CSV's header, in order; the licence
//! of `sopkb.toml` reaches both files and the registry page.
//!
//! Python with `frictionless` and `csvw` is required (scripts/setup installs
//! them): the test fails without them, unless `SOPKB_SKIP_PY=1` (local runs
//! only), as tests/testsuite/reminders.rs does for `icalendar`.

use crate::common::build_shipped;
use crate::registry::{registry_project, BUILD_DATE};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn csv_header(data: &Path) -> Vec<String> {
    let bytes = std::fs::read(data.join("kerja-sama.csv")).expect("csv");
    let text = String::from_utf8(bytes).expect("utf-8");
    let text = text.trim_start_matches('\u{feff}');
    let records = sopkb::load::csv::parse(text, ',').expect("csv parses");
    records[0].cells.iter().map(|c| c.text.clone()).collect()
}

fn names(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|c| c[key].as_str().expect(key).to_owned())
        .collect()
}

fn csv_resource(pkg: &Value) -> &Value {
    pkg["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "kerja-sama")
        .expect("the kerja-sama resource")
}

#[test]
fn metadata_columns_are_the_csv_header_and_the_dialect_is_the_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    build_shipped(tmp.path(), &[]);
    let data = tmp.path().join("data");
    let header = csv_header(&data);
    assert_eq!(header, sopkb::render::open_data::COLUMNS);
    let csvw = json(&data.join("kerja-sama.csv-metadata.json"));
    let columns = &csvw["tableSchema"]["columns"];
    assert_eq!(names(columns, "name"), header, "CSVW column names");
    assert_eq!(
        names(columns, "titles"),
        header,
        "CSVW titles match the header"
    );
    assert_eq!(csvw["url"], "kerja-sama.csv");
    assert_eq!(csvw["tableSchema"]["primaryKey"], "id");
    let pkg = json(&data.join("datapackage.json"));
    let res = csv_resource(&pkg);
    assert_eq!(
        names(&res["schema"]["fields"], "name"),
        header,
        "Table Schema fields"
    );
    assert_eq!(res["schema"]["primaryKey"], "id");
    // The dialect both files declare is what the file is: a BOM (which
    // UTF-8 readers skip), commas, CRLF after every record.
    let bytes = std::fs::read(data.join("kerja-sama.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(bytes.ends_with(b"\r\n"));
    let header_line = format!("\u{feff}{}\r\n", header.join(","));
    assert!(bytes.starts_with(header_line.as_bytes()));
    assert_eq!(res["encoding"], "utf-8");
    assert_eq!(res["dialect"]["delimiter"], ",");
    assert_eq!(res["dialect"]["lineTerminator"], "\r\n");
    assert_eq!(csvw["dialect"]["lineTerminators"][0], "\r\n");
    // Every resource names a file of the site.
    for r in pkg["resources"].as_array().unwrap() {
        let path = r["path"].as_str().unwrap();
        assert!(data.join(path).is_file(), "{path}");
    }
    // The default licence, in both files.
    assert_eq!(pkg["licenses"][0]["name"], "CC-BY-4.0");
    assert_eq!(
        csvw["dc:license"]["@id"],
        "https://creativecommons.org/licenses/by/4.0/"
    );
    // The shipped regional governments carry their region codes.
    let registry = json(&data.join("kerja-sama.json"));
    let codes: Vec<&str> = registry["kerja_sama"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["para_pihak"].as_array().unwrap())
        .filter_map(|p| p["kode_wilayah"].as_str())
        .collect();
    assert!(
        codes.contains(&"35.20") && codes.contains(&"34.71"),
        "{codes:?}"
    );
}

/// Runs `python3 ARGS` in `dir` (`common::setup_tool`: `module` is required).
fn python(dir: &Path, module: &str, args: &[&str]) -> Option<Output> {
    let mut cmd = Command::new("python3");
    cmd.args(args).current_dir(dir);
    crate::common::setup_tool(cmd, module)
}

/// `frictionless validate --json datapackage.json` in `data`: the report.
fn frictionless(data: &Path) -> Option<(bool, Value)> {
    let out = python(
        data,
        "frictionless",
        &[
            "-m",
            "frictionless",
            "validate",
            "--json",
            "datapackage.json",
        ],
    )?;
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "frictionless printed no JSON report ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Some((out.status.success(), report))
}

/// The errors of a report: `(type, field)`, from every task.
fn errors(report: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |e: &Value| {
        out.push((
            e["type"].as_str().unwrap_or_default().to_owned(),
            e["fieldName"].as_str().unwrap_or_default().to_owned(),
        ))
    };
    report["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .for_each(&mut push);
    for t in report["tasks"].as_array().into_iter().flatten() {
        t["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .for_each(&mut push);
    }
    out
}

/// The `csvw` package's validation of the metadata (as its `csvwvalidate`
/// command does): `OK`, or `FAIL` and the reasons.
const CSVW: &str = r#"
import sys
from csvw import CSVW
try:
    c = CSVW(sys.argv[1], validate=True)
except ValueError as e:
    print("FAIL", e)
    sys.exit(1)
if not c.is_valid:
    print("FAIL", *[str(w.message) for w in c.warnings], sep="\n")
    sys.exit(1)
print("OK")
"#;

fn csvw(data: &Path) -> Option<(bool, String)> {
    let out = python(data, "csvw", &["-c", CSVW, "kerja-sama.csv-metadata.json"])?;
    Some((
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    ))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// `data/` of the shipped site with `kerja-sama.csv` edited.
fn broken_csv(data: &Path, to: &Path, from: &str, into: &str) {
    copy_dir(data, to);
    let path = to.join("kerja-sama.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, into, 1)).unwrap();
}

#[test]
fn shipped_package_passes_frictionless_and_csvw_and_broken_data_fails_both() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("site");
    build_shipped(&site, &[]);
    let data = site.join("data");
    let Some((ok, report)) = frictionless(&data) else {
        return;
    };
    assert!(ok && report["valid"] == true, "{report:#}");
    let tasks = report["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), 4, "the CSV and three JSON files: {report:#}");
    let csv_task = tasks.iter().find(|t| t["name"] == "kerja-sama").unwrap();
    assert_eq!(
        csv_task["stats"]["fields"].as_u64(),
        Some(sopkb::render::open_data::COLUMNS.len() as u64)
    );
    assert!(
        csv_task["stats"]["rows"].as_u64() > Some(10),
        "{csv_task:#}"
    );

    // One row with an unknown kind of cooperation and an impossible date.
    let bad_row = tmp.path().join("bad-row");
    broken_csv(&data, &bad_row, ",KSDD,", ",KSDX,");
    let (ok, report) = frictionless(&bad_row).unwrap();
    assert!(!ok && report["valid"] == false, "{report:#}");
    assert!(
        errors(&report).contains(&("constraint-error".into(), "jenis".into())),
        "{:?}",
        errors(&report)
    );
    let (ok, out) = csvw(&bad_row).unwrap();
    assert!(!ok && out.contains("KSDX"), "{out}");
    let bad_date = tmp.path().join("bad-date");
    broken_csv(&data, &bad_date, ",2021-09-20,", ",2021-02-30,");
    let (ok, report) = frictionless(&bad_date).unwrap();
    assert!(!ok, "{report:#}");
    assert!(
        errors(&report)
            .iter()
            .any(|(t, f)| t == "type-error" && f.starts_with("tanggal_")),
        "{:?}",
        errors(&report)
    );

    // A schema that is not a Table Schema.
    let bad_schema = tmp.path().join("bad-schema");
    copy_dir(&data, &bad_schema);
    let path = bad_schema.join("datapackage.json");
    let mut pkg = json(&path);
    pkg["resources"][0]["schema"]["fields"][0]["type"] = "teks".into();
    std::fs::write(&path, serde_json::to_string(&pkg).unwrap()).unwrap();
    let (ok, report) = frictionless(&bad_schema).unwrap();
    assert!(!ok && report["valid"] == false, "{report:#}");

    let (ok, out) = csvw(&data).unwrap();
    assert!(ok && out.trim() == "OK", "{out}");
}

#[test]
fn the_license_setting_reaches_both_metadata_files_and_the_pages() {
    let p = registry_project();
    p.write(
        "sopkb.toml",
        &format!("title = \"Uji\"\nbuild_date = \"{BUILD_DATE}\"\nlicense = \"odbl-1.0\"\n"),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let pkg = json(&p.path("public/data/datapackage.json"));
    assert_eq!(pkg["licenses"][0]["name"], "ODbL-1.0", "the SPDX spelling");
    let url = "https://opendatacommons.org/licenses/odbl/1-0/";
    assert_eq!(pkg["licenses"][0]["path"], url);
    let csvw = json(&p.path("public/data/kerja-sama.csv-metadata.json"));
    assert_eq!(csvw["dc:license"]["@id"], url);
    let list = p.read("public/kerja-sama/index.html");
    assert!(
        list.contains(&format!("<a href=\"{url}\">ODbL-1.0</a>")),
        "{list}"
    );
    assert!(
        list.contains("data/datapackage.json")
            && list.contains("data/kerja-sama.csv-metadata.json")
    );
    assert!(
        p.read("public/index.html").contains(url),
        "the footer names it"
    );
}
