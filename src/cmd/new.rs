//! `sopkb new KIND NAME`: the commented skeleton of one content file, valid
//! as written (it passes `sopkb check` in any project: it cites no other
//! file), placed where the loader looks for that kind; never overwrites
//! (`output::new_file` writes it).

use super::{EXIT_FAILURE, EXIT_OK};
use crate::console::{errln, outln};
use crate::diag::{Lang, Text};
use crate::output::new_file::{self, NewFileError};
use crate::tr;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(crate) struct NewArgs {
    #[arg(value_enum)]
    pub(crate) kind: Kind,
    /// The id: lower-case letters, digits and `-`, e.g. magetan-penawaran.
    pub(crate) name: String,
}

/// The kinds of content file `new` can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Kind {
    /// An SOP: `sops/NAME.yaml`.
    Sop,
    /// A legal basis: `content/dasar-hukum/NAME.md`.
    DasarHukum,
    /// A document template: `content/templat/NAME.md`.
    Templat,
    /// A cooperation registry entry: `content/kerja-sama/NAME.md`.
    KerjaSama,
    /// An article: `content/pengetahuan/NAME.md`.
    Pengetahuan,
}

/// Why `sopkb new` wrote nothing.
#[derive(Debug)]
pub(crate) enum NewError {
    /// NAME is not an id; the text says why.
    Name(Text),
    /// The file could not be created (a symbolic link on the way, the file
    /// exists, an I/O failure); `rel` is its path below the root.
    File { rel: PathBuf, source: NewFileError },
}

impl NewError {
    pub(crate) fn message(&self, lang: Lang) -> String {
        match self {
            NewError::Name(text) => text.get(lang).to_owned(),
            NewError::File { rel, source } => match source {
                NewFileError::Linked(why) => why.get(lang).to_owned(),
                NewFileError::Exists => {
                    let msg = match lang {
                        Lang::Id => "sudah ada; tidak ditimpa",
                        Lang::En => "exists already; not overwritten",
                    };
                    format!("{}: {msg}", rel.display())
                }
                NewFileError::Io(e) => format!("{}: {e}", rel.display()),
            },
        }
    }
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::from_env(Lang::Id)))
    }
}

impl std::error::Error for NewError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            NewError::Name(_) => None,
            NewError::File { source, .. } => Some(source),
        }
    }
}

pub(super) fn run(root: &Path, args: NewArgs) -> u8 {
    let lang = Lang::from_env(Lang::Id);
    match create(root, args.kind, &args.name) {
        Ok(rel) => {
            outln!("{}", rel.display());
            let msg = match lang {
                Lang::Id => "ditulis; isi lalu periksa dengan `sopkb check`",
                Lang::En => "written; fill it in, then run `sopkb check`",
            };
            errln!("sopkb: {}: {msg}", rel.display());
            EXIT_OK
        }
        Err(e) => {
            errln!("sopkb: {}", e.message(lang));
            EXIT_FAILURE
        }
    }
}

/// Where the file of `name` goes, relative to the project root.
pub(crate) fn path_of(kind: Kind, name: &str) -> PathBuf {
    PathBuf::from(match kind {
        Kind::Sop => format!("sops/{name}.yaml"),
        Kind::DasarHukum => format!("content/dasar-hukum/{name}.md"),
        Kind::Templat => format!("content/templat/{name}.md"),
        Kind::KerjaSama => format!("content/kerja-sama/{name}.md"),
        Kind::Pengetahuan => format!("content/pengetahuan/{name}.md"),
    })
}

