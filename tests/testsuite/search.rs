//! `sopkb search` on the shipped content, through the real binary and the
//! very files a built site ships (`search/index/`).

use crate::common;

use common::{run_in, snapshot, Run};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn shipped_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped site, built once for this test binary.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-shipped-site");
        let run = run_in(
            shipped_root(),
            &["build", "--out", out.to_str().unwrap()],
            &[],
        );
        run.assert_no_panic();
        assert_eq!(run.code, Some(0), "build failed: {}", run.stderr);
        out
    })
}

fn search(args: &[&str]) -> Run {
    let mut all = vec!["search", "--site", site().to_str().unwrap()];
    all.extend_from_slice(args);
    let run = run_in(shipped_root(), &all, &[]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "search failed: {}", run.stderr);
    run
}

fn hits(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let run = search(&all);
    let v: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout));
    v["hits"].as_array().expect("hits array").clone()
}

fn is_step(h: &Value, sop: &str, step: u64) -> bool {
    h["sop"] == sop && h["step"] == step
}

const MAGETAN: &str = "magetan-penawaran-kerja-sama";

#[test]
fn legal_drafting_finds_magetan_step_8_near_the_top() {
    let hits = hits(&["legal drafting"]);
    let pos = hits
        .iter()
        .position(|h| is_step(h, MAGETAN, 8))
        .unwrap_or_else(|| panic!("Magetan step 8 missing: {hits:#?}"));
    assert!(pos < 3, "Magetan step 8 at rank {}: {hits:#?}", pos + 1);
    let h = &hits[pos];
    assert_eq!(h["kind"], "langkah");
    assert!(h["url"]
        .as_str()
        .unwrap()
        .ends_with("sop/magetan-penawaran-kerja-sama/#langkah-8"));
    assert!(h["snippet"].as_str().unwrap().contains("<mark>"), "{h}");
}

#[test]
fn json_hits_have_exactly_the_contract_keys() {
    for h in hits(&["legal drafting"]) {
        let mut keys: Vec<&str> = h.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["kind", "score", "snippet", "sop", "step", "title", "url"]
        );
        let kind = h["kind"].as_str().unwrap();
        assert!(
            [
                "langkah",
                "sop",
                "dasar-hukum",
                "templat",
                "kerja-sama",
                "pengetahuan",
                "istilah"
            ]
            .contains(&kind),
            "{kind}"
        );
        // Only hits inside an SOP carry a step.
        assert_eq!(h["step"].is_null(), kind != "langkah", "{h}");
    }
}

#[test]
fn pks_finds_steps_about_perjanjian_kerja_sama() {
    let hits = hits(&["--jenis", "langkah", "--limit", "30", "PKS"]);
    assert!(!hits.is_empty());
    // A step that writes only "Perjanjian Kerja Sama" is found through the
    // glossary acronym: Magetan step 10 "Menyusun Rancangan Perjanjian Kerja Sama".
    assert!(
        hits.iter().any(|h| is_step(h, MAGETAN, 10)),
        "Magetan step 10 missing: {hits:#?}"
    );
    for h in hits.iter().take(5) {
        let text = format!("{} {}", h["title"], h["snippet"]).to_lowercase();
        assert!(
            text.contains("pks") || text.contains("perjanjian kerja sama"),
            "top hit not about PKS: {h}"
        );
    }
}

#[test]
fn perjanjian_kerja_sama_finds_steps_that_write_pks() {
    let hits = hits(&[
        "--jenis",
        "langkah",
        "--limit",
        "30",
        "perjanjian kerja sama",
    ]);
    // Magetan step 11 "Meminta Legal Drafting Naskah PKS ke Bagian Hukum".
    assert!(
        hits.iter().any(|h| is_step(h, MAGETAN, 11)),
        "Magetan step 11 missing: {hits:#?}"
    );
}

#[test]
fn kind_filter_keeps_only_that_kind() {
    let hits = hits(&["--jenis", "dasar-hukum", "kerja sama daerah"]);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["kind"] == "dasar-hukum"), "{hits:#?}");
    let inline = self::hits(&["jenis:sop kerja sama"]);
    assert!(!inline.is_empty());
    assert!(inline.iter().all(|h| h["kind"] == "sop"), "{inline:#?}");
}

