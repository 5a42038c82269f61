//! Raw serde types: exactly what editors write, with no checking beyond shape.
//! Unknown keys are rejected (`deny_unknown_fields`) so typos never pass.
//! `validate` resolves these into the checked `model` types.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One SOP file (`sops/<id>.yaml`), keys as on the official SOP AP form.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSop {
    /// Work in progress: left out of `build` (pages, lists, sitemap, feeds,
    /// search, open data) unless `--drafts`; `serve` shows it with a banner.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) draf: bool,
    /// "Nama SOP", as printed.
    pub(crate) nama: String,
    /// "Nomor SOP".
    #[serde(default)]
    pub(crate) nomor: Option<String>,
    /// The government that owns the SOP, e.g. "Pemerintah Kabupaten Magetan".
    pub(crate) instansi: String,
    /// The unit that owns the SOP.
    #[serde(default)]
    pub(crate) unit: Option<String>,
    /// Dates on the form: made, revised, effective, approved.
    #[serde(default)]
    pub(crate) tanggal: RawTanggal,
    /// Who approved the SOP, as in the signature block.
    #[serde(default)]
    pub(crate) disahkan_oleh: Option<RawPengesah>,
    /// The decree that enacts the SOP, if any.
    #[serde(default)]
    pub(crate) penetapan: Option<String>,
    /// Where the text was transcribed from.
    #[serde(default)]
    pub(crate) sumber: Option<String>,
    /// Stages of KSD this SOP covers.
    #[serde(default)]
    pub(crate) tahap: Vec<Tahap>,
    /// Legal bases: ids of `content/dasar-hukum/<id>.md`.
    #[serde(default)]
    pub(crate) dasar_hukum: Vec<RawDasarHukum>,
    /// Related SOPs: plain text, or `{sop: id}` for a shipped SOP.
    #[serde(default)]
    pub(crate) keterkaitan: Vec<RawKeterkaitan>,
    /// "Kualifikasi Pelaksana": what the executors must know or hold.
    #[serde(default)]
    pub(crate) kualifikasi_pelaksana: Vec<String>,
    /// "Peralatan/Perlengkapan".
    #[serde(default)]
    pub(crate) peralatan: Vec<String>,
    /// "Peringatan": what goes wrong if the SOP is not followed.
    #[serde(default)]
    pub(crate) peringatan: Vec<String>,
    /// "Pencatatan dan Pendataan".
    #[serde(default)]
    pub(crate) pencatatan: Vec<String>,
    /// Notes printed under the table.
    #[serde(default)]
    pub(crate) catatan: Vec<String>,
    /// The swimlanes, left to right.
    pub(crate) pelaksana: Vec<RawLane>,
    /// Every row of the table, in document order.
    pub(crate) langkah: Vec<RawStep>,
    /// Times stated once for a range of steps.
    #[serde(default)]
    pub(crate) waktu_kelompok: Vec<RawWaktuKelompok>,
    /// The total the document itself prints.
    #[serde(default)]
    pub(crate) total_tertulis: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTanggal {
    /// "Tanggal Pembuatan", as printed.
    #[serde(default)]
    pub pembuatan: Option<String>,
    /// "Tanggal Revisi", as printed.
    #[serde(default)]
    pub revisi: Option<String>,
    /// "Tanggal Efektif", as printed.
    #[serde(default)]
    pub efektif: Option<String>,
    /// "Tanggal Pengesahan", as printed.
    #[serde(default)]
    pub pengesahan: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPengesah {
    /// The position, e.g. "Sekretaris Daerah".
    #[serde(default)]
    pub jabatan: Option<String>,
    /// The name, as printed.
    #[serde(default)]
    pub nama: Option<String>,
    /// Rank and grade, as printed.
    #[serde(default)]
    pub pangkat: Option<String>,
    /// The civil-servant number (NIP), as printed.
    #[serde(default)]
    pub nip: Option<String>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Tahap {
    Registrasi,
    Perencanaan,
    Inisiasi,
    Penawaran,
    Persiapan,
    PenyusunanKesepakatan,
    PenandatangananKesepakatan,
    PenyusunanPerjanjian,
    PenandatangananPerjanjian,
    Pelaksanaan,
    Pemantauan,
    Evaluasi,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub(crate) enum RawDasarHukum {
    /// The id of a legal-basis page.
    Id(String),
    /// The id plus the citation exactly as the document prints it.
    Cited(RawDasarHukumCited),
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDasarHukumCited {
    /// The id of a legal-basis page.
    pub id: String,
    /// The citation exactly as the document prints it.
    #[serde(default)]
    pub tertulis: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub(crate) enum RawKeterkaitan {
    /// Plain text: an SOP or document this site does not publish.
    Text(String),
    /// A published SOP, by id.
    Sop(RawKeterkaitanSop),
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKeterkaitanSop {
    /// The id of a published SOP.
    pub sop: String,
    /// The name exactly as the document prints it.
    #[serde(default)]
    pub tertulis: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLane {
    /// Short lower-case id used by steps, e.g. `tapem`.
    pub id: String,
    /// The column header as printed.
    pub nama: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStep {
    /// The number the document prints, when it differs from the position.
    #[serde(default)]
    pub label: Option<String>,
    /// "Kegiatan": what is done in this step, as printed.
    pub kegiatan: String,
    /// One lane id, or several when the form marks several lanes.
    pub pelaksana: OneOrMany,
    /// Mutu Baku "Kelengkapan": what the step needs.
    #[serde(default)]
    pub kelengkapan: OneOrMany,
    /// As printed, e.g. "15 Menit", "7 hari kerja".
    #[serde(default)]
    pub waktu: Option<String>,
    /// Mutu Baku "Output": what the step produces.
    #[serde(default)]
    pub output: OneOrMany,
    /// "Keterangan": remarks in the last column.
    #[serde(default)]
    pub keterangan: OneOrMany,
    /// Decision: branch label -> target step position (1-based).
    #[serde(default)]
    pub keputusan: Option<IndexMap<String, i64>>,
    /// The procedure ends at this step (an early end, e.g. "Selesai ... ditolak"):
    /// no arrow to the next step.
    #[serde(default)]
    pub selesai: bool,
    /// A process step after which the flow continues at this position instead
    /// of the next step ("ulangi lagi mulai kegiatan nomor 3").
    #[serde(default)]
    pub lanjut_ke: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWaktuKelompok {
    /// First step position of the range (1-based).
    pub dari: i64,
    /// Last step position of the range (1-based, inclusive).
    pub sampai: i64,
    /// The time stated for the whole range.
    pub waktu: String,
}

/// A string or a list of strings.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub(crate) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl Default for OneOrMany {
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

impl OneOrMany {
    pub(crate) fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// Front matter of `content/dasar-hukum/<id>.md`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLegalBasis {
    /// Work in progress: left out of `build` (pages, lists, sitemap, feeds,
    /// search, open data) unless `--drafts`; `serve` shows it with a banner.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draf: bool,
    /// The kind of regulation, e.g. "Peraturan Pemerintah".
    pub jenis: String,
    /// The number, as printed.
    pub nomor: String,
    /// The year.
    pub tahun: i64,
    /// The title after "tentang".
    pub tentang: String,
    /// The region, for a regional regulation.
    #[serde(default)]
    pub daerah: Option<String>,
    /// berlaku | diubah | dicabut.
    pub status: LegalStatus,
    /// Relations, each written on either side (or both, then they must
    /// agree): the newer regulation's `mengubah`, `mencabut`,
    /// `mencabut_sebagian`; the older one's `diubah_oleh`, `dicabut_oleh`,
    /// `dicabut_sebagian_oleh`. The other side is derived.
    #[serde(default)]
    pub diubah_oleh: Vec<String>,
    /// Ids of the regulations this one revokes.
    #[serde(default)]
    pub mencabut: Vec<String>,
    /// Ids of the regulations this one amends.
    #[serde(default)]
    pub mengubah: Vec<String>,
    /// Ids of the regulations that revoke this one.
    #[serde(default)]
    pub dicabut_oleh: Vec<String>,
    /// Ids of the regulations this one partly revokes.
    #[serde(default)]
    pub mencabut_sebagian: Vec<String>,
    /// Ids of the regulations that partly revoke this one.
    #[serde(default)]
    pub dicabut_sebagian_oleh: Vec<String>,
    /// Link to the official text (https://...).
    #[serde(default)]
    pub tautan: Option<String>,
    /// JDIHN metadata (Perpres 33/2012): the date the regulation was set
    /// (ditetapkan), YYYY-MM-DD.
    #[serde(default)]
    pub tanggal_penetapan: Option<String>,
    /// The date it was promulgated (diundangkan), YYYY-MM-DD.
    #[serde(default)]
    pub tanggal_pengundangan: Option<String>,
    /// Where it was set and promulgated, e.g. `Jakarta`.
    #[serde(default)]
    pub tempat_terbit: Option<String>,
    /// Where it was published, e.g. `LN 2018 (97), TLN (6219)`.
    #[serde(default)]
    pub sumber: Option<String>,
    /// JDIHN subject (subjek), e.g. "Kerja Sama Daerah".
    #[serde(default)]
    pub subjek: Option<String>,
    /// JDIHN field of law (bidang hukum), e.g. "Hukum Tata Negara".
    #[serde(default)]
    pub bidang_hukum: Option<String>,
    /// The body that initiated it (pemrakarsa).
    #[serde(default)]
    pub pemrakarsa: Option<String>,
    /// T.E.U. badan (corporate author), e.g. `Indonesia. Pemerintah Pusat`.
    #[serde(default)]
    pub teu_badan: Option<String>,
    /// Language of the text; `Indonesia` when unset.
    #[serde(default)]
    pub bahasa: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LegalStatus {
    Berlaku,
    Diubah,
    Dicabut,
}

/// Front matter of a plain Markdown page (`content/_index.md`, articles).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPage {
    #[serde(default)]
    pub judul: Option<String>,
    #[serde(default)]
    pub ringkasan: Option<String>,
    #[serde(default)]
    pub urutan: Option<i64>,
    #[serde(default)]
    pub dasar_hukum: Vec<String>,
}

/// `sopkb.toml`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    /// The site title.
    pub title: String,
    /// One sentence about the site, for search engines and feeds.
    #[serde(default)]
    pub description: Option<String>,
    /// The address where the site is published, e.g. `https://ksd.example.go.id/`.
    #[serde(default)]
    pub base_url: Option<String>,
    /// `id` (default) or `en`: the language of the interface.
    #[serde(default)]
    pub language: Option<String>,
    /// The theme: a folder name under `themes/` (default `default`).
    #[serde(default)]
    pub theme: Option<String>,
    /// The build's "today", YYYY-MM-DD, for reproducible builds.
    #[serde(default)]
    pub build_date: Option<String>,
    /// `[registry]`: settings of the cooperation registry.
    #[serde(default)]
    pub registry: Option<super::registry::RawRegistryConfig>,
    /// Keep raw HTML in Markdown as written instead of sanitising it
    /// (SECURITY.md): only for sites whose every editor may publish scripts.
    #[serde(default)]
    pub trust_html: bool,
    /// The project's git repository (`https://github.com/pemda/ksd`): pages
    /// link to their source file's edit page.
    #[serde(default)]
    pub repo_url: Option<String>,
    /// The branch those links open (default `main`).
    #[serde(default)]
    pub repo_branch: Option<String>,
    /// The edit page URL with `{path}` for the file path, for hosts whose
    /// form sopkb does not know.
    #[serde(default)]
    pub edit_url: Option<String>,
    /// The SPDX id of the open data's licence (default `CC-BY-4.0`).
    #[serde(default)]
    pub license: Option<String>,
}

// --- Knowledge content (glossary, document templates, articles) ---

/// One entry of `content/istilah.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTerm {
    /// The acronym as written (`TKKSD`); omitted for a plain term.
    #[serde(default)]
    pub singkatan: Option<String>,
    /// The expansion, or the term itself.
    pub kepanjangan: String,
    /// One sentence.
    pub definisi: String,
    /// Ids of legal-basis pages.
    #[serde(default)]
    pub dasar_hukum: Vec<String>,
    /// Other spellings, for search.
    #[serde(default)]
    pub sinonim: Vec<String>,
}

/// Front matter of `content/templat/<id>.md`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTemplate {
    /// Work in progress: left out of `build` (pages, lists, sitemap, feeds,
    /// search, open data) unless `--drafts`; `serve` shows it with a banner.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draf: bool,
    /// The title.
    pub judul: String,
    /// The kind of document, e.g. "Surat Penawaran".
    pub jenis_dokumen: String,
    /// One or two sentences for lists and search.
    pub ringkasan: String,
    /// Stages of KSD where the document is used.
    #[serde(default)]
    pub tahap: Vec<Tahap>,
    /// Ids of legal bases (`content/dasar-hukum/<id>.md`).
    #[serde(default)]
    pub dasar_hukum: Vec<String>,
    /// Ids of SOPs that use this template.
    #[serde(default)]
    pub terkait_sop: Vec<String>,
    /// Names under which SOP steps cite the document.
    #[serde(default)]
    pub nama_lain: Vec<String>,
    /// `YYYY-MM-DD`.
    pub diperbarui: String,
    /// Fields to fill, in the order they appear.
    #[serde(default)]
    pub isian: Vec<RawField>,
}

/// A field to fill in a template (`{{ id }}` in the body).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawField {
    /// The name used in the body, `{{ id }}`.
    pub id: String,
    /// What the field asks for.
    pub label: String,
    /// An example value.
    #[serde(default)]
    pub contoh: Option<String>,
    /// A note on how to fill it.
    #[serde(default)]
    pub keterangan: Option<String>,
}

/// Front matter of `content/pengetahuan/<id>.md`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawArticle {
    /// Work in progress: left out of `build` (pages, lists, sitemap, feeds,
    /// search, open data) unless `--drafts`; `serve` shows it with a banner.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draf: bool,
    /// The title.
    pub judul: String,
    /// One or two sentences for lists and search.
    pub ringkasan: String,
    /// Position in the article list (lower first).
    #[serde(default)]
    pub urutan: Option<i64>,
    /// Ids of legal bases (`content/dasar-hukum/<id>.md`).
    #[serde(default)]
    pub dasar_hukum: Vec<String>,
    /// Ids of SOPs (`sops/<id>.yaml`) the article explains.
    #[serde(default)]
    pub terkait_sop: Vec<String>,
    /// Sources named, e.g. "PP 28/2018 Pasal 4".
    #[serde(default)]
    pub sumber: Vec<String>,
    /// `YYYY-MM-DD`.
    pub diperbarui: String,
}
