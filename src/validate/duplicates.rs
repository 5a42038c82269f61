//! Two inputs that claim one output. `FILE008`: two files of one kind with
//! the same id, in any letter case (on Windows and macOS `X.yaml` and
//! `x.yaml` are one file, and `sop/X/` and `sop/x/` one folder), wherever
//! they sit under the kind's folder and whatever their extension
//! (`x.yaml`, `x.yml`). `FILE009`: an id whose page address belongs to a
//! page sopkb makes itself. `SOP023`: two SOPs with the same `instansi`
//! and `nama` (a copied file). `FILE010` (after rendering, `pipeline`): a
//! `static/` file whose output path a generated file or another static
//! file takes. Of two files, the later by path is reported and the other
//! named in a note: never directory order.

use crate::diag::{Diagnostic, FileId, SourceMap, Span, Text};
use crate::load::{Claim, Input, Kind};
use crate::tr;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

/// Ids a kind's files may not take: the page `<url>/<id>/` is sopkb's own.
/// (A test renders the shipped site and checks that this list is whole.)
const RESERVED: &[(Kind, &str, &str, &str)] = &[
    (Kind::Sop, "banding", "perbandingan SOP", "SOP comparison"),
    (Kind::Sop, "buku", "buku SOP", "SOP book"),
    (Kind::Agreement, "mitra", "daftar mitra", "partner list"),
];

/// FILE008, FILE009 and SOP023 over the loaded project.
pub(crate) fn check(input: &Input, diags: &mut Vec<Diagnostic>) {
    check_ids(input, diags);
    check_reserved(input, diags);
    check_same_sop(input, diags);
}

/// The order files are loaded in: by path, folder by folder (`a/x` before
/// `a-b/x`, as a sorted walk visits them).
fn path_order(sources: &SourceMap, a: FileId, b: FileId) -> Ordering {
    let (a, b) = (&sources.file(a).path, &sources.file(b).path);
    a.split('/').cmp(b.split('/'))
}

/// What editors call each kind, in both languages.
fn kind_name(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Sop => ("SOP", "SOP"),
        Kind::Legal => ("dasar hukum", "legal basis"),
        Kind::Template => ("templat", "template"),
        Kind::Article => ("artikel", "article"),
        Kind::Agreement => ("entri kerja sama", "registry entry"),
    }
}

/// FILE008: ids compared after Unicode lower-casing, per kind.
fn check_ids(input: &Input, diags: &mut Vec<Diagnostic>) {
    let mut groups: BTreeMap<(Kind, String), Vec<&Claim>> = BTreeMap::new();
    for c in &input.claims {
        groups
            .entry((c.kind, c.id.to_lowercase()))
            .or_default()
            .push(c);
    }
    for mut group in groups.into_values().filter(|g| g.len() > 1) {
        group.sort_by(|a, b| path_order(&input.sources, a.file, b.file));
        for c in &group[1..] {
            diags.push(duplicate_id(group[0], c));
        }
    }
}

fn duplicate_id(first: &Claim, this: &Claim) -> Diagnostic {
    let (id_kind, en_kind) = kind_name(this.kind);
    let (id, url) = (&this.id, this.kind.url());
    let message = if this.id == first.id {
        Text::new(
            format!("{id_kind} `{id}` sudah didefinisikan oleh berkas lain: keduanya menjadi halaman `{url}/{id}/`"),
            format!("{en_kind} `{id}` is already defined by another file: both would be the page `{url}/{id}/`"),
        )
    } else {
        let other = &first.id;
        Text::new(
            format!("{id_kind} `{id}` dan `{other}` hanya berbeda huruf besar/kecil: di Windows dan macOS keduanya satu berkas dan satu halaman"),
            format!("{en_kind} `{id}` and `{other}` differ only in letter case: on Windows and macOS they are one file and one page"),
        )
    };
    let dir = this.kind.dir();
    Diagnostic::error("FILE008", message)
        .at(Span::new(this.file, 0, 0))
        .note(
            tr!("juga didefinisikan di", "also defined in"),
            Some(Span::new(first.file, 0, 0)),
        )
        .help(tr!(
            "id adalah nama berkas tanpa folder dan ekstensi, unik di `{}/` termasuk subfolder (huruf besar/kecil tidak dibedakan): ganti nama atau hapus salah satu berkas",
            "the id is the file name without folder and extension, unique in `{}/` subfolders included (letter case aside): rename or delete one of the files",
            dir
        ))
}

