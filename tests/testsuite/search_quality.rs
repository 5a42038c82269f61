//! Search quality on the shipped content: realistic staff questions, each
//! with the SOP step(s) that answer it, run through `sopkb search --json`
//! (no kind filter, as a user types them). Reports success@5 and MRR; fails
//! below 0.9 success@5. The questions need stemming ("menggandakan" ->
//! "penggandaan"), the compounds ("kerjasama", "menandatangani"), glossary
//! acronyms both ways (PKS, KAK, TKKSD) and executor/time fields.

use crate::common;

use common::run_in;
use serde_json::Value;
use std::path::Path;

/// (question, acceptable (SOP id, step position) answers).
const QUESTIONS: &[(&str, &[(&str, u64)])] = &[
    (
        "siapa yang menandatangani surat penawaran",
        &[("magetan-penawaran-kerja-sama", 5)],
    ),
    (
        "berapa lama legal drafting",
        &[
            ("magetan-penawaran-kerja-sama", 8),
            ("magetan-penawaran-kerja-sama", 11),
        ],
    ),
    (
        "legal drafting naskah PKS di bagian hukum",
        &[("magetan-penawaran-kerja-sama", 11)],
    ),
    (
        "siapa yang mengarsipkan naskah kerjasama",
        &[
            ("magetan-penawaran-kerja-sama", 13),
            ("babel-penyusunan-pks-pihak-ketiga", 13),
        ],
    ),
    (
        "rapat TKKSD membahas rencana kerjasama dengan OPD pemrakarsa",
        &[("magetan-penawaran-kerja-sama", 3)],
    ),
    (
        "menyampaikan surat penawaran kepada pihak II",
        &[("magetan-penawaran-kerja-sama", 6)],
    ),
    (
        "kapan bupati paser menandatangani kesepakatan bersama",
        &[("paser-fasilitasi-kerja-sama", 35)],
    ),
    (
        "paraf sekretaris daerah pada kesepakatan bersama",
        &[("paser-fasilitasi-kerja-sama", 33)],
    ),
    (
        "siapa yang mengetik berita acara rapat",
        &[("paser-fasilitasi-kerja-sama", 5)],
    ),
    (
        "menggandakan naskah kesepakatan bersama",
        &[("paser-fasilitasi-kerja-sama", 36)],
    ),
    (
        "surat balasan pihak terkait yang bersedia bekerja sama",
        &[
            ("paser-fasilitasi-kerja-sama", 25),
            ("paser-fasilitasi-kerja-sama", 26),
        ],
    ),
    (
        "kabag hukum mengoreksi draft kesepakatan bersama",
        &[
            ("paser-fasilitasi-kerja-sama", 16),
            ("paser-fasilitasi-kerja-sama", 17),
        ],
    ),
    (
        "siapa yang meregistrasi dan mendistribusikan PKS",
        &[("babel-penyusunan-pks-pihak-ketiga", 13)],
    ),
    (
        "menganalisis draft perjanjian kerja sama pihak ketiga",
        &[("babel-penyusunan-pks-pihak-ketiga", 4)],
    ),
    (
        "gubernur menerima rekomendasi TKKSD",
        &[("babel-penyusunan-pks-pihak-ketiga", 9)],
    ),
    (
        "disposisi draft PKS dan soft file dari OPD",
        &[("babel-penyusunan-pks-pihak-ketiga", 1)],
    ),
    (
        "draft PKS dibahas dalam forum TKKSD",
        &[("babel-penyusunan-pks-pihak-ketiga", 8)],
    ),
    (
        "registrasi PPKSD di website KSD",
        &[
            ("yogyakarta-registrasi-website-ksd", 6),
            ("yogyakarta-registrasi-website-ksd", 7),
            ("yogyakarta-registrasi-website-ksd", 8),
        ],
    ),
    (
        "membuat akun Jogja Smart Service",
        &[("yogyakarta-registrasi-website-ksd", 2)],
    ),
    (
        "surat tugas sebagai PPKSD",
        &[("yogyakarta-registrasi-website-ksd", 1)],
    ),
    (
        "siapa yang memverifikasi registrasi PPKSD",
        &[("yogyakarta-registrasi-website-ksd", 7)],
    ),
    (
        "mengisi studi kelayakan di website",
        &[("yogyakarta-perencanaan-ksd", 3)],
    ),
    (
        "berapa lama penelaahan kerangka acuan kerja",
        &[
            ("yogyakarta-perencanaan-ksd", 12),
            ("yogyakarta-perencanaan-ksd", 13),
            ("yogyakarta-perencanaan-ksd", 14),
        ],
    ),
    ("mengajukan KAK", &[("yogyakarta-perencanaan-ksd", 11)]),
    (
        "mencetak studi kelayakan dan KAK",
        &[("yogyakarta-perencanaan-ksd", 16)],
    ),
    (
        "unggah dokumen tahap inisiasi",
        &[("yogyakarta-inisiasi-ksd", 4)],
    ),
    (
        "rekomendasi atas tahap inisiasi",
        &[("yogyakarta-inisiasi-ksd", 7)],
    ),
    (
        "tambah data pemantauan",
        &[
            ("yogyakarta-pemantauan-ksd", 4),
            ("yogyakarta-pemantauan-ksd", 5),
        ],
    ),
    (
        "memberi catatan atas hasil evaluasi",
        &[("yogyakarta-evaluasi-ksd", 10)],
    ),
    (
        "memilih periode evaluasi",
        &[("yogyakarta-evaluasi-ksd", 5)],
    ),
    (
        "scan dokumen kerjasama yang telah disahkan",
        &[("yogyakarta-persiapan-ksd", 18)],
    ),
    (
        "penetapan tanggal dan nomor dokumen kerja sama",
        &[("yogyakarta-persiapan-ksd", 16)],
    ),
    (
        "rapat koordinasi rancangan kesepakatan bersama dengan stakeholder",
        &[("tangerang-penyiapan-rancangan-kesepakatan-bersama", 3)],
    ),
    (
        "wali kota menyetujui rancangan kesepakatan bersama",
        &[("tangerang-penyiapan-rancangan-kesepakatan-bersama", 7)],
    ),
    (
        "penandatanganan naskah perjanjian kerja sama oleh bupati dan pihak II",
        &[("magetan-penawaran-kerja-sama", 12)],
    ),
];

