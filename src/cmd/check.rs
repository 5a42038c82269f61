//! `sopkb check`: load and validate; every diagnostic on stderr (human) or
//! stdout (`--format json`); exit 1 on content errors.

use super::{EXIT_CONTENT, EXIT_FAILURE, EXIT_OK};
use crate::console::{err, errln, out};
use crate::diag::{self, Lang};
use crate::pipeline;
use clap::ValueEnum;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub(crate) struct CheckArgs {
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
}

pub(super) fn run(root: &Path, args: CheckArgs) -> u8 {
    let format = args.format;
    let checked = match pipeline::check(root) {
        Ok(c) => c,
        Err(e) => {
            errln!("sopkb: {e}");
            return EXIT_FAILURE;
        }
    };
    let lang = Lang::from_env(checked.lang());
    match format {
        Format::Human => err!(
            "{}",
            diag::render_human(&checked.diags, &checked.sources, lang)
        ),
        Format::Json => out!(
            "{}",
            diag::render_json(&checked.diags, &checked.sources, lang)
        ),
    }
    if let Format::Human = format {
        err!("{}", diag::catalogue::hint(&checked.diags, lang));
    }
    if checked.has_errors() {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }
}
