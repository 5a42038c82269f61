//! The bad-input corpus: every case of `bad_input/cases/` is a base
//! project of `bad_input/bases/` changed by the case's `files/` (and, for
//! inputs too big or too odd to commit, a named generator), run through
//! the real binary under a memory limit and a kill deadline. Each must end
//! as its `case.toml` says: its exit code and exactly the diagnostics it
//! lists (code, file, line, column, message), or a clean build; never a
//! panic, a hang or a half-written site, and after a failed build the
//! previous site is byte-identical. The format: bad_input/README.md.

mod cases;
mod expect;

use crate::common;

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/testsuite/bad_input");
/// Virtual memory a run may use (`ulimit -v`, KiB): generous for a debug
/// build with its worker threads, far below what an alias bomb would take.
const MEMORY_KIB: u64 = 3 * 1024 * 1024;
/// Kill deadline: a hang, not a timing assertion.
const DEADLINE: Duration = Duration::from_secs(240);
/// Size of the generated huge files (over the 10 MB content limit).
const HUGE: usize = 50 * 1024 * 1024;

/// `case.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Case {
    /// What the case feeds sopkb, in one line.
    about: String,
    /// The project it changes: `bases/valid/` with `bases/<base>/` written
    /// over it (default `full`).
    #[serde(default)]
    pub(crate) base: Option<String>,
    /// Arguments after `--root DIR` (default `build`); `{root}` is replaced.
    #[serde(default)]
    args: Option<Vec<String>>,
    exit: i32,
    /// Every diagnostic the command prints, one `CODE PLACE[: MESSAGE]`
    /// each (`bad_input/expect.rs`); none: it prints none.
    #[serde(default)]
    pub(crate) diagnostics: Vec<String>,
    /// Files of the base project to delete first.
    #[serde(default)]
    remove: Vec<String>,
    /// A generator of `generate()`, for inputs not committed.
    #[serde(default)]
    generate: Option<String>,
    /// Texts the output (stderr) must contain, e.g. the line counting the
    /// diagnostics left out.
    #[serde(default)]
    stderr: Vec<String>,
    /// `false`: a listed error may come without a `= bantuan:` line.
    #[serde(default = "yes")]
    help: bool,
}

fn yes() -> bool {
    true
}

