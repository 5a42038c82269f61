//! Input limits, in one place. Every limit is far above real content (the
//! seed SOPs have at most 36 steps, 8 lanes, 3 branches per decision, lists
//! of 5 items and texts of 352 characters) and low enough that any file
//! that passes them builds in seconds with bounded memory: the work of
//! rendering an SOP grows with steps × lanes (the swimlane), branches
//! (routed arrows) and text (wrapped lines, search index), and a file of
//! 100,000 steps took 16 s and 2.9 GB before these limits.
//!
//! The other limits of the input: every content file is at most
//! `crate::load::guard::MAX_FILE_BYTES` (10 MB, `FILE005`), YAML aliases may
//! not expand a file by more than its size plus 1 MB (`YAML006`), and a
//! YAML file has at most `MAX_YAML_NODES` values (`YAML007`). Each exceeded
//! limit is a located error; nothing is cut silently. Diagnostics printed
//! per file are capped at `crate::diag::MAX_PER_FILE` (the count of the
//! others is printed).
//!
//! A layer below `load`, which applies the YAML and Markdown limits while
//! reading; `validate/limits.rs` checks an SOP against the others.

use crate::diag::{Diagnostic, FileId, Span};
use crate::tr;

/// Values (scalars, lists, mappings, aliases) in one YAML file or front
/// matter (`YAML007`): a 10,000-step SOP has about 70,000. Recording the
/// location of millions of values took seconds and gigabytes.
pub(crate) const MAX_YAML_NODES: usize = 200_000;

/// Bytes of the Markdown text of one file after its front matter
/// (`FILE011`): a long article is 10-50 KB, a whole book about 1 MB.
/// Building a page takes up to ~550 bytes of memory per byte of Markdown
/// (a one-column table of `x` rows: five events, a cell and a row of HTML
/// per 2 bytes), so 2 MB took 1.1 GB; at 1 MB the worst file found peaks
/// near 550 MB.
pub(crate) const MAX_MARKDOWN_BYTES: usize = 1024 * 1024;

/// Steps of one SOP (`SOP024`).
pub(crate) const MAX_STEPS: usize = 500;

/// Data rows of one CSV that `sopkb import` turns into registry entries
/// (`KS116`). A region's registry holds hundreds of agreements; a sheet of
/// 100,000 rows (a wrong export) would flood `content/kerja-sama/` with
/// files and make every build slow.
pub(crate) const MAX_IMPORT_ROWS: usize = 5_000;

/// Lanes (`pelaksana`) of one SOP (`SOP024`).
pub(crate) const MAX_LANES: usize = 30;

/// Branches of one decision (`keputusan`) (`SOP024`).
pub(crate) const MAX_BRANCHES: usize = 10;

/// Items of any other list of an SOP (`kelengkapan`, `catatan`,
/// `dasar_hukum`, `waktu_kelompok`, ...) (`SOP024`).
pub(crate) const MAX_LIST_ITEMS: usize = 100;

/// Characters of all the text of one SOP (`SOP024`), 12 times the
/// largest seed (17 KB): its pages are about ten times its text (the
/// swimlane, the table, a drawing per step, the search index).
pub(crate) const MAX_SOP_TEXT_CHARS: usize = 200_000;

/// Characters of any text of an SOP (a `kegiatan`, a list item, a lane
/// name, a branch label, ...) (`SOP024`). Long enough for any table cell
/// and URL; longer explanations belong in an article.
pub(crate) const MAX_TEXT_CHARS: usize = 2_000;

/// `FILE011` when the Markdown `body` (at byte `body_start` of `file`) is
/// over `MAX_MARKDOWN_BYTES`, located where it goes over.
pub(crate) fn check_markdown(
    file: FileId,
    body: &str,
    body_start: usize,
) -> Result<(), Box<Diagnostic>> {
    if body.len() <= MAX_MARKDOWN_BYTES {
        return Ok(());
    }
    let mut at = MAX_MARKDOWN_BYTES;
    while !body.is_char_boundary(at) {
        at -= 1;
    }
    let at = body_start + at;
    Err(Box::new(
        Diagnostic::error(
            "FILE011",
            tr!(
                "teks Markdown terlalu panjang: {} byte (batas {} MB)",
                "the Markdown text is too long: {} bytes (the limit is {} MB)",
                body.len(),
                MAX_MARKDOWN_BYTES >> 20
            ),
        )
        .at(Span::new(file, at, at + 1))
        .label(tr!("batas terlampaui di sini", "limit exceeded here"))
        .help(tr!(
            "pecah tulisan menjadi beberapa halaman yang saling merujuk",
            "split the text into several pages that link to each other"
        )),
    ))
}
