//! Save-to-reloaded-page latency of `sopkb serve`: `cargo bench --bench
//! serve_reload [-- --runs N --pages N]`. For the shipped site and for a
//! generated site of 1,000 SOPs (deterministic), it starts the release
//! binary on a copy, keeps a reload stream open like a browser tab, then
//! repeatedly saves a file and times: the write -> the reload event on
//! `/__sopkb/events` -> the page fetched again, with the edit in it. Prints
//! median and p95 per scenario and the server's own rebuild times.
//! Under `cargo test` (no `--bench` argument) it does nothing.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let arg = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let runs = arg("--runs", 30);
    let pages = arg("--pages", 1000);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));

    println!("sopkb serve: save -> reload event -> page fetched ({runs} runs per scenario)");
    println!(
        "client side: save -> first reload event (event) -> page fetched with the edit (page);"
    );
    println!("server side: preview of the edited SOP ready, exact site ready (from its log)");
    println!(
        "{:<42} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "scenario", "event p50", "page p50", "page p95", "prev p50", "exact p50", "exact p95"
    );

    let shipped = tempfile::tempdir().expect("temp dir");
    for entry in ["sopkb.toml", "sops", "content", "static"] {
        copy_tree(&repo.join(entry), &shipped.path().join(entry));
    }
    let sop = first_sop(&shipped.path().join("sops"));
    let server = Server::start(shipped.path());
    let page = format!("/sop/{sop}/");
    server.measure("shipped: edit one SOP", runs, &page, |i| {
        edit_nama(&shipped.path().join(format!("sops/{sop}.yaml")), i)
    });
    drop(server);

    let big = tempfile::tempdir().expect("temp dir");
    generate(big.path(), pages);
    let server = Server::start(big.path());
    let label = format!("{pages} SOPs: edit one SOP");
    server.measure(&label, runs, "/sop/sop-0500/", |i| {
        edit_nama(&big.path().join("sops/sop-0500.yaml"), i)
    });
    let label = format!("{pages} SOPs: edit one static file");
    server.measure(&label, runs, "/css/extra.css", |i| {
        let text = format!("/* uji {i} */ p {{ margin: 0 }}\n");
        std::fs::write(big.path().join("static/css/extra.css"), &text).unwrap();
        format!("uji {i}")
    });
    let label = format!("{pages} SOPs: edit a legal basis (full)");
    server.measure(&label, runs.min(10), "/dasar-hukum/pp-28-2018/", |i| {
        let path = big.path().join("content/dasar-hukum/pp-28-2018.md");
        let text = std::fs::read_to_string(&path).unwrap();
        let body = text.split("---\n").nth(2).unwrap_or_default().to_owned();
        let marker = format!("Catatan uji {i}.");
        let head = text.strip_suffix(&body).unwrap_or(&text);
        std::fs::write(&path, format!("{head}{marker}\n")).unwrap();
        marker
    });
}

