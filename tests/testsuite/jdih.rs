//! Legal bases as JDIH portals and search engines read them: the schema.org
//! `Legislation` JSON-LD of each page, `data/jdihn.json`, and relations
//! written on one side shown on both (HUK005/HUK006 are bad-input cases).
//! The JSON-LD is checked structurally: expanding it (pyld) would fetch the
//! schema.org context from the network.

use crate::common::{self, Project};
use serde_json::Value;
use std::path::Path;

/// The schema.org properties a `Legislation` (a `CreativeWork`) may carry
/// that sopkb writes; anything else would be invented vocabulary.
const LEGISLATION_PROPERTIES: &[&str] = &[
    "@context",
    "@type",
    "@id",
    "url",
    "name",
    "sameAs",
    "author",
    "inLanguage",
    "datePublished",
    "jurisdiction",
    "legislationJurisdiction",
    "legislationIdentifier",
    "legislationType",
    "legislationDate",
    "legislationLegalForce",
    "legislationResponsible",
    "legislationChanges",
    "legislationAmends",
    "legislationRepeals",
];

/// The one JSON-LD block of a page, parsed.
fn json_ld(html: &str) -> Value {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    let start = html.find(OPEN).expect("a JSON-LD block") + OPEN.len();
    let end = start + html[start..].find("</script>").expect("closed");
    assert_eq!(html.matches(OPEN).count(), 1, "one JSON-LD block");
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|x| x["@id"].as_str().expect("@id"))
        .collect()
}

#[test]
fn shipped_legal_pages_carry_legislation_json_ld_and_jdihn_records() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("site");
    common::build_shipped(&out, &[]);

    let pp = json_ld(&read(&out, "dasar-hukum/pp-28-2018/index.html"));
    assert_eq!(pp["@context"], "https://schema.org");
    assert_eq!(pp["@type"], "Legislation");
    assert_eq!(
        pp["legislationIdentifier"],
        "Peraturan Pemerintah Nomor 28 Tahun 2018"
    );
    assert_eq!(pp["legislationType"], "Peraturan Pemerintah");
    assert_eq!(
        pp["name"],
        "Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah"
    );
    assert_eq!(pp["legislationLegalForce"], "https://schema.org/InForce");
    assert_eq!(pp["jurisdiction"]["@type"], "Country");
    assert_eq!(pp["jurisdiction"]["name"], "Indonesia");
    assert_eq!(ids(&pp["legislationRepeals"]), ["/dasar-hukum/pp-50-2007/"]);
    assert_eq!(ids(&pp["legislationChanges"]), ["/dasar-hukum/pp-50-2007/"]);
    assert!(
        pp.get("legislationDate").is_none(),
        "no date the file does not state"
    );

    let old = json_ld(&read(&out, "dasar-hukum/pp-50-2007/index.html"));
    assert_eq!(
        old["legislationLegalForce"],
        "https://schema.org/NotInForce"
    );

    let uu = json_ld(&read(&out, "dasar-hukum/uu-23-2014/index.html"));
    assert_eq!(uu["legislationDate"], "2014-09-30");
    assert_eq!(uu["datePublished"], "2014-10-02");
    assert_eq!(
        uu["legislationLegalForce"], "https://schema.org/InForce",
        "amended is in force"
    );
    let amends = json_ld(&read(&out, "dasar-hukum/uu-9-2015/index.html"));
    assert_eq!(
        ids(&amends["legislationAmends"]),
        ["/dasar-hukum/uu-23-2014/"]
    );

    let perda = json_ld(&read(
        &out,
        "dasar-hukum/perda-kota-yogyakarta-12-2009/index.html",
    ));
    assert_eq!(perda["jurisdiction"]["@type"], "AdministrativeArea");
    assert_eq!(perda["jurisdiction"]["name"], "Kota Yogyakarta");
    assert_eq!(
        perda["jurisdiction"]["containedInPlace"]["name"],
        "Indonesia"
    );

    // Every page: only schema.org's properties, a known legal-force value.
    let mut pages = 0;
    for entry in std::fs::read_dir(out.join("dasar-hukum")).unwrap() {
        let page = entry.unwrap().path().join("index.html");
        if !page.exists() {
            continue;
        }
        let html = std::fs::read_to_string(&page).unwrap();
        if !html.contains("application/ld+json") {
            continue; // the list page
        }
        pages += 1;
        let v = json_ld(&html);
        for key in v.as_object().unwrap().keys() {
            assert!(
                LEGISLATION_PROPERTIES.contains(&key.as_str()),
                "{}: {key}",
                page.display()
            );
        }
        let force = v["legislationLegalForce"].as_str().unwrap();
        assert!(
            ["InForce", "NotInForce", "PartiallyInForce"]
                .iter()
                .any(|f| force == format!("https://schema.org/{f}")),
            "{force}"
        );
    }
    assert_eq!(pages, 18);

    // data/jdihn.json: one record per legal basis, every field a string.
    let records: Value = serde_json::from_str(&read(&out, "data/jdihn.json")).unwrap();
    let records = records.as_array().expect("an array of records");
    assert_eq!(records.len(), 18);
    let fields = [
        "idData",
        "tahun_pengundangan",
        "tanggal_pengundangan",
        "tanggal_penetapan",
        "jenis",
        "noPeraturan",
        "judul",
        "noPanggil",
        "singkatanJenis",
        "tempatTerbit",
        "penerbit",
        "deskripsiFisik",
        "sumber",
        "subjek",
        "isbn",
        "status",
        "bahasa",
        "bidangHukum",
        "teuBadan",
        "pemrakarsa",
        "nomorIndukBuku",
        "fileDownload",
        "urlDownload",
        "urlDetailPeraturan",
        "operasi",
        "display",
    ];
    for r in records {
        let obj = r.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut want = fields.to_vec();
        want.sort_unstable();
        assert_eq!(keys, want, "{r}");
        assert!(obj.values().all(Value::is_string), "{r}");
        assert!(["Berlaku", "Tidak Berlaku"].contains(&r["status"].as_str().unwrap()));
    }
    let by_id = |id: &str| records.iter().find(|r| r["idData"] == id).expect(id);
    let pp = by_id("pp-28-2018");
    assert_eq!(pp["noPeraturan"], "28");
    assert_eq!(pp["singkatanJenis"], "PP");
    assert_eq!(pp["tempatTerbit"], "Jakarta");
    assert_eq!(pp["sumber"], "LN 2018 (97), TLN (6219)");
    assert_eq!(pp["teuBadan"], "Indonesia. Pemerintah Pusat");
    assert_eq!(pp["tahun_pengundangan"], "2018");
    assert_eq!(pp["tanggal_pengundangan"], "", "unset stays empty");
    assert_eq!(pp["status"], "Berlaku");
    assert_eq!(pp["urlDetailPeraturan"], "/dasar-hukum/pp-28-2018/");
    assert_eq!(by_id("pp-50-2007")["status"], "Tidak Berlaku");
    assert_eq!(by_id("uu-23-2014")["tanggal_pengundangan"], "2014-10-02");
}