impl Case {
    fn base(&self) -> &str {
        self.base.as_deref().unwrap_or("full")
    }
}

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs the binary with `ulimit -v` and a kill deadline.
fn run_limited(root: &Path, args: &[String]) -> Outcome {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_sopkb"))
        .arg("--root")
        .arg(root)
        .args(args)
        .current_dir(root)
        .env_remove("SOPKB_LANG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawn sopkb");
    let read_all = |mut from: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            from.read_to_end(&mut buf).ok();
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out_reader = read_all(Box::new(child.stdout.take().expect("stdout")));
    let reader = read_all(Box::new(child.stderr.take().expect("stderr")));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > DEADLINE {
            child.kill().ok();
            child.wait().ok();
            panic!("sopkb {args:?} still running after {DEADLINE:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Outcome {
        code: status.code(),
        stdout: out_reader.join().expect("reader"),
        stderr: reader.join().expect("reader"),
        elapsed: start.elapsed(),
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("under");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// A base project (`bases/valid/` with `bases/<name>/` over it) in `to`.
fn copy_base(name: &str, to: &Path) {
    let bases = Path::new(FIXTURES).join("bases");
    copy_tree(&bases.join("valid"), to);
    if name != "valid" {
        assert!(bases.join(name).is_dir(), "no base `{name}`");
        copy_tree(&bases.join(name), to);
    }
}

/// The site each base builds, built once: the "previous site" of its cases.
fn previous_site(base: &str) -> &'static BTreeMap<String, Vec<u8>> {
    type Sites = BTreeMap<String, &'static BTreeMap<String, Vec<u8>>>;
    static SITES: std::sync::Mutex<Sites> = std::sync::Mutex::new(BTreeMap::new());
    let mut sites = SITES.lock().unwrap_or_else(|e| e.into_inner());
    sites.entry(base.to_owned()).or_insert_with(|| {
        let dir = tempfile::tempdir().expect("tmp");
        copy_base(base, dir.path());
        let run = run_limited(dir.path(), &["build".into()]);
        assert_eq!(
            run.code,
            Some(0),
            "the base project `{base}` builds:\n{}",
            run.stderr
        );
        Box::leak(Box::new(common::snapshot(&dir.path().join("public"))))
    })
}

fn write_site(out: &Path, site: &BTreeMap<String, Vec<u8>>) {
    for (rel, bytes) in site {
        let p = out.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
    }
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write");
}

#[cfg(unix)]
fn link(target: impl AsRef<Path>, root: &Path, at: &str) {
    let p = root.join(at);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::os::unix::fs::symlink(target, p).expect("symlink");
}

/// An SOP with lanes `a` and `b` whose `langkah` is a flow sequence of
/// `steps` on one line (line 6).
fn sop_line(steps: &str) -> String {
    format!(
        "nama: Uji\ninstansi: Pemerintah Kabupaten Uji\npelaksana:\n  - {{ id: a, nama: A }}\n  - {{ id: b, nama: B }}\nlangkah: [{steps}]\n"
    )
}

/// An article of `content/pengetahuan/` with `body`.
fn article(body: &str) -> String {
    format!("---\njudul: Uji\nringkasan: r\ndiperbarui: 2025-01-01\n---\n{body}")
}

/// An SOP at every limit of `src/limits.rs` and `src/validate/limits.rs`: 500 steps, 30 lanes,
/// steps on all lanes, decisions of 10 branches, texts of 2,000
/// characters, just under 200,000 characters of text in all.
fn sop_at_the_limits() -> String {
    // A fixed pseudo-random sequence (the output must not change).
    let mut seed = 1u64;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let lanes: Vec<String> = (0..30).map(|i| format!("l{i}")).collect();
    let mut s = String::from("nama: Batas\ninstansi: Uji\npelaksana:\n");
    for l in &lanes {
        s.push_str(&format!("  - {{ id: {l}, nama: Pelaksana {l} }}\n"));
    }
    s.push_str("langkah:\n");
    for i in 0..500 {
        let text = if i % 50 == 0 {
            format!("{} x", "kata ".repeat(399))
        } else {
            "Memeriksa kelengkapan dan kebenaran dokumen kerja sama ".repeat(4)
        };
        let on: Vec<&str> = if i % 10 == 0 {
            lanes.iter().map(String::as_str).collect()
        } else {
            vec![&lanes[next(30)]]
        };
        s.push_str(&format!(
            "  - kegiatan: {}\n    pelaksana: [{}]\n    waktu: 5 menit\n",
            text.trim(),
            on.join(", ")
        ));
        if i % 5 == 4 && i < 499 {
            let mut branches = vec![format!("Lanjut: {}", i + 2)];
            while branches.len() < 10 {
                let t = 1 + next(500);
                if t != i + 1 {
                    branches.push(format!("B{}: {t}", branches.len()));
                }
            }
            s.push_str(&format!("    keputusan: {{ {} }}\n", branches.join(", ")));
        }
    }
    s
}

/// Inputs made at test time: too big to commit, or not files git keeps.
/// `outside` is a folder beside the project (for links that leave it).
fn generate(name: &str, root: &Path, outside: &Path) {
    let sop = |steps: &str| {
        format!(
            "nama: Uji\ninstansi: Pemerintah Kabupaten Uji\npelaksana:\n  - {{ id: a, nama: A }}\n  - {{ id: b, nama: B }}\nlangkah:\n{steps}"
        )
    };
    match name {
        "huge-sop" => {
            let mut text =
                sop("  - { kegiatan: x, pelaksana: a }\n  - { kegiatan: y, pelaksana: b }\n")
                    .into_bytes();
            let filler = b"# baris komentar yang mengisi berkas sampai 50 MB\n";
            while text.len() < HUGE {
                text.extend_from_slice(filler);
            }
            write(root, "sops/besar.yaml", &text);
        }
        "huge-markdown" => {
            let mut text =
                b"---\njudul: Besar\nringkasan: r\ndiperbarui: 2025-01-01\n---\n".to_vec();
            let filler = b"Paragraf panjang tentang kerja sama daerah. ".repeat(64);
            while text.len() < HUGE {
                text.extend_from_slice(&filler);
                text.push(b'\n');
            }
            write(root, "content/pengetahuan/besar.md", &text);
        }
        "huge-csv" => {
            let mut text = b"jenis,dokumen,judul,objek,pihak_nama,pihak_nomor,tanggal_tanda_tangan,tanggal_berakhir\n".to_vec();
            let row = b"KSDD,KB,Judul,Objek,\"A\nB\",\"1\n2\",2024-01-01,2025-01-01\n";
            while text.len() < HUGE {
                text.extend_from_slice(row);
            }
            write(root, "besar.csv", &text);
        }
        "csv-too-many-rows" => {
            // One more data row than an import takes (limits.rs: 5,000),
            // each row valid and distinct.
            let mut text = b"jenis,dokumen,judul,objek,pihak_nama,pihak_nomor,tanggal_tanda_tangan,tanggal_berakhir\n".to_vec();
            for i in 0..5_001 {
                text.extend_from_slice(
                    format!("KSDD,KB,Kesepakatan {i},Objek,Pemerintah Kabupaten Uji,{i}/2025,2025-01-02,2027-01-02\n")
                        .as_bytes(),
                );
            }
            write(root, "banyak.csv", &text);
        }
        "deep-flow-nesting" => {
            let text = sop(&format!(
                "  - kegiatan: {}\n    pelaksana: a\n",
                "[".repeat(10_000)
            ));
            write(root, "sops/contoh.yaml", text.as_bytes());
        }
        "deep-block-nesting" => {
            let mut text =
                String::from("nama: Uji\ninstansi: Uji\npelaksana: []\nlangkah: []\ncatatan:\n");
            for depth in 0..3_000 {
                text.push_str(&" ".repeat(depth + 2));
                text.push_str("-\n");
            }
            write(root, "sops/contoh.yaml", text.as_bytes());
        }
        "deep-front-matter" => {
            let text = format!(
                "---\njudul: {}\nringkasan: r\ndiperbarui: 2025-01-01\n---\nIsi.\n",
                "{a: ".repeat(10_000)
            );
            write(root, "content/pengetahuan/dalam.md", text.as_bytes());
        }
        "billion-laughs" => {
            let mut text = String::from(
                "nama: Uji\ninstansi: Uji\npelaksana: [{ id: a, nama: A }]\nlangkah: [{ kegiatan: x, pelaksana: a }]\ncatatan:\n  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
            );
            let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
            let mut prev = "a";
            for n in names {
                text.push_str(&format!(
                    "  - &{n} [{}]\n",
                    vec![format!("*{prev}"); 9].join(", ")
                ));
                prev = n;
            }
            write(root, "sops/contoh.yaml", text.as_bytes());
        }
        "alias-large-scalar" => {
            let text = format!(
                "nama: Uji\ninstansi: Uji\npelaksana: [{{ id: a, nama: A }}]\nlangkah: [{{ kegiatan: x, pelaksana: a }}]\nperingatan: [&a \"{}\"]\nperalatan: [{}]\n",
                "x".repeat(1_000_000),
                vec!["*a"; 3000].join(",")
            );
            write(root, "sops/contoh.yaml", text.as_bytes());
        }
        "glossary-alias-bomb" => {
            let mut text = String::from("- &a\n  kepanjangan: &k \"");
            text.push_str(&"y".repeat(500_000));
            text.push_str("\"\n  definisi: d\n");
            for _ in 0..2000 {
                text.push_str("- { kepanjangan: *k, definisi: d }\n");
            }
            write(root, "content/istilah.yaml", text.as_bytes());
        }
        "ten-thousand-steps" => {
            let mut steps = String::new();
            for i in 0..10_000 {
                let lane = if i % 2 == 0 { "a" } else { "b" };
                steps.push_str(&format!(
                    "  - kegiatan: Langkah {} memeriksa dokumen\n    pelaksana: {lane}\n    waktu: 5 menit\n",
                    i + 1
                ));
            }
            write(root, "sops/contoh.yaml", sop(&steps).as_bytes());
        }
        // Input limits: each over a limit is a located error, fast; each at
        // a limit builds (in seconds in a release build).
        "one-line-150k-invalid-steps" => {
            let steps = vec!["{kegiatan: x, pelaksana: zz}"; 150_000].join(", ");
            write(root, "sops/contoh.yaml", sop_line(&steps).as_bytes());
        }
        "hundred-thousand-steps" => {
            let mut steps = String::new();
            for i in 0..100_000 {
                let lane = if i % 2 == 0 { "a" } else { "b" };
                steps.push_str(&format!(
                    "  - kegiatan: Langkah {} memeriksa dokumen\n    pelaksana: {lane}\n    waktu: 5 menit\n",
                    i + 1
                ));
            }
            write(root, "sops/contoh.yaml", sop(&steps).as_bytes());
        }
        "nine-mb-word" => {
            let steps = format!(
                "  - kegiatan: {}\n    pelaksana: a\n  - kegiatan: y\n    pelaksana: b\n",
                "x".repeat(9_000_000)
            );
            write(root, "sops/contoh.yaml", sop(&steps).as_bytes());
        }
        "sop-at-the-limits" => write(root, "sops/contoh.yaml", sop_at_the_limits().as_bytes()),
        "many-invalid-glossary-entries-on-one-line" => {
            let entries: Vec<String> = (0..20_000)
                .map(|i| {
                    format!("{{kepanjangan: Istilah {i}, definisi: d, dasar_hukum: [tidak-ada]}}")
                })
                .collect();
            write(
                root,
                "content/istilah.yaml",
                format!("[{}]\n", entries.join(", ")).as_bytes(),
            );
        }
        "yaml-too-many-values" => {
            let text = format!(
                "- singkatan: A\n  kepanjangan: A\n  definisi: d\n  sinonim: [{}]\n",
                vec!["a"; 300_000].join(", ")
            );
            write(root, "content/istilah.yaml", text.as_bytes());
        }
        "huge-glossary" => {
            // 20,000 acronyms starting alike, one with 2,000 long meanings,
            // and an article using each acronym: the annotation of pages and
            // the search synonyms stay linear and bounded.
            let mut text = String::new();
            for i in 0..20_000 {
                text.push_str(&format!(
                    "- {{singkatan: K{i}, kepanjangan: Kerja {i}, definisi: d}}\n"
                ));
            }
            for i in 0..2_000 {
                text.push_str(&format!(
                    "- {{singkatan: KSD, kepanjangan: Kerja sama daerah {i} {}, definisi: d}}\n",
                    "x".repeat(400)
                ));
            }
            write(root, "content/istilah.yaml", text.as_bytes());
            let words: Vec<String> = (0..20_000).map(|i| format!("K{i} kerja KSD")).collect();
            write(
                root,
                "content/pengetahuan/singkatan.md",
                article(&words.join(" ")).as_bytes(),
            );
        }
        "markdown-over-the-limit" => {
            let body = "Paragraf tentang kerja sama daerah.\n".repeat(80_000);
            write(
                root,
                "content/pengetahuan/besar.md",
                article(&body).as_bytes(),
            );
        }
        "markdown-one-mb-word" => {
            let body = format!("Awal {} akhir.\n", "x".repeat(1_000_000));
            write(
                root,
                "content/pengetahuan/kata.md",
                article(&body).as_bytes(),
            );
        }
        "markdown-one-char-lines" => {
            write(
                root,
                "content/pengetahuan/baris.md",
                article(&"a\n".repeat(500_000)).as_bytes(),
            );
        }
        "markdown-deep-quote" => {
            let body = format!("{} kutipan\n", ">".repeat(1_000_000));
            write(
                root,
                "content/pengetahuan/kutipan.md",
                article(&body).as_bytes(),
            );
        }
        "markdown-nested-list-line" => {
            let body = format!("{}butir\n", "- ".repeat(500_000));
            write(
                root,
                "content/pengetahuan/daftar.md",
                article(&body).as_bytes(),
            );
        }
        // The Markdown of the most memory per byte found (about 550 bytes
        // per byte: 5 events, a cell and a row of HTML per 2 bytes).
        "markdown-long-table" | "markdown-long-table-over-the-limit" => {
            let rows = if name == "markdown-long-table" {
                524_000
            } else {
                750_000
            };
            let body = format!("|a|\n|-|\n{}", "x\n".repeat(rows));
            write(
                root,
                "content/pengetahuan/tabel.md",
                article(&body).as_bytes(),
            );
        }
        "template-many-fields" => {
            let mut text = String::from("---\njudul: T\njenis_dokumen: Surat\nringkasan: r\ndiperbarui: 2025-01-01\nisian:\n");
            for i in 0..25_000 {
                text.push_str(&format!("  - id: f{i}\n    label: L{i}\n"));
            }
            text.push_str("---\n");
            for i in 0..70_000 {
                text.push_str(&format!("{{{{ f{} }}}} ", i % 25_000));
            }
            text.push('\n');
            write(root, "content/templat/besar.md", text.as_bytes());
        }
        "markdown-wide-table" => {
            let row = |c: &str| format!("|{}\n", format!("{c}|").repeat(150_000));
            let body = format!("{}{}{}", row("a"), row("-"), row("b"));
            write(
                root,
                "content/pengetahuan/tabel.md",
                article(&body).as_bytes(),
            );
        }
        #[cfg(unix)]
        "symlink-file-outside" => {
            write(outside, "rahasia.yaml", b"nama: rahasia\n");
            link(outside.join("rahasia.yaml"), root, "sops/rahasia.yaml");
        }
        #[cfg(unix)]
        "symlink-static-outside" => {
            write(outside, "id_rsa", b"PRIVATE KEY\n");
            std::fs::remove_dir_all(root.join("static")).expect("rm static");
            link(outside, root, "static");
        }
        #[cfg(unix)]
        "symlink-content-dir-outside" => {
            write(
                outside,
                "a.md",
                b"---\njudul: a\nringkasan: r\ndiperbarui: 2025-01-01\n---\nx\n",
            );
            link(outside, root, "content/pengetahuan/luar");
        }
        #[cfg(unix)]
        "symlink-loop" => {
            link("b.md", root, "content/pengetahuan/a.md");
            link("a.md", root, "content/pengetahuan/b.md");
        }
        #[cfg(unix)]
        "symlink-dangling" => link("tidak-ada.yaml", root, "sops/hilang.yaml"),
        #[cfg(unix)]
        "symlink-inside" => link("contoh.yaml", root, "sops/salinan.yaml"),
        #[cfg(unix)]
        "symlink-dir-to-root" => link("../..", root, "content/pengetahuan/naik"),
        #[cfg(unix)]
        "symlink-config-outside" => {
            write(outside, "sopkb.toml", b"title = \"Luar\"\n");
            std::fs::remove_file(root.join("sopkb.toml")).expect("rm");
            link(outside.join("sopkb.toml"), root, "sopkb.toml");
        }
        #[cfg(unix)]
        "symlink-template-outside" => {
            write(outside, "index.html", b"{{ site.title }}\n");
            link(outside.join("index.html"), root, "templates/index.html");
        }
        #[cfg(unix)]
        "fifo" => {
            let status = Command::new("mkfifo")
                .arg(root.join("sops/pipa.yaml"))
                .status()
                .expect("mkfifo");
            assert!(status.success());
        }
        other => panic!("unknown generator `{other}`"),
    }
}

/// Reads `cases/<name>/case.toml`.
pub(crate) fn read_case(name: &str) -> Result<Case, String> {
    let path = Path::new(FIXTURES)
        .join("cases")
        .join(name)
        .join("case.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs one case; returns a description of what went wrong, if anything.
fn run_case(name: &str) -> Result<String, String> {
    let dir = Path::new(FIXTURES).join("cases").join(name);
    let case = read_case(name)?;
    let tmp = tempfile::Builder::new()
        .prefix("sopkb-bad-")
        .tempdir()
        .expect("tmp");
    let root = tmp.path().join("proyek");
    let outside = tmp.path().join("luar");
    std::fs::create_dir_all(&outside).expect("mkdir");
    copy_base(case.base(), &root);
    for rel in &case.remove {
        std::fs::remove_file(root.join(rel)).map_err(|e| format!("remove {rel}: {e}"))?;
    }
    if dir.join("files").is_dir() {
        copy_tree(&dir.join("files"), &root);
    }
    if let Some(g) = &case.generate {
        generate(g, &root, &outside);
    }
    let previous = previous_site(case.base());
    write_site(&root.join("public"), previous);
    let root_text = root.to_string_lossy();
    let args: Vec<String> = case
        .args
        .clone()
        .unwrap_or_else(|| vec!["build".into()])
        .into_iter()
        .map(|a| a.replace("{root}", &root_text))
        .collect();
    let listed = case
        .diagnostics
        .iter()
        .map(|d| expect::parse(d, &root_text))
        .collect::<Result<Vec<_>, _>>()?;
    let run = run_limited(&root, &args);
    let fail = |why: String| Err(format!("{why}\n--- stderr ---\n{}", tail(&run.stderr)));
    if run.code == Some(101) {
        return fail("exited 101 (a panic)".into());
    }
    if run.stderr.contains("panicked") || run.code.is_none() {
        return fail(format!("crashed (exit {:?})", run.code));
    }
    if run.code != Some(case.exit) {
        return fail(format!("exit {:?}, expected {}", run.code, case.exit));
    }
    let printed = expect::printed(&run.stderr);
    if let Err(why) = expect::check(case.help, &listed, &printed) {
        return fail(why);
    }
    for text in &case.stderr {
        if !run.stderr.contains(text.as_str()) {
            return fail(format!("no `{text}` in the output"));
        }
    }
    let command = args.first().map(String::as_str);
    if command == Some("check") {
        if let Err(why) = json_agrees(&root, &case, &printed, &run.stderr) {
            return fail(why);
        }
    }
    // The output folder: the previous site untouched after a failure, a
    // complete new one after a build; never a leftover temporary folder.
    let leftovers: Vec<String> = common::entries(&root)
        .into_iter()
        .filter(|n| n.starts_with(".public"))
        .collect();
    if !leftovers.is_empty() {
        return fail(format!("half-written output left: {leftovers:?}"));
    }
    let now = common::snapshot(&root.join("public"));
    if case.exit != 0 || command != Some("build") {
        if &now != previous {
            return fail("the previous site changed".into());
        }
    } else if !now.contains_key("index.html") || !now.contains_key("sitemap.xml") {
        return fail("the build wrote no complete site".into());
    }
    // The same input through the other commands: never a panic.
    for other in ["check", "build"] {
        if command != Some(other) {
            never_crashes(&root, other)?;
        }
    }
    Ok(format!(
        "{name}: exit {} {:?} in {:.1}s — {}",
        case.exit,
        case.diagnostics,
        run.elapsed.as_secs_f64(),
        case.about
    ))
}

/// `check --format json` reports what the human `check` printed: the same
/// diagnostics (severity, code, message, place, help) in the same order,
/// the same counts and exit code; a clean check says so in both.
fn json_agrees(
    root: &Path,
    case: &Case,
    printed: &[expect::Printed],
    human: &str,
) -> Result<(), String> {
    let run = run_limited(root, &["check".into(), "--format".into(), "json".into()]);
    if run.code != Some(case.exit) {
        return Err(format!(
            "check --format json: exit {:?}, expected {}",
            run.code, case.exit
        ));
    }
    let report = common::parse_report(&run.stdout);
    let json: Vec<expect::Printed> = report
        .diagnostics
        .iter()
        .map(|d| expect::Printed {
            error: d.severity == "error",
            code: d.code.clone(),
            message: d.message.clone(),
            place: d.file.as_ref().map(|f| match (d.line, d.column) {
                (Some(l), Some(c)) => format!("{f}:{l}:{c}"),
                (Some(l), None) => format!("{f}:{l}"),
                _ => f.clone(),
            }),
            help: d.help.is_some(),
        })
        .collect();
    if json != printed {
        return Err(format!(
            "check --format json differs from the human output:\n{json:#?}"
        ));
    }
    let errors = printed.iter().filter(|p| p.error).count();
    if (report.errors, report.warnings) != (errors, printed.len() - errors) {
        return Err(format!(
            "check --format json counts {} errors, {} warnings",
            report.errors, report.warnings
        ));
    }
    if printed.is_empty() && !human.contains("0 kesalahan, 0 peringatan") {
        return Err("a clean check says `0 kesalahan, 0 peringatan`".into());
    }
    Ok(())
}

/// `sopkb COMMAND` on the case's project ends with an exit code other than
/// 101 and prints no panic (its result is not checked otherwise).
fn never_crashes(root: &Path, command: &str) -> Result<(), String> {
    let run = run_limited(root, &[command.to_owned()]);
    let why = match run.code {
        Some(101) => format!("`sopkb {command}` exited 101 (a panic)"),
        None => format!("`sopkb {command}` was killed by a signal"),
        _ if run.stderr.contains("panicked") => format!("`sopkb {command}` panicked"),
        _ => return Ok(()),
    };
    Err(format!("{why}\n--- stderr ---\n{}", tail(&run.stderr)))
}

fn tail(s: &str) -> &str {
    let mut start = s.len().saturating_sub(3000);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Every folder of `cases/` is a test of `cases.rs`, and its `case.toml` reads.
#[test]
fn every_case_folder_is_a_test() {
    let mut folders: Vec<String> = std::fs::read_dir(Path::new(FIXTURES).join("cases"))
        .expect("cases folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert!(
        folders.len() >= 40,
        "the corpus has {} cases",
        folders.len()
    );
    let mut listed: Vec<&str> = cases::NAMES.to_vec();
    listed.sort_unstable();
    assert_eq!(
        folders, listed,
        "add each folder of bad_input/cases/ to `cases!` in bad_input.rs"
    );
    for name in cases::NAMES {
        let case = read_case(name).unwrap_or_else(|e| panic!("{e}"));
        for d in &case.diagnostics {
            expect::parse(d, "/root").unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

/// The codes the corpus expects: code -> the cases listing it.
pub(crate) fn listed_codes() -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for name in cases::NAMES {
        let case = read_case(name).unwrap_or_else(|e| panic!("{e}"));
        for d in &case.diagnostics {
            let e = expect::parse(d, "/root").unwrap_or_else(|e| panic!("{name}: {e}"));
            out.entry(e.code).or_default().push((*name).to_owned());
        }
    }
    out
}

/// A chain of 300 amended regulations: each page's timeline shows the 50
/// nearest, not all 300 (every page of a chain of 5,000 listed all 5,000:
/// minutes and gigabytes of output).
#[test]
fn the_timeline_of_a_long_chain_of_regulations_is_bounded() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    copy_base("full", root);
    for i in 0..300 {
        let next = if i + 1 < 300 {
            format!("[uu-{}-2000]", i + 1)
        } else {
            "[]".into()
        };
        let status = if i + 1 < 300 { "diubah" } else { "berlaku" };
        write(
            root,
            &format!("content/dasar-hukum/uu-{i}-2000.md"),
            format!("---\njenis: Undang-Undang\nnomor: \"{i}\"\ntahun: 2000\ntentang: Hal {i}\nstatus: {status}\ndiubah_oleh: {next}\n---\nIsi.\n").as_bytes(),
        );
    }
    let run = run_limited(root, &["build".into()]);
    assert_eq!(run.code, Some(0), "{}", tail(&run.stderr));
    let page = std::fs::read_to_string(root.join("public/dasar-hukum/uu-150-2000/index.html"))
        .expect("page");
    let timeline = &page[page.find("class=\"timeline\"").expect("a timeline")..];
    let timeline = &timeline[..timeline.find("</ol>").expect("closed")];
    assert_eq!(timeline.matches("<li").count(), 50, "{timeline}");
    assert!(
        timeline.contains("Hal 150"),
        "the page's own regulation is in it"
    );
}
