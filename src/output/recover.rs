//! Leftovers of a build that was killed (SIGKILL, power cut): its staging
//! folder, or the previous site moved aside with the new one not yet in
//! place. The next build cleans them up before it starts, deleting only
//! what is provably sopkb's: a folder holding the staging marker, the files
//! a manifest lists, or an empty folder. Anything else is left alone.

use super::error::OutputError;
use super::manifest::{self, Manifest, MARKER, MARKER_TEXT};
use std::path::{Path, PathBuf};

/// The staging folder beside `dir` (whole-folder swap).
pub(crate) fn staging_beside(dir: &Path, pid: u32) -> Option<PathBuf> {
    let (parent, name) = (dir.parent()?, dir.file_name()?);
    Some(parent.join(format!(".{}.tmp-{pid}", name.to_string_lossy())))
}

/// Where the previous site waits during a whole-folder swap.
pub(crate) fn old_beside(dir: &Path, pid: u32) -> Option<PathBuf> {
    let (parent, name) = (dir.parent()?, dir.file_name()?);
    Some(parent.join(format!(".{}.old-{pid}", name.to_string_lossy())))
}

/// The staging folder inside `dir` (in-place update).
pub(crate) fn staging_inside(dir: &Path, pid: u32) -> PathBuf {
    dir.join(format!("{}tmp-{pid}", manifest::RESERVED_PREFIX))
}

/// Cleans up after killed builds of the output folder `dir`: restores the
/// previous site if it was moved aside and never replaced, then deletes
/// the staging and old folders of processes that are gone.
pub(crate) fn recover(dir: &Path) -> Result<(), OutputError> {
    let (mut olds, tmps) = leftovers_beside(dir);
    if std::fs::symlink_metadata(dir).is_err() {
        if let Some(i) = olds.iter().position(|o| has_manifest(o)) {
            let old = olds.remove(i);
            std::fs::rename(&old, dir).map_err(|e| OutputError::io(&old, e))?;
        }
    }
    for leftover in olds.iter().chain(&tmps) {
        remove_ours(leftover).map_err(|e| OutputError::io(leftover, e))?;
    }
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        for inside in dead_siblings(dir, manifest::RESERVED_PREFIX, "tmp-") {
            remove_ours(&inside).map_err(|e| OutputError::io(&inside, e))?;
        }
    }
    Ok(())
}

/// Old and staging folders beside `dir` of processes no longer running.
fn leftovers_beside(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return (Vec::new(), Vec::new());
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let olds = dead_siblings(parent, &prefix, "old-");
    let tmps = dead_siblings(parent, &prefix, "tmp-");
    (olds, tmps)
}

/// Entries of `parent` named `{prefix}{kind}{pid}` whose process is gone,
/// sorted by name.
fn dead_siblings(parent: &Path, prefix: &str, kind: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let pid = name
                .to_str()
                .and_then(|n| n.strip_prefix(prefix))
                .and_then(|n| n.strip_prefix(kind))
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|n| n.parse::<u32>().ok());
            pid.is_some_and(|p| !running(p))
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Whether another process `pid` runs (its leftovers are not ours to
/// clean). Our own pid is not: a folder with it was left by an earlier
/// process that had the same pid (containers reuse small pids).
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    // Linux says it in /proc; elsewhere, without a process API in `std`,
    // the folder counts as left over (two concurrent builds of one output
    // folder are not supported anyway).
    cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists()
}

fn has_manifest(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && matches!(Manifest::read(dir), Ok(Some(_)))
}

/// Whether `dir` carries the staging marker.
pub(crate) fn has_marker(dir: &Path) -> bool {
    manifest::entry(dir, MARKER) == manifest::Entry::File
        && std::fs::read(dir.join(MARKER)).is_ok_and(|b| b == MARKER_TEXT.as_bytes())
}

/// Deletes the folder `dir` if it is provably sopkb's: all of it when it
/// carries the staging marker, else what its manifest lists; an empty
/// folder goes too. Anything else in it stays (and so does the folder).
pub(crate) fn remove_ours(dir: &Path) -> std::io::Result<()> {
    if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return Ok(());
    }
    if has_marker(dir) {
        return super::remove_tree(dir);
    }
    if let Ok(Some(m)) = Manifest::read(dir) {
        return super::remove_site(dir, &m);
    }
    let _ = std::fs::remove_dir(dir); // only when empty
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(dir: &Path, page: &str) {
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::write(dir.join("a/index.html"), page).unwrap();
        let m = Manifest {
            files: ["a/index.html".to_string()].into(),
            dirs: ["a".to_string()].into(),
        };
        std::fs::write(dir.join(manifest::MANIFEST), m.render()).unwrap();
    }

    #[test]
    fn a_site_moved_aside_by_a_killed_build_is_restored() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("public");
        // Pid 1 is not ours and, in a container, may run: use an
        // impossible one (Linux pids stay below 2^22).
        let old = parent.path().join(".public.old-4294967295");
        let tmp = parent.path().join(".public.tmp-4294967295");
        site(&old, "previous");
        std::fs::create_dir_all(tmp.join("a")).unwrap();
        std::fs::write(tmp.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(tmp.join("a/index.html"), "half").unwrap();
        recover(&out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "previous"
        );
        let names: Vec<_> = std::fs::read_dir(parent.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn folders_that_are_not_provably_ours_are_left_alone() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("public");
        site(&out, "current");
        // Named like leftovers, but without marker or manifest.
        let a = parent.path().join(".public.tmp-4294967295");
        let b = parent.path().join(".public.old-4294967295");
        let c = out.join(".sopkb-tmp-4294967295");
        for d in [&a, &b, &c] {
            std::fs::create_dir_all(d).unwrap();
            std::fs::write(d.join("precious"), "p").unwrap();
        }
        // A marker with other bytes proves nothing.
        std::fs::write(a.join(MARKER), "mine").unwrap();
        // An old site with a file it does not list keeps that file.
        site(&b, "old");
        recover(&out).unwrap();
        for d in [&a, &b, &c] {
            assert!(d.join("precious").is_file(), "{}", d.display());
        }
        assert!(
            !b.join("a").exists(),
            "the listed part of the old site went"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "current"
        );
    }
}
