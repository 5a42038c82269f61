//! `sopkb import kerja-sama FILE.csv`: registry entries from a spreadsheet
//! export (the importer prints its own diagnostics and exit code).

use clap::ValueEnum;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(crate) struct ImportArgs {
    /// What to import.
    #[arg(value_enum)]
    pub(crate) what: ImportWhat,
    /// The CSV file (comma or semicolon separated, UTF-8 with or without BOM).
    pub(crate) file: PathBuf,
    /// Overwrite entries that already exist.
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ImportWhat {
    /// Cooperation registry entries (content/kerja-sama/).
    KerjaSama,
}

pub(super) fn run(root: &Path, args: ImportArgs) -> u8 {
    match args.what {
        ImportWhat::KerjaSama => crate::import::run_import(root, &args.file, args.force),
    }
}