#[test]
fn limit_caps_the_number_of_hits() {
    assert_eq!(hits(&["--limit", "2", "kerja sama"]).len(), 2);
    assert_eq!(hits(&["--limit", "1", "legal drafting"]).len(), 1);
}

#[test]
fn human_output_shows_sop_step_executor_time_and_url() {
    let run = search(&["legal drafting"]);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("#langkah-8"))
        .unwrap_or_else(|| panic!("no step 8 line:\n{}", run.stdout));
    assert!(line.starts_with("langkah"), "{line}");
    assert!(
        line.contains("Penawaran Kerja Sama kepada Pihak Lain · langkah 8 · Bagian Hukum · 1 hari"),
        "{line}"
    );
}

#[test]
fn a_query_without_hits_says_so_and_succeeds() {
    let run = search(&["zzzyyyxxx"]);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("tidak ada hasil"), "{}", run.stderr);
}

#[test]
fn a_site_without_index_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(
        shipped_root(),
        &["search", "--site", dir.path().to_str().unwrap(), "kerja"],
        &[],
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("sopkb build"), "{}", run.stderr);
}

/// `dibaca: C dari N potongan, B dari T byte ...` -> (C, N, B, T).
fn stats(stderr: &str) -> (u64, u64, u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("dibaca:"))
        .unwrap_or_else(|| panic!("no stats line:\n{stderr}"));
    let nums: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    (nums[0], nums[1], nums[2], nums[3])
}

#[test]
fn stats_report_chunks_and_bytes_read() {
    let run = search(&["--stats", "legal drafting"]);
    let (chunks, total_chunks, bytes, total) = stats(&run.stderr);
    assert!(chunks >= 1 && chunks <= total_chunks);
    assert!(bytes > 0 && bytes <= total);
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(site().join("search/index/manifest.json")).unwrap())
            .unwrap();
    // Index bytes as shipped: the packed files plus a 4-byte tag per chunk.
    assert_eq!(
        manifest["total"].as_u64().unwrap() + 4 * total_chunks,
        total
    );
    assert_eq!(manifest["chunk_size"], 4096);
    assert_eq!(manifest["version"], 3);
    assert_eq!(manifest["pack_chunks"], 256);
    // Adjacent chunks of one read come in one request.
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("dibaca:"))
        .unwrap();
    let (requests, packs) = line
        .split_once("; ")
        .and_then(|(_, rest)| rest.split_once("dokumen; "))
        .and_then(|(_, rest)| rest.split_once(" permintaan ke "))
        .map(|(r, rest)| {
            (
                r.parse::<u64>().unwrap(),
                rest.split(' ').next().unwrap().parse::<u64>().unwrap(),
            )
        })
        .unwrap_or_else(|| panic!("{line}"));
    assert!(requests >= 1 && requests < chunks, "{line}");
    assert_eq!(packs, total_chunks.div_ceil(256));
}

#[test]
fn two_builds_give_identical_search_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    for out in [&a, &b] {
        let run = run_in(
            shipped_root(),
            &["build", "--out", out.to_str().unwrap()],
            &[],
        );
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
    let (sa, sb) = (
        snapshot(&a.join("search/index")),
        snapshot(&b.join("search/index")),
    );
    assert!(sa.contains_key("manifest.json") && sa.contains_key("pack-00000.bin"));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (name, bytes) in &sa {
        assert!(
            bytes == &sb[name],
            "search/index/{name} differs between builds"
        );
    }
}

/// The index folder: the manifest and pack files of 256 sealed chunks
/// (4 KiB + a 4-byte tag each, the last chunk shorter), the last pack fewer.
#[test]
fn packs_hold_256_chunks_of_4_kib_except_the_last() {
    let dir = site().join("search/index");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let total = manifest["total"].as_u64().unwrap();
    let chunks = total.div_ceil(4096);
    let packs = chunks.div_ceil(256);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = (0..packs).map(|p| format!("pack-{p:05}.bin")).collect();
    want.push("manifest.json".into());
    want.sort();
    assert_eq!(names, want);
    let mut sum = 0;
    for p in 0..packs {
        let len = std::fs::metadata(dir.join(format!("pack-{p:05}.bin")))
            .unwrap()
            .len();
        let in_pack = if p + 1 < packs { 256 } else { chunks - 256 * p };
        if p + 1 < packs {
            assert_eq!(len, 256 * 4100);
        }
        sum += len - 4 * in_pack;
    }
    assert_eq!(sum, total);
}

