//! Symbolic links on the way to a file sopkb creates in the project
//! (`sopkb new`, `sopkb import`): it never writes through one.

use crate::diag::Text;
use crate::tr;
use std::path::{Path, PathBuf};

/// The first component of `rel` (below `root`) that is a symbolic link,
/// the file itself included: the write-side twin of `load::guard`, which
/// never reads through a link. Writing through one would put the file
/// wherever the link points, outside the project too; the loader would not
/// read it back either. Components that do not exist yet are created as
/// real folders.
pub(crate) fn linked_folder(root: &Path, rel: &Path) -> Option<PathBuf> {
    let mut at = root.to_path_buf();
    for part in rel.components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Some(at),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// The refusal to write through `link` (from `linked_folder`).
pub(crate) fn link_refused(root: &Path, link: &Path) -> Text {
    let (rel, target) = crate::load::guard::shown_link(root, link);
    tr!(
        "`{}` adalah tautan simbolik (ke `{}`): sopkb tidak menulis melaluinya; ganti tautan dengan folder atau berkas yang sebenarnya",
        "`{}` is a symbolic link (to `{}`): sopkb does not write through it; replace the link with a real folder or file",
        rel,
        target
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn finds_the_first_linked_component_on_the_way() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("content/real")).unwrap();
        std::os::unix::fs::symlink(root.join("content/real"), root.join("content/via")).unwrap();
        let rel = |p: &str| PathBuf::from(p);
        assert_eq!(linked_folder(root, &rel("content/real/a.md")), None);
        assert_eq!(linked_folder(root, &rel("sops/a.yaml")), None);
        assert_eq!(
            linked_folder(root, &rel("content/via/x/a.md")),
            Some(root.join("content/via"))
        );
        let text = link_refused(root, &root.join("content/via"));
        assert!(
            text.en
                .starts_with("`content/via` is a symbolic link (to `"),
            "{}",
            text.en
        );
    }
}
