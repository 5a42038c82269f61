//! Metadata of the open data, as publishers and data portals (Satu Data
//! Indonesia, CKAN) read it: `data/datapackage.json`, a Frictionless Data
//! Package (v1) whose Table Schema describes `kerja-sama.csv`, and
//! `data/kerja-sama.csv-metadata.json`, the W3C CSV on the Web metadata of
//! the same file. Both come from `columns::SCHEMA` and carry the licence of
//! `sopkb.toml`.

use super::columns::{Column, Type, SCHEMA};
use crate::diag::Lang;
use crate::model::registry::slug;
use crate::model::Site;
use crate::render::feeds::is_absolute;
use crate::render::Files;
use serde_json::{json, Map, Value};

/// What `kerja-sama.csv` really is (`to_csv`, `csv::write_record`): UTF-8
/// that starts with a byte order mark, `,` between cells, CRLF after each
/// record, `"` around cells holding `,`, `;`, `"`, a line break or edge
/// spaces, with `""` for a quote; one header row.
const DELIMITER: &str = ",";
const LINE_TERMINATOR: &str = "\r\n";

pub(super) fn render_all(site: &Site, files: &mut Files) {
    put(files, "data/datapackage.json", &datapackage(site));
    put(files, "data/kerja-sama.csv-metadata.json", &csvw(site));
}

fn put(files: &mut Files, path: &str, value: &Value) {
    let mut text = serde_json::to_string_pretty(value).expect("json serializes");
    text.push('\n');
    files.insert(path.to_owned(), text.into_bytes());
}

fn pick(site: &Site, text: (&'static str, &'static str)) -> &'static str {
    match site.config.lang {
        Lang::Id => text.0,
        Lang::En => text.1,
    }
}

fn lang_code(site: &Site) -> &'static str {
    pick(site, ("id", "en"))
}

fn csv_title(site: &Site) -> &'static str {
    pick(
        site,
        (
            "Daftar kerja sama daerah",
            "Register of regional cooperation agreements",
        ),
    )
}

fn csv_description(site: &Site) -> String {
    let reg = &site.kerja_sama;
    format!(
        "{} {}.",
        pick(
            site,
            (
                "Satu baris per dokumen kerja sama (KB, NK, PKS, RK). Status dihitung per",
                "One row per cooperation document (KB, NK, PKS, RK). Statuses are as of",
            )
        ),
        reg.today
    )
}

/// The package's name: lower-case letters, digits and `-` (Data Package
/// `name`), from the site's title.
fn package_name(site: &Site) -> String {
    let s = slug(&site.config.title);
    if s.is_empty() {
        "sopkb-data".into()
    } else {
        format!("{s}-data")
    }
}

// --- Frictionless Data Package ---

fn datapackage(site: &Site) -> Value {
    let cfg = &site.config;
    let lic = cfg.license;
    let mut pkg = Map::new();
    pkg.insert("profile".into(), json!("data-package"));
    pkg.insert("name".into(), json!(package_name(site)));
    pkg.insert(
        "title".into(),
        json!(format!(
            "{}: {}",
            cfg.title,
            pick(site, ("data terbuka", "open data"))
        )),
    );
    let description = if cfg.description.is_empty() {
        csv_title(site).to_owned()
    } else {
        cfg.description.clone()
    };
    pkg.insert("description".into(), json!(description));
    if is_absolute(&cfg.base_url) {
        pkg.insert("homepage".into(), json!(cfg.base_url));
    }
    pkg.insert(
        "licenses".into(),
        json!([{ "name": lic.id, "path": lic.url, "title": lic.name }]),
    );
    pkg.insert(
        "keywords".into(),
        json!([
            "kerja sama daerah",
            "KSD",
            "SOP",
            "dasar hukum",
            "PP 28/2018",
            "Permendagri 22/2020"
        ]),
    );
    pkg.insert(
        "resources".into(),
        json!([
            csv_resource(site),
            json_resource(
                "kerja-sama-json",
                "kerja-sama.json",
                pick(site, ("Daftar kerja sama daerah (JSON)", "Register of regional cooperation agreements (JSON)")),
                pick(site, ("Isi yang sama dengan kerja-sama.csv, dengan para pihak dan catatan sebagai objek, tautan halaman mitra dan entri turunan.", "The same content as kerja-sama.csv, with parties and records as objects, partner page links and implementing entries.")),
            ),
            json_resource(
                "sops",
                "sops.json",
                pick(site, ("SOP Administrasi Pemerintahan", "Standard operating procedures")),
                pick(site, ("Setiap SOP dengan identitas, pelaksana, langkah, waktu dan mutu baku (Permenpan RB 35/2012).", "Every SOP with its identity, executors, steps, times and quality standards (Permenpan RB 35/2012).")),
            ),
            json_resource(
                "dasar-hukum",
                "dasar-hukum.json",
                pick(site, ("Dasar hukum", "Legal bases")),
                pick(site, ("Peraturan yang dikutip, dengan status, perubahan, pencabutan dan SOP yang mengutipnya.", "The regulations cited, with their status, amendments, revocations and the SOPs citing them.")),
            ),
        ]),
    );
    Value::Object(pkg)
}

