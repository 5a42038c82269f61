//! Where the output folder may be. A build replaces what it wrote in its
//! output folder, so that folder must never be (or hold, or lie inside) the
//! project or anything sopkb reads, and must be a folder. Paths are compared
//! after resolving symbolic links and `..` (for a folder that does not exist
//! yet, those of its nearest existing ancestor), and also by file identity
//! (device and inode on Unix), which catches bind mounts and existing
//! folders on case-insensitive file systems. Names are compared ignoring
//! case on every system: on a case-insensitive one (macOS, Windows, a
//! mounted FAT or SMB share) `Content/site` is `content/site` even before
//! it exists; on a case-sensitive one refusing it costs nothing real.

use super::error::OutputError;
use std::io;
use std::path::{Component, Path, PathBuf};

/// What sopkb reads in a project, plus `schema/`, which SOP files name as
/// their schema: the output folder is none of these, holds none of them
/// and lies in none of them.
fn inputs() -> impl Iterator<Item = &'static str> {
    crate::load::guard::READ.iter().copied().chain(["schema"])
}

/// An output path, resolved.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    /// Absolute, with symbolic links and `..` resolved; may not exist yet.
    pub dir: PathBuf,
    /// The path's last step names a real folder entry (not a symbolic link,
    /// not `..`): replacing the entry replaces exactly the folder the user
    /// named. Otherwise the folder is only ever updated in place.
    pub direct: bool,
}

/// Checks that `out` may be the output folder of the project in `root`.
pub(crate) fn check(root: &Path, out: &Path) -> Result<Resolved, OutputError> {
    let resolved = resolve(out)?;
    let root = canonical(root).map_err(|e| OutputError::io(root, e))?;
    let o = resolved.dir.as_path();
    let shown = || out.to_path_buf();
    if same(o, &root) {
        return Err(OutputError::IsRoot { out: shown() });
    }
    if is_under(&root, o) {
        return Err(OutputError::AboveRoot {
            out: shown(),
            root: root.clone(),
        });
    }
    for name in inputs() {
        // Missing inputs count too: an output folder in `static/` would be
        // read by the next build once it exists. A dangling link reads
        // nothing; its own path is compared then.
        let lexical = root.join(name);
        let input = canonical(&lexical).unwrap_or(lexical);
        let shown_input = if name == "sopkb.toml" {
            name.to_owned()
        } else {
            format!("{name}/")
        };
        if same(o, &input) {
            return Err(OutputError::IsInput {
                out: shown(),
                input: shown_input,
            });
        }
        if is_under(&input, o) {
            return Err(OutputError::ContainsInput {
                out: shown(),
                input: shown_input,
            });
        }
        if is_under(o, &input) {
            return Err(OutputError::InsideInput {
                out: shown(),
                input: shown_input,
            });
        }
    }
    if std::fs::symlink_metadata(o.join("sopkb.toml")).is_ok() {
        return Err(OutputError::OtherProject { out: shown() });
    }
    match std::fs::metadata(o) {
        Ok(m) if !m.is_dir() => Err(OutputError::NotAFolder {
            out: shown(),
            path: shown(),
        }),
        Ok(_) => Ok(resolved),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(resolved),
        Err(source) => Err(OutputError::Unresolvable {
            out: shown(),
            source,
        }),
    }
}

/// Resolves `out` step by step: an existing step is canonicalised (links
/// followed), a missing one is kept as named (it will be created as a real
/// folder, so a later `..` simply goes back up). A `realpath` that accepts
/// a missing tail.
pub(crate) fn resolve(out: &Path) -> Result<Resolved, OutputError> {
    let unresolvable = |source: io::Error| OutputError::Unresolvable {
        out: out.to_path_buf(),
        source,
    };
    let abs = std::path::absolute(out).map_err(unresolvable)?;
    let mut cur = PathBuf::new();
    let mut exists = true;
    let mut direct = false;
    for part in abs.components() {
        match part {
            // `absolute` gives a root after any prefix (`C:` then `\`).
            Component::Prefix(_) => cur.push(part),
            Component::RootDir => {
                cur.push(part);
                cur = canonical(&cur).map_err(unresolvable)?;
            }
            Component::CurDir => {}
            Component::ParentDir => {
                cur.pop();
                exists = std::fs::symlink_metadata(&cur).is_ok();
                direct = false;
            }
            Component::Normal(name) => {
                if exists && !cur.is_dir() {
                    return Err(OutputError::NotAFolder {
                        out: out.to_path_buf(),
                        path: cur,
                    });
                }
                let next = cur.join(name);
                match std::fs::symlink_metadata(&next) {
                    Ok(m) => {
                        direct = !m.file_type().is_symlink();
                        cur = match canonical(&next) {
                            Ok(c) => c,
                            Err(_) if !direct && !next.exists() => {
                                return Err(OutputError::DanglingLink {
                                    out: out.to_path_buf(),
                                    target: std::fs::read_link(&next).unwrap_or_default(),
                                    link: next,
                                })
                            }
                            Err(e) => return Err(unresolvable(e)),
                        };
                        exists = true;
                    }
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        cur = next;
                        exists = false;
                        direct = true;
                    }
                    Err(e) => return Err(unresolvable(e)),
                }
            }
        }
    }
    Ok(Resolved { dir: cur, direct })
}