#[test]
fn staff_questions_find_their_step_in_the_top_five() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let run = run_in(root, &["build", "--out", out.to_str().unwrap()], &[]);
    assert_eq!(run.code, Some(0), "build failed: {}", run.stderr);

    let mut found = 0;
    let mut reciprocal = 0.0;
    let mut report = String::new();
    for (question, answers) in QUESTIONS {
        let run = run_in(
            root,
            &[
                "search",
                "--site",
                out.to_str().unwrap(),
                "--json",
                "--limit",
                "5",
                question,
            ],
            &[],
        );
        assert_eq!(run.code, Some(0), "{question}: {}", run.stderr);
        let v: Value = serde_json::from_str(&run.stdout).expect("JSON");
        let hits = v["hits"].as_array().expect("hits");
        let rank = hits.iter().position(|h| {
            answers
                .iter()
                .any(|(sop, step)| h["sop"] == *sop && h["step"] == *step)
        });
        match rank {
            Some(r) => {
                found += 1;
                reciprocal += 1.0 / (r + 1) as f64;
                report.push_str(&format!("  {}  {question}\n", r + 1));
            }
            None => report.push_str(&format!("  -  {question}\n")),
        }
    }
    let n = QUESTIONS.len() as f64;
    let success = found as f64 / n;
    let mrr = reciprocal / n;
    eprintln!(
        "search quality: {} questions, success@5 {success:.3}, MRR {mrr:.3}\n{report}",
        QUESTIONS.len()
    );
    assert!(QUESTIONS.len() >= 30);
    assert!(
        success >= 0.9,
        "success@5 {success:.3} < 0.9 (MRR {mrr:.3}):\n{report}"
    );
}
