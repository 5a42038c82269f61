//! The output folder (issue 14): no command deletes or overwrites a file it
//! did not write. `build --out` / `serve --out` refuse the project, its
//! ancestors, its inputs, folders inside them and non-folders (exit 2,
//! nothing changed); a manifest records what sopkb wrote, so a rebuild
//! deletes only that; a non-empty folder without one needs `--force` and
//! keeps its files; a linked output folder is written through; SIGINT and
//! SIGTERM never leave a broken site or temporary folders, and the next
//! build cleans up after SIGKILL.

use crate::common;

use common::{entries, run_at, run_in, snapshot, tree, Node, Project, Run};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const MANIFEST: &str = ".sopkb-manifest";

/// A valid project at `<tmp>/proj`, so that `..` is a folder of the test
/// (and a refusal that failed would only ever destroy test files).
struct Nested {
    outer: tempfile::TempDir,
}

impl Nested {
    fn valid() -> Nested {
        let outer = tempfile::Builder::new()
            .prefix("sopkb-out-")
            .tempdir()
            .expect("tmp");
        let p = Project::valid();
        for (rel, bytes) in snapshot(p.root()) {
            let path = outer.path().join("proj").join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        Nested { outer }
    }

    fn outer(&self) -> &Path {
        self.outer.path()
    }

    fn root(&self) -> PathBuf {
        self.outer.path().join("proj")
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// `sopkb --root <proj> ARGS`.
    fn run(&self, args: &[&str]) -> Run {
        run_in(&self.root(), args, &[])
    }

    fn build_ok(&self, args: &[&str]) {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        run.assert_no_panic();
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Exit 2, one message (one `sopkb:` line, its help after it) holding every
/// one of `needles`, and no sign of a build.
fn assert_refused(run: &Run, needles: &[&str]) {
    run.assert_no_panic();
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(
        run.stderr
            .lines()
            .filter(|l| l.starts_with("sopkb:"))
            .count(),
        1,
        "one message:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.lines().count() <= 2,
        "the message and its help only:\n{}",
        run.stderr
    );
    for n in needles {
        assert!(run.stderr.contains(n), "no `{n}` in:\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("selesai"), "{}", run.stderr);
}

#[test]
fn the_project_its_parents_inputs_and_non_folders_are_refused_and_nothing_changes() {
    let n = Nested::valid();
    let root = n.root();
    n.write("notes.txt", "catatan\n");
    n.write("templates/base.html", "{% block main %}{% endblock %}\n");
    n.write("schema/sop.schema.json", "{}\n");
    std::fs::create_dir(n.outer().join("other")).unwrap();
    std::fs::write(n.outer().join("other/sopkb.toml"), "title = \"Lain\"\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&root, n.outer().join("to-root")).unwrap();
        std::os::unix::fs::symlink(root.join("content"), n.outer().join("to-content")).unwrap();
        std::os::unix::fs::symlink("/nowhere/at/all", root.join("dangling")).unwrap();
    }
    let before = tree(n.outer());
    let abs = |rel: &str| s(&root.join(rel)).to_owned();
    let mut cases: Vec<(String, &[&str])> = vec![
        (s(&root).to_owned(), &["adalah folder proyek"]),
        (".".into(), &["`.`", "adalah folder proyek"]),
        ("..".into(), &["`..`", "memuat folder proyek"]),
        ("sops".into(), &["`sops`", "masukan `sops/`"]),
        ("content".into(), &["`content`", "masukan `content/`"]),
        (
            "content/sub".into(),
            &["`content/sub`", "di dalam masukan `content/`"],
        ),
        ("content/..".into(), &["adalah folder proyek"]),
        // As a case-insensitive file system would see it.
        ("Content/site".into(), &["di dalam masukan `content/`"]),
        ("sops/".into(), &["masukan `sops/`"]),
        ("./static/site".into(), &["di dalam masukan `static/`"]),
        ("templates".into(), &["masukan `templates/`"]),
        ("schema/x".into(), &["di dalam masukan `schema/`"]),
        ("sopkb.toml".into(), &["masukan `sopkb.toml`"]),
        ("notes.txt".into(), &["`notes.txt`", "bukan folder"]),
        ("notes.txt/site".into(), &["bukan folder"]),
        ("../other".into(), &["`../other`", "sopkb.toml"]),
        ("/".into(), &["memuat folder proyek"]),
        (abs("sops/../content/x"), &["di dalam masukan `content/`"]),
    ];
    #[cfg(unix)]
    cases.extend([
        (
            "../to-root".to_string(),
            &["`../to-root`", "adalah folder proyek"][..],
        ),
        (
            "../to-content/site".into(),
            &["di dalam masukan `content/`"],
        ),
        (
            "dangling".into(),
            &["tautan simbolik", "/nowhere/at/all", "tidak ada"],
        ),
    ]);
    for (out, needles) in &cases {
        // From the project folder, as a user types it.
        let run = run_at(&root, &["build", "--out", out], &[]);
        assert_refused(&run, needles);
        assert!(
            run.stderr.contains("bantuan:"),
            "says what to do:\n{}",
            run.stderr
        );
        assert_eq!(tree(n.outer()), before, "--out {out} changed something");
    }
    let run = run_at(&root, &["build", "--out", ".."], &[("SOPKB_LANG", "en")]);
    assert_refused(
        &run,
        &["output folder `..` holds the project folder", "help:"],
    );
    assert_eq!(tree(n.outer()), before);
}

#[test]
fn the_output_folder_is_checked_before_anything_is_loaded() {
    let n = Nested::valid();
    n.write("sops/rusak.yaml", "nama: [\n");
    let run = n.run(&["build", "--out", s(&n.path("content"))]);
    assert_refused(&run, &["masukan `content/`"]);
    assert!(!run.stderr.contains("kesalahan["), "{}", run.stderr);
}

#[test]
fn serve_refuses_a_forbidden_output_folder_at_once() {
    let n = Nested::valid();
    std::fs::create_dir(n.outer().join("full")).unwrap();
    std::fs::write(n.outer().join("full/theirs.txt"), "t").unwrap();
    let before = tree(n.outer());
    for (out, needle) in [
        (s(&n.root()).to_owned(), "adalah folder proyek"),
        (
            s(&n.path("content/site")).to_owned(),
            "di dalam masukan `content/`",
        ),
        (s(&n.outer().join("full")).to_owned(), "--force"),
    ] {
        let run = run_with_deadline(
            &n.root(),
            &["serve", "--port", "0", "--out", &out],
            Duration::from_secs(60),
        );
        assert_refused(&run, &[needle]);
        assert_eq!(tree(n.outer()), before);
    }
}

#[test]
fn serve_writes_its_copy_through_a_link_and_keeps_files_of_others() {
    let n = Nested::valid();
    let target = n.outer().join("deploy");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("upload.pdf"), "pdf").unwrap();
    let link = n.outer().join("site");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, &link).unwrap();
    #[cfg(not(unix))]
    let link = target.clone();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sopkb"))
        .arg("--root")
        .arg(n.root())
        .args(["serve", "--port", "0", "--force", "--out", s(&link)])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    // Complete: the site is there and the staging folder is gone.
    let done = || {
        target.join("index.html").is_file()
            && !entries(&target).iter().any(|e| e.starts_with(".sopkb-tmp"))
    };
    while !done() {
        if start.elapsed() > Duration::from_secs(60) || child.try_wait().unwrap().is_some() {
            let _ = child.kill();
            panic!("serve wrote no copy");
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(target.join("index.html").is_file());
    assert_eq!(std::fs::read(target.join("upload.pdf")).unwrap(), b"pdf");
    assert!(!manifest_files(&target).contains(&"upload.pdf".to_string()));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let stray: Vec<String> = entries(n.outer())
        .into_iter()
        .filter(|e| e.starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

/// Runs the binary with `--root root`, killed (and failing the test) if it
/// has not ended by `deadline`.
fn run_with_deadline(root: &Path, args: &[&str], deadline: Duration) -> Run {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sopkb"))
        .arg("--root")
        .arg(root)
        .args(args)
        .env_remove("SOPKB_LANG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            panic!("sopkb {args:?} did not end: it should have refused at once");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn files_sopkb_did_not_write_are_kept_with_force_and_refused_without() {
    let n = Nested::valid();
    let out = n.outer().join("site");
    std::fs::create_dir_all(out.join("docs")).unwrap();
    std::fs::write(out.join("docs/upload.pdf"), "pdf").unwrap();
    std::fs::write(out.join("README"), "deploy notes").unwrap();
    let before = tree(n.outer());
    let run = n.run(&["build", "--out", s(&out)]);
    assert_refused(&run, &["tidak kosong", "--force", MANIFEST]);
    assert_eq!(tree(n.outer()), before);

    n.build_ok(&["--out", s(&out), "--force"]);
    assert!(out.join("index.html").is_file() && out.join(MANIFEST).is_file());
    assert_eq!(std::fs::read(out.join("docs/upload.pdf")).unwrap(), b"pdf");
    assert_eq!(std::fs::read(out.join("README")).unwrap(), b"deploy notes");
    let listed = manifest_files(&out);
    assert!(!listed
        .iter()
        .any(|l| l.contains("upload.pdf") || l == "README"));
    // The manifest now exists: later builds need no --force.
    n.build_ok(&["--out", s(&out)]);
    assert_eq!(std::fs::read(out.join("docs/upload.pdf")).unwrap(), b"pdf");
    assert_eq!(
        entries(n.outer()),
        ["proj", "site"],
        "no leftovers beside it"
    );
}

#[test]
fn a_site_file_where_a_file_of_others_lies_is_refused_not_overwritten() {
    let n = Nested::valid();
    let out = n.outer().join("site");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("robots.txt"),
        "User-agent: *\nDisallow: /rahasia/\n",
    )
    .unwrap();
    std::fs::write(out.join("404.html"), "<h1>punya kami</h1>").unwrap();
    let before = tree(n.outer());
    let run = n.run(&["build", "--out", s(&out), "--force"]);
    assert_refused(
        &run,
        &["`404.html`", "`robots.txt`", "tidak ditulis oleh sopkb"],
    );
    assert_eq!(tree(n.outer()), before, "nothing written, nothing left");
}

#[cfg(unix)]
#[test]
fn a_linked_output_folder_is_written_through_and_keeps_its_identity_and_files() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let n = Nested::valid();
    let target = n.outer().join("www/kb");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("upload.pdf"), "%PDF").unwrap();
    std::fs::write(target.join("kebijakan.txt"), "hand-made").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o750)).unwrap();
    std::os::unix::fs::symlink(&target, n.path("public")).unwrap();
    let id = |p: &Path| {
        let m = std::fs::metadata(p).unwrap();
        (m.dev(), m.ino(), m.mode())
    };
    let before = id(&target);
    // Not empty and not sopkb's: refused first.
    let run = n.run(&["build"]);
    assert_refused(&run, &["--force"]);
    n.build_ok(&["--force"]);
    n.write(
        "content/dasar-hukum/pp-28-2018.md",
        &common::LEGAL.replace("Peraturan pokok", "Peraturan utama"),
    );
    n.build_ok(&[]);
    assert_eq!(id(&target), before, "same folder, same permissions");
    assert!(std::fs::symlink_metadata(n.path("public"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read(target.join("upload.pdf")).unwrap(), b"%PDF");
    assert_eq!(
        std::fs::read(target.join("kebijakan.txt")).unwrap(),
        b"hand-made"
    );
    let page = std::fs::read_to_string(target.join("dasar-hukum/pp-28-2018/index.html")).unwrap();
    assert!(page.contains("Peraturan utama"));
    // The same site as a build into a fresh folder, plus the files of others.
    let fresh = n.outer().join("fresh");
    n.build_ok(&["--out", s(&fresh)]);
    let mut expected = snapshot(&fresh);
    expected.insert("upload.pdf".into(), b"%PDF".to_vec());
    expected.insert("kebijakan.txt".into(), b"hand-made".to_vec());
    assert_same(&snapshot(&target), &expected);
    assert_eq!(entries(n.outer().join("www").as_path()), ["kb"]);
    assert_no_leftovers(&n);
}

#[test]
fn a_rebuild_deletes_only_stale_files_it_wrote() {
    let n = Nested::valid();
    let other = common::SOP
        .replace("Contoh Prosedur Kerja Sama", "Prosedur Kedua")
        .replace("\"1/UJI/2024\"", "\"2/UJI/2024\"");
    n.write("sops/kedua.yaml", &other);
    n.build_ok(&[]);
    let public = n.path("public");
    assert!(public.join("sop/kedua/index.html").is_file());
    // Files of others, beside and inside folders sopkb made.
    std::fs::write(public.join("sop/kedua/catatan-rapat.txt"), "notes").unwrap();
    std::fs::write(public.join("google1234.html"), "verification").unwrap();
    std::fs::remove_file(n.path("sops/kedua.yaml")).unwrap();
    n.build_ok(&[]);
    assert!(
        !public.join("sop/kedua/index.html").exists(),
        "stale page gone"
    );
    assert!(!public.join("sop/kedua/swimlane.svg").exists());
    assert_eq!(
        std::fs::read(public.join("sop/kedua/catatan-rapat.txt")).unwrap(),
        b"notes"
    );
    assert_eq!(
        std::fs::read(public.join("google1234.html")).unwrap(),
        b"verification"
    );
    assert!(!manifest_files(&public).iter().any(|l| l.contains("kedua")));
    // Without files of others, a stale folder goes with its files.
    n.write("sops/kedua.yaml", &other);
    n.build_ok(&[]);
    std::fs::remove_file(public.join("sop/kedua/catatan-rapat.txt")).unwrap();
    std::fs::remove_file(public.join("google1234.html")).unwrap();
    std::fs::remove_file(n.path("sops/kedua.yaml")).unwrap();
    n.build_ok(&[]);
    assert!(!public.join("sop/kedua").exists());
    assert_no_leftovers(&n);
}

#[test]
fn the_manifest_lists_every_file_written_sorted_and_is_the_same_everywhere() {
    let a = Nested::valid();
    a.build_ok(&[]);
    let site = snapshot(&a.path("public"));
    let text = String::from_utf8(site[MANIFEST].clone()).unwrap();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "sorted");
    let files: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.ends_with('/'))
        .collect();
    let written: Vec<&str> = site
        .keys()
        .map(String::as_str)
        .filter(|k| *k != MANIFEST)
        .collect();
    assert_eq!(files, written, "exactly the files written");
    let sitemap = String::from_utf8_lossy(&site["sitemap.xml"]);
    assert!(!sitemap.contains("sopkb-manifest"), "{sitemap}");
    // Again, and elsewhere: the same bytes.
    a.build_ok(&[]);
    assert_eq!(snapshot(&a.path("public"))[MANIFEST], site[MANIFEST]);
    let b = Nested::valid();
    b.build_ok(&["--out", s(&b.outer().join("elsewhere"))]);
    assert_eq!(
        snapshot(&b.outer().join("elsewhere"))[MANIFEST],
        site[MANIFEST]
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_identical() {
    let n = Nested::valid();
    n.build_ok(&[]);
    let before = tree(&n.path("public"));
    n.write("sops/rusak.yaml", "nama: [\n");
    let run = n.run(&["build"]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(tree(&n.path("public")), before);
    assert_no_leftovers(&n);
}

#[test]
fn a_tampered_manifest_cannot_make_sopkb_delete_other_files() {
    let n = Nested::valid();
    n.build_ok(&[]);
    std::fs::write(n.outer().join("precious.txt"), "p").unwrap();
    let public = n.path("public");
    let text = std::fs::read_to_string(public.join(MANIFEST)).unwrap();
    std::fs::write(
        public.join(MANIFEST),
        format!("{text}../precious.txt\n../proj/sopkb.toml\n"),
    )
    .unwrap();
    let before = tree(n.outer());
    let run = n.run(&["build"]);
    assert_refused(&run, &[MANIFEST, "baris"]);
    assert_eq!(tree(n.outer()), before);
}

/// The manifest's file lines.
fn manifest_files(out: &Path) -> Vec<String> {
    std::fs::read_to_string(out.join(MANIFEST))
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.ends_with('/'))
        .map(str::to_owned)
        .collect()
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "different file lists"
    );
    let differing: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(differing.is_empty(), "files differ: {differing:?}");
}

/// Nothing but the inputs and `public` in the project, nothing temporary
/// in `public` or beside the project.
fn assert_no_leftovers(n: &Nested) {
    let stray: Vec<String> = entries(&n.root())
        .into_iter()
        .filter(|e| !["content", "public", "sopkb.toml", "sops"].contains(&e.as_str()))
        .collect();
    assert!(stray.is_empty(), "leftovers in the project: {stray:?}");
    let public = n.path("public");
    if public.exists() {
        let stray: Vec<String> = entries(&public)
            .into_iter()
            .filter(|e| e.starts_with(".sopkb-") && e != MANIFEST)
            .collect();
        assert!(stray.is_empty(), "leftovers in public/: {stray:?}");
    }
    let beside: Vec<String> = entries(n.outer())
        .into_iter()
        .filter(|e| e.starts_with('.'))
        .collect();
    assert!(
        beside.is_empty(),
        "leftovers beside the project: {beside:?}"
    );
}

#[cfg(unix)]
mod signals {
    //! SIGINT/SIGTERM/SIGKILL during a build. The test-only hooks
    //! `SOPKB_TEST_PAUSE_BEFORE_SWAP` / `SOPKB_TEST_PAUSE_IN_SWAP` hold the
    //! build at a known moment (it says so on stderr) so a signal lands
    //! there; the random-time test needs no hook.

    use super::*;
    use std::io::BufRead;
    use std::process::{Child, Command, Stdio};
    use std::sync::mpsc;

    const DEADLINE: Duration = Duration::from_secs(120);

    struct Running {
        child: Child,
        lines: mpsc::Receiver<String>,
        stderr: String,
    }

    impl Running {
        fn start(root: &Path, env: &[(&str, &str)]) -> Running {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_sopkb"));
            cmd.arg("--root")
                .arg(root)
                .arg("build")
                .env_remove("SOPKB_LANG")
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            for (k, v) in env {
                cmd.env(k, v);
            }
            let mut child = cmd.spawn().expect("spawn");
            let (tx, lines) = mpsc::channel();
            let stderr = child.stderr.take().expect("stderr");
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(stderr)
                    .lines()
                    .map_while(Result::ok)
                {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
            Running {
                child,
                lines,
                stderr: String::new(),
            }
        }

        /// Waits for a stderr line holding `needle`.
        fn wait_for(&mut self, needle: &str) {
            let start = Instant::now();
            loop {
                let left = DEADLINE.saturating_sub(start.elapsed());
                match self.lines.recv_timeout(left) {
                    Ok(line) => {
                        self.stderr.push_str(&line);
                        self.stderr.push('\n');
                        if line.contains(needle) {
                            return;
                        }
                    }
                    Err(_) => {
                        let _ = self.child.kill();
                        panic!("no `{needle}` on stderr:\n{}", self.stderr);
                    }
                }
            }
        }

        fn signal(&self, sig: &str) {
            let ok = Command::new("kill")
                .args(["-s", sig, &self.child.id().to_string()])
                .status()
                .expect("kill")
                .success();
            assert!(ok, "kill -s {sig}");
        }

        /// Exit code (`None`: ended by a signal) and all of stderr.
        fn finish(mut self) -> (Option<i32>, String) {
            let start = Instant::now();
            let status = loop {
                if let Some(status) = self.child.try_wait().expect("wait") {
                    break status;
                }
                if start.elapsed() > DEADLINE {
                    let _ = self.child.kill();
                    panic!("sopkb did not stop:\n{}", self.stderr);
                }
                std::thread::sleep(Duration::from_millis(20));
            };
            while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(5)) {
                self.stderr.push_str(&line);
                self.stderr.push('\n');
            }
            assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
            assert_ne!(status.code(), Some(101), "{}", self.stderr);
            (status.code(), self.stderr)
        }
    }

    /// A project built once (the previous site), then edited: returns it
    /// with the previous site and the site its edit builds.
    fn edited(sops: usize) -> (Nested, Site, Site) {
        let n = Nested::valid();
        for i in 2..sops + 2 {
            n.write(
                &format!("sops/contoh-{i}.yaml"),
                &common::SOP
                    .replace("\"1/UJI/2024\"", &format!("\"{i}/UJI/2024\""))
                    .replace("Contoh Prosedur", &format!("Prosedur {i}")),
            );
        }
        n.build_ok(&[]);
        let previous = tree(&n.path("public"));
        n.write(
            "content/dasar-hukum/pp-28-2018.md",
            &common::LEGAL.replace("Peraturan pokok", "Peraturan yang diubah"),
        );
        let reference = n.outer().join("reference");
        n.build_ok(&["--out", s(&reference)]);
        let next = tree(&reference);
        std::fs::remove_dir_all(&reference).unwrap();
        (n, previous, next)
    }

    type Site = BTreeMap<String, Node>;

    fn code_of(sig: &str) -> i32 {
        match sig {
            "INT" => 130,
            _ => 143,
        }
    }

    #[test]
    fn sigint_or_sigterm_before_the_swap_keeps_the_previous_site() {
        let (n, previous, _) = edited(0);
        for sig in ["TERM", "INT"] {
            let mut run = Running::start(&n.root(), &[("SOPKB_TEST_PAUSE_BEFORE_SWAP", "60000")]);
            run.wait_for("test pause: before swap");
            run.signal(sig);
            let (code, stderr) = run.finish();
            assert_eq!(code, Some(code_of(sig)), "{stderr}");
            assert!(stderr.contains("situs sebelumnya tidak diubah"), "{stderr}");
            assert_eq!(tree(&n.path("public")), previous, "SIG{sig}");
            assert_no_leftovers(&n);
        }
    }

    #[test]
    fn sigint_or_sigterm_in_the_swap_completes_it() {
        for sig in ["TERM", "INT"] {
            let (n, _, next) = edited(0);
            let mut run = Running::start(&n.root(), &[("SOPKB_TEST_PAUSE_IN_SWAP", "1500")]);
            run.wait_for("test pause: in swap");
            run.signal(sig);
            let (code, stderr) = run.finish();
            assert_eq!(code, Some(code_of(sig)), "{stderr}");
            assert!(stderr.contains("situs baru sudah lengkap"), "{stderr}");
            assert_eq!(tree(&n.path("public")), next, "SIG{sig}");
            assert_no_leftovers(&n);
        }
    }

    #[test]
    fn after_sigkill_the_next_build_cleans_up_and_restores() {
        // Killed with the previous site moved aside: the next build (here
        // one that fails on content) puts it back first.
        let (n, previous, next) = edited(0);
        let mut run = Running::start(&n.root(), &[("SOPKB_TEST_PAUSE_IN_SWAP", "60000")]);
        run.wait_for("test pause: in swap");
        run.signal("KILL");
        let (code, _) = run.finish();
        assert_eq!(code, None);
        assert!(!n.path("public").exists(), "killed mid-swap");
        n.write("sops/rusak.yaml", "nama: [\n");
        let failed = n.run(&["build"]);
        assert_eq!(failed.code, Some(1), "{}", failed.stderr);
        assert_eq!(tree(&n.path("public")), previous);
        assert_no_leftovers(&n);
        // Killed while staging: the next build removes the staging folder.
        std::fs::remove_file(n.path("sops/rusak.yaml")).unwrap();
        let mut run = Running::start(&n.root(), &[("SOPKB_TEST_PAUSE_BEFORE_SWAP", "60000")]);
        run.wait_for("test pause: before swap");
        run.signal("KILL");
        run.finish();
        assert_eq!(tree(&n.path("public")), previous);
        n.build_ok(&[]);
        assert_eq!(tree(&n.path("public")), next);
        assert_no_leftovers(&n);
    }

    #[test]
    fn signals_in_an_update_in_place_leave_a_complete_site_and_nothing_else() {
        use std::os::unix::fs::MetadataExt;
        let (n, _, next) = edited(0);
        // Turn `public` into a link to a deploy folder holding a file of others.
        let target = n.outer().join("deploy");
        std::fs::rename(n.path("public"), &target).unwrap();
        std::fs::write(target.join("upload.pdf"), "pdf").unwrap();
        std::os::unix::fs::symlink(&target, n.path("public")).unwrap();
        let inode = std::fs::metadata(&target).unwrap().ino();
        let mut expected = next.clone();
        expected.insert("upload.pdf".into(), Node::File(b"pdf".to_vec()));

        let mut run = Running::start(&n.root(), &[("SOPKB_TEST_PAUSE_IN_SWAP", "60000")]);
        run.wait_for("test pause: in swap");
        run.signal("KILL");
        run.finish();
        let mut run = Running::start(&n.root(), &[("SOPKB_TEST_PAUSE_IN_SWAP", "1500")]);
        run.wait_for("test pause: in swap");
        run.signal("TERM");
        let (code, stderr) = run.finish();
        assert_eq!(code, Some(143), "{stderr}");
        assert_eq!(tree(&target), expected);
        assert_eq!(std::fs::metadata(&target).unwrap().ino(), inode);
        assert_no_leftovers(&n);
        let beside: Vec<String> = entries(n.outer())
            .into_iter()
            .filter(|e| e != "proj" && e != "deploy")
            .collect();
        assert!(beside.is_empty(), "{beside:?}");
    }

    #[test]
    fn a_signal_at_any_moment_leaves_the_previous_or_the_new_site() {
        let (n, previous, next) = edited(60);
        for (i, delay) in [0u64, 30, 80, 150, 300, 600, 1000].iter().enumerate() {
            let sig = if i % 2 == 0 { "TERM" } else { "INT" };
            let run = Running::start(&n.root(), &[]);
            std::thread::sleep(Duration::from_millis(*delay));
            run.signal(sig);
            let (code, stderr) = run.finish();
            // Ended by the signal before the handler was installed (None),
            // stopped by it, or done before it came.
            assert!(
                matches!(code, None | Some(0)) || code == Some(code_of(sig)),
                "after {delay} ms: {code:?}\n{stderr}"
            );
            let now = tree(&n.path("public"));
            assert!(
                now == previous || now == next,
                "after {delay} ms (exit {code:?}) the site is neither the previous nor the new one\n{stderr}"
            );
            assert_no_leftovers(&n);
            // Back to the previous site for the next try.
            if now == next {
                std::fs::remove_dir_all(n.path("public")).unwrap();
                write_tree(&n.path("public"), &previous);
            }
        }
    }

    fn write_tree(dir: &Path, t: &Site) {
        std::fs::create_dir_all(dir).unwrap();
        for (rel, node) in t {
            let path = dir.join(rel);
            match node {
                Node::Dir => std::fs::create_dir_all(&path).unwrap(),
                Node::File(bytes) => {
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(&path, bytes).unwrap();
                }
                other => panic!("{rel}: {other:?}"),
            }
        }
    }
}
