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
            err!("{}", diag::render_terminal(&[d], &input.sources, lang));
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
            err!("{}", diag::render_terminal(&[d], &input.sources, lang));
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
        err!(
            "{}",
            diag::render_terminal(&plan.diags, &input.sources, lang)
        );
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
                    "selesai: {} entri ditulis ke content/kerja-sama/ ({} menimpa entri lama); tanggal angka dibaca hari/bulan/tahun (05/06/2023 = 5 Juni 2023)",
                    "done: {} entries written to content/kerja-sama/ ({} replaced existing ones); numeric dates read as day/month/year (05/06/2023 = 5 June 2023)",
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

#[cfg(test)]
mod tests {
    use super::convert::{convert, MAX_ID_BYTES};
    use super::emit::{emit, emit_checked};
    use super::*;
    use crate::diag::FileId;
    use crate::load::registry::RawAgreement;

    #[test]
    fn a_row_that_would_not_read_back_is_ks115_and_not_written() {
        let csv = format!(
            "{HEAD}KSDD,KB,Judul,Objek,Pemerintah Kabupaten Uji,1/2025,2025-01-02,2027-01-02,\n"
        );
        let mut sources = SourceMap::default();
        let file = add_source(&mut sources, "data.csv".into(), &csv);
        let mut diags = Vec::new();
        let rows = convert(&csv, file, &mut diags);
        assert_eq!(rows.len(), 1, "{diags:?}");
        // The real check accepts the row ...
        assert_eq!(emit(&rows, &mut diags).len(), 1, "{diags:?}");
        // ... a check that finds a difference refuses it, located at the row.
        let files = emit_checked(&rows, &mut diags, |_, _| Err("body differs".into()));
        assert!(files.is_empty());
        let d = diags.last().expect("a diagnostic");
        assert_eq!(Some(d.code), Some("KS115"));
        assert_eq!(d.span, Some(rows[0].origin));
    }

    #[test]
    fn a_sheet_over_the_row_limit_is_ks116_at_the_first_row_over_it() {
        let max = crate::limits::MAX_IMPORT_ROWS;
        let row = "KSDD,KB,Judul,Objek,Pemerintah Kabupaten Uji,1/2025,2025-01-02,2027-01-02,\n";
        let csv = format!("{HEAD}{}", row.repeat(max + 3));
        let (plan, sources) = plan_of(&csv);
        assert!(plan.files.is_empty());
        let d = plan
            .diags
            .iter()
            .find(|d| d.code == "KS116")
            .expect("KS116");
        let span = d.span.expect("located");
        // Header is line 1, so the first row over the limit is line max + 2.
        assert_eq!(sources.file(span.file).line_col(span.start).0, max + 2);
        let (fine, _) = plan_of(&format!("{HEAD}{}", row.repeat(2)));
        assert!(fine.diags.iter().all(|d| d.code != "KS116"));
    }

    fn plan_of(csv: &str) -> (Plan, SourceMap) {
        let mut sources = SourceMap::default();
        let file = add_source(&mut sources, "data.csv".into(), csv);
        let input = Input {
            sources,
            ..Input::empty("/nonexistent".into())
        };
        let plan = plan(&input, file, &Default::default(), false, Some("2026-01-01"));
        (plan, input.sources)
    }

    const HEAD: &str = "jenis,dokumen,judul,objek,pihak_nama,pihak_nomor,tanggal_tanda_tangan,tanggal_berakhir,keterangan\n";

    #[test]
    fn control_characters_are_refused_at_the_character() {
        for c in [
            '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}',
            '\u{2028}', '\u{feff}', '\r',
        ] {
            let csv = format!(
                "{HEAD}KSDD,KB,\"Ju\"\"dul{c}x\",Objek,\"A\nB\",\"1\n2\",2024-01-01,2025-01-01,\n"
            );
            let (plan, sources) = plan_of(&csv);
            let d = plan
                .diags
                .iter()
                .find(|d| d.code == "KS114")
                .unwrap_or_else(|| panic!("{c:?}: {:?}", plan.diags));
            let span = d.span.unwrap();
            assert_eq!(&csv[span.start..span.end], c.to_string(), "{c:?}");
            assert_eq!(
                sources.file(span.file).line_col(span.start),
                (2, 17),
                "{c:?}"
            );
            assert!(
                d.message
                    .en
                    .starts_with("spreadsheet row 2, column `judul`: "),
                "{}",
                d.message.en
            );
            assert!(plan.has_errors());
        }
        // Tabs and line breaks inside a cell are text.
        let csv = format!(
            "{HEAD}KSDD,KB,\"Judul\tx\",Objek,\"A\r\nB\",\"1\n2\",2024-01-01,2025-01-01,\"a\n\nb\"\n"
        );
        let (plan, _) = plan_of(&csv);
        assert!(!plan.has_errors(), "{:?}", plan.diags);
    }

    #[test]
    fn yaml_lookalikes_in_cells_become_plain_values_of_the_entry() {
        let csv = format!(
            "{HEAD}KSDD,KB,\"Judul\n---\nstatus: x\",\"&a *b !c {{{{ d }}}}\",\"A\nB\",\"1\n2\",2024-01-01,2025-01-01,\"isi\n---\njenis: KSDPL\"\n"
        );
        let (plan, _) = plan_of(&csv);
        assert!(!plan.has_errors(), "{:?}", plan.diags);
        let (name, text) = &plan.files[0];
        assert_eq!(name, "judul-status-x.md");
        let doc = crate::load::parse_doc::<RawAgreement>(FileId(0), text, "x".into()).unwrap();
        assert_eq!(doc.doc.raw.judul, "Judul\n---\nstatus: x");
        assert_eq!(doc.doc.raw.objek, "&a *b !c {{ d }}");
        assert_eq!(doc.doc.raw.jenis, "KSDD");
        assert_eq!(doc.body, "isi\n---\njenis: KSDPL\n");
    }

    #[test]
    fn bodies_get_the_link_rules_of_check_located_in_the_cell() {
        let csv = format!(
            "{HEAD}KSDD,KB,Judul,Objek,\"A\nB\",\"1\n2\",2024-01-01,2025-01-01,\"'-  Lihat [x](javascript:alert(1))\n![p](//pelacak.id/p.gif)\"\n"
        );
        let (plan, sources) = plan_of(&csv);
        let at = |code: &str| {
            let d = plan.diags.iter().find(|d| d.code == code).unwrap();
            let s = d.span.unwrap();
            (&csv[s.start..s.end], sources.file(s.file).line_col(s.start))
        };
        assert_eq!(at("URL001").0, "[x](javascript:alert(1))");
        assert_eq!(at("URL002"), ("//pelacak.id/p.gif", (5, 6)));
        assert!(plan.has_errors());
    }

    #[test]
    fn long_ids_are_refused() {
        let id = "a".repeat(MAX_ID_BYTES + 1);
        let csv =
            format!("id,{HEAD}{id},KSDD,KB,Judul,Objek,\"A\nB\",\"1\n2\",2024-01-01,2025-01-01,\n");
        let (plan, _) = plan_of(&csv);
        assert!(
            plan.diags.iter().any(|d| d.code == "KS111"),
            "{:?}",
            plan.diags
        );
    }
}