/// A running `sopkb serve` with an open reload stream.
struct Server {
    child: Child,
    port: u16,
    events: Receiver<(Instant, String)>,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sopkb"))
            .arg("--root")
            .arg(root)
            .args(["serve", "--port", "0"])
            .env("SOPKB_LANG", "en")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start sopkb serve");
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
        let (tx, rx) = channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push_str(&format!("{line}\n"));
                let _ = tx.send(line);
            }
        });
        let start = Instant::now();
        let port = loop {
            let line = rx.recv_timeout(TIMEOUT).expect("serve printed no address");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                break digits.parse().unwrap();
            }
            assert!(start.elapsed() < TIMEOUT, "no address");
        };
        let events = open_events(port);
        // The stream's first message is the current build.
        events.recv_timeout(TIMEOUT).expect("no first event");
        Server {
            child,
            port,
            events,
            log,
        }
    }

    /// Runs `edit(i)` (which returns a text the page must then contain)
    /// `runs` times after one warm-up, timing the first reload event and
    /// the page fetched after it; also reads the server's own times of the
    /// preview and of the exact build from its log.
    fn measure(&self, label: &str, runs: usize, page: &str, edit: impl Fn(usize) -> String) {
        let (mut event_ms, mut page_ms, mut preview_ms, mut exact_ms) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for i in 0..=runs {
            while self.events.try_recv().is_ok() {}
            let log_at = self.log.lock().unwrap().len();
            let t0 = Instant::now();
            let marker = edit(i);
            // The first event after which the page shows the edit (an event
            // of the previous edit's exact build may still be in flight).
            let (t1, t2) = loop {
                let (t1, _) = self.events.recv_timeout(TIMEOUT).expect("no reload event");
                let body = get(self.port, page);
                if body.contains(&marker) {
                    break (t1, Instant::now());
                }
                assert!(
                    t0.elapsed() < TIMEOUT,
                    "{label}: the page never shows `{marker}`"
                );
            };
            // Let the exact build finish before the next edit.
            let (preview, exact) = loop {
                let log = self.log.lock().unwrap()[log_at..].to_owned();
                let time = |l: &str| -> Option<f64> {
                    l.split(" in ").nth(1)?.split(" ms").next()?.parse().ok()
                };
                let preview = log
                    .lines()
                    .find(|l| l.contains("preview of"))
                    .and_then(time);
                if let Some(exact) = log
                    .lines()
                    .find(|l| !l.contains("preview of"))
                    .and_then(time)
                {
                    break (preview, exact);
                }
                assert!(t0.elapsed() < TIMEOUT, "{label}: no build line in\n{log}");
                std::thread::sleep(Duration::from_millis(5));
            };
            if i > 0 {
                event_ms.push(ms(t1 - t0));
                page_ms.push(ms(t2 - t0));
                preview_ms.extend(preview);
                exact_ms.push(exact);
            }
        }
        println!(
            "{label:<42} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            fmt(percentile(&mut event_ms, 50.0)),
            fmt(percentile(&mut page_ms, 50.0)),
            fmt(percentile(&mut page_ms, 95.0)),
            fmt(percentile(&mut preview_ms, 50.0)),
            fmt(percentile(&mut exact_ms, 50.0)),
            fmt(percentile(&mut exact_ms, 95.0)),
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn open_events(port: u16) -> Receiver<(Instant, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"GET /__sopkb/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if let Some(id) = line.strip_prefix("data: ") {
                if tx.send((Instant::now(), id.to_owned())).is_err() {
                    break;
                }
            }
        }
    });
    rx
}

fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    String::from_utf8_lossy(&buf).into_owned()
}

/// Rewrites the SOP's `nama:` line; returns the new name.
fn edit_nama(path: &Path, i: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    let mut name = String::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("nama: ").filter(|_| name.is_empty()) {
            let base = rest.split(" (uji ").next().unwrap_or(rest);
            let base = base.split(" #").next().unwrap_or(base).trim();
            name = format!("{base} (uji {i})");
            let _ = writeln!(out, "nama: {name}");
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    std::fs::write(path, out).unwrap();
    name
}

fn first_sop(dir: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".yaml").map(str::to_owned))
        .collect();
    names.sort();
    names.into_iter().next().expect("a shipped SOP")
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    } else if from.is_dir() {
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    }
}

