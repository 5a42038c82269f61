//! Raw registry types: the front matter of `content/kerja-sama/<id>.md`
//! exactly as editors write it (and as `import` builds it from a CSV row).
//! Kinds and dates stay strings here so `validate` can locate every bad value.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One registry entry: an agreement document (KB, NK, PKS or RK).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAgreement {
    /// Work in progress: left out of `build` (pages, lists, sitemap, feeds,
    /// search, open data) unless `--drafts`; `serve` shows it with a banner.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draf: bool,
    /// An illustrative entry, not a real agreement: its page carries a banner.
    #[serde(default)]
    pub contoh: bool,
    /// KSDD | KSDPK | Sinergi | KSDPL | KSDLL.
    pub jenis: String,
    /// KB | NK | PKS | RK.
    pub dokumen: String,
    /// The title as printed on the document.
    pub judul: String,
    /// The object of cooperation, e.g. "Pengelolaan sampah regional".
    pub objek: String,
    /// The government affair (urusan pemerintahan) it serves, e.g. "Lingkungan Hidup".
    #[serde(default)]
    pub bidang_urusan: Option<String>,
    /// The parties, in the order of the document.
    pub para_pihak: Vec<RawPihak>,
    /// Units that carry the agreement out.
    #[serde(default)]
    pub opd_pelaksana: Vec<String>,
    /// Signing, start and end dates.
    pub tanggal: RawTanggalKs,
    /// Value in rupiah, if the agreement states one.
    #[serde(default)]
    pub nilai: Option<u64>,
    /// Id of the umbrella agreement (KB or NK) this PKS or RK implements.
    #[serde(default)]
    pub kb: Option<String>,
    /// Ids of SOPs (`sops/<id>.yaml`) that govern this agreement's stages.
    #[serde(default)]
    pub terkait_sop: Vec<String>,
    /// Ids of document templates (`content/templat/<id>.md`).
    #[serde(default)]
    pub terkait_templat: Vec<String>,
    /// Ids of legal bases (`content/dasar-hukum/<id>.md`).
    #[serde(default)]
    pub dasar_hukum: Vec<String>,
    /// Link to the scanned document (https://... or a site path).
    #[serde(default)]
    pub berkas: Option<String>,
    /// Monitoring records (pemantauan), any order.
    #[serde(default)]
    pub pemantauan: Vec<RawCatatan>,
    /// Evaluation records (evaluasi), any order.
    #[serde(default)]
    pub evaluasi: Vec<RawCatatan>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPihak {
    /// e.g. "Pemerintah Kabupaten Magetan", "PT Air Bersih Nusantara".
    pub nama: String,
    /// This party's number of the document.
    pub nomor: String,
    /// The party's cooperation unit (Perangkat Daerah Pengelola KSD).
    #[serde(default)]
    pub ppksd: Option<String>,
    /// Who signed for the party, e.g. "Bupati Magetan".
    #[serde(default)]
    pub penandatangan: Option<String>,
    /// A regional government's code (Permendagri 137/2017), e.g. "35.20".
    #[serde(default)]
    pub kode_wilayah: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTanggalKs {
    /// YYYY-MM-DD.
    pub tanda_tangan: String,
    /// YYYY-MM-DD; default: the signing date.
    #[serde(default)]
    pub mulai: Option<String>,
    /// YYYY-MM-DD, the last day in force.
    pub berakhir: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCatatan {
    /// YYYY-MM-DD.
    pub tanggal: String,
    /// What was found or decided.
    pub catatan: String,
}

/// `[registry]` in `sopkb.toml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRegistryConfig {
    /// An agreement "akan berakhir" (ends soon, "perlu diperpanjang") within
    /// this many days. Default 180.
    #[serde(default)]
    pub akan_berakhir_hari: Option<i64>,
    /// Months between monitoring records. Default 6.
    #[serde(default)]
    pub pemantauan_bulan: Option<i64>,
    /// Months between evaluation records. Default 12.
    #[serde(default)]
    pub evaluasi_bulan: Option<i64>,
}
