//! Watch the project's inputs with `notify` and turn bursts of file-system
//! events into debounced batches of classified `Change`s (editors' temporary
//! files ignored); `classify` is a pure function of the root and one path.

use super::ServeError;
use notify::event::{CreateKind, EventKind, ModifyKind, RemoveKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Folders under the root whose files are inputs (watched recursively).
pub(crate) const WATCHED_DIRS: &[&str] = &[
    "sops",
    "content",
    "static",
    "themes",
    "templates",
    "theme-overrides",
];

/// Quiet time that ends a burst: one save is several events (truncate,
/// write, rename) within a millisecond or two.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(50);

/// What one changed path means for the rebuild.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Change {
    /// An SOP file, `sops/…/<id>.yaml`: its id.
    Sop(String),
    /// An article file, `content/pengetahuan/…/<id>.md`: its id.
    Article(String),
    /// Any other content (Markdown, glossary, registry, a folder under `sops/`).
    Content,
    /// A file or folder under `static/`, relative to it (`""`: the folder itself).
    Static(String),
    /// A template, a theme file or a theme override.
    Theme,
    /// `sopkb.toml`.
    Config,
}

/// A set of changes collected over one debounced burst.
pub(crate) type Batch = BTreeSet<Change>;

/// What a path under `root` means, or `None` when it is not an input (an
/// editor's temporary file, the output folder, anything outside the watched
/// folders) or the event does not change content (reads, attributes).
/// `is_dir` says the path is a folder (from the event, or the disk now).
pub(crate) fn classify(root: &Path, kind: &EventKind, path: &Path, is_dir: bool) -> Option<Change> {
    match kind {
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => return None,
        _ => {}
    }
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let (first, rest) = parts.split_first()?;
    if parts.iter().any(|p| is_temp_file(p)) {
        return None;
    }
    match *first {
        "sopkb.toml" if rest.is_empty() => Some(Change::Config),
        "sops" => {
            let Some(name) = rest.last() else {
                return Some(Change::Content);
            };
            match name.rsplit_once('.') {
                Some((stem, "yaml" | "yml")) if !is_dir => Some(Change::Sop(stem.to_owned())),
                // A folder appears or goes: which SOPs it holds is unknown.
                _ if is_dir => Some(Change::Content),
                // The loader reads only .yaml/.yml files here; anything else
                // (`sed -i`'s `sedXXXXXX`, other tools' temp files) is not content.
                _ => None,
            }
        }
        "content" => match rest {
            ["pengetahuan", .., name] if !is_dir => match name.rsplit_once('.') {
                Some((stem, "md")) => Some(Change::Article(stem.to_owned())),
                // Not an article: the loader reads only .md files there.
                _ => Some(Change::Content),
            },
            _ => Some(Change::Content),
        },
        "static" => Some(Change::Static(rest.join("/"))),
        "themes" | "templates" | "theme-overrides" => Some(Change::Theme),
        _ => None,
    }
}

/// Editors' swap, backup, lock and atomic-save files, never content.
pub(crate) fn is_temp_file(name: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "~",
        ".swp",
        ".swo",
        ".swx",
        ".swpx",
        ".tmp",
        ".temp",
        ".kate-swp",
        ".crswap",
        "___jb_tmp___",
        "___jb_old___",
        ".part",
    ];
    name == "4913" // vim's "can I write here" probe
        || name == ".DS_Store"
        || name.starts_with(".#") // emacs lock
        || (name.starts_with('#') && name.ends_with('#')) // emacs auto-save
        || name.starts_with(".goutputstream-") // gedit/GIO
        || name.starts_with(".sb-") // sublime/others' atomic-save files
        || SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// The running watcher: the root (not recursively, for `sopkb.toml` and the
/// creation of watched folders) and each existing watched folder.
pub(crate) struct Watch {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
}

