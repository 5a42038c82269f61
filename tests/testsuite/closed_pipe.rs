//! Output into a pipe whose reader went away (`sopkb check --format json |
//! head -1`) ends with exit 0, as ripgrep does, never a panic (exit 101);
//! any other failure to write stdout is exit 2.

use crate::common;

use common::Project;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

/// 80 SOPs of 50 steps, each step naming an unknown executor: a report
/// of over a megabyte, far more than a pipe holds.
fn noisy_project() -> Project {
    let p = Project::empty();
    p.write("sopkb.toml", common::CONFIG);
    let steps: String = (1..=50)
        .map(|i| {
            format!("  - kegiatan: Langkah {i}\n    pelaksana: tidak-ada-{i}\n    waktu: 1 hari\n")
        })
        .collect();
    for n in 0..80 {
        p.write(
            &format!("sops/s{n}.yaml"),
            &format!(
                "nama: Prosedur {n}\ninstansi: X\npelaksana:\n  - {{ id: opd, nama: OPD }}\nlangkah:\n{steps}"
            ),
        );
    }
    p
}

struct Ended {
    code: Option<i32>,
    stderr: String,
}

impl Ended {
    fn assert_clean_exit(&self, code: i32) {
        assert!(
            !self.stderr.contains("panicked"),
            "sopkb panicked:\n{}",
            self.stderr
        );
        assert_eq!(self.code, Some(code), "stderr:\n{}", self.stderr);
    }
}

/// Runs `sopkb --root ROOT ARGS`; its stdout is a pipe from which `take`
/// bytes are read before the read end is closed (0: closed at once).
fn run_reading(root: &Path, args: &[&str], take: usize) -> Ended {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sopkb"))
        .arg("--root")
        .arg(root)
        .args(args)
        .env_remove("SOPKB_LANG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sopkb");
    let mut stdout = child.stdout.take().expect("piped stdout");
    if take > 0 {
        let mut head = vec![0; take];
        stdout.read_exact(&mut head).expect("read the first bytes");
    }
    drop(stdout);
    let out = child.wait_with_output().expect("wait for sopkb");
    Ended {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn check_json_into_head_ends_with_exit_0() {
    let p = noisy_project();
    // As `| head -1`: the reader reads a line's worth, then goes away while
    // the report is still being written.
    run_reading(p.root(), &["check", "--format", "json"], 64).assert_clean_exit(0);
    // The reader went away before the first byte.
    run_reading(p.root(), &["check", "--format", "json"], 0).assert_clean_exit(0);
}

#[test]
fn search_and_schema_into_a_closed_pipe_end_with_exit_0() {
    let p = Project::valid();
    let build = p.run(&["build"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    let site = p.path("public");
    let site = site.to_str().unwrap();
    for args in [
        &["search", "--site", site, "permohonan"][..],
        &["search", "--site", site, "--json", "permohonan"],
        &["schema"],
    ] {
        run_reading(p.root(), args, 0).assert_clean_exit(0);
    }
}

/// stderr closed (`2>&1 | head -1` on a human report): no panic, and the
/// exit code still tells the content errors.
#[test]
fn a_closed_stderr_keeps_the_exit_code() {
    let p = noisy_project();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sopkb"))
        .arg("--root")
        .arg(p.root())
        .arg("check")
        .env_remove("SOPKB_LANG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sopkb");
    drop(child.stderr.take());
    let status = child.wait().expect("wait for sopkb");
    // A panic message would be lost too: 101 is what tells it.
    assert_eq!(status.code(), Some(1));
}

/// A full disk under stdout is a failure (exit 2) said on stderr.
#[cfg(target_os = "linux")]
#[test]
fn stdout_on_a_full_disk_is_a_failure() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // no /dev/full in this sandbox
    };
    let p = noisy_project();
    let out = Command::new(env!("CARGO_BIN_EXE_sopkb"))
        .arg("--root")
        .arg(p.root())
        .args(["check", "--format", "json"])
        .env_remove("SOPKB_LANG")
        .stdout(full)
        .output()
        .expect("run sopkb");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("sopkb: stdout: "), "{stderr}");
}
