//! The writer of `sopkb import`: all new registry entries or none (each
//! goes to a temporary file first, then is put in place; never through a
//! symbolic link, never over a file not replaced).

use std::io;
use std::path::{Path, PathBuf};

/// Writes `files` (name -> text) into `dir`, all or none. Each file is
/// first written in full to a new temporary file beside it; then the new
/// entries are put in place without ever replacing a file (a hard link,
/// which fails when the name exists: a file that appeared since the plan
/// stays), and the entries of `replaced` (ids, `--force`) replace theirs,
/// the old file kept aside until the end. On any failure everything done
/// is undone: the new names removed, the old files put back.
pub(crate) fn write_all(
    dir: &Path,
    files: &[(String, String)],
    replaced: &[String],
) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut tx = Transaction::default();
    let result = tx.run(dir, files, replaced);
    tx.finish(result.is_ok());
    result
}

/// What `write_all` has done so far, to undo or clean up.
#[derive(Default)]
struct Transaction {
    temps: Vec<PathBuf>,
    /// New entries put in place.
    placed: Vec<PathBuf>,
    /// Replaced entries: (old file moved aside, its name).
    aside: Vec<(PathBuf, PathBuf)>,
}

impl Transaction {
    fn run(
        &mut self,
        dir: &Path,
        files: &[(String, String)],
        replaced: &[String],
    ) -> io::Result<Vec<PathBuf>> {
        for (name, text) in files {
            self.temps.push(write_temp(dir, name, text.as_bytes())?);
        }
        let replaces = |name: &str| {
            name.strip_suffix(".md")
                .is_some_and(|id| replaced.iter().any(|r| r == id))
        };
        let mut done = Vec::with_capacity(files.len());
        // New names first: the step that fails when someone was quicker.
        for ((name, _), tmp) in files.iter().zip(&self.temps) {
            if !replaces(name) {
                let dest = dir.join(name);
                place_new(tmp, &dest)?;
                self.placed.push(dest.clone());
                done.push(dest);
            }
        }
        for ((name, _), tmp) in files.iter().zip(&self.temps) {
            if replaces(name) {
                let dest = dir.join(name);
                match std::fs::symlink_metadata(&dest) {
                    Ok(m) if m.is_file() || m.file_type().is_symlink() => {
                        let old = fresh_name(dir, name, "old")?;
                        std::fs::rename(&dest, &old)?;
                        self.aside.push((old, dest.clone()));
                    }
                    Ok(_) => {
                        return Err(io::Error::new(
                            io::ErrorKind::AlreadyExists,
                            format!("{name}: not a file, not replaced"),
                        ))
                    }
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
                std::fs::rename(tmp, &dest)?;
                done.push(dest);
            }
        }
        Ok(done)
    }

    /// Removes the temporary files; on failure (`ok` false) also undoes
    /// every new name and puts the replaced files back.
    fn finish(self, ok: bool) {
        if !ok {
            for p in &self.placed {
                let _ = std::fs::remove_file(p);
            }
            for (old, dest) in self.aside.iter().rev() {
                let _ = std::fs::rename(old, dest);
            }
        } else {
            for (old, _) in &self.aside {
                let _ = std::fs::remove_file(old);
            }
        }
        for t in &self.temps {
            let _ = std::fs::remove_file(t);
        }
    }
}

/// An unused hidden name beside `name` (the loader skips dot files).
fn fresh_name(dir: &Path, name: &str, what: &str) -> io::Result<PathBuf> {
    let pid = std::process::id();
    (0..1000)
        .map(|n| dir.join(format!(".{name}.{what}-{pid}-{n}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .ok_or_else(|| io::Error::new(io::ErrorKind::AlreadyExists, "no free temporary name"))
}

/// Writes `bytes` to a new temporary file beside `name` (never an existing
/// one) and flushes it to disk.
fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    use std::io::Write;
    for _ in 0..10 {
        let path = fresh_name(dir, name, "tmp")?;
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(bytes)?;
                f.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary name",
    ))
}

/// Gives `tmp` the name `dest` unless `dest` exists (file, folder or link,
/// even a dangling one): a hard link is refused by the system when the name
/// is taken. Where hard links are not supported, the check and the rename
/// are two steps.
fn place_new(tmp: &Path, dest: &Path) -> io::Result<()> {
    match std::fs::hard_link(tmp, dest) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(io::Error::new(
            e.kind(),
            format!("{}: exists already, not replaced", dest.display()),
        )),
        Err(_) if std::fs::symlink_metadata(dest).is_ok() => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{}: exists already, not replaced", dest.display()),
        )),
        Err(_) => std::fs::rename(tmp, dest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Vec<(String, String)> {
        names
            .iter()
            .map(|n| (format!("{n}.md"), format!("isi {n}\n")))
            .collect()
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn writes_every_file_and_leaves_no_temporary_one() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("b.md"), "lama").unwrap();
        let done = write_all(d.path(), &files(&["a", "b"]), &["b".into()]).unwrap();
        assert_eq!(done.len(), 2);
        assert_eq!(listing(d.path()), ["a.md", "b.md"]);
        assert_eq!(
            std::fs::read_to_string(d.path().join("b.md")).unwrap(),
            "isi b\n"
        );
    }

    #[test]
    fn never_replaces_a_file_it_was_not_told_to_and_then_writes_nothing() {
        let d = tempfile::tempdir().unwrap();
        // `c.md` appeared after the plan was made.
        std::fs::write(d.path().join("c.md"), "milik orang lain").unwrap();
        let err = write_all(d.path(), &files(&["a", "b", "c"]), &[]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(listing(d.path()), ["c.md"]);
        assert_eq!(
            std::fs::read_to_string(d.path().join("c.md")).unwrap(),
            "milik orang lain"
        );
    }

    #[test]
    fn a_failure_midway_puts_replaced_files_back() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.md"), "lama a").unwrap();
        // `b.md` is a folder: replacing it fails after `a.md` was replaced.
        std::fs::create_dir(d.path().join("b.md")).unwrap();
        std::fs::write(d.path().join("b.md/x"), "").unwrap();
        let err = write_all(
            d.path(),
            &files(&["n", "a", "b"]),
            &["a".into(), "b".into()],
        );
        assert!(err.is_err());
        assert_eq!(listing(d.path()), ["a.md", "b.md"]);
        assert_eq!(
            std::fs::read_to_string(d.path().join("a.md")).unwrap(),
            "lama a"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_is_an_existing_name() {
        let d = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/nonexistent/x", d.path().join("a.md")).unwrap();
        assert!(write_all(d.path(), &files(&["a"]), &[]).is_err());
        assert!(std::fs::symlink_metadata(d.path().join("a.md"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(listing(d.path()), ["a.md"]);
    }
}
