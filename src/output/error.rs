//! Why the output stage refused or stopped: one typed error, printed as one
//! message (what, why, and what to do) in Indonesian or English.

use crate::diag::{Lang, Text};
use crate::tr;
use std::io;
use std::path::PathBuf;

/// A refusal or failure of the output stage. Every variant but `Io` and
/// `Interrupted` is a refusal decided before anything is written.
#[derive(Debug)]
pub(crate) enum OutputError {
    /// The output folder is the project folder.
    IsRoot { out: PathBuf },
    /// The output folder holds the project folder.
    AboveRoot { out: PathBuf, root: PathBuf },
    /// The output folder is an input (`content`, `sopkb.toml`, ...).
    IsInput { out: PathBuf, input: String },
    /// The output folder holds an input (through a symbolic link).
    ContainsInput { out: PathBuf, input: String },
    /// The output folder holds a `sopkb.toml`: another project.
    OtherProject { out: PathBuf },
    /// The output folder lies in an input folder: the next build reads it.
    InsideInput { out: PathBuf, input: String },
    /// `path` (the output folder or a folder on its way) exists and is
    /// not a folder.
    NotAFolder { out: PathBuf, path: PathBuf },
    /// A symbolic link on the output path points at nothing.
    DanglingLink {
        out: PathBuf,
        link: PathBuf,
        target: PathBuf,
    },
    /// The output path cannot be followed (a dangling or looping link, a
    /// folder that cannot be read).
    Unresolvable { out: PathBuf, source: io::Error },
    /// A non-empty folder sopkb did not write (no manifest), without `--force`.
    NotEmpty { out: PathBuf },
    /// A manifest sopkb cannot have written.
    BadManifest {
        path: PathBuf,
        line: usize,
        why: ManifestProblem,
    },
    /// Site files would replace files sopkb did not write (first few, sorted).
    Foreign {
        out: PathBuf,
        paths: Vec<String>,
        total: usize,
    },
    /// A site file (from `static/`) at a name kept for sopkb's own files,
    /// or one that is no plain relative path.
    Reserved { path: String },
    /// An I/O failure; nothing sopkb did not write was touched.
    Io { path: PathBuf, source: io::Error },
    /// SIGINT or SIGTERM: stopped at a safe point. `complete`: the new site
    /// had already been put in place when the signal was seen.
    Interrupted { signal: i32, complete: bool },
}

