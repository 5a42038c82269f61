//! `sopkb search`: query the index shipped in a built site through the same
//! chunked reader the browser uses, reading only the chunks a query needs
//! (so `--stats` measures what a cold browser would download). The index
//! is opened by `load::site_index`; this file parses, searches and prints.

use super::{EXIT_FAILURE, EXIT_OK};
use crate::console::{err, errln, out};
use crate::diag::{Lang, Text};
use crate::load::site_index::{self, SiteIndexError};
use crate::tr;
use serde::Serialize;
use sopkb_search::{tantivy, ChunkDirectory, Hit, Kind, Searcher};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(crate) struct SearchArgs {
    /// The built site (default: <root>/public).
    #[arg(long)]
    pub(crate) site: Option<PathBuf>,
    /// Print {"hits":[...]} as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    /// Maximum number of hits.
    #[arg(long, default_value_t = 10)]
    pub(crate) limit: usize,
    /// Only these kinds: langkah, sop, dasar-hukum, templat, kerja-sama, pengetahuan, istilah.
    #[arg(long = "jenis", alias = "kind", value_parser = parse_kind)]
    pub(crate) jenis: Vec<Kind>,
    /// Print chunks and bytes read to stderr.
    #[arg(long)]
    pub(crate) stats: bool,
    /// The query: words, "quoted phrases", jenis:KIND.
    #[arg(required = true, num_args = 1..)]
    pub(crate) query: Vec<String>,
}

pub struct SearchOptions {
    /// The built site (holds `search/index/`).
    pub site: PathBuf,
    pub query: String,
    pub kinds: Vec<Kind>,
    pub limit: usize,
    pub json: bool,
    pub stats: bool,
}

/// What the command prints.
pub struct SearchOutput {
    pub stdout: String,
    pub stderr: String,
}

/// The `--json` shape: `{"hits":[{url,title,kind,sop,step,snippet,score}]}`.
#[derive(Serialize)]
struct JsonHits<'a> {
    hits: Vec<JsonHit<'a>>,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    url: &'a str,
    title: &'a str,
    kind: Kind,
    sop: Option<&'a str>,
    step: Option<u64>,
    snippet: &'a str,
    score: f32,
}

/// Why a search failed (exit 2).
#[derive(Debug)]
pub(crate) enum SearchError {
    /// No index, or a damaged one (found when opening or while reading).
    Index(SiteIndexError),
    /// tantivy panicked reading the index in `dir` (see [`guarded`]).
    ReaderPanicked { dir: PathBuf, message: String },
    /// tantivy failed reading the index in `dir`, no damage found.
    Unreadable {
        dir: PathBuf,
        source: tantivy::TantivyError,
    },
}

impl SearchError {
    fn text(&self) -> Text {
        match self {
            SearchError::Index(e) => e.text(),
            SearchError::ReaderPanicked { dir, message } => tr!(
                "{}: indeks pencarian rusak: pembacanya gagal ({}); bangun ulang dengan `sopkb build`",
                "{}: the search index is damaged: its reader failed ({}); rebuild it with `sopkb build`",
                dir.display(),
                message
            ),
            SearchError::Unreadable { dir, source } => tr!(
                "{}: indeks pencarian tidak terbaca ({}); bangun ulang dengan `sopkb build`",
                "{}: cannot read the search index ({}); rebuild it with `sopkb build`",
                dir.display(),
                source
            ),
        }
    }
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text().get(Lang::from_env(Lang::Id)))
    }
}

impl std::error::Error for SearchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SearchError::Index(e) => Some(e),
            SearchError::ReaderPanicked { .. } => None,
            SearchError::Unreadable { source, .. } => Some(source),
        }
    }
}

