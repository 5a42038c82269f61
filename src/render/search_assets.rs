//! The in-browser search runtime: the WASM module and its JS glue, embedded
//! at compile time from `assets/search-wasm/` (rebuilt by `scripts/build-wasm`),
//! written under `search/` with names that carry their source hash (so hosts
//! may cache them for good), and the view the search page (`cari/`) needs.

use super::Files;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const WASM: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/search-wasm/sopkb_search_wasm_bg.wasm"
));
const GLUE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/search-wasm/sopkb_search_wasm.js"
));
const SOURCE_HASH: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/search-wasm/SOURCE_HASH"
));

/// Output paths (relative to the site root) of the module and its glue.
pub(crate) struct Runtime {
    pub wasm: String,
    pub glue: String,
}

/// The source-hash tag in the module's and glue's names.
fn tag() -> &'static str {
    let hash = SOURCE_HASH.trim();
    &hash[..12.min(hash.len())]
}

pub(crate) fn runtime() -> Runtime {
    let tag = tag();
    Runtime {
        wasm: format!("search/sopkb-search-{tag}.wasm"),
        glue: format!("search/sopkb-search-{tag}.js"),
    }
}

/// Writes the module and its glue under `search/`.
pub(crate) fn render_all(files: &mut Files) {
    let rt = runtime();
    files.insert(rt.wasm, WASM.to_vec());
    files.insert(rt.glue, GLUE.to_vec());
}

/// Where the page script, worker, module, glue and index live under
/// `base_url`: the search page loads them, and every page's header box
/// prefetches them when it gets focus (`site.search` in templates). The
/// default theme's header names only `tag` (`data-search`): `site.js` makes
/// the same URLs from it, so each page carries 12 characters, not six URLs.
pub(crate) fn urls(base_url: &str) -> Value {
    let rt = runtime();
    json!({
        "tag": tag(),
        "script": format!("{base_url}assets/search.js"),
        "worker": format!("{base_url}assets/search-worker.js"),
        "wasm": format!("{base_url}{}", rt.wasm),
        "glue": format!("{base_url}{}", rt.glue),
        "index": format!("{base_url}search/index/"),
    })
}

/// The search page's view: where the worker, module, glue and index live, and
/// the kind filters with their labels in the site's language.
pub(crate) fn page_view(base_url: &str, strings: &BTreeMap<String, String>) -> Value {
    // The filters in the order of the kinds (README, "Search").
    let kinds: Vec<Value> = sopkb_search::Kind::ALL
        .iter()
        .map(|k| k.as_str())
        .map(|k| {
            let key = format!("cari_jenis_{k}");
            json!({ "id": k, "label": strings.get(&key).cloned().unwrap_or(key) })
        })
        .collect();
    let mut view = urls(base_url);
    view["kinds"] = Value::Array(kinds);
    view
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_files_are_named_by_source_hash() {
        let mut files = Files::new();
        render_all(&mut files);
        let rt = runtime();
        assert!(rt.wasm.starts_with("search/sopkb-search-") && rt.wasm.ends_with(".wasm"));
        assert_eq!(&files[&rt.wasm][..4], b"\0asm");
        assert!(files.contains_key(&rt.glue));
    }

    #[test]
    fn page_view_resolves_urls_under_the_base_url() {
        let v = page_view("/sub/", &BTreeMap::new());
        assert_eq!(v["worker"], "/sub/assets/search-worker.js");
        assert_eq!(v["index"], "/sub/search/index/");
        assert!(v["wasm"].as_str().unwrap().starts_with("/sub/search/"));
        assert_eq!(v["kinds"][0]["id"], "langkah");
    }

    #[test]
    fn site_js_makes_the_prefetch_urls_from_the_tag() {
        // The header carries only `tag`; site.js must build the same paths.
        let js = include_str!("../../themes/default/static/site.js");
        let v = urls("/");
        let tag = v["tag"].as_str().unwrap();
        for key in ["script", "worker", "glue", "wasm"] {
            let path = v[key].as_str().unwrap().trim_start_matches('/');
            let built = path.replace(tag, "' + tag + '");
            assert!(js.contains(&format!("'{built}'")), "site.js lacks {path}");
        }
        assert!(js.contains("'cari/'") && js.contains("'search/index/manifest.json'"));
    }
}
