//! What `load` may read: regular files inside the project only (symbolic
//! links are never followed), each at most `MAX_FILE_BYTES`; every link
//! found where content is read is reported with its location.

use crate::diag::{Diagnostic, SourceMap, Span};
use crate::tr;
use std::io::{self, Read};
use std::path::{Component, Path};

/// Largest content file read (SOP, Markdown, glossary, config, template,
/// CSV). Real files are a few KB; a 10,000-step SOP is about 600 KB.
pub(crate) const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The files and folders of a project that sopkb reads.
pub(crate) const READ: &[&str] = &[
    "sopkb.toml",
    "sops",
    "content",
    "static",
    "templates",
    "theme-overrides",
    "themes",
];

/// True when `path` (below `root`) exists and neither it nor any folder
/// between `root` and it is a symbolic link.
fn no_link(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut at = root.to_path_buf();
    for part in rel.components() {
        let Component::Normal(part) = part else {
            return false;
        };
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if !m.file_type().is_symlink() => {}
            _ => return false,
        }
    }
    true
}

/// `path` is a regular file reached without following a symbolic link.
pub(crate) fn real_file(root: &Path, path: &Path) -> bool {
    no_link(root, path) && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// `path` is a folder reached without following a symbolic link.
pub(crate) fn real_dir(root: &Path, path: &Path) -> bool {
    no_link(root, path) && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// A file's bytes, or its size when it is over the limit.
pub(crate) enum Limited {
    Bytes(Vec<u8>),
    TooLarge(u64),
}

/// Reads at most `MAX_FILE_BYTES` (a file that grows while read, or a
/// device, is cut off and reported as too large, never read to the end).
pub(crate) fn read_limited(path: &Path) -> io::Result<Limited> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > MAX_FILE_BYTES {
        return Ok(Limited::TooLarge(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Limited::TooLarge(bytes.len() as u64));
    }
    Ok(Limited::Bytes(bytes))
}

/// The located diagnostic for a file over the limit (`FILE005`).
pub(crate) fn too_large(sources: &mut SourceMap, rel: &str, len: u64) -> Diagnostic {
    let file = sources.add(rel.to_owned(), String::new());
    Diagnostic::error(
        "FILE005",
        tr!(
            "berkas terlalu besar ({} byte; batas {} MB)",
            "file too large ({} bytes; the limit is {} MB)",
            len,
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
    .at(Span::new(file, 0, 0))
    .help(tr!(
        "pecah isinya menjadi beberapa berkas; berkas besar (PDF, gambar) masuk ke `static/`",
        "split the content into several files; large files (PDF, images) go in `static/`"
    ))
}

/// Reports every symbolic link where sopkb reads content: a link to a
/// place inside the project is skipped with a warning (`FILE006`); one
/// that leaves the project, dangles or loops is an error (`FILE007`).
pub(crate) fn report_links(root: &Path, sources: &mut SourceMap, diags: &mut Vec<Diagnostic>) {
    let canon_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for name in READ {
        let top = root.join(name);
        let Ok(meta) = std::fs::symlink_metadata(&top) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            diags.push(link_diag(root, &canon_root, &top, sources));
            continue;
        }
        if !meta.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&top)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if entry.path_is_symlink() {
                diags.push(link_diag(root, &canon_root, entry.path(), sources));
            }
        }
    }
}

/// A symbolic link as messages show it: its path relative to `root`
/// (`/`-separated) and what it points at (empty when unreadable).
pub(crate) fn shown_link(root: &Path, link: &Path) -> (String, String) {
    let rel = link
        .strip_prefix(root)
        .unwrap_or(link)
        .to_string_lossy()
        .replace('\\', "/");
    let target = std::fs::read_link(link)
        .map(|t| t.to_string_lossy().into_owned())
        .unwrap_or_default();
    (rel, target)
}

fn link_diag(root: &Path, canon_root: &Path, link: &Path, sources: &mut SourceMap) -> Diagnostic {
    let (rel, target) = shown_link(root, link);
    let file = sources.add(rel, String::new());
    let at = Span::new(file, 0, 0);
    match std::fs::canonicalize(link) {
        Ok(real) if real.starts_with(canon_root) => Diagnostic::warning(
            "FILE006",
            tr!(
                "tautan simbolik ke `{}` tidak diikuti; isinya dilewati",
                "symbolic link to `{}` is not followed; it is skipped",
                target
            ),
        )
        .at(at)
        .help(tr!(
            "sopkb tidak pernah mengikuti tautan simbolik: ganti tautan dengan berkasnya",
            "sopkb never follows symbolic links: replace the link with the file itself"
        )),
        Ok(_) => Diagnostic::error(
            "FILE007",
            tr!(
                "tautan simbolik menunjuk ke luar proyek (`{}`): ditolak",
                "symbolic link points outside the project (`{}`): refused",
                target
            ),
        )
        .at(at)
        .help(tr!(
            "hapus tautan ini; salin berkas yang dibutuhkan ke dalam proyek",
            "remove this link; copy the files you need into the project"
        )),
        Err(e) => Diagnostic::error(
            "FILE007",
            tr!(
                "tautan simbolik rusak (`{}`): {}",
                "broken symbolic link (`{}`): {}",
                target,
                e
            ),
        )
        .at(at)
        .help(tr!(
            "hapus tautan ini atau ganti dengan berkasnya",
            "remove this link or replace it with the file itself"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_small_files_and_refuses_large_ones() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("a.yaml");
        std::fs::write(&small, "nama: x\n").unwrap();
        assert!(matches!(read_limited(&small).unwrap(), Limited::Bytes(b) if b == b"nama: x\n"));
        let big = dir.path().join("b.yaml");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        assert!(
            matches!(read_limited(&big).unwrap(), Limited::TooLarge(n) if n == MAX_FILE_BYTES + 1)
        );
    }

    #[cfg(unix)]
    #[test]
    fn never_treats_a_link_or_a_path_through_one_as_real() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/real")).unwrap();
        std::fs::write(root.join("content/real/a.md"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("content/real"), root.join("content/via")).unwrap();
        std::os::unix::fs::symlink(root.join("content/real/a.md"), root.join("content/b.md"))
            .unwrap();
        assert!(real_file(root, &root.join("content/real/a.md")));
        assert!(real_dir(root, &root.join("content/real")));
        assert!(!real_file(root, &root.join("content/via/a.md")));
        assert!(!real_dir(root, &root.join("content/via")));
        assert!(!real_file(root, &root.join("content/b.md")));
        assert!(!real_file(root, &root.join("content/../content/real/a.md")));
    }

    #[cfg(unix)]
    #[test]
    fn reports_inside_links_as_warnings_and_outside_or_broken_ones_as_errors() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sops")).unwrap();
        std::fs::write(root.join("sops/a.yaml"), "x").unwrap();
        let link = |target: &Path, at: &str| std::os::unix::fs::symlink(target, root.join(at));
        link(&root.join("sops/a.yaml"), "sops/b.yaml").unwrap();
        link(outside.path(), "static").unwrap();
        link(Path::new("loop-2"), "sops/loop-1").unwrap();
        link(Path::new("loop-1"), "sops/loop-2").unwrap();
        let mut sources = SourceMap::default();
        let mut diags = Vec::new();
        report_links(root, &mut sources, &mut diags);
        let got: Vec<(&str, &str)> = diags
            .iter()
            .map(|d| (d.code, sources.file(d.span.unwrap().file).path.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("FILE006", "sops/b.yaml"),
                ("FILE007", "sops/loop-1"),
                ("FILE007", "sops/loop-2"),
                ("FILE007", "static"),
            ]
        );
        assert!(!diags[0].is_error() && diags[1].is_error());
    }
}