#[test]
fn every_kind_of_the_shipped_content_is_searchable() {
    for kind in [
        "langkah",
        "sop",
        "dasar-hukum",
        "templat",
        "kerja-sama",
        "pengetahuan",
        "istilah",
    ] {
        let hits = hits(&["--jenis", kind, "kerja sama daerah"]);
        assert!(!hits.is_empty(), "no `{kind}` hit");
        assert!(hits.iter().all(|h| h["kind"] == kind), "{hits:#?}");
    }
}

#[test]
fn every_way_of_citing_a_regulation_finds_its_page_first() {
    for q in [
        "PP 28/2018",
        "PP No. 28 Tahun 2018",
        "Peraturan Pemerintah Nomor 28 Tahun 2018",
        "pp nomor 28 thn 2018",
    ] {
        let hits = hits(&["--limit", "3", q]);
        let first = hits[0]["url"].as_str().unwrap();
        assert!(first.ends_with("dasar-hukum/pp-28-2018/"), "{q}: {hits:#?}");
    }
    for (q, page) in [
        ("Permendagri 22/2020", "dasar-hukum/permendagri-22-2020/"),
        (
            "Permendagri No 22 Tahun 2020",
            "dasar-hukum/permendagri-22-2020/",
        ),
        (
            "permendagri 22 thn 2009 msh berlaku ga",
            "dasar-hukum/permendagri-22-2009/",
        ),
        ("UU 23/2014", "dasar-hukum/uu-23-2014/"),
    ] {
        let hits = hits(&["--limit", "3", q]);
        assert!(
            hits[0]["url"].as_str().unwrap().ends_with(page),
            "{q}: {hits:#?}"
        );
    }
}

#[test]
fn a_citation_with_another_number_or_year_is_not_an_equal_match() {
    let score = |q: &str| {
        hits(&["--limit", "50", q])
            .iter()
            .find(|h| {
                h["url"]
                    .as_str()
                    .unwrap()
                    .ends_with("dasar-hukum/pp-28-2018/")
            })
            .map_or(0.0, |h| h["score"].as_f64().unwrap())
    };
    let exact = score("PP 28/2018");
    for other in ["PP 28/2019", "PP 2/2018", "PP 280/2018"] {
        let s = score(other);
        assert!(s * 2.0 < exact, "{other}: {s} vs PP 28/2018: {exact}");
    }
}

#[test]
fn chat_spelling_and_a_slip_find_the_same_step() {
    let top = |q: &str| {
        let hits = hits(&["--limit", "1", q]);
        (hits[0]["sop"].clone(), hits[0]["step"].clone())
    };
    assert_eq!(
        top("siapa yg ttd surat penawaran"),
        top("siapa yang menandatangani surat penawaran")
    );
    assert_eq!(
        top("pengajuan studi kelayaakn"),
        top("pengajuan studi kelayakan")
    );
}

/// Every section of an article is its own hit, at the anchor its heading
/// has on the built page.
#[test]
fn article_sections_are_hits_at_their_headings_ids() {
    let hits = hits(&[
        "--jenis",
        "pengetahuan",
        "--limit",
        "500",
        "kerja sama daerah",
    ]);
    let mut sections = 0;
    for h in &hits {
        let url = h["url"].as_str().unwrap();
        let Some((page, id)) = url.split_once('#') else {
            continue;
        };
        sections += 1;
        let html =
            std::fs::read_to_string(site().join(page.trim_start_matches('/')).join("index.html"))
                .unwrap();
        assert!(html.contains(&format!(" id=\"{id}\"")), "{url}: no such id");
    }
    let qa = hits
        .iter()
        .filter(|h| {
            h["url"]
                .as_str()
                .unwrap()
                .starts_with("/pengetahuan/tanya-jawab/#")
        })
        .count();
    assert_eq!(qa, 15, "one hit per answer of the Q&A");
    assert!(sections > qa, "{hits:#?}");
    let first = &self::hits(&["penomoran naskah dr pihak mitra"])[0];
    assert_eq!(
        first["url"],
        "/pengetahuan/tanya-jawab/#14-bagaimana-naskah-diberi-nomor-dan-diarsipkan"
    );
    assert_eq!(
        first["title"],
        "14. Bagaimana naskah diberi nomor dan diarsipkan?"
    );
}
