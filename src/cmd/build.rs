//! `sopkb build`: the whole pipeline into the output folder, atomically;
//! exit 1 on content errors (nothing written), and on warnings with
//! `--deny-warnings`; 2 on a failure. `--quiet` prints errors only; else a
//! progress display on a terminal (`progress`) and one summary line.

use super::{EXIT_CONTENT, EXIT_FAILURE, EXIT_OK};
use crate::console::{err, errln};
use crate::diag::{self, Lang};
use crate::pipeline::{self, BuildError, BuildOptions, BuildReport};
use std::path::PathBuf;
use std::time::{Duration, Instant};

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
    /// Publish drafts (`draf: true`) too, each with a banner.
    #[arg(long)]
    pub(crate) drafts: bool,
    #[command(flatten)]
    pub(crate) warnings: super::warnings::WarningArgs,
}

pub(super) fn run(root: PathBuf, args: BuildArgs, verbose: bool) -> u8 {
    let started = Instant::now();
    // Verbose prints a line per stage instead; quiet prints nothing.
    let progress = (!args.warnings.quiet && !verbose && crate::console::stderr_is_terminal())
        .then(|| crate::progress::start(Lang::from_env(Lang::Id) == Lang::En))
        .flatten();
    let opts = BuildOptions {
        root,
        out: args.out,
        base_url: args.base_url,
        force: args.force,
        deny_warnings: args.warnings.denied(),
        today: args.warnings.today.clone(),
        drafts: args.drafts,
    };
    let warnings = &args.warnings;
    let built = pipeline::build(&opts);
    if let Some(p) = progress {
        p.finish();
    }
    match built {
        Ok(report) => {
            let c = &report.checked;
            let lang = Lang::from_env(c.lang());
            if warnings.quiet {
                // Quiet and successful: errors only, and there are none.
                return EXIT_OK;
            }
            if !c.diags.is_empty() {
                err!("{}", diag::render_terminal(&c.diags, &c.sources, lang));
            }
            errln!("{}", summary(&report, lang, started.elapsed()));
            EXIT_OK
        }
        Err(BuildError::Content(c)) => {
            let lang = Lang::from_env(c.lang());
            let shown = warnings.shown(&c.diags);
            if !shown.is_empty() {
                err!("{}", diag::render_terminal(&shown, &c.sources, lang));
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

/// The last line of a successful build: pages per kind, files written,
/// warnings, elapsed time.
fn summary(report: &BuildReport, lang: Lang, elapsed: Duration) -> String {
    let site = &report.checked.site;
    let counts = site.counts();
    let warnings = report.checked.diags.len();
    let out = report.out.display();
    let secs = elapsed.as_secs_f64();
    match lang {
        Lang::Id => format!(
            "selesai dalam {} detik: {} SOP, {} dasar hukum, {} artikel, {} templat, \
             {} kerja sama; {} berkas ditulis ke {out}; {warnings} peringatan",
            format!("{secs:.2}").replace('.', ","),
            counts.sops,
            counts.legal,
            counts.articles,
            counts.templates,
            counts.agreements,
            report.files,
        ),
        Lang::En => format!(
            "done in {secs:.2} s: {}, {}, {}, {}, {}; {} written to {out}; {}",
            english(counts.sops, "SOP", "SOPs"),
            english(counts.legal, "legal basis", "legal bases"),
            english(counts.articles, "article", "articles"),
            english(counts.templates, "template", "templates"),
            english(counts.agreements, "agreement", "agreements"),
            english(report.files, "file", "files"),
            english(warnings, "warning", "warnings"),
        ),
    }
}

/// `1 file`, `2 files` (Indonesian nouns do not change with the number).
fn english(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
