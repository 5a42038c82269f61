//! The flags `check` and `build` share: `--deny-warnings` (`-D warnings`)
//! and `--quiet`, what a CI job needs (warnings fail the job; only errors
//! shown), and `--today`, the day registry statuses are computed at.

use crate::diag::{Diagnostic, Lang};

#[derive(clap::Args, Debug, Default)]
pub(crate) struct WarningArgs {
    /// Treat warnings as errors: exit 1 (and `build` writes nothing).
    #[arg(long)]
    pub(crate) deny_warnings: bool,
    /// `-D warnings`: the same as --deny-warnings.
    #[arg(short = 'D', value_name = "WHAT", value_parser = ["warnings"])]
    pub(crate) deny: Option<String>,
    /// Print errors only: no warnings, no summary unless there are errors.
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,
    /// The day the registry's statuses and reminders are computed at
    /// (YYYY-MM-DD), over `build_date` of sopkb.toml and SOURCE_DATE_EPOCH.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub(crate) today: Option<String>,
}

/// `--today`: a calendar day written `YYYY-MM-DD`.
fn parse_day(text: &str) -> Result<String, String> {
    if crate::model::date::Date::parse_iso(text).is_ok() {
        Ok(text.to_owned())
    } else {
        Err("tulis tanggal sebagai TTTT-BB-HH, mis. 2026-12-07 / write the date as YYYY-MM-DD, e.g. 2026-12-07".to_owned())
    }
}

impl WarningArgs {
    pub(crate) fn denied(&self) -> bool {
        self.deny_warnings || self.deny.is_some()
    }

    /// The diagnostics to print: all of them, or only the errors when quiet.
    pub(crate) fn shown(&self, diags: &[Diagnostic]) -> Vec<Diagnostic> {
        diags
            .iter()
            .filter(|d| !self.quiet || d.is_error())
            .cloned()
            .collect()
    }

    /// True when the warnings among `diags` fail the run (no error among
    /// them: errors fail it anyway).
    pub(crate) fn fails_on_warnings(&self, diags: &[Diagnostic]) -> bool {
        self.denied() && !diags.is_empty() && !diags.iter().any(Diagnostic::is_error)
    }
}

/// The line saying why a run with only warnings failed.
pub(crate) fn denied_line(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "peringatan dianggap kesalahan (--deny-warnings)",
        Lang::En => "warnings treated as errors (--deny-warnings)",
    }
}