/// FILE009: an id that would replace (or be replaced by) sopkb's own page.
fn check_reserved(input: &Input, diags: &mut Vec<Diagnostic>) {
    for c in &input.claims {
        let key = c.id.to_lowercase();
        let Some((_, page, what_id, what_en)) = RESERVED
            .iter()
            .find(|(kind, page, ..)| *kind == c.kind && *page == key)
        else {
            continue;
        };
        let (id, url) = (&c.id, c.kind.url());
        diags.push(
            Diagnostic::error(
                "FILE009",
                Text::new(
                    format!("id `{id}` dipakai halaman bawaan sopkb `{url}/{page}/` ({what_id})"),
                    format!("id `{id}` is taken by sopkb's own page `{url}/{page}/` ({what_en})"),
                ),
            )
            .at(Span::new(c.file, 0, 0))
            .help(tr!(
                "ganti nama berkas ini, mis. `{}-…`",
                "rename this file, e.g. `{}-…`",
                page
            )),
        );
    }
}

/// `s` as compared for SOP023: whitespace runs as one space, case-folded.
fn folded(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// SOP023: two SOPs with the same `instansi` and `nama`. Of SOPs whose ids
/// already clash (FILE008) only the first is compared.
fn check_same_sop(input: &Input, diags: &mut Vec<Diagnostic>) {
    let mut sops: Vec<_> = input.sops.iter().collect();
    sops.sort_by(|a, b| path_order(&input.sources, a.file, b.file));
    let mut ids = HashSet::new();
    let mut seen: HashMap<(String, String), &crate::load::Loaded<_>> = HashMap::new();
    for s in sops {
        if !ids.insert(s.id.to_lowercase()) {
            continue;
        }
        let key = (folded(&s.raw.instansi), folded(&s.raw.nama));
        if key.0.is_empty() || key.1.is_empty() {
            continue;
        }
        let Some(first) = seen.get(&key) else {
            seen.insert(key, s);
            continue;
        };
        let span = |l: &crate::load::Loaded<_>| {
            l.spans
                .get("nama")
                .unwrap_or_else(|| Span::new(l.file, 0, 0))
        };
        diags.push(
            Diagnostic::error(
                "SOP023",
                tr!(
                    "SOP `{}` punya `instansi` dan `nama` yang sama dengan SOP `{}`",
                    "SOP `{}` has the same `instansi` and `nama` as SOP `{}`",
                    s.id,
                    first.id
                ),
            )
            .at(span(s))
            .note(
                tr!("juga didefinisikan di", "also defined in"),
                Some(span(first)),
            )
            .help(tr!(
                "berkas ini tampaknya salinan: hapus salah satu, atau bedakan `nama` bila keduanya prosedur yang berbeda",
                "this file looks like a copy: delete one, or make `nama` distinct if they are different procedures"
            )),
        );
    }
}

/// Who already takes an output path.
#[derive(Clone, Copy)]
enum Owner<'a> {
    Generated(&'a str),
    Static(&'a str),
}

/// FILE010: files of `static/` (`statics`, relative to it) whose output
/// path a generated file (`generated`, the rendered site's paths) or an
/// earlier static file takes: the same path, the same path in another
/// letter case, or a path that would be both a file and a folder. Known
/// only once the site is rendered, so `pipeline` calls it after rendering
/// (for `build` and `serve`); each static file reported gets a source
/// (empty text) in `sources` to be located.
pub(crate) fn static_clashes<'g>(
    statics: &[PathBuf],
    generated: impl IntoIterator<Item = &'g String>,
    sources: &mut SourceMap,
) -> Vec<Diagnostic> {
    let mut statics: Vec<String> = statics
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    statics.sort_by(|a, b| a.split('/').cmp(b.split('/')));
    // Lower-cased file path -> its owner; lower-cased folder -> a file in it.
    let mut files: HashMap<String, Owner> = HashMap::new();
    let mut dirs: HashMap<String, Owner> = HashMap::new();
    for g in generated {
        take(g, Owner::Generated(g), &mut files, &mut dirs);
    }
    let mut diags = Vec::new();
    for rel in &statics {
        let low = rel.to_lowercase();
        let as_folder = |at: &str| files.get(at).copied();
        let clash = files
            .get(&low)
            .or_else(|| dirs.get(&low))
            .copied()
            .or_else(|| {
                low.match_indices('/')
                    .find_map(|(i, _)| as_folder(&low[..i]))
            });
        match clash {
            Some(owner) => diags.push(static_clash(rel, owner, sources)),
            None => take(rel, Owner::Static(rel), &mut files, &mut dirs),
        }
    }
    diags
}

/// Records `path` (and its folders) as taken by `owner`.
fn take<'a>(
    path: &str,
    owner: Owner<'a>,
    files: &mut HashMap<String, Owner<'a>>,
    dirs: &mut HashMap<String, Owner<'a>>,
) {
    let low = path.to_lowercase();
    for (i, _) in low.match_indices('/') {
        dirs.entry(low[..i].to_owned()).or_insert(owner);
    }
    files.entry(low).or_insert(owner);
}

