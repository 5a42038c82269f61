//! What sopkb wrote in an output folder: `.sopkb-manifest`, one path per
//! line (relative, `/`-separated, sorted; a folder sopkb created ends with
//! `/`). A build deletes or overwrites only what the previous manifest
//! lists, so files others put in the folder are never touched. Lines are
//! text: `%`, CR and LF in a name are written `%25`, `%0D`, `%0A`.

use super::error::{ManifestProblem, OutputError};
use std::collections::BTreeSet;
use std::path::{Component, Path};

/// The manifest's file name, at the top of the output folder.
pub(crate) const MANIFEST: &str = ".sopkb-manifest";

/// In a staging folder: proves the folder is sopkb's (deletable leftover).
pub(crate) const MARKER: &str = ".sopkb-staging";
pub(crate) const MARKER_TEXT: &str =
    "sopkb: folder sementara, boleh dihapus / temporary folder, safe to delete\n";

/// Top-level names starting so are sopkb's own (manifest, staging).
pub(crate) const RESERVED_PREFIX: &str = ".sopkb-";

const HEADER: &str = "# sopkb manifest v1: berkas yang ditulis sopkb di folder ini / files sopkb wrote in this folder";
const HEADER_START: &str = "# sopkb manifest v1";

/// A manifest larger than this is not one sopkb wrote (a 10,000-page site
/// lists about 1 MB).
const MAX_BYTES: u64 = 256 << 20;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Manifest {
    /// Files sopkb wrote.
    pub files: BTreeSet<String>,
    /// Folders sopkb created (removed once empty and no longer used).
    pub dirs: BTreeSet<String>,
}

impl Manifest {
    /// The text written: deterministic for the same paths.
    pub(super) fn render(&self) -> String {
        let mut lines: Vec<String> = self.files.iter().map(|f| escape(f)).collect();
        lines.extend(self.dirs.iter().map(|d| format!("{}/", escape(d))));
        lines.sort();
        let mut text = String::with_capacity(64 + lines.iter().map(|l| l.len() + 1).sum::<usize>());
        text.push_str(HEADER);
        text.push('\n');
        for l in lines {
            text.push_str(&l);
            text.push('\n');
        }
        text
    }

    /// Parses a manifest; `Err((line, why))` for anything sopkb never writes.
    pub(super) fn parse(text: &str) -> Result<Manifest, (usize, ManifestProblem)> {
        let mut lines = text.lines();
        if !lines.next().is_some_and(|h| h.starts_with(HEADER_START)) {
            return Err((1, ManifestProblem::Header));
        }
        let mut m = Manifest::default();
        for (i, line) in lines.enumerate() {
            let bad = || (i + 2, ManifestProblem::Path);
            let (path, is_dir) = match line.strip_suffix('/') {
                Some(d) => (d, true),
                None => (line, false),
            };
            let path = unescape(path).ok_or_else(bad)?;
            if !valid_rel(&path) || is_reserved(&path) {
                return Err(bad());
            }
            if is_dir {
                m.dirs.insert(path);
            } else {
                m.files.insert(path);
            }
        }
        Ok(m)
    }

    /// The manifest in `dir`, `None` when there is none.
    pub(super) fn read(dir: &Path) -> Result<Option<Manifest>, OutputError> {
        let path = dir.join(MANIFEST);
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(OutputError::io(&path, e)),
        };
        let bad = |line, why| OutputError::BadManifest {
            path: path.clone(),
            line,
            why,
        };
        if !meta.is_file() || meta.len() > MAX_BYTES {
            return Err(bad(1, ManifestProblem::NotAFile));
        }
        let bytes = std::fs::read(&path).map_err(|e| OutputError::io(&path, e))?;
        let text = String::from_utf8(bytes).map_err(|_| bad(1, ManifestProblem::NotUtf8))?;
        Manifest::parse(&text).map(Some).map_err(|(l, w)| bad(l, w))
    }

    /// Folders holding `files`: `a/b/c.html` gives `a` and `a/b`.
    pub(super) fn parents<S: AsRef<str>>(files: impl IntoIterator<Item = S>) -> BTreeSet<String> {
        let mut dirs = BTreeSet::new();
        for f in files {
            let mut d = f.as_ref();
            while let Some((parent, _)) = d.rsplit_once('/') {
                if !dirs.insert(parent.to_owned()) {
                    break;
                }
                d = parent;
            }
        }
        dirs
    }
}

