//! Search quality on the shipped content: questions written the way staff
//! type them (formal words of the SOPs, chat spelling, typos, acronyms,
//! requests for a template or a legal basis, questions that name a region),
//! each with the steps or pages that answer it, run through
//! `sopkb search --json` (no kind filter, as a user types them). Prints
//! success@1, success@5 and MRR@5 per category and fails below the floors
//! (`FLOORS`), so a ranking regression fails CI.

use crate::common;

use common::run_in;
use serde_json::Value;
use std::path::Path;

/// A question's category (the report groups by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cat {
    Formal,
    Informal,
    Typo,
    Abbreviation,
    Template,
    Legal,
    Region,
}

impl Cat {
    const ALL: [Cat; 7] = [
        Cat::Formal,
        Cat::Informal,
        Cat::Typo,
        Cat::Abbreviation,
        Cat::Template,
        Cat::Legal,
        Cat::Region,
    ];

    fn name(self) -> &'static str {
        match self {
            Cat::Formal => "formal",
            Cat::Informal => "informal/chat",
            Cat::Typo => "typo",
            Cat::Abbreviation => "abbreviation",
            Cat::Template => "template",
            Cat::Legal => "legal basis",
            Cat::Region => "region-named",
        }
    }
}

use Cat::*;

/// (category, question as staff type it, acceptable answers). An answer is
/// `sop-id#N` (step N of that SOP), a path the hit's URL ends with
/// (`templat/surat-penawaran/`, an article's section
/// `pengetahuan/ID/#anchor`), or a path ending in `*` that the URL
/// contains (`sop/ID/*`: the SOP page or any of its steps).
const QUESTIONS: &[(Cat, &str, &[&str])] = &[
    // Formal: the words of the SOPs.
    (
        Formal,
        "siapa yang menandatangani surat penawaran",
        &["magetan-penawaran-kerja-sama#5"],
    ),
    (
        Formal,
        "berapa lama legal drafting",
        &[
            "magetan-penawaran-kerja-sama#8",
            "magetan-penawaran-kerja-sama#11",
        ],
    ),
    (
        Formal,
        "legal drafting naskah PKS di bagian hukum",
        &["magetan-penawaran-kerja-sama#11"],
    ),
    (
        Formal,
        "siapa yang mengarsipkan naskah kerjasama",
        &[
            "magetan-penawaran-kerja-sama#13",
            "babel-penyusunan-pks-pihak-ketiga#13",
        ],
    ),
    (
        Formal,
        "rapat TKKSD membahas rencana kerjasama dengan OPD pemrakarsa",
        &["magetan-penawaran-kerja-sama#3"],
    ),
    (
        Formal,
        "menyampaikan surat penawaran kepada pihak II",
        &["magetan-penawaran-kerja-sama#6"],
    ),
    (
        Formal,
        "paraf sekretaris daerah pada kesepakatan bersama",
        &["paser-fasilitasi-kerja-sama#33"],
    ),
    (
        Formal,
        "siapa yang mengetik berita acara rapat",
        &["paser-fasilitasi-kerja-sama#5"],
    ),
    (
        Formal,
        "menggandakan naskah kesepakatan bersama",
        &["paser-fasilitasi-kerja-sama#36"],
    ),
    (
        Formal,
        "surat balasan pihak terkait yang bersedia bekerja sama",
        &[
            "paser-fasilitasi-kerja-sama#25",
            "paser-fasilitasi-kerja-sama#26",
        ],
    ),
    (
        Formal,
        "kabag hukum mengoreksi draft kesepakatan bersama",
        &[
            "paser-fasilitasi-kerja-sama#16",
            "paser-fasilitasi-kerja-sama#17",
        ],
    ),
    (
        Formal,
        "menganalisis draft perjanjian kerja sama pihak ketiga",
        &["babel-penyusunan-pks-pihak-ketiga#4"],
    ),
    (
        Formal,
        "gubernur menerima rekomendasi TKKSD",
        &["babel-penyusunan-pks-pihak-ketiga#9"],
    ),
    (
        Formal,
        "membuat akun Jogja Smart Service",
        &["yogyakarta-registrasi-website-ksd#2"],
    ),
    (
        Formal,
        "siapa yang memverifikasi registrasi PPKSD",
        &["yogyakarta-registrasi-website-ksd#7"],
    ),
    (
        Formal,
        "mengisi studi kelayakan di website",
        &["yogyakarta-perencanaan-ksd#3"],
    ),
    (
        Formal,
        "berapa lama penelaahan kerangka acuan kerja",
        &[
            "yogyakarta-perencanaan-ksd#12",
            "yogyakarta-perencanaan-ksd#13",
            "yogyakarta-perencanaan-ksd#14",
        ],
    ),
    (
        Formal,
        "mencetak studi kelayakan dan KAK",
        &["yogyakarta-perencanaan-ksd#16"],
    ),
    (
        Formal,
        "unggah dokumen tahap inisiasi",
        &["yogyakarta-inisiasi-ksd#4"],
    ),
    (
        Formal,
        "rekomendasi atas tahap inisiasi",
        &["yogyakarta-inisiasi-ksd#7"],
    ),
    (
        Formal,
        "tambah data pemantauan",
        &["yogyakarta-pemantauan-ksd#4", "yogyakarta-pemantauan-ksd#5"],
    ),
    (
        Formal,
        "memberi catatan atas hasil evaluasi",
        &["yogyakarta-evaluasi-ksd#10"],
    ),
    (
        Formal,
        "memilih periode evaluasi",
        &["yogyakarta-evaluasi-ksd#5"],
    ),
    (
        Formal,
        "scan dokumen kerjasama yang telah disahkan",
        &["yogyakarta-persiapan-ksd#18"],
    ),
    (
        Formal,
        "penetapan tanggal dan nomor dokumen kerja sama",
        &["yogyakarta-persiapan-ksd#16"],
    ),
    (
        Formal,
        "rapat koordinasi rancangan kesepakatan bersama dengan stakeholder",
        &["tangerang-penyiapan-rancangan-kesepakatan-bersama#3"],
    ),
    (
        Formal,
        "wali kota menyetujui rancangan kesepakatan bersama",
        &["tangerang-penyiapan-rancangan-kesepakatan-bersama#7"],
    ),
    (
        Formal,
        "penandatanganan naskah perjanjian kerja sama oleh bupati dan pihak II",
        &["magetan-penawaran-kerja-sama#12"],
    ),
    (
        Formal,
        "pengajuan kerangka acuan kerja oleh PPKSD",
        &["yogyakarta-perencanaan-ksd#11"],
    ),
    (
        Formal,
        "penutupan sesi pencermatan rancangan dokumen kerja sama",
        &["yogyakarta-persiapan-ksd#11"],
    ),
    (
        Formal,
        "persetujuan rancangan akhir dokumen kerja sama daerah",
        &["yogyakarta-persiapan-ksd#15"],
    ),
    (
        Formal,
        "koordinasi dengan kepala perangkat daerah untuk penandatanganan PKS",
        &["babel-penyusunan-pks-pihak-ketiga#11"],
    ),
    // Informal: chat spelling, particles, abbreviated function words.
    (
        Informal,
        "siapa yg ttd surat penawaran",
        &["magetan-penawaran-kerja-sama#5"],
    ),
    (
        Informal,
        "gmn cara daftar akun jss",
        &[
            "yogyakarta-registrasi-website-ksd#2",
            "pengetahuan/tanya-jawab/#9-bagaimana-mendaftar-di-website-ksd-kota-yogyakarta",
        ],
    ),
    (
        Informal,
        "naskah kerjasama yg udah ditandatangani diarsip dmn",
        &[
            "magetan-penawaran-kerja-sama#13",
            "babel-penyusunan-pks-pihak-ketiga#13",
            "pengetahuan/tahapan-kerja-sama-daerah/#6-pengarsipan-dan-registrasi",
        ],
    ),
    (
        Informal,
        "kalo pihak 2 nolak penawaran gmn",
        &["magetan-penawaran-kerja-sama#6", "pengetahuan/tanya-jawab/#13-bagaimana-jika-calon-mitra-menolak-penawaran"],
    ),
    (
        Informal,
        "brp lama legal drafting di bag hukum",
        &[
            "magetan-penawaran-kerja-sama#8",
            "magetan-penawaran-kerja-sama#11",
        ],
    ),
    (
        Informal,
        "siapa yg koreksi draft kb sblm diparaf",
        &[
            "paser-fasilitasi-kerja-sama#10",
            "paser-fasilitasi-kerja-sama#11",
            "paser-fasilitasi-kerja-sama#16",
        ],
    ),
    (
        Informal,
        "abis upload dokumen inisiasi siapa yg nelaah",
        &["yogyakarta-inisiasi-ksd#5", "yogyakarta-inisiasi-ksd#6"],
    ),
    (
        Informal,
        "ttd pks bisa desk to desk ga",
        &[
            "magetan-penawaran-kerja-sama#12",
            "pengetahuan/tanya-jawab/#3-apa-itu-penandatanganan-desk-to-desk",
        ],
    ),
    (
        Informal,
        "mau kerjasama dgn instansi vertikal naskahnya apa",
        &[
            "pengetahuan/tanya-jawab/#5-apa-yang-dibutuhkan-untuk-kerja-sama-dengan-instansi-vertikal",
            "pengetahuan/memilih-jenis-kerja-sama/#3-mitra-kementerian-lembaga-atau-instansi-vertikal",
            "templat/nota-kesepakatan/",
            "magetan-penawaran-kerja-sama#7",
        ],
    ),
    (
        Informal,
        "cara isi studi kelayakan di web ksd gmn",
        &["yogyakarta-perencanaan-ksd#3"],
    ),
    (
        Informal,
        "yg verifikasi registrasi ppksd siapa sih",
        &["yogyakarta-registrasi-website-ksd#7"],
    ),
    (
        Informal,
        "dokumen ks udah disahkan trus discan upload dmn",
        &["yogyakarta-persiapan-ksd#18"],
    ),
    (
        Informal,
        "nomor dokumen kerja sama ditetapkan kapan ya",
        &["yogyakarta-persiapan-ksd#16", "pengetahuan/tanya-jawab/#14-bagaimana-naskah-diberi-nomor-dan-diarsipkan"],
    ),
    // One answer among the many of a long article (its section's anchor).
    (
        Informal,
        "penomoran naskah dr pihak mitra",
        &[
            "pengetahuan/tanya-jawab/#14-bagaimana-naskah-diberi-nomor-dan-diarsipkan",
            "yogyakarta-persiapan-ksd#16",
        ],
    ),
    (
        Informal,
        "bedanya kb sm pks apa sih",
        &["pengetahuan/tanya-jawab/#4-apa-bedanya-kesepakatan-bersama-nota-kesepakatan-dan-perjanjian-kerja-sama"],
    ),
    (
        Informal,
        "kerjasama hrs persetujuan dprd ga",
        &["pengetahuan/tanya-jawab/#11-kapan-kerja-sama-memerlukan-persetujuan-dprd"],
    ),
    // Typos (one slip in a word of five letters or more).
    (
        Typo,
        "pengajuan studi kelayaakn",
        &["yogyakarta-perencanaan-ksd#4"],
    ),
    (
        Typo,
        "bupati paser menandatangani kesepakatn bersama",
        &["paser-fasilitasi-kerja-sama#35"],
    ),
    (
        Typo,
        "rapat kordinasi rancangan kesepakatan bersama",
        &["tangerang-penyiapan-rancangan-kesepakatan-bersama#3"],
    ),
    (
        Typo,
        "mengarsipkan naskah kerjsama",
        &[
            "magetan-penawaran-kerja-sama#13",
            "babel-penyusunan-pks-pihak-ketiga#13",
        ],
    ),
    (
        Typo,
        "legal draftng naskah pks",
        &["magetan-penawaran-kerja-sama#11"],
    ),
    (
        Typo,
        "registrasi jogja smart servis",
        &["yogyakarta-registrasi-website-ksd#2"],
    ),
    (
        Typo,
        "penggandaan naskah kesepakatan bersma",
        &["paser-fasilitasi-kerja-sama#36"],
    ),
    (
        Typo,
        "verifkasi registrasi ppksd",
        &["yogyakarta-registrasi-website-ksd#7"],
    ),
    (
        Typo,
        "mencetak studi kelayakan dan kerangka acuan kerj",
        &["yogyakarta-perencanaan-ksd#16"],
    ),
    (
        Typo,
        "pemantuan tambah data",
        &["yogyakarta-pemantauan-ksd#4", "yogyakarta-pemantauan-ksd#5"],
    ),
    (
        Typo,
        "menyampaikan surat penawran ke pihak II",
        &["magetan-penawaran-kerja-sama#6"],
    ),
    (
        Typo,
        "disposisi draft pks dari opd ke karo pemerintahn",
        &["babel-penyusunan-pks-pihak-ketiga#1"],
    ),
    // Abbreviations: acronyms and short titles of offices.
    (
        Abbreviation,
        "mengajukan KAK",
        &["yogyakarta-perencanaan-ksd#11"],
    ),
    (
        Abbreviation,
        "draft PKS dibahas dalam forum TKKSD",
        &["babel-penyusunan-pks-pihak-ketiga#8"],
    ),
    (
        Abbreviation,
        "disposisi draft PKS dan soft file dari OPD",
        &["babel-penyusunan-pks-pihak-ketiga#1"],
    ),
    (
        Abbreviation,
        "registrasi PPKSD di website KSD",
        &[
            "yogyakarta-registrasi-website-ksd#6",
            "yogyakarta-registrasi-website-ksd#7",
            "yogyakarta-registrasi-website-ksd#8",
        ],
    ),
    (
        Abbreviation,
        "surat tugas sebagai PPKSD",
        &[
            "yogyakarta-registrasi-website-ksd#1",
            "templat/surat-tugas-ppksd/",
        ],
    ),
    (
        Abbreviation,
        "siapa yang meregistrasi dan mendistribusikan PKS",
        &["babel-penyusunan-pks-pihak-ketiga#13"],
    ),
    (
        Abbreviation,
        "kasubbag KSD rekomendasi inisiasi",
        &["yogyakarta-inisiasi-ksd#7"],
    ),
    (
        Abbreviation,
        "sekda paraf KB",
        &["paser-fasilitasi-kerja-sama#33"],
    ),
    (
        Abbreviation,
        "bag tapem menyusun surat penawaran",
        &["magetan-penawaran-kerja-sama#4"],
    ),
    (
        Abbreviation,
        "TU menggandakan KB",
        &["paser-fasilitasi-kerja-sama#36"],
    ),
    (
        Abbreviation,
        "karo pemerintahan memeriksa hasil analisa draft PKS",
        &["babel-penyusunan-pks-pihak-ketiga#7"],
    ),
    (
        Abbreviation,
        "kasubbag KSSLN koordinasi dengan OPD",
        &["babel-penyusunan-pks-pihak-ketiga#2"],
    ),
    // Templates: staff want the blank document.
    (
        Template,
        "contoh surat penawaran kerja sama",
        &["templat/surat-penawaran/"],
    ),
    (Template, "format KAK", &["templat/kerangka-acuan-kerja/"]),
    (
        Template,
        "contoh nota kesepahaman",
        &["templat/nota-kesepakatan/"],
    ),
    (
        Template,
        "contoh naskah perjanjian kerja sama",
        &["templat/perjanjian-kerja-sama/"],
    ),
    (
        Template,
        "blanko berita acara rapat tkksd",
        &["templat/berita-acara-rapat-tkksd/"],
    ),
    (
        Template,
        "format surat kuasa ttd pks",
        &["templat/surat-kuasa-penandatanganan-pks/"],
    ),
    (
        Template,
        "contoh surat tugas ppksd",
        &["templat/surat-tugas-ppksd/"],
    ),
    (
        Template,
        "template studi kelayakan",
        &["templat/studi-kelayakan/"],
    ),
    (
        Template,
        "contoh surat permohonan fasilitasi kerja sama ke bupati",
        &["templat/surat-permohonan-fasilitasi/"],
    ),
    (
        Template,
        "format surat jawaban bersedia kerja sama",
        &["templat/surat-jawaban-penawaran/"],
    ),
    (
        Template,
        "templat kesepakatan bersama antar daerah",
        &["templat/kesepakatan-bersama/"],
    ),
    (
        Template,
        "draf mou dgn kementerian",
        &["templat/nota-kesepakatan/"],
    ),
    // Legal bases, cited every way staff write them.
    (Legal, "PP 28/2018", &["dasar-hukum/pp-28-2018/"]),
    (
        Legal,
        "peraturan pemerintah nomor 28 tahun 2018",
        &["dasar-hukum/pp-28-2018/"],
    ),
    (
        Legal,
        "permendagri 22 tahun 2020",
        &["dasar-hukum/permendagri-22-2020/"],
    ),
    (
        Legal,
        "permendagri 22/2009 masih berlaku?",
        &[
            "dasar-hukum/permendagri-22-2009/",
            "pengetahuan/tanya-jawab/#15-sop-kami-masih-mengutip-permendagri-22-2009-apakah-masih-berlaku",
        ],
    ),
    (Legal, "uu 23 thn 2014 pemda", &["dasar-hukum/uu-23-2014/"]),
    (
        Legal,
        "dasar hukum kerja sama daerah",
        &[
            "dasar-hukum/pp-28-2018/",
            "dasar-hukum/permendagri-22-2020/",
            "dasar-hukum/uu-23-2014/",
        ],
    ),
    (
        Legal,
        "pp no 50 tahun 2007 udah dicabut?",
        &["dasar-hukum/pp-50-2007/"],
    ),
    (
        Legal,
        "perda kota yogyakarta nomor 12 tahun 2009",
        &["dasar-hukum/perda-kota-yogyakarta-12-2009/"],
    ),
    (
        Legal,
        "aturan pedoman penyusunan SOP administrasi pemerintahan",
        &[
            "dasar-hukum/permenpan-rb-35-2012/",
            "dasar-hukum/perwal-kota-tangerang-33-2014/",
        ],
    ),
    (
        Legal,
        "uu cipta kerja",
        &[
            "dasar-hukum/uu-6-2023/",
            "dasar-hukum/uu-11-2020/",
            "dasar-hukum/perppu-2-2022/",
        ],
    ),
    (
        Legal,
        "perbup paser 72 2017",
        &["dasar-hukum/perbup-paser-72-2017/"],
    ),
    (
        Legal,
        "kepwal yogyakarta 390/2021",
        &["dasar-hukum/kepwal-kota-yogyakarta-390-2021/"],
    ),
    // Questions that name a region.
    (
        Region,
        "kapan bupati paser menandatangani kesepakatan bersama",
        &["paser-fasilitasi-kerja-sama#35"],
    ),
    (
        Region,
        "sop kerja sama kota tangerang",
        &["sop/tangerang-penyiapan-rancangan-kesepakatan-bersama/*"],
    ),
    (
        Region,
        "wali kota tangerang setujui rancangan kb",
        &["tangerang-penyiapan-rancangan-kesepakatan-bersama#7"],
    ),
    (
        Region,
        "legal drafting di magetan",
        &[
            "magetan-penawaran-kerja-sama#8",
            "magetan-penawaran-kerja-sama#11",
        ],
    ),
    (
        Region,
        "gubernur babel menerima rekomendasi tkksd",
        &["babel-penyusunan-pks-pihak-ketiga#9"],
    ),
    (
        Region,
        "evaluasi kerja sama daerah yogyakarta pilih periode",
        &["yogyakarta-evaluasi-ksd#5"],
    ),
    (
        Region,
        "kerja sama paser dengan unmul beasiswa",
        &["kerja-sama/paser-unmul-pks-beasiswa/"],
    ),
    (
        Region,
        "kerja sama magetan ngawi sampah",
        &[
            "kerja-sama/magetan-ngawi-kb-pengelolaan-sampah/",
            "kerja-sama/magetan-ngawi-pks-tpa-regional/",
        ],
    ),
    (
        Region,
        "kota tangerang bank banten pajak",
        &["kerja-sama/tangerang-bank-banten-pks-pembayaran-pajak/"],
    ),
    (
        Region,
        "registrasi website ksd kota yogyakarta",
        &["sop/yogyakarta-registrasi-website-ksd/*"],
    ),
    (
        Region,
        "bangka tengah air minum",
        &[
            "kerja-sama/babel-bangka-tengah-kb-air-minum/",
            "kerja-sama/babel-bangka-tengah-pks-spam-regional/",
        ],
    ),
    (
        Region,
        "siapa yang tanda tangan pks di magetan",
        &[
            "magetan-penawaran-kerja-sama#12",
            "magetan-penawaran-kerja-sama#9",
        ],
    ),
    (
        Region,
        "ketua tim otta tangerang fasilitasi koordinasi",
        &[
            "tangerang-penyiapan-rancangan-kesepakatan-bersama#2",
            "tangerang-penyiapan-rancangan-kesepakatan-bersama#1",
        ],
    ),
];

