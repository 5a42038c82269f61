//! One new file in the project (`sopkb new`), or a tree of them (`init`,
//! `theme export`): created exclusively (an existing file is never
//! overwritten) and never through a symbolic link.

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

/// Whether [`refresh`] wrote the file or found it up to date.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refreshed {
    Written,
    Unchanged,
}

/// `create`, except that a regular file holding one of `marks` (a file
/// sopkb wrote earlier: a generated schema) is replaced, through a temporary
/// file and a rename; any other existing file is refused as `create` does.
pub(crate) fn refresh(
    root: &Path,
    rel: &Path,
    bytes: &[u8],
    marks: &[&str],
) -> Result<Refreshed, NewFileError> {
    if let Some(link) = linked_folder(root, rel) {
        return Err(NewFileError::Linked(link_refused(root, &link)));
    }
    let path = root.join(rel);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return create(root, rel, bytes).map(|()| Refreshed::Written)
        }
        Err(e) => return Err(NewFileError::Io(e)),
        Ok(m) if !m.is_file() => return Err(NewFileError::Exists),
        Ok(_) => {}
    }
    let old = std::fs::read(&path).map_err(NewFileError::Io)?;
    if old == bytes {
        return Ok(Refreshed::Unchanged);
    }
    let old = String::from_utf8_lossy(&old);
    if !marks.iter().any(|m| old.contains(m)) {
        return Err(NewFileError::Exists);
    }
    // Created exclusively: a file of that name that is not ours stops it.
    let tmp = path.with_extension("sopkb-tmp");
    create_new(&tmp, bytes).map_err(NewFileError::Io)?;
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp); // ours: just created
        NewFileError::Io(e)
    })?;
    Ok(Refreshed::Written)
}

/// Why `rel` below `root` would be refused for a link on its way, before
/// anything is written (`init` checks every file first).
pub(crate) fn linked(root: &Path, rel: &Path) -> Option<Text> {
    linked_folder(root, rel).map(|link| link_refused(root, &link))
}

/// What is at the folder `sopkb init` is asked to write into.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Folder {
    /// Nothing: it is created.
    Missing,
    Empty,
    NotEmpty,
    /// A file or something else that is not a folder.
    NotADir,
    /// This component of the path (the folder itself included) is a
    /// symbolic link: nothing is written through it.
    Linked(std::path::PathBuf),
}

/// Inspects `dir` (as the user wrote it, relative to the working folder)
/// before files are created in it.
pub(crate) fn inspect_folder(dir: &Path) -> io::Result<Folder> {
    let mut at = std::path::PathBuf::new();
    for part in dir.components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Ok(Folder::Linked(at)),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Folder::Missing),
            Err(e) => return Err(e),
        }
    }
    if !std::fs::symlink_metadata(dir)?.is_dir() {
        return Ok(Folder::NotADir);
    }
    Ok(match std::fs::read_dir(dir)?.next() {
        None => Folder::Empty,
        Some(_) => Folder::NotEmpty,
    })
}

/// Writes `files` (path below `dir`, bytes) into `dir`, as `init` and
/// `theme export` do: a folder that is not empty is refused unless `force`,
/// a link on the way to any file is refused before the first is written, and
/// a file that exists is skipped, never overwritten. Returns the paths
/// skipped; nothing is written when `dir` is refused.
pub(crate) fn create_tree<'a>(
    dir: &Path,
    force: bool,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Vec<&'a str>, Text> {
    let shown = dir.display();
    match inspect_folder(dir) {
        Ok(Folder::Missing | Folder::Empty) => {}
        Ok(Folder::NotEmpty) if force => {}
        Ok(Folder::NotEmpty) => {
            return Err(crate::tr!(
                "{} tidak kosong: tidak ada yang ditulis; pakai folder kosong, atau --force untuk menambahkan berkas yang belum ada (berkas yang ada tidak pernah ditimpa)",
                "{} is not empty: nothing written; use an empty folder, or --force to add the files that are missing (existing files are never overwritten)",
                shown
            ))
        }
        Ok(Folder::NotADir) => {
            return Err(crate::tr!("{}: bukan folder", "{}: not a folder", shown))
        }
        Ok(Folder::Linked(link)) => {
            return Err(crate::tr!(
                "`{}` adalah tautan simbolik: sopkb tidak menulis melaluinya; pilih folder yang sebenarnya",
                "`{}` is a symbolic link: sopkb does not write through it; choose a real folder",
                link.display()
            ))
        }
        Err(e) => return Err(crate::tr!("{}: {}", "{}: {}", shown, e)),
    }
    let files: Vec<(&str, &[u8])> = files.into_iter().collect();
    if let Some(why) = files
        .iter()
        .find_map(|(rel, _)| linked(dir, Path::new(rel)))
    {
        return Err(why);
    }
    let mut skipped = Vec::new();
    for (rel, bytes) in files {
        match create(dir, Path::new(rel), bytes) {
            Ok(()) => {}
            Err(NewFileError::Exists) => skipped.push(rel),
            Err(NewFileError::Linked(why)) => return Err(why),
            Err(NewFileError::Io(e)) => return Err(crate::tr!("{}: {}", "{}: {}", rel, e)),
        }
    }
    Ok(skipped)
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
    fn refresh_replaces_only_files_holding_the_mark() {
        let d = tempfile::tempdir().unwrap();
        let rel = Path::new("schema/a.json");
        let refresh = |bytes: &[u8]| refresh(d.path(), rel, bytes, &["MARK"]);
        assert_eq!(refresh(b"MARK one").unwrap(), Refreshed::Written);
        assert_eq!(refresh(b"MARK one").unwrap(), Refreshed::Unchanged);
        assert_eq!(refresh(b"MARK two").unwrap(), Refreshed::Written);
        assert_eq!(std::fs::read(d.path().join(rel)).unwrap(), b"MARK two");
        std::fs::write(d.path().join(rel), b"an editor's own file").unwrap();
        assert!(matches!(refresh(b"MARK three"), Err(NewFileError::Exists)));
        assert_eq!(
            std::fs::read(d.path().join(rel)).unwrap(),
            b"an editor's own file"
        );
        assert!(!d.path().join("schema/a.sopkb-tmp").exists());
    }

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

    #[test]
    fn folders_are_told_apart() {
        let d = tempfile::tempdir().unwrap();
        assert_eq!(inspect_folder(d.path()).unwrap(), Folder::Empty);
        assert_eq!(
            inspect_folder(&d.path().join("x/y")).unwrap(),
            Folder::Missing
        );
        std::fs::write(d.path().join("f"), "").unwrap();
        assert_eq!(inspect_folder(d.path()).unwrap(), Folder::NotEmpty);
        assert_eq!(
            inspect_folder(&d.path().join("f")).unwrap(),
            Folder::NotADir
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(d.path().join("f"), d.path().join("l")).unwrap();
            let linked = d.path().join("l");
            assert_eq!(
                inspect_folder(&linked.join("z")).unwrap(),
                Folder::Linked(linked)
            );
        }
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