/// A relative `/`-separated path of plain names, staying inside its folder.
pub(crate) fn valid_rel(rel: &str) -> bool {
    !rel.is_empty()
        && rel.split('/').all(|part| {
            !part.is_empty()
                && !part.contains(['\\', '\0'])
                && matches!(
                    Path::new(part).components().collect::<Vec<_>>()[..],
                    [Component::Normal(n)] if n == part
                )
        })
}

/// A path at a top-level name kept for sopkb (`.sopkb-*`).
pub(crate) fn is_reserved(rel: &str) -> bool {
    rel.split('/')
        .next()
        .is_some_and(|top| top.starts_with(RESERVED_PREFIX))
}

fn escape(p: &str) -> String {
    if !p.contains(['%', '\n', '\r']) {
        return p.to_owned();
    }
    p.replace('%', "%25")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

fn unescape(p: &str) -> Option<String> {
    if p.contains('\r') {
        return None;
    }
    let mut out = String::with_capacity(p.len());
    let mut rest = p;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 3)?;
        out.push(match code {
            "25" => '%',
            "0A" => '\n',
            "0D" => '\r',
            _ => return None,
        });
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    Some(out)
}

/// What is at `dir/rel`, reached without following a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    Missing,
    File,
    Dir,
    /// A symbolic link or anything else that is not a plain file or folder.
    Other,
    /// Something on the way (`a` of `a/b`) is a link or not a folder.
    Blocked,
}

pub(crate) fn entry(dir: &Path, rel: &str) -> Entry {
    let mut at = dir.to_path_buf();
    let mut parts = rel.split('/').peekable();
    while let Some(part) = parts.next() {
        at.push(part);
        let last = parts.peek().is_none();
        match std::fs::symlink_metadata(&at) {
            Ok(m) if last && m.is_file() => return Entry::File,
            Ok(m) if m.is_dir() => {
                if last {
                    return Entry::Dir;
                }
            }
            Ok(_) if last => return Entry::Other,
            Ok(_) => return Entry::Blocked,
            Err(_) => return Entry::Missing,
        }
    }
    Entry::Missing
}

/// Whether `dir` holds nothing but the manifest and what `m` lists (no
/// link, nothing unlisted): then sopkb may replace it whole.
pub(crate) fn only_listed(dir: &Path, m: &Manifest) -> bool {
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let Ok(entry) = entry else { return false };
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            return false;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let t = entry.file_type();
        let listed = if t.is_file() {
            m.files.contains(&rel) || rel == MANIFEST
        } else if t.is_dir() {
            m.dirs.contains(&rel)
        } else {
            false
        };
        if !listed {
            return false;
        }
    }
    true
}