fn canonical(p: &Path) -> io::Result<PathBuf> {
    std::fs::canonicalize(p)
}

/// A path's components, case folded (see the module doc).
fn key(p: &Path) -> Vec<String> {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().to_lowercase())
        .collect()
}

/// The same folder: by name, or by identity when both exist.
fn same(a: &Path, b: &Path) -> bool {
    key(a) == key(b) || matches!((identity(a), identity(b)), (Some(x), Some(y)) if x == y)
}

/// `child` lies strictly below `parent`.
fn is_under(child: &Path, parent: &Path) -> bool {
    child.ancestors().skip(1).any(|a| same(a, parent))
}

#[cfg(unix)]
fn identity(p: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
}

/// Without a stable file identity in `std`, names only (folded above).
#[cfg(not(unix))]
fn identity(_: &Path) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for d in ["sops", "content/x", "static"] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        std::fs::write(dir.path().join("sopkb.toml"), "").unwrap();
        dir
    }

    fn refusal(root: &Path, out: &Path) -> String {
        match check(root, out) {
            Err(e) => format!("{e:?}"),
            Ok(r) => panic!("{} accepted as {r:?}", out.display()),
        }
    }

    #[test]
    fn the_project_its_ancestors_and_its_inputs_are_refused() {
        let p = project();
        let root = p.path();
        assert!(refusal(root, root).starts_with("IsRoot"));
        assert!(refusal(root, &root.join("sops/..")).starts_with("IsRoot"));
        assert!(refusal(root, &root.join("x/../..")).starts_with("AboveRoot"));
        assert!(refusal(root, Path::new("/")).starts_with("AboveRoot"));
        assert!(refusal(root, &root.join("content")).starts_with("IsInput"));
        assert!(refusal(root, &root.join("content/x/y")).starts_with("InsideInput"));
        assert!(refusal(root, &root.join("Content/new")).starts_with("InsideInput"));
        assert!(refusal(root, &root.join("SOPS")).starts_with("IsInput"));
        assert!(refusal(root, &root.join("schema/new")).starts_with("InsideInput"));
        assert!(refusal(root, &root.join("sopkb.toml")).starts_with("IsInput"));
        assert!(refusal(root, &root.join("sopkb.toml/x")).starts_with("NotAFolder"));
        let other = tempfile::tempdir().unwrap();
        std::fs::write(other.path().join("sopkb.toml"), "").unwrap();
        assert!(refusal(root, other.path()).starts_with("OtherProject"));
        let ok = check(root, &root.join("public")).unwrap();
        assert!(ok.direct);
        assert_eq!(ok.dir, std::fs::canonicalize(root).unwrap().join("public"));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_before_comparing() {
        let p = project();
        let root = p.path();
        let away = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(root, away.path().join("to-root")).unwrap();
        std::os::unix::fs::symlink(root.join("content"), away.path().join("to-content")).unwrap();
        std::os::unix::fs::symlink(away.path().join("gone"), away.path().join("dangling")).unwrap();
        assert!(refusal(root, &away.path().join("to-root")).starts_with("IsRoot"));
        assert!(refusal(root, &away.path().join("to-content/new")).starts_with("InsideInput"));
        assert!(refusal(root, &away.path().join("dangling")).starts_with("DanglingLink"));
        // A project whose `static` links elsewhere: that folder is an input too.
        std::fs::remove_dir(root.join("static")).unwrap();
        std::fs::create_dir(away.path().join("assets")).unwrap();
        std::os::unix::fs::symlink(away.path().join("assets"), root.join("static")).unwrap();
        assert!(refusal(root, away.path()).starts_with("ContainsInput"));
        let site = away.path().join("site");
        std::fs::create_dir(&site).unwrap();
        std::os::unix::fs::symlink(&site, root.join("public")).unwrap();
        let linked = check(root, &root.join("public")).unwrap();
        assert!(!linked.direct, "a link is written through, never replaced");
        assert_eq!(linked.dir, std::fs::canonicalize(&site).unwrap());
    }
}
