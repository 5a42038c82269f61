//! sopkb search in the browser: wasm-bindgen bindings over `sopkb-search`'s
//! reader. The index is read lazily through the worker's synchronous range
//! fetcher (byte ranges of the pack files); answers are JSON strings the
//! search page renders.

pub mod plan;
pub mod view;

use sopkb_search::chunk::ChunkRequest;
use sopkb_search::tantivy::{Directory, Index, ReloadPolicy, Term};
use sopkb_search::{Analyzer, Batched, ChunkDirectory, Hit, Kind, Manifest, Searcher, Synonyms};
use std::collections::BTreeMap;
use view::Answer;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Bytes `start..end` (end exclusive) of pack file `pack`, fetched
    /// synchronously by the host, or the whole pack file when the server
    /// ignored the range: `self.sopkbFetchRange` in search-worker.js (a file
    /// read in node).
    #[wasm_bindgen(catch, js_name = sopkbFetchRange)]
    fn fetch_range(pack: u32, start: u32, end: u32) -> Result<Vec<u8>, JsValue>;
}

fn fetch(r: &ChunkRequest) -> std::io::Result<Vec<u8>> {
    // A pack is at most `MAX_PACK_BYTES` (validated): offsets fit a u32.
    let n = |v: u64| u32::try_from(v).map_err(std::io::Error::other);
    let pack = u32::try_from(r.pack).map_err(std::io::Error::other)?;
    fetch_range(pack, n(r.bytes.start)?, n(r.bytes.end)?).map_err(|e| {
        let msg = e.as_string().unwrap_or_else(|| format!("{e:?}"));
        std::io::Error::other(msg)
    })
}

/// The error of a failed read: the damage the chunk directory found (the
/// file and what is wrong with it) rather than tantivy's wrapping of it.
fn fail(dir: &ChunkDirectory, e: impl std::fmt::Display) -> JsError {
    match dir.damage() {
        Some(d) => JsError::new(&d.to_string()),
        None => JsError::new(&e.to_string()),
    }
}

/// `{"hits":[HitView..],"total":n}`.
fn answer(hits: &[Hit]) -> String {
    // Straight to text: through a `serde_json::Value` every hit was built
    // twice (`view::Answer` writes the same bytes).
    serde_json::to_string(&Answer::of(hits)).unwrap_or_default()
}

/// The reads fetching `chunks`, `[pack, start, end, ...]` (byte ranges of
/// pack files, end exclusive; adjacent chunks of a pack in one).
fn ranges(m: &Manifest, chunks: &[usize]) -> Vec<u32> {
    let mut out = Vec::new();
    for r in m.requests(chunks) {
        let n = |v: u64| u32::try_from(v).ok();
        let (Ok(pack), Some(start), Some(end)) =
            (u32::try_from(r.pack), n(r.bytes.start), n(r.bytes.end))
        else {
            continue;
        };
        out.extend([pack, start, end]);
    }
    out
}

/// A shipped index, opened on first use.
#[wasm_bindgen]
pub struct Engine {
    dir: ChunkDirectory,
    searcher: Option<Searcher>,
}

#[wasm_bindgen]
impl Engine {
    /// Takes `manifest.json`'s text (checked); reads nothing yet.
    #[wasm_bindgen(constructor)]
    pub fn new(manifest_json: &str) -> Result<Engine, JsError> {
        let manifest = Manifest::parse(manifest_json.as_bytes())?;
        Ok(Engine {
            dir: ChunkDirectory::new(manifest, fetch)?,
            searcher: None,
        })
    }

    /// The reads opening the index will make, `[pack, start, end, ...]`
    /// (byte ranges of pack files, end exclusive; adjacent chunks in one):
    /// fetch them in parallel and hand them over with `add_bytes` to save
    /// round trips.
    pub fn open_ranges(&self) -> Vec<u32> {
        let m = self.dir.manifest();
        ranges(m, &plan::open_chunks(m))
    }

    /// Puts bytes `start..` of pack file `pack`, fetched by the host (a
    /// range, or the whole pack from `start` 0), into the cache: every
    /// chunk passing its length and tag checks is kept; throws with the
    /// first one failing.
    pub fn add_bytes(&self, pack: u32, start: u32, bytes: &[u8]) -> Result<u32, JsError> {
        let kept = self
            .dir
            .insert_bytes(pack as usize, u64::from(start), bytes)?;
        Ok(u32::try_from(kept).unwrap_or(u32::MAX))
    }

    /// Opens the index (meta file, segment footers) unless already open.
    pub fn open(&mut self) -> Result<(), JsError> {
        self.searcher()?;
        Ok(())
    }

    fn searcher(&mut self) -> Result<&Searcher, JsError> {
        if self.searcher.is_none() {
            let opened =
                Searcher::open_chunked(self.dir.clone()).map_err(|e| fail(&self.dir, e))?;
            self.searcher = Some(opened);
        }
        self.searcher
            .as_ref()
            .ok_or_else(|| JsError::new("search index not open"))
    }