/// Deletes the listed `files` in `dir` (in parallel) and then the listed
/// folders `dirs` that are empty, deepest first; nothing
/// else, and never through a link: a listed path that is no longer a plain
/// file reached through real folders is left alone.
pub(crate) fn remove_listed<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = &'a String>,
    dirs: impl IntoIterator<Item = &'a String>,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let files: Vec<&String> = files.into_iter().collect();
    // Folders a level at a time, deepest first; each level in parallel
    // (removing a folder waits on the disk as removing a file does).
    let mut levels: Vec<Vec<&String>> = Vec::new();
    for d in dirs {
        let depth = d.matches('/').count();
        if levels.len() <= depth {
            levels.resize_with(depth + 1, Vec::new);
        }
        levels[depth].push(d);
    }
    super::on_io_pool(|| {
        files.par_iter().try_for_each(|rel| {
            if entry(dir, rel) != Entry::File {
                return Ok(());
            }
            match std::fs::remove_file(dir.join(rel)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        })?;
        for level in levels.iter().rev() {
            level.par_iter().for_each(|rel| {
                if entry(dir, rel) == Entry::Dir {
                    let _ = std::fs::remove_dir(dir.join(rel)); // fails when not empty: kept
                }
            });
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(files: &[&str], dirs: &[&str]) -> Manifest {
        Manifest {
            files: files.iter().map(|s| s.to_string()).collect(),
            dirs: dirs.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn renders_sorted_and_parses_back() {
        let m = manifest(
            &["b.html", "a/index.html", "odd%name\nx", "a/z"],
            &["a", "a/deep"],
        );
        let text = m.render();
        let lines: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(
            lines,
            [
                "a/",
                "a/deep/",
                "a/index.html",
                "a/z",
                "b.html",
                "odd%25name%0Ax"
            ]
        );
        assert_eq!(Manifest::parse(&text).unwrap(), m);
        // The same paths in another order: the same bytes.
        let again = manifest(
            &["a/z", "odd%name\nx", "a/index.html", "b.html"],
            &["a/deep", "a"],
        );
        assert_eq!(again.render(), text);
    }

    #[test]
    fn paths_leaving_the_folder_or_naming_sopkb_files_are_refused() {
        let head = format!("{HEADER}\n");
        for bad in [
            "../etc/passwd",
            "/etc/passwd",
            "a/../../x",
            "a//b",
            "./a",
            "a\\..\\b",
            ".sopkb-manifest",
            ".sopkb-tmp-1/x",
            "%2e%2e/x",
            "",
        ] {
            let text = format!("{head}ok.html\n{bad}\n");
            assert_eq!(
                Manifest::parse(&text).map_err(|e| e.0),
                Err(3),
                "{bad:?} accepted"
            );
        }
        assert!(Manifest::parse("index.html\n").is_err(), "no header");
        assert_eq!(
            Manifest::parse(&head).unwrap(),
            Manifest::default(),
            "an empty site"
        );
    }

    #[test]
    fn parents_lists_every_enclosing_folder_once() {
        let files: Vec<String> = ["a/b/c.html", "a/d.html", "e.html"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let dirs: Vec<String> = Manifest::parents(&files).into_iter().collect();
        assert_eq!(dirs, ["a", "a/b"]);
    }

    #[test]
    fn only_listed_files_and_created_folders_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("a/b")).unwrap();
        std::fs::create_dir_all(d.join("mine")).unwrap();
        std::fs::write(d.join("a/b/ours.html"), "x").unwrap();
        std::fs::write(d.join("a/theirs.pdf"), "y").unwrap();
        std::fs::write(d.join("mine/ours.html"), "x").unwrap();
        let m = manifest(
            &["a/b/ours.html", "mine/ours.html", "gone.html"],
            &["a", "a/b", "mine"],
        );
        assert!(!only_listed(d, &m), "a/theirs.pdf is not listed");
        remove_listed(d, &m.files, m.dirs.iter()).unwrap();
        assert!(d.join("a/theirs.pdf").is_file(), "a foreign file is kept");
        assert!(d.join("a").is_dir(), "a folder still holding it too");
        assert!(!d.join("a/b").exists() && !d.join("mine").exists());
    }

    #[cfg(unix)]
    #[test]
    fn removal_never_goes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let away = tempfile::tempdir().unwrap();
        std::fs::write(away.path().join("precious"), "p").unwrap();
        std::os::unix::fs::symlink(away.path(), dir.path().join("a")).unwrap();
        std::os::unix::fs::symlink(away.path().join("precious"), dir.path().join("b")).unwrap();
        assert_eq!(entry(dir.path(), "a/precious"), Entry::Blocked);
        assert_eq!(entry(dir.path(), "b"), Entry::Other);
        let m = manifest(&["a/precious", "b"], &["a"]);
        assert!(!only_listed(dir.path(), &m));
        remove_listed(dir.path(), &m.files, m.dirs.iter()).unwrap();
        assert!(away.path().join("precious").is_file());
        assert!(dir.path().join("b").symlink_metadata().is_ok());
    }
}