impl OutputError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> OutputError {
        OutputError::Io {
            path: path.into(),
            source,
        }
    }

    /// The exit code of the command: 128 + signal when interrupted, else 2.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            OutputError::Interrupted { signal, .. } => {
                u8::try_from(128 + signal).unwrap_or(crate::exit::FAILURE)
            }
            _ => crate::exit::FAILURE,
        }
    }

    /// The message (first line) and what to do (second line, if any).
    pub(crate) fn text(&self) -> (Text, Option<Text>) {
        use OutputError as E;
        let keep = tr!(
            "pilih folder baru atau kosong di luar folder masukan, mis. `--out public` (bawaan)",
            "choose a new or empty folder outside the inputs, e.g. `--out public` (the default)"
        );
        match self {
            E::IsRoot { out } => (
                tr!(
                    "folder keluaran `{}` adalah folder proyek itu sendiri; build di sana akan menimpa sumbernya",
                    "output folder `{}` is the project folder itself; building there would overwrite its sources",
                    out.display()
                ),
                Some(keep),
            ),
            E::AboveRoot { out, root } => (
                tr!(
                    "folder keluaran `{}` memuat folder proyek `{}`; build di sana akan menimpa proyek",
                    "output folder `{}` holds the project folder `{}`; building there would overwrite the project",
                    out.display(),
                    root.display()
                ),
                Some(keep),
            ),
            E::IsInput { out, input } => (
                tr!(
                    "folder keluaran `{}` adalah masukan `{}` yang dibaca sopkb; build di sana akan menimpanya",
                    "output folder `{}` is the input `{}` that sopkb reads; building there would overwrite it",
                    out.display(),
                    input
                ),
                Some(keep),
            ),
            E::ContainsInput { out, input } => (
                tr!(
                    "folder keluaran `{}` memuat masukan `{}` yang dibaca sopkb; build di sana akan menimpanya",
                    "output folder `{}` holds the input `{}` that sopkb reads; building there would overwrite it",
                    out.display(),
                    input
                ),
                Some(keep),
            ),
            E::OtherProject { out } => (
                tr!(
                    "folder keluaran `{}` memuat `sopkb.toml`: itu folder sebuah proyek sopkb; build di sana akan menimpa sumbernya",
                    "output folder `{}` holds a `sopkb.toml`: it is a sopkb project folder; building there would overwrite its sources",
                    out.display()
                ),
                Some(keep),
            ),
            E::InsideInput { out, input } => (
                tr!(
                    "folder keluaran `{}` berada di dalam masukan `{}`: build berikutnya akan membacanya sebagai masukan",
                    "output folder `{}` lies inside the input `{}`: the next build would read it as input",
                    out.display(),
                    input
                ),
                Some(keep),
            ),
            E::NotAFolder { out, path } => (
                if out == path {
                    tr!(
                        "folder keluaran `{}` sudah ada dan bukan folder; sopkb tidak menimpanya",
                        "output folder `{}` exists and is not a folder; sopkb does not overwrite it",
                        out.display()
                    )
                } else {
                    tr!(
                        "folder keluaran `{}`: `{}` sudah ada dan bukan folder; sopkb tidak menimpanya",
                        "output folder `{}`: `{}` exists and is not a folder; sopkb does not overwrite it",
                        out.display(),
                        path.display()
                    )
                },
                Some(tr!(
                    "pilih jalur folder lain dengan `--out`",
                    "choose another folder path with `--out`"
                )),
            ),
            E::DanglingLink { out, link, target } => (
                tr!(
                    "folder keluaran `{}`: tautan simbolik `{}` menunjuk ke `{}`, yang tidak ada",
                    "output folder `{}`: the symbolic link `{}` points at `{}`, which does not exist",
                    out.display(),
                    link.display(),
                    target.display()
                ),
                Some(tr!(
                    "buat dulu folder tujuannya, atau pilih folder lain",
                    "create the folder it points at first, or choose another folder"
                )),
            ),
            E::Unresolvable { out, source } => (
                tr!(
                    "folder keluaran `{}` tidak dapat diperiksa: {}",
                    "output folder `{}` cannot be checked: {}",
                    out.display(),
                    source
                ),
                Some(tr!(
                    "perbaiki tautan simbolik atau izin pada jalur itu, atau pilih folder lain",
                    "fix the symbolic link or the permissions on that path, or choose another folder"
                )),
            ),
            E::NotEmpty { out } => (
                tr!(
                    "folder keluaran `{}` tidak kosong dan tidak ditulis oleh sopkb (tidak ada `{}`)",
                    "output folder `{}` is not empty and was not written by sopkb (no `{}`)",
                    out.display(),
                    super::manifest::MANIFEST
                ),
                Some(tr!(
                    "pilih folder kosong, atau tambahkan `--force` untuk menulis ke dalamnya: berkas yang sudah ada di sana tetap disimpan, tidak dihapus atau ditimpa (situs dari sopkb versi lama tidak punya manifest: hapus sendiri folder itu sekali)",
                    "choose an empty folder, or add `--force` to write into it: the files already there are kept, never deleted or overwritten (a site built by an older sopkb has no manifest: delete that folder yourself once)"
                )),
            ),
            E::BadManifest { path, line, why } => (
                Text::new(
                    format!(
                        "`{}` baris {line}: {}; berkas ini tidak ditulis oleh sopkb",
                        path.display(),
                        why.id()
                    ),
                    format!(
                        "`{}` line {line}: {}; sopkb did not write this file",
                        path.display(),
                        why.en()
                    ),
                ),
                Some(tr!(
                    "hapus berkas itu (folder ini lalu dianggap bukan hasil sopkb: perlu `--force`), atau pilih folder lain",
                    "delete that file (the folder then counts as not written by sopkb: it needs `--force`), or choose another folder"
                )),
            ),
            E::Foreign { out, paths, total } => {
                let shown = paths
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let more = total.saturating_sub(paths.len());
                (
                    if more == 0 {
                        tr!(
                            "build akan menimpa di `{}` berkas yang tidak ditulis oleh sopkb: {}; tidak ada yang ditulis",
                            "the build would overwrite in `{}` files sopkb did not write: {}; nothing was written",
                            out.display(),
                            shown
                        )
                    } else {
                        tr!(
                            "build akan menimpa di `{}` berkas yang tidak ditulis oleh sopkb: {} dan {} lainnya; tidak ada yang ditulis",
                            "the build would overwrite in `{}` files sopkb did not write: {} and {} more; nothing was written",
                            out.display(),
                            shown,
                            more
                        )
                    },
                    Some(tr!(
                        "pindahkan atau hapus sendiri berkas itu, atau pilih folder keluaran lain",
                        "move or delete those files yourself, or choose another output folder"
                    )),
                )
            }
            E::Reserved { path } => (
                tr!(
                    "sopkb tidak menulis berkas situs `{}`: nama `.sopkb-*` di puncak situs dicadangkan untuk sopkb, dan nama tidak boleh memuat `\\` atau keluar dari folder",
                    "sopkb does not write the site file `{}`: `.sopkb-*` names at the top of the site are kept for sopkb, and a name may not hold `\\` or leave the folder",
                    path
                ),
                Some(tr!(
                    "ganti nama berkas itu di static/",
                    "rename that file in static/"
                )),
            ),
            E::Io { path, source } => (tr!("{}: {}", "{}: {}", path.display(), source), None),
            E::Interrupted { signal, complete } => {
                let name = match *signal {
                    2 => "SIGINT",
                    15 => "SIGTERM",
                    _ => "signal",
                };
                (
                    if *complete {
                        tr!(
                            "dihentikan oleh {}; situs baru sudah lengkap ditulis",
                            "stopped by {}; the new site was already completely written",
                            name
                        )
                    } else {
                        tr!(
                            "dihentikan oleh {}; situs sebelumnya tidak diubah",
                            "stopped by {}; the previous site is unchanged",
                            name
                        )
                    },
                    None,
                )
            }
        }
    }

    /// The whole message in `lang`: the first line, then `  bantuan: ...`.
    pub(crate) fn message(&self, lang: Lang) -> String {
        let (what, help) = self.text();
        match help {
            Some(h) => {
                let word = match lang {
                    Lang::Id => "bantuan",
                    Lang::En => "help",
                };
                format!("{}\n  {word}: {}", what.get(lang), h.get(lang))
            }
            None => what.get(lang).to_owned(),
        }
    }
}

/// Why a manifest is not one sopkb wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ManifestProblem {
    Header,
    Path,
    NotAFile,
    NotUtf8,
}

impl ManifestProblem {
    fn id(self) -> &'static str {
        match self {
            ManifestProblem::Header => "baris pertama bukan kepala manifest sopkb",
            ManifestProblem::Path => "bukan jalur di dalam folder ini",
            ManifestProblem::NotAFile => "bukan berkas biasa",
            ManifestProblem::NotUtf8 => "bukan teks UTF-8",
        }
    }

    fn en(self) -> &'static str {
        match self {
            ManifestProblem::Header => "the first line is not the sopkb manifest header",
            ManifestProblem::Path => "not a path inside this folder",
            ManifestProblem::NotAFile => "not a regular file",
            ManifestProblem::NotUtf8 => "not UTF-8 text",
        }
    }
}

/// In the language `SOPKB_LANG` asks for (Indonesian unless `en`).
impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lang = match std::env::var("SOPKB_LANG").as_deref() {
            Ok("en") => Lang::En,
            _ => Lang::Id,
        };
        f.write_str(&self.message(lang))
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::Unresolvable { source, .. } | OutputError::Io { source, .. } => {
                Some(source)
            }
            _ => None,
        }
    }
}