const OLD: &str = "---\njenis: Peraturan Pemerintah\nnomor: \"28\"\ntahun: 2018\ntentang: Kerja Sama Daerah\nstatus: diubah\n---\nx\n";
const NEW: &str = "---\njenis: Peraturan Pemerintah\nnomor: \"1\"\ntahun: 2030\ntentang: Perubahan\nstatus: berlaku\nmengubah: [pp-28-2018]\nmencabut_sebagian: [pp-28-2018]\n---\nx\n";

#[test]
fn a_relation_written_on_the_newer_regulation_shows_on_both() {
    let p = Project::valid();
    p.write("content/dasar-hukum/pp-28-2018.md", OLD);
    p.write("content/dasar-hukum/pp-1-2030.md", NEW);
    let run = p.run(&["build"]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        !run.stderr.contains("HUK002"),
        "the derived `diubah_oleh` counts: {}",
        run.stderr
    );
    let out = p.path("public");

    let old = read(&out, "dasar-hukum/pp-28-2018/index.html");
    for label in ["Diubah dengan", "Dicabut sebagian dengan"] {
        let at = old
            .find(&format!("<dt>{label}</dt>"))
            .unwrap_or_else(|| panic!("{label}"));
        assert!(old[at..].contains("href=\"/dasar-hukum/pp-1-2030/\""));
    }
    assert_eq!(
        json_ld(&old)["legislationLegalForce"],
        "https://schema.org/PartiallyInForce"
    );
    let new = read(&out, "dasar-hukum/pp-1-2030/index.html");
    assert!(new.contains("<dt>Mengubah</dt>") && new.contains("<dt>Mencabut sebagian</dt>"));
    let ld = json_ld(&new);
    assert_eq!(ids(&ld["legislationAmends"]), ["/dasar-hukum/pp-28-2018/"]);
    assert!(
        ld.get("legislationRepeals").is_none(),
        "a partial repeal is only a change"
    );
    assert_eq!(
        ld["legislationChanges"].as_array().unwrap().len(),
        1,
        "one regulation, listed once"
    );

    let data: Value = serde_json::from_str(&read(&out, "data/dasar-hukum.json")).unwrap();
    let old = data["dasar_hukum"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "pp-28-2018")
        .unwrap();
    assert_eq!(old["diubah_oleh"], serde_json::json!(["pp-1-2030"]));
    assert_eq!(
        old["dicabut_sebagian_oleh"],
        serde_json::json!(["pp-1-2030"])
    );

    // The same relation written on the older side too, differently: refused.
    p.replace(
        "content/dasar-hukum/pp-28-2018.md",
        "status: diubah\n",
        "status: diubah\ndicabut_oleh: [pp-1-2030]\n",
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("HUK005"), "{}", run.stderr);
    assert!(run.stderr.contains("pp-28-2018.md:7:"), "{}", run.stderr);
}
