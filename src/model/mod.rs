//! Resolved, checked, immutable content: what render and index consume.
//! Every reference here has been resolved by `validate`; nothing can dangle.

pub(crate) mod date;
pub mod duration;
pub(crate) mod knowledge;
pub(crate) mod license;
pub mod marker;
pub(crate) mod panduan;
pub(crate) mod registry;
pub(crate) mod reminder;

pub(crate) use crate::load::raw::{LegalStatus, Tahap};
pub(crate) use duration::Duration;
pub use knowledge::Term;
pub(crate) use knowledge::{Article, Field, Template};

use crate::diag::Lang;
use serde::Serialize;

/// Site settings from `sopkb.toml`, normalised.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Config {
    pub title: String,
    pub description: String,
    /// Always ends with `/`; a path-only value ("/kb/") gives root-relative URLs.
    pub base_url: String,
    pub lang: Lang,
    pub theme: String,
    /// Fixed date for reproducible "today" computations, if configured.
    pub build_date: Option<String>,
    /// Raw HTML in Markdown kept as written (else sanitised).
    pub trust_html: bool,
    /// Links to the source files on the git host (`repo_url`).
    pub repo: Option<RepoLinks>,
    /// The editor guides the project holds (`docs/PANDUAN.md`,
    /// `docs/FORMAT.md`), linked from the footer when `repo` can show them.
    pub guides: Vec<String>,
    /// The licence of the open data (`license`, an SPDX id).
    pub license: &'static license::License,
}

/// URL forms of the project's git host; `{path}` stands for a file path
/// relative to the project root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct RepoLinks {
    /// The page that edits the file.
    pub edit: String,
    /// The page that shows the file (`None`: only `edit_url` is known).
    pub view: Option<String>,
}

impl RepoLinks {
    /// The edit page of `path` (a project-relative path with `/`).
    pub(crate) fn edit_of(&self, path: &str) -> String {
        self.edit.replace("{path}", &url_path(path))
    }

    pub(crate) fn view_of(&self, path: &str) -> Option<String> {
        Some(self.view.as_ref()?.replace("{path}", &url_path(path)))
    }
}

/// A file path as a URL path: each segment percent-encoded but `/` kept.
fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[derive(Debug, Clone)]
pub struct Site {
    pub(crate) config: Config,
    /// Sorted by id.
    pub sops: Vec<Sop>,
    /// Sorted by id.
    pub(crate) legal: Vec<LegalBasis>,
    pub(crate) home: Option<Page>,
    /// Glossary, in file order.
    pub(crate) istilah: Vec<Term>,
    /// Document templates, sorted by id.
    pub(crate) templat: Vec<Template>,
    /// Articles, sorted by id.
    pub(crate) pengetahuan: Vec<Article>,
    /// The cooperation registry (`content/kerja-sama/`), statuses computed.
    pub(crate) kerja_sama: registry::Registry,
    /// The cooperation navigator, when `content/panduan.yaml` exists.
    pub(crate) panduan: Option<panduan::Panduan>,
}

/// How many items of each kind a site publishes (the build's summary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    pub sops: usize,
    pub legal: usize,
    pub articles: usize,
    pub templates: usize,
    pub agreements: usize,
}

impl Site {
    pub(crate) fn counts(&self) -> Counts {
        Counts {
            sops: self.sops.len(),
            legal: self.legal.len(),
            articles: self.pengetahuan.len(),
            templates: self.templat.len(),
            agreements: self.kerja_sama.entries.len(),
        }
    }

    pub fn sop(&self, id: &str) -> Option<&Sop> {
        self.sops.iter().find(|s| s.id == id)
    }

