//! A deterministic synthetic project for build benchmarks (issue 9): N
//! Markdown articles (300–1,500 words, mean about 900, headings, lists, a
//! table, 2–6 internal links), M SOPs (5–40 steps, 3–8 lanes, decisions),
//! K registry entries, plus legal bases, a glossary and document templates,
//! in the sopkb input layout; optionally the same articles as a minimal Hugo
//! site. Same arguments, same bytes (a fixed LCG, no clock, no hashing).
//! Shared by `examples/gen_site.rs` and `examples/bench.rs`.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    /// Markdown articles (`content/pengetahuan/*.md`).
    pub pages: usize,
    /// SOPs (`sops/*.yaml`).
    pub sops: usize,
    /// Registry entries (`content/kerja-sama/*.md`).
    pub registry: usize,
    pub seed: u64,
}

impl Spec {
    /// The defaults for `pages` articles: one SOP per 10 and one registry
    /// entry per 20 articles.
    pub(crate) fn for_pages(pages: usize) -> Spec {
        Spec {
            pages,
            sops: pages / 10,
            registry: pages / 20,
            seed: 9,
        }
    }
}

/// What was generated.
#[derive(Debug, Default, Clone)]
pub(crate) struct Stats {
    pub articles: usize,
    pub article_words: usize,
    pub article_bytes: usize,
    pub sops: usize,
    pub steps: usize,
    pub registry: usize,
    pub legal: usize,
    pub templates: usize,
    pub terms: usize,
}

/// Article path (relative to the project) of article `i`.
pub(crate) fn article_rel(i: usize) -> String {
    format!("content/pengetahuan/artikel-{i:05}.md")
}

/// SOP path (relative to the project) of SOP `i`.
pub(crate) fn sop_rel(i: usize) -> String {
    format!("sops/prosedur-{i:05}.yaml")
}

// --- Randomness -------------------------------------------------------------

/// A 64-bit LCG (Knuth's MMIX constants): deterministic on every platform.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        let mut r = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
        r.next();
        r
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// Uniform in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `1/n`.
    pub(crate) fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Zipf-like sampling over a word list: rank r has weight 1/(r+offset).
struct Zipf {
    /// Cumulative weights scaled to u64.
    cum: Vec<u64>,
}

impl Zipf {
    fn new(n: usize, offset: f64) -> Zipf {
        let mut total = 0.0f64;
        let w: Vec<f64> = (0..n)
            .map(|r| {
                total += 1.0 / (r as f64 + offset);
                total
            })
            .collect();
        let cum = w
            .into_iter()
            .map(|c| (c / total * (u32::MAX as f64)) as u64)
            .collect();
        Zipf { cum }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.next() & u32::MAX as u64;
        self.cum.partition_point(|&c| c < x).min(self.cum.len() - 1)
    }
}

// --- Vocabulary -------------------------------------------------------------

/// Indonesian function words, most frequent first.
const FUNCTION: &[&str] = &[
    "yang",
    "dan",
    "di",
    "dengan",
    "untuk",
    "dalam",
    "pada",
    "dari",
    "ini",
    "itu",
    "oleh",
    "atau",
    "ke",
    "akan",
    "dapat",
    "tersebut",
    "sebagai",
    "juga",
    "telah",
    "harus",
    "bagi",
    "antara",
    "setiap",
    "serta",
    "tidak",
    "secara",
    "sesuai",
    "melalui",
    "agar",
    "paling",
    "lambat",
    "sudah",
    "belum",
    "masing-masing",
    "kepada",
    "terhadap",
    "apabila",
    "sebelum",
    "setelah",
    "sampai",
];

