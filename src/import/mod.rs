//! `sopkb import kerja-sama FILE.csv`: spreadsheet rows to registry entries.
//! Every row is converted and checked with the rules `check` applies to an
//! entry file (spans point into the CSV): cells with control characters are
//! refused, the front matter is written by serde_yaml and read back with the
//! loader, and entries are written only when no row has an error, so an
//! import never leaves a file `check` rejects.
//!
//! `convert` reads the sheet into rows (`row`), `plan` checks them and
//! `emit` writes their files' text; `load` reads the CSV and `output`
//! writes the entries.

mod convert;
mod emit;
mod plan;
mod row;
#[cfg(test)]
mod tests;

pub use self::plan::{plan, Plan};

use crate::console::{err, errln};
use crate::diag::{self, Diagnostic, FileId, Lang, SourceMap, Span};
use crate::exit;
use crate::load::import::{existing_ids, read_csv, Csv};
use crate::load::Input;
use crate::tr;
use std::path::Path;

/// `sopkb import kerja-sama FILE [--force]`: prints diagnostics and a
/// summary to stderr and returns the exit code.
pub(crate) fn run_import(root: &Path, file: &Path, force: bool) -> u8 {
    let mut ignored = Vec::new();
    let mut input = match crate::load::load(root, &mut ignored) {
        Ok(i) => i,
        Err(e) => {
            errln!("sopkb: {e}");
            return exit::FAILURE;
        }
    };
    let lang = lang(&input);
    if ignored.iter().any(|d| d.code == "CFG001") {
        errln!(
            "sopkb: {}",
            tr!(
                "`sopkb.toml` tidak ditemukan: jalankan di folder proyek atau berikan `--root FOLDER`",
                "`sopkb.toml` not found: run in the project folder or pass `--root DIR`"
            )
            .get(lang)
        );
        return exit::FAILURE;
    }
    let shown = file.to_string_lossy().replace('\\', "/");
    let text = match read_csv(file) {
        Ok(Csv::Text(t)) => t,
        Ok(Csv::TooLarge(len)) => {
            let d = crate::load::guard::too_large(&mut input.sources, &shown, len);
            err!("{}", diag::render_human(&[d], &input.sources, lang));
            return exit::CONTENT;
        }
        Ok(Csv::NotUtf8(at)) => {
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
            return exit::CONTENT;
        }
        Err(e) => {
            errln!("sopkb: {shown}: {e}");
            return exit::FAILURE;
        }
    };
    let csv_file = add_source(&mut input.sources, shown, &text);
    let dir = input.root.join("content/kerja-sama");
    if let Some(link) = crate::output::linked_folder(&input.root, Path::new("content/kerja-sama")) {
        let why = crate::output::link_refused(&input.root, &link);
        errln!("sopkb: {}", why.get(lang));
        return exit::FAILURE;
    }
    let existing = match existing_ids(&dir) {
        Ok(ids) => ids,
        Err(e) => {
            errln!("sopkb: content/kerja-sama: {e}");
            return exit::FAILURE;
        }
    };
    let build_date = input.config.as_ref().and_then(|c| c.1.build_date.clone());
    let plan = plan(&input, csv_file, &existing, force, build_date.as_deref());
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
        return exit::CONTENT;
    }
    match crate::output::entries::write_all(&dir, &plan.files, &plan.replaced) {
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
            exit::OK
        }
        Err(e) => {
            errln!("sopkb: content/kerja-sama: {e}");
            exit::FAILURE
        }
    }
}

/// The project's UI language for messages: `SOPKB_LANG`, else `sopkb.toml`.
pub(crate) fn lang(input: &Input) -> Lang {
    match std::env::var("SOPKB_LANG").as_deref() {
        Ok("en") => Lang::En,
        Ok("id") => Lang::Id,
        _ => match input.config.as_ref().and_then(|c| c.1.language.as_deref()) {
            Some("en") => Lang::En,
            _ => Lang::Id,
        },
    }
}

/// Registers the CSV text in the project's source map (BOM dropped).
pub fn add_source(sources: &mut SourceMap, shown: String, text: &str) -> FileId {
    sources.add(shown, text.trim_start_matches('\u{feff}').to_owned())
}
