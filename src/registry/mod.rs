//! The cooperation registry (daftar kerja sama): raw entries, checked
//! model and status, validation rules, open data, charts and CSV import.
//! Entries are loaded by `load`, checked here, rendered by `render::registry`.

pub(crate) mod chart;
pub mod csv;
pub mod data;
pub(crate) mod date;
pub mod import;
mod io;
pub(crate) mod model;
pub(crate) mod raw;
pub(crate) mod validate;

pub(crate) use model::{Agreement, Registry};

use crate::console::{err, errln};
use crate::diag::{self, Diagnostic, Span};
use crate::tr;
use std::path::Path;

use crate::exit::{CONTENT as EXIT_CONTENT, FAILURE as EXIT_FAILURE, OK as EXIT_OK};

/// `sopkb import kerja-sama FILE [--force]`: prints diagnostics and a
/// summary to stderr and returns the exit code.
pub(crate) fn run_import(root: &Path, file: &Path, force: bool) -> u8 {
    let mut ignored = Vec::new();
    let mut input = match crate::load::load(root, &mut ignored) {
        Ok(i) => i,
        Err(e) => {
            errln!("sopkb: {e}");
            return EXIT_FAILURE;
        }
    };
    let lang = import::lang(&input);
    if ignored.iter().any(|d| d.code == "CFG001") {
        errln!(
            "sopkb: {}",
            tr!(
                "`sopkb.toml` tidak ditemukan: jalankan di folder proyek atau berikan `--root FOLDER`",
                "`sopkb.toml` not found: run in the project folder or pass `--root DIR`"
            )
            .get(lang)
        );
        return EXIT_FAILURE;
    }
    let shown = file.to_string_lossy().replace('\\', "/");
    let text = match io::read_csv(file) {
        Ok(io::Csv::Text(t)) => t,
        Ok(io::Csv::TooLarge(len)) => {
            let d = crate::load::guard::too_large(&mut input.sources, &shown, len);
            err!("{}", diag::render_human(&[d], &input.sources, lang));
            return EXIT_CONTENT;
        }
        Ok(io::Csv::NotUtf8(at)) => {
            let id = input.sources.add(shown.clone(), String::new());
            let d = Diagnostic::error(
                "KS101",
                tr!(
                    "berkas bukan UTF-8 yang sah (byte ke-{})",
                    "file is not valid UTF-8 (byte {})",
                    at
                ),
            )
            .at(Span::new(id, 0, 0))
            .help(tr!(
                "simpan ulang sebagai \"CSV UTF-8\" dari program spreadsheet",
                "save it again as \"CSV UTF-8\" from the spreadsheet program"
            ));
            err!("{}", diag::render_human(&[d], &input.sources, lang));
            return EXIT_CONTENT;
        }
        Err(e) => {
            errln!("sopkb: {shown}: {e}");
            return EXIT_FAILURE;
        }
    };
    let csv_file = import::add_source(&mut input.sources, shown, &text);
    let dir = input.root.join("content/kerja-sama");
    if let Some(link) = crate::output::linked_folder(&input.root, Path::new("content/kerja-sama")) {
        let why = crate::output::link_refused(&input.root, &link);
        errln!("sopkb: {}", why.get(lang));
        return EXIT_FAILURE;
    }
    let existing = match io::existing_ids(&dir) {
        Ok(ids) => ids,
        Err(e) => {
            errln!("sopkb: content/kerja-sama: {e}");
            return EXIT_FAILURE;
        }
    };
    let build_date = input.config.as_ref().and_then(|c| c.1.build_date.clone());
    let plan = import::plan(&input, csv_file, &existing, force, build_date.as_deref());
    if !plan.diags.is_empty() {
        err!("{}", diag::render_human(&plan.diags, &input.sources, lang));
    }
    if plan.has_errors() {
        errln!(
            "{}",
            tr!(
                "impor dibatalkan: tidak ada berkas yang ditulis",
                "import aborted: no file was written"
            )
            .get(lang)
        );
        return EXIT_CONTENT;
    }
    match io::write_all(&dir, &plan.files, &plan.replaced) {
        Ok(written) => {
            errln!(
                "{}",
                tr!(
                    "selesai: {} entri ditulis ke content/kerja-sama/ ({} menimpa entri lama)",
                    "done: {} entries written to content/kerja-sama/ ({} replaced existing ones)",
                    written.len(),
                    plan.replaced.len()
                )
                .get(lang)
            );
            EXIT_OK
        }
        Err(e) => {
            errln!("sopkb: content/kerja-sama: {e}");
            EXIT_FAILURE
        }
    }
}
