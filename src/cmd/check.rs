//! `sopkb check`: load and validate; every diagnostic on stderr (human) or
//! stdout (`--format json`); exit 1 on content errors (and on warnings
//! with `--deny-warnings`); `--quiet` prints errors only.

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
    #[command(flatten)]
    pub(crate) warnings: super::warnings::WarningArgs,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
}

pub(super) fn run(root: &Path, args: CheckArgs) -> u8 {
    let format = args.format;
    let checked = match pipeline::check_on(
        root,
        args.warnings.today.as_deref(),
        pipeline::Drafts::Check,
    ) {
        Ok(c) => c,
        Err(e) => {
            errln!("sopkb: {e}");
            return EXIT_FAILURE;
        }
    };
    let lang = Lang::from_env(checked.lang());
    let warnings = &args.warnings;
    let denied = warnings.fails_on_warnings(&checked.diags);
    match format {
        Format::Human => {
            let shown = warnings.shown(&checked.diags);
            // Quiet: nothing at all (not even the summary) when all is well.
            if !warnings.quiet || !shown.is_empty() {
                err!("{}", diag::render_terminal(&shown, &checked.sources, lang));
            }
            if denied {
                errln!("{}", super::warnings::denied_line(lang));
            }
            err!("{}", diag::catalogue::hint(&checked.diags, lang));
        }
        // The JSON report is always complete: a program filters it.
        Format::Json => out!(
            "{}",
            diag::render_json(&checked.diags, &checked.sources, lang)
        ),
    }
    if checked.has_errors() || denied {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }
}