impl Watch {
    pub(crate) fn start(root: &Path) -> Result<Watch, ServeError> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(tx)
            .map_err(|source| ServeError::Watch { path: None, source })?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|source| ServeError::Watch {
                path: Some(root.to_path_buf()),
                source,
            })?;
        let mut w = Watch {
            watcher,
            events,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
        };
        w.sync_folders();
        Ok(w)
    }

    /// Watches watched folders created since the last call, forgets removed ones.
    fn sync_folders(&mut self) {
        for dir in WATCHED_DIRS {
            let path = self.root.join(dir);
            let exists = path.is_dir();
            let known = self.watched.contains(&path);
            if exists && !known {
                if self.watcher.watch(&path, RecursiveMode::Recursive).is_ok() {
                    self.watched.insert(path);
                }
            } else if !exists && known {
                let _ = self.watcher.unwatch(&path);
                self.watched.remove(&path);
            }
        }
    }

    /// Blocks until an input changes, then collects events until `DEBOUNCE`
    /// passes without one (or `MAX_BURST` in all, so a long copy still gets
    /// previewed). `None` when the watcher is gone.
    pub(crate) fn next_batch(&mut self) -> Option<Batch> {
        const MAX_BURST: Duration = Duration::from_secs(1);
        let mut batch = Batch::new();
        let mut started: Option<Instant> = None;
        loop {
            let event = match started {
                None => self.events.recv().ok()?,
                Some(t) => {
                    let wait = DEBOUNCE.min(MAX_BURST.saturating_sub(t.elapsed()));
                    match self.events.recv_timeout(wait) {
                        Ok(e) => e,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return None,
                    }
                }
            };
            match event {
                Ok(event) => {
                    let folder_event = matches!(
                        event.kind,
                        EventKind::Create(CreateKind::Folder)
                            | EventKind::Remove(RemoveKind::Folder)
                    );
                    batch.extend(event.paths.iter().filter_map(|p| {
                        classify(&self.root, &event.kind, p, folder_event || p.is_dir())
                    }))
                }
                // Lost events (queue overflow): rebuild everything to be sure.
                Err(_) => {
                    batch.insert(Change::Config);
                    batch.insert(Change::Static(String::new()));
                }
            }
            if started.is_none() && !batch.is_empty() {
                started = Some(Instant::now());
            }
        }
        self.sync_folders();
        Some(batch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, DataChange, MetadataKind};

    const MODIFY: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Content));

    fn at(path: &str) -> Option<Change> {
        classify(
            Path::new("/proj"),
            &MODIFY,
            &Path::new("/proj").join(path),
            false,
        )
    }

    fn dir(path: &str) -> Option<Change> {
        classify(
            Path::new("/proj"),
            &MODIFY,
            &Path::new("/proj").join(path),
            true,
        )
    }

    #[test]
    fn an_sop_file_is_its_id() {
        assert_eq!(at("sops/magetan.yaml"), Some(Change::Sop("magetan".into())));
        assert_eq!(at("sops/sub/b.yml"), Some(Change::Sop("b".into())));
    }

    #[test]
    fn a_folder_under_sops_rebuilds_all_content() {
        assert_eq!(dir("sops"), Some(Change::Content));
        assert_eq!(dir("sops/arsip"), Some(Change::Content));
        assert_eq!(dir("sops/arsip.yaml"), Some(Change::Content));
    }

    #[test]
    fn files_the_loader_skips_are_ignored() {
        assert_eq!(at("sops/catatan.txt"), None);
        // `sed -i` writes `sedXXXXXX` and renames it over the SOP.
        assert_eq!(at("sops/sedAb12Cd"), None);
    }

    #[test]
    fn an_article_file_is_its_id() {
        assert_eq!(
            at("content/pengetahuan/tanya-jawab.md"),
            Some(Change::Article("tanya-jawab".into()))
        );
        assert_eq!(
            at("content/pengetahuan/panduan/langkah.md"),
            Some(Change::Article("langkah".into()))
        );
        assert_eq!(dir("content/pengetahuan/panduan"), Some(Change::Content));
        assert_eq!(at("content/pengetahuan/gambar.png"), Some(Change::Content));
    }

    #[test]
    fn content_static_theme_and_config_are_told_apart() {
        assert_eq!(
            at("content/dasar-hukum/pp-28-2018.md"),
            Some(Change::Content)
        );
        assert_eq!(at("content/istilah.yaml"), Some(Change::Content));
        assert_eq!(
            at("static/img/logo.png"),
            Some(Change::Static("img/logo.png".into()))
        );
        assert_eq!(at("static"), Some(Change::Static(String::new())));
        assert_eq!(at("templates/sop.html"), Some(Change::Theme));
        assert_eq!(at("themes/default/static/style.css"), Some(Change::Theme));
        assert_eq!(at("theme-overrides/static/style.css"), Some(Change::Theme));
        assert_eq!(at("sopkb.toml"), Some(Change::Config));
    }

    #[test]
    fn output_and_unwatched_paths_are_ignored() {
        assert_eq!(at("public/index.html"), None);
        assert_eq!(at(".public.tmp-42/index.html"), None);
        assert_eq!(at("target/release/sopkb"), None);
        assert_eq!(at("README.md"), None);
        assert_eq!(at("static/../sopkb.toml"), None);
        assert_eq!(
            classify(
                Path::new("/proj"),
                &MODIFY,
                Path::new("/elsewhere/sops/a.yaml"),
                false
            ),
            None
        );
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [
            "sops/.magetan.yaml.swp",
            "sops/magetan.yaml~",
            "sops/.#magetan.yaml",
            "sops/#magetan.yaml#",
            "sops/4913",
            "content/x.md.tmp",
            "static/.goutputstream-ABC123",
            "static/a.css___jb_tmp___",
            "templates/base.html.swx",
            "content/.DS_Store",
        ] {
            assert_eq!(at(name), None, "{name}");
        }
    }

    #[test]
    fn reads_and_attribute_changes_are_not_changes() {
        let root = Path::new("/proj");
        let path = root.join("sops/a.yaml");
        let read = EventKind::Access(AccessKind::Any);
        let touch = EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any));
        assert_eq!(classify(root, &read, &path, false), None);
        assert_eq!(classify(root, &touch, &path, false), None);
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Remove(RemoveKind::File),
            EventKind::Modify(ModifyKind::Name(notify::event::RenameMode::To)),
            EventKind::Any,
        ] {
            assert_eq!(
                classify(root, &kind, &path, false),
                Some(Change::Sop("a".into()))
            );
        }
    }
}