pub(super) fn run(root: &Path, args: SearchArgs) -> u8 {
    let opts = SearchOptions {
        site: args.site.unwrap_or_else(|| root.join("public")),
        query: args.query.join(" "),
        kinds: args.jenis,
        limit: args.limit,
        json: args.json,
        stats: args.stats,
    };
    match query(&opts, Lang::from_env(Lang::Id)) {
        Ok(out) => {
            out!("{}", out.stdout);
            err!("{}", out.stderr);
            EXIT_OK
        }
        Err(e) => {
            errln!("sopkb: {e}");
            EXIT_FAILURE
        }
    }
}

/// Clap value parser for `--jenis`.
fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        format!(
            "jenis tidak dikenal / unknown kind `{s}`: {}",
            all.join(", ")
        )
    })
}

/// Runs a query: what the command prints, or the message of its failure
/// in `lang` (the typed cause is [`SearchError`]).
pub fn query(opts: &SearchOptions, lang: Lang) -> Result<SearchOutput, String> {
    search(opts, lang).map_err(|e| e.text().get(lang).to_owned())
}

fn search(opts: &SearchOptions, lang: Lang) -> Result<SearchOutput, SearchError> {
    let dir_path = opts.site.join(crate::search::INDEX_DIR);
    let index = site_index::open(&dir_path).map_err(SearchError::Index)?;
    let (dir, manifest_len) = (index.dir, index.manifest_len);
    let hits = guarded(|| {
        let searcher = Searcher::open_chunked(dir.clone())?;
        searcher.search(&opts.query, &opts.kinds, opts.limit)
    })
    .map_err(|message| SearchError::ReaderPanicked {
        dir: dir_path.clone(),
        message,
    })?
    .map_err(|source| match dir.damage() {
        Some(d) => SearchError::Index(SiteIndexError::Damaged {
            dir: dir_path.clone(),
            source: d,
        }),
        None => SearchError::Unreadable {
            dir: dir_path.clone(),
            source,
        },
    })?;

    let stdout = if opts.json {
        json(&hits)
    } else {
        hits.iter().map(human_line).collect()
    };
    let mut stderr = String::new();
    if hits.is_empty() && !opts.json {
        stderr.push_str(
            tr!(
                "tidak ada hasil untuk «{}»\n",
                "no results for «{}»\n",
                opts.query
            )
            .get(lang),
        );
    }
    if opts.stats {
        let st = dir.stats();
        let m = dir.manifest();
        stderr.push_str(
            tr!(
                "dibaca: {} dari {} potongan, {} dari {} byte indeks (+ manifest {} byte); {} dokumen; {} permintaan ke {} berkas paket\n",
                "read: {} of {} chunks, {} of {} index bytes (+ manifest {} bytes); {} documents; {} requests to {} pack files\n",
                st.chunks,
                m.chunk_count(),
                st.bytes,
                m.shipped_bytes(),
                manifest_len,
                m.docs,
                st.requests,
                m.pack_count()
            )
            .get(lang),
        );
        for (name, chunks) in chunks_by_file(&dir, lang) {
            stderr.push_str(&format!("  {name}: {chunks}\n"));
        }
    }
    Ok(SearchOutput { stdout, stderr })
}