fn csv_resource(site: &Site) -> Value {
    json!({
        "profile": "tabular-data-resource",
        "name": "kerja-sama",
        "path": "kerja-sama.csv",
        "title": csv_title(site),
        "description": csv_description(site),
        "format": "csv",
        "mediatype": "text/csv",
        // The IANA name; the file starts with a BOM, which UTF-8 readers skip.
        "encoding": "utf-8",
        "dialect": {
            "csvddfVersion": 1.2,
            "delimiter": DELIMITER,
            "lineTerminator": LINE_TERMINATOR,
            "quoteChar": "\"",
            "doubleQuote": true,
            "skipInitialSpace": false,
            "header": true,
        },
        "schema": table_schema(site),
    })
}

/// A JSON file of the site: described, without a Table Schema (its records
/// nest).
fn json_resource(name: &str, path: &str, title: &str, description: &str) -> Value {
    json!({
        "profile": "data-resource",
        "name": name,
        "path": path,
        "title": title,
        "description": description,
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
    })
}

fn table_schema(site: &Site) -> Value {
    let fields: Vec<Value> = SCHEMA.iter().map(|c| field(site, c)).collect();
    json!({
        "fields": fields,
        "missingValues": [""],
        "primaryKey": "id",
        "foreignKeys": [{ "fields": "kb", "reference": { "resource": "", "fields": "id" } }],
    })
}

fn field(site: &Site, c: &Column) -> Value {
    let mut f = Map::new();
    f.insert("name".into(), json!(c.name));
    f.insert("description".into(), json!(pick(site, c.description)));
    let (kind, format) = match c.kind {
        Type::String => ("string", "default"),
        Type::Date => ("date", "default"),
        Type::Boolean => ("boolean", "default"),
        Type::Integer => ("integer", "default"),
    };
    f.insert("type".into(), json!(kind));
    f.insert("format".into(), json!(format));
    if c.kind == Type::Boolean {
        f.insert("trueValues".into(), json!(["ya"]));
        f.insert("falseValues".into(), json!(["tidak"]));
    }
    let mut cons = Map::new();
    cons.insert("required".into(), json!(c.required));
    if c.name == "id" {
        cons.insert("unique".into(), json!(true));
    }
    if let Some(values) = c.values {
        cons.insert("enum".into(), json!(values()));
    }
    if let Some(p) = c.pattern {
        cons.insert("pattern".into(), json!(p));
    }
    if c.kind == Type::Integer {
        cons.insert("minimum".into(), json!(0));
    }
    f.insert("constraints".into(), Value::Object(cons));
    Value::Object(f)
}

// --- CSV on the Web ---

fn csvw(site: &Site) -> Value {
    let lic = site.config.license;
    let columns: Vec<Value> = SCHEMA.iter().map(|c| csvw_column(site, c)).collect();
    json!({
        "@context": ["http://www.w3.org/ns/csvw", { "@language": lang_code(site) }],
        "url": "kerja-sama.csv",
        "dc:title": csv_title(site),
        "dc:description": csv_description(site),
        "dc:license": { "@id": lic.url },
        "dc:rights": lic.id,
        "dialect": {
            "encoding": "utf-8",
            "delimiter": DELIMITER,
            "lineTerminators": [LINE_TERMINATOR],
            "quoteChar": "\"",
            "doubleQuote": true,
            "header": true,
            "headerRowCount": 1,
            "skipInitialSpace": false,
            "trim": false,
        },
        "tableSchema": {
            "columns": columns,
            // No foreign key for `kb`: CSVW validators refuse its empty
            // cells (entries without an umbrella); the Table Schema has it.
            "primaryKey": "id",
        },
    })
}

/// A CSVW column: empty cells are null (the default `null: ""`); a coded
/// or patterned text column becomes a string datatype whose `format` is
/// the anchored regular expression.
fn csvw_column(site: &Site, c: &Column) -> Value {
    let datatype = match c.kind {
        Type::String => {
            let regex = match (c.values, c.pattern) {
                (Some(values), _) => Some(format!("^({})$", values().join("|"))),
                (None, Some(p)) => Some(format!("^({p})$")),
                (None, None) => None,
            };
            match regex {
                Some(r) => json!({ "base": "string", "format": r }),
                None => json!("string"),
            }
        }
        Type::Date => json!({ "base": "date", "format": "yyyy-MM-dd" }),
        Type::Boolean => json!({ "base": "boolean", "format": "ya|tidak" }),
        Type::Integer => json!({ "base": "integer", "minimum": 0 }),
    };
    json!({
        "name": c.name,
        "titles": c.name,
        "dc:description": pick(site, c.description),
        "datatype": datatype,
        "required": c.required,
    })
}
