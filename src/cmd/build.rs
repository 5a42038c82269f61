//! `sopkb build`: the whole pipeline into the output folder, atomically;
//! exit 1 on content errors (nothing written), and on warnings with
//! `--deny-warnings`; 2 on a failure. `--quiet` prints errors only.

use super::{EXIT_CONTENT, EXIT_FAILURE, EXIT_OK};
use crate::console::{err, errln};
use crate::diag::{self, Lang};
use crate::pipeline::{self, BuildError, BuildOptions};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(crate) struct BuildArgs {
    /// Output folder (default: <root>/public).
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Base URL, e.g. https://example.go.id/kb/ or /kb/.
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    /// Write into a non-empty output folder sopkb did not write; its files
    /// are kept, never deleted or overwritten.
    #[arg(long)]
    pub(crate) force: bool,
    #[command(flatten)]
    pub(crate) warnings: super::warnings::WarningArgs,
}

pub(super) fn run(root: PathBuf, args: BuildArgs) -> u8 {
    let opts = BuildOptions {
        root,
        out: args.out,
        base_url: args.base_url,
        force: args.force,
        deny_warnings: args.warnings.denied(),
    };
    let warnings = &args.warnings;
    match pipeline::build(&opts) {
        Ok(report) => {
            let c = &report.checked;
            let lang = Lang::from_env(c.lang());
            if warnings.quiet {
                // Quiet and successful: errors only, and there are none.
                return EXIT_OK;
            }
            if !c.diags.is_empty() {
                err!("{}", diag::render_human(&c.diags, &c.sources, lang));
            }
            let msg = match lang {
                Lang::Id => format!(
                    "selesai: {} SOP, {} berkas ditulis ke {}",
                    c.site.sops.len(),
                    report.files,
                    report.out.display()
                ),
                Lang::En => format!(
                    "done: {} SOPs, {} files written to {}",
                    c.site.sops.len(),
                    report.files,
                    report.out.display()
                ),
            };
            errln!("{msg}");
            EXIT_OK
        }
        Err(BuildError::Content(c)) => {
            let lang = Lang::from_env(c.lang());
            let shown = warnings.shown(&c.diags);
            if !shown.is_empty() {
                err!("{}", diag::render_human(&shown, &c.sources, lang));
            }
            if warnings.fails_on_warnings(&c.diags) {
                errln!("{}", super::warnings::denied_line(lang));
            }
            let msg = match lang {
                Lang::Id => "build dibatalkan: situs sebelumnya tidak diubah",
                Lang::En => "build aborted: the previous site is unchanged",
            };
            errln!("{msg}");
            err!("{}", diag::catalogue::hint(&c.diags, lang));
            EXIT_CONTENT
        }
        Err(BuildError::Failure(e)) => {
            errln!("sopkb: {e}");
            EXIT_FAILURE
        }
        Err(BuildError::Output(e)) => {
            errln!("sopkb: {}", e.message(Lang::from_env(Lang::Id)));
            e.exit_code()
        }
    }
}
