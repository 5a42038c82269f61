//! Checked registry entries and the status arithmetic: pure functions of
//! an entry's dates and the build date.

use super::date::Date;
use serde::Serialize;

/// The registry as validated, plus the date its statuses were computed at.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Registry {
    /// Sorted by id.
    pub entries: Vec<Agreement>,
    /// The date statuses are computed at: `build_date`, else today (WIB).
    pub today: Date,
    /// True when `today` comes from `build_date` (reproducible builds).
    pub today_pinned: bool,
    /// Days before the end at which an agreement counts as "akan berakhir":
    /// the renewal window ("perlu diperpanjang").
    pub akan_berakhir_hari: u32,
    /// Months between monitoring records (`[registry] pemantauan_bulan`).
    pub pemantauan_bulan: u32,
    /// Months between evaluation records (`[registry] evaluasi_bulan`).
    pub evaluasi_bulan: u32,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            entries: Vec::new(),
            today: Date::from_days(0),
            today_pinned: false,
            akan_berakhir_hari: DEFAULT_AKAN_BERAKHIR_HARI,
            pemantauan_bulan: PEMANTAUAN_BULAN,
            evaluasi_bulan: EVALUASI_BULAN,
        }
    }
}

impl Registry {
    pub(crate) fn get(&self, id: &str) -> Option<&Agreement> {
        self.entries.iter().find(|a| a.id == id)
    }

    /// Entries implementing `id` (its PKS/RK), sorted by id.
    pub(crate) fn turunan(&self, id: &str) -> Vec<&Agreement> {
        self.entries
            .iter()
            .filter(|a| a.kb.as_deref() == Some(id))
            .collect()
    }
}

/// The renewal window: the issue asks for 180 days, time enough for the
/// evaluation that must precede an extension (the PKS template, Pasal 8).
pub(crate) const DEFAULT_AKAN_BERAKHIR_HARI: u32 = 180;
/// The Yogyakarta monitoring SOP: "Pemantauan sedikitnya dilaksanakan
/// setiap 6 (enam) bulan sekali" (sops/yogyakarta-pemantauan-ksd.yaml, step 1).
pub(crate) const PEMANTAUAN_BULAN: u32 = 6;
/// The PKS template (content/templat/perjanjian-kerja-sama.md, Pasal 8
/// ayat 2): evaluation "setiap akhir tahun anggaran", once a year.
pub(crate) const EVALUASI_BULAN: u32 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub(crate) enum Jenis {
    #[serde(rename = "KSDD")]
    Ksdd,
    #[serde(rename = "KSDPK")]
    Ksdpk,
    Sinergi,
    #[serde(rename = "KSDPL")]
    Ksdpl,
    #[serde(rename = "KSDLL")]
    Ksdll,
}

impl Jenis {
    pub(crate) const ALL: [Jenis; 5] = [
        Jenis::Ksdd,
        Jenis::Ksdpk,
        Jenis::Sinergi,
        Jenis::Ksdpl,
        Jenis::Ksdll,
    ];

