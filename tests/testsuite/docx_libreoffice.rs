//! The `.docx` downloads open in a real word processor: LibreOffice converts
//! every shipped template's `.docx` (and a fixture using every construct) to
//! PDF. Skipped, with a message, where `libreoffice` is not installed
//! (`scripts/setup` installs `libreoffice-writer-nogui`).

use crate::common;

use common::{run_in, Project};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn libreoffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("libreoffice"), d.join("soffice")])
        .find(|p| p.is_file())
}

/// Converts `docs` to PDF into `out`; returns the PDFs' paths in order.
fn convert(lo: &Path, docs: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    let profile = out.join("profile");
    let mut child = Command::new(lo)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out)
        .args(docs)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start libreoffice");
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let output = child.wait_with_output().expect("output");
            assert!(
                status.success(),
                "libreoffice failed: {}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("libreoffice did not finish in 300 s");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    docs.iter()
        .map(|d| out.join(d.with_extension("pdf").file_name().expect("name")))
        .collect()
}

fn assert_pdfs(pdfs: &[PathBuf]) {
    for pdf in pdfs {
        let bytes = std::fs::read(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        assert!(
            bytes.starts_with(b"%PDF-"),
            "{} is not a PDF",
            pdf.display()
        );
        assert!(
            bytes.len() > 1000,
            "{} is suspiciously small",
            pdf.display()
        );
    }
}

fn docx_files(public: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(public.join("templat"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_shipped_template_docx_converts_to_pdf() {
    let Some(lo) = libreoffice() else {
        eprintln!(
            "SKIP: libreoffice is not installed (scripts/setup installs libreoffice-writer-nogui)"
        );
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = std::fs::read_dir(root.join("content/templat"))
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
                .count()
        })
        .unwrap_or(0);
    let tmp = tempfile::tempdir().expect("temp dir");
    let public = tmp.path().join("public");
    let run = run_in(root, &["build", "--out", public.to_str().unwrap()], &[]);
    run.assert_no_panic();
    assert_eq!(
        run.code,
        Some(0),
        "shipped site does not build:\n{}",
        run.stderr
    );
    let docs = docx_files(&public);
    assert_eq!(docs.len(), sources, "one .docx per content/templat/*.md");
    if docs.is_empty() {
        eprintln!("note: no shipped templates yet (content/templat/ is empty)");
        return;
    }
    let pdf_dir = tmp.path().join("pdf");
    std::fs::create_dir_all(&pdf_dir).unwrap();
    assert_pdfs(&convert(&lo, &docs, &pdf_dir));
}

#[test]
fn fixture_template_with_every_construct_converts_to_pdf() {
    let Some(lo) = libreoffice() else {
        eprintln!(
            "SKIP: libreoffice is not installed (scripts/setup installs libreoffice-writer-nogui)"
        );
        return;
    };
    let p = Project::valid();
    p.write(
        "content/templat/lengkap.md",
        "---\njudul: Perjanjian Kerja Sama\njenis_dokumen: Perjanjian\nringkasan: Uji.\n\
diperbarui: 2026-11-01\nisian:\n  - { id: nomor, label: Nomor perjanjian }\n  - { id: pihak, label: Nama pihak kedua }\n---\n\
# PERJANJIAN KERJA SAMA\n\n## Pasal 1\n\nNomor: {{ nomor }}  \nAntara **Pemerintah** dan *{{ pihak }}* & mitra <lain>.\n\n\
1. satu\n   1. satu-satu\n   2. satu-dua\n2. dua\n   - butir\n\n> kutipan\n\n---\n\n\
| Pihak | Nama | Tanda tangan |\n|:--|:-:|--:|\n| I | Bupati | |\n| II | {{ pihak }} | |\n\n```\nkode\n```\n\n### Penutup\n\nSelesai.\n",
    );
    let run = p.run(&["build"]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let docs = docx_files(&p.path("public"));
    assert_eq!(docs.len(), 1);
    let out = p.path("pdf");
    std::fs::create_dir_all(&out).unwrap();
    assert_pdfs(&convert(&lo, &docs, &out));
}
