//! A deterministic synthetic corpus for search and build measurements:
//! `cargo run --release --example gen_corpus -- N OUT_DIR` writes a project
//! of N content pages (one SOP of 10 steps per 10 pages, articles for the
//! rest) of Indonesian regional-cooperation text. Same N, same bytes.

use std::fmt::Write as _;
use std::path::Path;

/// Words of the domain, roughly by frequency (earlier = more frequent).
const WORDS: &[&str] = &[
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
    "penyusunan",
    "penandatanganan",
    "ditandatangani",
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
    "menguntungkan",
    "objek",
    "ruang",
    "lingkup",
    "jangka",
    "waktu",
    "hak",
    "kewajiban",
    "sengketa",
    "penyelesaian",
    "perubahan",
    "pengakhiran",
    "keadaan",
    "kahar",
    "pendanaan",
    "aset",
    "pengelolaan",
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
    "menyusun",
    "membahas",
    "menyampaikan",
    "menerima",
    "memeriksa",
    "mengagendakan",
    "mengarsipkan",
    "melaporkan",
    "menetapkan",
    "mengesahkan",
    "menandatangani",
    "meminta",
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
    "badan usaha",
    "perguruan",
    "tinggi",
    "lembaga",
    "luar",
    "negeri",
    "kota",
    "kembar",
    "sister",
    "city",
    "pelatihan",
    "peningkatan",
    "kapasitas",
    "aparatur",
    "informasi",
    "sistem",
    "aplikasi",
    "data",
    "statistik",
    "monitoring",
    "indikator",
    "kinerja",
    "capaian",
    "target",
    "rencana",
    "aksi",
    "tahunan",
    "menengah",
    "panjang",
];
const SYLLABLES: &[&str] = &[
    "ka", "ra", "ma", "sa", "ta", "na", "ba", "da", "ga", "la", "pa", "wa", "ja", "ya", "ri", "ti",
    "si", "ni", "mu", "ku", "tu", "ru", "lo", "so", "ngan", "tan", "jo", "wi", "ke", "be",
];

/// A small linear congruential generator: deterministic everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Skewed towards small indexes (a rough Zipf).
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
}

/// A place-like name: 2-3 syllables ("Karawita").
fn name(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let mut s: String = (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect();
    s[..1].make_ascii_uppercase();
    s
}

fn sentence(rng: &mut Rng, places: &[String]) -> String {
    let len = 8 + rng.below(10);
    let mut words: Vec<String> = (0..len)
        .map(|_| {
            if rng.below(12) == 0 {
                places[rng.skewed(places.len())].clone()
            } else {
                WORDS[rng.skewed(WORDS.len())].to_owned()
            }
        })
        .collect();
    let first = &mut words[0];
    if let Some(c) = first.get_mut(..1) {
        c.make_ascii_uppercase();
    }
    format!("{}.", words.join(" "))
}

fn article(rng: &mut Rng, places: &[String], i: usize) -> String {
    let title = format!(
        "{} {} {} {}",
        sentence(rng, places)
            .trim_end_matches('.')
            .split(' ')
            .take(4)
            .collect::<Vec<_>>()
            .join(" "),
        "di",
        places[rng.below(places.len())],
        i
    );
    let mut body = String::new();
    for _ in 0..(3 + rng.below(4)) {
        let _ = writeln!(body, "## {}\n", sentence(rng, places).trim_end_matches('.'));
        for _ in 0..(3 + rng.below(4)) {
            body.push_str(&sentence(rng, places));
            body.push(' ');
        }
        body.push_str("\n\n");
    }
    format!(
        "---\njudul: \"{title}\"\nringkasan: \"{}\"\ndiperbarui: \"2024-01-01\"\n---\n\n{body}",
        sentence(rng, places)
    )
}

fn sop(rng: &mut Rng, places: &[String], i: usize) -> String {
    let place = &places[rng.below(places.len())];
    let mut s = format!(
        "nama: Prosedur {} Kerja Sama Nomor {i}\ninstansi: Pemerintah Kabupaten {place}\n\
         pelaksana:\n  - {{ id: opd, nama: OPD Pemrakarsa }}\n  - {{ id: tapem, nama: Bagian Tata Pemerintahan }}\n\
         \x20 - {{ id: hukum, nama: Bagian Hukum }}\n  - {{ id: bupati, nama: Bupati }}\nlangkah:\n",
        WORDS[rng.below(WORDS.len())]
    );
    let lanes = ["opd", "tapem", "hukum", "bupati"];
    for k in 0..10 {
        let kegiatan = sentence(rng, places).trim_end_matches('.').to_owned();
        let _ = write!(
            s,
            "  - kegiatan: \"{kegiatan}\"\n    pelaksana: {}\n    kelengkapan: [\"{}\"]\n    waktu: {} hari\n    output: \"{}\"\n",
            lanes[if k < lanes.len() { k } else { rng.below(lanes.len()) }],
            sentence(rng, places).trim_end_matches('.'),
            1 + rng.below(5),
            sentence(rng, places).trim_end_matches('.'),
        );
    }
    s
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create folder");
    }
    std::fs::write(path, text).expect("write");
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: gen_corpus N OUT_DIR");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let out = Path::new(&out);
    let mut rng = Rng(42);
    let places: Vec<String> = (0..(50 + n / 2)).map(|_| name(&mut rng)).collect();
    write(
        &out.join("sopkb.toml"),
        &format!("title = \"Korpus sintetis {n}\"\nbase_url = \"/\"\n"),
    );
    write(
        &out.join("content/_index.md"),
        "---\njudul: Korpus sintetis\n---\n\nKorpus sintetis.\n",
    );
    let sops = n / 10;
    for i in 0..sops {
        write(
            &out.join(format!("sops/gen-{i:05}.yaml")),
            &sop(&mut rng, &places, i),
        );
    }
    for i in 0..n - sops {
        write(
            &out.join(format!("content/pengetahuan/artikel-{i:05}.md")),
            &article(&mut rng, &places, i),
        );
    }
    eprintln!(
        "{n} pages: {sops} SOPs, {} articles -> {}",
        n - sops,
        out.display()
    );
}