/// Checks that `name` is an id as the loader wants it: lower-case ASCII
/// letters and digits in words joined by single `-`.
pub(crate) fn check_name(name: &str) -> Result<(), Text> {
    if let Some(stem) = [".yaml", ".yml", ".md"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
    {
        return Err(tr!(
            "tulis id tanpa akhiran berkas: `{}`",
            "give the id without the file extension: `{}`",
            stem
        ));
    }
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && name.split('-').all(|w| !w.is_empty());
    if valid {
        Ok(())
    } else {
        Err(tr!(
            "`{}` bukan id yang sah: gunakan huruf kecil, angka dan `-` di antara kata, mis. `magetan-penawaran-kerja-sama`",
            "`{}` is not a valid id: use lower-case letters, digits and `-` between words, e.g. `magetan-penawaran-kerja-sama`",
            name
        ))
    }
}

/// Writes the skeleton of `kind` named `name` under `root`; returns its
/// path relative to the root.
pub(crate) fn create(root: &Path, kind: Kind, name: &str) -> Result<PathBuf, NewError> {
    check_name(name).map_err(NewError::Name)?;
    let rel = path_of(kind, name);
    let text = skeleton(kind, name, &today());
    match new_file::create(root, &rel, text.as_bytes()) {
        Ok(()) => {}
        Err(source) => return Err(NewError::File { rel, source }),
    }
    if kind == Kind::Sop {
        // Where the modeline points, unless the project has it already (a
        // file that exists, ours or not, is left as it is).
        let schema = Path::new("schema/sop.schema.json");
        let _ = new_file::create(
            root,
            schema,
            crate::schema::sop_schema(crate::diag::Lang::from_env(crate::diag::Lang::Id))
                .as_bytes(),
        );
    }
    Ok(rel)
}

/// A readable title from an id: `magetan-penawaran` → `Magetan Penawaran`.
fn title(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The file text; `today` is `YYYY-MM-DD` (for `diperbarui`).
pub(crate) fn skeleton(kind: Kind, name: &str, today: &str) -> String {
    let title = title(name);
    match kind {
        Kind::Sop => SOP.replace("{title}", &title),
        Kind::DasarHukum => LEGAL.replace("{title}", &title),
        Kind::Templat => TEMPLATE
            .replace("{title}", &title)
            .replace("{today}", today),
        Kind::KerjaSama => AGREEMENT.replace("{title}", &title),
        Kind::Pengetahuan => ARTICLE.replace("{title}", &title).replace("{today}", today),
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    civil_date(secs / 86_400)
}

/// `YYYY-MM-DD` of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

const SOP: &str = r#"# yaml-language-server: $schema=../schema/sop.schema.json
# SOP baru. Ganti setiap isian contoh dengan teks dokumen SOP persis seperti
# tercetak; hapus baris bertanda # yang tidak dipakai. Format lengkap:
# docs/FORMAT.md. Periksa dengan `sopkb check`. Teks bertanda [isi] wajib
# diganti sebelum berkas diterbitkan (`sopkb build` menolaknya).
draf: true                                      # belum terbit: hapus baris ini bila isinya siap
nama: {title}                                   # "Nama SOP", seperti tercetak
# nomor: "000/ABC/2024"                         # "Nomor SOP"; hapus bila kosong di formulir
instansi: "[isi] Pemerintah Kabupaten Contoh"   # pemerintah daerah (kepala formulir)
unit: "[isi] Bagian Tata Pemerintahan"          # unit pemilik SOP
# tanggal:                                      # tanggal persis seperti tercetak
#   pembuatan: 2 Januari 2024
#   revisi: ...
#   efektif: ...
# disahkan_oleh:
#   jabatan: Sekretaris Daerah
#   nama: ...
#   nip: ...
tahap: [penawaran]                              # tahapan KSD (kosakata di docs/FORMAT.md)
dasar_hukum: []                                 # id dari content/dasar-hukum/<id>.md, mis. [pp-28-2018]
keterkaitan: []                                 # SOP terkait: teks, atau { sop: <id> }
kualifikasi_pelaksana: []
peralatan: []
peringatan: []
pencatatan: []                                  # "Pencatatan dan Pendataan"
pelaksana:                                      # kolom pelaksana (swimlane), kiri ke kanan
  - { id: opd, nama: OPD Pemrakarsa }
  - { id: tapem, nama: Bagian Tata Pemerintahan }
langkah:                                        # setiap baris tabel, urut dokumen
  - kegiatan: "[isi] Mengajukan permohonan fasilitasi kerja sama"
    pelaksana: opd                              # satu id, atau [a, b] bila beberapa kolom ditandai
    kelengkapan: [Surat Permohonan]
    waktu: 1 hari                               # seperti tercetak: "15 menit", "3 jam", "2 hari kerja"
    output: [Surat Permohonan]
  - kegiatan: "[isi] Memeriksa kelengkapan permohonan. Lengkap?"
    pelaksana: tapem
    kelengkapan: [Surat Permohonan]
    waktu: 30 menit
    output: [Hasil pemeriksaan]
    keputusan:                                  # cabang -> POSISI langkah tujuan (mulai 1)
      Ya: 3
      Tidak: 1
  - kegiatan: "[isi] Menindaklanjuti permohonan"
    pelaksana: tapem
    waktu: 1 hari kerja
    output: [Nota Dinas]
# waktu_kelompok:                               # waktu yang tercetak untuk rentang langkah
#   - { dari: 2, sampai: 3, waktu: 1 hari kerja }
# total_tertulis: 2 hari                        # total yang tercetak di dokumen, bila ada
"#;

const LEGAL: &str = r#"---
# Dasar hukum baru. Nama berkas = id, mis. pp-28-2018, permendagri-22-2020,
# perda-kota-yogyakarta-12-2009. Format lengkap: docs/FORMAT.md. Teks
# bertanda [isi] wajib diganti sebelum berkas diterbitkan.
draf: true                                 # belum terbit: hapus baris ini bila isinya siap
jenis: Peraturan Pemerintah                # jenis lengkap seperti judul resmi
nomor: "1"                                 # nomor, sebagai teks
tahun: 2024
tentang: "{title}"                         # judul resmi sesudah kata "tentang"
# daerah: Kota Contoh                      # hanya untuk peraturan daerah
status: berlaku                            # berlaku | diubah | dicabut
# mengubah: [pp-1-2020]                    # id peraturan yang diubahnya
# mencabut: [pp-50-2007]                   # id peraturan yang dicabutnya
# mencabut_sebagian: [pp-2-2020]           # id peraturan yang dicabut sebagian
# diubah_oleh: [uu-9-2015]                 # atau di peraturan lama: id pengubahnya
# tautan: https://peraturan.bpk.go.id/...  # sumber resmi
# Metadata JDIHN: isi hanya yang tertulis di naskah peraturan
# tanggal_penetapan: 2024-01-31            # TTTT-BB-HH
# tanggal_pengundangan: 2024-01-31
# tempat_terbit: Jakarta
# sumber: LN 2024 (1), TLN (1)
# teu_badan: Indonesia. Pemerintah Pusat
---
[isi] Satu atau dua paragraf: apa yang diatur dan mengapa penting bagi kerja sama
daerah. Catat juga kutipan yang keliru di dokumen SOP, bila ada.
"#;

const TEMPLATE: &str = r#"---
# Templat dokumen baru. Setiap penanda {{ id }} di isi harus dideklarasikan
# di `isian`, dan setiap isian harus dipakai. Format lengkap: docs/FORMAT.md.
# Teks bertanda [isi] wajib diganti sebelum berkas diterbitkan.
draf: true                                 # belum terbit: hapus baris ini bila isinya siap
judul: {title}
jenis_dokumen: Surat                    # jenis dokumen, mis. Surat Penawaran, Berita Acara
ringkasan: "[isi] Satu kalimat tentang kegunaan dokumen ini."
tahap: [penawaran]                      # tahapan KSD (kosakata di docs/FORMAT.md)
dasar_hukum: []                         # id dari content/dasar-hukum/, mis. [permendagri-22-2020]
terkait_sop: []                         # id SOP yang memakainya (opsional)
nama_lain: []                           # nama yang dipakai langkah SOP di kelengkapan/output
diperbarui: {today}                     # YYYY-MM-DD
isian:                                  # isian, urut kemunculan di isi
  - id: nomor_surat
    label: Nomor surat
    contoh: 000.3/123/Tapem
    keterangan: Nomor dari buku agenda surat keluar
  - id: perihal
    label: Perihal
    contoh: Penawaran kerja sama
---
Nomor: {{ nomor_surat }}

Perihal: {{ perihal }}

[isi] Isi dokumen dalam bentuk surat dinas, dengan penanda di tempat yang diisi.
"#;

const AGREEMENT: &str = r#"---
# Entri daftar kerja sama baru (satu dokumen: KB, NK, PKS atau RK).
# Format lengkap: docs/FORMAT.md. `sopkb import kerja-sama` membuat entri dari CSV.
# Teks bertanda [isi] wajib diganti sebelum berkas diterbitkan.
draf: true                                 # belum terbit: hapus baris ini bila isinya siap
jenis: KSDD                             # KSDD | KSDPK | Sinergi | KSDPL | KSDLL
dokumen: KB                             # KB | NK | PKS | RK
judul: "{title}"                        # judul seperti tercetak
objek: "[isi] Objek kerja sama"         # mis. Pengelolaan sampah regional
# bidang_urusan: Lingkungan Hidup
para_pihak:                             # urut seperti di dokumen
  - nama: "[isi] Pemerintah Kabupaten Contoh"
    nomor: "000/1/KSD/2026"             # nomor dokumen pada pihak ini
    # kode_wilayah: "35.20"             # kode wilayah Kemendagri (Permendagri 137/2017), bila pihak pemerintah daerah
    # ppksd: Bagian Tata Pemerintahan Setda Kabupaten Contoh
    # penandatangan: Bupati Contoh
  - nama: "[isi] Pemerintah Kota Contoh"
    nomor: "000/2/KSD/2026"
opd_pelaksana: []                       # perangkat daerah pelaksana
tanggal:
  tanda_tangan: 2026-01-05              # YYYY-MM-DD
  # mulai: 2026-01-05                   # bawaan: tanggal tanda tangan
  berakhir: 2031-01-04                  # hari terakhir berlaku
# nilai: 0                              # nilai dalam rupiah, bila disebut
# kb: id-kesepakatan-induk              # untuk PKS/RK: id KB atau NK induknya
terkait_sop: []                         # id SOP
terkait_templat: []                     # id templat dokumen
dasar_hukum: []                         # id dasar hukum
# berkas: https://...                   # pindaian dokumen
pemantauan: []                          # [{ tanggal: YYYY-MM-DD, catatan: ... }]
evaluasi: []
---
[isi] Ringkasan isi kerja sama dalam satu atau dua paragraf.
"#;

const ARTICLE: &str = r#"---
# Artikel pengetahuan baru. Format lengkap: docs/FORMAT.md. Teks bertanda
# [isi] wajib diganti sebelum berkas diterbitkan.
draf: true                                 # belum terbit: hapus baris ini bila isinya siap
judul: {title}
ringkasan: "[isi] Satu kalimat untuk daftar dan pencarian."
# urutan: 1                             # urutan di daftar (opsional)
dasar_hukum: []                         # id dari content/dasar-hukum/, mis. [pp-28-2018]
terkait_sop: []                         # id SOP terkait
sumber: []                              # sumber yang dirujuk, mis. [PP 28/2018 Pasal 4]
diperbarui: {today}                     # YYYY-MM-DD
---
Isi artikel dalam Markdown.

## Bagian pertama

[isi] Tulis penjelasan di sini.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_must_be_ids() {
        for ok in ["a", "pp-28-2018", "magetan-penawaran-kerja-sama"] {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "A", "a_b", "-a", "a-", "a--b", "a/b", "../a", "a b", "é",
        ] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        let e = check_name("magetan.yaml").unwrap_err();
        assert!(e.id.contains("`magetan`"), "{}", e.id);
    }

    #[test]
    fn each_kind_has_its_folder() {
        assert_eq!(path_of(Kind::Sop, "a"), PathBuf::from("sops/a.yaml"));
        assert_eq!(
            path_of(Kind::DasarHukum, "a"),
            PathBuf::from("content/dasar-hukum/a.md")
        );
        assert_eq!(
            path_of(Kind::Templat, "a"),
            PathBuf::from("content/templat/a.md")
        );
        assert_eq!(
            path_of(Kind::KerjaSama, "a"),
            PathBuf::from("content/kerja-sama/a.md")
        );
        assert_eq!(
            path_of(Kind::Pengetahuan, "a"),
            PathBuf::from("content/pengetahuan/a.md")
        );
    }

    #[test]
    fn titles_and_dates_are_filled_in() {
        let s = skeleton(Kind::Pengetahuan, "memilih-mitra", "2026-11-25");
        assert!(s.contains("judul: Memilih Mitra\n"), "{s}");
        assert!(s.contains("diperbarui: 2026-11-25"));
        assert!(!s.contains("{title}") && !s.contains("{today}"));
    }

    #[test]
    fn civil_dates_are_right() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_782), "2024-02-29");
        assert_eq!(civil_date(20_417), "2025-11-25");
    }
}