thread_local! {
    /// Whether this thread runs inside [`guarded`] (its panics are reported
    /// as errors, so the panic hook keeps quiet).
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` (tantivy reading the index), turning a panic into an error with
/// its message. The last line of defence, on purpose: tantivy panics on
/// segment bytes it did not write (out-of-range slices, shift overflows:
/// 11 % of single bit flips in a pack re-tagged after the flip), and the
/// chunk tags keep damaged bytes from it, but not a forged index whose tags
/// were recomputed. An allocation failure aborts and cannot be caught.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(|g| g.get()) {
                previous(info);
            }
        }));
    });
    let was = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_owned())
    })
}

/// For each packed file, the cached chunks that hold some of its bytes.
fn chunks_by_file(dir: &ChunkDirectory, lang: Lang) -> Vec<(String, String)> {
    let m = dir.manifest();
    let cached = dir.cached_chunks();
    m.files
        .iter()
        .map(|f| {
            let span = m.chunks_of(f.offset..f.offset.saturating_add(f.len));
            let hit: Vec<String> = cached
                .iter()
                .filter(|c| span.contains(c))
                .map(|c| c.to_string())
                .collect();
            let read = tr!(
                "{} dari {} potongan [{}]",
                "{} of {} chunks [{}]",
                hit.len(),
                span.len(),
                hit.join(" ")
            );
            (f.name.clone(), read.get(lang).to_owned())
        })
        .collect()
}

fn json(hits: &[Hit]) -> String {
    let out = JsonHits {
        hits: hits
            .iter()
            .map(|h| JsonHit {
                url: &h.url,
                title: &h.title,
                kind: h.kind,
                sop: h.sop.as_deref(),
                step: h.step,
                snippet: &h.snippet,
                score: h.score,
            })
            .collect(),
    };
    // Strings and numbers only: serializing cannot fail.
    let mut s = serde_json::to_string(&out).unwrap_or_default();
    s.push('\n');
    s
}

/// `langkah  <title> — <SOP> · langkah 8 · <pelaksana> · <waktu>  <url>`.
fn human_line(h: &Hit) -> String {
    let mut detail: Vec<String> = Vec::new();
    if h.kind == Kind::Langkah {
        detail.extend(h.sop_nama.clone());
        detail.extend(h.step.map(|n| format!("langkah {n}")));
        detail.extend(h.pelaksana.clone().filter(|p| !p.is_empty()));
        detail.extend(h.waktu.clone());
    } else if h.kind == Kind::Pengetahuan {
        // An article's section: the article it is in.
        detail.extend(h.sop_nama.clone());
    }
    let detail = if detail.is_empty() {
        String::new()
    } else {
        format!(" — {}", detail.join(" · "))
    };
    format!("{:<11} {}{}  {}\n", h.kind.as_str(), h.title, detail, h.url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step_hit() -> Hit {
        Hit {
            url: "/sop/m/#langkah-8".into(),
            title: "Meminta Legal Drafting".into(),
            kind: Kind::Langkah,
            sop: Some("m".into()),
            step: Some(8),
            snippet: "<mark>Legal</mark>".into(),
            score: 1.5,
            sop_nama: Some("Penawaran".into()),
            pelaksana: Some("Bagian Hukum".into()),
            waktu: Some("1 hari".into()),
        }
    }

    #[test]
    fn a_step_line_names_sop_step_executor_and_time() {
        assert_eq!(
            human_line(&step_hit()),
            "langkah     Meminta Legal Drafting — Penawaran · langkah 8 · Bagian Hukum · 1 hari  /sop/m/#langkah-8\n"
        );
    }

    #[test]
    fn guarded_turns_a_panic_into_its_message() {
        assert_eq!(guarded(|| 7), Ok(7));
        assert_eq!(
            guarded(|| -> u8 { panic!("slice {} out of range", 9) }),
            Err("slice 9 out of range".to_owned())
        );
        assert_eq!(
            guarded(|| -> u8 { panic!("static text") }),
            Err("static text".to_owned())
        );
        // Nested: the inner guard leaves the outer one in force.
        let outer = guarded(|| {
            let _ = guarded(|| 1);
            panic!("after")
        });
        assert_eq!(outer, Err::<(), _>("after".to_owned()));
        assert!(!GUARDED.with(|g| g.get()));
    }

    #[test]
    fn json_has_exactly_the_contract_keys() {
        let v: serde_json::Value = serde_json::from_str(&json(&[step_hit()])).unwrap();
        let hit = v["hits"][0].as_object().unwrap();
        let keys: Vec<&str> = hit.keys().map(String::as_str).collect();
        let mut want = vec!["url", "title", "kind", "sop", "step", "snippet", "score"];
        want.sort_unstable();
        assert_eq!(keys, want);
        assert_eq!(hit["kind"], "langkah");
        assert_eq!(hit["step"], 8);
    }
}