    /// By binary search: `legal` is sorted by id (validation sorts it),
    /// and pages look legal bases up many times each.
    pub fn legal_basis(&self, id: &str) -> Option<&LegalBasis> {
        let i = self
            .legal
            .binary_search_by(|l| l.id.as_str().cmp(id))
            .ok()?;
        Some(&self.legal[i])
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Sop {
    pub id: String,
    /// Source path relative to the project root.
    pub file: String,
    /// `draf: true`: shown only by `serve` and `build --drafts`, with a banner.
    pub draf: bool,
    pub nama: String,
    pub nomor: Option<String>,
    pub instansi: String,
    pub unit: Option<String>,
    pub tanggal: Tanggal,
    pub disahkan_oleh: Option<Pengesah>,
    pub penetapan: Option<String>,
    pub sumber: Option<String>,
    pub tahap: Vec<Tahap>,
    pub dasar_hukum: Vec<Citation>,
    pub keterkaitan: Vec<Related>,
    pub kualifikasi_pelaksana: Vec<String>,
    pub peralatan: Vec<String>,
    pub peringatan: Vec<String>,
    pub pencatatan: Vec<String>,
    pub catatan: Vec<String>,
    pub pelaksana: Vec<Lane>,
    pub langkah: Vec<Step>,
    pub waktu_kelompok: Vec<TimeGroup>,
    pub durasi: TotalDuration,
}

impl Sop {
    /// Positions (1-based) a step leads to.
    pub fn successors(&self, step: &Step) -> Vec<usize> {
        successors(step, self.langkah.len())
    }

    /// Time of steps `dari..=sampai` (1-based), grouped ranges counted once.
    pub(crate) fn duration_of(&self, dari: usize, sampai: usize) -> Duration {
        range_duration(&self.langkah, &self.waktu_kelompok, dari, sampai, None)
    }

    pub fn decision_count(&self) -> usize {
        self.langkah
            .iter()
            .filter(|s| s.keputusan.is_some())
            .count()
    }
}

/// Positions (1-based) a step leads to, in a table of `n` steps: its decision
/// targets, its `lanjut_ke`, nothing for an end step, else the next step.
pub(crate) fn successors(step: &Step, n: usize) -> Vec<usize> {
    if let Some(branches) = &step.keputusan {
        return branches.iter().map(|b| b.target).collect();
    }
    if let Some(to) = step.lanjut_ke {
        return vec![to];
    }
    if step.kind == StepKind::Selesai || step.no >= n {
        return Vec::new();
    }
    vec![step.no + 1]
}

/// Time of steps `dari..=sampai`: ungrouped steps plus maximal ranges inside
/// (each once), excluding the range `skip` itself.
pub(crate) fn range_duration(
    steps: &[Step],
    groups: &[TimeGroup],
    dari: usize,
    sampai: usize,
    skip: Option<usize>,
) -> Duration {
    let inside: Vec<usize> = (0..groups.len())
        .filter(|&k| Some(k) != skip && dari <= groups[k].dari && groups[k].sampai <= sampai)
        .collect();
    // Maximal ranges: not contained in another range of `inside`.
    let maximal: Vec<usize> = inside
        .iter()
        .copied()
        .filter(|&k| {
            !inside.iter().any(|&o| {
                o != k && groups[o].dari <= groups[k].dari && groups[k].sampai <= groups[o].sampai
            })
        })
        .collect();
    let covered = |no: usize| {
        maximal
            .iter()
            .any(|&k| groups[k].dari <= no && no <= groups[k].sampai)
    };
    let loose: Duration = steps[dari - 1..sampai]
        .iter()
        .filter(|s| !covered(s.no))
        .filter_map(|s| {
            s.waktu
                .as_ref()
                .filter(|w| w.rentang.is_none())
                .map(|w| w.durasi)
        })
        .sum();
    // A maximal range that is itself a subtotal counts by its parts.
    let ranges: Duration = maximal
        .iter()
        .map(|&k| {
            if groups[k].subtotal {
                range_duration(steps, groups, groups[k].dari, groups[k].sampai, Some(k))
            } else {
                groups[k].durasi
            }
        })
        .sum();
    loose + ranges
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Tanggal {
    pub pembuatan: Option<String>,
    pub revisi: Option<String>,
    pub efektif: Option<String>,
    pub pengesahan: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Pengesah {
    pub jabatan: Option<String>,
    pub nama: Option<String>,
    pub pangkat: Option<String>,
    pub nip: Option<String>,
}

/// A legal basis cited by an SOP, with the document's own wording.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    pub id: String,
    pub tertulis: Option<String>,
}

/// A related SOP: a published one (`sop`) or plain text.
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub sop: Option<String>,
    pub teks: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Lane {
    pub id: String,
    pub nama: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    Mulai,
    Proses,
    Keputusan,
    Selesai,
}

impl StepKind {
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            StepKind::Mulai => "mulai",
            StepKind::Proses => "proses",
            StepKind::Keputusan => "keputusan",
            StepKind::Selesai => "selesai",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// 1-based position in the table.
    pub no: usize,
    /// The number the document prints (equals `no` unless the document differs).
    pub label: String,
    pub kegiatan: String,
    /// Lane ids, in lane order.
    pub pelaksana: Vec<String>,
    /// Lane indexes (0-based), sorted.
    pub lanes: Vec<usize>,
    pub kelengkapan: Vec<String>,
    pub waktu: Option<StepTime>,
    pub output: Vec<String>,
    pub keterangan: Vec<String>,
    pub keputusan: Option<Vec<Branch>>,
    /// The flow continues at this position instead of the next step.
    pub lanjut_ke: Option<usize>,
    pub kind: StepKind,
    /// Index into `Sop::waktu_kelompok` of the innermost range holding this step.
    pub kelompok: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepTime {
    /// As printed.
    pub teks: String,
    pub durasi: Duration,
    /// Positions of the range the text states a total for ("(total untuk
    /// kegiatan nomor 1 s.d. nomor 7)"): counted through that range, not here.
    pub rentang: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Branch {
    pub label: String,
    /// 1-based target position.
    pub target: usize,
}

/// A time stated once for steps `dari..=sampai`.
#[derive(Debug, Clone, Serialize)]
pub struct TimeGroup {
    pub dari: usize,
    pub sampai: usize,
    pub teks: String,
    pub durasi: Duration,
    /// True when the range contains other ranges (a stated subtotal).
    pub subtotal: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TotalDuration {
    pub computed: Duration,
    /// The total the document prints, as printed.
    pub tertulis: Option<String>,
    /// The printed total, parsed, when it could be.
    pub tertulis_durasi: Option<Duration>,
}

impl TotalDuration {
    /// Whether the printed total disagrees with the computed one.
    pub fn differs(&self) -> bool {
        matches!(self.tertulis_durasi, Some(t) if t != self.computed)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LegalBasis {
    pub id: String,
    pub file: String,
    /// `draf: true`: shown only by `serve` and `build --drafts`, with a banner.
    pub draf: bool,
    pub jenis: String,
    pub nomor: String,
    pub tahun: i64,
    pub tentang: String,
    pub daerah: Option<String>,
    pub status: LegalStatus,
    /// Relations, complete on both sides (what this file declares plus
    /// what the other regulations declare about it), sorted by id.
    pub diubah_oleh: Vec<String>,
    pub mengubah: Vec<String>,
    pub mencabut: Vec<String>,
    pub dicabut_oleh: Vec<String>,
    pub mencabut_sebagian: Vec<String>,
    pub dicabut_sebagian_oleh: Vec<String>,
    pub tautan: Option<String>,
    /// JDIHN metadata; `None` when the file does not state it.
    pub(crate) tanggal_penetapan: Option<date::Date>,
    pub(crate) tanggal_pengundangan: Option<date::Date>,
    pub tempat_terbit: Option<String>,
    pub sumber: Option<String>,
    pub subjek: Option<String>,
    pub bidang_hukum: Option<String>,
    pub pemrakarsa: Option<String>,
    pub teu_badan: Option<String>,
    /// `Indonesia` unless the file says otherwise.
    pub bahasa: String,
    /// Body as HTML.
    pub isi_html: String,
    /// Body as plain text, for search (from the same parse as `isi_html`).
    pub isi_text: String,
}

impl LegalBasis {
    /// "Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah".
    pub(crate) fn judul(&self) -> String {
        let daerah = self
            .daerah
            .as_deref()
            .map(|d| format!(" {d}"))
            .unwrap_or_default();
        format!(
            "{}{daerah} Nomor {} Tahun {} tentang {}",
            self.jenis, self.nomor, self.tahun, self.tentang
        )
    }

    /// In force for JDIH: only a revoked regulation is "Tidak Berlaku";
    /// an amended one still is.
    pub(crate) fn berlaku(&self) -> bool {
        self.status != LegalStatus::Dicabut
    }

    /// "Peraturan Daerah Kota Yogyakarta Nomor 12 Tahun 2009": the title
    /// without "tentang", as regulations cite each other.
    pub(crate) fn sebutan(&self) -> String {
        let daerah = self
            .daerah
            .as_deref()
            .map(|d| format!(" {d}"))
            .unwrap_or_default();
        format!(
            "{}{daerah} Nomor {} Tahun {}",
            self.jenis, self.nomor, self.tahun
        )
    }

    /// "PP", "Perda", "Perwal": the short kind of `singkat`.
    /// "PP 28/2018".
    pub(crate) fn singkat(&self) -> String {
        let short = self.singkatan_jenis();
        let daerah = self
            .daerah
            .as_deref()
            .map(|d| format!(" {d}"))
            .unwrap_or_default();
        format!("{short}{daerah} {}/{}", self.nomor, self.tahun)
    }

    /// "PP", "Perda", "Perwal": the short kind (also JDIHN's `singkatanJenis`).
    pub(crate) fn singkatan_jenis(&self) -> String {
        match self.jenis.as_str() {
            "Undang-Undang" => "UU".to_owned(),
            "Peraturan Pemerintah Pengganti Undang-Undang" => "Perppu".to_owned(),
            "Peraturan Pemerintah" => "PP".to_owned(),
            "Peraturan Menteri Dalam Negeri" => "Permendagri".to_owned(),
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi" => {
                "Permenpan RB".to_owned()
            }
            "Peraturan Daerah" => "Perda".to_owned(),
            "Peraturan Bupati" => "Perbup".to_owned(),
            "Peraturan Wali Kota" | "Peraturan Walikota" => "Perwal".to_owned(),
            "Keputusan Wali Kota" | "Keputusan Walikota" => "Kepwal".to_owned(),
            other => other.to_owned(),
        }
    }
}

/// A plain Markdown page (home text, later articles).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Page {
    pub file: String,
    pub judul: Option<String>,
    pub ringkasan: Option<String>,
    pub isi_html: String,
}
