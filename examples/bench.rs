//! The build benchmark of issue 9 (run it with `scripts/bench`): for each
//! size it generates the deterministic corpus (`examples/corpus/`), then
//! measures with the release binary, side by side with Hugo on the same
//! articles when `hugo` is installed:
//! - full build, cold (no previous output) and over the previous output:
//!   wall time, CPU time (user + sys) and peak memory of the child process
//!   (`/usr/bin/time`), output files and bytes;
//! - `sopkb serve`: the server's own rebuild time after one changed article
//!   and one changed SOP (the real watcher and rebuild path), and the time
//!   from the save to the rebuilt report;
//! - search: index size, bytes a cold query reads (`sopkb search --stats`,
//!   the files the browser fetches) plus the WASM module, and query latency
//!   (cold: open + first query from disk; warm: median) in process.
//!
//! `bench --sopkb PATH [--sizes 1000,10000] [--runs N] [--work DIR]
//! [--articles-only] [--no-hugo] [--no-serve]` prints one Markdown table and
//! the machine's load. `--articles-only` leaves out the generated SOPs and
//! registry entries: N articles beside the legal bases, glossary and
//! templates, the shape of a knowledge base that is mostly articles.

#[path = "corpus/mod.rs"]
mod corpus;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    "legal drafting",
    "PKS",
    "\"naskah kesepakatan\"",
    "laporan pemantauan",
];

struct Opts {
    sopkb: PathBuf,
    sizes: Vec<usize>,
    runs: usize,
    work: PathBuf,
    hugo: bool,
    serve: bool,
    articles_only: bool,
}

fn parse_opts() -> Opts {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let has = |name: &str| args.iter().any(|a| a == name);
    let sizes = get("--sizes")
        .unwrap_or_else(|| "1000,10000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("--sizes: numbers"))
        .collect();
    Opts {
        sopkb: get("--sopkb")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("target/release/sopkb")),
        sizes,
        runs: get("--runs").map_or(3, |r| r.parse().expect("--runs: a number")),
        work: get("--work")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("target/bench")),
        hugo: !has("--no-hugo") && which("hugo"),
        serve: !has("--no-serve"),
        articles_only: has("--articles-only"),
    }
}

