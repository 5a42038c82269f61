//! One new file in the project (`sopkb new`): created exclusively (an
//! existing file is never overwritten) and never through a symbolic link.

use super::links::{link_refused, linked_folder};
use crate::diag::{Lang, Text};
use std::io::{self, Write};
use std::path::Path;

/// Why a new file was not written.
#[derive(Debug)]
pub(crate) enum NewFileError {
    /// A component of the path is a symbolic link: the refusal, naming it
    /// (see `links::link_refused`).
    Linked(Text),
    /// The file exists already.
    Exists,
    /// Creating a folder or the file, or writing it, failed.
    Io(io::Error),
}

impl std::fmt::Display for NewFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewFileError::Linked(why) => f.write_str(why.get(Lang::from_env(Lang::Id))),
            NewFileError::Exists => f.write_str(match Lang::from_env(Lang::Id) {
                Lang::Id => "sudah ada",
                Lang::En => "exists already",
            }),
            NewFileError::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for NewFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            NewFileError::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// Writes `bytes` to `root/rel`, creating its folders; refuses a path
/// through a symbolic link and an existing file.
pub(crate) fn create(root: &Path, rel: &Path, bytes: &[u8]) -> Result<(), NewFileError> {
    if let Some(link) = linked_folder(root, rel) {
        return Err(NewFileError::Linked(link_refused(root, &link)));
    }
    match create_new(&root.join(rel), bytes) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(NewFileError::Exists),
        Err(e) => Err(NewFileError::Io(e)),
    }
}

/// Writes a new file, creating its folders; never overwrites: an existing
/// file is an `AlreadyExists` error.
fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites() {
        let d = tempfile::tempdir().unwrap();
        let rel = Path::new("content/a/b.md");
        create(d.path(), rel, b"one").unwrap();
        assert!(matches!(
            create(d.path(), rel, b"two"),
            Err(NewFileError::Exists)
        ));
        assert_eq!(std::fs::read(d.path().join(rel)).unwrap(), b"one");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_linked_folder() {
        let d = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("content")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), d.path().join("content/via")).unwrap();
        let e = create(d.path(), Path::new("content/via/a.md"), b"x").unwrap_err();
        match e {
            NewFileError::Linked(why) => assert!(why.en.starts_with("`content/via` is"), "{why:?}"),
            other => panic!("{other:?}"),
        }
        assert!(!elsewhere.path().join("a.md").exists());
    }
}