/// Domain roots and words of regional cooperation.
const ROOTS: &[&str] = &[
    "kerja",
    "sama",
    "daerah",
    "pemerintah",
    "perjanjian",
    "naskah",
    "kesepakatan",
    "bersama",
    "pihak",
    "surat",
    "rancangan",
    "bagian",
    "hukum",
    "bupati",
    "wali",
    "kota",
    "provinsi",
    "kabupaten",
    "dokumen",
    "rapat",
    "koordinasi",
    "tim",
    "tata",
    "usulan",
    "pelaksanaan",
    "pemantauan",
    "evaluasi",
    "laporan",
    "persetujuan",
    "dewan",
    "perwakilan",
    "rakyat",
    "anggaran",
    "pendapatan",
    "belanja",
    "kegiatan",
    "program",
    "pelayanan",
    "publik",
    "efisiensi",
    "efektivitas",
    "manfaat",
    "saling",
    "objek",
    "ruang",
    "lingkup",
    "jangka",
    "waktu",
    "hak",
    "kewajiban",
    "sengketa",
    "perubahan",
    "keadaan",
    "kahar",
    "pendanaan",
    "aset",
    "sumber",
    "daya",
    "manusia",
    "sarana",
    "prasarana",
    "teknis",
    "organisasi",
    "perangkat",
    "sekretariat",
    "kepala",
    "dinas",
    "badan",
    "kantor",
    "unit",
    "pemrakarsa",
    "fasilitasi",
    "permohonan",
    "kajian",
    "kelayakan",
    "studi",
    "penawaran",
    "legal",
    "drafting",
    "harmonisasi",
    "verifikasi",
    "validasi",
    "registrasi",
    "nomor",
    "tanggal",
    "lampiran",
    "tembusan",
    "disposisi",
    "arahan",
    "pimpinan",
    "sekretaris",
    "asisten",
    "pemerintahan",
    "kesejahteraan",
    "perekonomian",
    "pembangunan",
    "investasi",
    "pariwisata",
    "pendidikan",
    "kesehatan",
    "air",
    "minum",
    "sampah",
    "transportasi",
    "jalan",
    "jembatan",
    "pasar",
    "pertanian",
    "perikanan",
    "kehutanan",
    "lingkungan",
    "hidup",
    "perbatasan",
    "wilayah",
    "kecamatan",
    "desa",
    "kelurahan",
    "masyarakat",
    "swasta",
    "usaha",
    "perguruan",
    "tinggi",
    "lembaga",
    "luar",
    "negeri",
    "kembar",
    "pelatihan",
    "kapasitas",
    "aparatur",
    "informasi",
    "sistem",
    "aplikasi",
    "data",
    "statistik",
    "indikator",
    "kinerja",
    "capaian",
    "target",
    "rencana",
    "aksi",
    "tahunan",
    "menengah",
    "panjang",
    "berita",
    "acara",
    "kuasa",
    "jadwal",
    "agenda",
    "arsip",
    "salinan",
    "materi",
    "substansi",
    "pasal",
    "ayat",
    "ketentuan",
    "umum",
    "penutup",
    "biaya",
    "kontribusi",
    "retribusi",
    "tarif",
    "kuota",
    "layanan",
    "fasilitas",
    "gedung",
    "kendaraan",
    "peralatan",
    "tenaga",
    "ahli",
    "konsultan",
    "mitra",
    "calon",
    "kemitraan",
    "pengadaan",
    "barang",
    "jasa",
    "rekomendasi",
    "pertimbangan",
    "keputusan",
    "penetapan",
    "pengesahan",
];

/// Verb and noun affixes that turn roots into other word forms.
const AFFIXES: &[(&str, &str)] = &[
    ("", ""),
    ("di", "kan"),
    ("pe", "an"),
    ("ke", "an"),
    ("ber", ""),
    ("", "nya"),
    ("di", "i"),
    ("se", ""),
];

/// Glossary acronyms (used in the text, so `<abbr>` has work to do).
const ACRONYMS: &[(&str, &str)] = &[
    ("KSD", "Kerja Sama Daerah"),
    ("KSDD", "Kerja Sama Daerah dengan Daerah Lain"),
    ("KSDPK", "Kerja Sama Daerah dengan Pihak Ketiga"),
    (
        "KSDPL",
        "Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri",
    ),
    ("KSDLL", "Kerja Sama Daerah dengan Lembaga di Luar Negeri"),
    ("PKS", "Perjanjian Kerja Sama"),
    ("KB", "Kesepakatan Bersama"),
    ("NK", "Nota Kesepakatan"),
    ("RK", "Rencana Kerja"),
    ("TKKSD", "Tim Koordinasi Kerja Sama Daerah"),
    ("OPD", "Organisasi Perangkat Daerah"),
    ("DPRD", "Dewan Perwakilan Rakyat Daerah"),
    ("APBD", "Anggaran Pendapatan dan Belanja Daerah"),
    ("KAK", "Kerangka Acuan Kerja"),
    ("PPKSD", "Perangkat Daerah Pengelola Kerja Sama Daerah"),
    ("SK", "Surat Keputusan"),
    ("SK", "Surat Kuasa"),
    ("Tapem", "Tata Pemerintahan"),
    ("Setda", "Sekretariat Daerah"),
    ("BUMD", "Badan Usaha Milik Daerah"),
    ("SPAM", "Sistem Penyediaan Air Minum"),
    ("TPA", "Tempat Pemrosesan Akhir"),
    ("RPJMD", "Rencana Pembangunan Jangka Menengah Daerah"),
    ("JDIH", "Jaringan Dokumentasi dan Informasi Hukum"),
];

const SYLLABLES: &[&str] = &[
    "ka", "ra", "ma", "sa", "ta", "na", "ba", "da", "ga", "la", "pa", "wa", "ja", "ya", "ri", "ti",
    "si", "ni", "mu", "ku", "tu", "ru", "lo", "so", "ngan", "tan", "jo", "wi", "ke", "be", "gun",
    "rang", "lem", "pur", "sem", "bang",
];

const LANES: &[(&str, &str)] = &[
    ("opd", "OPD Pemrakarsa"),
    ("tapem", "Bagian Tata Pemerintahan"),
    ("hukum", "Bagian Hukum"),
    ("sekda", "Sekretaris Daerah"),
    ("asisten", "Asisten Pemerintahan"),
    ("kepala-daerah", "Bupati"),
    ("tkksd", "TKKSD"),
    ("dprd", "DPRD"),
    ("pihak-2", "Pihak Kedua"),
    ("bappeda", "Bappeda"),
    ("bpkad", "BPKAD"),
    ("inspektorat", "Inspektorat"),
];