    /// The reads opening the searched fields' term dictionaries need next,
    /// `[pack, start, end, ...]` like `open_ranges`, empty once open: fetch
    /// them in parallel, `add_bytes`, ask again (after `open`).
    pub fn fields_ranges(&mut self) -> Result<Vec<u32>, JsError> {
        let dir = self.dir.clone();
        let missing = self.searcher()?.open_fields_batched(&dir);
        Ok(ranges(dir.manifest(), &missing))
    }

    /// `search` without fetching: its answer when every chunk it reads is
    /// here, else `{"fetch":[pack, start, end, ...]}`, the reads it lacks
    /// (like `open_ranges`), all of one stage at once (term dictionaries,
    /// then postings and norms, then the hits' stored documents). Fetch them
    /// in parallel, hand them over with `add_bytes` and step again: a cold
    /// query costs about three round trips instead of one per read.
    pub fn step(&mut self, query: &str, kinds: &str, limit: usize) -> Result<String, JsError> {
        let kinds: Vec<Kind> = kinds.split(',').filter_map(Kind::parse).collect();
        let dir = self.dir.clone();
        let step = self
            .searcher()?
            .search_batched(&dir, query, &kinds, limit)
            .map_err(|e| fail(&dir, e))?;
        match step {
            Batched::Hits(hits) => Ok(answer(&hits)),
            Batched::Fetch(missing) => {
                let fetch = ranges(dir.manifest(), &missing);
                Ok(serde_json::json!({ "fetch": fetch }).to_string())
            }
        }
    }

    /// `{"hits":[HitView..],"total":n}` for `query`, restricted to the
    /// comma-separated `kinds` (all kinds when empty).
    pub fn search(&mut self, query: &str, kinds: &str, limit: usize) -> Result<String, JsError> {
        let kinds: Vec<Kind> = kinds.split(',').filter_map(Kind::parse).collect();
        let hits = self
            .searcher()?
            .search(query, &kinds, limit)
            .map_err(|e| fail(&self.dir, e))?;
        Ok(answer(&hits))
    }

    /// `{"langkah":n,...}`: documents per kind (kinds without any are left
    /// out), so the page shows only useful filters.
    pub fn kinds(&self) -> Result<String, JsError> {
        self.count_kinds().map_err(|e| fail(&self.dir, e))
    }

    fn count_kinds(&self) -> Result<String, Box<dyn std::error::Error>> {
        let index = Index::open(Box::new(self.dir.clone()) as Box<dyn Directory>)?;
        if index.schema() != sopkb_search::schema::schema() {
            return Err("the index's schema is not the one sopkb writes".into());
        }
        let field = index.schema().get_field("kind")?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .num_warming_threads(0)
            .try_into()?;
        let searcher = reader.searcher();
        let mut counts = BTreeMap::new();
        for kind in Kind::ALL {
            let term = Term::from_field_text(field, kind.as_str());
            let mut n = 0u64;
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                if let Some(info) = inverted.get_term_info(&term)? {
                    n = n.saturating_add(u64::from(info.doc_freq));
                }
            }
            if n > 0 {
                counts.insert(kind.as_str(), n);
            }
        }
        Ok(serde_json::to_string(&counts)?)
    }

    /// `{"requests":n,"chunks":n,"bytes":n}`: reads through the range
    /// fetcher so far, the chunks they brought and the bytes received (the
    /// manifest and `add_bytes` not included).
    pub fn stats(&self) -> String {
        let s = self.dir.stats();
        serde_json::json!({ "requests": s.requests, "chunks": s.chunks, "bytes": s.bytes })
            .to_string()
    }

    /// Documents in the index (from the manifest).
    pub fn docs(&self) -> f64 {
        self.dir.manifest().docs as f64
    }

    /// The index-form terms of `text` under this index's analyzer, with the
    /// manifest's synonyms (JSON array).
    pub fn terms(&self, text: &str) -> Result<String, JsError> {
        let analyzer = Analyzer::new(&self.dir.manifest().synonyms);
        Ok(serde_json::to_string(&analyzer.terms(text))?)
    }
}

/// The index-form tokens of `text`, `[[term, position, from, to], ...]`
/// (byte offsets), under the analyzer with `synonyms_json`
/// (`{"pks":["perjanjian kerja sama"],...}`; empty: the built-in synonyms).
/// Lets tests check the WASM analyzer against the native one
/// (`crates/sopkb-search/tests/data/analyzer-cases.json`).
#[wasm_bindgen]
pub fn analyze(text: &str, synonyms_json: &str) -> Result<String, JsError> {
    let synonyms = if synonyms_json.trim().is_empty() {
        Synonyms::builtin()
    } else {
        serde_json::from_str(synonyms_json)?
    };
    let tokens: Vec<(String, usize, usize, usize)> = Analyzer::new(&synonyms)
        .tokens(text)
        .into_iter()
        .map(|t| (t.text, t.position, t.offset_from, t.offset_to))
        .collect();
    Ok(serde_json::to_string(&tokens)?)
}
