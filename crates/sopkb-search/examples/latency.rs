//! Warm query latency, stage by stage: opens a built site's index once,
//! reads every chunk the queries need, then times each query many times
//! the way the browser runs it (`search_batched`, everything cached) and
//! prints the median and p95 of each stage.
//!
//! ```sh
//! cargo run --release -p sopkb-search --example latency -- SITE [ROUNDS]
//! ```
//!
//! SITE is a built site (holding `search/index/`) or the index folder.
//! The queries are the browser benchmark's (`tests/browser/search.test.mjs`).

use sopkb_search::{Batched, ChunkDirectory, Hit, Searcher};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    "legal drafting",
    "tanda tangan",
    "kerjasama",
    "kerja sama",
    "PKS",
    "surat penawaran",
    "bupati",
    "nota kesepakatan",
    "kesepakatan bersama",
    "DPRD",
    "persetujuan DPRD",
    "TKKSD",
    "tim koordinasi",
    "rancangan perjanjian",
    "pihak ketiga",
    "evaluasi",
    "pemantauan",
    "registrasi",
    "laporan",
    "sekretaris daerah",
    "sekda",
    "bagian hukum",
    "kerangka acuan kerja",
    "KAK",
    "telaahan staf",
    "disposisi",
    "naskah",
    "paraf",
    "koordinasi",
    "Kemendagri",
    "gubernur",
    "provinsi",
    "pemerintah daerah lain",
    "badan usaha",
    "hari kerja",
    "rapat",
    "pembahasan",
    "undangan",
    "surat kuasa",
    "penandatanganan",
    "arsip",
    "dokumentasi",
    "berita acara",
    "permohonan fasilitasi",
    "OPD pemrakarsa",
    "menandatangani",
    "ditandatangani",
    "kelengkapan",
    "verifikasi",
    "PP 28 2018",
    "permendagri 22 2020",
];
/// The browser page asks for this many hits.
const LIMIT: usize = 30;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(site) = args.next().map(PathBuf::from) else {
        eprintln!("usage: latency SITE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let folder = if site.join("manifest.json").exists() {
        site
    } else {
        site.join("search/index")
    };
    let dir = ChunkDirectory::open_folder(&folder).unwrap_or_else(|e| {
        eprintln!("{}: {e}", folder.display());
        std::process::exit(2);
    });
    let t = Instant::now();
    let searcher = Searcher::open_chunked(dir.clone()).unwrap_or_else(|e| {
        eprintln!("{}: {e}", folder.display());
        std::process::exit(2);
    });
    println!(
        "{}: {} documents, opened in {:.1} ms",
        folder.display(),
        searcher.num_docs(),
        ms(t.elapsed())
    );
    // `LATENCY_QUERY=...`: that query alone (for a profiler).
    let only = std::env::var("LATENCY_QUERY").ok();
    let queries: Vec<&str> = match &only {
        Some(q) => vec![q.as_str()],
        None => QUERIES.to_vec(),
    };
    // Warm up: every chunk read once (the browser's "again" round).
    for q in QUERIES.iter().chain(&only.as_deref()) {
        let _ = searcher.search(q, &[], LIMIT);
    }
    let mut stages: BTreeMap<&'static str, Vec<Duration>> = BTreeMap::new();
    let mut totals = Vec::new();
    let mut hits_seen = 0usize;
    let mut by_query: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    for _ in 0..rounds {
        for &q in &queries {
            let start = Instant::now();
            let mut last = start;
            let mut per: BTreeMap<&'static str, Duration> = BTreeMap::new();
            let mut lap = |stage: &'static str| {
                let now = Instant::now();
                *per.entry(stage).or_default() += now - last;
                last = now;
            };
            let hits = match searcher.search_batched_laps(&dir, q, &[], LIMIT, &mut lap) {
                Ok(Batched::Hits(h)) => h,
                Ok(Batched::Fetch(c)) => panic!("{q}: {} chunks missing after warm-up", c.len()),
                Err(e) => panic!("{q}: {e}"),
            };
            let json = answer(&hits);
            lap("json");
            hits_seen += hits.len() + json.len() % 2;
            totals.push(start.elapsed());
            by_query.entry(q).or_default().push(start.elapsed());
            for (stage, d) in per {
                stages.entry(stage).or_default().push(d);
            }
        }
    }
    let n = totals.len();
    println!(
        "{n} queries ({} x {rounds}), {:.1} hits each; per query, ms:",
        queries.len(),
        hits_seen as f64 / n as f64
    );
    println!("{:<20} {:>8} {:>8} {:>8}", "stage", "median", "p95", "mean");
    let mut order: Vec<(&str, Vec<Duration>)> = stages.into_iter().collect();
    order.sort_by_key(|(s, _)| stage_rank(s));
    for (stage, mut ds) in order {
        // A stage a query skipped (an empty query) counts as zero.
        ds.resize(n, Duration::ZERO);
        row(stage, &mut ds);
    }
    row("total", &mut totals);
    let mut slow: Vec<(Duration, &str)> = by_query
        .into_iter()
        .map(|(q, mut ds)| {
            ds.sort_unstable();
            (ds[ds.len() / 2], q)
        })
        .collect();
    slow.sort_unstable_by(|a, b| b.cmp(a));
    let slow: Vec<String> = slow
        .iter()
        .take(8)
        .map(|(d, q)| format!("{q:?} {:.2}", ms(*d)))
        .collect();
    println!("slowest (median ms): {}", slow.join(", "));
}

/// What the WASM module hands the page (`{"hits":[..],"total":n}`), close
/// enough to time: the hits serialised by serde_json.
fn answer(hits: &[Hit]) -> String {
    serde_json::json!({ "hits": hits, "total": hits.len() }).to_string()
}

fn stage_rank(s: &str) -> usize {
    [
        "batch: parse",
        "batch: term infos",
        "batch: postings",
        "parse",
        "query",
        "score",
        "docs",
        "snippets",
        "json",
    ]
    .iter()
    .position(|x| *x == s)
    .unwrap_or(usize::MAX)
}

fn row(stage: &str, ds: &mut [Duration]) {
    ds.sort_unstable();
    let pct = |p: f64| ds[((p * ds.len() as f64).ceil() as usize).clamp(1, ds.len()) - 1];
    let mean = ds.iter().sum::<Duration>() / ds.len().max(1) as u32;
    println!(
        "{stage:<20} {:>8.3} {:>8.3} {:>8.3}",
        ms(pct(0.5)),
        ms(pct(0.95)),
        ms(mean)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