const TAHAP: &[&str] = &[
    "registrasi",
    "perencanaan",
    "inisiasi",
    "penawaran",
    "persiapan",
    "penyusunan-kesepakatan",
    "penandatanganan-kesepakatan",
    "penyusunan-perjanjian",
    "penandatanganan-perjanjian",
    "pelaksanaan",
    "pemantauan",
    "evaluasi",
];

/// (id, jenis, nomor, tahun, tentang, status, mencabut)
const LEGAL: &[(&str, &str, &str, i64, &str, &str, &str)] = &[
    ("uu-23-2014", "Undang-Undang", "23", 2014, "Pemerintahan Daerah", "diubah", ""),
    ("uu-9-2015", "Undang-Undang", "9", 2015, "Perubahan Kedua atas Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah", "berlaku", ""),
    ("pp-50-2007", "Peraturan Pemerintah", "50", 2007, "Tata Cara Pelaksanaan Kerja Sama Daerah", "dicabut", ""),
    ("pp-28-2018", "Peraturan Pemerintah", "28", 2018, "Kerja Sama Daerah", "berlaku", "pp-50-2007"),
    ("permendagri-22-2020", "Peraturan Menteri Dalam Negeri", "22", 2020, "Tata Cara Kerja Sama Daerah dengan Daerah Lain dan Kerja Sama Daerah dengan Pihak Ketiga", "berlaku", ""),
    ("permendagri-25-2020", "Peraturan Menteri Dalam Negeri", "25", 2020, "Tata Cara Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri dan Kerja Sama Daerah dengan Lembaga di Luar Negeri", "berlaku", ""),
    ("permenpan-rb-35-2012", "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "35", 2012, "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan", "berlaku", ""),
    ("pp-12-2019", "Peraturan Pemerintah", "12", 2019, "Pengelolaan Keuangan Daerah", "berlaku", ""),
];

/// Document templates: (id, judul, nama_lain, tahap).
const TEMPLATES: &[(&str, &str, &str, &str)] = &[
    (
        "surat-penawaran",
        "Surat Penawaran Kerja Sama",
        "Surat Penawaran",
        "penawaran",
    ),
    (
        "kerangka-acuan-kerja",
        "Kerangka Acuan Kerja",
        "KAK",
        "inisiasi",
    ),
    (
        "kesepakatan-bersama",
        "Kesepakatan Bersama",
        "Naskah Kesepakatan Bersama",
        "penyusunan-kesepakatan",
    ),
    (
        "perjanjian-kerja-sama",
        "Perjanjian Kerja Sama",
        "Draf PKS",
        "penyusunan-perjanjian",
    ),
    (
        "nota-kesepakatan",
        "Nota Kesepakatan",
        "Naskah Nota Kesepakatan",
        "penyusunan-kesepakatan",
    ),
    (
        "studi-kelayakan",
        "Studi Kelayakan",
        "Kajian Kelayakan",
        "persiapan",
    ),
    (
        "berita-acara-rapat",
        "Berita Acara Rapat TKKSD",
        "Berita Acara Rapat",
        "persiapan",
    ),
    (
        "surat-kuasa",
        "Surat Kuasa Penandatanganan",
        "Surat Kuasa",
        "penandatanganan-perjanjian",
    ),
    (
        "laporan-pemantauan",
        "Laporan Pemantauan Kerja Sama",
        "Laporan Pemantauan",
        "pemantauan",
    ),
    (
        "laporan-evaluasi",
        "Laporan Evaluasi Kerja Sama",
        "Laporan Evaluasi",
        "evaluasi",
    ),
];

struct Vocab {
    function: Vec<&'static str>,
    function_zipf: Zipf,
    words: Vec<String>,
    zipf: Zipf,
}

impl Vocab {
    fn new(rng: &mut Rng) -> Vocab {
        let mut seen: std::collections::BTreeSet<String> =
            FUNCTION.iter().map(|w| (*w).to_owned()).collect();
        // Roots first (frequent), each followed by some affixed forms, then
        // rare coinages: a long tail like real text has.
        let mut words: Vec<String> = Vec::new();
        for (k, root) in ROOTS.iter().enumerate() {
            for (j, (p, s)) in AFFIXES.iter().enumerate() {
                let w = format!("{p}{root}{s}");
                if (j == 0 || (k + j).is_multiple_of(3)) && seen.insert(w.clone()) {
                    words.push(w);
                }
            }
        }
        for _ in 0..4000 {
            let w = coin(rng, 2, 4).to_lowercase();
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        Vocab {
            function: FUNCTION.to_vec(),
            function_zipf: Zipf::new(FUNCTION.len(), 1.5),
            zipf: Zipf::new(words.len(), 6.0),
            words,
        }
    }

    /// About one word in three is a function word, as in Indonesian prose.
    fn word(&self, rng: &mut Rng) -> &str {
        if rng.below(100) < 33 {
            self.function[self.function_zipf.sample(rng)]
        } else {
            &self.words[self.zipf.sample(rng)]
        }
    }
}

/// A coined, capitalised word of `lo..=hi` syllables ("Karawita").
fn coin(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    let mut s: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
    s[..1].make_ascii_uppercase();
    s
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// YAML double-quoted string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Date `days` after 2015-01-01 as YYYY-MM-DD (proleptic Gregorian).
fn date(days: usize) -> String {
    let (mut y, mut d) = (2015i64, days as i64);
    loop {
        let len = if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
            366
        } else {
            365
        };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let months = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    format!("{y:04}-{:02}-{:02}", m + 1, d + 1)
}

// --- The generator ----------------------------------------------------------

struct Gen {
    rng: Rng,
    vocab: Vocab,
    places: Vec<String>,
    spec: Spec,
    titles: Vec<String>,
}

impl Gen {
    fn new(spec: &Spec) -> Gen {
        let mut rng = Rng::new(spec.seed);
        let vocab = Vocab::new(&mut rng);
        let mut places = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        let want = 40 + spec.pages / 40;
        while places.len() < want {
            let p = coin(&mut rng, 2, 4);
            if seen.insert(slug(&p)) {
                places.push(p);
            }
        }
        let mut g = Gen {
            rng,
            vocab,
            places,
            spec: spec.clone(),
            titles: Vec::new(),
        };
        g.titles = (0..spec.pages).map(|_| g.title()).collect();
        g
    }

    fn place(&mut self) -> String {
        let k = self.places.len();
        // Skewed: a few regions have many documents.
        let a = self.rng.below(k);
        let b = self.rng.below(k);
        self.places[a.min(b)].clone()
    }

    fn words(&mut self, n: usize) -> Vec<String> {
        (0..n)
            .map(|_| {
                if self.rng.one_in(40) {
                    self.rng.pick(ACRONYMS).0.to_owned()
                } else if self.rng.one_in(60) {
                    self.place()
                } else {
                    self.vocab.word(&mut self.rng).to_owned()
                }
            })
            .collect()
    }

    fn title(&mut self) -> String {
        let n = self.rng.range(3, 7);
        let w = self.words(n).join(" ");
        let mut t = capitalise(&w);
        if self.rng.one_in(3) {
            let p = self.place();
            let _ = write!(t, " di {p}");
        }
        t
    }

    /// A sentence of 6–18 words; returns (text, words).
    fn sentence(&mut self, emphasis: bool) -> (String, usize) {
        let n = self.rng.range(6, 18);
        let mut w = self.words(n);
        w[0] = capitalise(&w[0]);
        if emphasis && n > 4 && self.rng.one_in(6) {
            let k = self.rng.range(1, n - 2);
            w[k] = if self.rng.one_in(2) {
                format!("**{}**", w[k])
            } else {
                format!("*{}*", w[k])
            };
        }
        if n > 9 && self.rng.one_in(3) {
            let k = self.rng.range(3, n - 3);
            w[k].push(',');
        }
        (format!("{}.", w.join(" ")), n)
    }

    /// A paragraph of about `target` words, with `links` internal links.
    fn paragraph(&mut self, target: usize, links: usize, own: usize) -> (String, usize) {
        let mut out = String::new();
        let mut words = 0;
        let mut links_left = links;
        while words < target {
            let (s, n) = self.sentence(true);
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s);
            words += n;
            if links_left > 0 {
                links_left -= 1;
                let (text, n) = self.link(own);
                out.push(' ');
                out.push_str(&text);
                words += n;
            }
        }
        (out, words)
    }

    /// "Lihat [title](/pengetahuan/artikel-00042/)." (root-relative; the
    /// site's base_url is `/`).
    fn link(&mut self, own: usize) -> (String, usize) {
        let n = self.spec.pages.max(2);
        let mut to = self.rng.below(n);
        if to == own {
            to = (to + 1) % n;
        }
        let title = self
            .titles
            .get(to)
            .cloned()
            .unwrap_or_else(|| "artikel".into());
        let lead = *self
            .rng
            .pick(&["Lihat juga", "Bandingkan dengan", "Baca", "Rujuk"]);
        let words = 2 + title.split(' ').count();
        (
            format!("{lead} [{title}](/pengetahuan/artikel-{to:05}/)."),
            words,
        )
    }

    /// Body of article `i`: about `target` words.
    fn article_body(&mut self, i: usize, target: usize) -> (String, usize) {
        let mut body = String::with_capacity(target * 9);
        let sections = (target / 180).clamp(2, 8);
        let per_section = target / (sections + 1);
        let mut links = self.rng.range(2, 6);
        let list_at = self.rng.below(sections);
        let table_at = self.rng.below(sections);
        let ordered_at = if self.rng.one_in(2) {
            Some(self.rng.below(sections))
        } else {
            None
        };
        let mut words = 0;
        // Intro.
        let l = links.min(1);
        links -= l;
        let (p, n) = self.paragraph(per_section.min(80), l, i);
        body.push_str(&p);
        body.push_str("\n\n");
        words += n;
        for s in 0..sections {
            let hn = self.rng.range(2, 6);
            let h = capitalise(&self.words(hn).join(" "));
            let level = if s > 0 && self.rng.one_in(4) {
                "###"
            } else {
                "##"
            };
            let _ = write!(body, "{level} {h}\n\n");
            words += hn;
            let left = sections - s;
            let l = if s + 1 == sections {
                links
            } else {
                links.div_ceil(left).min(links)
            };
            links -= l;
            let mut budget = per_section;
            if s == list_at {
                let items = self.rng.range(3, 6);
                for _ in 0..items {
                    let n = self.rng.range(4, 12);
                    let w = capitalise(&self.words(n).join(" "));
                    let _ = writeln!(body, "- {w}");
                    words += n;
                    budget = budget.saturating_sub(n);
                }
                body.push('\n');
            }
            let paras = self.rng.range(1, 3);
            for k in 0..paras {
                let (p, n) = self.paragraph(budget / paras, if k == 0 { l } else { 0 }, i);
                body.push_str(&p);
                body.push_str("\n\n");
                words += n;
            }
            if ordered_at == Some(s) {
                for k in 1..=self.rng.range(3, 5) {
                    let (st, n) = self.sentence(false);
                    let _ = writeln!(body, "{k}. {st}");
                    words += n;
                }
                body.push('\n');
            }
            if s == table_at {
                body.push_str("| Tahap | Pelaksana | Waktu |\n|---|---|---|\n");
                for _ in 0..self.rng.range(3, 6) {
                    let a = capitalise(&self.words(3).join(" "));
                    let (_, lane) = *self.rng.pick(LANES);
                    let t = self.rng.range(1, 14);
                    let _ = writeln!(body, "| {a} | {lane} | {t} hari kerja |");
                    words += 7;
                }
                body.push('\n');
            }
        }
        (body, words)
    }

    fn legal_ids(&mut self, max: usize) -> Vec<&'static str> {
        let mut ids: Vec<&'static str> = Vec::new();
        for _ in 0..self.rng.range(0, max) {
            let l = self.rng.pick(LEGAL);
            if l.5 != "dicabut" && !ids.contains(&l.0) {
                ids.push(l.0);
            }
        }
        ids
    }

    fn sop_ids(&mut self, max: usize, not: Option<usize>) -> Vec<String> {
        let mut ids = Vec::new();
        if self.spec.sops == 0 {
            return ids;
        }
        for _ in 0..self.rng.range(0, max) {
            let k = self.rng.below(self.spec.sops);
            if Some(k) == not {
                continue;
            }
            let id = format!("prosedur-{k:05}");
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// Article `i` for sopkb and for Hugo: (sopkb text, hugo text, words).
    fn article(&mut self, i: usize) -> (String, String, usize) {
        // 300..=1500 words, mean 900 (a triangular-ish sum of two uniforms).
        let target = (self.rng.range(140, 720) + self.rng.range(140, 720)).clamp(300, 1500);
        let title = self.titles[i].clone();
        let (summary, _) = self.sentence(false);
        let (body, words) = self.article_body(i, target);
        let day = self.rng.below(3650);
        let legal = self.legal_ids(3);
        let sops = self.sop_ids(2, None);
        let mut fm = format!("---\njudul: {}\nringkasan: {}\n", q(&title), q(&summary));
        if self.rng.one_in(50) {
            let _ = writeln!(fm, "urutan: {}", self.rng.range(1, 99));
        }
        if !legal.is_empty() {
            let _ = writeln!(fm, "dasar_hukum: [{}]", legal.join(", "));
        }
        if !sops.is_empty() {
            let _ = writeln!(fm, "terkait_sop: [{}]", sops.join(", "));
        }
        if self.rng.one_in(3) {
            let _ = writeln!(fm, "sumber: [PP 28/2018 Pasal {}]", self.rng.range(1, 40));
        }
        let _ = writeln!(fm, "diperbarui: {}\n---\n", date(day));
        let hugo = format!(
            "---\ntitle: {}\ndescription: {}\ndate: {}\n---\n\n{body}",
            q(&title),
            q(&summary),
            date(day)
        );
        (format!("{fm}{body}"), hugo, words)
    }

    fn sop(&mut self, i: usize) -> (String, usize) {
        let steps = self.rng.range(5, 40);
        let lanes_n = self.rng.range(3, 8).min(steps);
        // Distinct lanes, in a random order.
        let mut lanes: Vec<(&str, &str)> = LANES.to_vec();
        for k in (1..lanes.len()).rev() {
            let j = self.rng.below(k + 1);
            lanes.swap(k, j);
        }
        lanes.truncate(lanes_n);
        let place = self.place();
        let (nama, _) = self.sentence(false);
        let nama = format!("Prosedur {}", nama.trim_end_matches('.'));
        let mut s = String::with_capacity(steps * 400);
        let _ = writeln!(
            s,
            "# yaml-language-server: $schema=../schema/sop.schema.json\nnama: {}\nnomor: \"{}/SOP/{}\"\ninstansi: Pemerintah Kabupaten {place}\nunit: Bagian Tata Pemerintahan",
            q(&nama),
            i + 1,
            2015 + i % 10
        );
        let _ = writeln!(
            s,
            "tanggal: {{ pembuatan: {}, efektif: {} }}",
            date(self.rng.below(3000)),
            date(3000 + self.rng.below(600))
        );
        let _ = writeln!(
            s,
            "disahkan_oleh: {{ jabatan: Sekretaris Daerah, nama: {}, nip: \"19{:02}0{}1{} 19{:02}0{} 1 00{}\" }}",
            q(&format!("{} {}", coin(&mut self.rng, 2, 3), coin(&mut self.rng, 2, 4))),
            self.rng.range(60, 79),
            self.rng.range(1, 9),
            self.rng.range(10, 28),
            self.rng.range(80, 99),
            self.rng.range(1, 9),
            self.rng.range(1, 9)
        );
        let mut tahap: Vec<&str> = Vec::new();
        for _ in 0..self.rng.range(1, 2) {
            let t = *self.rng.pick(TAHAP);
            if !tahap.contains(&t) {
                tahap.push(t);
            }
        }
        let _ = writeln!(s, "tahap: [{}]", tahap.join(", "));
        let mut legal = self.legal_ids(4);
        if legal.is_empty() {
            legal.push("pp-28-2018");
        }
        let _ = writeln!(s, "dasar_hukum: [{}]", legal.join(", "));
        let related = self.sop_ids(2, Some(i));
        if !related.is_empty() || self.rng.one_in(2) {
            s.push_str("keterkaitan:\n");
            for r in &related {
                let _ = writeln!(s, "  - sop: {r}");
            }
            if self.rng.one_in(2) {
                s.push_str("  - SOP Pengelolaan Surat Masuk\n");
            }
        }
        s.push_str("kualifikasi_pelaksana: [Memahami peraturan kerja sama daerah, Mampu menyusun naskah dinas]\n");
        s.push_str("peralatan: [Komputer, Printer, Jaringan internet]\n");
        s.push_str("peringatan: [Apabila SOP tidak dilaksanakan maka kerja sama terhambat]\n");
        s.push_str("pencatatan: [Agenda surat, Arsip naskah kerja sama]\n");
        s.push_str("pelaksana:\n");
        for (id, nama) in &lanes {
            let _ = writeln!(s, "  - {{ id: {id}, nama: {nama} }}");
        }
        s.push_str("langkah:\n");
        for k in 0..steps {
            let (keg, _) = self.sentence(false);
            let _ = writeln!(s, "  - kegiatan: {}", q(keg.trim_end_matches('.')));
            let lane = if k < lanes_n {
                lanes[k].0.to_owned()
            } else if self.rng.one_in(12) && lanes_n > 1 {
                let a = self.rng.below(lanes_n);
                let b = (a + 1 + self.rng.below(lanes_n - 1)) % lanes_n;
                format!("[{}, {}]", lanes[a].0, lanes[b].0)
            } else {
                lanes[self.rng.below(lanes_n)].0.to_owned()
            };
            let _ = writeln!(s, "    pelaksana: {lane}");
            let docs = |g: &mut Gen| -> String {
                let mut items = Vec::new();
                for _ in 0..g.rng.range(1, 3) {
                    if g.rng.one_in(10) {
                        let t = g.rng.pick(TEMPLATES);
                        items.push(q(&format!("Draf {}", t.1)));
                    } else {
                        let n = g.rng.range(2, 5);
                        items.push(q(&capitalise(&g.words(n).join(" "))));
                    }
                }
                format!("[{}]", items.join(", "))
            };
            let kel = docs(self);
            let _ = writeln!(s, "    kelengkapan: {kel}");
            let waktu = match self.rng.below(4) {
                0 => format!("{} menit", 5 * self.rng.range(1, 12)),
                1 => format!("{} jam", self.rng.range(1, 8)),
                2 => format!("{} hari", self.rng.range(1, 5)),
                _ => format!("{} hari kerja", self.rng.range(1, 10)),
            };
            let _ = writeln!(s, "    waktu: {waktu}");
            let out = docs(self);
            let _ = writeln!(s, "    output: {out}");
            if self.rng.one_in(5) {
                let (ket, _) = self.sentence(false);
                let _ = writeln!(s, "    keterangan: {}", q(&ket));
            }
            // A decision: yes goes on, no goes back (never to itself).
            let pos = k + 1;
            if pos >= 2 && pos + 1 < steps && self.rng.one_in(6) {
                let back = self.rng.range(1, pos - 1);
                let _ = writeln!(s, "    keputusan: {{ Ya: {}, Tidak: {back} }}", pos + 1);
            }
        }
        (s, steps)
    }

    fn legal_doc(&mut self, l: &(&str, &str, &str, i64, &str, &str, &str)) -> String {
        let mut s = format!(
            "---\njenis: {}\nnomor: \"{}\"\ntahun: {}\ntentang: {}\nstatus: {}\n",
            l.1,
            l.2,
            l.3,
            q(l.4),
            l.5
        );
        if l.0 == "uu-23-2014" {
            s.push_str("diubah_oleh: [uu-9-2015]\n");
        }
        if !l.6.is_empty() {
            let _ = writeln!(s, "mencabut: [{}]", l.6);
        }
        s.push_str("---\n");
        for _ in 0..2 {
            let (p, _) = self.paragraph(70, 0, usize::MAX);
            s.push_str(&p);
            s.push_str("\n\n");
        }
        s
    }

    fn glossary(&mut self) -> String {
        let mut s = String::from("# Glosarium sintetis.\n");
        for (abbr, long) in ACRONYMS {
            let (def, _) = self.sentence(false);
            let _ = writeln!(
                s,
                "- singkatan: {abbr}\n  kepanjangan: {long}\n  definisi: {}\n  dasar_hukum: [pp-28-2018]\n",
                q(&def)
            );
        }
        s
    }

    fn template(&mut self, t: &(&str, &str, &str, &str)) -> String {
        let (ring, _) = self.sentence(false);
        let mut s = format!(
            "---\njudul: {}\njenis_dokumen: {}\nringkasan: {}\ntahap: [{}]\ndasar_hukum: [pp-28-2018, permendagri-22-2020]\nnama_lain: [{}, {}]\ndiperbarui: {}\nisian:\n",
            t.1,
            t.1,
            q(&ring),
            t.3,
            q(&format!("Draf {}", t.1)),
            t.2,
            date(3000 + self.rng.below(600))
        );
        s.push_str("  - { id: nomor_surat, label: Nomor surat, contoh: 000.3/1/2026 }\n");
        s.push_str("  - { id: nama_pihak, label: Nama pihak kedua }\n");
        s.push_str("  - { id: tanggal, label: Tanggal }\n---\n");
        let _ = write!(
            s,
            "**{}**\\\nNomor: {{{{ nomor_surat }}}}\n\n",
            t.1.to_uppercase()
        );
        for k in 1..=4 {
            let (p, _) = self.paragraph(50, 0, usize::MAX);
            let _ = write!(s, "## Pasal {k}\n\n{p}\n\n");
        }
        s.push_str("Pihak kedua: {{ nama_pihak }}, tanggal {{ tanggal }}.\n");
        s
    }

    /// Registry entries: KB + PKS pairs (KSDD/KSDPK), single NK (KSDPL).
    fn registry(&mut self, out: &Path) -> io::Result<usize> {
        let mut i = 0;
        let mut n = 0;
        let mut written = 0;
        while written < self.spec.registry {
            let a = self.place();
            let mut b = self.place();
            if b == a {
                b = self.places
                    [(self.places.iter().position(|p| *p == a).unwrap() + 1) % self.places.len()]
                .clone();
            }
            let objek_n = self.rng.range(3, 6);
            let objek = capitalise(&self.words(objek_n).join(" "));
            let start = 1500 + self.rng.below(2500);
            let years = self.rng.range(2, 5);
            let end = start + years * 365;
            let third = self.rng.one_in(3);
            let (jenis, partner) = if third {
                (
                    "KSDPK",
                    format!(
                        "PT {} {}",
                        coin(&mut self.rng, 2, 3),
                        coin(&mut self.rng, 2, 3)
                    ),
                )
            } else {
                ("KSDD", format!("Pemerintah Kabupaten {b}"))
            };
            let sops = self.sop_ids(2, None);
            let legal = ["pp-28-2018", "permendagri-22-2020"];
            let mut entry = |dok: &str,
                             kb: Option<&str>,
                             from: usize,
                             to: usize,
                             g: &mut Gen|
             -> String {
                n += 1;
                let mut s = format!(
                    "---\ncontoh: true\njenis: {jenis}\ndokumen: {dok}\njudul: {}\nobjek: {}\nbidang_urusan: Pemerintahan Umum\npara_pihak:\n",
                    q(&format!("{} tentang {objek}", if dok == "KB" { "Kesepakatan Bersama" } else { "Perjanjian Kerja Sama" })),
                    q(&objek)
                );
                let _ = writeln!(
                    s,
                    "  - nama: Pemerintah Kabupaten {a}\n    nomor: \"000.3/{n}/{}/A\"\n    ppksd: Bagian Tata Pemerintahan Sekretariat Daerah Kabupaten {a}",
                    2015 + from / 365
                );
                let _ = writeln!(
                    s,
                    "  - nama: {}\n    nomor: \"000.3/{n}/{}/B\"",
                    q(&partner),
                    2015 + from / 365
                );
                let _ = writeln!(
                    s,
                    "opd_pelaksana: [Dinas {} Kabupaten {a}]",
                    capitalise(g.vocab.word(&mut g.rng))
                );
                let _ = writeln!(
                    s,
                    "tanggal:\n  tanda_tangan: {}\n  berakhir: {}",
                    date(from),
                    date(to)
                );
                if let Some(kb) = kb {
                    let _ = writeln!(s, "kb: {kb}\nnilai: {}", 1_000_000 * g.rng.range(10, 900));
                }
                if !sops.is_empty() {
                    let _ = writeln!(s, "terkait_sop: [{}]", sops.join(", "));
                }
                let _ = writeln!(s, "dasar_hukum: [{}]", legal.join(", "));
                let mut t = from + 180;
                let mut first = true;
                while t < to.min(4000) {
                    if first {
                        s.push_str("pemantauan:\n");
                        first = false;
                    }
                    let (c, _) = g.sentence(false);
                    let _ = writeln!(s, "  - tanggal: {}\n    catatan: {}", date(t), q(&c));
                    t += 180 + g.rng.below(60);
                }
                s.push_str("---\n");
                let (p, _) = g.paragraph(60, 0, usize::MAX);
                s.push_str(&p);
                s.push('\n');
                s
            };
            let kb_id = format!("ks-{i:05}-kb");
            let text = entry("KB", None, start, end, self);
            write(&out.join(format!("content/kerja-sama/{kb_id}.md")), &text)?;
            written += 1;
            if written < self.spec.registry {
                let pks_id = format!("ks-{i:05}-pks");
                let text = entry("PKS", Some(&kb_id), start + 30, end - 30, self);
                write(&out.join(format!("content/kerja-sama/{pks_id}.md")), &text)?;
                written += 1;
            }
            i += 1;
        }
        Ok(written)
    }
}

pub(crate) fn write(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

/// Writes the project to `out` (and the Hugo site to `hugo`, if given).
/// `out` should be empty or absent.
pub(crate) fn generate(spec: &Spec, out: &Path, hugo: Option<&Path>) -> io::Result<Stats> {
    let mut g = Gen::new(spec);
    let mut st = Stats::default();
    write(
        &out.join("sopkb.toml"),
        &format!(
            "title = \"Korpus Uji {} Halaman\"\ndescription = \"Situs sintetis untuk mengukur kinerja sopkb.\"\nbase_url = \"/\"\nlanguage = \"id\"\nbuild_date = \"2026-01-15\"\n",
            spec.pages
        ),
    )?;
    let (intro, _) = g.paragraph(80, 0, usize::MAX);
    write(
        &out.join("content/_index.md"),
        &format!("---\njudul: Korpus uji\n---\n{intro}\n"),
    )?;
    for l in LEGAL {
        let text = g.legal_doc(l);
        write(&out.join(format!("content/dasar-hukum/{}.md", l.0)), &text)?;
        st.legal += 1;
    }
    let gl = g.glossary();
    write(&out.join("content/istilah.yaml"), &gl)?;
    st.terms = ACRONYMS.len();
    for t in TEMPLATES {
        let text = g.template(t);
        write(&out.join(format!("content/templat/{}.md", t.0)), &text)?;
        st.templates += 1;
    }
    write(
        &out.join("static/css/extra.css"),
        "/* synthetic corpus */\np { margin: 0 0 1em }\n",
    )?;
    for i in 0..spec.sops {
        let (text, steps) = g.sop(i);
        write(&out.join(sop_rel(i)), &text)?;
        st.sops += 1;
        st.steps += steps;
    }
    st.registry = g.registry(out)?;
    if let Some(h) = hugo {
        hugo_skeleton(h, spec)?;
    }
    for i in 0..spec.pages {
        let (text, hugo_text, words) = g.article(i);
        st.article_bytes += text.len();
        st.article_words += words;
        write(&out.join(article_rel(i)), &text)?;
        if let Some(h) = hugo {
            write(
                &h.join(format!("content/pengetahuan/artikel-{i:05}.md")),
                &hugo_text,
            )?;
        }
        st.articles += 1;
    }
    Ok(st)
}

/// A minimal Hugo site of the same articles: a base template with the same
/// header, navigation and footer, one page per article (with previous and
/// next), the section list of every article, a home page with the newest six.
fn hugo_skeleton(h: &Path, spec: &Spec) -> io::Result<()> {
    write(
        &h.join("hugo.toml"),
        &format!(
            "baseURL = \"/\"\nlanguageCode = \"id\"\ntitle = \"Korpus Uji {} Halaman\"\ndisableKinds = [\"taxonomy\", \"term\"]\n[markup.goldmark.renderer]\nunsafe = false\n",
            spec.pages
        ),
    )?;
    write(
        &h.join("content/_index.md"),
        "---\ntitle: Korpus uji\n---\nKorpus uji.\n",
    )?;
    write(
        &h.join("content/pengetahuan/_index.md"),
        "---\ntitle: Pengetahuan\n---\n",
    )?;
    write(
        &h.join("static/style.css"),
        "body { font-family: sans-serif; max-width: 60rem; margin: auto }\n",
    )?;
    write(
        &h.join("layouts/_default/baseof.html"),
        r#"<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><a href="{{ "pengetahuan/" | relURL }}">Pengetahuan</a></nav>
<form action="{{ "cari/" | relURL }}"><input name="q" type="search"></form>
</header>
<main id="isi">
{{ block "main" . }}{{ end }}
</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
"#,
    )?;
    write(
        &h.join("layouts/_default/single.html"),
        r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="ringkasan">{{ .Description }}</p>
<p>Diperbarui {{ .Date.Format "2006-01-02" }}</p>
{{ .Content }}
<nav class="urut">
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
</article>
{{ end }}
"#,
    )?;
    write(
        &h.join("layouts/_default/list.html"),
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Description }}</li>
{{ end }}
</ul>
{{ end }}
"#,
    )?;
    write(
        &h.join("layouts/index.html"),
        r#"{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
{{ .Content }}
<ul>
{{ range first 6 (where .Site.RegularPages "Section" "pengetahuan") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ul>
{{ end }}
"#,
    )?;
    Ok(())
}