/// A deterministic project of `n` SOPs (5 to 12 steps, 3 to 5 lanes, a
/// decision, related SOPs, 20 governments), three legal bases, a static file.
fn generate(root: &Path, n: usize) {
    let write = |rel: &str, text: &str| {
        let p: PathBuf = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "sopkb.toml",
        "title = \"Uji 1000\"\nbase_url = \"/\"\nlanguage = \"id\"\n",
    );
    write(
        "content/_index.md",
        "---\njudul: Beranda\n---\nSitus uji.\n",
    );
    for (id, jenis, nomor, tahun) in [
        ("pp-28-2018", "Peraturan Pemerintah", "28", 2018),
        (
            "permendagri-22-2020",
            "Peraturan Menteri Dalam Negeri",
            "22",
            2020,
        ),
        ("uu-23-2014", "Undang-Undang", "23", 2014),
    ] {
        write(
            &format!("content/dasar-hukum/{id}.md"),
            &format!(
                "---\njenis: {jenis}\nnomor: \"{nomor}\"\ntahun: {tahun}\ntentang: Kerja Sama Daerah\nstatus: berlaku\n---\nRingkasan {id}.\n"
            ),
        );
    }
    write("static/css/extra.css", "p { margin: 0 }\n");
    let lanes = ["opd", "tapem", "hukum", "sekda", "bupati"];
    let verbs = [
        "Mengajukan permohonan fasilitasi kerja sama",
        "Memeriksa kelengkapan dokumen",
        "Menyusun rancangan naskah kesepakatan",
        "Membahas rancangan dalam rapat TKKSD",
        "Mengoreksi rancangan perjanjian",
        "Memaraf naskah perjanjian",
        "Menandatangani naskah kerja sama",
        "Mengirim naskah kepada pihak kedua",
        "Mencatat kerja sama dalam register",
        "Melaporkan pelaksanaan kerja sama",
        "Mengarsipkan dokumen kerja sama",
        "Mengevaluasi pelaksanaan kerja sama",
    ];
    let times = [
        "15 menit",
        "30 menit",
        "1 jam",
        "2 jam",
        "1 hari",
        "1 hari kerja",
    ];
    for i in 1..=n {
        let lane_count = 3 + i % 3;
        let steps = 5 + i % 8;
        let mut y = String::new();
        let _ = writeln!(y, "nama: Prosedur Kerja Sama Uji Nomor {i}");
        let _ = writeln!(y, "nomor: \"{i}/UJI/2024\"");
        let _ = writeln!(y, "instansi: Pemerintah Kabupaten Uji {}", i % 20);
        y.push_str("unit: Bagian Tata Pemerintahan\ntahap: [penawaran]\n");
        y.push_str("dasar_hukum: [pp-28-2018, permendagri-22-2020]\n");
        if i > 1 && i % 4 == 0 {
            let _ = writeln!(y, "keterkaitan:\n  - sop: sop-{:04}", i - 1);
        }
        y.push_str("pelaksana:\n");
        for l in &lanes[..lane_count] {
            let _ = writeln!(y, "  - {{ id: {l}, nama: Pelaksana {l} }}");
        }
        y.push_str("langkah:\n");
        for s in 0..steps {
            let lane = lanes[(s + i) % lane_count];
            let _ = writeln!(
                y,
                "  - kegiatan: {} tahap {}",
                verbs[(s + i) % verbs.len()],
                s + 1
            );
            let _ = writeln!(y, "    pelaksana: {lane}");
            let _ = writeln!(y, "    kelengkapan: [Dokumen {}]", s + 1);
            let _ = writeln!(y, "    waktu: {}", times[(s * 7 + i) % times.len()]);
            let _ = writeln!(y, "    output: [Hasil {}]", s + 1);
            if s == 2 {
                y.push_str("    keputusan:\n      Ya: 4\n      Tidak: 2\n");
            }
        }
        // Every lane carries at least one step (an unused lane is a warning).
        for (k, l) in lanes[..lane_count].iter().enumerate() {
            if !(0..steps).any(|s| (s + i) % lane_count == k) {
                let _ = writeln!(
                    y,
                    "  - kegiatan: Menerima tembusan\n    pelaksana: {l}\n    waktu: 15 menit"
                );
            }
        }
        write(&format!("sops/sop-{i:04}.yaml"), &y);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(v: &mut [f64], p: f64) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p / 100.0) * (v.len() as f64 - 1.0)).round() as usize;
    Some(v[rank])
}

fn fmt(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.0} ms"))
        .unwrap_or_else(|| "-".into())
}