    pub(crate) fn code(self) -> &'static str {
        match self {
            Jenis::Ksdd => "KSDD",
            Jenis::Ksdpk => "KSDPK",
            Jenis::Sinergi => "Sinergi",
            Jenis::Ksdpl => "KSDPL",
            Jenis::Ksdll => "KSDLL",
        }
    }

    /// The kind's name in PP 28/2018 (Indonesian; open data uses it).
    pub(crate) fn nama(self) -> &'static str {
        match self {
            Jenis::Ksdd => "Kerja Sama Daerah dengan Daerah Lain",
            Jenis::Ksdpk => "Kerja Sama Daerah dengan Pihak Ketiga",
            Jenis::Sinergi => "Sinergi dengan Pemerintah Pusat",
            Jenis::Ksdpl => "Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri",
            Jenis::Ksdll => "Kerja Sama Daerah dengan Lembaga di Luar Negeri",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Jenis> {
        Jenis::ALL
            .into_iter()
            .find(|j| j.code().eq_ignore_ascii_case(s.trim()))
    }

    /// Documents allowed for this kind (PP 28/2018; Permendagri 22/2020):
    /// KSDD and KSDPK go KB then PKS; Sinergi with the central government
    /// is a Nota Kesepakatan with its Rencana Kerja (PP 28/2018 Pasal 46);
    /// cooperation abroad starts with a Nota Kesepahaman, then a PKS.
    pub(crate) fn dokumen(self) -> &'static [Dokumen] {
        match self {
            Jenis::Ksdd | Jenis::Ksdpk => &[Dokumen::Kb, Dokumen::Pks],
            Jenis::Sinergi => &[Dokumen::Nk, Dokumen::Rk],
            Jenis::Ksdpl | Jenis::Ksdll => &[Dokumen::Nk, Dokumen::Pks],
        }
    }

    /// Whether a document of kind `d` must name its umbrella agreement (`kb`).
    pub(crate) fn needs_kb(self, d: Dokumen) -> bool {
        match d {
            Dokumen::Kb | Dokumen::Nk => false,
            Dokumen::Rk => true,
            Dokumen::Pks => matches!(self, Jenis::Ksdd | Jenis::Ksdpk),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub(crate) enum Dokumen {
    Kb,
    Nk,
    Pks,
    Rk,
}

impl Dokumen {
    pub(crate) const ALL: [Dokumen; 4] = [Dokumen::Kb, Dokumen::Nk, Dokumen::Pks, Dokumen::Rk];

    pub(crate) fn code(self) -> &'static str {
        match self {
            Dokumen::Kb => "KB",
            Dokumen::Nk => "NK",
            Dokumen::Pks => "PKS",
            Dokumen::Rk => "RK",
        }
    }

    /// The document's name (Indonesian; open data uses it).
    pub(crate) fn nama(self) -> &'static str {
        match self {
            Dokumen::Kb => "Kesepakatan Bersama",
            Dokumen::Nk => "Nota Kesepakatan",
            Dokumen::Pks => "Perjanjian Kerja Sama",
            Dokumen::Rk => "Rencana Kerja",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Dokumen> {
        Dokumen::ALL
            .into_iter()
            .find(|d| d.code().eq_ignore_ascii_case(s.trim()))
    }

    /// An umbrella document that PKS/RK implement.
    pub(crate) fn is_umbrella(self) -> bool {
        matches!(self, Dokumen::Kb | Dokumen::Nk)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Status {
    BelumMulai,
    Aktif,
    AkanBerakhir,
    Berakhir,
}

impl Status {
    pub(crate) const ALL: [Status; 4] = [
        Status::Aktif,
        Status::AkanBerakhir,
        Status::BelumMulai,
        Status::Berakhir,
    ];

    pub(crate) fn code(self) -> &'static str {
        match self {
            Status::BelumMulai => "belum-mulai",
            Status::Aktif => "aktif",
            Status::AkanBerakhir => "akan-berakhir",
            Status::Berakhir => "berakhir",
        }
    }

    /// In force on the status date (aktif or akan berakhir).
    pub(crate) fn running(self) -> bool {
        matches!(self, Status::Aktif | Status::AkanBerakhir)
    }
}

/// The status of an agreement in force from `mulai` to `berakhir`
/// (both inclusive) on day `today`.
pub(crate) fn status(mulai: Date, berakhir: Date, today: Date, akan_berakhir_hari: u32) -> Status {
    if today < mulai {
        Status::BelumMulai
    } else if today > berakhir {
        Status::Berakhir
    } else if today.days_until(berakhir) <= i64::from(akan_berakhir_hari) {
        Status::AkanBerakhir
    } else {
        Status::Aktif
    }
}

/// The monitoring (or evaluation) of an agreement: when the next record is
/// due and whether it is overdue. The clock starts at the last record (else
/// at `mulai`); a record is due every `months` months while the agreement runs.
pub(crate) fn monitoring(
    mulai: Date,
    last: Option<Date>,
    st: Status,
    today: Date,
    months: u32,
) -> (Option<Date>, bool) {
    if !st.running() {
        return (None, false);
    }
    let due = last.unwrap_or(mulai).add_months(months as i32);
    (Some(due), today > due)
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Agreement {
    pub id: String,
    /// Source path relative to the project root.
    pub file: String,
    /// `draf: true`: shown only by `serve` and `build --drafts`, with a banner.
    pub draf: bool,
    pub contoh: bool,
    pub jenis: Jenis,
    pub dokumen: Dokumen,
    pub judul: String,
    pub objek: String,
    pub bidang_urusan: Option<String>,
    pub para_pihak: Vec<Pihak>,
    pub opd_pelaksana: Vec<String>,
    pub tanda_tangan: Date,
    pub mulai: Date,
    pub berakhir: Date,
    pub nilai: Option<u64>,
    /// The umbrella KB/NK this implements (resolved).
    pub kb: Option<String>,
    /// SOP ids (resolved).
    pub terkait_sop: Vec<String>,
    /// Template ids (resolved).
    pub terkait_templat: Vec<String>,
    /// Legal-basis ids (resolved).
    pub dasar_hukum: Vec<String>,
    pub berkas: Option<String>,
    /// Sorted by date.
    pub pemantauan: Vec<Catatan>,
    /// Sorted by date.
    pub evaluasi: Vec<Catatan>,
    /// The Markdown body, trimmed.
    pub keterangan: String,
    pub isi_html: String,
    /// The body as plain text, for search.
    pub isi_text: String,
    pub status: Status,
    /// When the next monitoring record is due (agreements in force only).
    pub pemantauan_berikutnya: Option<Date>,
    pub pemantauan_terlambat: bool,
    /// When the next evaluation record is due (agreements in force only).
    pub evaluasi_berikutnya: Option<Date>,
    pub evaluasi_terlambat: bool,
}

impl Agreement {
    pub(crate) fn year(&self) -> i32 {
        self.tanda_tangan.year
    }

    /// A monitoring or evaluation record is overdue ("monev belum dilaporkan").
    pub(crate) fn monev_terlambat(&self) -> bool {
        self.pemantauan_terlambat || self.evaluasi_terlambat
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pihak {
    pub nama: String,
    /// URL slug of the partner page (`kerja-sama/mitra/<slug>/`).
    pub slug: String,
    pub nomor: String,
    pub ppksd: Option<String>,
    pub penandatangan: Option<String>,
    /// The region's code in the dotted Kemendagri form ("35.20"), if given.
    pub kode_wilayah: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Catatan {
    pub tanggal: Date,
    pub catatan: String,
}

/// Lower-case ASCII words joined by `-` ("Pemerintah Kota Yogyakarta" ->
/// "pemerintah-kota-yogyakarta"); letters with diacritics lose them.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn fold(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ò'..='ö' | 'Ò'..='Ö' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn status_follows_the_dates_and_the_threshold() {
        let (m, b) = (d("2026-01-01"), d("2026-12-31"));
        assert_eq!(status(m, b, d("2025-12-31"), 90), Status::BelumMulai);
        assert_eq!(status(m, b, d("2026-01-01"), 90), Status::Aktif);
        assert_eq!(status(m, b, d("2026-10-01"), 90), Status::Aktif);
        assert_eq!(status(m, b, d("2026-10-02"), 90), Status::AkanBerakhir);
        assert_eq!(status(m, b, d("2026-12-31"), 90), Status::AkanBerakhir);
        assert_eq!(status(m, b, d("2027-01-01"), 90), Status::Berakhir);
        assert_eq!(status(m, b, d("2026-10-02"), 30), Status::Aktif);
    }

    #[test]
    fn monitoring_is_due_six_months_after_the_last_record() {
        let m = d("2025-01-10");
        let (due, late) = monitoring(m, Some(d("2026-03-31")), Status::Aktif, d("2026-09-30"), 6);
        assert_eq!(due, Some(d("2026-09-30")));
        assert!(!late);
        let (_, late) = monitoring(m, Some(d("2026-03-31")), Status::Aktif, d("2026-10-01"), 6);
        assert!(late);
        let (due, late) = monitoring(m, None, Status::Aktif, d("2025-08-01"), 6);
        assert_eq!(due, Some(d("2025-07-10")));
        assert!(late);
        assert_eq!(
            monitoring(m, None, Status::Berakhir, d("2030-01-01"), 6),
            (None, false)
        );
    }

    #[test]
    fn slugs_are_lower_case_ascii_words() {
        assert_eq!(
            slug("Pemerintah Kota Yogyakarta"),
            "pemerintah-kota-yogyakarta"
        );
        assert_eq!(
            slug("PT. Bank Banten (Perseroda)"),
            "pt-bank-banten-perseroda"
        );
        assert_eq!(slug("Université d'Été"), "universite-d-ete");
    }
}