/// Floors: (category, success@1, success@5, MRR@5); `None` is overall.
/// Set a little under the figures measured when the set was last tuned, so
/// a regression fails and noise does not.
const FLOORS: &[(Option<Cat>, f64, f64, f64)] = &[
    (None, 0.85, 0.95, 0.90),
    (Some(Formal), 0.85, 0.95, 0.90),
    (Some(Informal), 0.60, 0.90, 0.75),
    (Some(Typo), 0.83, 0.90, 0.90),
    (Some(Abbreviation), 0.80, 0.90, 0.88),
    (Some(Template), 0.80, 0.90, 0.88),
    (Some(Legal), 0.80, 0.90, 0.85),
    (Some(Region), 0.80, 0.90, 0.85),
];

/// Whether hit `h` is the answer `a` (see `QUESTIONS`).
fn is_answer(h: &Value, a: &str) -> bool {
    let url = h["url"].as_str().unwrap_or("");
    if let Some((sop, step)) = a.split_once('#').filter(|_| !a.contains('/')) {
        return h["sop"] == sop && h["step"].as_u64().map(|s| s.to_string()) == Some(step.into());
    }
    match a.strip_suffix('*') {
        Some(prefix) => url.contains(prefix),
        None => url.ends_with(a),
    }
}

#[derive(Default, Clone, Copy)]
struct Score {
    n: usize,
    at1: usize,
    at5: usize,
    rr: f64,
}