fn which(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// One measured child process.
#[derive(Clone, Copy, Default)]
struct Run {
    wall: f64,
    cpu: f64,
    user: f64,
    sys: f64,
    peak_mib: f64,
}

/// Runs `cmd` under `/usr/bin/time` (wall from here, CPU and peak RSS from
/// the child's rusage); panics when it fails.
fn measure(cmd: &mut Command, tmp: &Path) -> Run {
    let timefile = tmp.join("time.txt");
    let prog = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let cwd = cmd.get_current_dir().map(Path::to_path_buf);
    let mut timed = Command::new("/usr/bin/time");
    timed
        .arg("-f")
        .arg("%U %S %M")
        .arg("-o")
        .arg(&timefile)
        .arg(&prog)
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => timed.env(k, v),
            None => timed.env_remove(k),
        };
    }
    if let Some(d) = cwd {
        timed.current_dir(d);
    }
    let start = Instant::now();
    let out = timed.output().expect("run /usr/bin/time");
    let wall = start.elapsed().as_secs_f64();
    if !out.status.success() {
        panic!(
            "{} failed: {}",
            prog.to_string_lossy(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = std::fs::read_to_string(&timefile).expect("time output");
    let last = text.lines().last().unwrap_or_default();
    let v: Vec<f64> = last
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    let (user, sys) = (*v.first().unwrap_or(&0.0), *v.get(1).unwrap_or(&0.0));
    Run {
        wall,
        cpu: user + sys,
        user,
        sys,
        peak_mib: v.get(2).unwrap_or(&0.0) / 1024.0,
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn median_run(runs: &[Run]) -> Run {
    Run {
        wall: median(runs.iter().map(|r| r.wall).collect()),
        cpu: median(runs.iter().map(|r| r.cpu).collect()),
        user: median(runs.iter().map(|r| r.user).collect()),
        sys: median(runs.iter().map(|r| r.sys).collect()),
        peak_mib: runs.iter().map(|r| r.peak_mib).fold(0.0, f64::max),
    }
}

/// (files, bytes) under `dir`.
fn tree_size(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let Ok(m) = e.metadata() else { continue };
            if m.is_dir() {
                todo.push(e.path());
            } else {
                files += 1;
                bytes += m.len();
            }
        }
    }
    (files, bytes)
}

fn uptime() -> String {
    Command::new("uptime")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|_| "?".into())
}

/// Server-reported times (ms) of one kind of edit: the first report (a
/// preview of the edited pages, if the server sends one) and the exact
/// rebuild; `*_save`: from the save to that report on stderr.
#[derive(Default)]
struct Edit {
    first: Option<f64>,
    first_save: Option<f64>,
    exact: Option<f64>,
    exact_save: Option<f64>,
}

/// Everything measured for one size.
#[derive(Default)]
struct Row {
    n: usize,
    stats: corpus::Stats,
    cold: Run,
    warm: Run,
    out_files: usize,
    out_bytes: u64,
    hugo_cold: Option<Run>,
    hugo_warm: Option<Run>,
    hugo_files: usize,
    hugo_bytes: u64,
    serve_initial_ms: Option<f64>,
    serve_page: Edit,
    serve_sop: Edit,
    serve_peak_mib: Option<f64>,
    index_bytes: u64,
    index_docs: u64,
    query_index_bytes: u64,
    query_module_bytes: u64,
    query_cold_ms: f64,
    query_warm_us: f64,
    cli_query_ms: f64,
}

fn main() {
    let mut o = parse_opts();
    assert!(
        o.sopkb.is_file(),
        "{}: build it first (scripts/bench does)",
        o.sopkb.display()
    );
    // Absolute: Hugo resolves a relative --destination against --source.
    std::fs::create_dir_all(&o.work).expect("work dir");
    o.work = std::path::absolute(&o.work).expect("work dir");
    // A copy: a `cargo build` during the run cannot swap the binary under it.
    let copy = o.work.join("sopkb-under-test");
    std::fs::copy(&o.sopkb, &copy).expect("copy the sopkb binary");
    o.sopkb = copy;
    let load_before = uptime();
    let mut rows = Vec::new();
    for &n in &o.sizes {
        eprintln!("== {n} pages");
        rows.push(bench_size(&o, n));
    }
    let load_after = uptime();
    print_table(&o, &rows, &load_before, &load_after);
}

fn bench_size(o: &Opts, n: usize) -> Row {
    let dir = o.work.join(n.to_string());
    let site = dir.join("site");
    let hugo_dir = dir.join("hugo");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("work dir");
    let mut spec = corpus::Spec::for_pages(n);
    if o.articles_only {
        (spec.sops, spec.registry) = (0, 0);
    }
    let stats = corpus::generate(&spec, &site, o.hugo.then_some(hugo_dir.as_path()))
        .expect("generate the corpus");
    let mut row = Row {
        n,
        stats,
        ..Row::default()
    };
    let public = dir.join("public");
    let build = |out: &Path| {
        let mut c = Command::new(&o.sopkb);
        c.arg("build")
            .arg("--root")
            .arg(&site)
            .arg("--out")
            .arg(out)
            .env("SOPKB_LANG", "en");
        c
    };
    // Full builds: cold (no output yet), then again over the previous output.
    let (mut cold, mut warm) = (Vec::new(), Vec::new());
    for r in 0..o.runs {
        let _ = std::fs::remove_dir_all(&public);
        sync();
        cold.push(measure(&mut build(&public), &dir));
        sync();
        warm.push(measure(&mut build(&public), &dir));
        eprintln!(
            "  sopkb run {}: cold {:.2} s, again {:.2} s",
            r + 1,
            cold[r].wall,
            warm[r].wall
        );
    }
    row.cold = median_run(&cold);
    row.warm = median_run(&warm);
    (row.out_files, row.out_bytes) = tree_size(&public);
    if o.hugo {
        let hugo_public = dir.join("hugo-public");
        let hugo = || {
            let mut c = Command::new("hugo");
            c.arg("--quiet")
                .arg("--source")
                .arg(&hugo_dir)
                .arg("--destination")
                .arg(&hugo_public);
            c
        };
        let (mut hc, mut hw) = (Vec::new(), Vec::new());
        for r in 0..o.runs {
            let _ = std::fs::remove_dir_all(&hugo_public);
            let _ = std::fs::remove_dir_all(hugo_dir.join("resources"));
            sync();
            hc.push(measure(&mut hugo(), &dir));
            sync();
            hw.push(measure(&mut hugo(), &dir));
            eprintln!(
                "  hugo run {}: cold {:.2} s, again {:.2} s",
                r + 1,
                hc[r].wall,
                hw[r].wall
            );
        }
        row.hugo_cold = Some(median_run(&hc));
        row.hugo_warm = Some(median_run(&hw));
        (row.hugo_files, row.hugo_bytes) = tree_size(&hugo_public);
    }
    search(o, &public, &mut row);
    if o.serve {
        serve(o, &site, &mut row);
    }
    row
}

fn sync() {
    let _ = Command::new("sync").status();
}

fn search(o: &Opts, public: &Path, row: &mut Row) {
    let index = public.join("search/index");
    (_, row.index_bytes) = tree_size(&index);
    let module: u64 = std::fs::read_dir(public.join("search"))
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    row.query_module_bytes = module;
    // Bytes a cold query reads, as `sopkb search --stats` reports them.
    let mut read = Vec::new();
    let mut cli = Vec::new();
    for q in QUERIES {
        let start = Instant::now();
        let out = Command::new(&o.sopkb)
            .args(["search", "--stats", "--limit", "10", "--site"])
            .arg(public)
            .arg(q)
            .env("SOPKB_LANG", "en")
            .output()
            .expect("sopkb search");
        cli.push(start.elapsed().as_secs_f64() * 1000.0);
        let err = String::from_utf8_lossy(&out.stderr);
        // "read: C of N chunks, B of T index bytes (+ manifest M bytes); D documents"
        if let Some(line) = err.lines().find(|l| l.starts_with("read:")) {
            let nums: Vec<u64> = line
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|x| x.parse().ok())
                .collect();
            if nums.len() >= 6 {
                read.push((nums[2] + nums[4]) as f64);
                row.index_docs = nums[5];
            }
        }
    }
    row.query_index_bytes = median(read) as u64;
    row.cli_query_ms = median(cli);
    // In process: cold open + first query from disk, then warm latency.
    let mut colds = Vec::new();
    let mut warms = Vec::new();
    for q in QUERIES {
        let start = Instant::now();
        let dir = sopkb_search::ChunkDirectory::open_folder(&index).expect("open index");
        let s = sopkb_search::Searcher::open_chunked(dir).expect("open searcher");
        s.search(q, &[], 10).expect("search");
        colds.push(start.elapsed().as_secs_f64() * 1000.0);
        for _ in 0..21 {
            let t = Instant::now();
            s.search(q, &[], 10).expect("search");
            warms.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    row.query_cold_ms = median(colds);
    row.query_warm_us = median(warms);
}

/// Starts `sopkb serve`, waits for the first build, then times rebuilds
/// after saving one article and one SOP.
fn serve(o: &Opts, site: &Path, row: &mut Row) {
    let mut child = Command::new(&o.sopkb)
        .args(["serve", "--port", "0", "--root"])
        .arg(site)
        .env("SOPKB_LANG", "en")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sopkb serve");
    let pid = child.id();
    let (tx, rx) = mpsc::channel::<(Instant, String)>();
    let stderr = child.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    let timeout = Duration::from_secs(300);
    // The first build, then the "serving" line.
    let first = wait_for(&rx, timeout, |l| l.contains(" built") && l.contains(" ms"));
    row.serve_initial_ms = first.as_ref().and_then(|(_, l)| ms_of(l));
    if wait_for(&rx, timeout, |l| l.contains("serving http")).is_none() {
        eprintln!("  serve did not start");
        let _ = child.kill();
        let _ = child.wait();
        return;
    }
    let edit_times = |rel: String, edit: &dyn Fn(&str, usize) -> String| {
        let path = site.join(&rel);
        let original = std::fs::read_to_string(&path).expect("read the edited file");
        let (mut first, mut first_save, mut exact, mut exact_save) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for i in 0..o.runs.max(3) {
            std::thread::sleep(Duration::from_millis(300));
            while rx.try_recv().is_ok() {}
            let text = edit(&original, i);
            let t0 = Instant::now();
            std::fs::write(&path, text).expect("save the edit");
            // A preview (edited pages first) may come before the exact build.
            let report =
                |l: &str| l.contains("rebuilt") || l.contains("preview") || l.contains("failed");
            let mut seen_first = false;
            loop {
                let Some((at, line)) = wait_for(&rx, timeout, report) else {
                    eprintln!("  serve: no rebuild report for {rel}");
                    break;
                };
                let Some(ms) = ms_of(&line) else {
                    eprintln!("  serve: {line}");
                    break;
                };
                let save = at.duration_since(t0).as_secs_f64() * 1000.0;
                if !seen_first {
                    first.push(ms);
                    first_save.push(save);
                    seen_first = true;
                }
                if line.contains("rebuilt") {
                    exact.push(ms);
                    exact_save.push(save);
                    break;
                }
            }
        }
        std::fs::write(&path, original).expect("restore");
        let _ = wait_for(&rx, Duration::from_secs(120), |l| l.contains("rebuilt"));
        eprintln!("  serve {rel}: first report {first:?} ms, exact rebuild {exact:?} ms");
        let m = |v: Vec<f64>| (!v.is_empty()).then(|| median(v));
        Edit {
            first: m(first),
            first_save: m(first_save),
            exact: m(exact),
            exact_save: m(exact_save),
        }
    };
    let article = corpus::article_rel(row.stats.articles / 2);
    row.serve_page = edit_times(article, &|text, i| {
        format!("{text}\nKalimat tambahan nomor {i} untuk uji pembangunan ulang.\n")
    });
    if row.stats.sops > 0 {
        let sop = corpus::sop_rel(row.stats.sops / 2);
        row.serve_sop = edit_times(sop, &|text, i| {
            text.replacen("nama: \"Prosedur ", &format!("nama: \"Prosedur Uji{i} "), 1)
        });
    }
    row.serve_peak_mib = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0);
    let _ = child.kill();
    let _ = child.wait();
}

fn wait_for(
    rx: &mpsc::Receiver<(Instant, String)>,
    timeout: Duration,
    want: impl Fn(&str) -> bool,
) -> Option<(Instant, String)> {
    let end = Instant::now() + timeout;
    loop {
        let left = end.checked_duration_since(Instant::now())?;
        match rx.recv_timeout(left) {
            Ok((at, line)) if want(&line) => return Some((at, line)),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

/// "… in 123 ms; …" -> 123.
fn ms_of(line: &str) -> Option<f64> {
    let i = line.find(" in ")?;
    line[i + 4..].split_whitespace().next()?.parse().ok()
}

fn mb(b: u64) -> String {
    format!("{:.1} MB", b as f64 / 1e6)
}

fn secs(r: &Run) -> String {
    format!("{:.2} s", r.wall)
}

fn opt_ms(v: Option<f64>) -> String {
    v.map_or("n/a".into(), |x| format!("{x:.0} ms"))
}

fn print_table(o: &Opts, rows: &[Row], before: &str, after: &str) {
    let hugo_version = Command::new("hugo")
        .arg("version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "sopkb build benchmark (issue 9): {} runs per figure, medians; peak memory = max",
        o.runs
    );
    println!("machine: {cores} cores; load before: {before}");
    println!("machine: load after:  {after}");
    println!("work folder (corpus and outputs): {}", o.work.display());
    if o.hugo {
        println!("hugo: {hugo_version}");
    }
    println!();
    let mut head = String::from("| metric |");
    let mut rule = String::from("|---|");
    for r in rows {
        head.push_str(&format!(" {} pages |", r.n));
        rule.push_str("---:|");
    }
    println!("{head}\n{rule}");
    let line = |name: &str, f: &dyn Fn(&Row) -> String| {
        let mut s = format!("| {name} |");
        for r in rows {
            s.push_str(&format!(" {} |", f(r)));
        }
        println!("{s}");
    };
    line("corpus: articles / words (mean) / Markdown", &|r| {
        format!(
            "{} / {} ({}) / {}",
            r.stats.articles,
            r.stats.article_words,
            r.stats.article_words / r.stats.articles.max(1),
            mb(r.stats.article_bytes as u64)
        )
    });
    line("corpus: SOPs (steps) / registry entries", &|r| {
        format!(
            "{} ({}) / {}",
            r.stats.sops, r.stats.steps, r.stats.registry
        )
    });
    line("**sopkb full build, cold: wall**", &|r| {
        format!("**{}**", secs(&r.cold))
    });
    line("sopkb full build, cold: CPU user + sys", &|r| {
        format!("{:.2} + {:.2} s", r.cold.user, r.cold.sys)
    });
    line("sopkb full build, cold: peak memory", &|r| {
        format!("{:.0} MiB", r.cold.peak_mib)
    });
    line("sopkb build again over previous output: wall", &|r| {
        secs(&r.warm)
    });
    line("sopkb build again: CPU user + sys / peak memory", &|r| {
        format!(
            "{:.2} + {:.2} s / {:.0} MiB",
            r.warm.user, r.warm.sys, r.warm.peak_mib
        )
    });
    line("sopkb output: files / bytes", &|r| {
        format!("{} / {}", r.out_files, mb(r.out_bytes))
    });
    line("output within Cloudflare Pages' 20,000 files", &|r| {
        if r.out_files <= 20_000 {
            "yes"
        } else {
            "**no**"
        }
        .to_owned()
    });
    if o.hugo {
        line("**Hugo build, cold: wall** (no search)", &|r| {
            format!("**{}**", r.hugo_cold.as_ref().map_or("n/a".into(), secs))
        });
        line("Hugo cold: CPU user + sys / peak memory", &|r| {
            r.hugo_cold.as_ref().map_or("n/a".into(), |h| {
                format!("{:.2} + {:.2} s / {:.0} MiB", h.user, h.sys, h.peak_mib)
            })
        });
        line("Hugo again over previous output: wall", &|r| {
            r.hugo_warm.as_ref().map_or("n/a".into(), secs)
        });
        line("Hugo output: files / bytes", &|r| {
            format!("{} / {}", r.hugo_files, mb(r.hugo_bytes))
        });
        line("sopkb output bytes / Hugo output bytes", &|r| {
            format!("{:.2}×", r.out_bytes as f64 / r.hugo_bytes.max(1) as f64)
        });
        line("**sopkb cold wall / Hugo cold wall**", &|r| {
            r.hugo_cold
                .as_ref()
                .map_or("n/a".into(), |h| format!("{:.2}×", r.cold.wall / h.wall))
        });
        line("sopkb again / Hugo again (wall)", &|r| {
            r.hugo_warm
                .as_ref()
                .map_or("n/a".into(), |h| format!("{:.2}×", r.warm.wall / h.wall))
        });
    }
    if rows.len() > 1 {
        let first = &rows[0];
        line(
            "growth vs first size: cold wall / again wall / user CPU",
            &|r| {
                format!(
                    "{:.1}× / {:.1}× / {:.1}×",
                    r.cold.wall / first.cold.wall,
                    r.warm.wall / first.warm.wall,
                    r.cold.user / first.cold.user
                )
            },
        );
    }
    if o.serve {
        line("serve: first build (in memory)", &|r| {
            opt_ms(r.serve_initial_ms)
        });
        for (what, get) in [
            ("article", (|r: &Row| &r.serve_page) as fn(&Row) -> &Edit),
            ("SOP", |r: &Row| &r.serve_sop),
        ] {
            line(
                &format!("**serve: 1 changed {what}: exact rebuild**"),
                &|r| format!("**{}**", opt_ms(get(r).exact)),
            );
            line(
                &format!("serve: 1 changed {what}: first report (preview)"),
                &|r| opt_ms(get(r).first),
            );
            line(
                &format!("serve: 1 changed {what}: save → first / exact report"),
                &|r| {
                    format!(
                        "{} / {}",
                        opt_ms(get(r).first_save),
                        opt_ms(get(r).exact_save)
                    )
                },
            );
        }
        line("serve: peak memory", &|r| {
            r.serve_peak_mib
                .map_or("n/a".into(), |m| format!("{m:.0} MiB"))
        });
    }
    line("search index: bytes / documents", &|r| {
        format!("{} / {}", mb(r.index_bytes), r.index_docs)
    });
    line("search: index bytes read by a cold query (median)", &|r| {
        format!("{:.0} KB", r.query_index_bytes as f64 / 1e3)
    });
    line("search: + WASM module and glue (uncompressed)", &|r| {
        format!(
            "{:.0} KB (total {:.0} KB)",
            r.query_module_bytes as f64 / 1e3,
            (r.query_module_bytes + r.query_index_bytes) as f64 / 1e3
        )
    });
    line("search: cold open + first query, in process", &|r| {
        format!("{:.1} ms", r.query_cold_ms)
    });
    line("search: warm query latency (median)", &|r| {
        format!("{:.0} µs", r.query_warm_us)
    });
    line("search: `sopkb search` process, end to end", &|r| {
        format!("{:.0} ms", r.cli_query_ms)
    });
    println!();
    println!("queries: {}", QUERIES.join(" | "));
}
