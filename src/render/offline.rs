//! Offline use: the web app manifest and the service worker (`sw.js`, at
//! the site root so its scope is the whole site). The worker's cache is
//! named by a fingerprint of the built site, so every build that changes a
//! file the worker keeps gives a new `sw.js`, which browsers install in
//! place of the old one (and its cache). The worker's logic is
//! `offline/sw.js`; only its two constants are generated here.

use super::Files;
use crate::model::Config;
use serde_json::json;

/// The worker, written at the root of the output.
pub(crate) const SW_PATH: &str = "sw.js";
/// The web app manifest (linked from every page).
pub(crate) const MANIFEST_PATH: &str = "manifest.webmanifest";

const SW_BODY: &str = include_str!("offline/sw.js");

/// What the worker stores at install (relative to the base URL), when the
/// site has it: the home page, the lists staff start from, the search page
/// and the theme's own files. Other pages are kept as they are visited, the
/// search module and index packs on first use.
const SHELL: &[(&str, &str)] = &[
    ("", "index.html"),
    ("sop/", "sop/index.html"),
    ("templat/", "templat/index.html"),
    ("cari/", "cari/index.html"),
    ("assets/style.css", "assets/style.css"),
    ("assets/print.css", "assets/print.css"),
    ("assets/favicon.svg", "assets/favicon.svg"),
    ("assets/site.js", "assets/site.js"),
    ("assets/search.js", "assets/search.js"),
    ("assets/search-worker.js", "assets/search-worker.js"),
    (MANIFEST_PATH, MANIFEST_PATH),
];

/// A fingerprint of files (path and bytes), FNV-1a 64: stable across
/// machines and toolchains, which `std`'s hasher does not promise.
#[derive(Clone, Copy)]
pub(crate) struct Fingerprint(u64);

impl Fingerprint {
    pub(crate) fn new() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Adds one file. The length first, so no two lists of files share a
    /// byte stream.
    pub(crate) fn file(&mut self, path: &str, bytes: &[u8]) {
        for part in [path.as_bytes(), bytes] {
            self.bytes(&(part.len() as u64).to_le_bytes());
            self.bytes(part);
        }
    }
}

/// The fingerprint of the search index files: its manifest alone, which
/// names every index file with its place and holds the packs' checksum.
pub(crate) fn index_fingerprint(index: &[(String, Vec<u8>)]) -> Fingerprint {
    let mut f = Fingerprint::new();
    for (path, bytes) in index.iter().filter(|(p, _)| p.ends_with("manifest.json")) {
        f.file(path, bytes);
    }
    f
}

/// Adds the manifest and the worker to `files`. The version covers every
/// file still in `files` (pages handed to the writer early are empty there:
/// their text reaches the version through the index and the open data) and
/// `index`, the search index's fingerprint.
pub(crate) fn render_all(cfg: &Config, files: &mut Files, index: Fingerprint) {
    let manifest = json!({
        "name": cfg.title,
        "short_name": cfg.title,
        "description": cfg.description,
        "lang": match cfg.lang { crate::diag::Lang::Id => "id", crate::diag::Lang::En => "en" },
        // Relative to this file, so a site under a sub-path stays in it.
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#ffffff",
        "icons": [{ "src": "assets/favicon.svg", "sizes": "any", "type": "image/svg+xml" }],
    });
    let manifest = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    files.insert(MANIFEST_PATH.into(), manifest);

    let mut f = index;
    for (path, bytes) in files.iter() {
        f.file(path, bytes);
    }
    let shell: Vec<&str> = SHELL
        .iter()
        .filter(|(_, file)| files.contains_key(*file))
        .map(|(url, _)| *url)
        .collect();
    let head = format!(
        "var VERSION = '{:016x}';\nvar SHELL = {};\n",
        f.0,
        serde_json::to_string(&shell).unwrap_or_else(|_| "[]".into())
    );
    files.insert(SW_PATH.into(), format!("{head}{SW_BODY}").into_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(sw: &[u8]) -> String {
        let text = String::from_utf8(sw.to_vec()).unwrap();
        text.lines().next().unwrap().to_owned()
    }

    #[test]
    fn fingerprints_tell_files_apart() {
        let of = |files: &[(&str, &[u8])]| {
            let mut f = Fingerprint::new();
            for (p, b) in files {
                f.file(p, b);
            }
            f.0
        };
        assert_eq!(of(&[("a", b"x")]), of(&[("a", b"x")]));
        assert_ne!(of(&[("a", b"x")]), of(&[("a", b"y")]));
        assert_ne!(of(&[("ab", b"")]), of(&[("a", b"b")]));
    }

    #[test]
    fn the_worker_changes_with_the_site_and_lists_the_shell_it_has() {
        let cfg = Config {
            title: "KB".into(),
            description: String::new(),
            base_url: "/kb/".into(),
            lang: crate::diag::Lang::Id,
            theme: "default".into(),
            build_date: None,
            trust_html: false,
            repo: None,
            guides: Vec::new(),
            license: crate::model::license::DEFAULT,
        };
        let mut files = Files::new();
        files.insert("index.html".into(), b"<p>one</p>".to_vec());
        files.insert("assets/style.css".into(), b"p{}".to_vec());
        render_all(&cfg, &mut files, Fingerprint::new());
        let first = files[SW_PATH].clone();
        let text = String::from_utf8(first.clone()).unwrap();
        assert!(
            text.contains(r#"var SHELL = ["","assets/style.css","manifest.webmanifest"];"#),
            "{text}"
        );
        let manifest: serde_json::Value = serde_json::from_slice(&files[MANIFEST_PATH]).unwrap();
        assert_eq!(manifest["start_url"], "./");

        let mut files = Files::new();
        files.insert("index.html".into(), b"<p>two</p>".to_vec());
        files.insert("assets/style.css".into(), b"p{}".to_vec());
        render_all(&cfg, &mut files, Fingerprint::new());
        assert_ne!(version(&first), version(&files[SW_PATH]));
    }
}
