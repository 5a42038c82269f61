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