fn static_clash(rel: &str, owner: Owner, sources: &mut SourceMap) -> Diagnostic {
    let here = sources.add(format!("static/{rel}"), String::new());
    let other = match owner {
        Owner::Generated(p) | Owner::Static(p) => p,
    };
    let how = if other == rel {
        None
    } else if other.to_lowercase() == rel.to_lowercase() {
        Some(tr!(
            "hanya berbeda huruf besar/kecil: satu berkas di Windows dan macOS",
            "they differ only in letter case: one file on Windows and macOS"
        ))
    } else {
        Some(tr!(
            "satu jalur akan menjadi berkas sekaligus folder",
            "one path would be both a file and a folder"
        ))
    };
    let mut d = match owner {
        Owner::Generated(p) => Diagnostic::error(
            "FILE010",
            tr!(
                "`static/{}` bertabrakan dengan `{}`, berkas yang dibuat sopkb",
                "`static/{}` clashes with `{}`, a file sopkb generates",
                rel,
                p
            ),
        )
        .help(if p.starts_with("assets/") {
            tr!(
                "pindahkan atau ganti nama berkas ini; untuk mengubah berkas tema, taruh di `theme-overrides/static/`",
                "move or rename this file; to change a theme file, put it in `theme-overrides/static/`"
            )
        } else {
            tr!(
                "pindahkan atau ganti nama berkas ini: berkas buatan sopkb tidak dapat diganti dari `static/`",
                "move or rename this file: files sopkb generates cannot be replaced from `static/`"
            )
        }),
        Owner::Static(p) => {
            let first = sources.add(format!("static/{p}"), String::new());
            Diagnostic::error(
                "FILE010",
                tr!(
                    "`static/{}` bertabrakan dengan `static/{}`",
                    "`static/{}` clashes with `static/{}`",
                    rel,
                    p
                ),
            )
            .note(
                tr!("juga didefinisikan di", "also defined in"),
                Some(Span::new(first, 0, 0)),
            )
            .help(tr!(
                "ganti nama atau hapus salah satu berkas",
                "rename or delete one of the files"
            ))
        }
    };
    if let Some(how) = how {
        d = d.note(how, None);
    }
    d.at(Span::new(here, 0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;
    use crate::pipeline::{self, Checked};
    use std::path::Path;

    fn sop(nama: &str) -> String {
        format!(
            "nama: {nama}\ninstansi: Pemerintah Kabupaten Uji\n\
             pelaksana:\n  - {{ id: opd, nama: OPD }}\n\
             langkah:\n  - kegiatan: Mengajukan permohonan\n    pelaksana: opd\n    waktu: 1 hari\n"
        )
    }

    const ARTICLE: &str = "---\njudul: A\nringkasan: R.\ndiperbarui: 2026-01-01\n---\nIsi.\n";

    fn checked(files: &[(&str, &str)]) -> Checked {
        let dir = tempfile::tempdir().unwrap();
        let mut all = vec![("sopkb.toml", "title = \"Uji\"\n")];
        all.extend_from_slice(files);
        for (rel, text) in all {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        pipeline::check(dir.path()).unwrap()
    }

    /// `(path:line:col, note path:line:col)` of each diagnostic `code`.
    fn found(c: &Checked, code: &str) -> Vec<(String, String)> {
        let at = |s: Option<Span>| {
            s.map(|s| {
                let f = c.sources.file(s.file);
                let (l, col) = f.line_col(s.start);
                format!("{}:{l}:{col}", f.path)
            })
            .unwrap_or_default()
        };
        c.diags
            .iter()
            .filter(|d| d.code == code)
            .map(|d: &Diagnostic| {
                assert!(d.is_error(), "{d:?}");
                let note = d.notes.first().map(|n| at(n.span)).unwrap_or_default();
                (at(d.span), note)
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn one_id_in_two_folders_extensions_or_cases_names_both_files() {
        let c = checked(&[
            ("sops/a/x.yaml", &sop("Prosedur A")),
            ("sops/b/x.yaml", &sop("Prosedur B")),
            ("sops/y.yaml", &sop("Prosedur C")),
            ("sops/y.yml", &sop("Prosedur D")),
            ("sops/Z.yaml", &sop("Prosedur E")),
            ("sops/z.yaml", &sop("Prosedur F")),
            ("content/pengetahuan/p.md", ARTICLE),
            ("content/pengetahuan/q/P.md", ARTICLE),
        ]);
        assert_eq!(
            found(&c, "FILE008"),
            pairs(&[
                (
                    "content/pengetahuan/q/P.md:1:1",
                    "content/pengetahuan/p.md:1:1"
                ),
                ("sops/b/x.yaml:1:1", "sops/a/x.yaml:1:1"),
                ("sops/y.yml:1:1", "sops/y.yaml:1:1"),
                ("sops/z.yaml:1:1", "sops/Z.yaml:1:1"),
            ])
        );
        // One page per id: the first file by path is the one kept.
        let x: Vec<&str> = c.site.sops.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(x, ["Z", "x", "y", "z"]);
        assert_eq!(c.site.sop("x").unwrap().nama, "Prosedur A");
        assert_eq!(c.site.sop("y").unwrap().nama, "Prosedur C");
    }

    #[test]
    fn the_first_file_is_first_by_path_folder_by_folder() {
        // As a string `a-b/x` sorts before `a/x`; as a walk `a/` comes first.
        let c = checked(&[
            ("sops/a-b/x.yaml", &sop("Prosedur B")),
            ("sops/a/x.yaml", &sop("Prosedur A")),
        ]);
        assert_eq!(
            found(&c, "FILE008"),
            pairs(&[("sops/a-b/x.yaml:1:1", "sops/a/x.yaml:1:1")])
        );
        assert_eq!(c.site.sop("x").unwrap().nama, "Prosedur A");
    }

    #[test]
    fn a_file_that_does_not_parse_still_claims_its_id() {
        let c = checked(&[
            ("sops/a/x.yaml", "nama: [\n"),
            ("sops/b/x.yaml", &sop("Prosedur B")),
            ("content/templat/t.md", ""),
            ("content/templat/arsip/t.md", "---\njudul: T\n---\n"),
        ]);
        assert_eq!(
            found(&c, "FILE008"),
            pairs(&[
                ("content/templat/t.md:1:1", "content/templat/arsip/t.md:1:1"),
                ("sops/b/x.yaml:1:1", "sops/a/x.yaml:1:1"),
            ])
        );
    }

    #[test]
    fn a_copied_sop_is_reported_at_its_nama_with_the_first_nama_noted() {
        let c = checked(&[
            ("sops/asli.yaml", &sop("Prosedur Penawaran")),
            (
                "sops/salinan.yaml",
                &sop("\"  prosedur\u{a0}  PENAWARAN \""),
            ),
            ("sops/lain.yaml", &sop("Prosedur Lain")),
        ]);
        assert_eq!(
            found(&c, "SOP023"),
            pairs(&[("sops/salinan.yaml:1:7", "sops/asli.yaml:1:7")])
        );
        // Files of one id are FILE008 only, not SOP023 as well.
        let c = checked(&[
            ("sops/a/x.yaml", &sop("Prosedur A")),
            ("sops/b/x.yaml", &sop("Prosedur A")),
        ]);
        assert_eq!(found(&c, "SOP023"), []);
        assert_eq!(found(&c, "FILE008").len(), 1);
    }

    #[test]
    fn ids_of_sopkb_pages_are_reserved_in_any_case() {
        let c = checked(&[
            ("sops/Banding.yaml", &sop("Prosedur Banding")),
            ("content/kerja-sama/mitra.md", "---\n---\n"),
        ]);
        assert_eq!(
            found(&c, "FILE009"),
            pairs(&[
                ("content/kerja-sama/mitra.md:1:1", ""),
                ("sops/Banding.yaml:1:1", ""),
            ])
        );
    }

    #[test]
    fn static_files_clash_with_generated_files_and_each_other_in_any_case() {
        let generated: Vec<String> = ["index.html", "sop/x/index.html", "assets/style.css"]
            .map(String::from)
            .to_vec();
        let statics: Vec<PathBuf> = [
            "sop/x/index.html",
            "Assets/Style.css",
            "index.html/a.txt",
            "sop",
            "img/Logo.png",
            "img/logo.png",
            "img/ok.png",
            "sop/y/berkas.pdf",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut sources = SourceMap::default();
        let diags = static_clashes(&statics, &generated, &mut sources);
        let got: Vec<(String, String, usize)> = diags
            .iter()
            .map(|d| {
                let path = sources.file(d.span.unwrap().file).path.clone();
                let noted = d
                    .notes
                    .iter()
                    .filter_map(|n| n.span)
                    .map(|s| sources.file(s.file).path.clone())
                    .collect::<Vec<_>>()
                    .join(",");
                (path, noted, d.notes.len())
            })
            .collect();
        let want = [
            ("static/Assets/Style.css", "", 1),
            ("static/img/logo.png", "static/img/Logo.png", 2),
            ("static/index.html/a.txt", "", 1),
            ("static/sop", "", 1),
            ("static/sop/x/index.html", "", 0),
        ];
        let want: Vec<(String, String, usize)> = want
            .iter()
            .map(|(a, b, n)| (a.to_string(), b.to_string(), *n))
            .collect();
        assert_eq!(got, want);
        assert!(diags.iter().all(|d| d.code == "FILE010" && d.is_error()));
    }

    /// Every folder sopkb writes under a kind's pages that is not an item's
    /// page is in `RESERVED`: rendering the shipped site finds them all.
    #[test]
    fn reserved_ids_cover_every_page_sopkb_makes_among_item_pages() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = pipeline::check(root).unwrap();
        assert!(!checked.has_errors());
        let theme = pipeline::load_theme(&mut checked).unwrap();
        let files = pipeline::render_files(&checked, &theme, None).ok().unwrap();
        let site = &checked.site;
        for kind in Kind::ALL {
            let ids: HashSet<&str> = match kind {
                Kind::Sop => site.sops.iter().map(|s| s.id.as_str()).collect(),
                Kind::Legal => site.legal.iter().map(|l| l.id.as_str()).collect(),
                Kind::Template => site.templat.iter().map(|t| t.id.as_str()).collect(),
                Kind::Article => site.pengetahuan.iter().map(|a| a.id.as_str()).collect(),
                Kind::Agreement => site
                    .kerja_sama
                    .entries
                    .iter()
                    .map(|a| a.id.as_str())
                    .collect(),
            };
            assert!(!ids.is_empty(), "{kind:?}");
            let prefix = format!("{}/", kind.url());
            for path in files.keys() {
                let Some((seg, _)) = path.strip_prefix(&prefix).and_then(|r| r.split_once('/'))
                else {
                    continue;
                };
                assert!(
                    ids.contains(seg)
                        || RESERVED.iter().any(|(k, id, ..)| *k == kind && *id == seg),
                    "{path}: `{seg}` is neither an id nor reserved"
                );
            }
        }
    }
}