impl Score {
    fn add(&mut self, rank: Option<usize>) {
        self.n += 1;
        if let Some(r) = rank {
            self.at1 += usize::from(r == 0);
            self.at5 += 1;
            self.rr += 1.0 / (r + 1) as f64;
        }
    }

    fn figures(&self) -> (f64, f64, f64) {
        let n = self.n.max(1) as f64;
        (self.at1 as f64 / n, self.at5 as f64 / n, self.rr / n)
    }
}

#[test]
fn staff_questions_find_their_answer_first() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let run = run_in(root, &["build", "--out", out.to_str().unwrap()], &[]);
    assert_eq!(run.code, Some(0), "build failed: {}", run.stderr);

    let mut total = Score::default();
    let mut per: Vec<Score> = vec![Score::default(); Cat::ALL.len()];
    let mut misses = String::new();
    for (cat, question, answers) in QUESTIONS {
        let args = [
            "search",
            "--site",
            out.to_str().unwrap(),
            "--json",
            "--limit",
            "5",
            question,
        ];
        let run = run_in(root, &args, &[]);
        assert_eq!(run.code, Some(0), "{question}: {}", run.stderr);
        let v: Value = serde_json::from_str(&run.stdout).expect("JSON");
        let hits = v["hits"].as_array().expect("hits");
        let rank = hits
            .iter()
            .position(|h| answers.iter().any(|a| is_answer(h, a)));
        total.add(rank);
        per[Cat::ALL.iter().position(|c| c == cat).unwrap()].add(rank);
        if rank != Some(0) {
            let first = hits
                .first()
                .map_or("nothing", |h| h["url"].as_str().unwrap_or(""));
            let rank = rank.map_or("-".to_owned(), |r| (r + 1).to_string());
            misses.push_str(&format!(
                "  {rank:>2}  [{}] {question}  (first: {first})\n",
                cat.name()
            ));
        }
    }

    let mut report = format!(
        "{:<15} {:>4} {:>6} {:>6} {:>6}\n",
        "category", "n", "s@1", "s@5", "MRR@5"
    );
    let line = |name: &str, s: &Score| {
        let (a, b, c) = s.figures();
        format!("{name:<15} {:>4} {a:>6.3} {b:>6.3} {c:>6.3}\n", s.n)
    };
    for (cat, s) in Cat::ALL.iter().zip(&per) {
        report.push_str(&line(cat.name(), s));
    }
    report.push_str(&line("overall", &total));
    eprintln!(
        "search quality ({} questions)\n{report}not first:\n{misses}",
        QUESTIONS.len()
    );

    assert!(QUESTIONS.len() >= 80);
    for cat in Cat::ALL {
        assert!(
            per[Cat::ALL.iter().position(|c| *c == cat).unwrap()].n >= 8,
            "{}",
            cat.name()
        );
    }
    let mut failed = Vec::new();
    for (cat, at1, at5, mrr) in FLOORS {
        let s = match cat {
            Some(c) => per[Cat::ALL.iter().position(|x| x == c).unwrap()],
            None => total,
        };
        let (a, b, c) = s.figures();
        if a < *at1 || b < *at5 || c < *mrr {
            failed.push(format!(
                "{}: s@1 {a:.3} (floor {at1}), s@5 {b:.3} (floor {at5}), MRR@5 {c:.3} (floor {mrr})",
                cat.map_or("overall", Cat::name)
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "below the floors:\n{}\n{report}{misses}",
        failed.join("\n")
    );
}
